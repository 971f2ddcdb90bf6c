"""Quality gate on figures and quotes against the hand-written gold corpora.

The corpora are the project's own (``datasets/``, written before any output was seen; format in
``datasets/TRUTH_FORMAT.md``) and the demo's gold. ``figures_quotes_minimums.json`` stores per corpus the SHA-256 of
its folder and gold file, the minimum rate of each judgement (figure groups right, kept apart, conflict flags real,
speakers right, quote flags right) and the most wrong judgements allowed where the promise is none (unrelated numbers
grouped or flagged, scare quotes and titles taken for quotes). A changed corpus fails the gate until the minimums
are measured again (``benchmarks/figures_quotes.py`` prints them). No model is loaded: the stages run on the gold
events (:mod:`coverage.evaluation.figures_quotes`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coverage import Settings
from coverage.evaluation.figures_quotes import score_figures_quotes
from coverage.evaluation.gold import corpus_hash as gold_hash
from coverage.evaluation.gold import truth_path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
MINIMUMS = json.loads(Path(__file__).with_name("figures_quotes_minimums.json").read_text(encoding="utf-8"))
CORPORA = sorted(name for name in MINIMUMS if not name.startswith("_"))


def truth_file(name: str) -> Path:
    return truth_path(DATASETS, name)


def corpus_hash(name: str) -> str:
    return gold_hash(DATASETS, name)


@pytest.mark.parametrize("name", CORPORA)
def test_figures_and_quotes_meet_stored_minimums(name: str) -> None:
    stored = MINIMUMS[name]
    assert corpus_hash(name) == stored["sha256"], (
        f"{name} or its gold file changed: re-measure with benchmarks/figures_quotes.py and store the new minimums"
    )
    truth = json.loads(truth_file(name).read_text(encoding="utf-8"))
    scores = score_figures_quotes(DATASETS / name, truth, Settings())
    print(f"{name}: {scores.summary()}")
    for metric, minimum in stored.items():
        if metric in ("sha256", "max_wrong"):
            continue
        tally = scores.tallies[metric]
        assert tally.rate is not None and tally.rate >= minimum, (
            f"{name}: {metric} {tally.right}/{tally.total} under {minimum}: {tally.examples}"
        )
    for metric, most in stored["max_wrong"].items():
        tally = scores.tallies[metric]
        assert tally.wrong <= most, f"{name}: {tally.wrong} wrong {metric} (at most {most}): {tally.examples}"
