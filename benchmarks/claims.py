"""Score the claims of the report (shared facts, omissions, "only X states this") against hand-written gold.

    .venv/bin/python benchmarks/claims.py [--json FILE] [--corpus NAME ...]

Each development corpus is ``datasets/<name>/`` with its gold file ``datasets/<name>.truth.json``
(format: ``datasets/TRUTH_FORMAT.md``); the demo's gold (``kazakhstan-2022.ground_truth.json``) is read the same
way (``carried_by`` is ``stated_by``), though its fact list is not exhaustive, so fewer of its claims can be judged.

How a claim is judged. A gold fact is located by its anchors (exact words inside one sentence of each outlet that
states it). A tool fact stands for the gold facts whose anchor, for some outlet, lies in one of its evidence
sentences.
- *shared fact* (two or more outlets): right when one gold fact is stated, in the gold, by every outlet the tool
  lists, at the sentence the tool shows;
- *omission* ("O omits F", the lists in the reports: facts at least two and half of the other outlets state): right
  when O omits, in the gold, a gold fact that F stands for; recall over the gold omissions of facts that at least
  two and half of the other outlets state;
- *exclusive* ("only O states F"): right when a gold fact F stands for is stated by O alone.
Claims whose fact stands for no gold fact are counted as unjudged (printed), never as right.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import coverage  # noqa: E402
from coverage import Event, Settings  # noqa: E402

DATASETS = ROOT / "datasets"
CORPORA = ("kazakhstan-2022", "rates-and-verdicts", "harbour-unrest", "election-and-blast")


def truth_path(name: str) -> Path:
    for candidate in (DATASETS / f"{name}.truth.json", DATASETS / f"{name}.ground_truth.json"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(name)


@dataclass
class Tally:
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
            if len(self.examples) < 8:
                self.examples.append(example)

    @property
    def precision(self) -> float | None:
        judged = self.right + self.wrong
        return self.right / judged if judged else None


def _gold_event_facts(truth: dict[str, Any], event: str) -> list[dict[str, Any]]:
    facts = []
    outlets = {a["outlet"] for a in truth["articles"] if a["event"] == event and not a.get("syndicated_of")}
    for fact in truth.get("facts", []):
        if fact.get("event", event) != event:
            continue
        stated = fact.get("stated_by") or fact.get("carried_by") or {}
        if not set(stated) <= outlets:
            continue
        facts.append({**fact, "stated_by": stated})
    return facts


def _events_of(truth: dict[str, Any]) -> list[str]:
    counts: dict[str, set[str]] = {}
    for a in truth["articles"]:
        counts.setdefault(a["event"], set()).add(a["outlet"])
    return sorted(e for e, outlets in counts.items() if len(outlets) >= 2)


def _match_event(result: coverage.Comparison, truth: dict[str, Any], gold_event: str) -> Event | None:
    paths = {a["path"] for a in truth["articles"] if a["event"] == gold_event}
    best = max(result.events, key=lambda e: len({a.path for a in e.articles} & paths), default=None)
    if best is None or not {a.path for a in best.articles} & paths:
        return None
    return best


def _stands_for(fact: coverage.Fact, gold: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for g in gold:
        for e in fact.evidence:
            anchor = g["stated_by"].get(e.outlet)
            if anchor and anchor in e.sentence:
                out.append(g)
                break
    return out


def score_event(event: Event, gold: list[dict[str, Any]], majority: float, tallies: dict[str, Tally]) -> None:
    outlets = [o for o in event.outlets if o in {x for g in gold for x in (*g["stated_by"], *g.get("omitted_by", []))}]
    copies = {event.article(c.article).outlet for c in event.copies}
    for fact in event.facts:
        represented = _stands_for(fact, gold)
        label = f"{fact.id}: {fact.text[:90]}"
        if len(fact.outlets) >= 2:
            ok = None
            if represented:
                ok = any(set(fact.outlets) - copies <= set(g["stated_by"]) for g in represented)
            tallies["shared"].add(ok, f"{label} [{', '.join(fact.outlets)}]")
        elif len(fact.outlets) == 1 and not fact.unclear and not fact.different:
            (only,) = fact.outlets
            ok = None
            if represented:
                ok = any(set(g["stated_by"]) == {only} for g in represented)
            tallies["exclusive"].add(ok, f"{label} [only {only}]")
    claimed: set[tuple[str, str]] = set()
    for outlet in outlets:
        for fact in event.omitted_facts(outlet, majority):
            represented = _stands_for(fact, gold)
            ok = any(outlet in g.get("omitted_by", []) for g in represented) if represented else None
            check = fact.check(outlet)
            closest = f" closest: {check.closest.sentence[:70]!r} ({check.cosine}, {check.coverage})" if check and check.closest else ""
            tallies["omission"].add(ok, f"{outlet} omits {fact.id}: {fact.text[:70]}{closest}")
            for g in represented:
                claimed.add((g["id"], outlet))
    # Recall over gold omissions of facts that at least two and half of the other outlets state.
    for g in gold:
        stated = set(g["stated_by"]) - copies
        for outlet in g.get("omitted_by", []):
            if outlet in copies or outlet not in outlets:
                continue
            others = len([o for o in outlets if o != outlet and o not in copies])
            if len(stated) >= 2 and len(stated) >= majority * others:
                tallies["omission_recall"].add((g["id"], outlet) in claimed, f"{outlet} omits {g['id']}")
    # Rows per fact: gold facts stated by two or more outlets, how many tool facts hold their anchors.
    for g in gold:
        if len(g["stated_by"]) < 2:
            continue
        rows = [f for f in event.facts if g in _stands_for(f, [g])]
        whole = any(set(g["stated_by"]) <= set(f.outlets) for f in rows)
        tallies["one_row"].add(whole, f"{g['id']}: {len(rows)} rows")
        tallies["rows"].right += len(rows)
        tallies["rows"].unjudged += 1


def score_corpus(name: str, settings: Settings) -> dict[str, Any]:
    truth = json.loads(truth_path(name).read_text(encoding="utf-8"))
    result = coverage.compare(DATASETS / name, settings)
    tallies = {k: Tally() for k in ("shared", "omission", "omission_recall", "exclusive", "one_row", "rows")}
    for gold_event in _events_of(truth):
        event = _match_event(result, truth, gold_event)
        gold = _gold_event_facts(truth, gold_event)
        if event is None or not gold:
            continue
        score_event(event, gold, settings.facts.majority, tallies)
    out: dict[str, Any] = {}
    for key, tally in tallies.items():
        if key == "rows":
            out["rows_per_fact"] = round(tally.right / tally.unjudged, 2) if tally.unjudged else None
            continue
        out[key] = {
            "right": tally.right,
            "wrong": tally.wrong,
            "unjudged": tally.unjudged,
            "rate": None if tally.precision is None else round(tally.precision, 3),
            "wrong_examples": tally.examples,
        }
    return out


def summary(scores: dict[str, Any]) -> Iterable[str]:
    for name, s in scores.items():
        parts = [f"{name}:"]
        for key in ("shared", "omission", "omission_recall", "exclusive", "one_row"):
            t = s[key]
            rate = "-" if t["rate"] is None else f"{t['rate']:.2f}"
            parts.append(f"{key} {rate} ({t['right']}/{t['right'] + t['wrong']}, {t['unjudged']} unjudged)")
        parts.append(f"rows/fact {s['rows_per_fact']}")
        yield "  ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON")
    parser.add_argument("--corpus", action="append", help="only these corpora (default: all with a gold file)")
    parser.add_argument("--examples", action="store_true", help="print wrong claims")
    parser.add_argument("--set", action="append", default=[], help="section.key=value, as on the command line")
    args = parser.parse_args()
    settings = Settings().set(args.set)
    names = args.corpus or [n for n in CORPORA if (DATASETS / n).is_dir()]
    scores = {name: score_corpus(name, settings) for name in names}
    for line in summary(scores):
        print(line)
    if args.examples:
        for name, s in scores.items():
            for key in ("shared", "omission", "exclusive"):
                for example in s[key]["wrong_examples"]:
                    print(f"  {name} wrong {key}: {example}")
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
