"""Saved-output tests of the terminal and markdown reports. Regenerate with UPDATE_SNAPSHOTS=1."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pytest
from rich.console import Console

from coverage import HashingEmbedder, Settings, compare
from coverage.report.jsonio import to_json
from coverage.report.markdown import render_event_markdown, render_index, write_markdown
from coverage.report.terminal import ReportOptions, render_comparison

SNAPSHOTS = Path(__file__).parent / "snapshots"
P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
    "Fuel prices doubled on January 1, which started the first protests in the oil town of Zhanaozen.",
]
HOSTILE = "A [bold red]rioter[/] wrote | pipes | and <script>alert(1)</script> # not a heading *not bold*."


def check(name: str, text: str) -> None:
    path = SNAPSHOTS / name
    if os.environ.get("UPDATE_SNAPSHOTS") or not path.exists():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not os.environ.get("UPDATE_SNAPSHOTS"):
            pytest.fail(f"snapshot {name} was missing and has been written; run again")
    assert text == path.read_text(encoding="utf-8")


@pytest.fixture
def comparison(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join(P[:3]),
            "beta/b.json": {
                "title": "Kazakhstan detains thousands",
                "text": "\n\n".join([P[1], P[0]]),
                "published": "2022-01-09",
            },
            "gamma/c.md": "---\ntitle: Fuel prices and the unrest\ndate: 2022-01-10\n---\n\n"
            + "\n\n".join([P[3], P[0], HOSTILE]),
            "bad.json": "[1, 2",
        }
    )
    monkeypatch.chdir(tmp_path)
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    return compare(Path("corpus"), settings, embedder=HashingEmbedder())


def render_text(comparison, **options) -> str:
    stream = io.StringIO()
    console = Console(file=stream, width=100, color_system=None, force_terminal=False, legacy_windows=False)
    for renderable in render_comparison(comparison, ReportOptions(**options)):
        console.print(renderable)
    return stream.getvalue()


def test_terminal_report_snapshot(comparison) -> None:
    assert len(comparison.events) == 1
    check("terminal_report.txt", render_text(comparison))


def test_terminal_report_at_80_columns_and_quiet(comparison) -> None:
    check("terminal_quiet_80.txt", render_text(comparison, quiet=True).replace("\n", "\n"))
    text = render_text(comparison)
    assert "[bold red]rioter[/]" in text  # shown literally, never interpreted


def test_markdown_snapshots(comparison) -> None:
    check("index.md", render_index(comparison))
    check("event.md", render_event_markdown(comparison.events[0]))


def test_markdown_escapes_article_text(comparison) -> None:
    text = render_event_markdown(comparison.events[0])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert r"\[bold red\]" in text and r"\| pipes \|" in text
    assert "\n# not a heading" not in text


def test_markdown_table_rows_keep_their_column_count(comparison) -> None:
    for text in (render_index(comparison), render_event_markdown(comparison.events[0])):
        width = None
        for line in text.splitlines():
            if not line.startswith("|"):
                width = None
                continue
            cells = len(line.replace("\\|", "").split("|"))
            width = width or cells
            assert cells == width, line


def test_written_markdown_is_deterministic(comparison, tmp_path: Path) -> None:
    first = {p.name: p.read_bytes() for p in write_markdown(comparison, tmp_path / "r1")}
    second = {p.name: p.read_bytes() for p in write_markdown(comparison, tmp_path / "r2")}
    assert first == second
    assert all("/" not in name and name.endswith((".md", ".png")) for name in first)
    assert any(name.endswith(".png") for name in first)


def test_json_is_deterministic_and_complete(comparison) -> None:
    data = json.loads(to_json(comparison))
    assert to_json(comparison) == to_json(comparison)
    assert data["input"]["skipped"] == [
        {"path": "bad.json", "reason": data["input"]["skipped"][0]["reason"], "code": "invalid_json"}
    ]
    event = data["events"][0]
    paths = sorted(a["path"] for a in event["articles"])
    assert paths == ["alpha/a.txt", "beta/b.json", "gamma/c.md"]
    for unit in event["units"]:
        for member in unit["members"]:
            article = next(a for a in event["articles"] if a["id"] == member["article"])
            assert 0 <= member["paragraph"] < len(article["paragraphs"])


def test_no_color_is_honoured(comparison, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = io.StringIO()
    console = Console(file=stream, width=100, force_terminal=True)
    for renderable in render_comparison(comparison):
        console.print(renderable)
    codes = [c for seq in re.findall(r"\x1b\[([0-9;]*)m", stream.getvalue()) for c in seq.split(";") if c]
    assert not [c for c in codes if c.startswith(("3", "4", "9")) and c != "3"]  # no colours (3 is italic)


def test_overview_fits_80_columns(comparison) -> None:
    stream = io.StringIO()
    console = Console(file=stream, width=80, color_system=None)
    for renderable in render_comparison(comparison):
        console.print(renderable)
    assert max(len(line) for line in stream.getvalue().splitlines()) <= 80


def test_terminal_details_at_most_max_events_and_says_so(comparison) -> None:
    from dataclasses import replace

    event = comparison.events[0]
    assert len(event.outlets) >= 2
    many = replace(comparison, events=tuple(replace(event, id=f"E{n}") for n in range(1, 4)))
    limited = render_text(many, max_events=2)
    assert limited.count("Paragraph links") == render_text(comparison).count("Paragraph links") * 2
    flat = " ".join(limited.split())
    assert "1 more events with two or more outlets" in flat and "(E2 is the last shown)" in flat
    assert render_text(many) == render_text(many, max_events=None)  # the library shows every event
    everything = render_text(many, max_events=None)
    assert everything.count("Paragraph links") == 3 * render_text(comparison).count("Paragraph links")
    assert "more events with two or more outlets" not in everything
    assert "is the last shown" not in " ".join(render_text(many, max_events=0).split())
    assert render_text(many, event="E3", max_events=1).count("Paragraph links") == render_text(comparison).count(
        "Paragraph links"
    )


def test_json_written_in_pieces_is_the_whole_document(comparison, tmp_path: Path) -> None:
    from dataclasses import replace

    from coverage.report.jsonio import iter_json, to_dict, write_json

    for result in (comparison, replace(comparison, events=()), replace(comparison, events=comparison.events * 3)):
        text = "".join(iter_json(result))
        assert json.loads(text) == json.loads(json.dumps(to_dict(result)))
        write_json(result, tmp_path / "out.json")
        assert (tmp_path / "out.json").read_text(encoding="utf-8") == text
        lines = text.splitlines()
        assert len([line for line in lines if line.startswith('    {"id": ')]) == len(result.events)  # one per event
    assert len(list(iter_json(comparison))) == len(comparison.events) + 2
