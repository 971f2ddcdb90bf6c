"""Label groups against gold: purity (every pair of labels in a group names one actor) and recall of gold pairs.

Gold (scored by :mod:`coverage.evaluation.labels`):

- the project's gold corpora (``datasets/*.truth.json`` ``label_groups``; the demo's ``framing`` for its main event),
  each corpus run through :func:`coverage.compare` with default settings. Gold lists only some actors of an event,
  so most pairs are unjudged there: read the groups (``--show``) as well;
- ECB+ (``../shared/datasets/ecbplus``): every fourth event (subtopic), one article per document and each document
  its own outlet, sentences aligned as :mod:`benchmarks.framing_newswcl50` aligns them; gold is the entity and
  event coreference chains (a mention without a chain is its own chain);
- NewsWCL50's concept chains are scored by ``benchmarks/framing_newswcl50.py`` (section (e)).

Measured (issue 14, label groups): pairs right, groups pure, gold pairs found, before (the commit before this file)
and after the actor, slot, title, affiliation and number rules:

| corpus | pairs right | groups pure | gold pairs found |
|---|---|---|---|
| NewsWCL50 chains | 209/274 = 0.763 -> 115/122 = 0.943 | 33/49 -> 28/31 | 1,285 -> 706 of 49,366 |
| ECB+, 22 events | 212/450 = 0.471 -> 104/139 = 0.748 | 38/85 -> 24/33 (190 -> 68 groups) | 1,104 -> 830 of 7,565 |
| 7 gold corpora | 27/27 -> 25/25 (81 -> 35 unjudged) | 9/9 -> 7/7 | 93 -> 92 of 1,150 |

Read by hand: the 7 gold corpora's groups 18/31 right before, 15/16 after (wrong: "estmere" / "estmere
chambers", a country and a building); 51 of the 68 ECB+ groups after: 36 right (wrong: a place joined to a team,
paper or league, "american" and "interior" before a name, a referee joined to a boxer, "actors" with one actor,
Laci and Scott Peterson, "jags" with Manning, fragments "jan", "intel sharpens").

Run: ``.venv/bin/python benchmarks/label_groups.py [--show] [gold] [ecb]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from coverage import Settings, compare
from coverage._cache import EmbeddingCache
from coverage.analysis.embedding import CachedEmbedder, Embedder, SentenceTransformerEmbedder
from coverage.analysis.framing import LabelGroup, find_labels
from coverage.evaluation.gold import CORPORA, load_truth, truth_path
from coverage.evaluation.labels import LabelScores, gold_from_groups, score_labels
from coverage.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
ECBPLUS = ROOT.parent / "shared" / "datasets" / "ecbplus"
EVERY = 4
"""ECB+: every fourth event (sorted by topic), 22 of 86."""


def _show(tag: str, groups: tuple[LabelGroup, ...], scores: LabelScores) -> None:
    for g in groups:
        print(f"  {tag} | {g.referent}: {dict((o, list(v)) for o, v in g.by_outlet.items())}")
    for referent, a, b in scores.wrong_pairs:
        print(f"    wrong pair in {referent!r}: {a!r} / {b!r}")


def gold_corpora(show: bool) -> LabelScores:
    total = LabelScores()
    for name in CORPORA:
        truth = load_truth(truth_path(DATASETS, name))
        event_of = {a["path"]: a["event"] for a in truth["articles"]}
        chains: dict[str, list[tuple[str, dict[str, list[str]]]]] = defaultdict(list)
        if "label_groups" in truth:
            for k, group in enumerate(truth["label_groups"]):
                chains[group["event"]].append((str(k), group["labels"]))
        else:  # the demo: one "framing" list, for its main event
            main = Counter(event_of.values()).most_common(1)[0][0]
            chains[main] = [(str(k), g["by_outlet"]) for k, g in enumerate(truth.get("framing", []))]
        corpus = LabelScores()
        for event in compare(DATASETS / name, Settings()).events:
            groups = event.framing.labels if event.framing else ()
            gold = [c for e in {event_of.get(a.path) for a in event.articles} if e in chains for c in chains[e]]
            scores = score_labels(groups, gold_from_groups(gold)) if gold else LabelScores(groups=len(groups))
            if show:
                _show(f"{name} {event.id}", groups, scores)
            corpus = corpus + scores
        print(f"{name:24s} {corpus.summary()}")
        total = total + corpus
    print(f"{'all gold corpora':24s} {total.summary()}")
    return total


def ecbplus(embedder: Embedder, show: bool) -> LabelScores:
    sys.path.insert(0, str(Path(__file__).parent))
    from framing_newswcl50 import _align  # the same sentence alignment as the NewsWCL50 benchmark

    if not (ECBPLUS / "documents.jsonl").exists():
        print(f"ECB+ not found at {ECBPLUS}: skipped")
        return LabelScores()
    docs: dict[str, list[dict[str, object]]] = defaultdict(list)
    with (ECBPLUS / "documents.jsonl").open() as handle:
        for line in handle:
            doc = json.loads(line)
            docs[doc["subtopic"]].append(doc)
    subtopics = sorted(docs, key=lambda s: (int(s.removesuffix("plus").removesuffix("ecb")), s))
    total = LabelScores()
    for subtopic in subtopics[::EVERY]:
        articles: list[Article] = []
        chains: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for doc in docs[subtopic]:
            sentences = [s for s in doc["sentences"] if str(s["text"]).strip()]  # type: ignore[attr-defined]
            if sentences and ("http" in sentences[0]["text"] or "www" in sentences[0]["text"]):
                sentences = sentences[1:]  # the source URL
            texts = [str(s["text"]) for s in sentences]
            paragraphs = tuple(" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3))
            outlet = str(doc["doc_id"])
            articles.append(Article(id=outlet, path=outlet, outlet=outlet, title="", paragraphs=paragraphs))
            for m in doc["mentions"]:  # type: ignore[attr-defined]
                chain = m["chain_id"] or f"alone:{outlet}:{m['m_id']}"
                chains[str(chain)][outlet].append(str(m["text"]))
        if len(articles) < 2:
            continue
        alignment = _align(articles, embedder)
        groups = find_labels(alignment, {a.id: a.outlet for a in articles}, embedder=embedder)
        scores = score_labels(groups, gold_from_groups(chains.items()))
        if show:
            _show(f"ECB+ {subtopic}", groups, scores)
        total = total + scores
    print(f"{'ECB+ (every 4th event)':24s} {total.summary()}")
    return total


def main() -> int:
    show = "--show" in sys.argv
    which = [a for a in sys.argv[1:] if not a.startswith("-")] or ["gold", "ecb"]
    if "gold" in which:
        gold_corpora(show)
    if "ecb" in which:
        embedder = CachedEmbedder(SentenceTransformerEmbedder(), EmbeddingCache(Path("/tmp/cov-cache")))
        ecbplus(embedder, show)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
