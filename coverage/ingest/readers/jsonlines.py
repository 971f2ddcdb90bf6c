"""JSON lines (``.jsonl``): one article object a line; a bad line is skipped on its own."""

from __future__ import annotations

import json

from coverage.ingest.records import Record, Skip, parse_int, record_or_skip
from coverage.model import Skipped, SkipReason

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".jsonl",)
"""The suffixes of the files this reader reads."""


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    records, skipped = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{rel}#line{number}"
        try:
            item = json.loads(line, parse_int=parse_int)
        except json.JSONDecodeError as exc:
            skipped.append(Skipped(where, SkipReason.INVALID_JSON, f"line {number}, column {exc.colno}: {exc.msg}"))
            continue
        except RecursionError:
            skipped.append(Skipped(where, SkipReason.INVALID_JSON, f"line {number}: nested too deeply"))
            continue
        except ValueError as exc:  # a number Python cannot convert
            skipped.append(Skipped(where, SkipReason.INVALID_JSON, f"line {number}: {str(exc)[:200]}"))
            continue
        try:
            records.append(record_or_skip(where, item, rel))
        except Skip as skip:
            skipped.append(Skipped(where, skip.reason, skip.detail))
    if not records and not skipped:
        raise Skip(SkipReason.EMPTY, "no lines")
    return records, skipped
