"""Terminal report: rich renderables for a :class:`~coverage.Comparison` and its events.

Article text is never interpreted as markup: every piece of it goes into a :class:`rich.text.Text`, which
rich prints literally, and ingest has already stripped escape sequences and control characters.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from coverage.analysis.facts import POSITION_MARKS, best_evidence
from coverage.model import Comparison, Event, ParagraphRef, Unit

if TYPE_CHECKING:
    from coverage.analysis.outlets import OutletProfiles
    from coverage.model import Alignment


__all__ = ["ReportOptions", "render_alignment", "render_comparison", "render_event", "render_profiles", "shorten"]


@dataclass(frozen=True)
class ReportOptions:
    """What the terminal report shows. ``top`` bounds long lists; ``event`` and ``outlet`` filter;
    ``max_events`` bounds how many events are shown in detail (the overview lists them all; ``None``, the library's
    default, shows all; the CLI passes 20)."""

    top: int = 12
    event: str | None = None
    outlet: str | None = None
    quiet: bool = False
    excerpt: int = 90
    max_events: int | None = None


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > width // 2 else text[: width - 1]) + "…"


def article_label(event: Event, article_id: str) -> str:
    """The outlet's name, numbered when the outlet has several articles in the event: ``Wire (2)``."""
    article = event.article(article_id)
    same = [a.id for a in event.articles if a.outlet == article.outlet]
    return article.outlet if len(same) == 1 else f"{article.outlet} ({same.index(article_id) + 1})"


def ref_label(event: Event, ref: ParagraphRef) -> str:
    """Evidence as people read it: ``outlet ¶n`` (paragraphs counted from 1; the article table names the file)."""
    return f"{article_label(event, ref.article)} ¶{ref.paragraph + 1}"


