"""Markdown reports: ``index.md`` and one file per event, every claim linked to its evidence.

Evidence links point to anchors in the event file's "Articles" appendix, where each cleaned paragraph is
printed with its outlet, article and paragraph number. Article text is escaped, so it cannot break a table or
inject markup; output is deterministic (no timestamps), so two runs can be diffed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coverage._io import slugify, write_atomic
from coverage.model import Comparison, Event, Fact, ParagraphRef, Unit
from coverage.report.formatting import escape_markdown, evidence_link
from coverage.report.sections import SECTIONS
from coverage.report.sections.facts import closest_line

if TYPE_CHECKING:
    from coverage._cache import EmbeddingCache
    from coverage.analysis.outlets import OutletProfiles

__all__ = ["escape_markdown", "event_filename", "render_event_markdown", "render_index", "write_markdown"]


def event_filename(event: Event) -> str:
    return f"{event.id.lower()}-{slugify(event.title, max_length=50, fallback='event')}.md"


def render_index(comparison: Comparison, profiles: OutletProfiles | None = None) -> str:
    corpus = comparison.corpus
    lines = [
        "# Coverage comparison",
        "",
        f"Folder {escape_markdown(corpus.root.name)}: {corpus.files_seen} files seen, "
        f"{len(corpus.articles)} articles from {len(corpus.outlets)} outlets, {len(comparison.events)} events, "
        f"{len(corpus.skipped)} skipped. "
        f"Embedding model: {escape_markdown(comparison.model)}.",
        "",
        "| event | title | dates | outlets | articles | shared units |",
        "|---|---|---|---:|---:|---:|",
    ]
    for event in comparison.events:
        dates = event.dates
        when = "" if dates is None else (str(dates[0]) if dates[0] == dates[1] else f"{dates[0]} – {dates[1]}")
        shared = sum(1 for u in event.units if len(u.outlets) >= 2)
        lines.append(
            f"| {event.id} | [{escape_markdown(event.title)}]({event_filename(event)}) | {when} | "
            f"{len(event.outlets)} | {len(event.articles)} | {shared} |"
        )
    profiles = profiles if profiles is not None else comparison.profiles
    if profiles is not None:
        lines += _profiles_markdown(comparison, profiles)
    if corpus.skipped:
        lines += ["", "## Skipped files", "", "| path | reason |", "|---|---|"]
        lines += [f"| {escape_markdown(s.path)} | {escape_markdown(s.message)} |" for s in corpus.skipped]
    return "\n".join(lines) + "\n"


def render_event_markdown(event: Event, *, images: Sequence[str] = ()) -> str:
    lines = [f"# {event.id}: {escape_markdown(event.title)}", "", "[All events](index.md)", ""]
    for name in images:
        what = "Coverage heatmap" if "coverage" in name else "Figures by outlet"
        lines += [f"![{what}]({name})", ""]
    why = event.evidence
    shared_terms = list(why.shared_terms) + list(why.shared_numbers)
    reason = ", ".join(escape_markdown(t) for t in shared_terms) or "similar content"
    similarity = f" (mean similarity {why.similarity:.2f})" if why.similarity is not None else ""
    lines += [f"Grouped because the articles share: {reason}{similarity}.", ""]
    lines += [f"**{event.sample_note}**", ""] if event.sample_note else []
    lines += _articles_markdown(event)
    lines += _matrix_markdown(event)
    for section in SECTIONS:
        lines += section.markdown(event)
    lines += _per_outlet_markdown(event)
    lines += _copies_markdown(event)
    lines += _texts_markdown(event)
    return "\n".join(lines).rstrip("\n") + "\n"


def _articles_markdown(event: Event) -> list[str]:
    """The articles table: outlet, date, headline (linked to its text), size, file."""
    lines: list[str] = []
    lines += [
        "## Articles",
        "",
        "| outlet | published | headline | paragraphs | words | file |",
        "|---|---|---|---:|---:|---|",
    ]
    for index, article in enumerate(event.articles, start=1):
        copy = event.copy_of(article.id)
        note = f" *(copy of {escape_markdown(event.article(copy.source).outlet)})*" if copy else ""
        lines.append(
            f"| {escape_markdown(article.outlet)} | {article.published or '?'} | "
            f"[{escape_markdown(article.title)}](#a{index}){note} | {len(article.paragraphs)} | {article.n_words} | "
            f"{escape_markdown(article.path)} |"
        )
    return lines


def _matrix_markdown(event: Event) -> list[str]:
    """The coverage matrix: the units two or more outlets carry, with their evidence."""
    outlets = event.outlets
    lines: list[str] = []
    shared = [u for u in event.units if len(u.outlets) >= 2]
    lines += ["", "## Paragraph links", ""]
    if shared:
        lines.append(
            "Units of content carried by two or more outlets: ✓ a linked paragraph, · none (omissions are claimed "
            "under Facts only, after each outlet's text was searched). Evidence links to paragraphs."
        )
        lines.append("")
        lines.append("| unit | content | " + " | ".join(escape_markdown(o) for o in outlets) + " | evidence |")
        lines.append("|---|---|" + "---|" * len(outlets) + "---|")
        for unit in shared:
            marks = " | ".join("✓" if o in unit.outlets else "·" for o in outlets)
            evidence = ", ".join(evidence_link(event, m) for m in unit.members)
            lines.append(f"| {unit.id} | {escape_markdown(unit.text)} | {marks} | {evidence} |")
    else:
        lines.append("No content is shared by two outlets in this event.")
    return lines


def _per_outlet_markdown(event: Event) -> list[str]:
    """Per outlet: the facts it omits (each with its closest sentence) and those only it states; for an event
    without facts, the paragraph units it has no link to and those only it carries."""
    if event.facts:
        return _per_outlet_facts(event)
    outlets = event.outlets
    lines: list[str] = []
    lines += ["", "## Per outlet", ""]
    for outlet in outlets:
        omitted = event.omitted_units(outlet)
        exclusive = event.exclusive_units(outlet)
        lines += [f"### {escape_markdown(outlet)}", ""]
        if omitted:
            lines.append(
                f"Has no paragraph linked to {len(omitted)} unit{'s' if len(omitted) != 1 else ''} that other "
                "outlets carry:"
            )
            lines.append("")
            lines += [_unit_item(event, u) for u in omitted]
            lines.append("")
        if exclusive:
            lines.append(f"Only this outlet carries {len(exclusive)} unit{'s' if len(exclusive) != 1 else ''}:")
            lines.append("")
            lines += [_unit_item(event, u) for u in exclusive]
            lines.append("")
        if not omitted and not exclusive:
            lines += ["Nothing exclusive and no omission.", ""]
    return lines


def _per_outlet_facts(event: Event) -> list[str]:
    lines = ["", "## Per outlet", ""]
    for outlet in event.outlets:
        omitted = [event.fact(i) for i in event.omissions.get(outlet, ())]
        exclusive = [event.fact(i) for i in event.exclusives.get(outlet, ())]
        unsure = [event.fact(i) for i in event.unsure_omissions.get(outlet, ())]
        unclear = len(event.unclear_facts(outlet))
        lines += [f"### {escape_markdown(outlet)}", ""]
        if outlet in event.copy_outlets:
            copied = {c.source for c in event.copies if event.article(c.article).outlet == outlet}
            sources = ", ".join(sorted({escape_markdown(event.article(a).outlet) for a in copied}))
            lines += [f"Republishes {sources}: its omissions are the source's, listed there.", ""]
        if omitted:
            note = f" Note: {escape_markdown(event.context[outlet])}." if outlet in event.context else ""
            lines += [f"Omits {len(omitted)} fact{'s' if len(omitted) != 1 else ''} that most others state.{note}", ""]
            lines += [line for fact in omitted for line in _omission_item(event, fact, outlet, evidence=True)]
            lines.append("")
        if unsure:
            lines += [f"May also omit {len(unsure)} fact{'s' if len(unsure) != 1 else ''} (less sure):", ""]
            lines += [line for fact in unsure for line in _omission_item(event, fact, outlet, evidence=False)]
            lines.append("")
        if unclear:
            lines += [
                f"For {unclear} fact{'s' if unclear != 1 else ''} that others state, a sentence of this outlet is "
                "close but not close enough to say: no verdict.",
                "",
            ]
        if exclusive:
            lines += [f"Only this outlet states {len(exclusive)} fact{'s' if len(exclusive) != 1 else ''}:", ""]
            for fact in exclusive:
                first = evidence_link(event, ParagraphRef(fact.evidence[0].article, fact.evidence[0].paragraph))
                lines.append(f"- {escape_markdown(fact.text)} ({fact.id}: {first})")
            lines.append("")
        if not omitted and not exclusive and not unclear and not unsure and outlet not in event.copy_outlets:
            lines += ["No verified omission and nothing only it states.", ""]
    return lines


def _omission_item(event: Event, fact: Fact, outlet: str, *, evidence: bool) -> list[str]:
    """A fact ``outlet`` omits, as a list item (with the paragraphs stating it when ``evidence``), and under it the
    outlet's closest sentence."""
    where = fact.id
    if evidence:
        where += ": " + ", ".join(evidence_link(event, ParagraphRef(e.article, e.paragraph)) for e in fact.evidence)
    lines = [f"- {escape_markdown(fact.text)} ({where})"]
    check = fact.check(outlet)
    if check is not None:
        lines.append(f"  - {escape_markdown(closest_line(event, check))}")
    return lines


