"""One row per piece of content: rows of the alignment that verification shows to be one fact are merged.

The alignment links sentences one to one, so one fact told in several wordings can come out as several rows, each
with some of the outlets. Verification searched every row's other outlets; where each row's search of each outlet
of the other row lands on that outlet's own sentence in the other row, close (*unclear*: close, not close enough
alone; with a cosine of at least ``confirm_cosine`` or ``states_coverage`` of the content, or stating part of the
fact: its quote, its numbers), the two
rows point at each other and are one fact told two ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from coverage.model import Fact, FactEvidence, OutletCheck, Verdict
from coverage.settings import FactSettings

__all__ = ["ANOTHER_STAGE", "PART", "TOPIC_WORDS", "merge_facts"]

PART = "states part of it"
"""The note of an *unclear* verdict whose closest sentence gives the fact's quote or its distinctive numbers."""

ANOTHER_STAGE = "another stage of the story"
"""The note on an outlet whose closest sentence tells another stage of the story ("charged" where the fact says
"convicted"): not the same fact, and no omission claimed either."""

TOPIC_WORDS = "shares only the story's topic words"
"""The note on an outlet whose closest sentence would state the fact by cosine and coverage, but shares with it no
word besides the story's topic words (:data:`~coverage.analysis.verification.index.TOPIC_SHARE`): no claim either
way."""

_NOT_THE_SAME = frozenset({"roles reversed", ANOTHER_STAGE, TOPIC_WORDS})
"""Notes of verdicts that say the closest sentence is another fact: rows never merge on them."""

_LEAST_OMISSION = (Verdict.STATES, Verdict.DIFFERENT, Verdict.UNCLEAR, Verdict.OMITS)


def _sentences(fact: Fact) -> set[tuple[str, str]]:
    return {(e.article, e.sentence) for e in fact.evidence}


def _finds(fact: Fact, outlet: str, sentences: set[tuple[str, str]], settings: FactSettings) -> bool:
    """``fact``'s search of ``outlet`` landed on one of ``sentences``, close (see the module docstring)."""
    check = fact.check(outlet)
    if check is None or check.closest is None or check.verdict is not Verdict.UNCLEAR or check.note in _NOT_THE_SAME:
        return False
    close = check.cosine >= settings.confirm_cosine or check.coverage >= settings.states_coverage
    if not close and check.note != PART:
        return False
    closest = check.closest
    return any(a == closest.article and (closest.sentence in s or s in closest.sentence) for a, s in sentences)


def _point_at_each_other(a: Fact, b: Fact, settings: FactSettings) -> bool:
    if set(a.outlets) & set(b.outlets):
        return False
    return all(_finds(a, o, _sentences(b), settings) for o in b.outlets) and all(
        _finds(b, o, _sentences(a), settings) for o in a.outlets
    )


def _combined(first: OutletCheck, second: OutletCheck) -> OutletCheck:
    """Two rows' verdicts on one outlet as one: the one that claims least (an omission only when both say so, at
    the lower sureness)."""
    if first.verdict is second.verdict is Verdict.OMITS:
        return first if first.confidence <= second.confidence else second
    return min((first, second), key=lambda c: _LEAST_OMISSION.index(c.verdict))


def _merge(wide: Fact, other: Fact) -> Fact:
    outlets = tuple(sorted({*wide.outlets, *other.outlets}, key=str.casefold))
    evidence = tuple(sorted({*wide.evidence, *other.evidence}, key=FactEvidence.order))
    checks = []
    for check in wide.checks:
        if check.outlet in outlets:
            continue
        theirs = other.check(check.outlet)
        checks.append(_combined(check, theirs) if theirs is not None else check)
    return replace(
        wide,
        outlets=outlets,
        missing=tuple(c.outlet for c in checks if c.verdict is Verdict.OMITS),
        evidence=evidence,
        checks=tuple(checks),
    )


def merge_facts(facts: Sequence[Fact], settings: FactSettings | None = None) -> list[Fact]:
    """Rows that point at each other (see the module docstring) merged, widest first, into the wider one."""
    settings = settings or FactSettings()
    rows = sorted(facts, key=lambda f: -len(f.outlets))
    merged = True
    while merged:
        merged = False
        for i in range(len(rows)):
            for j in range(i + 1, len(rows)):
                if _point_at_each_other(rows[i], rows[j], settings):
                    rows[i] = _merge(rows[i], rows[j])
                    del rows[j]
                    merged = True
                    break
            if merged:
                break
    return rows
