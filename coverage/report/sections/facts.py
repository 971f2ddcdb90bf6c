"""Facts: the sentence-level units of an event, who states each (and how prominently) and who omits it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from coverage.analysis.facts import POSITION_MARKS, best_evidence
from coverage.model import Event, Fact, ParagraphRef
from coverage.report.formatting import (
    ReportOptions,
    anchor,
    escape_markdown,
    evidence_link,
    outlet_keys,
    shorten,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = ["NAME", "TABLES", "json", "markdown", "rows", "schemas", "terminal"]

NAME = "facts"


def terminal(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    """Sentence-level facts stated by two or more outlets: who states each, and how prominently."""
    if not event.facts:
        return
    kinds = {k: sum(1 for f in event.facts if f.kind == k) for k in ("consensus", "shared", "exclusive")}
    shared = [f for f in event.facts if len(f.outlets) >= 2]
    keys = outlet_keys(event)
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"Facts: {kinds['consensus']} stated by every outlet, {kinds['shared']} by several, "
        f"{kinds['exclusive']} by one",
        title_justify="left",
        pad_edge=False,
        caption="H headline, L lead, ↑ upper half, ↓ lower half, · omitted",
        caption_justify="left",
    )
    table.add_column("fact", no_wrap=True)
    table.add_column("sentence (one outlet's wording)", min_width=30, ratio=1)
    for outlet in event.outlets:
        table.add_column(keys[outlet], justify="center", no_wrap=True)
    for fact in shared[: options.top]:
        cells = []
        for outlet in event.outlets:
            best = best_evidence(fact, outlet)
            cells.append(Text("·", style="red") if best is None else Text(POSITION_MARKS[best.position], style="green"))
        table.add_row(fact.id.rsplit("-", 1)[-1], Text(shorten(fact.text, options.excerpt)), *cells)
    if len(shared) > options.top:
        table.caption = f"{len(shared) - options.top} more facts not shown (--top)\n{table.caption}"
    yield table


def markdown(event: Event) -> list[str]:
    if not event.facts:
        return []
    kinds = {k: sum(1 for f in event.facts if f.kind == k) for k in ("consensus", "shared", "exclusive")}
    outlets = event.outlets
    lines = [
        "",
        "## Facts",
        "",
        f"Sentence-level facts: {kinds['consensus']} stated by every outlet, {kinds['shared']} by several, "
        f"{kinds['exclusive']} by one. Cells link to the outlet's paragraph: H headline, L lead, ↑ upper half, "
        "↓ lower half, · omitted.",
        "",
        "| fact | sentence | " + " | ".join(escape_markdown(o) for o in outlets) + " |",
        "|---|---|" + "---|" * len(outlets),
    ]
    for fact in event.facts:
        if len(fact.outlets) < 2:
            continue
        cells = []
        for outlet in outlets:
            best = best_evidence(fact, outlet)
            if best is None:
                cells.append("·")
                continue
            cells.append(
                f"[{POSITION_MARKS[best.position]}](#{anchor(event, ParagraphRef(best.article, best.paragraph))})"
            )
        lines.append(f"| {fact.id} | {escape_markdown(fact.text)} | " + " | ".join(cells) + " |")
    for outlet in outlets:
        omitted = [event.fact(i) for i in event.omissions.get(outlet, ())]
        if not omitted:
            continue
        note = f" Note: {escape_markdown(event.context[outlet])}." if outlet in event.context else ""
        lines += ["", f"**{escape_markdown(outlet)}** omits {len(omitted)} facts that most others state.{note}", ""]
        for fact in omitted:
            refs = ", ".join(evidence_link(event, ParagraphRef(e.article, e.paragraph)) for e in fact.evidence)
            lines.append(f"- {escape_markdown(fact.text)} ({fact.id}: {refs})")
    return lines


def json(event: Event) -> dict[str, Any]:
    return {
        "facts": [_fact(f) for f in event.facts],
        "omissions": {outlet: list(ids) for outlet, ids in sorted(event.omissions.items())},
        "omission_context": dict(sorted(event.context.items())),
    }


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id,
        "text": f.text,
        "kind": f.kind,
        "outlets": list(f.outlets),
        "missing": list(f.missing),
        "evidence": [
            {
                "outlet": e.outlet,
                "article": e.article,
                "paragraph": e.paragraph,
                "sentence": e.sentence,
                "position": e.position,
            }
            for e in f.evidence
        ],
    }


TABLES = ("facts",)
"""The tables this section adds to the exports."""


def schemas() -> dict[str, pl.Schema]:
    import polars as pl

    s, i = pl.String(), pl.Int64()
    lst = pl.List(pl.String)
    return {
        "facts": pl.Schema(
            {
                "event_id": s,
                "fact_id": s,
                "kind": s,
                "text": s,
                "article_id": s,
                "outlet": s,
                "paragraph": i,
                "sentence": s,
                "position": s,
                "outlets": lst,
                "missing": lst,
            }
        ),
    }


def rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {"facts": _fact_rows(event)}


def _fact_rows(event: Event) -> list[dict[str, Any]]:
    eid = event.id
    rows: list[dict[str, Any]] = []
    for fact in event.facts:
        for evidence in fact.evidence:
            rows.append(
                {
                    "event_id": eid,
                    "fact_id": fact.id,
                    "kind": fact.kind,
                    "text": fact.text,
                    "article_id": evidence.article,
                    "outlet": evidence.outlet,
                    "paragraph": evidence.paragraph,
                    "sentence": evidence.sentence,
                    "position": evidence.position,
                    "outlets": list(fact.outlets),
                    "missing": list(fact.missing),
                }
            )
    return rows
