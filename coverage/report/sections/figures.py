"""Figures: the same quantity across outlets, with conflicts and updates."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from coverage.model import Event, FigureGroup, ParagraphRef
from coverage.report.formatting import (
    ReportOptions,
    article_label,
    escape_markdown,
    evidence_link,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = ["NAME", "TABLES", "json", "markdown", "rows", "schemas", "terminal"]

NAME = "figures"


def terminal(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    """Figures reported by two or more outlets (or in conflict), each outlet's value, date and evidence."""
    groups = [g for g in event.figures if len(g.outlets) >= 2 or g.conflict]
    if not groups:
        return
    table = Table(
        box=box.SIMPLE_HEAD,
        title="Figures: the same quantity across outlets (red: values that cannot all be true)",
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("what", max_width=18)
    table.add_column("outlet", max_width=20)
    table.add_column("says", min_width=12, ratio=1)
    table.add_column("published", no_wrap=True)
    table.add_column("where", no_wrap=True)
    for group in groups[: options.top]:
        style = {"conflict": "red", "update": "yellow", "agree": "green", "unclear": "blue"}[group.verdict]
        mentions = group.by_date()
        for index, mention in enumerate(mentions):
            table.add_row(
                Text(f"{group.label}\n{_verdict(group)}", style=style) if index == 0 else "",
                Text(article_label(event, mention.article_id)),
                Text(mention.figure.text, style=style if group.conflict else ""),
                str(mention.published or "?"),
                f"¶{mention.paragraph + 1}",
                end_section=index == len(mentions) - 1,
            )
    yield table


def markdown(event: Event) -> list[str]:
    groups = [g for g in event.figures if len(g.outlets) >= 2 or g.conflict]
    if not groups:
        return []
    lines = [
        "",
        "## Figures",
        "",
        "The same quantity as each outlet states it. A conflict means the values cannot all be "
        'true given their qualifiers ("at least", "nearly", ...); an update means later articles give higher '
        "values; unclear means the values differ but an article has no date, so a later count cannot be told "
        "from a disagreement.",
        "",
        "| what | verdict | outlet | says | published | evidence |",
        "|---|---|---|---|---|---|",
    ]
    for group in groups:
        label = group.label
        verdict = f"**{_verdict(group)}**" if group.verdict == "conflict" else _verdict(group)
        for index, m in enumerate(group.by_date()):
            lines.append(
                f"| {escape_markdown(label) if index == 0 else ''} | {verdict if index == 0 else ''} | "
                f"{escape_markdown(m.outlet)} | {escape_markdown(m.figure.text)} | {m.published or '?'} | "
                f"{evidence_link(event, ParagraphRef(m.article_id, m.paragraph))} |"
            )
    return lines


def _verdict(group: FigureGroup) -> str:
    """``conflict (A, B)``: the verdict, with the outlets that disagree when it is a conflict."""
    if group.verdict == "conflict" and group.disagreeing:
        return f"conflict ({', '.join(group.disagreeing)})"
    if group.verdict == "unclear":
        return "unclear (a date is unknown)"
    return group.verdict


def json(event: Event) -> dict[str, Any]:
    return {"figures": [_figure_group(group) for group in event.figures]}


def _figure_group(group: FigureGroup) -> dict[str, Any]:
    return {
        "kind": str(group.kind),
        "referent": group.referent,
        "conflict": group.conflict,
        "is_update": group.is_update,
        "dates_unknown": group.dates_unknown,
        "disagreeing": list(group.disagreeing),
        "mentions": [
            {
                "outlet": m.outlet,
                "article": m.article_id,
                "paragraph": m.paragraph,
                "published": m.published.isoformat() if m.published else None,
                "value": m.figure.value,
                "low": m.figure.low,
                "high": m.figure.high,
                "qualifier": m.figure.qualifier,
                "text": m.figure.text,
                "sentence": m.figure.sentence,
            }
            for m in group.mentions
        ],
    }


TABLES = ("figures",)
"""The tables this section adds to the exports."""


def schemas() -> dict[str, pl.Schema]:
    import polars as pl

    s, i, f, b, d = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean(), pl.Date()
    return {
        "figures": pl.Schema(
            {
                "event_id": s,
                "group_id": s,
                "kind": s,
                "referent": s,
                "conflict": b,
                "is_update": b,
                "article_id": s,
                "outlet": s,
                "paragraph": i,
                "published": d,
                "value": f,
                "low": f,
                "high": f,
                "qualifier": s,
                "text": s,
                "sentence": s,
            }
        ),
    }


def rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {"figures": _figure_rows(event)}


def _figure_rows(event: Event) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for number, group in enumerate(event.figures, start=1):
        for mention in group.mentions:
            figure = mention.figure
            rows.append(
                {
                    "event_id": eid,
                    "group_id": f"{eid}-g{number}",
                    "kind": str(group.kind),
                    "referent": group.referent,
                    "conflict": group.conflict,
                    "is_update": group.is_update,
                    "article_id": mention.article_id,
                    "outlet": mention.outlet,
                    "paragraph": mention.paragraph,
                    "published": mention.published,
                    "value": figure.value,
                    "low": figure.low,
                    "high": figure.high,
                    "qualifier": figure.qualifier,
                    "text": figure.text,
                    "sentence": figure.sentence,
                }
            )
    return rows
