"""One reader per input format: a module with ``SUFFIXES`` (the file suffixes it reads) and
``read(rel, text) -> (records, skipped)`` (see :mod:`coverage.ingest.registry`).

A new format is a new module here and its place in :data:`READERS`.
"""

from coverage.ingest.readers import jsonfile, jsonlines, markdown, plain, webpage

READERS = (plain, markdown, webpage, jsonfile, jsonlines)
"""The readers, in the order their suffixes are listed to the user: ``.txt, .md, .markdown, .html, .htm, .json,
.jsonl``."""

__all__ = ["READERS"]
