"""Events and the comparison: facts, copies, the evidence of grouping, and the result of :func:`coverage.compare`.

Results render themselves in a terminal (``rich.print(comparison)``) through ``__rich_console__``; the markdown
and JSON writers are separate functions over the same objects (:mod:`coverage.report.markdown`,
:mod:`coverage.report.jsonio`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from coverage.model.alignment import Link, Unit
from coverage.model.corpus import Article, Corpus, _by_id

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from coverage.model.figures import FigureGroup
    from coverage.model.framing import EventFraming
    from coverage.model.outlets import OutletProfiles
    from coverage.model.quotes import QuoteGroup


__all__ = ["Comparison", "Copy", "Event", "EventEvidence", "Fact", "FactEvidence"]


@dataclass(frozen=True)
class FactEvidence:
    """Where an outlet states a fact: the sentence, its article and paragraph, and how prominently.

    ``position`` is ``headline`` (the headline says it too), ``lead`` (first paragraph), ``upper`` or ``lower``
    (half of the article).
    """

    outlet: str
    article: str
    paragraph: int
    sentence: str
    position: str
    verified: bool = False
    """True when the sentence was found by verification (:mod:`coverage.verify`), not by the alignment."""

    def order(self) -> tuple[str, str, int, str]:
        """The key evidence is listed by: outlet (any case), article, paragraph, then the sentence itself, so that
        two sentences of one paragraph come in the same order in every process (never a set's order)."""
        return (self.outlet.casefold(), self.article, self.paragraph, self.sentence)


class Verdict(enum.StrEnum):
    """What an outlet does with a fact, after its whole text was searched for it."""

    STATES = "states"
    DIFFERENT = "states differently"
    """The same content with another figure (a different number for the same quantity): not an omission."""
    OMITS = "omits"
    UNCLEAR = "unclear"
    """Some signals say it is there, others not: no claim is made."""


@dataclass(frozen=True)
class OutletCheck:
    """The search of one outlet's text for a fact it was not aligned with: the verdict and the closest sentence.

    ``cosine`` and ``coverage`` are the closest sentence's embedding similarity to the fact and the share of the
    fact's content words, names and numbers it carries; ``confidence`` (0..1) is how clearly the verdict holds.
    """

    outlet: str
    verdict: Verdict
    confidence: float
    cosine: float
    coverage: float
    closest: FactEvidence | None
    note: str = ""


@dataclass(frozen=True)
class Fact:
    """A sentence-level unit of content inside an event: which outlets state it (with evidence), which omit it."""

    id: str
    text: str
    outlets: tuple[str, ...]
    missing: tuple[str, ...]
    """The outlets verified to omit it (verdict *omits*); see :attr:`checks` for the others."""
    evidence: tuple[FactEvidence, ...]
    checks: tuple[OutletCheck, ...] = ()
    """One verdict per outlet of the event that is not among :attr:`outlets` (empty before verification)."""

    @property
    def kind(self) -> str:
        """``consensus`` (every outlet), ``shared`` (two or more) or ``exclusive`` (one)."""
        if not self.missing and not self.checks and len(self.outlets) > 1:
            return "consensus"
        return "shared" if len(self.outlets) > 1 else "exclusive"

    def check(self, outlet: str) -> OutletCheck | None:
        """The verdict on ``outlet`` (``None`` for an outlet that states the fact)."""
        return next((c for c in self.checks if c.outlet == outlet), None)

    def verdict(self, outlet: str) -> Verdict:
        """*states* for the outlets in :attr:`outlets`, else the verification's verdict (*omits* without one)."""
        if outlet in self.outlets:
            return Verdict.STATES
        check = self.check(outlet)
        return check.verdict if check is not None else Verdict.OMITS

    @property
    def unclear(self) -> tuple[str, ...]:
        return tuple(c.outlet for c in self.checks if c.verdict is Verdict.UNCLEAR)

    @property
    def different(self) -> tuple[str, ...]:
        return tuple(c.outlet for c in self.checks if c.verdict is Verdict.DIFFERENT)


@dataclass(frozen=True)
class EventEvidence:
    """Why an event's articles were grouped: what they share and how similar they are."""

    shared_terms: tuple[str, ...] = ()
    shared_numbers: tuple[str, ...] = ()
    similarity: float | None = None


@dataclass(frozen=True)
class Copy:
    """``article`` republishes ``source`` (the earlier, or else the shorter-path one): paragraphs added and cut."""

    article: str
    source: str
    shared: float
    added: tuple[int, ...]
    """Paragraph indices of ``article`` with no counterpart in ``source``."""
    cut: tuple[int, ...]
    """Paragraph indices of ``source`` missing from ``article``."""


@dataclass(frozen=True)
class Event:
    """Articles on one event, their paragraph links and the units built from them."""

    id: str
    title: str
    articles: tuple[Article, ...]
    links: tuple[Link, ...] = ()
    units: tuple[Unit, ...] = ()
    evidence: EventEvidence = field(default_factory=EventEvidence)
    copies: tuple[Copy, ...] = ()
    """Articles that republish another article of the event (wire copy)."""
    figures: tuple[FigureGroup, ...] = ()
    """Mentions of the same quantity across articles (tolls, arrests, money), with conflicts flagged."""
    quotes: tuple[QuoteGroup, ...] = ()
    """The same direct quote across articles, with truncations, rewordings and speaker changes flagged."""
    facts: tuple[Fact, ...] = ()
    """Sentence-level content units across outlets, from the sentence alignment inside linked paragraphs."""
    context: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    """Outlet -> why its omissions may not be editorial (published much earlier, much shorter)."""
    omissions: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    """Outlet -> ids of the facts it omits that most other outlets state (see :meth:`omitted_facts`), most sure
    first."""
    unsure_omissions: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    """Outlet -> ids of the facts verified as omitted, but less surely than the listed :attr:`omissions`."""
    exclusives: Mapping[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    """Outlet -> ids of the facts only it states, every other outlet searched (see :meth:`exclusive_facts`)."""
    framing: EventFraming | None = None
    """Distinctive terms, labels for the same referent, frames and attribution per outlet (two or more outlets)."""
    left_out: tuple[str, ...] = ()
    """Ids of the event's articles left out of its analysis: its articles of different outlets made more pairs than
    ``events.max_articles`` articles do, and it was analysed on a sample (:attr:`articles`); see :attr:`sample_note`."""

    @property
    def sample_note(self) -> str:
        """One line saying the event was analysed on a sample, and why; empty when every article was analysed."""
        if not self.left_out:
            return ""
        total = len(self.articles) + len(self.left_out)
        return (
            f"Analysed on a sample of {len(self.articles)} of its {total} articles (events.max_articles, each outlet's "
            f"earliest first): {len(self.left_out)} articles are not compared, so nothing here is said of them."
        )

    def fact(self, fact_id: str) -> Fact:
        return _by_id(self.facts, fact_id)

    def omitted_facts(self, outlet: str, majority: float = 0.5, min_confidence: float = 0.0) -> list[Fact]:
        """Facts ``outlet`` was verified to omit (verdict *omits*, at least ``min_confidence`` sure) that at least
        two and at least ``majority`` of the other outlets state on their own (copies of one wire story count
        once, among those that state it and among the others). A copy's omissions are its source's: none are
        listed for it."""
        copies = self.copy_outlets
        if outlet in copies:
            return []
        others = len([o for o in self.outlets if o != outlet and o not in copies])
        out = []
        for fact in self.facts:
            if outlet not in fact.missing:
                continue
            check = fact.check(outlet)
            if check is not None and check.confidence < min_confidence:
                continue
            carriers = len(self.independent_outlets(fact))
            if carriers >= 2 and carriers >= majority * others:
                out.append(fact)
        return out

    @property
    def copy_outlets(self) -> frozenset[str]:
        """Outlets whose every article in the event republishes another of its articles (a wire copy)."""
        copied = {c.article for c in self.copies}
        return frozenset(o for o in self.outlets if all(a.id in copied for a in self.articles if a.outlet == o))

    def unclear_facts(self, outlet: str) -> list[Fact]:
        """Facts two or more outlets state on their own for which ``outlet``'s verdict is *unclear*: a sentence of
        it is close, not close enough to say."""
        return [f for f in self.facts if outlet in f.unclear and len(self.independent_outlets(f)) >= 2]

    def exclusive_facts(self, outlet: str, min_confidence: float = 0.0) -> list[Fact]:
        """Facts only ``outlet`` states: every other outlet of the event was searched and found to omit it, each
        verdict at least ``min_confidence`` sure. A fact some outlet may state (*unclear*) is not exclusive."""
        out = []
        for fact in self.facts:
            if fact.outlets != (outlet,) or len(self.outlets) < 2:
                continue
            if all(c.verdict is Verdict.OMITS and c.confidence >= min_confidence for c in fact.checks):
                out.append(fact)
        return out

    def syndicated_with(self, article_id: str) -> tuple[str, ...]:
        """Ids of the articles that are copies of ``article_id`` or that it copies."""
        out = {c.source for c in self.copies if c.article == article_id}
        out |= {c.article for c in self.copies if c.source == article_id}
        return tuple(sorted(out))

    def copy_of(self, article_id: str) -> Copy | None:
        return next((c for c in self.copies if c.article == article_id), None)

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({a.outlet for a in self.articles}, key=str.casefold))

    @property
    def dates(self) -> tuple[date, date] | None:
        known = sorted(a.published for a in self.articles if a.published is not None)
        return (known[0], known[-1]) if known else None

    def article(self, article_id: str) -> Article:
        return _by_id(self.articles, article_id)

    def independent_outlets(self, unit: Unit | Fact) -> tuple[str, ...]:
        """The outlets carrying a unit or fact on their own: a copy whose source carries it too does not count."""
        copied = {c.article: c.source for c in self.copies}
        refs = unit.evidence if isinstance(unit, Fact) else unit.members
        members = {r.article for r in refs}
        own = {self.article(a).outlet for a in members if copied.get(a) not in members}
        return tuple(o for o in unit.outlets if o in own)

    def exclusive_units(self, outlet: str) -> list[Unit]:
        """Units only ``outlet`` carries, where the event has other outlets."""
        return [u for u in self.units if u.outlets == (outlet,) and len(self.outlets) > 1]

    def omitted_units(self, outlet: str) -> list[Unit]:
        """Units that ``outlet`` omits while at least two other outlets carry them independently (copies of one
        wire story count once)."""
        return [u for u in self.units if outlet in u.missing and len(self.independent_outlets(u)) >= 2]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from coverage.report.terminal import render_event

        yield from render_event(self)


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`coverage.compare`: the corpus, its events and how they were made."""

    corpus: Corpus
    events: tuple[Event, ...]
    model: str
    profiles: OutletProfiles | None = None
    """The outlet profiles the corpus was read with (``compare(..., profiles=...)``): the reports show coverage by
    lean and country from them."""

    @property
    def outlets(self) -> tuple[str, ...]:
        return self.corpus.outlets

    def event(self, event_id: str) -> Event:
        return _by_id(self.events, event_id)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from coverage.report.terminal import render_comparison

        yield from render_comparison(self)
