"""The Ray engine gives the local engine's result: the same JSON (events, facts, figures, quotes, skips); its workers
write the partitioned Parquet tables and the JSON lines as they finish each event.

The tests share one local Ray instance (2 CPUs, no dashboard) started by a module fixture; they skip with the reason
when Ray is not installed or cannot start on this machine. The model-free hashing embedder keeps them short.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coverage.cli import cli
from coverage.report.jsonio import iter_json

DEMO = Path(__file__).resolve().parents[1] / "datasets" / "kazakhstan-2022"

# Ray's own modules warn about their deprecated settings at import and start; not this package's concern.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(autouse=True)
def one_blas_thread() -> Iterator[None]:
    """Both engines with one BLAS thread, as Ray runs each actor (``OMP_NUM_THREADS=1``): the analysis is exactly
    reproducible for a given thread count only (matrix products summed in another order differ in the last bits,
    and a cosine at a threshold can fall either way; the demo's JSON differs between 1 and 2 threads locally too)."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[None]:
    try:
        import ray
        import ray.data
    except ImportError as exc:
        pytest.skip(f"Ray is not installed ({exc}): pip install 'news-coverage[ray]'")
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    except Exception as exc:  # any failure to start (no shared memory, no ports) means: skip, with the reason
        pytest.skip(f"Ray cannot start on this machine: {exc}")
    yield
    ray.shutdown()


VOLATILE = ("generated", "elapsed", "seconds", "created")
"""Keys whose values may differ between two runs of one analysis (none today; kept out of the comparison)."""


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _cli_json(folder: Path, *extra: str) -> Any:
    args = ["compare", str(folder), "--model", "hashing", "--no-cache", "--json", "-", *extra]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return _stable(json.loads(result.stdout))


def test_demo_gives_the_same_json_on_ray_as_locally(ray_instance: None) -> None:
    local = _cli_json(DEMO)
    on_ray = _cli_json(DEMO, "--engine", "ray")
    assert local["events"] and any(e.get("facts") for e in local["events"])  # a comparison with something in it
    assert on_ray == local


def _mixed_corpus(root: Path) -> Path:
    """Some demo articles as .txt, .json and .jsonl, a byte-identical copy, a hidden file and a broken record."""
    folder = root / "mixed"
    articles = sorted(p for p in DEMO.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".json"))[:24]
    for path in articles:
        target = folder / path.relative_to(DEMO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    first = articles[0]
    shutil.copyfile(first, folder / f"copy-of-{first.name}")
    (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
    (folder / "wire").mkdir(exist_ok=True)
    rows = [
        {"outlet": "Wire", "title": "Protests spread", "text": "Protests spread to three more cities on Wednesday."},
        {"outlet": "Wire", "title": "No text"},
    ]
    (folder / "wire" / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken", encoding="utf-8")
    return folder


def _api_json(source: Path, engine: str) -> Any:
    from coverage.engine import compare
    from coverage.settings import Settings

    settings = Settings().replace(embedding={"model": "hashing", "cache": False})
    return _stable(json.loads("".join(iter_json(compare(source, settings, engine=engine)))))


def test_mixed_folder_and_parquet_table_give_the_same_json_on_ray(ray_instance: None, tmp_path: Path) -> None:
    import polars as pl

    from coverage import load_corpus

    folder = _mixed_corpus(tmp_path)
    corpus = load_corpus(folder)
    assert {s.reason.name for s in corpus.skipped} >= {"DUPLICATE", "HIDDEN", "INVALID_JSON", "BAD_RECORD"}
    assert _api_json(folder, "ray") == _api_json(folder, "local")
    table = tmp_path / "table.parquet"
    pl.DataFrame(
        {
            "media_name": [a.outlet for a in corpus.articles] + ["Wire"],
            "title": [a.title for a in corpus.articles] + ["Empty"],
            "text": ["\n\n".join(a.paragraphs) for a in corpus.articles] + [None],
        }
    ).write_parquet(table)
    local = _api_json(table, "local")
    assert len(local["input"]["skipped"]) == 1
    assert _api_json(table, "ray") == local


def _comparable(frame: Any) -> Any:
    """A table's rows in a canonical order (list columns as text), volatile columns aside: tables compare as sets."""
    import polars as pl

    frame = frame.drop([c for c in frame.columns if c in VOLATILE])
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    frame = frame.with_columns(pl.col(name).list.join("\x1f") for name in lists)
    return frame.sort(frame.columns, nulls_last=True)


def test_ray_workers_write_the_partitions_and_the_json_lines(ray_instance: None, tmp_path: Path) -> None:
    from coverage.engine import EventOutputs, compare
    from coverage.report.jsonio import from_json_lines, to_json
    from coverage.report.tables import TABLES, read_partitioned, tables
    from coverage.settings import Settings

    folder = _mixed_corpus(tmp_path)
    out = tmp_path / "tables"
    outputs = EventOutputs(partitions=out, json_lines=True)
    settings = Settings().replace(embedding={"model": "hashing", "cache": False})
    result = compare(folder, settings, engine="ray", outputs=outputs)
    assert len(result.events) > 1
    assert outputs.recorded == len(result.events)  # every event's outputs came back from the worker that built it
    assert all(p.is_file() for e in result.events for p in (out / "facts").glob(f"event_id={e.id}/part-0.parquet"))
    outputs.write_partitions(result)
    assert outputs.made_on_driver == 0  # the driver wrote none of them again
    single = tables(result)
    for name in TABLES:
        assert _comparable(read_partitioned(out, name).collect()).equals(_comparable(single[name])), name
    assert from_json_lines(outputs.json_lines(result)) == json.loads(to_json(result))


@pytest.fixture(scope="module")
def ray_cli_run(ray_instance: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One CLI run on Ray of the mixed folder with ``--export`` (its default layout: partitioned), ``--json`` and
    ``--json-lines``, shared by the tests below."""
    from threadpoolctl import threadpool_limits

    root = tmp_path_factory.mktemp("ray-cli")
    paths = {
        "folder": _mixed_corpus(root),
        "tables": root / "tables",
        "json": root / "r.json",
        "jsonl": root / "r.jsonl",
    }
    args = ["compare", str(paths["folder"]), "--model", "hashing", "--no-cache", "--engine", "ray", "-q"]
    args += ["--export", str(paths["tables"]), "--json", str(paths["json"]), "--json-lines", str(paths["jsonl"])]
    with threadpool_limits(limits=1):
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return paths


def test_ray_cli_export_is_partitioned_with_every_event_and_json_lines_equal_json(ray_cli_run: dict[str, Path]) -> None:
    import polars as pl

    from coverage.report.jsonio import from_json_lines
    from coverage.report.tables import CORPUS_TABLES, TABLES

    out = ray_cli_run["tables"]
    document = json.loads(ray_cli_run["json"].read_text(encoding="utf-8"))
    events = [e["id"] for e in document["events"]]
    assert pl.read_parquet(out / "events.parquet")["event_id"].to_list() == events
    assert pl.read_parquet(out / "skipped.parquet").height == len(document["input"]["skipped"]) > 0
    for name in TABLES:  # one partition per event in every table, and nothing else
        assert sorted(p.name for p in (out / name).iterdir()) == sorted(f"event_id={e}" for e in events), name
        assert not (out / f"{name}.parquet").exists() and not (out / f"{name}.csv").exists()
    assert {p.name for p in out.iterdir() if p.is_file()} == {
        *(f"{n}.parquet" for n in CORPUS_TABLES),
        "written-by-coverage.txt",
    }
    lines = ray_cli_run["jsonl"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(events)
    assert from_json_lines(lines) == document


def test_ray_partitioned_export_equals_the_local_single_files(ray_cli_run: dict[str, Path], tmp_path: Path) -> None:
    import polars as pl

    from coverage.report.tables import TABLES, read_partitioned

    local = tmp_path / "local"
    args = ["compare", str(ray_cli_run["folder"]), "--model", "hashing", "--no-cache", "-q", "--export", str(local)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for name in TABLES:
        single = pl.read_parquet(local / f"{name}.parquet")
        on_ray = read_partitioned(ray_cli_run["tables"], name).collect()
        assert on_ray.schema == single.schema, name
        assert _comparable(on_ray).equals(_comparable(single)), name


def test_without_ray_the_error_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    monkeypatch.setitem(sys.modules, "ray.data", None)
    result = CliRunner().invoke(cli, ["compare", str(DEMO), "--model", "hashing", "--no-cache", "--engine", "ray"])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "news-coverage[ray]" in result.stderr


@pytest.mark.slow
def test_ecbplus_gives_the_same_json_on_ray(ray_instance: None, tmp_path: Path) -> None:
    from coverage.evaluation.adapters import ecbplus_to_folder

    source = Path(os.environ.get("COVERAGE_DATASETS", Path(__file__).resolve().parents[2] / "shared" / "datasets"))
    if not (source / "ecbplus").is_dir():
        pytest.skip(f"ECB+ not found under {source}")
    folder = ecbplus_to_folder(source / "ecbplus", tmp_path / "ecbplus")
    local = _api_json(folder, "local")
    assert len(local["events"]) > 10
    assert _api_json(folder, "ray") == local