def outlet_keys(event: Event) -> dict[str, str]:
    """Short column keys for the outlets of an event: A, B, C, ... (AA, AB, ... past 26)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    keys = {}
    for index, outlet in enumerate(event.outlets):
        keys[outlet] = letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
    return keys


def render_comparison(comparison: Comparison, options: ReportOptions | None = None) -> Iterator[RenderableType]:
    """The whole report: summary, events overview, each shared event in detail, skipped files."""
    options = options or ReportOptions()
    corpus = comparison.corpus
    yield Rule(Text(f"Coverage comparison of {corpus.root}", style="bold"))
    summary = Text()
    summary.append(
        f"{corpus.files_seen} files seen, {len(corpus.articles)} articles from {len(corpus.outlets)} outlets, "
    )
    summary.append(f"{len(comparison.events)} events, {len(corpus.skipped)} skipped. ")
    summary.append(f"Model: {comparison.model}.", style="dim")
    yield summary
    yield _overview(comparison, options)
    if options.quiet:
        yield from _skipped(comparison, options)
        return
    detailed = [
        event
        for event in comparison.events
        if (event.id == options.event if options.event is not None else len(event.outlets) >= 2)
        and (options.outlet is None or options.outlet in event.outlets)
    ]
    shown = detailed if options.max_events is None else detailed[: options.max_events]
    for event in shown:
        yield from render_event(event, options)
    if len(detailed) > len(shown):
        last = f" ({shown[-1].id} is the last shown)" if shown else ""
        yield Text(
            f"{len(detailed) - len(shown)} more events with two or more outlets are in the overview but not shown "
            f"in detail here{last}: use --event ID, --max-events 0 for all, or the --markdown and --json reports, "
            "which have every event.",
            style="yellow",
        )
    yield from _skipped(comparison, options)


def _overview(comparison: Comparison, options: ReportOptions) -> Table:
    table = Table(
        title="Events",
        box=box.SIMPLE_HEAD,
        title_justify="left",
        caption="outl. outlets, art. articles, facts stated by 2+ outlets, confl. figures that cannot all be true",
        caption_justify="left",
        pad_edge=False,
    )
    table.add_column("event", no_wrap=True)
    table.add_column("title", min_width=20, ratio=1)
    table.add_column("dates", no_wrap=True)
    table.add_column("outl.", justify="right", no_wrap=True)
    table.add_column("art.", justify="right", no_wrap=True)
    table.add_column("facts", justify="right", no_wrap=True)
    table.add_column("confl.", justify="right", no_wrap=True)
    for event in comparison.events:
        if options.outlet is not None and options.outlet not in event.outlets:
            continue
        dates = event.dates
        when = "" if dates is None else (str(dates[0]) if dates[0] == dates[1] else f"{dates[0]}–{dates[1]:%m-%d}")
        facts = sum(1 for f in event.facts if len(f.outlets) >= 2)
        conflicts = sum(1 for g in event.figures if g.conflict and not g.is_update)
        table.add_row(
            event.id,
            Text(shorten(event.title, 80)),
            when,
            str(len(event.outlets)),
            str(len(event.articles)),
            str(facts),
            Text(str(conflicts), style="red" if conflicts else ""),
        )
    return table


def render_event(event: Event, options: ReportOptions | None = None) -> Iterator[RenderableType]:
    """One event: why grouped, its articles, the coverage matrix, exclusives and omissions per outlet, copies."""
    options = options or ReportOptions()
    yield Text("")
    yield Rule(Text(f"{event.id}  {shorten(event.title, 100)}", style="bold cyan"), align="left")
    why = event.evidence
    reasons = Text("Grouped because they share: ", style="dim")
    shared = list(why.shared_terms) + list(why.shared_numbers)
    reasons.append(", ".join(shared) if shared else "(similar content)")
    if why.similarity is not None:
        reasons.append(f"; mean similarity {why.similarity:.2f}")
    yield reasons
    yield _articles(event)
    yield _matrix(event, options)
    yield from _facts(event, options)
    yield from _figures(event, options)
    yield from _quotes(event, options)
    yield from _framing(event, options)
    yield from _per_outlet(event, options)
    if event.copies:
        yield Text("Syndicated copies", style="bold")
        for copy in event.copies:
            line = Text(f"  {article_label(event, copy.article)} republishes {article_label(event, copy.source)}")
            line.append(f": {copy.shared:.0%} of paragraphs shared")
            added = ", ".join(f"¶{i + 1}" for i in copy.added) or "nothing"
            cut = ", ".join(f"¶{i + 1}" for i in copy.cut) or "nothing"
            line.append(f"; added {added}; cut {cut}", style="dim")
            yield line


def _articles(event: Event) -> Table:
    table = Table(box=box.SIMPLE_HEAD, title="Articles", title_justify="left", pad_edge=False)
    table.add_column("", no_wrap=True)
    table.add_column("outlet", max_width=20)
    table.add_column("published", no_wrap=True)
    table.add_column("headline and file", min_width=28, ratio=1, overflow="fold")
    table.add_column("¶", justify="right", no_wrap=True)
    table.add_column("words", justify="right", no_wrap=True)
    keys = outlet_keys(event)
    for article in event.articles:
        copy = event.copy_of(article.id)
        headline = Text(article.title)
        if copy is not None:
            headline.append(f" [copy of {article_label(event, copy.source)}]", style="yellow")
        headline.append(f"\n{article.id}", style="dim")
        table.add_row(
            keys[article.outlet],
            Text(article_label(event, article.id)),
            str(article.published or "?"),
            headline,
            str(len(article.paragraphs)),
            str(article.n_words),
        )
    return table


def _matrix(event: Event, options: ReportOptions) -> RenderableType:
    outlets = event.outlets
    shared = [u for u in event.units if len(u.outlets) >= 2]
    table = Table(
        box=box.SIMPLE_HEAD,
        title=f"Coverage matrix: {len(shared)} units carried by two or more outlets (✓ carries, · omits)",
        title_justify="left",
        pad_edge=False,
    )
    table.add_column("unit", no_wrap=True)
    table.add_column("content (most central paragraph)", min_width=30, ratio=1)
    keys = outlet_keys(event)
    for outlet in outlets:
        table.add_column(keys[outlet], justify="center", no_wrap=True)
    for unit in shared[: options.top]:
        cells = [Text("✓", style="green") if o in unit.outlets else Text("·", style="red") for o in outlets]
        table.add_row(unit.id, Text(shorten(unit.text, options.excerpt)), *cells)
    legend = ", ".join(f"{k} = {o}" for o, k in keys.items())
    hidden = len(shared) - options.top
    table.caption = f"{hidden} more units not shown (--top)\n{legend}" if hidden > 0 else legend
    table.caption_justify = "left"
    if not shared:
        return Text("No content is shared by two outlets in this event.", style="dim")
    return table


def _facts(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
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


def _figures(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
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
        style = {"conflict": "red", "update": "yellow", "agree": "green"}[group.verdict]
        mentions = group.by_date()
        for index, mention in enumerate(mentions):
            table.add_row(
                Text(f"{group.label}\n{group.verdict}", style=style) if index == 0 else "",
                Text(article_label(event, mention.article_id)),
                Text(mention.figure.text, style=style if group.conflict else ""),
                str(mention.published or "?"),
                f"¶{mention.paragraph + 1}",
                end_section=index == len(mentions) - 1,
            )
    yield table


def _quotes(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
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


def _framing(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
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


def _first_use(event: Event, where: Mapping[str, Sequence[ParagraphRef]], label: str) -> str:
    """``label ¶n``: the first paragraph using it (``(2) ¶n`` when the outlet has several articles)."""
    refs = where.get(label, ())
    if not refs:
        return label
    article = event.article(refs[0].article)
    numbered = article_label(event, refs[0].article).removeprefix(article.outlet).strip()
    return f"{label} {numbered + ' ' if numbered else ''}¶{refs[0].paragraph + 1}"


def _per_outlet(event: Event, options: ReportOptions) -> Iterator[RenderableType]:
    for outlet in event.outlets:
        if options.outlet is not None and outlet != options.outlet:
            continue
        if event.facts:
            yield from _outlet_facts(event, outlet, options)
            continue
        exclusive = event.exclusive_units(outlet)
        omitted = event.omitted_units(outlet)
        if not exclusive and not omitted:
            continue
        yield Text(outlet, style="bold")
        if omitted:
            yield Padding(Text(f"omits {_units(len(omitted))} that other outlets carry:", style="red"), (0, 0, 0, 2))
            for unit in omitted[: options.top]:
                yield Padding(_unit_line(event, unit, options), (0, 0, 0, 4))
        if exclusive:
            yield Padding(Text(f"only it carries {_units(len(exclusive))}:", style="green"), (0, 0, 0, 2))
            for unit in exclusive[: options.top]:
                yield Padding(_unit_line(event, unit, options), (0, 0, 0, 4))


def _outlet_facts(event: Event, outlet: str, options: ReportOptions) -> Iterator[RenderableType]:
    omitted = [event.fact(i) for i in event.omissions.get(outlet, ())]
    exclusive = [f for f in event.facts if f.outlets == (outlet,)]
    if not omitted and not exclusive:
        return
    yield Text(outlet, style="bold")
    if omitted:
        head = Text(f"omits {len(omitted)} fact{'s' if len(omitted) != 1 else ''} that most others state", style="red")
        if outlet in event.context:
            head.append(f" (note: {event.context[outlet]})", style="yellow")
        yield Padding(head, (0, 0, 0, 2))
        for fact in omitted[: options.top]:
            line = Text("• ")
            line.append(shorten(fact.text, options.excerpt))
            evidence = "; ".join(f"{article_label(event, e.article)} ¶{e.paragraph + 1}" for e in fact.evidence[:3])
            more = f" +{len(fact.evidence) - 3}" if len(fact.evidence) > 3 else ""
            line.append(f"  [{fact.id}: {evidence}{more}]", style="dim")
            yield Padding(line, (0, 0, 0, 4))
    if exclusive:
        yield Padding(Text(f"alone states {len(exclusive)} facts, e.g.:", style="green"), (0, 0, 0, 2))
        for fact in exclusive[: min(options.top, 3)]:
            line = Text("• ")
            line.append(shorten(fact.text, options.excerpt))
            line.append(
                f"  [{fact.id}: {article_label(event, fact.evidence[0].article)} ¶{fact.evidence[0].paragraph + 1}]",
                style="dim",
            )
            yield Padding(line, (0, 0, 0, 4))


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"


def _unit_line(event: Event, unit: Unit, options: ReportOptions) -> Text:
    line = Text("• ")
    line.append(shorten(unit.text, options.excerpt))
    evidence = "; ".join(ref_label(event, m) for m in unit.members[:3])
    more = f" +{len(unit.members) - 3}" if len(unit.members) > 3 else ""
    line.append(f"  [{unit.id}: {evidence}{more}]", style="dim")
    return line


def _skipped(comparison: Comparison, options: ReportOptions) -> Iterator[RenderableType]:
    skipped = comparison.corpus.skipped
    if not skipped:
        return
    table = Table(title=f"Skipped ({len(skipped)})", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("path")
    table.add_column("reason", ratio=2)
    for item in skipped:
        table.add_row(Text(item.path), Text(item.message))
    yield Text("")
    yield table


def render_profiles(comparison: Comparison, profiles: OutletProfiles) -> Table:
    """Each event's coverage by political lean and by country, with blind spots (one side only) marked."""
    from coverage.analysis.outlets import blind_spots, coverage_by

    spots = {event_id for event_id, _ in blind_spots(comparison.events, profiles, "lean")}
    table = Table(title="Coverage by outlet profile", box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    table.add_column("event", no_wrap=True)
    table.add_column("by lean", ratio=1)
    table.add_column("by country", ratio=1)
    table.add_column("", no_wrap=True)
    for event in comparison.events:
        lean = ", ".join(f"{k} {v}" for k, v in coverage_by(event, profiles, "lean").items())
        country = ", ".join(f"{k} {v}" for k, v in coverage_by(event, profiles, "country").items())
        flag = Text("blind spot", style="yellow") if event.id in spots else Text("")
        table.add_row(event.id, Text(lean), Text(country), flag)
    return table


def render_alignment(alignment: Alignment, title_a: str = "A", title_b: str = "B") -> Table:
    """Two texts side by side: linked segments on one row with their score; unmatched ones on rows of their own."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=True)
    table.add_column(Text(shorten(title_a, 60)), ratio=1)
    table.add_column(Text(shorten(title_b, 60)), ratio=1)
    table.add_column("score", justify="right", no_wrap=True)
    a_segments, b_segments = alignment.segments[0], alignment.segments[1]
    pairs = alignment.pairs()
    shown_a: set[int] = set()
    shown_b: set[int] = set()
    rows: list[tuple[float, Text, Text, str]] = []
    for i, j, link_score in pairs:
        left = Text(f"{i + 1}. {a_segments[i]}") if i not in shown_a else Text(f"{i + 1}. (see above)", style="dim")
        right = Text(f"{j + 1}. {b_segments[j]}") if j not in shown_b else Text(f"{j + 1}. (see above)", style="dim")
        shown_a.add(i)
        shown_b.add(j)
        rows.append((i + j / 1000, left, right, f"{link_score:.2f}"))
    for i in alignment.unmatched(0):
        rows.append((i, Text(f"{i + 1}. {a_segments[i]}"), Text("— not in B", style="red"), ""))
    for j in alignment.unmatched(1):
        rows.append((len(a_segments) + j, Text("— not in A", style="red"), Text(f"{j + 1}. {b_segments[j]}"), ""))
    for _, left, right, score in sorted(rows, key=lambda row: row[0]):
        table.add_row(left, right, score)
    return table
