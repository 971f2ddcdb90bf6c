"""Terminal report: rich renderables for a :class:`~coverage.Comparison` and its events.

Article text is never interpreted as markup: every piece of it goes into a :class:`rich.text.Text`, which
rich prints literally, and ingest has already stripped escape sequences and control characters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich import box
from rich.console import RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from coverage.model import Comparison, Event, Fact, Unit
from coverage.report.formatting import ReportOptions, article_label, outlet_keys, ref_label, shorten
from coverage.report.sections import SECTIONS
from coverage.report.sections.facts import closest_line

if TYPE_CHECKING:
    from coverage.analysis.outlets import OutletProfiles
    from coverage.model import Alignment


__all__ = ["ReportOptions", "render_alignment", "render_comparison", "render_event", "render_profiles", "shorten"]


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
    if event.sample_note:
        yield Text(event.sample_note, style="bold yellow")
    yield _articles(event)
    yield _matrix(event, options)
    for section in SECTIONS:
        yield from section.terminal(event, options)
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
        title=f"Paragraph links: {len(shared)} units carried by two or more outlets (✓ a linked paragraph, · none; "
        "omissions are claimed under Facts only)",
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
    """What ``outlet`` omits (each with its closest sentence, the surest first) and what only it states."""
    omitted = [event.fact(i) for i in event.omissions.get(outlet, ())]
    exclusive = [event.fact(i) for i in event.exclusives.get(outlet, ())]
    unsure = [event.fact(i) for i in event.unsure_omissions.get(outlet, ())]
    unclear = len(event.unclear_facts(outlet))
    if not omitted and not exclusive and not unclear and not unsure:
        return
    yield Text(outlet, style="bold")
    if omitted:
        head = Text(f"omits {len(omitted)} fact{'s' if len(omitted) != 1 else ''} that most others state", style="red")
        if outlet in event.context:
            head.append(f" (note: {event.context[outlet]})", style="yellow")
        yield Padding(head, (0, 0, 0, 2))
        for fact in omitted[: options.top]:
            evidence = "; ".join(f"{article_label(event, e.article)} ¶{e.paragraph + 1}" for e in fact.evidence[:3])
            more = f" +{len(fact.evidence) - 3}" if len(fact.evidence) > 3 else ""
            yield from _omission_lines(event, fact, outlet, f"{fact.id}: {evidence}{more}", options)
        if len(omitted) > options.top:
            yield Padding(Text(f"{len(omitted) - options.top} more not shown (--top)", style="dim"), (0, 0, 0, 4))
    if unsure:
        note = f"may also omit {len(unsure)} fact{'s' if len(unsure) != 1 else ''} (less sure):"
        yield Padding(Text(note, style="yellow"), (0, 0, 0, 2))
        for fact in unsure[: options.top]:
            yield from _omission_lines(event, fact, outlet, fact.id, options)
    if unclear:
        note = f"{unclear} fact{'s' if unclear != 1 else ''} that others state: a sentence is close, no verdict"
        yield Padding(Text(note, style="yellow"), (0, 0, 0, 2))
    if exclusive:
        yield Padding(
            Text(f"only it states {len(exclusive)} fact{'s' if len(exclusive) != 1 else ''}:", style="green"),
            (0, 0, 0, 2),
        )
        for fact in exclusive[: options.top]:
            line = Text("• ")
            line.append(shorten(fact.text, options.excerpt))
            line.append(
                f"  [{fact.id}: {article_label(event, fact.evidence[0].article)} ¶{fact.evidence[0].paragraph + 1}]",
                style="dim",
            )
            yield Padding(line, (0, 0, 0, 4))
        if len(exclusive) > options.top:
            yield Padding(Text(f"{len(exclusive) - options.top} more not shown (--top)", style="dim"), (0, 0, 0, 4))


def _omission_lines(
    event: Event, fact: Fact, outlet: str, where: str, options: ReportOptions
) -> Iterator[RenderableType]:
    """A fact ``outlet`` omits, ``[where]`` it is stated, and under it the outlet's closest sentence."""
    line = Text("• ")
    line.append(shorten(fact.text, options.excerpt))
    line.append(f"  [{where}]", style="dim")
    yield Padding(line, (0, 0, 0, 4))
    check = fact.check(outlet)
    if check is not None:
        yield Padding(Text(shorten(closest_line(event, check), 2 * options.excerpt), style="dim"), (0, 0, 0, 6))


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
