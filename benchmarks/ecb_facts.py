"""Precision of shared facts on real news: ECB+ event coreference as the judge of each row.

    .venv/bin/python benchmarks/ecb_facts.py [--json FILE] [--rows FILE] [--only SUBTOPIC ...] [--set k=v ...]

Why a proxy. A shared-fact row claims that its sentences from different outlets state the same thing. ECB+
(``$COVERAGE_DATASETS/ecbplus``, default ``../shared/datasets/ecbplus``; see its README) annotates, on some of its
sentences (``coref_annotated_sentence``), every event mention with its cross-document coreference chain: "was
found guilty" in one document and "convicted" in another are one chain; "the trial is under way" is another
chain. Two sentences that share no event chain do not report the same happening, whatever their topic.

How the tool is run. As a user would: :func:`coverage.evaluation.adapters.ecbplus_to_folder` writes the corpus as
one article per document (paragraphs of three sentences); each gold event cluster (ECB+ subtopic, 86 of them) is
put in a folder of its own and given to :func:`coverage.compare` with default settings (the event clustering may
still split a cluster; each event's rows count). Outlets: the adapter names an outlet by its URL's domain; the
original ECB documents have no URL (all would be one outlet, "ecb"), so each of them is its own outlet here.

How a row is judged. Each evidence sentence of a row (two or more outlets) is mapped back to the ECB+ sentence(s)
it was cut from (text search in its document, words normalised; a two-sentence evidence maps to both). For every
pair of evidence sentences from different outlets where every mapped sentence is annotated, the pair is
*supported* when the two share a cross-document event chain (mention types ``ACTION_*`` and ``NEG_ACTION_*``,
``chain_scope`` ``cross``; reporting events, "said", "announced", are left out: sharing "police said" is not
sharing a fact), *unsupported* otherwise. Pairs with a sentence outside the annotation are *unjudged* (most ECB+
sentences are not annotated; the annotated ones are mostly the first sentences of a document).

Figures: pair precision (supported / judged pairs), row precision (rows with a judged pair whose judged pairs are
all supported / rows with a judged pair), the counts of supported pairs (a recall signal: a fix that only drops
rows lowers it), and QA-Align recall: of the 116 human-aligned cross-document sentence pairs
(``qa_align_dev_gold_ecbplus_pairs.jsonl``), how many sit together in one shared row.

What the proxy misses: two sentences that share the main event but add different facts ("A man was killed" /
"The man killed was 32") count as supported; a paraphrase whose event mentions the annotators chained apart ("will
offer" / "will be adding to its lineup") counts as unsupported; members outside the annotation (most sentences
after the first few) are not judged at all. Read by hand, 12 of 27 unsupported rows were wrong and 4 of 10
supported rows wholly right (``benchmarks/README.md``): a check on the pairs it can judge and on regressions, not
the share of rows a reader finds right.

``--rows FILE`` writes every judged row (sentences, pairs, shared chains and the event mentions of each sentence)
as JSON lines, for reading. Without the corpus the script says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import coverage  # noqa: E402
from coverage import Settings  # noqa: E402
from coverage.analysis.embedding import make_embedder  # noqa: E402
from coverage.evaluation.adapters import ecbplus_to_folder, repair_spacing  # noqa: E402

DATASETS = Path(os.environ.get("COVERAGE_DATASETS", ROOT.parent / "shared" / "datasets"))
_URL_SENTENCE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.IGNORECASE)
_NORM = re.compile(r"[^0-9a-z]+")
_REPORTING = "REPORTING"


def _norm(text: str) -> str:
    return _NORM.sub("", text.lower())


@dataclass
class _Sentence:
    sent_id: int
    text: str
    annotated: bool
    chains: frozenset[str]
    mentions: tuple[str, ...]
    """Event mentions with their chain, for reading."""


@dataclass
class _Doc:
    doc_id: str
    sentences: list[_Sentence]
    starts: list[int] = field(default_factory=list)
    """Offsets of each sentence in the normalised concatenation of the document's sentences."""
    flat: str = ""

    def __post_init__(self) -> None:
        offset = 0
        parts = []
        for s in self.sentences:
            self.starts.append(offset)
            n = _norm(s.text)
            parts.append(n)
            offset += len(n)
        self.flat = "".join(parts)

    def locate(self, sentence: str) -> list[_Sentence]:
        """The document's sentences that ``sentence`` (a tool evidence sentence) was cut from."""
        n = _norm(sentence)
        if not n:
            return []
        start = self.flat.find(n)
        if start < 0:
            words = set(re.findall(r"\w+", sentence.lower()))
            best = max(
                self.sentences,
                key=lambda s: len(words & set(re.findall(r"\w+", s.text.lower()))),
                default=None,
            )
            if best is None or len(words & set(re.findall(r"\w+", best.text.lower()))) < 0.6 * max(len(words), 1):
                return []
            return [best]
        end = start + len(n)
        out = []
        for s, begin in zip(self.sentences, self.starts, strict=True):
            stop = begin + len(_norm(s.text))
            if begin < end and stop > start:
                out.append(s)
        return out


