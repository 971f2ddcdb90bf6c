"""Verification: before a report says "outlet O omits fact F", every sentence of O is searched for F.

The sentence alignment proposes facts; it links sentences one to one, competitively, so a paraphrase that lost
to a closer sentence, a fact that O splits over two sentences, or one O merges into a longer sentence, is left
out of the fact, and O *looks* as if it omitted it. Here each outlet outside a fact is checked against the whole
of its text with several signals, each measured between each evidence sentence of F (any outlet's wording) and
each sentence of O, alone and joined with its neighbour:

- ``cosine``: sentence-embedding similarity;
- ``coverage``: the share of F's content (word stems, names and numbers, weighted by their rarity in the event)
  that O's sentence carries ("Twelve people were killed" and "killed 12 people" carry the same);
- ``figures``: F's numbers with what they count; the same quantity with an incompatible value is "states
  differently", not an omission;
- roles: two sentences naming the same two actors around the same verb in swapped order ("Trump attacked Cruz",
  "Cruz attacked Trump") are different facts.

Verdicts (:class:`Verdict`): *states* (O joins the fact, with its sentence as evidence: by the rules that keep an
aligned member, so a sentence the search finds is held to what a sentence the alignment found is held to),
*states differently*, *omits* (only when every signal is low: the report shows O's closest sentence and its score;
how sure, from each separate wording of the fact that O was searched for), and *unclear*.
Thresholds live in :class:`~coverage.settings.FactSettings`; their choice is documented there.

The same checks confirm the fact's own members: an outlet that the alignment attached to a fact only weakly, or
with roles reversed, is taken out of the fact and checked like any other outlet.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from coverage.analysis.facts import is_statement, position_of
from coverage.analysis.verification.index import SentenceIndex
from coverage.analysis.verification.merging import ANOTHER_STAGE, PART, TOPIC_WORDS, merge_facts
from coverage.analysis.verification.parts import split_partial
from coverage.analysis.verification.terms import Terms, numbers_differ, shares_quote, stages_differ
from coverage.model import Fact, FactEvidence, OutletCheck, Verdict
from coverage.settings import FactSettings

__all__ = ["ANOTHER_STAGE", "TOPIC_WORDS", "SentenceIndex", "absorb_facts", "verify_facts"]


@dataclass(frozen=True)
class _Match:
    article: int
    sentence: int
    span: int
    """1: the sentence alone; 2: joined with the next sentence of its paragraph."""
    cosine: float
    coverage: float
    content: float
    """Coverage of what the fact says besides its names."""
    reversed: bool
    numbers_differ: bool
    partial: bool = False
    """Both quote the same words, or the candidate gives every distinctive number of the fact: part of the fact,
    at least, is there."""
    topic_only: bool = False
    """The words the two share are all the story's topic words (:func:`_topic_only`)."""
    stage_differs: bool = False
    """The two mark different stages of the story ("charged" / "convicted"; see
    :func:`~coverage.analysis.verification.terms.stages_differ`): not the same fact, however alike."""

    @property
    def strength(self) -> float:
        """One number to rank candidates by: the strongest of the main signals."""
        return max(self.cosine, self.coverage, self.content)


def _coverage(fact: Terms, candidate: Terms, index: SentenceIndex, *, names: bool = True) -> float:
    """IDF-weighted share of the fact sentence's stems and numbers that the candidate carries; with
    ``names=False``, of what it says besides who (the names), when it says anything besides."""
    return index.share(fact.words if names else fact.content, candidate.words)


def _reversed(fact: Terms, candidate: Terms) -> bool:
    """True when both sentences name the same two actors in swapped order ("Voss accused Brandt", "Brandt
    criticised Voss"): who did what to whom may differ, so the match is not taken as the same fact."""
    shared = [n for n in dict.fromkeys(fact.names) if n in candidate.names]
    if len(shared) < 2:
        return False
    first, second = shared[0], shared[1]
    return candidate.names.index(second) < candidate.names.index(first)


def _topic_only(shared: frozenset[str], index: SentenceIndex) -> bool:
    """The words two sentences share are all the story's topic words (:attr:`SentenceIndex.topic`): alike in what
    the story is about, nothing to show they say the same thing of it. (Sharing no word at all is left to the
    cosine and its margin over the outlet's other sentences.)"""
    return bool(shared) and shared <= index.topic


def _join(a: Terms, b: Terms) -> Terms:
    return Terms(
        a.stems | b.stems,
        a.names + b.names,
        a.numbers | b.numbers,
        a.figures | b.figures,
        a.quotes + b.quotes,
        a.speakers | b.speakers,
        a.stages | b.stages,
    )


