"""Quality gate on framing: the words the framing analysis flags (loaded terms, label groups, distinctive terms)
against the gold label groups of the project's corpora, beside a plain frequency-ratio baseline cut to the same
length per outlet (:mod:`coverage.analysis.framing.baseline`).

``framing_minimums.json`` stores per corpus the SHA-256 of its folder and gold file, the minimum precision and
recall of the flagged words, and whether the analysis must beat the baseline there; under ``_newswcl50`` the same
for NewsWCL50's concept chains (``benchmarks/framing_newswcl50.py``; skipped, with a message, where
``../shared/datasets/newswcl50`` is absent).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import coverage
from coverage import Settings
from coverage.analysis.framing.baseline import WordScores, gold_words, score_event
from coverage.evaluation.gold import corpus_hash as gold_hash
from coverage.evaluation.gold import truth_path

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
MINIMUMS = json.loads(Path(__file__).with_name("framing_minimums.json").read_text(encoding="utf-8"))
CORPORA = sorted(name for name in MINIMUMS if not name.startswith("_"))


def truth_file(name: str) -> Path:
    return truth_path(DATASETS, name)


def corpus_hash(name: str) -> str:
    return gold_hash(DATASETS, name)


def framing_scores(name: str) -> tuple[WordScores, WordScores]:
    """The analysis and the baseline over the events of corpus ``name`` that gold gives label groups for."""
    truth = json.loads(truth_file(name).read_text(encoding="utf-8"))
    result = coverage.compare(DATASETS / name, Settings())
    ours = base = WordScores(0, 0, 0, 0)
    event_of = {a["path"]: a["event"] for a in truth.get("articles", [])}
    for event in result.events:
        if event.framing is None:
            continue
        if "label_groups" in truth:
            events = {event_of.get(a.path) for a in event.articles}
            groups = [g["labels"] for g in truth["label_groups"] if g["event"] in events]
        else:  # the demo's gold: one "framing" list for its main event
            groups = [g["by_outlet"] for g in truth.get("framing", [])] if event.id == "E1" else []
        if not groups:
            continue
        texts: dict[str, str] = {}
        for article in event.articles:
            texts[article.outlet] = texts.get(article.outlet, "") + "\n" + article.text
        gold = {o: words for o, words in gold_words(groups).items() if o in texts}
        o, b = score_event(event.framing, texts, gold)
        ours, base = ours + o, base + b
    return ours, base


@pytest.mark.slow
@pytest.mark.parametrize("name", CORPORA)
def test_framing_meets_stored_minimums(name: str) -> None:
    stored = MINIMUMS[name]
    assert corpus_hash(name) == stored["sha256"], (
        f"{name} or its gold file changed: re-measure (this test prints the figures) and store the new minimums"
    )
    ours, base = framing_scores(name)
    print(
        f"{name}: flagged words precision {ours.precision:.3f} ({ours.hits}/{ours.flagged}), recall "
        f"{ours.recall:.3f}; frequency-ratio baseline {base.precision:.3f} ({base.hits}/{base.flagged}), recall "
        f"{base.recall:.3f}"
    )
    assert ours.precision >= stored["precision"]
    assert ours.recall >= stored["recall"]
    if stored["beats_baseline"]:
        assert ours.hits > base.hits and ours.found > base.found


NEWSWCL50 = ROOT.parent / "shared" / "datasets" / "newswcl50"


@pytest.mark.slow
def test_framing_beats_baseline_on_newswcl50_chains() -> None:
    if not (NEWSWCL50 / "documents.jsonl").exists():
        pytest.skip(f"NewsWCL50 not found at {NEWSWCL50} (see ../shared/datasets/README.md)")
    stored = MINIMUMS["_newswcl50"]
    spec = importlib.util.spec_from_file_location("framing_newswcl50", ROOT / "benchmarks" / "framing_newswcl50.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.DATA = NEWSWCL50
    from coverage.analysis.embedding import make_embedder

    scores = bench.framing_vs_baseline(make_embedder(Settings().embedding))
    for kind, (ours, base) in scores.items():
        print(f"NewsWCL50 {kind}: flagged {ours.hits}/{ours.flagged}, baseline {base.hits}/{base.flagged}")
    ours, base = scores["chains"]
    assert ours.precision >= stored["chains_precision"]
    assert ours.hits > base.hits
