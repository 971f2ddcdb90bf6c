"""Plain text (``.txt``): an optional header block, the title on the first non-empty line, the text after it.

The header block is the first lines of the file when each is ``Key: value`` with a key the metadata knows (title,
headline, outlet, source, publisher, site_name, published, date, url) and a blank line ends them::

    Source: The Monitor
    Date: 2022-01-08

    Unrest in Kazakhstan
    ...

Anything else (a dateline such as ``ALMATY:``, or such a line followed by text) is read as text.
"""

from __future__ import annotations

import re

from coverage.ingest.records import Record, Skip, record_from_mapping
from coverage.model import Skipped, SkipReason
from coverage.text.cleaning import normalize

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".txt",)
"""The suffixes of the files this reader reads."""


_HEADER = re.compile(r"(title|headline|outlet|source|publisher|site_name|published|date|url)[ \t]*:[ \t]*(\S.*)", re.I)


def _header(lines: list[str], start: int) -> tuple[dict[str, str], int]:
    """The header block's fields and the index of the line after it; no fields when there is no block."""
    fields: dict[str, str] = {}
    k = start
    while k < len(lines) and (match := _HEADER.fullmatch(lines[k].strip())):
        fields[match.group(1).lower()] = match.group(2).strip()
        k += 1
    if fields and (k == len(lines) or not lines[k].strip()):
        return fields, k
    return {}, start


def _from_txt(rel: str, text: str) -> Record:
    lines = normalize(text).split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise Skip(SkipReason.EMPTY, "only white space")
    fields, after = _header(lines, index)
    if not fields:
        return Record(id=rel, path=rel, title=lines[index].strip(), text="\n".join(lines[index + 1 :]))
    rest = lines[after:]
    if "title" not in fields and "headline" not in fields:
        first = next((i for i, line in enumerate(rest) if line.strip()), None)
        if first is not None:
            fields["title"] = rest[first].strip()
            rest = rest[first + 1 :]
    return record_from_mapping(rel, {**fields, "text": "\n".join(rest)}, rel)


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    return [_from_txt(rel, text)], []
