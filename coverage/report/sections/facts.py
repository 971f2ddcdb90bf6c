"""Facts: the sentence-level units of an event, who states each (and how prominently), who states it
differently, who omits it, and where the verification could not tell (:mod:`coverage.analysis.verification`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from coverage.analysis.facts import POSITION_MARKS, best_evidence
from coverage.model import Event, Fact, FactEvidence, OutletCheck, ParagraphRef, Verdict
from coverage.report.formatting import (
    ReportOptions,
    anchor,
    escape_markdown,
    outlet_keys,
    ref_label,
    shorten,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = [
    "LEGEND",
    "NAME",
    "TABLES",
    "VERDICT_MARKS",
    "closest_line",
    "json",
    "mark",
    "markdown",
    "rows",
    "schemas",
    "terminal",
]

NAME = "facts"

VERDICT_MARKS = {Verdict.DIFFERENT: "≠", Verdict.UNCLEAR: "?", Verdict.OMITS: "·"}
"""How the fact tables mark an outlet that does not state a fact (stating outlets get a prominence mark)."""
LEGEND = (
    "H headline, L lead, ↑ upper half, ↓ lower half: states it; ≠ states it differently (another figure or speaker); "
    "? unclear (a sentence is close, not close enough to say); · omits (no sentence of the outlet is close)"
)


def mark(fact: Fact, outlet: str) -> str:
    """The cell of ``outlet`` in the row of ``fact``: where it states it, or its verdict."""
    best = best_evidence(fact, outlet)
    if best is not None:
        return POSITION_MARKS[best.position]
    return VERDICT_MARKS.get(fact.verdict(outlet), "·")


def _style(cell: str) -> str:
    return {"·": "red", "?": "yellow", "≠": "magenta"}.get(cell, "green")


def _kinds(event: Event) -> dict[str, int]:
    """How many facts every outlet states, several do, one does; a fact that only a wire story and its copies state
    is stated by one (copies do not make it several)."""
    kinds = {"consensus": 0, "shared": 0, "exclusive": 0}
    for fact in event.facts:
        kind = fact.kind
        if kind != "exclusive" and len(event.independent_outlets(fact)) < 2:
            kind = "exclusive"
        kinds[kind] += 1
    return kinds


def terminal(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    """Sentence-level facts stated by two or more outlets: who states each (and how prominently), who states it
    differently, who omits it and where the verification could not tell."""
    if not event.facts:
        return
    kinds = _kinds(event)
    shared = [f for f in event.facts if len(f.outlets) >= 2]
    keys = outlet_keys(event)
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"Facts: {kinds['consensus']} stated by every outlet, {kinds['shared']} by several, "
        f"{kinds['exclusive']} by one",
        title_justify="left",
        pad_edge=False,
        caption=LEGEND,
        caption_justify="left",
    )
    table.add_column("fact", no_wrap=True)
    table.add_column("sentence (one outlet's wording)", min_width=30, ratio=1)
    for outlet in event.outlets:
        table.add_column(keys[outlet], justify="center", no_wrap=True)
    for fact in shared[: options.top]:
        cells = [mark(fact, outlet) for outlet in event.outlets]
        table.add_row(
            fact.id.rsplit("-", 1)[-1],
            Text(shorten(fact.text, options.excerpt)),
            *(Text(c, style=_style(c)) for c in cells),
        )
    if len(shared) > options.top:
        table.caption = f"{len(shared) - options.top} more facts not shown (--top)\n{table.caption}"
    yield table


def closest_line(event: Event, check: OutletCheck) -> str:
    """``closest in Outlet ¶3: "sentence" (similarity 0.41, content 0.12; sure 0.66)``: the evidence of a
    verdict, so that a reader can check an omission in one glance."""
    scores = f"similarity {check.cosine:.2f}, content {check.coverage:.2f}; sure {check.confidence:.2f}"
    if check.closest is None:
        return f"no sentence of {check.outlet} in this event ({scores})"
    where = ref_label(event, ParagraphRef(check.closest.article, check.closest.paragraph))
    return f'closest in {where}: "{check.closest.sentence}" ({scores})'


def markdown(event: Event) -> list[str]:
    if not event.facts:
        return []
    kinds = _kinds(event)
    outlets = event.outlets
    lines = [
        "",
        "## Facts",
        "",
        f"Sentence-level facts: {kinds['consensus']} stated by every outlet, {kinds['shared']} by several, "
        f"{kinds['exclusive']} by one. Cells link to the outlet's paragraph. {LEGEND}.",
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
                cells.append(mark(fact, outlet))
                continue
            cells.append(
                f"[{POSITION_MARKS[best.position]}](#{anchor(event, ParagraphRef(best.article, best.paragraph))})"
            )
        lines.append(f"| {fact.id} | {escape_markdown(fact.text)} | " + " | ".join(cells) + " |")
    return lines


def json(event: Event) -> dict[str, Any]:
    return {
        "facts": [_fact(f) for f in event.facts],
        "omissions": {outlet: list(ids) for outlet, ids in sorted(event.omissions.items())},
        "unsure_omissions": {outlet: list(ids) for outlet, ids in sorted(event.unsure_omissions.items())},
        "exclusives": {outlet: list(ids) for outlet, ids in sorted(event.exclusives.items())},
        "omission_context": dict(sorted(event.context.items())),
    }


def _evidence(e: FactEvidence) -> dict[str, Any]:
    return {
        "outlet": e.outlet,
        "article": e.article,
        "paragraph": e.paragraph,
        "sentence": e.sentence,
        "position": e.position,
        "verified": e.verified,
    }


def _check(c: OutletCheck) -> dict[str, Any]:
    return {
        "outlet": c.outlet,
        "verdict": c.verdict.value,
        "confidence": round(c.confidence, 3),
        "cosine": c.cosine,
        "coverage": c.coverage,
        "note": c.note,
        "closest": None
        if c.closest is None
        else {"article": c.closest.article, "paragraph": c.closest.paragraph, "sentence": c.closest.sentence},
    }


def _fact(f: Fact) -> dict[str, Any]:
    return {
        "id": f.id,
        "text": f.text,
        "kind": f.kind,
        "outlets": list(f.outlets),
        "missing": list(f.missing),
        "different": list(f.different),
        "unclear": list(f.unclear),
        "evidence": [_evidence(e) for e in f.evidence],
        "verdicts": [_check(c) for c in f.checks],
    }


TABLES = ("facts", "verdicts")
"""The tables this section adds to the exports."""


def schemas() -> dict[str, pl.Schema]:
    import polars as pl

    s, i, f, b = pl.String(), pl.Int64(), pl.Float64(), pl.Boolean()
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
                "verified": b,
                "outlets": lst,
                "missing": lst,
                "different": lst,
                "unclear": lst,
            }
        ),
        "verdicts": pl.Schema(
            {
                "event_id": s,
                "fact_id": s,
                "outlet": s,
                "verdict": s,
                "confidence": f,
                "cosine": f,
                "coverage": f,
                "note": s,
                "closest_article_id": s,
                "closest_paragraph": i,
                "closest_sentence": s,
            }
        ),
    }


def rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {"facts": _fact_rows(event), "verdicts": _verdict_rows(event)}


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
                    "verified": evidence.verified,
                    "outlets": list(fact.outlets),
                    "missing": list(fact.missing),
                    "different": list(fact.different),
                    "unclear": list(fact.unclear),
                }
            )
    return rows


def _verdict_rows(event: Event) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for fact in event.facts:
        for check in fact.checks:
            closest = check.closest
            rows.append(
                {
                    "event_id": event.id,
                    "fact_id": fact.id,
                    "outlet": check.outlet,
                    "verdict": check.verdict.value,
                    "confidence": round(check.confidence, 3),
                    "cosine": check.cosine,
                    "coverage": check.coverage,
                    "note": check.note,
                    "closest_article_id": closest.article if closest else None,
                    "closest_paragraph": closest.paragraph if closest else None,
                    "closest_sentence": closest.sentence if closest else None,
                }
            )
    return rows
