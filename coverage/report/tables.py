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

**Partitioned layout** (:func:`write_event_partitions`, :func:`write_corpus_tables`; ``coverage compare --export DIR``
with ``--engine ray``, or ``--export-layout partitioned``): every table above has rows of one event each, so each is
written per event as Hive-partitioned Parquet, ``DIR/<table>/event_id=<id>/part-0.parquet`` (the columns and dtypes
above without ``event_id``, which the folder name carries), one partition per event and table, empty ones included,
so that Ray workers write each event as they finish it and every event is accounted for. The corpus-level tables
(:data:`CORPUS_TABLES`: ``events``, ``outlets``, ``skipped``) are written once, as ``DIR/<name>.parquet``.
:func:`read_partitioned` reads a table back with the single-file export's columns in its order.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from coverage._io import write_atomic
from coverage.model import Comparison, Event
from coverage.report.sections import SECTIONS

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "CORPUS_TABLES",
    "LIST_SEPARATOR",
    "PARTITION",
    "TABLES",
    "corpus_schemas",
    "corpus_tables",
    "event_tables",
    "partition_file",
    "read_partitioned",
    "remove_stale_partitions",
    "schemas",
    "tables",
    "write_corpus_tables",
    "write_event_partitions",
    "write_exports",
]

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


PARTITION = "event_id"
"""The column the partitioned layout splits every table of :data:`TABLES` by (a folder ``event_id=<id>``)."""

PART = "part-0.parquet"
"""The file of one partition (one event's rows of one table)."""

_PART_NAME = re.compile(r"part-\d+\.parquet")

CORPUS_TABLES = ("events", "outlets", "skipped")
"""Tables of the whole corpus, written once (``<name>.parquet``) beside the partitioned tables."""


