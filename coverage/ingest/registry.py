"""The readers of input formats by file suffix: a reader turns a file's decoded text into records.

A reader is a module of :mod:`coverage.ingest.readers` with ``SUFFIXES`` and ``read``, listed in
:data:`coverage.ingest.readers.READERS`.
"""

from __future__ import annotations

from collections.abc import Callable

from coverage.ingest.readers import READERS
from coverage.ingest.records import Record
from coverage.model import Skipped

__all__ = ["SUPPORTED_SUFFIXES", "Reader", "reader_for"]

Reader = Callable[[str, str], tuple[list[Record], list[Skipped]]]
"""``read(rel, text) -> (records, skipped records)``: ``rel`` is the file's path relative to the folder (the id of
its record, or the stem of its records' ids), ``text`` its decoded content. A reader raises
:class:`~coverage.ingest.records.Skip` when the whole file is not an article."""

_BY_SUFFIX: dict[str, Reader] = {suffix: module.read for module in READERS for suffix in module.SUFFIXES}

SUPPORTED_SUFFIXES = tuple(_BY_SUFFIX)
"""Every suffix a reader reads, in the order of :data:`~coverage.ingest.readers.READERS`."""


def reader_for(suffix: str) -> Reader | None:
    """The reader of files ending in ``suffix`` (lower case, with the dot), or ``None``."""
    return _BY_SUFFIX.get(suffix)
