"""Tabular exports: fixed schemas, one row per member, Parquet and CSV that read back; the partitioned layout and
the JSON lines result (the outputs the Ray workers write per event, here made by the driver)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from coverage import HashingEmbedder, Settings, compare
from coverage.cli import cli
from coverage.engine.outputs import EventOutputs
from coverage.model import Comparison, Corpus
from coverage.report.jsonio import event_line, from_json_lines, iter_json_lines, to_json
from coverage.report.tables import (
    CORPUS_TABLES,
    LIST_SEPARATOR,
    PARTITION,
    TABLES,
    corpus_schemas,
    partition_file,
    read_partitioned,
    remove_stale_partitions,
    schemas,
    tables,
    write_exports,
)

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
    "Fuel prices doubled on January 1, which started the first protests in the oil town of Zhanaozen.",
]
QUOTE = '"We will restore order," Tokayev said in a televised address to the nation on Friday evening.'


@pytest.fixture
def comparison(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Comparison:
    write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join([*P[:3], QUOTE]),
            "beta/b.json": {
                "title": "Kazakhstan detains thousands",
                "text": "\n\n".join([P[1], P[0], QUOTE]),
                "published": "2022-01-09",
            },
            "gamma/c.md": "---\ntitle: Fuel prices and the unrest\ndate: 2022-01-10\n---\n\n"
            + "\n\n".join([P[3], P[0]]),
        }
    )
    monkeypatch.chdir(tmp_path)
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    return compare(Path("corpus"), settings, embedder=HashingEmbedder())


def test_tables_have_the_fixed_schemas(comparison: Comparison) -> None:
    result = tables(comparison)
    assert tuple(result) == TABLES
    for name, frame in result.items():
        assert frame.schema == schemas()[name], name
        assert frame["event_id"].null_count() == 0


def test_row_counts_match_the_comparison(comparison: Comparison) -> None:
    result = tables(comparison)
    events = comparison.events
    assert result["articles"].height == sum(len(e.articles) for e in events) == len(comparison.corpus.articles)
    assert result["paragraphs"].height == sum(len(a.paragraphs) for e in events for a in e.articles)
    assert result["links"].height == sum(len(e.links) for e in events)
    assert result["units"].height == sum(len(u.members) for e in events for u in e.units)
    assert result["facts"].height == sum(len(f.evidence) for e in events for f in e.facts)
    assert result["figures"].height == sum(len(g.mentions) for e in events for g in e.figures)
    assert result["quotes"].height == sum(len(q.variants) for e in events for q in e.quotes)
    # the fixture is built so that the tables that can be empty are not
    for name in ("links", "units", "facts", "figures", "quotes"):
        assert result[name].height > 0, name


def test_rows_join_back_to_paragraphs(comparison: Comparison) -> None:
    result = tables(comparison)
    keys = ["event_id", "article_id", "paragraph"]
    paragraphs = result["paragraphs"].select([*keys, "outlet", pl.col("text").alias("paragraph_text")])
    for name in ("units", "facts", "figures", "quotes"):
        frame = result[name]
        joined = frame.join(paragraphs, on=keys, how="left", suffix="_p")
        assert joined["paragraph_text"].null_count() == 0, name
        assert (joined["outlet"] == joined["outlet_p"]).all(), name
    figures = result["figures"].join(paragraphs, on=keys)
    assert all(text in para for text, para in zip(figures["text"], figures["paragraph_text"], strict=True))


def test_group_ids_and_values(comparison: Comparison) -> None:
    figures = tables(comparison)["figures"]
    event = comparison.events[0]
    first = figures.filter(pl.col("group_id") == f"{event.id}-g1")
    group = event.figures[0]
    assert first.height == len(group.mentions)
    assert first["kind"].unique().to_list() == [str(group.kind)]
    assert first["value"].to_list() == [m.figure.value for m in group.mentions]


def test_parquet_round_trip_and_csv(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    written = write_exports(comparison, out)
    assert [p.name for p in written] == [f"{n}.{ext}" for n in TABLES for ext in ("parquet", "csv")]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in written)  # no temporary files left
    result = tables(comparison)
    for name in TABLES:
        assert pl.read_parquet(out / f"{name}.parquet").equals(result[name])
        csv = pl.read_csv(out / f"{name}.csv")
        assert csv.columns == result[name].columns
        assert csv.height == result[name].height
    articles = pl.read_csv(out / "articles.csv", try_parse_dates=True)
    assert articles["article_id"].to_list() == result["articles"]["article_id"].to_list()
    expected = [LIST_SEPARATOR.join(x) for x in result["units"]["outlets"].to_list()]
    assert pl.read_csv(out / "units.csv")["outlets"].to_list() == expected


def test_exports_are_deterministic(comparison: Comparison, tmp_path: Path) -> None:
    first = [p.read_bytes() for p in write_exports(comparison, tmp_path / "one")]
    second = [p.read_bytes() for p in write_exports(comparison, tmp_path / "two")]
    assert first == second


def test_empty_comparison_gives_empty_tables_with_schema(tmp_path: Path) -> None:
    empty = Comparison(Corpus(tmp_path, 0, (), ()), (), "none")
    result = tables(empty)
    for name, frame in result.items():
        assert frame.height == 0
        assert frame.schema == schemas()[name]
    written = write_exports(empty, tmp_path / "out")
    assert len(written) == 2 * len(TABLES)
    assert pl.read_parquet(tmp_path / "out" / "figures.parquet").schema == schemas()["figures"]
    assert pl.read_csv(tmp_path / "out" / "quotes.csv").columns == list(schemas()["quotes"])


def comparable(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with its rows in a canonical order (list columns as text for sorting): tables compare as sets of rows
    whatever order their files were read in."""
    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    frame = frame.with_columns(pl.col(name).list.join("\x1f") for name in lists)
    return frame.sort(frame.columns, nulls_last=True)


