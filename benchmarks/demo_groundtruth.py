"""Score the analysis of the demo corpus against its hand-written ground truth.

    .venv/bin/python benchmarks/demo_groundtruth.py [--json FILE]

Prints recall (and precision where the gold list is exhaustive) of events, facts, omissions, paragraph links,
figure mentions, figure conflicts and quotes. The gold file is datasets/kazakhstan-2022.ground_truth.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import coverage  # noqa: E402
from coverage import Event, ParagraphRef  # noqa: E402

DEMO = ROOT / "datasets" / "kazakhstan-2022"
TRUTH = ROOT / "datasets" / "kazakhstan-2022.ground_truth.json"


def find(event: Event, outlet: str, anchor: str) -> ParagraphRef | None:
    for article in event.articles:
        if article.outlet == outlet:
            for index, paragraph in enumerate(article.paragraphs):
                if anchor in paragraph:
                    return ParagraphRef(article.id, index)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON")
    args = parser.parse_args()
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    result = coverage.compare(DEMO)
    paths = {a["path"] for a in truth["articles"] if a["event"] == "kazakhstan-unrest"}
    event = max(result.events, key=lambda e: len({a.path for a in e.articles} & paths))
    scores: dict[str, Any] = {}

    # Figures: a gold mention is found when the outlet's extracted figures hold its value (or the same phrase).
    extracted = [(m.outlet, m.figure) for g in event.figures for m in g.mentions]
    gold_mentions = {
        (m["outlet"], m["value"]) for g in truth["figures"] for m in g["mentions"] if m["value"] is not None
    }
    found = {(o, v) for o, v in gold_mentions if any(out == o and f.value == v for out, f in extracted)}
    kinds = {"killed", "injured", "arrested", "missing", "evacuated", "displaced"}
    of_interest = {(o, f.value) for o, f in extracted if str(f.kind) in kinds}
    scores["figure_mentions"] = {
        "recall": len(found) / len(gold_mentions),
        "precision_vs_gold_values": len(of_interest & gold_mentions) / max(1, len(of_interest)),
        "gold": len(gold_mentions),
        "found": len(found),
        "extracted_of_interest": len(of_interest),
    }
    # Figure conflicts: a gold pair in conflict is found when one reported group holds both values and is flagged.
    correct = 0
    for group in truth["figures"]:
        values = {(m["outlet"], m["value"]) for m in group["mentions"] if m["value"] is not None}
        holders = [g for g in event.figures if values <= {(m.outlet, m.figure.value) for m in g.mentions}]
        predicted = any(g.conflict for g in holders) if holders else False
        correct += predicted == group["conflict"] and bool(holders)
    scores["figure_conflicts"] = {"agree_with_gold": correct, "gold_groups": len(truth["figures"])}

    # Quotes: a gold quote of an outlet is found when an extracted quote variant of that outlet overlaps it.
    quote_total = quote_found = 0
    for quote in truth["quotes"]:
        for outlet, anchor in quote["carried_by"].items():
            if "paraphrased" in quote.get("flags", {}).get(outlet, []):
                continue  # indirect speech: not a direct quote to extract
            quote_total += 1
            core = anchor.strip('"“”«» .')
            quote_found += any(
                v.outlet == outlet and (core in v.text or v.text.strip(" .") in core)
                for g in event.quotes
                for v in g.variants
            )
    scores["quotes"] = {"recall": quote_found / max(1, quote_total), "gold": quote_total, "found": quote_found}

    # Paragraph links (gold list not exhaustive: recall only).
    linked = {(link.a, link.b) for link in event.links} | {(link.b, link.a) for link in event.links}
    gold_links = [
        (find(event, g["a"]["outlet"], g["a"]["anchor"]), find(event, g["b"]["outlet"], g["b"]["anchor"]))
        for g in truth["paragraph_links"]
    ]
    scores["paragraph_links"] = {"recall": sum(pair in linked for pair in gold_links) / len(gold_links)}
    print(json.dumps(scores, indent=2))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
