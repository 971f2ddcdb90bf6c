"""JSON (``.json``): an article object, a list of them, or ``{"articles": [...]}``."""

from __future__ import annotations

import json

from coverage.ingest.records import TEXT_KEYS, Record, Skip, parse_int, record_or_skip
from coverage.model import Skipped, SkipReason

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".json",)
"""The suffixes of the files this reader reads."""


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    try:
        data = json.loads(text, parse_int=parse_int)
    except json.JSONDecodeError as exc:
        raise Skip(SkipReason.INVALID_JSON, f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise Skip(SkipReason.INVALID_JSON, "nested too deeply") from exc
    except ValueError as exc:  # a number Python cannot convert
        raise Skip(SkipReason.INVALID_JSON, str(exc)[:200]) from exc
    if isinstance(data, dict) and not any(k in data for k in TEXT_KEYS) and isinstance(data.get("articles"), list):
        data = data["articles"]
    if isinstance(data, dict):
        return [record_or_skip(rel, data, rel)], []
    if isinstance(data, list):
        records, skipped = [], []
        for index, item in enumerate(data):
            try:
                records.append(record_or_skip(f"{rel}#{index}", item, rel))
            except Skip as skip:
                skipped.append(Skipped(f"{rel}#{index}", skip.reason, skip.detail))
        if not records and not skipped:
            raise Skip(SkipReason.EMPTY, "empty JSON list")
        return records, skipped
    raise Skip(SkipReason.BAD_RECORD, f"JSON {type(data).__name__} is not an article object or list")
