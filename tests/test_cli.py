from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coverage.cli import cli, main

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
]
FAST = ["--model", "hashing", "--no-cache"]


@pytest.fixture
def corpus(write) -> Path:
    return write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join(P),
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


def test_compare_prints_a_report_and_lists_skipped_files(corpus: Path) -> None:
    code, out, _ = run("compare", str(corpus), *FAST)
    assert code == 0
    assert "3 files seen, 2 articles from 2 outlets" in out
    assert "broken.json" in out and "invalid JSON" in out


def test_compare_json_to_stdout_follows_the_schema(corpus: Path) -> None:
    code, out, _ = run("compare", str(corpus), *FAST, "--json", "-")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 2
    assert data["input"]["files_seen"] == 3
    assert data["input"]["skipped"][0]["path"] == "broken.json"
    assert data["outlets"] == ["alpha", "beta"]
    (event,) = [e for e in data["events"] if len(e["articles"]) == 2]
    assert {a["path"] for a in event["articles"]} == {"alpha/a.txt", "beta/b.json"}
    article = next(a for a in event["articles"] if a["outlet"] == "beta")
    assert article["published"] == "2022-01-09" and article["paragraphs"] == P[:2]
    for link in event["links"]:
        assert set(link) == {"a", "b", "score"} and set(link["a"]) == {"article", "paragraph"}
    internet = next(u for u in event["units"] if u["text"] == P[2])
    assert internet["outlets"] == ["alpha"] and internet["missing"] == ["beta"]


def test_compare_writes_markdown_to_reports_by_default(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run("compare", str(corpus), *FAST, "--markdown", "--json", "out.json")
    assert code == 0, err
    files = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert files[0].startswith("e1-") and "index.md" in files
    assert json.loads((tmp_path / "out.json").read_text())["schema_version"] == 2


def test_exit_code_2_for_a_missing_folder_and_bad_options(tmp_path: Path, corpus: Path) -> None:
    code, _, err = run("compare", str(tmp_path / "missing"))
    assert code == 2 and "does not exist" in err
    code, _, err = run("compare", str(corpus), *FAST, "--set", "events.threshold=2")
    assert code == 2 and "events.threshold" in err
    code, _, err = run("compare", str(corpus), *FAST, "--set", "nonsense")
    assert code == 2


def test_exit_code_1_when_no_article_can_be_read(write) -> None:
    root = write({"a.json": "{", "b.txt": ""})
    code, _, err = run("compare", str(root), *FAST)
    assert code == 1
    assert err.startswith("Error: no article could be read") and err.count("\n") == 1
    assert "Traceback" not in err


def test_exit_code_1_for_an_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("compare", str(tmp_path / "empty"), *FAST)
    assert code == 1 and "empty" in err


def test_model_that_cannot_load_is_one_line_not_a_traceback(corpus: Path, tmp_path: Path) -> None:
    code, _, err = run("compare", str(corpus), "--no-cache", "--model", str(tmp_path / "no-such-model"))
    assert code == 1 and err.startswith("Error: cannot load embedding model") and "Traceback" not in err


def test_align_two_files_side_by_side_and_as_json(corpus: Path) -> None:
    code, out, _ = run("align", str(corpus / "alpha/a.txt"), str(corpus / "beta/b.json"), *FAST, "--json")
    assert code == 0
    data = json.loads(out)
    assert {(link["a"], link["b"]) for link in data["links"]} == {(0, 0), (1, 1)}
    assert data["unmatched_a"] == [2] and data["unmatched_b"] == []
    code, out, _ = run("align", str(corpus / "alpha/a.txt"), str(corpus / "beta/b.json"), *FAST)
    assert code == 0 and "not in B" in out


def test_every_command_has_help_text() -> None:
    for name, command in cli.commands.items():
        assert command.help, name
        code, out, _ = run(name, "--help")
        assert code == 0 and "Usage:" in out
        for param in command.params:
            if isinstance(param, __import__("click").Option):
                assert param.help, f"{name} {param.name}"


def test_main_returns_exit_codes(tmp_path: Path) -> None:
    assert main(["--help"]) == 0
    assert main(["compare", str(tmp_path / "missing")]) == 2


def test_export_tables_outlet_profiles_and_plots(corpus: Path, tmp_path: Path) -> None:
    profiles = tmp_path / "outlets.csv"
    profiles.write_text("name,aliases,country,language,lean,owner\nAlpha News,alpha,US,en,left,\nbeta,,RU,ru,right,\n")
    code, out, err = run(
        "compare",
        str(corpus),
        *FAST,
        "--export",
        str(tmp_path / "tables"),
        "--outlets",
        str(profiles),
        "--markdown",
        str(tmp_path / "md"),
    )
    assert code == 0, err
    assert "Alpha News" in out and "Coverage by outlet profile" in out  # alias merged, profile table shown
    names = {p.name for p in (tmp_path / "tables").iterdir()}
    assert {"articles.parquet", "articles.csv", "facts.parquet", "figures.csv"} <= names
    assert any(p.suffix == ".png" for p in (tmp_path / "md").iterdir())
    assert "Coverage by outlet profile" in (tmp_path / "md" / "index.md").read_text()


def test_bad_outlet_profiles_file_is_a_usage_error(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "outlets.toml"
    bad.write_text("[[outlet]\nname=")
    code, _, err = run("compare", str(corpus), *FAST, "--outlets", str(bad))
    assert code == 2 and "Traceback" not in err
