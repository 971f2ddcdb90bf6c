"""Score the claims of the report (shared facts, omissions, "only X states this") against hand-written gold.

    .venv/bin/python benchmarks/claims.py [--json FILE] [--corpus NAME ...] [--examples] [--set section.key=value]

Each development corpus is ``datasets/<name>/`` with its gold file ``datasets/<name>.truth.json`` (format:
``datasets/TRUTH_FORMAT.md``); the demo's gold (``kazakhstan-2022.ground_truth.json``) is read the same way. How a
claim is judged: :mod:`coverage.evaluation.claims`. ``--set facts.verify=false`` scores the claims made without
verification (the alignment's facts as they come).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import coverage  # noqa: E402
from coverage import Settings  # noqa: E402
from coverage.evaluation.claims import CLAIM_TYPES, miss_reasons, score_claims  # noqa: E402
from coverage.evaluation.gold import (  # noqa: E402
    CORPORA,
    load_truth,
    truth_path,
)

DATASETS = ROOT / "datasets"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="also write the scores as JSON")
    parser.add_argument("--corpus", action="append", help="only these corpora (default: all with a gold file)")
    parser.add_argument("--examples", action="store_true", help="print the wrong claims")
    parser.add_argument("--misses", action="store_true", help="why each gold omission is not listed, by reason")
    parser.add_argument("--set", action="append", default=[], help="section.key=value, as on the command line")
    args = parser.parse_args()
    settings = Settings().set(args.set)
    names = args.corpus or [n for n in CORPORA if (DATASETS / n).is_dir()]
    out: dict[str, Any] = {}
    for name in names:
        result = coverage.compare(DATASETS / name, settings)
        truth = load_truth(truth_path(DATASETS, name))
        scores = score_claims(
            result,
            truth,
            majority=settings.facts.majority,
            exclusive_confidence=settings.facts.exclusive_confidence,
        )
        out[name] = scores.as_dict()
        print(f"{name}: {scores.summary()}")
        if args.examples:
            for key in CLAIM_TYPES:
                for example in scores.tallies[key].examples:
                    print(f"    wrong {key}: {example}")
        if args.misses:
            _print_misses(result, truth, settings)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


def _print_misses(result: coverage.Comparison, truth: dict[str, Any], settings: Settings) -> None:
    misses = miss_reasons(result, truth, majority=settings.facts.majority, min_confidence=settings.facts.min_confidence)
    counts = Counter(reason for reason, *_ in misses)
    print("    misses: " + ", ".join(f"{reason} {n}" for reason, n in counts.most_common()))
    for reason, gold_id, outlet, detail in sorted(misses):
        print(f"      {reason}: {outlet} omits {gold_id}: {detail}")


if __name__ == "__main__":
    raise SystemExit(main())
