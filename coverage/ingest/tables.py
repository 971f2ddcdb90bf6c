"""Table input, the form large corpora come in: a Parquet file or a folder of Parquet files, a CSV file (one article a
row, a header row naming the columns) or a JSON lines file (``.jsonl``, ``.ndjson``) given as the corpus path.

Columns are read by the same names as the fields of ``.json`` articles (:mod:`coverage.ingest.records`): ``outlet`` |
``source`` | ``publisher`` | ``media_name``, ``title``, ``published`` | ``publish_date`` | ``date``, ``text`` |
``body`` | ``content``, ``url``; other columns are kept as metadata. Each row becomes a record with the id
``FILE#rowN`` (``FILE#lineN`` for JSON lines, as in a folder) or a skip with its reason. A Parquet folder's
``key=value`` folder names (Hive partitions, ``outlet=bbc/part-0.parquet``) are columns too.

The work is cut into :class:`TableUnit` pieces (a slice of a Parquet file's rows, a whole CSV or JSON lines file) that
:func:`read_unit` reads independently: the local engine reads them in turn, the Ray engine one task each.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coverage.ingest.readers.jsonlines import read_line
from coverage.ingest.records import TEXT_KEYS, Record, Skip, record_or_skip
from coverage.model import Skipped, SkipReason
from coverage.settings import IngestSettings

__all__ = ["TABLE_SUFFIXES", "TableUnit", "is_table", "read_unit", "record_from_row", "table_units"]

PARQUET = ".parquet"
CSV_SUFFIXES = (".csv",)
JSONL_SUFFIXES = (".jsonl", ".ndjson")
TABLE_SUFFIXES = (PARQUET, *CSV_SUFFIXES, *JSONL_SUFFIXES)
"""The suffixes of a table given as the corpus path (``.jsonl`` files inside a folder are read as articles)."""


@dataclass(frozen=True)
class TableUnit:
    """A piece of a table read on its own: a slice of a Parquet file's rows, or a whole CSV or JSON lines file."""

    path: Path
    rel: str
    """The file's path relative to the corpus folder (its name when the table is the corpus path)."""
    first_row: int = 1
    """The number of the unit's first row in its file (rows count from 1)."""
    rows: int | None = None
    """How many rows from ``first_row`` (``None``: to the end)."""
    partitions: tuple[tuple[str, str], ...] = ()
    """``key=value`` folder names on the way to a Parquet file."""


def is_table(path: Path, entries: Iterable[tuple[str, Path, object]] = ()) -> bool:
    """Whether ``path`` is a table file (by suffix), or a folder (whose walk is ``entries``) that holds Parquet files
    and no article files."""
    if path.is_file():
        return path.suffix.lower() in TABLE_SUFFIXES
    from coverage.ingest.registry import SUPPORTED_SUFFIXES

    suffixes = {Path(rel).suffix.lower() for rel, _, problem in entries if problem is None}
    return PARQUET in suffixes and not suffixes & set(SUPPORTED_SUFFIXES)


def table_units(root: Path, files: Iterable[tuple[str, Path]]) -> tuple[list[TableUnit], list[Skipped]]:
    """The units of the table files ``(rel, path)``, and a skip for each file that cannot be opened or is not a
    table."""
    units: list[TableUnit] = []
    skipped: list[Skipped] = []
    for rel, path in files:
        suffix = path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            skipped.append(Skipped(rel, SkipReason.UNSUPPORTED, f"'{path.suffix or path.name}' in a Parquet folder"))
        elif suffix != PARQUET:
            units.append(TableUnit(path, rel))
        else:
            try:
                units.extend(_parquet_units(path, rel))
            except Exception as exc:  # polars raises its own error types for a damaged or foreign file
                skipped.append(Skipped(rel, SkipReason.UNREADABLE, f"not a readable Parquet file ({_short(exc)})"))
    return units, skipped


ROWS_PER_UNIT = 5_000
"""Rows of a Parquet file read as one unit (bounded memory per task, enough work to be worth a task)."""


def _parquet_units(path: Path, rel: str) -> Iterator[TableUnit]:
    import polars as pl

    rows = int(pl.scan_parquet(path).select(pl.len()).collect().item())
    partitions = tuple(
        (key, value) for part in rel.split("/")[:-1] if "=" in part for key, value in [part.split("=", 1)]
    )
    for first in range(0, max(rows, 1), ROWS_PER_UNIT):
        yield TableUnit(path, rel, first + 1, min(ROWS_PER_UNIT, rows - first), partitions)


