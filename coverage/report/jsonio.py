"""Machine-readable output: the versioned JSON document of a comparison (see the README for the schema), and the
same content as JSON lines.

JSON lines (:func:`iter_json_lines`, ``coverage compare --json-lines FILE``): the first line is the header, the JSON
document's top level without ``events`` plus ``n_events`` (how many event lines follow); then one line per event, in
event order, each exactly the event object of the JSON document. :func:`from_json_lines` puts the document back
together. With ``--engine ray`` each event line is made by the worker that built the event.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from coverage._io import write_atomic
from coverage.model import Article, Comparison, Event, ParagraphRef, Unit
from coverage.report.sections import SECTIONS

__all__ = [
    "SCHEMA_VERSION",
    "event_line",
    "from_json_lines",
    "head_line",
    "iter_json",
    "iter_json_lines",
    "to_dict",
    "to_json",
    "write_json",
    "write_json_lines",
]

SCHEMA_VERSION = 2
"""2: facts carry a verdict per outlet (``verdicts``, ``different``, ``unclear``; ``missing`` holds only the
verified omissions), evidence says whether verification found it (``verified``), events list ``exclusives``."""


def _ref(ref: ParagraphRef) -> dict[str, Any]:
    return {"article": ref.article, "paragraph": ref.paragraph}


def _event(event: Event) -> dict[str, Any]:
    fields = {
        "id": event.id,
        "title": event.title,
        "outlets": list(event.outlets),
        "evidence": {
            "shared_terms": list(event.evidence.shared_terms),
            "shared_numbers": list(event.evidence.shared_numbers),
            "similarity": event.evidence.similarity,
        },
        "articles": [_article(event, a) for a in event.articles],
        "links": [{"a": _ref(link.a), "b": _ref(link.b), "score": link.score} for link in event.links],
        "units": [_unit(u) for u in event.units],
        "copies": [
            {"article": c.article, "source": c.source, "shared": c.shared, "added": list(c.added), "cut": list(c.cut)}
            for c in event.copies
        ],
    }
    if event.left_out:
        fields["sample"] = {"note": event.sample_note, "left_out": list(event.left_out)}
    for section in SECTIONS:
        fields.update(section.json(event))
    order = {key: k for k, key in enumerate(_EVENT_KEYS)}
    return dict(sorted(fields.items(), key=lambda item: order.get(item[0], len(order))))


_EVENT_KEYS = (
    *("id", "title", "outlets", "sample", "evidence", "articles", "links", "units", "copies"),
    *("facts", "framing", "omissions", "unsure_omissions", "exclusives", "omission_context", "figures", "quotes"),
)
"""The order of an event's keys; keys of new sections follow, in section order."""


def _article(event: Event, a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "path": a.path,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published.isoformat() if a.published else None,
        "url": a.url,
        "syndicated_with": list(event.syndicated_with(a.id)),
        "paragraphs": list(a.paragraphs),
    }


def _unit(u: Unit) -> dict[str, Any]:
    return {
        "id": u.id,
        "text": u.text,
        "outlets": list(u.outlets),
        "missing": list(u.missing),
        "score": u.score,
        "members": [_ref(m) for m in u.members],
    }


def _head(comparison: Comparison) -> dict[str, Any]:
    corpus = comparison.corpus
    return {
        "schema_version": SCHEMA_VERSION,
        "model": comparison.model,
        "input": {
            "path": str(corpus.root),
            "files_seen": corpus.files_seen,
            "skipped": [{"path": s.path, "reason": s.message, "code": s.reason.name.lower()} for s in corpus.skipped],
        },
        "outlets": list(corpus.outlets),
    }


def to_dict(comparison: Comparison) -> dict[str, Any]:
    return {**_head(comparison), "events": [_event(e) for e in comparison.events]}


def iter_json(comparison: Comparison) -> Iterator[str]:
    """The JSON document in pieces, one event at a time, without ever holding the whole document (on 10,000
    articles it is about 230 MB, and building it at once took 2 GB).

    The top level is indented; each event is one compact line (JSON's C encoder only runs without indentation:
    2.3 times faster, and 28 % smaller, than indenting every event). ``jq`` pretty-prints it when wanted.
    """
    head = json.dumps(_head(comparison), ensure_ascii=False, indent=2)
    if not comparison.events:
        yield head[: -len("\n}")] + ',\n  "events": []\n}\n'
        return
    yield head[: -len("\n}")] + ',\n  "events": [\n'
    for index, event in enumerate(comparison.events):
        yield ("" if index == 0 else ",\n") + "    " + event_line(event)
    yield "\n  ]\n}\n"


def to_json(comparison: Comparison) -> str:
    return "".join(iter_json(comparison))


def write_json(comparison: Comparison, path: Path) -> None:
    """Write the JSON document to ``path`` (atomically, one event at a time)."""
    write_atomic(Path(path), iter_json(comparison))


def event_line(event: Event) -> str:
    """One event as one compact line of JSON (no newline): its object in the JSON document, and its line in the
    JSON lines result."""
    return json.dumps(_event(event), ensure_ascii=False)


def head_line(comparison: Comparison) -> str:
    """The JSON lines header (no newline): the document's top level without ``events``, with ``n_events``."""
    return json.dumps({**_head(comparison), "n_events": len(comparison.events)}, ensure_ascii=False)


def iter_json_lines(comparison: Comparison, line_of: Callable[[Event], str] = event_line) -> Iterator[str]:
    """The JSON lines result, one line (with its newline) at a time: :func:`head_line`, then each event's line in
    event order, made by ``line_of`` (the Ray engine passes the lines its workers made)."""
    yield head_line(comparison) + "\n"
    for event in comparison.events:
        yield line_of(event) + "\n"


def write_json_lines(comparison: Comparison, path: Path, line_of: Callable[[Event], str] = event_line) -> None:
    """Write the JSON lines result to ``path`` (atomically, one line at a time)."""
    write_atomic(Path(path), iter_json_lines(comparison, line_of))


def from_json_lines(lines: Iterable[str]) -> dict[str, Any]:
    """The JSON document (:func:`to_dict`'s value) that a JSON lines result holds; raises ``ValueError`` when the
    lines are not one (no header, or not as many event lines as the header's ``n_events``)."""
    rows = [json.loads(line) for line in lines if line.strip()]
    if not rows or "schema_version" not in rows[0] or "n_events" not in rows[0]:
        raise ValueError("not a coverage JSON lines result: the first line is not its header")
    head = dict(rows[0])
    expected = head.pop("n_events")
    events = rows[1:]
    if len(events) != expected:
        raise ValueError(f"the header announces {expected} events, {len(events)} lines follow")
    return {**head, "events": events}