def _copies_markdown(event: Event) -> list[str]:
    """Syndicated copies: what each copy added to and cut from its source."""
    lines: list[str] = []
    if event.copies:
        lines += ["## Syndicated copies", ""]
        for copy in event.copies:
            added = ", ".join(evidence_link(event, ParagraphRef(copy.article, i)) for i in copy.added) or "nothing"
            cut = ", ".join(evidence_link(event, ParagraphRef(copy.source, i)) for i in copy.cut) or "nothing"
            lines.append(
                f"- {escape_markdown(event.article(copy.article).outlet)} republishes "
                f"{escape_markdown(event.article(copy.source).outlet)} ({copy.shared:.0%} of paragraphs shared); "
                f"added: {added}; cut: {cut}."
            )
        lines.append("")
    return lines


def _texts_markdown(event: Event) -> list[str]:
    """The article texts, paragraphs numbered and anchored for the evidence links."""
    lines: list[str] = []
    lines += ["## Article texts", "", "Paragraphs as cleaned and analysed, numbered from 1.", ""]
    for index, article in enumerate(event.articles, start=1):
        lines += [
            f'<a id="a{index}"></a>',
            f"### {escape_markdown(article.outlet)}: {escape_markdown(article.title)}",
            "",
        ]
        lines += [f"{escape_markdown(article.id)}, published {article.published or 'unknown'}", ""]
        for number, paragraph in enumerate(article.paragraphs, start=1):
            lines += [f'<a id="a{index}-p{number}"></a>**¶{number}** {escape_markdown(paragraph)}', ""]
    return lines


