"""JSON lines (``.jsonl``): one article object a line; a bad line is skipped on its own."""

from __future__ import annotations

import json

from coverage.ingest.records import Record, Skip, parse_int, record_or_skip
from coverage.model import Skipped, SkipReason

__all__ = ["SUFFIXES", "read", "read_line"]

SUFFIXES = (".jsonl",)
"""The suffixes of the files this reader reads."""


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    records, skipped = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        found = read_line(rel, number, line)
        if isinstance(found, Record):
            records.append(found)
        elif found is not None:
            skipped.append(found)
    if not records and not skipped:
        raise Skip(SkipReason.EMPTY, "no lines")
    return records, skipped


def read_line(rel: str, number: int, line: str) -> Record | Skipped | None:
    """Line ``number`` of the file ``rel`` as a record (id ``rel#lineN``) or a skip with its reason; ``None`` for a
    blank line."""
    if not line.strip():
        return None
    where = f"{rel}#line{number}"
    try:
        item = json.loads(line, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        return Skipped(where, SkipReason.INVALID_JSON, f"line {number}, column {exc.colno}: {exc.msg}")
    except RecursionError:
        return Skipped(where, SkipReason.INVALID_JSON, f"line {number}: nested too deeply")
    except ValueError as exc:  # a number Python cannot convert
        return Skipped(where, SkipReason.INVALID_JSON, f"line {number}: {str(exc)[:200]}")
    try:
        return record_or_skip(where, item, rel)
    except Skip as skip:
        return Skipped(where, skip.reason, skip.detail)
