"""Score the claims of a comparison (shared facts, omissions, "only X states this") against hand-written gold.

A gold file (format: ``datasets/TRUTH_FORMAT.md``) lists, per event, every atomic fact with the exact words that
locate it in each outlet that states it (*anchors*) and the outlets that omit it. The demo's older gold file
(``carried_by`` for ``stated_by`` in its first 20 facts) reads the same way.

How a claim is judged. A tool fact *stands for* the gold facts whose anchor, for some outlet, lies in one of its
evidence sentences.

- *shared fact* (two or more outlets): right when one gold fact it stands for is stated, in the gold, by every
  outlet the tool lists (copies of a wire story aside);
- *omission* (the lists in the reports, ``Event.omissions``; *unsure_omission*: the folded, less sure ones,
  ``Event.unsure_omissions``): right when the outlet omits, in the gold, a gold fact
  the tool fact stands for; recall is over the gold omissions of facts that at least two and ``majority`` of the
  other outlets state;
- *exclusive* (``Event.exclusive_facts``): right when a gold fact it stands for is stated by that outlet alone;
- *one row*: a gold fact stated by two or more outlets is held by one row when one tool fact has every one of them.

Claims whose fact stands for no gold fact are counted as unjudged, never as right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from coverage.evaluation.gold import load_truth
from coverage.model import Comparison, Event, Fact, Verdict

__all__ = ["ClaimScores", "Tally", "load_truth", "miss_reasons", "score_claims"]

CLAIM_TYPES = (
    "shared",
    "omission",
    "omission_recall",
    "unsure_omission",
    "omission_recall_all",
    "exclusive",
    "one_row",
)

_GoldFact = Mapping[str, Any]


@dataclass
class Tally:
    """Right and wrong claims of one type, the unjudged ones, and a few wrong ones to read."""

    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, ok: bool | None, example: str) -> None:
        if ok is None:
            self.unjudged += 1
        elif ok:
            self.right += 1
        else:
            self.wrong += 1
            if len(self.examples) < 10:
                self.examples.append(example)

    @property
    def rate(self) -> float | None:
        """Right over judged (precision, or recall for ``omission_recall``); ``None`` when nothing was judged."""
        judged = self.right + self.wrong
        return self.right / judged if judged else None

    def as_dict(self) -> dict[str, Any]:
        rate = self.rate
        return {
            "right": self.right,
            "wrong": self.wrong,
            "unjudged": self.unjudged,
            "rate": None if rate is None else round(rate, 3),
            "wrong_examples": list(self.examples),
        }


@dataclass
class ClaimScores:
    """One tally per claim type, and the rows per gold fact."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in CLAIM_TYPES})
    rows: int = 0
    multi_outlet_facts: int = 0

    @property
    def rows_per_fact(self) -> float | None:
        return self.rows / self.multi_outlet_facts if self.multi_outlet_facts else None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {key: tally.as_dict() for key, tally in self.tallies.items()}
        rows = self.rows_per_fact
        out["rows_per_fact"] = None if rows is None else round(rows, 2)
        return out

    def summary(self) -> str:
        parts = []
        for key in CLAIM_TYPES:
            t = self.tallies[key]
            rate = "-" if t.rate is None else f"{t.rate:.2f}"
            parts.append(f"{key} {rate} ({t.right}/{t.right + t.wrong}, {t.unjudged} unjudged)")
        rows = self.rows_per_fact
        parts.append(f"rows/fact {'-' if rows is None else f'{rows:.2f}'}")
        return "  ".join(parts)


def _gold_facts(truth: Mapping[str, Any], event: str) -> list[dict[str, Any]]:
    outlets = {a["outlet"] for a in truth["articles"] if a["event"] == event and not a.get("syndicated_of")}
    facts = []
    for fact in truth.get("facts", []):
        if fact.get("event", event) != event:
            continue
        stated = fact.get("stated_by") or fact.get("carried_by") or {}
        if set(stated) <= outlets:
            facts.append({**fact, "stated_by": stated})
    return facts


