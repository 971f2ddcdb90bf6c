"""Framing: distinctive terms, frames and attribution per outlet, and the labels outlets give one referent."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from coverage.model import Event, ParagraphRef
from coverage.model.framing import LoadedTerm
from coverage.report.formatting import (
    ReportOptions,
    anchor,
    article_label,
    escape_markdown,
)

if TYPE_CHECKING:
    import polars as pl

__all__ = ["NAME", "TABLES", "json", "markdown", "rows", "schemas", "terminal"]

NAME = "framing"


def terminal(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    """Distinctive words (Fightin' Words z-scores), main frames and attribution verbs per outlet; labels."""
    framing = event.framing
    if framing is None:
        return
    table = Table(
        box=box.SIMPLE_HEAD,
        title="Framing: words each outlet uses more than the others (z ≥ 1.96), main frames, attribution",
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("outlet", max_width=20)
    table.add_column("distinctive terms (z)", ratio=2)
    table.add_column("frames (share of ¶)", ratio=1)
    table.add_column("says / claims …", ratio=1)
    for item in framing.outlets:
        table.add_row(
            Text(item.outlet),
            Text(item.term_summary(5), style="" if item.significant else "dim"),
            Text(", ".join(f"{name} {share:.0%}" for name, share in item.top_frames(2))),
            Text(", ".join(f"{verb} {count}" for verb, count in item.top_attribution(3))),
        )
    yield table
    if framing.labels:
        labels = Table(
            box=box.SIMPLE_HEAD,
            title="Labels: the words outlets use for one actor, group or thing (¶ of the first use)",
            title_justify="left",
            pad_edge=False,
        )
        labels.add_column("referent", max_width=24)
        labels.add_column("by outlet", ratio=1)
        for group in framing.labels[: options.top]:
            words = "; ".join(
                f"{o}: " + ", ".join(_first_use(event, group.where.get(o, {}), w) for w in ws)
                for o, ws in sorted(group.by_outlet.items())
            )
            labels.add_row(Text(group.referent), Text(words))
        yield labels
    if framing.loaded:
        loaded = Table(
            box=box.SIMPLE_HEAD,
            title="Loaded words: one outlet's word choices, in their sentence (where others wrote …)",
            title_justify="left",
            pad_edge=False,
        )
        loaded.add_column("outlet", max_width=20)
        loaded.add_column("word", max_width=20)
        loaded.add_column("sentence", ratio=1)
        for item in framing.outlets:
            for term in framing.loaded_of(item.outlet)[: options.top]:
                loaded.add_row(Text(term.outlet), Text(term.term), Text(_in_sentence(term)))
        yield loaded


def _in_sentence(term: LoadedTerm) -> str:
    """The term's sentence, then what other outlets wrote instead and why the word is loaded."""
    instead = "; ".join(f"{o}: {words}" for o, words in term.instead[:2])
    return f"{term.sentence}" + (f" (instead: {instead})" if instead else "") + f" [{', '.join(term.cues)}]"


def _first_use(event: Event, where: Mapping[str, Sequence[ParagraphRef]], label: str) -> str:
    """``label ¶n``: the first paragraph using it (``(2) ¶n`` when the outlet has several articles)."""
    refs = where.get(label, ())
    if not refs:
        return label
    article = event.article(refs[0].article)
    numbered = article_label(event, refs[0].article).removeprefix(article.outlet).strip()
    return f"{label} {numbered + ' ' if numbered else ''}¶{refs[0].paragraph + 1}"


def markdown(event: Event) -> list[str]:
    framing = event.framing
    if framing is None:
        return []
    lines = [
        "",
        "## Framing",
        "",
        "Distinctive terms: log-odds with an informative Dirichlet prior (Monroe et al. 2008), each outlet against "
        "the others, z ≥ 1.96. Frames: share of the outlet's paragraphs closest to each generic policy frame.",
        "",
        "| outlet | headline | distinctive terms (z) | frames | attribution |",
        "|---|---|---|---|---|",
    ]
    for item in framing.outlets:
        frames = ", ".join(f"{name} {share:.0%}" for name, share in item.top_frames(3))
        verbs = ", ".join(f"{verb} {count}" for verb, count in item.top_attribution(4))
        lines.append(
            f"| {escape_markdown(item.outlet)} | {escape_markdown(' / '.join(item.headlines))} | "
            f"{escape_markdown(item.term_summary(8))} | {escape_markdown(frames)} | {escape_markdown(verbs)} |"
        )
    if framing.labels:
        lines += [
            "",
            "Labels: the words outlets use for one actor, group or thing, with the paragraphs that use them.",
            "",
            "| referent | words by outlet |",
            "|---|---|",
        ]
        for group in framing.labels:
            words = "; ".join(
                f"{escape_markdown(o)}: "
                + ", ".join(_label_with_evidence(event, group.where.get(o, {}), label) for label in labels)
                for o, labels in sorted(group.by_outlet.items())
            )
            lines.append(f"| {escape_markdown(group.referent)} | {words} |")
    if framing.loaded:
        lines += [
            "",
            "Loaded words: word choices no other outlet makes, where aligned sentences differ only there or the word "
            "is emotive in the VADER lexicon or a report verb that takes a side; each in its sentence.",
            "",
            "| outlet | word | sentence |",
            "|---|---|---|",
        ]
        for item in framing.outlets:
            for term in framing.loaded_of(item.outlet):
                link = f" ([¶{term.where.paragraph + 1}](#{anchor(event, term.where)}))" if term.where else ""
                lines.append(
                    f"| {escape_markdown(term.outlet)} | {escape_markdown(term.term)} | "
                    f"{escape_markdown(_in_sentence(term))}{link} |"
                )
    return lines


LABEL_REFS = 3
"""Paragraph links shown per label and outlet (the JSON has them all)."""


def _label_with_evidence(event: Event, where: Mapping[str, Sequence[ParagraphRef]], label: str) -> str:
    refs = list(where.get(label, ()))
    links = [f"[¶{r.paragraph + 1}](#{anchor(event, r)})" for r in refs[:LABEL_REFS]]
    if len(refs) > LABEL_REFS:
        links.append(f"+{len(refs) - LABEL_REFS}")
    return escape_markdown(label) + (f" ({' '.join(links)})" if links else "")


def json(event: Event) -> dict[str, Any]:
    return {"framing": event.framing.to_dict() if event.framing is not None else None}


TABLES: tuple[str, ...] = ()
"""This section adds no table to the exports."""


def schemas() -> dict[str, pl.Schema]:
    return {}


def rows(event: Event) -> dict[str, list[dict[str, Any]]]:
    return {}
