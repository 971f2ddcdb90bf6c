"""The HTML report: ``index.html`` and one page per event, a static site that opens from disk.

Each page is self-contained: its style and its one small script (``static/report.js``) are inlined and named by
their hashes in a Content-Security-Policy meta tag that forbids everything else (no remote font, script, image or
request, no other inline script). Article text is untrusted and is always escaped: it can neither break the markup
nor run. Pages work without script (every cell is a link to its evidence); the script adds sorting, the outlet
filter and the sentence shown inside its paragraph when a cell of the fact matrix is clicked.

An event page shows the articles; the facts as rows and the outlets as columns, with the same verdicts as the JSON
(*states*, *states differently*, *omits*, *unclear*); the evidence of every cell (the sentence that states the
fact, or for the other verdicts the outlet's closest sentence and its scores); the omissions and the facts only one
outlet states; figures as a table and a chart of their intervals by date; quotes side by side; framing labels with
their paragraphs; and the article texts side by side, linked paragraphs marked. Paragraphs are numbered from 1
(``¶1`` is an article's first paragraph). Output is deterministic, so two runs can be diffed.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from html import escape
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from coverage._io import slugify, write_atomic
from coverage.model import Comparison, Event, Fact, ParagraphRef
from coverage.model.event import FactEvidence, OutletCheck, Verdict
from coverage.report.formatting import article_label
from coverage.report.html_chart import figure_chart

if TYPE_CHECKING:
    from coverage.model.outlets import OutletProfiles

__all__ = ["CSS", "event_page", "event_path", "index_page", "write_html"]

EXCLUSIVE_CONFIDENCE = 0.6
"""The default of ``settings.facts.exclusive_confidence``: how sure every other outlet's *omits* must be before a
fact is shown as stated by one outlet alone."""

_MARKS = {
    Verdict.STATES: ("✓", "states"),
    Verdict.DIFFERENT: ("≠", "states differently"),
    Verdict.OMITS: ("✗", "omits"),
    Verdict.UNCLEAR: ("?", "unclear"),
}
_CLASSES = {
    Verdict.STATES: "states",
    Verdict.DIFFERENT: "different",
    Verdict.OMITS: "omits",
    Verdict.UNCLEAR: "unclear",
}
_POSITIONS = {"headline": "the headline says it too", "lead": "lead", "upper": "upper half", "lower": "lower half"}
_SEPARATOR = "\u001f"
"""Between the outlet names of a row's ``data-outlets`` (a character no name contains)."""

CSS = resources.files("coverage.report").joinpath("static/report.css").read_text(encoding="utf-8")
"""The style of every page (``static/report.css``), inlined and named by its hash in the page's policy."""


def _script() -> str:
    return resources.files("coverage.report").joinpath("static/report.js").read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _e(text: object) -> str:
    """Escape for element content and for quoted attribute values."""
    return escape(str(text), quote=True)


def _page(title: str, body: Iterable[str]) -> str:
    script = _script()
    policy = (
        f"default-src 'none'; script-src {_hash(script)}; style-src {_hash(CSS)}; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_e(policy)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#main">Skip to content</a>',
    ]
    return "\n".join([*head, *body, f"<script>{script}</script>", "</body>", "</html>"]) + "\n"


def event_path(event: Event) -> str:
    """The file name of an event's page: ``e1-<slug of the title>.html``."""
    return f"{event.id.lower()}-{slugify(event.title, max_length=50, fallback='event')}.html"


def _dates(event: Event) -> str:
    dates = event.dates
    if dates is None:
        return ""
    return str(dates[0]) if dates[0] == dates[1] else f"{dates[0]} – {dates[1]}"


def _conflicts(event: Event) -> int:
    return sum(1 for g in event.figures if g.verdict == "conflict")


def _outlets_attr(outlets: Sequence[str]) -> str:
    return _e(_SEPARATOR.join(outlets))


# ---------------------------------------------------------------------------------------------------- the index