def _events(truth: Mapping[str, Any]) -> list[str]:
    outlets: dict[str, set[str]] = {}
    for a in truth["articles"]:
        outlets.setdefault(a["event"], set()).add(a["outlet"])
    return sorted(e for e, names in outlets.items() if len(names) >= 2)


def match_event(result: Comparison, truth: Mapping[str, Any], gold_event: str) -> Event | None:
    """The event of ``result`` holding most of the gold event's articles (by path)."""
    paths = {a["path"] for a in truth["articles"] if a["event"] == gold_event}
    best = max(result.events, key=lambda e: len({a.path for a in e.articles} & paths), default=None)
    if best is None or not {a.path for a in best.articles} & paths:
        return None
    return best


def _overlaps(anchor: str, evidence: str) -> bool:
    """The anchor is in the evidence, or most of it is (an evidence clause may cut an anchor), or the evidence is
    most of the anchor."""
    if anchor in evidence:
        return True
    match = SequenceMatcher(None, anchor, evidence, autojunk=False).find_longest_match()
    return match.size >= 0.5 * len(anchor) or match.size >= 0.8 * len(evidence)


def stands_for(fact: Fact, gold: Sequence[_GoldFact]) -> list[_GoldFact]:
    """The gold facts whose anchor, for some outlet, lies in (or mostly in) one of ``fact``'s evidence texts."""
    out = []
    for g in gold:
        if any((anchor := g["stated_by"].get(e.outlet)) and _overlaps(anchor, e.sentence) for e in fact.evidence):
            out.append(g)
    return out


def _score_event(
    event: Event, gold: Sequence[_GoldFact], majority: float, exclusive_confidence: float, scores: ClaimScores
) -> None:
    tallies = scores.tallies
    known = {x for g in gold for x in (*g["stated_by"], *g.get("omitted_by", []))}
    outlets = [o for o in event.outlets if o in known]
    copies = {event.article(c.article).outlet for c in event.copies}
    for fact in event.facts:
        if len(fact.outlets) < 2:
            continue
        represented = stands_for(fact, gold)
        ok = any(set(fact.outlets) - copies <= set(g["stated_by"]) for g in represented) if represented else None
        tallies["shared"].add(ok, f"{fact.id}: {fact.text[:90]} [{', '.join(fact.outlets)}]")
    for outlet in outlets:
        for fact in event.exclusive_facts(outlet, exclusive_confidence):
            represented = stands_for(fact, gold)
            ok = any(set(g["stated_by"]) == {outlet} for g in represented) if represented else None
            tallies["exclusive"].add(ok, f"{fact.id}: {fact.text[:90]} [only {outlet}]")
    claimed: set[tuple[str, str]] = set()
    claimed_all: set[tuple[str, str]] = set()
    for kind, lists in (("omission", event.omissions), ("unsure_omission", event.unsure_omissions)):
        for outlet in outlets:
            for fact in (event.fact(i) for i in lists.get(outlet, ())):
                represented = stands_for(fact, gold)
                ok = any(outlet in g.get("omitted_by", []) for g in represented) if represented else None
                check = fact.check(outlet)
                closest = ""
                if check is not None and check.closest is not None:
                    closest = f" closest: {check.closest.sentence[:70]!r} ({check.cosine}, {check.coverage})"
                tallies[kind].add(ok, f"{outlet} omits {fact.id}: {fact.text[:70]}{closest}")
                pairs = {(g["id"], outlet) for g in represented}
                claimed_all |= pairs
                if kind == "omission":
                    claimed |= pairs
    for g in gold:
        stated = set(g["stated_by"]) - copies
        for outlet in g.get("omitted_by", []):
            if outlet in copies or outlet not in outlets:
                continue
            others = len([o for o in outlets if o != outlet and o not in copies])
            if len(stated) >= 2 and len(stated) >= majority * others:
                tallies["omission_recall"].add((g["id"], outlet) in claimed, f"{outlet} omits {g['id']}")
                tallies["omission_recall_all"].add((g["id"], outlet) in claimed_all, f"{outlet} omits {g['id']}")
    for g in gold:
        if len(g["stated_by"]) < 2:
            continue
        rows = [f for f in event.facts if stands_for(f, [g])]
        tallies["one_row"].add(any(set(g["stated_by"]) <= set(f.outlets) for f in rows), f"{g['id']}: {len(rows)} rows")
        scores.rows += len(rows)
        scores.multi_outlet_facts += 1