def _partial(index: SentenceIndex, fact: tuple[int, int], candidate: tuple[int, int]) -> bool:
    """Part of the fact, at least, is in the candidate: the same quoted words, or every distinctive number.

    (Clause-level cosines were measured as a third signal: no claim on the four gold corpora changed, at 30 % more
    embedding on ECB+, so they are not computed.)"""
    fact_t = index.terms[fact[0]][fact[1]]
    cand_t = index.terms[candidate[0]][candidate[1]]
    if shares_quote(fact_t.quotes, cand_t.quotes):
        return True
    numbers = fact_t.distinctive_numbers
    return bool(numbers) and numbers <= cand_t.numbers


_TOPIC_ONLY = 0.5
"""The sureness of an omission whose closest sentence is alike in topic only (a mid cosine, little of the content):
at the omission thresholds' own level, under any ``min_confidence`` that lists an omission."""

TOPIC_ONLY = "alike in topic only"
"""The note on an outlet whose closest sentence is close in cosine to the fact but no closer than its other
sentences, and carries little of the fact's content: neither a statement nor an omission."""

NOT_A_STATEMENT = "closest is not a statement"
"""The note on an outlet whose closest sentence is a question, a dateline or a fragment: no claim either way."""

_QUIET_COSINE = 0.4
"""A candidate that shares no word, name or number with the fact and whose cosine is under this is scored by its
cosine alone: its coverage is 0 and no other signal can fire (quotes, figures and roles need shared words)."""


def _best_matches(
    index: SentenceIndex,
    evidence: Sequence[tuple[int, int]],
    article: int,
) -> list[_Match]:
    """Every sentence (and pair of neighbouring sentences) of ``article`` scored against the evidence sentences,
    each keeping its best score over the evidence."""
    return [max(per, key=lambda m: (m.strength, m.partial)) for per in _scored(index, evidence, article)]


def _scored(index: SentenceIndex, evidence: Sequence[tuple[int, int]], article: int) -> list[list[_Match]]:
    """Every sentence (and pair of neighbouring sentences) of ``article`` scored against each evidence sentence:
    one list per candidate, one match per evidence sentence, in the order of ``evidence``."""
    vectors = index.vectors[article]
    sentences = index.sentences[article]
    if not len(sentences):
        return []
    fact_vectors = np.stack([index.vectors[i][k] for i, k in evidence])
    fact_terms = [index.terms[i][k] for i, k in evidence]

    single = fact_vectors @ vectors.T  # (evidence, sentences)
    out: list[list[_Match]] = []
    for k in range(len(sentences)):
        spans = [1]
        if k + 1 < len(sentences) and index.parents[article][k + 1] == index.parents[article][k]:
            spans.append(2)
        for span in spans:
            if span == 1:
                cosines = single[:, k]
                candidate = index.terms[article][k]
            else:
                joined = vectors[k] + vectors[k + 1]
                joined = joined / (np.linalg.norm(joined) or 1.0)
                cosines = fact_vectors @ joined
                candidate = _join(index.terms[article][k], index.terms[article][k + 1])
            have = candidate.words
            per: list[_Match] = []
            for e, fact_t in enumerate(fact_terms):
                cosine = float(cosines[e])
                if cosine < _QUIET_COSINE and not fact_t.words & have:
                    match = _Match(article, k, span, cosine, 0.0, 0.0, False, False)
                else:
                    match = _Match(
                        article=article,
                        sentence=k,
                        span=span,
                        cosine=cosine,
                        coverage=_coverage(fact_t, candidate, index),
                        content=_coverage(fact_t, candidate, index, names=False),
                        reversed=_reversed(fact_t, candidate),
                        numbers_differ=numbers_differ(fact_t, candidate),
                        partial=span == 1 and _partial(index, evidence[e], (article, k)),
                        stage_differs=stages_differ(fact_t, candidate),
                        topic_only=_topic_only(fact_t.words & have, index),
                    )
                per.append(match)
            out.append(per)
    return out


