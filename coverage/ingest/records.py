"""What a reader returns: :class:`Record` (an article as read from a file, before cleaning) or :class:`Skip` (why a
file or a record is not an article), and the field names records are read from (``text``, ``title``, ``outlet``, ...).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from coverage.model import SkipReason
from coverage.text.cleaning import normalize, strip_control

__all__ = [
    "TEXT_KEYS",
    "Record",
    "Skip",
    "clean_value",
    "parse_date",
    "parse_int",
    "record_from_mapping",
    "record_or_skip",
]


_OUTLET_KEYS = ("outlet", "source", "publisher", "media_name", "site_name", "sitename")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("published", "publish_date", "date", "published_at", "datePublished")
TEXT_KEYS = ("text", "body", "content")
_URL_KEYS = ("url", "link")


@dataclass
class Record:
    """An article as read from a file, before cleaning."""

    id: str
    path: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class Skip(Exception):
    def __init__(self, reason: SkipReason, detail: str = "") -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def record_or_skip(record_id: str, item: object, rel: str) -> Record:
    if not isinstance(item, dict):
        raise Skip(SkipReason.BAD_RECORD, f"a JSON {type(item).__name__}, not an article object")
    record = record_from_mapping(record_id, item, rel)
    if not record.text.strip():
        raise Skip(SkipReason.BAD_RECORD, f"no {' / '.join(TEXT_KEYS)} field with text")
    return record


def _first(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in mapping.items()}
    for key in keys:
        value = lowered.get(key.lower())
        if isinstance(value, dict):  # {"source": {"name": "..."}} as news APIs write it
            value = value.get("name") or value.get("title")
        if value not in (None, "", []):
            return value
    return None


MAX_INT_DIGITS = 4000
"""Integers with more digits than this in a JSON record are kept as text (Python refuses to convert past 4,300)."""


def parse_int(text: str) -> int | str:
    """A JSON integer as an ``int``, or as its text when too long to convert (``json.loads(parse_int=...)``)."""
    return int(text) if len(text.lstrip("-")) <= MAX_INT_DIGITS else text


_MAX_DEPTH = 64
"""Metadata nested deeper than this is cut (the value becomes ``None``)."""


def clean_value(value: Any, depth: int = 0) -> Any:
    """A metadata value with every string (key or value) cleaned of control characters and lone surrogates, and its
    nesting bounded: safe to write to any output."""
    if isinstance(value, str):
        return strip_control(value)
    if depth >= _MAX_DEPTH:
        return None
    if isinstance(value, dict):
        return {strip_control(str(k)): clean_value(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v, depth + 1) for v in value]
    if isinstance(value, bool | int | float | date | None):
        return value
    return strip_control(str(value))


def record_from_mapping(record_id: str, item: Mapping[str, Any], rel: str) -> Record:
    text = _first(item, TEXT_KEYS)
    if isinstance(text, list):
        text = "\n\n".join(str(p) for p in text)
    title = _first(item, _TITLE_KEYS)
    outlet = _first(item, _OUTLET_KEYS)
    url = _first(item, _URL_KEYS)
    published = _first(item, _DATE_KEYS)
    return Record(
        id=record_id,
        path=rel,
        text=str(text) if text is not None else "",
        title=normalize(str(title)).strip() if title is not None else None,
        outlet=normalize(str(outlet)).strip() if outlet is not None else None,
        url=strip_control(str(url)).strip() or None if url is not None else None,
        published=parse_date(published),
        metadata={strip_control(str(k)): clean_value(v) for k, v in item.items() if str(k).lower() not in TEXT_KEYS},
    )


_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y%m%d")


def parse_date(value: object) -> date | None:
    """A publication date from ISO strings, common written forms or epoch seconds; ``None`` if unknown."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)):
        try:  # OverflowError also for an integer too large for a float
            return datetime.utcfromtimestamp(value / 1000 if value > 1e11 else value).date()
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    head = re.split(r"[T ]\d{1,2}:\d{2}", text)[0].strip().rstrip(",")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(head, fmt).date()
        except ValueError:
            continue
    return None