def read_unit(unit: TableUnit, settings: IngestSettings) -> tuple[list[Record], list[Skipped]]:
    """The records of one unit, and a skip with its reason for each row that is not an article."""
    records: list[Record] = []
    skipped: list[Skipped] = []
    suffix = unit.path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            for number, line in enumerate(_text(unit.path).split("\n"), start=1):
                found = read_line(unit.rel, number, line)
                if isinstance(found, Record) and len(found.text) > settings.max_file_bytes:
                    found = Skipped(found.id, SkipReason.TOO_LARGE, _too_large(len(found.text), settings))
                if found is not None:
                    (records if isinstance(found, Record) else skipped).append(found)  # type: ignore[arg-type]
            return records, skipped
        rows = _csv_rows(unit) if suffix in CSV_SUFFIXES else _parquet_rows(unit)
        for where, row in rows:
            try:
                if isinstance(row, Skip):
                    raise row
                records.append(record_from_row(row, where, unit.rel, settings))
            except Skip as skip:
                skipped.append(Skipped(where, skip.reason, skip.detail))
    except Skip as skip:
        skipped.append(Skipped(unit.rel, skip.reason, skip.detail))
    except OSError as exc:
        skipped.append(Skipped(unit.rel, SkipReason.UNREADABLE, exc.strerror or str(exc)))
    except Exception as exc:  # a damaged Parquet file: polars' own error types
        skipped.append(Skipped(unit.rel, SkipReason.UNREADABLE, f"cannot read the table ({_short(exc)})"))
    return records, skipped


def record_from_row(row: Mapping[str, Any], where: str, rel: str, settings: IngestSettings) -> Record:
    """One table row (column name to value) as a record with the id ``where``; raises
    :class:`~coverage.ingest.records.Skip` with the reason when the row is not an article (no text, too large)."""
    record = record_or_skip(where, dict(row), rel)
    if len(record.text) > settings.max_file_bytes:
        raise Skip(SkipReason.TOO_LARGE, _too_large(len(record.text), settings))
    return record


def _too_large(size: int, settings: IngestSettings) -> str:
    return f"text of {size / 1e6:.1f} MB, limit {settings.max_file_bytes / 1e6:.0f} MB"


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _text(path: Path) -> str:
    """A text file's content, decoded as UTF-8, or by detection when it is not. A NUL byte in a UTF-8 table is one
    cell's problem (cleaning removes it), not the whole file's."""
    from coverage.ingest.folder import decode_bytes

    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return decode_bytes(data)
    except ValueError as exc:
        raise Skip(SkipReason.BINARY, f"not text ({exc})") from exc


def _csv_rows(unit: TableUnit) -> Iterator[tuple[str, Mapping[str, Any] | Skip]]:
    """``(FILE#rowN, row)`` for each data row (the header is row 0); a row whose field count differs from the
    header's, or that the csv module refuses, is a :class:`Skip` in place of the row."""
    text = _text(unit.path)
    csv.field_size_limit(sys.maxsize)  # cells as large as the text limit are the record's concern, not the parser's
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        raise Skip(SkipReason.EMPTY, "no header row") from None
    except csv.Error as exc:
        raise Skip(SkipReason.BAD_RECORD, f"header row: {exc}") from None
    if not any(name.lower() in TEXT_KEYS for name in header):
        raise Skip(SkipReason.BAD_RECORD, f"no column named {' / '.join(TEXT_KEYS)} in the header")
    number = 0
    while True:
        number += 1
        where = f"{unit.rel}#row{number}"
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield where, Skip(SkipReason.BAD_RECORD, f"row {number}: {exc}")
            continue
        if not cells:
            continue
        if len(cells) != len(header):
            yield where, Skip(SkipReason.BAD_RECORD, f"row {number}: {len(cells)} fields, the header has {len(header)}")
            continue
        yield where, {name: cell for name, cell in zip(header, cells, strict=True) if cell != ""}


def _parquet_rows(unit: TableUnit) -> Iterator[tuple[str, Mapping[str, Any]]]:
    import polars as pl

    frame = pl.scan_parquet(unit.path, hive_partitioning=False).slice(unit.first_row - 1, unit.rows).collect()
    for offset, row in enumerate(frame.iter_rows(named=True)):
        for key, value in unit.partitions:
            row.setdefault(key, value)
        yield f"{unit.rel}#row{unit.first_row + offset}", {k: v for k, v in row.items() if v is not None}
