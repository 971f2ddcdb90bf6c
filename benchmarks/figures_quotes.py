"""Score figure groups and quotes against hand-written gold, per corpus.

    .venv/bin/python benchmarks/figures_quotes.py [--json FILE] [--corpus NAME ...] [--examples] [--set k=v]

Runs the figure and quote stages on the gold events of each development corpus (``datasets/<name>/`` with
``datasets/<name>.truth.json``) and of the demo (``kazakhstan-2022.ground_truth.json``), and prints: figure groups
right (grouping and conflict/update verdict), single figures kept apart, unrelated numbers grouped and falsely
flagged, conflict flags that are real, quote speakers right, scare quotes and titles taken for quotes, and quote
flags right. How each is judged: :mod:`coverage.evaluation.figures_quotes`. No model is loaded.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coverage import Settings  # noqa: E402
from coverage.evaluation.figures_quotes import METRICS, score_figures_quotes  # noqa: E402
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
    parser.add_argument("--examples", action="store_true", help="print the wrong judgements")
    parser.add_argument("--set", action="append", default=[], help="section.key=value, as on the command line")
    args = parser.parse_args()
    settings = Settings().set(args.set)
    names = args.corpus or [n for n in CORPORA if (DATASETS / n).is_dir()]
    out: dict[str, Any] = {}
    for name in names:
        truth = load_truth(truth_path(DATASETS, name))
        scores = score_figures_quotes(DATASETS / name, truth, settings)
        out[name] = scores.as_dict()
        print(f"{name}: {scores.summary()}")
        if args.examples:
            for key in METRICS:
                for example in scores.tallies[key].examples:
                    print(f"    wrong {key}: {example}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
