"""The exports as one SQLite database for Datasette (``datasette coverage.sqlite``), built with sqlite-utils.

:func:`write_sqlite` writes an ``events`` table and every table of :mod:`coverage.report.tables` with the same
columns, plus, beside every paragraph index, its number as people read it:

- ``paragraph`` (and every ``*_paragraph``: ``a_paragraph``, ``closest_paragraph``, ...) is the 0-based index into
  the article's paragraphs, the same value as in the Parquet, CSV and JSON outputs, so the files join;
- ``paragraph_number`` (``a_paragraph_number``, ...) is that paragraph counted from 1, the ``¶n`` of the terminal,
  markdown and HTML reports.

Keys: ``events.event_id`` and ``articles.article_id`` are primary keys; every ``event_id`` and ``*article_id``
column (``a_article_id`` in ``links``, ...) is a foreign key to them, so Datasette links the rows; ``paragraphs``
has the primary key ``(article_id, paragraph)``. Indexes on ``event_id`` and on ``(article_id, paragraph)`` make
the joins quick. Full-text search (FTS5) covers ``paragraphs.text`` and ``facts.sentence``/``facts.text``. List
columns hold JSON arrays, dates ISO text. The database is written to a temporary file and renamed: never half a
database.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coverage.model import Comparison

if TYPE_CHECKING:
    import polars as pl
    import sqlite_utils

__all__ = ["FILENAME", "FULL_TEXT", "write_sqlite"]

FILENAME = "coverage.sqlite"
"""The database's file name in an export folder."""

FULL_TEXT = {"paragraphs": ("text",), "facts": ("sentence", "text")}
"""The columns searchable with full-text search, per table."""


def _is_paragraph(column: str) -> bool:
    return column == "paragraph" or column.endswith("_paragraph")


def _is_article(column: str) -> bool:
    return column == "article_id" or column.endswith("_article_id")


def _column_type(dtype: pl.DataType) -> type:
    import polars as pl

    if dtype.is_integer() or isinstance(dtype, pl.Boolean):
        return int
    if dtype.is_float():
        return float
    return str


def _events(comparison: Comparison) -> list[dict[str, Any]]:
    rows = []
    for event in comparison.events:
        dates = event.dates
        rows.append(
            {
                "event_id": event.id,
                "title": event.title,
                "first_published": None if dates is None else dates[0].isoformat(),
                "last_published": None if dates is None else dates[1].isoformat(),
                "n_outlets": len(event.outlets),
                "n_articles": len(event.articles),
                "n_facts": len(event.facts),
                "outlets": list(event.outlets),
            }
        )
    return rows


def _numbered(frame: pl.DataFrame) -> pl.DataFrame:
    import polars as pl

    out = frame
    for name in [c for c in frame.columns if _is_paragraph(c)]:
        if frame.schema[name].is_integer():
            series = (out.get_column(name) + 1).alias(f"{name}_number")
            out = out.insert_column(out.columns.index(name) + 1, series)
    return out.with_columns(pl.col(pl.Date).dt.to_string("%Y-%m-%d"))


def _build(db: sqlite_utils.Database, comparison: Comparison) -> None:
    from coverage.report.tables import TABLES, tables

    frames = {name: _numbered(frame) for name, frame in tables(comparison).items()}
    db.table("events").create(
        {
            "event_id": str,
            "title": str,
            "first_published": str,
            "last_published": str,
            "n_outlets": int,
            "n_articles": int,
            "n_facts": int,
            "outlets": str,
        },
        pk="event_id",
    )
    db.table("events").insert_all(_events(comparison))
    articles = frames["articles"].get_column("article_id")
    articles_keyed = articles.n_unique() == len(articles)
    for name in TABLES:
        frame = frames[name]
        columns = {column: _column_type(dtype) for column, dtype in frame.schema.items()}
        foreign_keys: list[tuple[str, str, str]] = [("event_id", "events", "event_id")]
        pk: Any = None
        if name == "articles":
            pk = "article_id" if articles_keyed else None
        elif articles_keyed:
            foreign_keys += [(column, "articles", "article_id") for column in columns if _is_article(column)]
        if name == "paragraphs":
            pk = ("article_id", "paragraph")
        table = db.table(name)
        table.create(columns, pk=pk, foreign_keys=foreign_keys)
        if frame.height:
            table.insert_all(frame.to_dicts())
        table.create_index(["event_id"], if_not_exists=True)
        for column in columns:
            paragraph = column.removesuffix("article_id") + "paragraph"
            if _is_article(column) and paragraph in columns and name != "paragraphs":
                table.create_index([column, paragraph], if_not_exists=True)
        if name in FULL_TEXT:
            table.enable_fts(list(FULL_TEXT[name]), create_triggers=True)


def write_sqlite(comparison: Comparison, folder: Path) -> Path:
    """Write :data:`FILENAME` into ``folder`` (created if needed), replacing an earlier one; returns its path."""
    import sqlite_utils

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILENAME
    handle, temporary = tempfile.mkstemp(prefix=f".{FILENAME}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        db = sqlite_utils.Database(temporary, recreate=True)
        try:
            with db.conn:
                _build(db, comparison)
        finally:
            db.close()
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