def index_page(comparison: Comparison, profiles: OutletProfiles | None = None) -> str:
    """``index.html``: every event with its dates, outlets, articles, facts, conflicts and omissions."""
    corpus = comparison.corpus
    profiles = profiles if profiles is not None else comparison.profiles
    spots: dict[str, tuple[str, ...]] = {}
    if profiles is not None:
        from coverage.analysis.outlets import blind_spots

        spots = dict(blind_spots(comparison.events, profiles, "lean"))
    body = [
        "<header>",
        "<h1>Coverage comparison</h1>",
        f"<p>Folder <code>{_e(corpus.root.name)}</code>: {corpus.files_seen} files seen, {len(corpus.articles)} "
        f"articles from {len(corpus.outlets)} outlets, {len(comparison.events)} events, {len(corpus.skipped)} "
        f"skipped. Embedding model: <code>{_e(comparison.model)}</code>.</p>",
        "</header>",
        '<main id="main">',
        '<div class="filter" id="outlet-filter" hidden><label for="outlet">Show the events of</label> '
        '<select id="outlet"><option value="">every outlet</option>',
        *(f'<option value="{_e(o)}">{_e(o)}</option>' for o in comparison.outlets),
        '</select> <output aria-live="polite"></output></div>',
        "<p>Events, most outlets first. Facts: sentence-level facts stated by two or more outlets; conflicts: "
        "figures that cannot all be true; omissions: facts an outlet omits that most others state; blind spot: "
        "covered by one political lean only (with outlet profiles). Select a column's heading to sort.</p>",
        '<div class="scroll"><table class="sortable events">',
        f"<caption>{len(comparison.events)} events</caption>",
        "<thead><tr>"
        + "".join(
            f'<th scope="col"{cls}>{name}</th>'
            for name, cls in [
                ("Event", ""),
                ("Title", ""),
                ("Dates", ""),
                ("Outlets", ""),
                ("Articles", ' class="num"'),
                ("Facts", ' class="num"'),
                ("Conflicts", ' class="num"'),
                ("Omissions", ' class="num"'),
                ("Blind spot", ""),
            ]
        )
        + "</tr></thead>",
        "<tbody>",
    ]
    for event in comparison.events:
        shared = sum(1 for f in event.facts if len(f.outlets) >= 2)
        omissions = sum(len(ids) for ids in event.omissions.values())
        spot = ", ".join(spots[event.id]) + " only" if event.id in spots else ""
        body.append(
            f'<tr data-outlets="{_outlets_attr(event.outlets)}">'
            f'<td data-value="{int(event.id[1:]) if event.id[1:].isdigit() else _e(event.id)}">{_e(event.id)}</td>'
            f'<th scope="row"><a href="{_e(event_path(event))}">{_e(event.title)}</a></th>'
            f"<td>{_e(_dates(event))}</td>"
            f'<td data-value="{len(event.outlets)}">{len(event.outlets)}: {_e(", ".join(event.outlets))}</td>'
            f'<td class="num">{len(event.articles)}</td><td class="num">{shared}</td>'
            f'<td class="num">{_conflicts(event)}</td><td class="num">{omissions}</td><td>{_e(spot)}</td></tr>'
        )
    body += ["</tbody></table></div>"]
    if corpus.skipped:
        body += [
            '<h2 id="skipped">Skipped files</h2>',
            '<div class="scroll"><table><thead><tr><th scope="col">File</th><th scope="col">Reason</th></tr></thead>'
            "<tbody>",
            *(f"<tr><td>{_e(s.path)}</td><td>{_e(s.message)}</td></tr>" for s in corpus.skipped),
            "</tbody></table></div>",
        ]
    body += ["</main>"]
    return _page("Coverage comparison", body)


# ---------------------------------------------------------------------------------------------------- event pages