def _load(src: Path) -> dict[str, _Doc]:
    docs: dict[str, _Doc] = {}
    with (src / "documents.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            doc = json.loads(line)
            chains: dict[int, set[str]] = {}
            mentions: dict[int, list[str]] = {}
            for m in doc["mentions"]:
                if "ACTION" not in m["type"] or _REPORTING in m["type"] or m.get("chain_scope") != "cross":
                    continue
                chains.setdefault(int(m["sent_id"]), set()).add(str(m["chain_id"]))
                mentions.setdefault(int(m["sent_id"]), []).append(f"{m['text']}[{str(m['chain_id'])[-5:]}]")
            raw = list(doc["sentences"])
            if raw and _URL_SENTENCE.match(str(raw[0].get("text", ""))):
                raw = raw[1:]
            sentences = []
            for s in raw:
                text = repair_spacing(str(s.get("text", "")).strip())
                if not text:
                    continue
                sid = int(s["sent_id"])
                sentences.append(
                    _Sentence(
                        sid,
                        text,
                        bool(s.get("coref_annotated_sentence")),
                        frozenset(chains.get(sid, ())),
                        tuple(mentions.get(sid, ())),
                    )
                )
            docs[str(doc["doc_id"])] = _Doc(str(doc["doc_id"]), sentences)
    return docs


def _pairs(items: list[Any]) -> Iterable[tuple[Any, Any]]:
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            yield items[i], items[j]


def _write_cluster(folder: Path, dest: Path, docs: list[str]) -> None:
    dest.mkdir(parents=True)
    for doc_id in docs:
        name = f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', doc_id)}.json"
        article = json.loads((folder / name).read_text(encoding="utf-8"))
        if not article.get("url"):
            article["outlet"] = doc_id  # the original ECB documents have no URL: each is its own outlet
        (dest / name).write_text(json.dumps(article, ensure_ascii=False), encoding="utf-8")


def measure(
    src: Path, settings: Settings, only: Sequence[str] | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The figures (see the module docstring) and every judged row, for ECB+ in ``src``."""
    docs = _load(src)
    clusters = json.loads((src / "clusters.json").read_text(encoding="utf-8"))
    if only:
        clusters = [c for c in clusters if c["subtopic"] in only]
    qa_path = src / "qa_align_dev_gold_ecbplus_pairs.jsonl"
    qa = [json.loads(line) for line in qa_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    embedder = make_embedder(settings.embedding)
    tmp = Path(tempfile.mkdtemp(prefix="ecb-facts-"))
    totals = {"rows": 0, "rows_judged": 0, "rows_right": 0, "pairs_judged": 0, "pairs_supported": 0}
    totals["pairs_unjudged"] = 0
    together: set[tuple[str, int, str, int]] = set()
    rows_out: list[dict[str, Any]] = []
    try:
        ecbplus_to_folder(src, tmp / "all")
        for cluster in clusters:
            folder = tmp / str(cluster["subtopic"])
            _write_cluster(tmp / "all", folder, [str(d) for d in cluster["docs"]])
            result = coverage.compare(folder, settings, embedder=embedder)
            for event in result.events:
                doc_of = {a.id: Path(a.path).stem for a in event.articles}
                for fact in event.facts:
                    if len(fact.outlets) < 2:
                        continue
                    totals["rows"] += 1
                    members = []
                    for e in fact.evidence:
                        doc = docs.get(doc_of.get(e.article, ""))
                        mapped = doc.locate(e.sentence) if doc is not None else []
                        members.append((e, doc.doc_id if doc else "", mapped))
                    for (_, da, ma), (_, db, mb) in _pairs(members):
                        for a in ma:
                            for b in mb:
                                together.add((da, a.sent_id, db, b.sent_id))
                                together.add((db, b.sent_id, da, a.sent_id))
                    judged = []
                    for (ea, _, ma), (eb, _, mb) in _pairs(members):
                        if ea.outlet == eb.outlet:
                            continue
                        chains_a = frozenset().union(*(s.chains for s in ma))
                        shared = bool(chains_a & frozenset().union(*(s.chains for s in mb)))
                        if not ma or not mb or not all(s.annotated for s in [*ma, *mb]):
                            totals["pairs_unjudged"] += 1
                            continue
                        judged.append((ea, eb, shared))
                    if not judged:
                        continue
                    right = all(ok for *_, ok in judged)
                    totals["rows_judged"] += 1
                    totals["rows_right"] += right
                    totals["pairs_judged"] += len(judged)
                    totals["pairs_supported"] += sum(ok for *_, ok in judged)
                    rows_out.append(
                        {
                            "cluster": cluster["subtopic"],
                            "fact": fact.id,
                            "right": right,
                            "members": [
                                {
                                    "outlet": e.outlet,
                                    "doc": doc_id,
                                    "sent_ids": [s.sent_id for s in mapped],
                                    "annotated": all(s.annotated for s in mapped) if mapped else False,
                                    "events": [m for s in mapped for m in s.mentions],
                                    "verified": e.verified,
                                    "sentence": e.sentence,
                                }
                                for e, doc_id, mapped in members
                            ],
                            "pairs": [[a.outlet, b.outlet, ok] for a, b, ok in judged],
                        }
                    )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    topics = {str(c["subtopic"]).split("ecb")[0] for c in clusters}
    qa = [p for p in qa if str(p["doc_1"]).split("_")[0] in topics]
    qa_found = sum((str(p["doc_1"]), int(p["sent_1"]), str(p["doc_2"]), int(p["sent_2"])) in together for p in qa)
    judged_pairs = totals["pairs_judged"]
    figures = {
        **totals,
        "pair_precision": _rate(totals["pairs_supported"], judged_pairs),
        "row_precision": _rate(totals["rows_right"], totals["rows_judged"]),
        "qa_align_together": qa_found,
        "qa_align_pairs": len(qa),
    }
    return figures, rows_out


def _rate(right: int, judged: int) -> float | None:
    return round(right / judged, 3) if judged else None


def summary(figures: dict[str, Any]) -> str:
    return (
        f"ECB+ shared facts: {figures['rows']} rows, {figures['rows_judged']} judged; "
        f"row precision {figures['row_precision']} ({figures['rows_right']}/{figures['rows_judged']}); "
        f"pair precision {figures['pair_precision']} ({figures['pairs_supported']}/{figures['pairs_judged']}, "
        f"{figures['pairs_unjudged']} unjudged); QA-Align pairs in one row "
        f"{figures['qa_align_together']}/{figures['qa_align_pairs']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    parser.add_argument("--rows", type=Path, help="write every judged row as JSON lines, for reading")
    parser.add_argument("--only", action="append", help="only these subtopics (e.g. 1ecb)")
    parser.add_argument("--examples", type=int, default=5, help="unsupported rows to print (default 5)")
    parser.add_argument("--set", action="append", default=[], help="section.key=value, as on the command line")
    args = parser.parse_args()
    src = DATASETS / "ecbplus"
    if not (src / "documents.jsonl").is_file():
        print(f"ECB+ not found at {src} (set COVERAGE_DATASETS)", file=sys.stderr)
        return 2
    figures, rows = measure(src, Settings().set(args.set), args.only)
    print(summary(figures))
    unsupported = [r for r in rows if not r["right"]]
    for record in random.Random(0).sample(unsupported, min(args.examples, len(unsupported))):
        print(f"  unsupported {record['cluster']} {record['fact']}:")
        for m in record["members"]:
            print(f"    [{m['outlet']}] {m['sentence'][:160]}  {m['events']}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if args.rows:
        with args.rows.open("w", encoding="utf-8") as handle:
            for record in rows:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