def score_claims(
    result: Comparison, truth: Mapping[str, Any], *, majority: float = 0.5, exclusive_confidence: float = 0.6
) -> ClaimScores:
    """Score every claim of ``result`` on the events that ``truth`` describes (see the module docstring)."""
    scores = ClaimScores()
    for gold_event in _events(truth):
        event = match_event(result, truth, gold_event)
        gold = _gold_facts(truth, gold_event)
        if event is not None and gold:
            _score_event(event, gold, majority, exclusive_confidence, scores)
    return scores


MISS_REASONS = ("no row", "states a row", "unclear", "different", "folded", "few carriers", "not checked")
"""Why a gold omission is not listed (:func:`miss_reasons`), in the order they are tried on the widest row."""


def _miss_reason(event: Event, rows: Sequence[Fact], outlet: str, majority: float, min_confidence: float) -> str:
    if not rows:
        return "no row"
    if any(outlet in f.outlets for f in rows):
        return "states a row"
    widest = max(rows, key=lambda f: (len(event.independent_outlets(f)), f.id))
    check = widest.check(outlet)
    if check is None:
        return "not checked"
    others = len([o for o in event.outlets if o != outlet])
    carriers = len(event.independent_outlets(widest))
    if check.verdict is not Verdict.OMITS:
        return "unclear" if check.verdict is Verdict.UNCLEAR else "different"
    if carriers < 2 or carriers < majority * others:
        return "few carriers"
    return "folded" if check.confidence < min_confidence else "listed"


def miss_reasons(
    result: Comparison, truth: Mapping[str, Any], *, majority: float = 0.5, min_confidence: float = 0.6
) -> list[tuple[str, str, str, str]]:
    """(reason, gold fact id, outlet, detail) for each gold omission counted in ``omission_recall`` that the
    reports do not list; reasons: :data:`MISS_REASONS`, judged on the widest row that stands for the gold fact."""
    out = []
    for gold_event in _events(truth):
        event = match_event(result, truth, gold_event)
        gold = _gold_facts(truth, gold_event)
        if event is None or not gold:
            continue
        known = {x for g in gold for x in (*g["stated_by"], *g.get("omitted_by", []))}
        outlets = [o for o in event.outlets if o in known]
        copies = {event.article(c.article).outlet for c in event.copies}
        for g in gold:
            stated = set(g["stated_by"]) - copies
            rows = [f for f in event.facts if stands_for(f, [g])]
            for outlet in g.get("omitted_by", []):
                if outlet in copies or outlet not in outlets:
                    continue
                others = len([o for o in outlets if o != outlet and o not in copies])
                if not (len(stated) >= 2 and len(stated) >= majority * others):
                    continue
                if any(f.id in event.omissions.get(outlet, ()) for f in rows):
                    continue
                reason = _miss_reason(event, rows, outlet, majority, min_confidence)
                detail = "; ".join(f"{f.id} [{', '.join(f.outlets)}] {_check_text(f, outlet)}" for f in rows[:3])
                out.append((reason, g["id"], outlet, detail))
    return out


def _check_text(fact: Fact, outlet: str) -> str:
    check = fact.check(outlet)
    if check is None:
        return "states" if outlet in fact.outlets else "-"
    closest = check.closest.sentence[:60] if check.closest is not None else ""
    return f"{check.verdict.value} {check.confidence} cos {check.cosine} cov {check.coverage} {closest!r}"