def _verdict(match: _Match | None, settings: FactSettings) -> tuple[Verdict, float]:
    """The verdict on one outlet from its best candidate, and how sure it is (0..1)."""
    if match is None:
        return Verdict.OMITS, 1.0
    cosine, coverage = match.cosine, match.coverage
    if match.reversed or match.stage_differs:
        return Verdict.UNCLEAR, 0.5
    content = match.content
    strong_text = (
        cosine >= settings.states_cosine
        or (cosine >= settings.support_cosine and content >= settings.states_coverage)
        or (cosine >= settings.confirm_cosine and content >= settings.states_coverage)
    )
    if strong_text and match.topic_only and cosine < settings.states_cosine_alone:
        return Verdict.UNCLEAR, 0.5  # close, but nothing shared besides the story's topic words
    if strong_text and (match.span == 1 or content >= settings.states_coverage):
        if match.numbers_differ:
            return Verdict.DIFFERENT, min(1.0, cosine)
        return Verdict.STATES, min(1.0, max(cosine, coverage))
    if match.partial:
        return Verdict.UNCLEAR, 0.5
    coverage = max(coverage, content)
    if cosine < settings.omit_cosine and coverage < settings.omit_coverage:
        # How far below both thresholds the closest sentence stays: 1 for nothing alike, 0 at the threshold.
        margin = min(1 - cosine / settings.omit_cosine, 1 - coverage / settings.omit_coverage)
        return Verdict.OMITS, round(0.5 + 0.5 * margin, 3)
    if coverage < settings.omit_coverage and not match.numbers_differ:
        # A mid cosine (under states_cosine, the bar a cosine alone must clear) and under a third of the content:
        # the sentences of one story are alike in topic, and this one does not carry the fact. An omission, the
        # least sure kind (folded apart, never an "only X states this").
        return Verdict.OMITS, _TOPIC_ONLY
    if match.numbers_differ and (cosine >= settings.support_cosine or coverage >= settings.states_coverage):
        return Verdict.DIFFERENT, 0.5
    return Verdict.UNCLEAR, 0.5


def _wordings_confidence(
    index: SentenceIndex,
    evidence: Sequence[tuple[int, int]],
    scored: Sequence[Sequence[_Match]],
    settings: FactSettings,
) -> float | None:
    """How sure an omission is when each outlet that states the fact is a separate wording of it, searched for
    separately: an outlet that states the fact in its own words would have to miss every one of them. Each
    wording's sureness is that of the outlet's closest sentence to it (:func:`_verdict`); an outlet's several
    sentences count as one wording, at the closest; a near-identical wording (a wire copy) is not a new one.
    Combined as independent tests: 1 - the product of (1 - sureness). One wording: its sureness, as before.
    ``None`` when a wording's closest sentence is closer than an omission allows (the best match was another's)."""
    by_outlet: dict[str, list[int]] = {}
    for e, (i, _) in enumerate(evidence):
        by_outlet.setdefault(index.articles[i].outlet, []).append(e)
    wordings: list[tuple[np.ndarray, float]] = []
    for members in by_outlet.values():
        sure = 1.0
        for e in members:
            closest = max((per[e] for per in scored), key=lambda m: (m.strength, m.span == 1))
            verdict, confidence = _verdict(closest, settings)
            if verdict is not Verdict.OMITS:
                return None
            sure = min(sure, confidence)
        vector = index.vectors[evidence[members[0]][0]][evidence[members[0]][1]]
        if any(float(vector @ other) >= settings.same_wording_cosine for other, _ in wordings):
            continue
        wordings.append((vector, sure))
    missed = math.prod(1 - sure for _, sure in wordings)
    return round(1 - missed, 3)


def _evidence_for(index: SentenceIndex, match: _Match, settings: FactSettings) -> FactEvidence:
    article = index.articles[match.article]
    k = match.sentence
    sentence = " ".join(index.sentences[match.article][k : k + match.span])
    paragraph = index.parents[match.article][k]
    return FactEvidence(
        outlet=article.outlet,
        article=article.id,
        paragraph=paragraph,
        sentence=sentence,
        position=position_of(article, paragraph, sentence, settings),
        verified=True,
    )


