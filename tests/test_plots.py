"""Event charts: PNG files of the fixed pixel size, byte-identical across runs, skipped when empty."""

from __future__ import annotations

import struct
import sys
from pathlib import Path

import pytest

from coverage import HashingEmbedder, Settings, compare
from coverage.model import Comparison, Event
from coverage.report.plots import DPI, FIGSIZE, coverage_heatmap, figures_chart, write_event_plots

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
    "Fuel prices doubled on January 1, which started the first protests in the oil town of Zhanaozen.",
]
WIDTH, HEIGHT = round(FIGSIZE[0] * DPI), round(FIGSIZE[1] * DPI)


@pytest.fixture
def comparison(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Comparison:
    write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join(P[:3]),
            "beta/b.json": {"title": "Kazakhstan detains thousands", "text": "\n\n".join([P[1], P[0]])},
            "gamma/c.md": "---\ntitle: Fuel prices\ndate: 2022-01-10\n---\n\n"
            + "\n\n".join([P[3], P[0].replace("5,800", "more than 9,000")]),
        }
    )
    monkeypatch.chdir(tmp_path)
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    return compare(Path("corpus"), settings, embedder=HashingEmbedder())


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_write_event_plots_writes_both_charts(comparison: Comparison, tmp_path: Path) -> None:
    event = comparison.events[0]
    assert any(len(g.outlets) >= 2 for g in event.figures)
    paths = write_event_plots(event, tmp_path / "plots")
    assert [p.name for p in paths] == ["e1-coverage.png", "e1-figures.png"]
    for path in paths:
        assert png_size(path) == (WIDTH, HEIGHT)
    import matplotlib.image

    image = matplotlib.image.imread(paths[0])
    assert image.shape[:2] == (HEIGHT, WIDTH)
    assert sorted(p.name for p in (tmp_path / "plots").iterdir()) == [p.name for p in paths]


def test_plots_are_byte_identical_across_runs(comparison: Comparison, tmp_path: Path) -> None:
    event = comparison.events[0]
    first = [p.read_bytes() for p in write_event_plots(event, tmp_path / "one")]
    second = [p.read_bytes() for p in write_event_plots(event, tmp_path / "two")]
    assert first and first == second
    assert b"tIME" not in first[0] and b"Software" not in first[0]


def test_heatmap_falls_back_to_units_and_skips_empty_events(comparison: Comparison, tmp_path: Path) -> None:
    from dataclasses import replace

    event = comparison.events[0]
    assert event.units
    assert coverage_heatmap(replace(event, facts=()), tmp_path / "units.png")
    assert png_size(tmp_path / "units.png") == (WIDTH, HEIGHT)
    bare = Event(id="E9", title="Nothing", articles=event.articles[:1])
    assert not coverage_heatmap(bare, tmp_path / "none.png")
    assert not figures_chart(bare, tmp_path / "none.png")
    assert write_event_plots(bare, tmp_path / "bare") == []
    assert not (tmp_path / "none.png").exists()


def test_importing_coverage_does_not_import_matplotlib() -> None:
    import subprocess

    code = "import sys, coverage, coverage.report.plots; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
