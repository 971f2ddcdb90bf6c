"""The rough edges of the command line (issue 17): names, devices and models checked up front, a missing FOLDER
explained, stale reports removed, the HTML and SQLite outputs, wrapped facts, evaluate's unscored files, examples
in every help."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coverage.cli import MANIFEST, cli
from coverage.cli._base import _distillation_notice
from coverage.settings import Settings

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty, the "
    "largest city, where the protests had turned violent on Wednesday night.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
]
FAST = ["--model", "hashing", "--no-cache"]


@pytest.fixture
def corpus(write) -> Path:
    return write(
        {
            "liberty-post/a.json": {"title": "Unrest in Kazakhstan", "text": "\n\n".join(P), "outlet": "Liberty Post"},
            "beta/b.json": {
                "title": "Kazakhstan detains thousands",
                "text": "\n\n".join(P[:2]),
                "published": "2022-01-09",
            },
            "broken.json": "{",
        }
    )


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def _no_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("coverage.pipeline.compare", fail)


def test_every_command_help_has_examples() -> None:
    for command in (*cli.commands, None):
        code, out, _ = run(*([command] if command else []), "--help")
        assert code == 0 and "Examples:" in out, command
        assert "\n    coverage " in out or "\n  coverage " in out


def test_unknown_outlet_exits_2_and_lists_the_outlets(corpus: Path) -> None:
    code, _, err = run("compare", str(corpus), *FAST, "--outlet", "Nobody")
    assert code == 2
    assert "no outlet 'Nobody'" in err and "Liberty Post" in err and "beta" in err


@pytest.mark.parametrize("name", ["liberty post", "LIBERTY POST", "liberty-post"])
def test_outlet_matches_any_case_and_its_folder(corpus: Path, name: str) -> None:
    code, out, err = run("compare", str(corpus), *FAST, "--outlet", name, "--event", "e1")
    assert code == 0, err
    assert "Liberty Post" in out


def test_unknown_event_still_exits_2(corpus: Path) -> None:
    code, _, err = run("compare", str(corpus), *FAST, "--event", "e99")
    assert code == 2 and "no event 'e99'" in err


@pytest.mark.parametrize("device", ["tpu", "cuda:x", "cpu:0", ""])
def test_bad_device_exits_2_before_anything_runs(corpus: Path, device: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _no_analysis(monkeypatch)
    code, _, err = run("compare", str(corpus), "--device", device)
    assert code == 2 and "is not a device" in err


def test_model_neither_local_nor_cached_fails_at_once_offline(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_analysis(monkeypatch)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path / "hub"))
    code, _, err = run("compare", str(corpus), "--no-cache", "--model", "nonexistent-model")
    assert code == 1
    assert err.strip().count("\n") == 0
    assert "cannot load embedding model 'nonexistent-model'" in err and "HF_HUB_OFFLINE" in err


def test_fast_says_when_it_distils_the_model_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _distillation_notice(Settings().replace(embedding={"fast": True, "cache_dir": tmp_path}))
    assert "distilling the static embedding model once" in capsys.readouterr().err
    _distillation_notice(Settings())
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("option", ["--markdown", "--html"])
def test_output_option_that_took_the_folder_says_so(corpus: Path, option: str) -> None:
    code, _, err = run("compare", option, str(corpus))
    assert code == 2
    assert f"{option} took '{corpus}' as its output folder" in err and "Missing argument" not in err
    code, _, err = run("compare")
    assert code == 2 and "missing argument FOLDER" in err


def test_html_report_and_stale_files(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("compare", str(corpus), *FAST, "-q", "--html")
    assert code == 0, err
    folder = tmp_path / "reports" / "html"
    pages = sorted(p.name for p in folder.iterdir())
    assert "index.html" in pages and any(name.startswith("e1-") for name in pages) and MANIFEST in pages
    assert "open reports/html/index.html" in err
    (folder / "e9-an-event-gone.html").write_text("old")
    with (folder / MANIFEST).open("a") as manifest:
        manifest.write("e9-an-event-gone.html\n../outside.txt\n")
    (folder / "notes.html").write_text("mine")
    (tmp_path / "reports" / "outside.txt").write_text("mine")
    code, _, err = run("compare", str(corpus), *FAST, "-q", "--html")
    assert code == 0, err
    assert "1 stale file of an earlier run removed" in " ".join(err.split())
    assert not (folder / "e9-an-event-gone.html").exists()
    assert (folder / "notes.html").exists() and (tmp_path / "reports" / "outside.txt").exists()


def test_export_writes_the_sqlite_database(corpus: Path, tmp_path: Path) -> None:
    import sqlite_utils

    code, _, err = run("compare", str(corpus), *FAST, "-q", "--export", str(tmp_path / "tables"))
    assert code == 0, err
    db = sqlite_utils.Database(tmp_path / "tables" / "coverage.sqlite")
    assert db.table("articles").count == 2


def test_long_facts_wrap_instead_of_being_cut(corpus: Path) -> None:
    code, out, err = run("compare", str(corpus), *FAST)
    assert code == 0, err
    assert "Wednesday" in out and "night." in out


def test_evaluate_names_the_files_it_could_not_score(write, tmp_path: Path) -> None:
    folder = write(
        {
            "a.txt": "Floods\n\n" + P[2],
            "b.txt": "Troops\n\n" + P[1],
            "c.txt": "Troops again\n\n" + P[1],
            "empty.txt": "",
            "labels.json": json.dumps({"a.txt": "floods", "b.txt": "troops", "c.txt": "troops"}),
        },
        root=tmp_path / "eval",
    )
    code, out, err = run("evaluate", str(folder), *FAST, "--labels", str(folder / "labels.json"), "--top", "1")
    assert code == 0, err
    assert "B-cubed F1" in out
    assert "Not scored" in out and "empty.txt" in out