def _check_outlet(
    index: SentenceIndex,
    evidence: Sequence[tuple[int, int]],
    outlet: str,
    settings: FactSettings,
) -> tuple[OutletCheck, FactEvidence | None]:
    scored: list[list[_Match]] = []
    for i, article in enumerate(index.articles):
        if article.outlet == outlet:
            scored.extend(_scored(index, evidence, i))
    candidates = [max(per, key=lambda m: (m.strength, m.partial)) for per in scored]
    best = max(candidates, key=lambda m: (m.strength, m.span == 1, -m.article, -m.sentence), default=None)
    verdict, confidence = _verdict(best, settings)
    topic_only = verdict is Verdict.STATES and best is not None and not _stands_out(best, scored, settings)
    said = (
        verdict is not Verdict.STATES
        or best is None
        or any(is_statement(s) for s in index.sentences[best.article][best.sentence : best.sentence + best.span])
    )
    if topic_only or not said:
        verdict, confidence = Verdict.UNCLEAR, 0.5
    if verdict is Verdict.OMITS and scored and best is not None and best.cosine < settings.omit_cosine:
        confidence = _wordings_confidence(index, evidence, scored, settings) or confidence
    if verdict is Verdict.OMITS:
        partial = [m for m in candidates if m.partial]
        if partial:
            best = max(partial, key=lambda m: (m.strength, -m.article, -m.sentence))
            verdict, confidence = Verdict.UNCLEAR, 0.5
    closest = _evidence_for(index, best, settings) if best is not None else None
    check = OutletCheck(
        outlet=outlet,
        verdict=verdict,
        confidence=confidence,
        cosine=round(best.cosine, 3) if best else 0.0,
        coverage=round(max(best.coverage, best.content), 3) if best else 0.0,
        closest=closest,
        note=TOPIC_ONLY if topic_only else _note(best, verdict) if said else NOT_A_STATEMENT,
    )
    return check, closest if verdict is Verdict.STATES else None


def _holds(index: SentenceIndex, a: tuple[int, int], b: tuple[int, int], settings: FactSettings) -> bool:
    """Two sentences of different outlets state the same thing: a strong cosine, or a moderate one with shared
    content; never with roles reversed."""
    ta, tb = index.terms[a[0]][a[1]], index.terms[b[0]][b[1]]
    if _reversed(ta, tb) or _reversed(tb, ta) or stages_differ(ta, tb):
        return False
    cosine = float(index.vectors[a[0]][a[1]] @ index.vectors[b[0]][b[1]])
    if _topic_only(ta.words & tb.words, index) and cosine < settings.states_cosine_alone:
        return False  # alike in topic only: nothing shared besides what the whole story is about
    coverage = max(_coverage(ta, tb, index, names=False), _coverage(tb, ta, index, names=False))
    if (cosine >= settings.support_cosine and coverage >= settings.confirm_coverage) or (
        cosine >= settings.confirm_cosine and coverage >= settings.states_coverage
    ):
        return True
    if cosine < settings.states_cosine:
        return False
    if cosine >= settings.states_cosine_alone:
        return True
    # A cosine alone: ``a`` must stand out from its article's other sentences (see :func:`_stands_out`).
    others = index.vectors[a[0]] @ index.vectors[b[0]][b[1]]
    runner_up = max((float(c) for k, c in enumerate(others) if k != a[1]), default=None)
    # An article of one sentence has nothing to stand out from: no margin, so a cosine alone is not enough.
    return runner_up is not None and cosine - runner_up >= settings.states_margin


def _cosine_only(match: _Match, settings: FactSettings) -> bool:
    """The match is a statement by its cosine alone: it carries under ``states_coverage`` of the fact's content."""
    return match.content < settings.states_coverage or match.cosine < settings.confirm_cosine


def _stands_out(best: _Match, scored: Sequence[Sequence[_Match]], settings: FactSettings) -> bool:
    """A statement on cosine alone counts when the sentence stands out from the outlet's other sentences: its cosine
    to the fact is ``states_margin`` above the closest of them that does not overlap it, or it reaches
    ``states_cosine_alone``. Inside one story most sentences are alike in topic (0.7-0.8 on a company deal), and the
    closest of them is no evidence a reader can check."""
    if not _cosine_only(best, settings) or best.cosine >= settings.states_cosine_alone:
        return True
    runner_up = max(
        (
            max(m.cosine for m in per)
            for per in scored
            if per
            and (
                per[0].article != best.article
                or per[0].sentence + per[0].span <= best.sentence
                or per[0].sentence >= best.sentence + best.span
            )
        ),
        default=None,
    )
    # An outlet with no other sentence gives no margin to measure: a cosine alone under states_cosine_alone is not
    # evidence that the sentence says this rather than the story's topic (a one-line item "T-Mobile will be adding
    # the BlackBerry Curve 8900" is 0.7 to every sentence about the phone).
    return runner_up is not None and best.cosine - runner_up >= settings.states_margin


def _note(best: _Match | None, verdict: Verdict) -> str:
    if best is None:
        return ""
    if best.reversed:
        return "roles reversed"
    if best.stage_differs:
        return ANOTHER_STAGE
    if verdict is Verdict.UNCLEAR and best.topic_only:
        return TOPIC_WORDS
    if verdict is Verdict.UNCLEAR and best.partial:
        return PART
    return ""


