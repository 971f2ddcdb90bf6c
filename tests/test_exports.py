"""Tabular exports: fixed schemas, one row per member, Parquet and CSV that read back."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from coverage import HashingEmbedder, Settings, compare
from coverage.model import Comparison, Corpus
from coverage.report.tables import LIST_SEPARATOR, TABLES, schemas, tables, write_exports

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
