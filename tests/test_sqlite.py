"""The SQLite export for Datasette: written with sqlite-utils and read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from coverage import HashingEmbedder, Settings, compare
from coverage.model import Comparison, Corpus
from coverage.report.sqlite import FILENAME, FULL_TEXT, write_sqlite
from coverage.report.tables import TABLES, tables, write_exports

P = [
    "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty.",
    "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request.",
    "Internet access was cut across the country for most of the week, leaving residents without news.",
]


@pytest.fixture
def comparison(write) -> Comparison:
    corpus = write(
        {
            "alpha/a.txt": "Unrest in Kazakhstan\n\n" + "\n\n".join(P),
            "beta/b.json": {
                "title": "Kazakhstan detains thousands",
                "text": "\n\n".join(P[:2]),
                "published": "2022-01-09",
            },
            "gamma/c.md": "---\ntitle: Troops\ndate: 2022-01-10\n---\n\n" + "\n\n".join([P[1], P[0]]),
        }
    )
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    return compare(corpus, settings, embedder=HashingEmbedder())


def test_every_table_is_written_and_read_back(comparison: Comparison, tmp_path: Path) -> None:
    path = write_sqlite(comparison, tmp_path / "out")
    assert path == tmp_path / "out" / FILENAME
    assert sorted(p.name for p in path.parent.iterdir()) == [FILENAME]  # no temporary file left
    db = sqlite_utils.Database(path)
    frames = tables(comparison)
    assert {"events", *TABLES} <= set(db.table_names())
    assert db.table("events").count == len(comparison.events)
    for name in TABLES:
        assert db.table(name).count == frames[name].height, name
        assert list(frames[name].columns) == [c for c in db.table(name).columns_dict if not c.endswith("_number")]
    paragraphs = list(db.query("select paragraph, paragraph_number, text from paragraphs order by rowid"))
    assert [row["text"] for row in paragraphs] == frames["paragraphs"]["text"].to_list()
    assert all(row["paragraph_number"] == row["paragraph"] + 1 for row in paragraphs)
    link = next(db.query("select * from links"))
    assert link["a_paragraph_number"] == link["a_paragraph"] + 1
    article = next(db.query("select published, syndicated_with from articles where outlet = 'beta'"))
    assert article["published"] == "2022-01-09" and isinstance(json.loads(article["syndicated_with"]), list)


def test_keys_indexes_and_full_text_search(comparison: Comparison, tmp_path: Path) -> None:
    path = write_sqlite(comparison, tmp_path / "out")
    db = sqlite_utils.Database(path)
    assert db.table("events").pks == ["event_id"]
    assert db.table("articles").pks == ["article_id"]
    assert db.table("paragraphs").pks == ["article_id", "paragraph"]
    links = {(fk.column, fk.other_table) for fk in db.table("links").foreign_keys}
    assert links == {("event_id", "events"), ("a_article_id", "articles"), ("b_article_id", "articles")}
    assert ("article_id", "articles") in {(fk.column, fk.other_table) for fk in db.table("facts").foreign_keys}
    assert any(index.columns == ["article_id", "paragraph"] for index in db.table("facts").indexes)
    with sqlite3.connect(path) as connection:
        connection.execute("pragma foreign_keys = on")
        assert connection.execute("pragma foreign_key_check").fetchall() == []
    for name, columns in FULL_TEXT.items():
        assert db.table(name).detect_fts() == f"{name}_fts"
        assert db.table(f"{name}_fts").columns_dict.keys() == set(columns)
    hits = list(db.table("paragraphs").search("Tokayev"))
    assert hits and all("Tokayev" in hit["text"] for hit in hits)


def test_empty_comparison_and_rewrite(tmp_path: Path) -> None:
    empty = Comparison(Corpus(tmp_path, 0, (), ()), (), "none")
    path = write_sqlite(empty, tmp_path / "out")
    db = sqlite_utils.Database(path)
    assert all(db.table(name).count == 0 for name in TABLES)
    assert "paragraph_number" in db.table("facts").columns_dict
    write_sqlite(empty, tmp_path / "out")  # an earlier database is replaced
    assert sqlite_utils.Database(path).table("events").count == 0


def test_write_exports_adds_the_database_when_asked(comparison: Comparison, tmp_path: Path) -> None:
    written = write_exports(comparison, tmp_path / "plain")
    assert FILENAME not in {p.name for p in written}
    written = write_exports(comparison, tmp_path / "all", sqlite=True)
    assert written[-1] == tmp_path / "all" / FILENAME and written[-1].is_file()
