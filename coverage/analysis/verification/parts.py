"""Rows that some outlet states only part of, split into their clauses and each clause verified again.

A fact is a sentence, so a sentence that carries two facts ("declared a state of emergency, imposed a curfew and
shut down the internet") makes one row, and an outlet that states one of them ("declared a state of emergency") is
put in that row whole: it looks as if it stated the curfew too, and its omission of the curfew is never said.
Where verification shows an outlet stating only *part* of a row's sentence (its own sentence in the row carries
some clauses of that sentence well and others not at all), the row is split into one row per clause
(:func:`coverage.text.cleaning.split_clauses`) and every outlet is judged again on each clause.

What a clause is compared on: its terms (stems, names and numbers, weighted by rarity in the event, as in
:mod:`.verdicts`), and, for the cosine, each candidate sentence's similarity to the whole sentence the clause comes
from (clauses have no vectors of their own). Precision first, so a row is split only when it can be split cleanly:

- every outlet in the row carries each clause (``omit_coverage`` of its words or more: too much to call it omitted)
  or clearly not (under half that), carries one clause at least, and one outlet carries some and not others;
- an outlet that omits the whole row (searched for every wording of it, with cosines) still omits, or states, each
  clause: under ``states_coverage`` of the clause's words in every sentence, and no sentence with a figure of the
  clause's kind that the clause's cannot be; it keeps its sureness. Otherwise the row stays whole.

Another outlet states a clause when one of its sentences carries ``states_coverage`` of what the clause says
besides its names at a cosine of ``confirm_cosine`` to the whole sentence; it omits it when none carries half of
``omit_coverage`` (a clause has no cosine of its own, so its words must be clearly absent), as sure as
:mod:`.verdicts` would be of its closest sentence, the cosine taken over its sentences outside the row; a sentence
that gives another figure of the clause's kind makes it *unclear*.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from coverage.analysis.facts import position_of
from coverage.analysis.verification.terms import Terms, numbers_differ, terms
from coverage.model import Fact, FactEvidence, OutletCheck, Verdict
from coverage.settings import FactSettings
from coverage.text.cleaning import split_clauses

if TYPE_CHECKING:
    from coverage.analysis.verification.index import SentenceIndex

__all__ = ["split_partial"]

_TOPIC_ONLY = 0.5
"""As in :mod:`.verdicts`: an omission whose closest sentence is alike in topic (a mid cosine), the least sure."""


_ANOTHER_FIGURE = "gives another figure"
"""The note of a clause's *unclear* verdict where a sentence of the outlet gives a figure of the same kind that the
clause's cannot be: maybe the same quantity, stated otherwise."""


@dataclass(frozen=True)
class _Long:
    """The row's sentence with most clauses: where it is, its vector, its clauses and their terms."""

    evidence: FactEvidence
    vector: np.ndarray
    clauses: list[str]
    terms: list[Terms]


def _content_coverage(index: SentenceIndex, clause: Terms, have: frozenset[str], *, content: bool = False) -> float:
    """IDF-weighted share of the clause's words (stems, names, numbers) that ``have`` carries, or of what it says
    besides its names, whichever is more (as an omission is judged in :mod:`.verdicts`); with ``content``, of what
    it says besides its names (as a statement is judged there)."""
    if content:
        return index.share(clause.content, have)
    return max(index.share(clause.words, have), index.share(clause.content, have))


def _long_sentence(fact: Fact, index: SentenceIndex) -> _Long | None:
    """The evidence sentence of ``fact`` with most clauses (two or more), located among the event's sentences."""
    best: _Long | None = None
    for e in fact.evidence:
        clauses = split_clauses(e.sentence)
        if len(clauses) < 2 or (best is not None and len(clauses) <= len(best.clauses)):
            continue
        k = index.locate(e.article, e.paragraph, e.sentence)
        if k is None:
            continue
        vector = index.vectors[index.position[e.article]][k]
        best = _Long(e, vector, clauses, [terms(c) for c in clauses])
    return best


def _row_coverage(fact: Fact, long: _Long, index: SentenceIndex) -> dict[str, list[float]]:
    """Outlet (other than the long sentence's) -> the share of each clause that its sentences in the row carry."""
    out: dict[str, list[float]] = {}
    for outlet in fact.outlets:
        if outlet == long.evidence.outlet:
            continue
        have = frozenset().union(*(terms(e.sentence).words for e in fact.evidence if e.outlet == outlet))
        out[outlet] = [_content_coverage(index, t, have) for t in long.terms]
    return out


def _clean(shares: dict[str, list[float]], settings: FactSettings) -> bool:
    """The outlets of the row carry its clauses cleanly, and one states only part (see the module docstring)."""
    if not shares:
        return False
    carried, absent = settings.omit_coverage, settings.omit_coverage / 2
    for values in shares.values():
        if any(absent <= v < carried for v in values) or max(values) < carried:
            return False
    return any(min(v) < absent for v in shares.values())


