"""Quotes: the same quote across outlets, with its speaker and each outlet's version."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from coverage.model import Event, ParagraphRef, QuoteGroup
from coverage.report.formatting import (
    ReportOptions,
    escape_markdown,
    evidence_link,
    outlet_keys,
    shorten,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = ["NAME", "TABLES", "json", "markdown", "rows", "schemas", "terminal"]

NAME = "quotes"


def terminal(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    """Direct quotes: who is quoted, by which outlets, and which versions are cut, reworded or re-attributed."""
    if not event.quotes or len(event.outlets) < 2:
        return
    keys = outlet_keys(event)
    table = Table(box=box.SIMPLE_HEAD, title="Quotes", title_justify="left", pad_edge=False)
    table.add_column("speaker", max_width=24)
    table.add_column("quote", min_width=24, ratio=1)
    table.add_column("carried by", max_width=26)
    for group in event.quotes[: options.top]:
        carried = Text()
        for variant in group.variants:
            note = f" ({', '.join(variant.notes)})" if variant.notes else ""
            carried.append(
                f"{keys[variant.outlet]} ¶{variant.paragraph + 1}{note}\n", style="yellow" if variant.notes else ""
            )
        carried.rstrip()
        table.add_row(Text(group.speaker or "(unattributed)"), Text(shorten(group.text, options.excerpt)), carried)
    if len(event.quotes) > options.top:
        table.caption = f"{len(event.quotes) - options.top} more quotes not shown (--top)"
        table.caption_justify = "left"
    yield table
    voices: dict[str, set[str]] = {}
    for group in event.quotes:
        for variant in group.variants:
            if variant.quote.speaker_kind is not None:
                voices.setdefault(variant.outlet, set()).add(str(variant.quote.speaker_kind))
    if voices:
        line = Text("Voices quoted: ", style="dim")
        line.append("; ".join(f"{keys[o]} {', '.join(sorted(v))}" for o, v in sorted(voices.items())))
        yield line


def markdown(event: Event) -> list[str]:
    if not event.quotes or len(event.outlets) < 2:
        return []
    lines = ["", "## Quotes", "", "| speaker | quote | carried by | missing |", "|---|---|---|---|"]
    for group in event.quotes:
        carried = []
        for v in group.variants:
            note = f" ({', '.join(v.notes)})" if v.notes else ""
            carried.append(f"{evidence_link(event, ParagraphRef(v.article_id, v.paragraph))}{note}")
        missing = ", ".join(escape_markdown(o) for o in event.outlets if o not in group.outlets)
        lines.append(
            f"| {escape_markdown(group.speaker or '(unattributed)')} | {escape_markdown(group.text)} | "
            f"{'; '.join(carried)} | {missing} |"
        )
    return lines


def json(event: Event) -> dict[str, Any]:
    return {"quotes": [_quote_group(event, group) for group in event.quotes]}


def _quote_group(event: Event, group: QuoteGroup) -> dict[str, Any]:
    return {
        "speaker": group.speaker,
        "text": group.text,
        "outlets": list(group.outlets),
        "missing": [o for o in event.outlets if o not in group.outlets],
        "variants": [
            {
                "outlet": v.outlet,
                "article": v.article_id,
                "paragraph": v.paragraph,
                "speaker": v.speaker,
                "text": v.text,
                "flags": [str(f) for f in v.flags],
            }
            for v in group.variants
        ],
    }


TABLES = ("quotes",)
"""The tables this section adds to the exports."""


def schemas() -> dict[str, pl.Schema]:
    import polars as pl

    s, i = pl.String(), pl.Int64()
    lst = pl.List(pl.String)
    return {
        "quotes": pl.Schema(
            {
                "event_id": s,
                "group_id": s,
                "speaker": s,
                "quote": s,
                "article_id": s,
                "outlet": s,
                "paragraph": i,
                "variant_speaker": s,
                "text": s,
                "flags": lst,
            }
        ),
    }


def rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {"quotes": _quote_rows(event)}


def _quote_rows(event: Event) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for number, quote in enumerate(event.quotes, start=1):
        for variant in quote.variants:
            rows.append(
                {
                    "event_id": eid,
                    "group_id": f"{eid}-q{number}",
                    "speaker": quote.speaker,
                    "quote": quote.text,
                    "article_id": variant.article_id,
                    "outlet": variant.outlet,
                    "paragraph": variant.paragraph,
                    "variant_speaker": variant.speaker,
                    "text": variant.text,
                    "flags": [str(flag) for flag in variant.flags],
                }
            )
    return rows
