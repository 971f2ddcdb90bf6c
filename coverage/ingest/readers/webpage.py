"""HTML (``.html``, ``.htm``): the article text and metadata by trafilatura, never with network access."""

from __future__ import annotations

from typing import Any

from coverage.ingest.records import Record, Skip, record_from_mapping
from coverage.model import Skipped, SkipReason

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".html", ".htm")
"""The suffixes of the files this reader reads."""


def _from_html(rel: str, text: str) -> Record:
    import trafilatura

    # bare_extraction works on the string given: trafilatura fetches nothing unless asked to download.
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True, deduplicate=False
    )
    found: dict[str, Any] = {}
    if document is not None:
        found = document if isinstance(document, dict) else document.as_dict()
    text_found = str(found.get("text") or "")
    if not text_found.strip():
        raise Skip(SkipReason.NO_TEXT, "no article text found in the HTML")
    body = "\n\n".join(line for line in text_found.split("\n") if line.strip())
    meta = {
        "title": found.get("title"),
        "site_name": found.get("sitename"),
        "date": found.get("date"),
        "url": found.get("url"),
        "author": found.get("author"),
    }
    return record_from_mapping(rel, {**{k: v for k, v in meta.items() if v}, "text": body}, rel)


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    return [_from_html(rel, text)], []