def _confirmed(index: SentenceIndex, fact: Fact, settings: FactSettings) -> tuple[list[FactEvidence], set[str]]:
    """The fact's evidence that holds up against another outlet's evidence; the outlets whose evidence does not."""
    located = [(e, index.locate(e.article, e.paragraph, e.sentence)) for e in fact.evidence]
    refs = {id(e): (index.position[e.article], k) for e, k in located if k is not None}
    kept: list[FactEvidence] = []
    for evidence, k in located:
        if k is None:
            kept.append(evidence)
            continue
        mine = (index.position[evidence.article], k)
        partners = [refs[id(o)] for o, _ in located if o.outlet != evidence.outlet and id(o) in refs]
        if not partners or any(_holds(index, mine, p, settings) for p in partners):
            kept.append(evidence)
        else:
            continue
        differ = sum(numbers_differ(index.terms[p[0]][p[1]], index.terms[mine[0]][mine[1]]) for p in partners)
        if partners and 2 * differ > len(partners):
            kept.pop()  # most other outlets give another value for the same quantity: checked below
    dropped = {e.outlet for e in fact.evidence} - {e.outlet for e in kept}
    if len({e.outlet for e in kept}) < 2 and len({e.outlet for e in fact.evidence}) >= 2:
        # Nothing holds across outlets: keep the medoid's outlet as the one that states it.
        medoid = next((e for e in fact.evidence if e.sentence == fact.text), fact.evidence[0])
        kept = [e for e in fact.evidence if e.outlet == medoid.outlet]
        dropped = {e.outlet for e in fact.evidence} - {medoid.outlet}
    return kept, dropped


def verify_facts(
    facts: Sequence[Fact], index: SentenceIndex, outlets: Sequence[str], settings: FactSettings | None = None
) -> list[Fact]:
    """Each fact with a verdict for every outlet of the event that the alignment did not put in it."""
    settings = settings or FactSettings()
    out: list[Fact] = []
    for fact in facts:
        kept, dropped = _confirmed(index, fact, settings)
        evidence_refs = []
        for e in kept:
            k = index.locate(e.article, e.paragraph, e.sentence)
            if k is not None:
                evidence_refs.append((index.position[e.article], k))
        if not evidence_refs:
            out.append(fact)
            continue
        stated = {e.outlet for e in kept}
        checks: list[OutletCheck] = []
        added: list[FactEvidence] = []
        for outlet in outlets:
            if outlet in stated:
                continue
            check, found = _check_outlet(index, evidence_refs, outlet, settings)
            if outlet in dropped and check.verdict is Verdict.OMITS:
                check = replace(check, verdict=Verdict.UNCLEAR, confidence=0.5, note="weak alignment match")
            checks.append(check)
            if found is not None:
                added.append(found)
        evidence = tuple(sorted([*kept, *added], key=FactEvidence.order))
        present = tuple(sorted({e.outlet for e in evidence}, key=str.casefold))
        out.append(
            replace(
                fact,
                outlets=present,
                missing=tuple(c.outlet for c in checks if c.verdict is Verdict.OMITS),
                evidence=evidence,
                checks=tuple(checks),
            )
        )
    return split_partial(out, index, outlets, settings) if settings.split_parts else out


def _sentences_of(fact: Fact) -> set[tuple[str, str]]:
    return {(e.article, e.sentence) for e in fact.evidence}


def _contains(big: set[tuple[str, str]], article: str, sentence: str) -> bool:
    return any(a == article and sentence in text for a, text in big)


def absorb_facts(facts: Sequence[Fact], settings: FactSettings | None = None) -> list[Fact]:
    """One row per piece of content: a fact whose every evidence sentence verification found stating a wider
    fact (the same sentences, for every outlet it has) is that fact, split off by the alignment; it is dropped.
    Then rows whose searches land on each other's sentences are merged (:mod:`.merging`).

    Facts are visited widest first, so a row is only ever absorbed by one with at least as many outlets.
    """
    order = sorted(range(len(facts)), key=lambda k: (-len(facts[k].outlets), k))
    kept: list[int] = []
    for k in order:
        fact = facts[k]
        absorbed = False
        for j in kept:
            wider = _sentences_of(facts[j])
            if all(_contains(wider, e.article, e.sentence) for e in fact.evidence) and set(fact.outlets) <= set(
                facts[j].outlets
            ):
                absorbed = True
                break
        if not absorbed:
            kept.append(k)
    return merge_facts([facts[k] for k in sorted(kept)], settings)