class _Ids:
    """Element ids of an event page: articles ``a1``.., paragraphs ``a1-p1`` (numbered from 1), outlets ``o1``.."""

    def __init__(self, event: Event) -> None:
        self.event = event
        self.articles = {a.id: index for index, a in enumerate(event.articles, start=1)}
        self.outlets = {o: index for index, o in enumerate(event.outlets, start=1)}

    def paragraph(self, article: str, paragraph: int) -> str:
        return f"a{self.articles[article]}-p{paragraph + 1}"

    def cell(self, fact: Fact, outlet: str) -> str:
        return f"{fact.id.rsplit('-', 1)[-1]}-o{self.outlets[outlet]}"

    def short_ref(self, article: str, paragraph: int) -> str:
        """A link to a paragraph where the outlet is already named: ``¶n``, or ``(2) ¶n`` for its second article."""
        label = article_label(self.event, article)[len(self.event.article(article).outlet) :].strip()
        return f'<a href="#{self.paragraph(article, paragraph)}">{_e(f"{label} ¶{paragraph + 1}".strip())}</a>'

    def ref(self, article: str, paragraph: int) -> str:
        """A link to a paragraph: ``Outlet ¶n`` (numbered from 1)."""
        label = f"{article_label(self.event, article)} ¶{paragraph + 1}"
        return f'<a href="#{self.paragraph(article, paragraph)}">{_e(label)}</a>'


def event_page(event: Event, *, exclusive_confidence: float = EXCLUSIVE_CONFIDENCE) -> str:
    """One event's page (see the module docstring)."""
    ids = _Ids(event)
    dates = _dates(event)
    why = event.evidence
    shared_terms = [*why.shared_terms, *why.shared_numbers]
    similarity = f" (mean similarity {why.similarity:.2f})" if why.similarity is not None else ""
    sections = [
        ("articles", "Articles"),
        ("facts", "Facts"),
        ("omissions", "Omissions and exclusive facts"),
        ("figures", "Figures"),
        ("quotes", "Quotes"),
        ("framing", "Framing"),
        ("texts", "Article texts side by side"),
    ]
    body = [
        "<header>",
        '<nav aria-label="Breadcrumb"><a href="index.html">All events</a></nav>',
        f"<h1>{_e(event.id)}: {_e(event.title)}</h1>",
        f"<p>{_e(dates or 'date unknown')} · {len(event.outlets)} outlets · {len(event.articles)} articles · "
        f"{len(event.facts)} facts. Grouped because the articles share: "
        f"{_e(', '.join(shared_terms) or 'similar content')}{_e(similarity)}.</p>",
        *([f"<p><strong>{_e(event.sample_note)}</strong></p>"] if event.sample_note else []),
        '<nav aria-label="Sections"><ul class="toc">',
        *(f'<li><a href="#{key}">{name}</a></li>' for key, name in sections),
        "</ul></nav>",
        "</header>",
        '<main id="main">',
    ]
    body += _articles(event, ids)
    body += _facts(event, ids)
    body += _omissions(event, ids, exclusive_confidence)
    body += _figures(event, ids)
    body += _quotes(event, ids)
    body += _framing(event, ids)
    body += _texts(event, ids)
    body.append("</main>")
    return _page(f"{event.id}: {event.title}", body)


def _articles(event: Event, ids: _Ids) -> list[str]:
    rows = []
    for article in event.articles:
        copy = event.copy_of(article.id)
        note = f" <em>(copy of {_e(event.article(copy.source).outlet)})</em>" if copy else ""
        rows.append(
            f"<tr><td>{_e(article.outlet)}</td><td>{_e(article.published or '?')}</td>"
            f'<th scope="row"><a href="#a{ids.articles[article.id]}">{_e(article.title)}</a>{note}</th>'
            f'<td class="num">{len(article.paragraphs)}</td><td class="num">{article.n_words}</td>'
            f"<td><code>{_e(article.path)}</code></td></tr>"
        )
    return [
        '<h2 id="articles">Articles</h2>',
        '<div class="scroll"><table><thead><tr><th scope="col">Outlet</th><th scope="col">Published</th>'
        '<th scope="col">Headline</th><th scope="col" class="num">Paragraphs</th><th scope="col" class="num">Words'
        '</th><th scope="col">File</th></tr></thead><tbody>',
        *rows,
        "</tbody></table></div>",
    ]