def _parquet(frame: pl.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.write_parquet(buffer, statistics=False)
    return buffer.getvalue()


def event_tables(event: Event) -> dict[str, pl.DataFrame]:
    """One event's rows of every table in :data:`TABLES` (with the schemas of :func:`schemas`)."""
    import polars as pl

    fixed = schemas()
    return {name: pl.DataFrame(rows, schema=fixed[name], orient="row") for name, rows in _rows(event).items()}


def partition_file(folder: Path, table: str, event_id: str) -> Path:
    """Where the partitioned layout keeps ``table``'s rows of event ``event_id`` (the id percent-encoded, as Hive
    readers decode it)."""
    return Path(folder) / table / f"{PARTITION}={quote(event_id, safe='')}" / PART


def write_event_partitions(event: Event, folder: Path) -> list[Path]:
    """Write one event's rows of every table as ``<folder>/<table>/event_id=<id>/part-0.parquet`` (each file
    atomically; a table with no row of the event gets an empty file with the schema, so every event has its
    partition in every table). Returns the paths, in :data:`TABLES` order. A Ray worker calls this as it finishes
    the event."""
    written = []
    for name, frame in event_tables(event).items():
        path = partition_file(folder, name, event.id)
        write_atomic(path, _parquet(frame.drop(PARTITION)))
        written.append(path)
    return written


def corpus_schemas() -> dict[str, pl.Schema]:
    """The schemas of the corpus-level tables (:data:`CORPUS_TABLES`).

    ``events``: one row per event: ``event_id``, ``title`` (str), ``first_published``, ``last_published`` (date),
    ``n_outlets``, ``n_articles``, ``n_facts`` (i64), ``outlets``, ``left_out`` (list[str]: articles left out of a
    sampled event). ``outlets``: one row per outlet: ``outlet`` (str), ``n_articles``, ``n_events`` (i64).
    ``skipped``: one row per skipped file or record, as in the JSON result: ``path``, ``reason``, ``code`` (str).
    """
    import polars as pl

    s, i, d, lst = pl.String(), pl.Int64(), pl.Date(), pl.List(pl.String)
    return {
        "events": pl.Schema(
            {
                "event_id": s,
                "title": s,
                "first_published": d,
                "last_published": d,
                "n_outlets": i,
                "n_articles": i,
                "n_facts": i,
                "outlets": lst,
                "left_out": lst,
            }
        ),
        "outlets": pl.Schema({"outlet": s, "n_articles": i, "n_events": i}),
        "skipped": pl.Schema({"path": s, "reason": s, "code": s}),
    }


def corpus_tables(comparison: Comparison) -> dict[str, pl.DataFrame]:
    """The corpus-level tables (:data:`CORPUS_TABLES`, schemas of :func:`corpus_schemas`)."""
    import polars as pl

    events: list[dict[str, Any]] = []
    for event in comparison.events:
        dates = event.dates
        events.append(
            {
                "event_id": event.id,
                "title": event.title,
                "first_published": None if dates is None else dates[0],
                "last_published": None if dates is None else dates[1],
                "n_outlets": len(event.outlets),
                "n_articles": len(event.articles),
                "n_facts": len(event.facts),
                "outlets": list(event.outlets),
                "left_out": list(event.left_out),
            }
        )
    corpus = comparison.corpus
    articles: dict[str, int] = {}
    for article in corpus.articles:
        articles[article.outlet] = articles.get(article.outlet, 0) + 1
    in_events: dict[str, int] = {}
    for event in comparison.events:
        for outlet in event.outlets:
            in_events[outlet] = in_events.get(outlet, 0) + 1
    outlets = [
        {"outlet": name, "n_articles": articles.get(name, 0), "n_events": in_events.get(name, 0)}
        for name in corpus.outlets
    ]
    skipped = [{"path": s.path, "reason": s.message, "code": s.reason.name.lower()} for s in corpus.skipped]
    fixed = corpus_schemas()
    rows: dict[str, list[dict[str, Any]]] = {"events": events, "outlets": outlets, "skipped": skipped}
    return {name: pl.DataFrame(rows[name], schema=fixed[name], orient="row") for name in CORPUS_TABLES}


def write_corpus_tables(comparison: Comparison, folder: Path) -> list[Path]:
    """Write the corpus-level tables as ``<folder>/<name>.parquet`` (atomically); returns the paths."""
    written = []
    for name, frame in corpus_tables(comparison).items():
        path = Path(folder) / f"{name}.parquet"
        write_atomic(path, _parquet(frame))
        written.append(path)
    return written


def remove_stale_partitions(folder: Path, event_ids: set[str]) -> list[Path]:
    """Remove what an earlier run left in the partitioned layout under ``folder``: the part files of events not in
    ``event_ids``, and part files other than :data:`PART` in any partition, then partition and table folders left
    empty.
    Only ``part-<n>.parquet`` files in ``<table>/event_id=<id>/`` folders of a table in :data:`TABLES` are
    touched (never a link). Returns the files removed."""
    removed: list[Path] = []
    for name in TABLES:
        table = Path(folder) / name
        if not table.is_dir() or table.is_symlink():
            continue
        for partition in table.iterdir():
            key, sep, value = partition.name.partition("=")
            if not sep or key != PARTITION or not partition.is_dir() or partition.is_symlink():
                continue
            stale = unquote(value) not in event_ids
            for path in partition.iterdir():
                ours = _PART_NAME.fullmatch(path.name) and path.is_file() and not path.is_symlink()
                if ours and (stale or path.name != PART):
                    path.unlink()
                    removed.append(path)
            if stale and not any(partition.iterdir()):
                partition.rmdir()
        if not any(table.iterdir()):
            table.rmdir()
    return removed


def read_partitioned(folder: Path | str, table: str) -> pl.LazyFrame:
    """``table`` of a partitioned export in ``folder``, with the columns and dtypes of the single-file export
    (:func:`schemas`), ``event_id`` read from the partition folders."""
    import polars as pl

    schema = schemas()[table]
    frame = pl.scan_parquet(
        Path(folder) / table / "**" / "*.parquet",
        hive_partitioning=True,
        hive_schema=pl.Schema({PARTITION: pl.String()}),
        schema=pl.Schema({k: v for k, v in schema.items() if k != PARTITION}),
    )
    return frame.select(list(schema))


def write_exports(comparison: Comparison, folder: Path, *, sqlite: bool = False) -> list[Path]:
    """Write every table as ``<name>.parquet`` and ``<name>.csv`` in ``folder`` (created if needed), and with
    ``sqlite`` all of them as one database for Datasette, ``coverage.sqlite`` (:mod:`coverage.report.sqlite`).

    Each file is written atomically (temporary file in the same folder, then a rename). Returns the paths
    written, in :data:`TABLES` order, Parquet before CSV for each table, the database last.
    """
    folder = Path(folder)
    written: list[Path] = []
    for name, frame in tables(comparison).items():
        parquet = folder / f"{name}.parquet"
        write_atomic(parquet, _parquet(frame))
        csv = folder / f"{name}.csv"
        write_atomic(csv, _csv_ready(frame).write_csv())
        written += [parquet, csv]
    if sqlite:
        from coverage.report.sqlite import write_sqlite

        written.append(write_sqlite(comparison, folder))
    return written