def _profiles_markdown(comparison: Comparison, profiles: OutletProfiles) -> list[str]:
    from coverage.analysis.outlets import blind_spots, coverage_by

    lines = ["", "## Coverage by outlet profile", "", "| event | by lean | by country |", "|---|---|---|"]
    for event in comparison.events:
        lean = ", ".join(f"{escape_markdown(k)} {v}" for k, v in coverage_by(event, profiles, "lean").items())
        country = ", ".join(f"{escape_markdown(k)} {v}" for k, v in coverage_by(event, profiles, "country").items())
        lines.append(f"| {event.id} | {lean} | {country} |")
    spots = blind_spots(comparison.events, profiles, "lean")
    lines += [
        "",
        "Blind spots (events covered by one side only): "
        + ("; ".join(f"{event_id} ({', '.join(values)})" for event_id, values in spots) or "none")
        + ".",
    ]
    return lines


def _unit_item(event: Event, unit: Unit) -> str:
    evidence = ", ".join(evidence_link(event, m) for m in unit.members)
    return f"- {escape_markdown(unit.text)} ({unit.id}: {evidence})"


MAX_PLOTTED_EVENTS = 20
"""Charts are drawn for at most this many events (those with most outlets first): a 10,000-article corpus
would otherwise spend most of its run time drawing thousands of PNG files."""


def write_markdown(
    comparison: Comparison,
    folder: Path,
    *,
    plots: bool = True,
    profiles: OutletProfiles | None = None,
    max_plotted_events: int = MAX_PLOTTED_EVENTS,
    cache: EmbeddingCache | None = None,
) -> list[Path]:
    """Write ``index.md`` and one file per event into ``folder``; returns the paths written.

    With ``plots``, the first ``max_plotted_events`` events with two or more outlets (events come with most
    outlets first) also get a coverage heatmap and a figures chart (PNG) beside their report; charts already in
    ``cache`` are not drawn again. With ``profiles`` (by default the comparison's own), the index shows each
    event's coverage by political lean and country and the blind spots (events covered by one side only).
    """
    folder = Path(folder)
    written: list[Path] = []
    charts: dict[tuple[str, str], bytes] = {}
    if plots:
        from coverage.report.plots import render_charts

        plotted = [e for e in comparison.events if len(e.outlets) > 1][:max_plotted_events]
        charts = render_charts(plotted, cache=cache)
    for event in comparison.events:
        images: list[Path] = []
        if charts:
            from coverage.report.plots import write_charts

            images = write_charts(charts, event, folder)
        path = folder / event_filename(event)
        write_atomic(path, render_event_markdown(event, images=[p.name for p in images]))
        written += [path, *images]
    index = folder / "index.md"
    write_atomic(index, render_index(comparison, profiles))
    return [index, *written]
