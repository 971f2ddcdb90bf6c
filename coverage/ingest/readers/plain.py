"""Plain text (``.txt``): the title on the first non-empty line, the text after it."""

from __future__ import annotations

from coverage.ingest.records import Record, Skip
from coverage.model import Skipped, SkipReason
from coverage.text.cleaning import normalize

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".txt",)
"""The suffixes of the files this reader reads."""


def _from_txt(rel: str, text: str) -> Record:
    lines = normalize(text).split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        raise Skip(SkipReason.EMPTY, "only white space")
    return Record(id=rel, path=rel, title=lines[index].strip(), text="\n".join(lines[index + 1 :]))


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    return [_from_txt(rel, text)], []