def _facts(event: Event, ids: _Ids) -> list[str]:
    out = ['<h2 id="facts">Facts</h2>']
    if not event.facts:
        return [*out, "<p>No sentence-level fact in this event.</p>"]
    legend = " ".join(f'<span class="badge {_CLASSES[v]}">{mark} {label}</span>' for v, (mark, label) in _MARKS.items())
    out += [
        f"<p>Each row is a fact, each column an outlet. {legend}. A cell opens its evidence: the sentence that "
        "states the fact in its paragraph, or the outlet's closest sentence and how close it is.</p>",
        '<div class="scroll"><table class="matrix">',
        f"<caption>{len(event.facts)} facts × {len(event.outlets)} outlets</caption>",
        '<thead><tr><th scope="col">Fact</th><th scope="col">Sentence</th>'
        + "".join(f'<th scope="col" class="outlet">{_e(o)}</th>' for o in event.outlets)
        + "</tr></thead><tbody>",
    ]
    for fact in event.facts:
        short = fact.id.rsplit("-", 1)[-1]
        cells = []
        for outlet in event.outlets:
            verdict = fact.verdict(outlet)
            mark, label = _MARKS[verdict]
            cells.append(
                f'<td class="v {_CLASSES[verdict]}"><a href="#{ids.cell(fact, outlet)}" aria-label="{label}">'
                f"{mark}</a></td>"
            )
        out.append(
            f'<tr id="row-{short}" class="fact-row"><th scope="row"><a href="#{short}">{_e(short)}</a></th>'
            f'<td class="fact">{_e(fact.text)}</td>{"".join(cells)}</tr>'
        )
    out += ["</tbody></table></div>", '<h3 id="evidence">Evidence of every cell</h3>', '<div class="evidence">']
    for fact in event.facts:
        short = fact.id.rsplit("-", 1)[-1]
        out += [
            f'<section id="{short}" aria-labelledby="{short}-h">',
            f'<h4 id="{short}-h">{_e(short)}: {_e(fact.text)} <a href="#row-{short}" class="muted">(row)</a></h4>',
            "<ul>",
        ]
        out += [_cell_evidence(event, ids, fact, outlet) for outlet in event.outlets]
        out += ["</ul>", "</section>"]
    out.append("</div>")
    return out


def _sentence(evidence: FactEvidence, ids: _Ids, *, stated: bool = True) -> str:
    position = _POSITIONS.get(evidence.position, evidence.position)
    found = ", found by verification" if evidence.verified and stated else ""
    return (
        f'<q class="sentence">{_e(evidence.sentence)}</q> ({ids.short_ref(evidence.article, evidence.paragraph)}, '
        f"{_e(position)}{found})"
    )


def _scores(check: OutletCheck) -> str:
    return (
        f'<span class="scores">confidence {check.confidence:.2f}, similarity {check.cosine:.2f}, '
        f"shares {check.coverage:.0%} of its words</span>"
    )


def _cell_evidence(event: Event, ids: _Ids, fact: Fact, outlet: str) -> str:
    verdict = fact.verdict(outlet)
    mark, label = _MARKS[verdict]
    head = f'<b>{_e(outlet)}</b> <span class="badge {_CLASSES[verdict]}">{mark} {label}</span>'
    if verdict is Verdict.STATES:
        stated = [e for e in fact.evidence if e.outlet == outlet]
        first = stated[0] if stated else None
        where = f' data-p="{ids.paragraph(first.article, first.paragraph)}"' if first else ""
        sentences = "; ".join(_sentence(e, ids) for e in stated)
        return f'<li id="{ids.cell(fact, outlet)}"{where}>{head}: {sentences}</li>'
    check = fact.check(outlet)
    if check is None:
        return f'<li id="{ids.cell(fact, outlet)}">{head}: the outlet was not searched for it.</li>'
    note = f" {_e(check.note)}." if check.note else ""
    if check.closest is None:
        return f'<li id="{ids.cell(fact, outlet)}">{head}: no close sentence. {_scores(check)}.{note}</li>'
    closest = check.closest
    where = f' data-p="{ids.paragraph(closest.article, closest.paragraph)}"'
    return (
        f'<li id="{ids.cell(fact, outlet)}"{where}>{head}: closest sentence {_sentence(closest, ids, stated=False)}; '
        f"{_scores(check)}.{note}</li>"
    )


