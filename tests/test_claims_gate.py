"""Quality gate on claims: shared facts, omissions and "only X states this" against the hand-written gold corpora.

The corpora are the project's own (``datasets/``, written before any output was seen; format in
``datasets/TRUTH_FORMAT.md``). ``claims_minimums.json`` stores per corpus the SHA-256 of its folder and gold file
and the minimum rate per claim type; a changed corpus fails the gate until the minimums are measured again
(``make bench`` prints the figures).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import coverage
from coverage import Settings
from coverage.evaluation.claims import load_truth, score_claims
from coverage.evaluation.gold import corpus_hash as gold_hash
from coverage.evaluation.gold import truth_path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
MINIMUMS = json.loads(Path(__file__).with_name("claims_minimums.json").read_text(encoding="utf-8"))
CORPORA = sorted(name for name in MINIMUMS if not name.startswith("_"))


def truth_file(name: str) -> Path:
    return truth_path(DATASETS, name)


def corpus_hash(name: str) -> str:
    return gold_hash(DATASETS, name)


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_claims_meet_stored_minimums(name: str) -> None:
    stored = MINIMUMS[name]
    assert corpus_hash(name) == stored["sha256"], (
        f"{name} or its gold file changed: re-measure with `make bench` and store the new hash and minimums"
    )
    settings = Settings()
    result = coverage.compare(DATASETS / name, settings)
    scores = score_claims(
        result,
        load_truth(truth_file(name)),
        majority=settings.facts.majority,
        exclusive_confidence=settings.facts.exclusive_confidence,
    )
    print(f"{name}: {scores.summary()}")
    for claim, minimum in stored.items():
        if claim == "sha256":
            continue
        tally = scores.tallies[claim]
        assert tally.rate is not None and tally.rate >= minimum, (
            f"{name}: {claim} {tally.rate} ({tally.right}/{tally.right + tally.wrong}) is below {minimum}; "
            f"wrong: {tally.examples[:3]}"
        )