def _search(
    index: SentenceIndex,
    clause: Terms,
    long: _Long,
    outlet: str,
    skip: set[tuple[str, str]],
    settings: FactSettings,
    *,
    omitted: bool = False,
) -> tuple[OutletCheck, FactEvidence | None]:
    """The verdict on ``outlet`` for one clause, from its sentences' terms (see the module docstring). ``omitted``:
    the outlet omits the whole sentence, so under ``omit_coverage`` of the clause is absent; otherwise under half
    that."""
    best: tuple[float, float, int, int] | None = None  # coverage, cosine, article, sentence
    top_cosine = -1.0
    differs: tuple[float, float, int, int] | None = None
    stated: tuple[float, float, int, int] | None = None
    for i, article in enumerate(index.articles):
        if article.outlet != outlet:
            continue
        for k, sentence_terms in enumerate(index.terms[i]):
            cosine = float(index.vectors[i][k] @ long.vector)
            share = _content_coverage(index, clause, sentence_terms.words)
            if (article.id, index.sentences[i][k]) not in skip:
                top_cosine = max(top_cosine, cosine)
            if best is None or (share, cosine) > best[:2]:
                best = (share, cosine, i, k)
            near = _content_coverage(index, clause, sentence_terms.words, content=True) >= settings.omit_coverage / 2
            if differs is None and near and numbers_differ(clause, sentence_terms):
                differs = (share, cosine, i, k)
            said = _content_coverage(index, clause, sentence_terms.words, content=True)
            if said >= settings.states_coverage and cosine >= settings.confirm_cosine:
                stated = max(stated or (said, cosine, i, k), (said, cosine, i, k))
    if best is None:
        return OutletCheck(outlet, Verdict.OMITS, 1.0, 0.0, 0.0, None), None
    absent = best[0] < settings.omit_coverage * (1.0 if omitted else 0.5)
    if absent and differs is not None:
        best = differs
    share, cosine, i, k = stated or best
    article = index.articles[i]
    paragraph = index.parents[i][k]
    sentence = index.sentences[i][k]
    closest = FactEvidence(
        outlet, article.id, paragraph, sentence, position_of(article, paragraph, sentence, settings), verified=True
    )
    check = OutletCheck(outlet, Verdict.UNCLEAR, 0.5, round(cosine, 3), round(share, 3), closest)
    if stated is not None:
        return replace(check, verdict=Verdict.STATES, confidence=round(min(1.0, share), 3)), closest
    if differs is not None:
        return replace(check, note=_ANOTHER_FIGURE), None  # maybe the same quantity: no claim
    if absent:
        if top_cosine < settings.omit_cosine:
            margin = min(1 - max(top_cosine, 0.0) / settings.omit_cosine, 1 - share / settings.omit_coverage)
            return replace(check, verdict=Verdict.OMITS, confidence=round(0.5 + 0.5 * margin, 3)), None
        return replace(check, verdict=Verdict.OMITS, confidence=_TOPIC_ONLY), None
    return check, None


def _split(
    fact: Fact,
    long: _Long,
    shares: dict[str, list[float]],
    index: SentenceIndex,
    outlets: Sequence[str],
    settings: FactSettings,
) -> list[Fact] | None:
    """One verified row per clause of the row's long sentence; ``None`` when an outlet that omits the whole row
    is not clearly omitting (or stating) each clause."""
    rows = []
    skip = {(e.article, e.sentence) for e in fact.evidence}
    for j, (clause, clause_terms) in enumerate(zip(long.clauses, long.terms, strict=True)):
        evidence = [replace(long.evidence, sentence=clause)]
        evidence += [e for e in fact.evidence if e.outlet == long.evidence.outlet and e is not long.evidence]
        stating = {o for o, values in shares.items() if values[j] >= settings.omit_coverage}
        evidence += [e for e in fact.evidence if e.outlet in stating]
        checks = []
        for outlet in outlets:
            if outlet == long.evidence.outlet or outlet in stating:
                continue
            before = fact.check(outlet)
            omitted = before is not None and before.verdict is Verdict.OMITS
            check, found = _search(index, clause_terms, long, outlet, skip, settings, omitted=omitted)
            carried = check.coverage >= settings.states_coverage or check.note == _ANOTHER_FIGURE
            if omitted and before is not None and found is None and not carried:
                # Searched for the whole sentence, against every wording of it, with cosines: nothing close. A
                # clause it carried would show as half the clause's words in one sentence.
                check = replace(check, verdict=Verdict.OMITS, confidence=before.confidence, note="")
            if omitted and found is None and check.verdict is not Verdict.OMITS:
                return None  # the whole sentence is omitted, a clause of it not clearly so: no clean split
            if found is not None:
                evidence.append(found)
                continue
            checks.append(check)
        present = tuple(sorted({e.outlet for e in evidence}, key=str.casefold))
        rows.append(
            replace(
                fact,
                id=f"{fact.id}.{j + 1}",
                text=clause,
                outlets=present,
                missing=tuple(c.outlet for c in checks if c.verdict is Verdict.OMITS),
                evidence=tuple(sorted(evidence, key=FactEvidence.order)),
                checks=tuple(checks),
            )
        )
    return rows


def split_partial(
    facts: Sequence[Fact], index: SentenceIndex, outlets: Sequence[str], settings: FactSettings | None = None
) -> list[Fact]:
    """``facts`` with each row that an outlet states only part of split into verified clause rows (see the module
    docstring); rows without such an outlet, or that cannot be split cleanly, unchanged."""
    settings = settings or FactSettings()
    out: list[Fact] = []
    for fact in facts:
        long = _long_sentence(fact, index) if len(fact.outlets) >= 2 else None
        shares = _row_coverage(fact, long, index) if long is not None else None
        if long is None or shares is None or not _clean(shares, settings):
            out.append(fact)
            continue
        rows = _split(fact, long, shares, index, outlets, settings)
        out.extend(rows if rows is not None else [fact])
    return out