def _omissions(event: Event, ids: _Ids, exclusive_confidence: float) -> list[str]:
    out = ['<h2 id="omissions">Omissions and exclusive facts</h2>']
    if len(event.outlets) < 2:
        return [*out, "<p>One outlet covers this event: nothing to compare.</p>"]
    said = False
    for outlet in event.outlets:
        omitted = [event.fact(i) for i in event.omissions.get(outlet, ())]
        unsure = [event.fact(i) for i in event.unsure_omissions.get(outlet, ())]
        exclusive = event.exclusive_facts(outlet, exclusive_confidence)
        if not omitted and not unsure and not exclusive:
            continue
        said = True
        out.append(f'<h3 id="outlet-o{ids.outlets[outlet]}">{_e(outlet)}</h3>')
        if omitted:
            note = f" Note: {_e(event.context[outlet])}." if outlet in event.context else ""
            out.append(
                f"<p>Omits {len(omitted)} fact{'s' if len(omitted) != 1 else ''} that most other outlets state, the "
                f"surest first.{note}</p>"
            )
            out += ['<ul class="evidence omitted">', *(_omission(ids, f, outlet) for f in omitted), "</ul>"]
        if unsure:
            out.append(f"<p>May also omit {len(unsure)} fact{'s' if len(unsure) != 1 else ''} (less sure):</p>")
            out += ['<ul class="evidence unsure">', *(_omission(ids, f, outlet) for f in unsure), "</ul>"]
        if exclusive:
            out += [
                f"<p>Only {_e(outlet)} states {len(exclusive)} fact{'s' if len(exclusive) != 1 else ''} (every other "
                f"outlet searched, each verdict at least {exclusive_confidence:.0%} sure):</p>",
                '<ul class="evidence exclusive">',
            ]
            for fact in exclusive:
                short = fact.id.rsplit("-", 1)[-1]
                refs = ", ".join(ids.ref(e.article, e.paragraph) for e in fact.evidence)
                out.append(f'<li><a href="#{short}">{_e(short)}</a>: {_e(fact.text)} ({refs})</li>')
            out.append("</ul>")
    if not said:
        out.append("<p>No outlet omits a fact most others state, and no fact is stated by one outlet alone.</p>")
    return out


def _omission(ids: _Ids, fact: Fact, outlet: str) -> str:
    """An omitted fact, with the outlet's closest sentence and how close it is."""
    check = fact.check(outlet)
    short = fact.id.rsplit("-", 1)[-1]
    closest = "no close sentence"
    if check is not None and check.closest is not None:
        closest = f"closest sentence {_sentence(check.closest, ids, stated=False)}"
    scores = f"; {_scores(check)}" if check is not None else ""
    return f'<li><a href="#{short}">{_e(short)}</a>: {_e(fact.text)}<br>{_e(outlet)}\'s {closest}{scores}.</li>'