def test_partitioned_layout_reads_back_as_the_single_files(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    outputs = EventOutputs(partitions=out)
    written = outputs.write_partitions(comparison)
    assert outputs.made_on_driver == len(comparison.events)  # no worker here: the driver wrote every partition
    events = [e.id for e in comparison.events]
    partitions = [partition_file(out, name, event) for event in events for name in TABLES]
    assert written == [*partitions, *(out / f"{name}.parquet" for name in CORPUS_TABLES)]
    assert not [p for p in out.rglob("*") if p.name.startswith(".")]  # no temporary files left
    single = tables(comparison)
    for name in TABLES:
        for event in events:  # every event has its partition in every table, without the partition column
            part = pl.read_parquet(partition_file(out, name, event))
            assert part.schema == pl.Schema({k: v for k, v in schemas()[name].items() if k != PARTITION})
        back = read_partitioned(out, name).collect()
        assert back.schema == schemas()[name], name
        assert comparable(back).equals(comparable(single[name])), name
        scanned = pl.scan_parquet(out / name / "**" / "*.parquet", hive_partitioning=True).collect()
        assert scanned.height == single[name].height and scanned[PARTITION].dtype == pl.String
    corpus = {name: pl.read_parquet(out / f"{name}.parquet") for name in CORPUS_TABLES}
    assert all(corpus[name].schema == corpus_schemas()[name] for name in CORPUS_TABLES)
    assert corpus["events"]["event_id"].to_list() == events
    assert corpus["skipped"].height == len(comparison.corpus.skipped)
    assert corpus["outlets"]["outlet"].to_list() == list(comparison.corpus.outlets)
    assert corpus["outlets"]["n_articles"].sum() == len(comparison.corpus.articles)


def test_a_rerun_removes_partitions_of_events_that_are_gone(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    EventOutputs(partitions=out).write_partitions(comparison)
    gone = partition_file(out, "facts", "E99")
    extra = partition_file(out, "facts", comparison.events[0].id).with_name("part-7.parquet")
    for path in (gone, extra):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(partition_file(out, "facts", comparison.events[0].id).read_bytes())
    notes = out / "facts" / "notes.txt"
    notes.write_text("mine", encoding="utf-8")
    EventOutputs(partitions=out).write_partitions(comparison)
    assert not gone.exists() and not gone.parent.exists() and not extra.exists()
    assert notes.read_text(encoding="utf-8") == "mine"  # only the layout's own files are removed
    assert read_partitioned(out, "facts").collect().height == tables(comparison)["facts"].height
    remove_stale_partitions(out, set())  # what a run of the single-file layout does with an earlier run's partitions
    assert [p.name for p in out.iterdir() if p.is_dir()] == ["facts"] and notes.is_file()


def test_outputs_a_worker_made_are_kept_and_changed_events_made_again(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "exports"
    outputs = EventOutputs(partitions=out, json_lines=True)
    first, *rest = comparison.events
    for event in comparison.events:  # as the Ray workers do, each event as it is built
        outputs.record(event, outputs.spec.produce(event))
    assert outputs.recorded == len(comparison.events)
    marker = '{"made": "by the worker"}'
    outputs.record(first, marker)
    sampled = dataclasses.replace(rest[0], left_out=("gone.txt",)) if rest else None
    changed = dataclasses.replace(comparison, events=(first, *([sampled] if sampled else []), *rest[1:]))
    lines = list(outputs.json_lines(changed))
    assert lines[1] == marker + "\n"  # the worker's line for the very event it built
    if sampled is not None:  # an event the pipeline changed after it was built (a sample) is made again
        assert lines[2] == event_line(sampled) + "\n" and '"sample"' in lines[2]
    outputs.write_partitions(changed)
    assert outputs.made_on_driver == (1 if sampled else 0)
    partition_file(out, "quotes", first.id).unlink()  # a partition missing on disk is written again
    outputs.write_partitions(changed)
    assert partition_file(out, "quotes", first.id).is_file()


def test_json_lines_reassemble_into_the_json_result(comparison: Comparison) -> None:
    lines = list(iter_json_lines(comparison))
    assert len(lines) == 1 + len(comparison.events) and all(line.count("\n") == 1 for line in lines)
    head = json.loads(lines[0])
    assert head["n_events"] == len(comparison.events) and "events" not in head
    assert head["input"]["skipped"] == json.loads(to_json(comparison))["input"]["skipped"]
    assert from_json_lines(lines) == json.loads(to_json(comparison))
    with pytest.raises(ValueError, match="announces"):
        from_json_lines(lines[:-1])
    with pytest.raises(ValueError, match="header"):
        from_json_lines(lines[1:])


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["compare", *args, "--model", "hashing", "--no-cache"])
    return result.exit_code, result.stdout, result.stderr


def test_cli_json_lines_and_partitioned_export_on_the_local_engine(comparison: Comparison, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = _cli(
        "corpus",
        "--set",
        "events.threshold=0.05",
        *("--json", str(out / "result.json"), "--json-lines", str(out / "result.jsonl")),
        *("--export", str(out / "tables"), "--export-layout", "both"),
    )
    assert code == 0, err
    document = json.loads((out / "result.json").read_text(encoding="utf-8"))
    assert from_json_lines((out / "result.jsonl").read_text(encoding="utf-8").splitlines()) == document
    for name in TABLES:
        single = pl.read_parquet(out / "tables" / f"{name}.parquet")
        assert comparable(read_partitioned(out / "tables", name).collect()).equals(comparable(single)), name
    code, stdout, err = _cli("corpus", "--set", "events.threshold=0.05", "--json-lines", "-")
    assert code == 0, err
    assert from_json_lines(stdout.splitlines()) == document


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--export", "afile/tables"), "afile is a file, not a folder"),
        (("--json-lines", "afile/result.jsonl"), "afile is a file, not a folder"),
        (("--json-lines", "adir"), "is a folder"),
        (("--json", "same.json", "--json-lines", "same.json"), "same output"),
        (("--json", "-", "--json-lines", "-"), "same output"),
        (("--json-lines", "corpus/alpha/a.txt"), "is an input file"),
        (("--export-layout", "partitioned"), "give --export DIR too"),
        (("--export", "out", "--json-lines", "out/facts.parquet"), "is a file --export out writes"),
    ],
)
def test_bad_output_paths_give_a_one_line_error(comparison: Comparison, args: tuple[str, ...], message: str) -> None:
    Path("afile").write_text("x", encoding="utf-8")
    Path("adir").mkdir()
    code, _, err = _cli("corpus", *args)
    assert code == 2, err
    assert message in err and err.strip().count("\n") == 0


def test_export_never_overwrites_a_table_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    table = tmp_path / "data" / "articles.parquet"
    pl.DataFrame(
        {"outlet": ["A", "B"], "title": ["One", "Two"], "text": ["Some text here.", "Other text."]}
    ).write_parquet(table)
    before = table.read_bytes()
    for layout in ("files", "partitioned"):
        code, _, err = _cli(str(table), "--export", "data", "--export-layout", layout)
        assert code == 2 and "would overwrite the input" in err and err.strip().count("\n") == 0, err
    assert table.read_bytes() == before
