"""Tabular exports of a comparison for researchers: Parquet and CSV files that join on shared keys.

:func:`tables` flattens a :class:`~coverage.Comparison` into seven polars data frames; :func:`write_exports`
writes each as ``<name>.parquet`` and ``<name>.csv``. Every row carries ``event_id`` and, where a row belongs to
an article, ``article_id``, ``outlet`` and (where relevant) ``paragraph`` (0-based index into the article's
paragraphs), so tables join on ``(event_id, article_id, paragraph)``. Other column names follow the JSON
document (:mod:`coverage.report.jsonio`). Schemas are fixed: an empty comparison gives empty tables with the same
columns and dtypes. Rows follow the comparison's order (events, then articles / units / facts / groups in event
order, then members / evidence / mentions / variants in their order), which is deterministic for a given input.

==========  ================================  ===========================================================
table       one row per                       columns (dtype)
==========  ================================  ===========================================================
articles    article of an event               event_id, article_id, outlet, title, path (str),
                                              published (date), url (str), n_paragraphs, n_words (i64),
                                              syndicated_with (list[str])
paragraphs  paragraph of an article           event_id, article_id, outlet (str), paragraph (i64),
                                              text (str), n_words (i64)
links       paragraph link                    event_id, a_article_id, a_outlet (str), a_paragraph (i64),
                                              b_article_id, b_outlet (str), b_paragraph (i64),
                                              score (f64)
units       member paragraph of a unit        event_id, unit_id, article_id, outlet (str), paragraph (i64),
                                              text (str, the unit's medoid), score (f64),
                                              outlets, missing (list[str], of the unit)
facts       evidence sentence of a fact       event_id, fact_id, kind, text, article_id, outlet (str),
                                              paragraph (i64), sentence, position (str),
                                              outlets, missing (list[str], of the fact)
figures     mention of a figure group         event_id, group_id, kind, referent (str), conflict,
                                              is_update (bool), article_id, outlet (str), paragraph (i64),
                                              published (date), value (f64), low, high (f64, null:
                                              unbounded), qualifier, text, sentence (str)
quotes      variant of a quote group          event_id, group_id (str), speaker (str, of the group),
                                              quote (str, the group's text), article_id, outlet (str),
                                              paragraph (i64), variant_speaker, text (str),
                                              flags (list[str])
==========  ================================  ===========================================================

``group_id`` is ``<event id>-g<n>`` for figures and ``<event id>-q<n>`` for quotes (1-based, event order).
``text`` in ``figures`` is the figure as written (``more than 160``). In the CSV files, list columns are written
as one string joined with ``;`` (CSV has no lists); Parquet keeps them as lists.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coverage._io import write_atomic
from coverage.model import Comparison, Event
from coverage.report.sections import SECTIONS

if TYPE_CHECKING:
    import polars as pl

__all__ = ["LIST_SEPARATOR", "TABLES", "schemas", "tables", "write_exports"]

TABLES = ("articles", "paragraphs", "links", "units", *(name for section in SECTIONS for name in section.TABLES))
"""Table names, in the order :func:`tables` returns them and :func:`write_exports` writes them."""

LIST_SEPARATOR = ";"
"""How list columns are joined in the CSV files."""


def schemas() -> dict[str, pl.Schema]:
    """The fixed schema of every table (see the module docstring)."""
    import polars as pl

    s, i, f, d = pl.String(), pl.Int64(), pl.Float64(), pl.Date()
    lst = pl.List(pl.String)
    fixed = {
        "articles": pl.Schema(
            {
                "event_id": s,
                "article_id": s,
                "outlet": s,
                "title": s,
                "path": s,
                "published": d,
                "url": s,
                "n_paragraphs": i,
                "n_words": i,
                "syndicated_with": lst,
            }
        ),
        "paragraphs": pl.Schema({"event_id": s, "article_id": s, "outlet": s, "paragraph": i, "text": s, "n_words": i}),
        "links": pl.Schema(
            {
                "event_id": s,
                "a_article_id": s,
                "a_outlet": s,
                "a_paragraph": i,
                "b_article_id": s,
                "b_outlet": s,
                "b_paragraph": i,
                "score": f,
            }
        ),
        "units": pl.Schema(
            {
                "event_id": s,
                "unit_id": s,
                "article_id": s,
                "outlet": s,
                "paragraph": i,
                "text": s,
                "score": f,
                "outlets": lst,
                "missing": lst,
            }
        ),
    }
    for section in SECTIONS:
        fixed.update(section.schemas())
    return fixed


def _rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    outlet_of = {a.id: a.outlet for a in event.articles}
    return {
        "articles": _article_rows(event),
        "paragraphs": _paragraph_rows(event),
        "links": _link_rows(event, outlet_of),
        "units": _unit_rows(event, outlet_of),
    } | {name: table for section in SECTIONS for name, table in section.rows(event).items()}


def _article_rows(event: Event) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for a in event.articles:
        rows.append(
            {
                "event_id": eid,
                "article_id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "path": a.path,
                "published": a.published,
                "url": a.url,
                "n_paragraphs": len(a.paragraphs),
                "n_words": a.n_words,
                "syndicated_with": list(event.syndicated_with(a.id)),
            }
        )
    return rows


def _paragraph_rows(event: Event) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for a in event.articles:
        for index, text in enumerate(a.paragraphs):
            rows.append(
                {
                    "event_id": eid,
                    "article_id": a.id,
                    "outlet": a.outlet,
                    "paragraph": index,
                    "text": text,
                    "n_words": len(text.split()),
                }
            )
    return rows


def _link_rows(event: Event, outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for link in event.links:
        rows.append(
            {
                "event_id": eid,
                "a_article_id": link.a.article,
                "a_outlet": outlet_of.get(link.a.article),
                "a_paragraph": link.a.paragraph,
                "b_article_id": link.b.article,
                "b_outlet": outlet_of.get(link.b.article),
                "b_paragraph": link.b.paragraph,
                "score": link.score,
            }
        )
    return rows


def _unit_rows(event: Event, outlet_of: dict[str, str]) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for unit in event.units:
        for member in unit.members:
            rows.append(
                {
                    "event_id": eid,
                    "unit_id": unit.id,
                    "article_id": member.article,
                    "outlet": outlet_of.get(member.article),
                    "paragraph": member.paragraph,
                    "text": unit.text,
                    "score": unit.score,
                    "outlets": list(unit.outlets),
                    "missing": list(unit.missing),
                }
            )
    return rows


def tables(comparison: Comparison) -> dict[str, pl.DataFrame]:
    """The comparison as one data frame per table in :data:`TABLES`, with the schemas of :func:`schemas`."""
    import polars as pl

    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for event in comparison.events:
        for name, event_rows in _rows(event).items():
            rows[name].extend(event_rows)
    fixed = schemas()
    return {name: pl.DataFrame(rows[name], schema=fixed[name], orient="row") for name in TABLES}


_FORMULA = r"^[=+\-@\t\r]"
"""A CSV cell starting so is a formula to a spreadsheet (``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3``)."""
_NUMBER = r"^[+-]?(?:\d+(?:[.,]\d*)*|\.\d+)(?:[eE][+-]?\d+)?%?$"


def _csv_ready(frame: pl.DataFrame) -> pl.DataFrame:
    """List columns joined with :data:`LIST_SEPARATOR` (CSV has no nested values), and every text cell that a
    spreadsheet would run as a formula prefixed with ``'`` (numbers such as ``-3`` excepted)."""
    import polars as pl

    lists = [name for name, dtype in frame.schema.items() if isinstance(dtype, pl.List)]
    if lists:
        frame = frame.with_columns(pl.col(name).list.join(LIST_SEPARATOR) for name in lists)
    texts = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(name).str.contains(_FORMULA) & ~pl.col(name).str.contains(_NUMBER))
        .then(pl.lit("'") + pl.col(name))
        .otherwise(pl.col(name))
        .alias(name)
        for name in texts
    )


def write_exports(comparison: Comparison, folder: Path, *, sqlite: bool = False) -> list[Path]:
    """Write every table as ``<name>.parquet`` and ``<name>.csv`` in ``folder`` (created if needed), and with
    ``sqlite`` all of them as one database for Datasette, ``coverage.sqlite`` (:mod:`coverage.report.sqlite`).

    Each file is written atomically (temporary file in the same folder, then a rename). Returns the paths
    written, in :data:`TABLES` order, Parquet before CSV for each table, the database last.
    """
    folder = Path(folder)
    written: list[Path] = []
    for name, frame in tables(comparison).items():
        buffer = io.BytesIO()
        frame.write_parquet(buffer, statistics=False)
        parquet = folder / f"{name}.parquet"
        write_atomic(parquet, buffer.getvalue())
        csv = folder / f"{name}.csv"
        write_atomic(csv, _csv_ready(frame).write_csv())
        written += [parquet, csv]
    if sqlite:
        from coverage.report.sqlite import write_sqlite

        written.append(write_sqlite(comparison, folder))
    return written