def _figures(event: Event, ids: _Ids) -> list[str]:
    groups = [g for g in event.figures if len(g.outlets) >= 2 or g.conflict]
    out = ['<h2 id="figures">Figures</h2>']
    if not groups:
        return [*out, "<p>No quantity is stated by two outlets.</p>"]
    out.append(
        "<p>The same quantity as each outlet states it, by publication date. A <em>conflict</em>: the values cannot "
        "all be true given their qualifiers (at least, nearly, ...); an <em>update</em>: later articles give higher "
        "values. The chart draws each figure's interval (an arrow: unbounded on that side) and its value (a dot).</p>"
    )
    verdict_class = {"conflict": "omits", "update": "different", "agree": "states", "unclear": "unclear"}
    for number, group in enumerate(groups, start=1):
        mentions = group.by_date()
        out += [
            f'<section aria-labelledby="g{number}">',
            f'<h3 id="g{number}">{_e(group.label)} <span class="badge {verdict_class[group.verdict]}">'
            f"{_e(group.verdict)}</span></h3>",
            '<div class="scroll"><table><thead><tr><th scope="col">Outlet</th><th scope="col">Says</th>'
            '<th scope="col">Published</th><th scope="col">Where</th><th scope="col">Sentence</th></tr></thead>'
            "<tbody>",
        ]
        for m in mentions:
            out.append(
                f"<tr><td>{_e(article_label(event, m.article_id))}</td><td>{_e(m.figure.text)}</td>"
                f"<td>{_e(m.published or '?')}</td><td>{ids.ref(m.article_id, m.paragraph)}</td>"
                f"<td>{_e(m.figure.sentence)}</td></tr>"
            )
        out += ["</tbody></table></div>", figure_chart(event, group, number), "</section>"]
    return out


def _quotes(event: Event, ids: _Ids) -> list[str]:
    out = ['<h2 id="quotes">Quotes</h2>']
    if not event.quotes or len(event.outlets) < 2:
        return [*out, "<p>No quote is carried by two outlets.</p>"]
    out.append(
        "<p>The same quote as each outlet prints it. <em>truncated</em>: a part of it; <em>reworded</em>: other "
        "words; <em>different speaker</em>: attributed to someone else.</p>"
    )
    for number, group in enumerate(event.quotes, start=1):
        missing = [o for o in event.outlets if o not in group.outlets]
        out += [
            f'<section aria-labelledby="q{number}">',
            f'<h3 id="q{number}">{_e(group.speaker or "(unattributed)")}: <q>{_e(group.text)}</q></h3>',
            '<div class="scroll"><table><thead><tr><th scope="col">Outlet</th><th scope="col">Published</th>'
            '<th scope="col">Speaker</th><th scope="col">As printed</th><th scope="col">Marked</th>'
            '<th scope="col">Where</th></tr></thead><tbody>',
        ]
        for v in group.variants:
            notes = " ".join(f'<span class="badge different">{_e(n.replace("_", " "))}</span>' for n in v.notes)
            out.append(
                f"<tr><td>{_e(article_label(event, v.article_id))}</td><td>{_e(v.published or '?')}</td>"
                f"<td>{_e(v.speaker or '')}</td><td><q>{_e(v.text)}</q></td><td>{notes or 'verbatim'}</td>"
                f"<td>{ids.ref(v.article_id, v.paragraph)}</td></tr>"
            )
        out.append("</tbody></table></div>")
        if missing:
            out.append(f"<p>Not carried by: {_e(', '.join(missing))}.</p>")
        out.append("</section>")
    return out


def _framing(event: Event, ids: _Ids) -> list[str]:
    out = ['<h2 id="framing">Framing</h2>']
    framing = event.framing
    if framing is None:
        return [*out, "<p>Framing is compared for events with two or more outlets.</p>"]
    out += [
        "<p>Distinctive terms: log-odds with an informative Dirichlet prior, each outlet against the others, "
        "z ≥ 1.96. Frames: the share of the outlet's paragraphs closest to each generic policy frame.</p>",
        '<div class="scroll"><table><thead><tr><th scope="col">Outlet</th><th scope="col">Distinctive terms (z)</th>'
        '<th scope="col">Frames (paragraphs)</th><th scope="col">Attribution</th></tr></thead><tbody>',
    ]
    for item in framing.outlets:
        frames = []
        for name, share in item.top_frames(3):
            refs = ", ".join(ids.ref(a, p) for a, p in item.frame_paragraphs.get(name, ())[:3])
            frames.append(f"{_e(name)} {share:.0%}" + (f" ({refs})" if refs else ""))
        verbs = ", ".join(f"{_e(verb)} {count}" for verb, count in item.top_attribution(4))
        out.append(
            f'<tr><th scope="row">{_e(item.outlet)}</th><td>{_e(item.term_summary(8))}</td>'
            f"<td>{'; '.join(frames)}</td><td>{verbs}</td></tr>"
        )
    out.append("</tbody></table></div>")
    if framing.labels:
        out += [
            "<h3>Labels</h3>",
            "<p>The words outlets use for one actor, group or thing, with the paragraphs that use them.</p>",
            '<div class="scroll"><table><thead><tr><th scope="col">Referent</th><th scope="col">Outlet</th>'
            '<th scope="col">Words (paragraphs)</th></tr></thead><tbody>',
        ]
        for group in framing.labels:
            for index, (outlet, labels) in enumerate(sorted(group.by_outlet.items())):
                words = []
                for label in labels:
                    places = group.where.get(outlet, {}).get(label, ())
                    links = ", ".join(ids.ref(r.article, r.paragraph) for r in places[:3])
                    words.append(f"<q>{_e(label)}</q>" + (f" ({links})" if links else ""))
                head = (
                    f'<th scope="row" rowspan="{len(group.by_outlet)}">{_e(group.referent)}</th>' if index == 0 else ""
                )
                out.append(f"<tr>{head}<td>{_e(outlet)}</td><td>{'; '.join(words)}</td></tr>")
        out.append("</tbody></table></div>")
    return out


def _texts(event: Event, ids: _Ids) -> list[str]:
    partners: dict[ParagraphRef, list[ParagraphRef]] = {}
    for link in event.links:
        partners.setdefault(link.a, []).append(link.b)
        partners.setdefault(link.b, []).append(link.a)
    out = [
        '<h2 id="texts">Article texts side by side</h2>',
        "<p>Paragraphs as cleaned and analysed, numbered from 1. A marked paragraph is linked to a paragraph of "
        "another article (the same content); its links follow it.</p>",
        '<div class="side">',
    ]
    for article in event.articles:
        number = ids.articles[article.id]
        out += [
            f'<article id="a{number}" aria-labelledby="a{number}-h">',
            f'<h3 id="a{number}-h">{_e(article.outlet)}: {_e(article.title)}</h3>',
            f'<p class="muted">{_e(article.published or "date unknown")} · <code>{_e(article.path)}</code>'
            + (f' · <a href="{_e(article.url)}" rel="noreferrer nofollow">source</a>' if _safe_url(article.url) else "")
            + "</p>",
            "<ol>",
        ]
        for index, paragraph in enumerate(article.paragraphs):
            ref = ParagraphRef(article.id, index)
            linked = sorted(partners.get(ref, ()))
            links = ""
            if linked:
                links = '<span class="links">linked: ' + ", ".join(ids.ref(r.article, r.paragraph) for r in linked)
                links += "</span>"
            cls = "p linked" if linked else "p"
            out.append(
                f'<li id="{ids.paragraph(article.id, index)}" class="{cls}" value="{index + 1}">'
                f'<span class="text">{_e(paragraph)}</span>{links}</li>'
            )
        out += ["</ol>", "</article>"]
    out.append("</div>")
    return out


def _safe_url(url: str | None) -> bool:
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


# ---------------------------------------------------------------------------------------------------- writing


def write_html(
    comparison: Comparison,
    folder: Path,
    *,
    profiles: OutletProfiles | None = None,
    exclusive_confidence: float = EXCLUSIVE_CONFIDENCE,
) -> list[Path]:
    """Write ``index.html`` and one page per event into ``folder`` (created if needed); returns the paths written,
    the index first. Each file is written atomically."""
    folder = Path(folder)
    written: list[Path] = []
    for event in comparison.events:
        path = folder / event_path(event)
        write_atomic(path, event_page(event, exclusive_confidence=exclusive_confidence))
        written.append(path)
    index = folder / "index.html"
    write_atomic(index, index_page(comparison, profiles))
    return [index, *written]
