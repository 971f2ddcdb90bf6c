"""How well the label finder of :mod:`coverage.framing` recovers how outlets name the same actors (NewsWCL50).

NewsWCL50 (``/work/shared/datasets/newswcl50``) has 10 events, each reported by five US outlets (HuffPost, New
York Times, USA Today, Fox News, Breitbart), with concept chains: every mention of one actor, group, object or
action, across the five articles. A *naming difference* is a pair of different (lower-cased) mention strings of
one chain in two different outlets ("Kim Jong-un" in one, "the dictator" in another).

For each event: articles are built from the sentences (paragraphs kept), sentences are embedded with the bundled
all-MiniLM-L6-v2 and aligned across outlets (``Aligner().align(..., granularity="sentence")``), and
:func:`coverage.framing.find_labels` runs on the alignment. Reported:

- recall: the share of naming differences (outlet A string s1, outlet B string s2) for which some label group
  holds a span x of outlet A and a span y of outlet B, x != y, x inside s1 and y inside s2 (token sequences);
  also the same over the *reachable* differences only, those whose two mentions lie in a pair of sentences the
  alignment links (the label finder sees nothing else), and per chain (any difference of the chain recovered);
- precision: 30 label groups sampled with a fixed seed, judged by hand (``JUDGMENTS`` below): a group is right
  when its spans are names or descriptions of one referent that the outlets chose differently in sentences that
  say the same thing; wrong when they refer to different things (different people, dates, numbers, verbs of
  different meaning) or come from sentences that do not correspond.

Run: ``.venv/bin/python benchmarks/framing_newswcl50.py`` (about a minute on a CPU, embeddings cached in
``/tmp/cov-cache``).
"""

from __future__ import annotations

import dataclasses
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

from coverage._models import Article
from coverage.alignment import Aligner
from coverage.cleaning import split_sentences
from coverage.embedding import EmbeddingCache, SentenceTransformerEmbedder, embed_unique
from coverage.framing import FramingSettings, LabelGroup, _stop_words, _tokens, find_labels

DATA = Path("/work/shared/datasets/newswcl50")
SAMPLE = 30
SEED = 0

# Hand judgments of the sampled groups (defaults, seed 0): "<event>|<spans sorted>" -> (correct, note). Right means
# the spans name or describe one referent (actor, object or action, as NewsWCL50 chains do) in corresponding places.
JUDGMENTS: dict[str, tuple[bool, str]] = {
    "8|more tantalizing inquiries|times": (False, "different things: the inquiries vs the newspaper"),
    "3|brought|organized": (True, "same action: the case brought / organized by Protect Democracy"),
    "6|are expected|will decide whether": (False, "modality, not a referent"),
    "3|calling|chair of": (False, "misaligned diff inside a reworded quote attribution"),
    "0|challenge|permanent denuclearization": (False, "different sentences"),
    "3|previously unimaginable|unprecedented": (True, "same descriptor of the 'treachery'"),
    "3|debbie|wendy": (True, "same person (Debbie Wasserman Schultz, misnamed in a tweet)"),
    "3|computer networks|email servers": (True, "same object: the DNC systems hacked"),
    "3|called investigations into|denied meddling in": (False, "different statements"),
    "3|a widespread conspiracy|they conspired": (True, "same action, nominal vs verbal"),
    "3|colluding|his campaign colluded": (True, "same action (collusion); subject differs"),
    "3|also names trump's|is targeting president's": (False, "span mixes verb and name"),
    "3|national committee|party on friday": (True, "DNC vs Democratic Party (span boundary includes 'on friday')"),
    "2|korea|korea's kim": (True, "agent of the suspension: the country vs its leader (metonymy)"),
    "7|imports from|tariffs on": (False, "different objects"),
    "2|also expected|preparing": (False, "stance, not a referent"),
    "3|, targeting|is suing": (True, "same action: the DNC suing / targeting"),
    "5|uk|united kingdom": (True, "same country"),
    "1|seized on|tweeted that": (True, "same action: Trump's tweet about the memos"),
    "4|achieved|negotiated": (True, "same action: the Iran deal made by Obama"),
    "8|aides|staff": (True, "same group: campaign aides / staff"),
    "3|district court|lawsuit": (False, "different objects"),
    "2|altogether|site": (False, "different sentences"),
    "6|present|turn": (True, "same action: migrants presenting / turning themselves in"),
    "4|enduring|historic": (True, "descriptor of the same friendship"),
    "1|comey|the released": (True, "same object: the (Comey) memos"),
    "3|alleging|charging that": (True, "same action: the suit's allegation"),
    "8|repeatedly|vehemently": (False, "different adverbs, not a referent"),
    '3|" conspired "|worked in tandem': (True, "same action, scare-quoted vs neutral"),
    "0|club in florida|estate": (True, "same place: Mar-a-Lago"),
}


def _contains(outer: list[str], inner: list[str]) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def load() -> dict[int, list[tuple[Article, list[dict[str, object]], list[dict[str, object]]]]]:
    events: dict[int, list[tuple[Article, list[dict[str, object]], list[dict[str, object]]]]] = defaultdict(list)
    with (DATA / "documents.jsonl").open() as handle:
        for line in handle:
            doc = json.loads(line)
            paragraphs: dict[int, list[str]] = defaultdict(list)
            for sentence in doc["sentences"]:
                paragraphs[sentence["paragraph_index"]].append(sentence["text"])
            texts = tuple(" ".join(p) for _, p in sorted(paragraphs.items()) if " ".join(p).strip())
            article = Article(
                id=doc["doc_id"], path=doc["doc_id"], outlet=doc["outlet_code"], title="", paragraphs=texts
            )
            events[doc["event_id"]].append((article, doc["sentences"], doc["mentions"]))
    return dict(sorted(events.items()))


def main() -> int:
    embedder = SentenceTransformerEmbedder()
    cache = EmbeddingCache(Path("/tmp/cov-cache"))
    aligner = Aligner()
    overrides = {a.split("=")[0]: float(a.split("=")[1]) for a in sys.argv[1:] if "=" in a}
    settings = dataclasses.replace(FramingSettings(), **overrides)  # e.g. label_min_similarity=0.4
    total = reachable_total = recovered = reachable_recovered = 0
    chains_total: set[str] = set()
    chains_recovered: set[str] = set()
    all_groups: list[tuple[int, LabelGroup]] = []
    stop = _stop_words()
    for event_id, docs in load().items():
        articles = [a for a, _, _ in docs]
        segments = [[(s, k) for k, p in enumerate(a.paragraphs) for s in split_sentences(p)] for a in articles]
        flat = [s for seg in segments for s, _ in seg]
        vectors, _ = embed_unique(flat, embedder, cache=cache)
        matrices, start = [], 0
        for seg in segments:
            matrices.append(vectors[start : start + len(seg)])
            start += len(seg)
        alignment = aligner.align(
            [list(a.paragraphs) for a in articles],
            embeddings=[np.asarray(m) for m in matrices],
            ids=[a.id for a in articles],
            groups=[a.outlet for a in articles],
            granularity="sentence",
        )
        groups = find_labels(alignment, {a.id: a.outlet for a in articles}, settings=settings)
        all_groups.extend((event_id, g) for g in groups)
        # mentions: chain -> outlet -> string -> segment indices where it occurs
        seg_tokens = [[_tokens(s) for s in alignment.segments[i]] for i in range(len(articles))]
        mentions: dict[str, dict[str, dict[str, set[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(set)))
        for i, (article, sentences, doc_mentions) in enumerate(docs):
            paragraph_of = {s["sent_id"]: s["paragraph_index"] for s in sentences}  # type: ignore[index]
            order = sorted({s["paragraph_index"] for s in sentences if s["text"].strip()})  # type: ignore[index]
            rank = {p: r for r, p in enumerate(order)}
            for m in doc_mentions:
                tokens = _tokens(str(m["text"]))
                if not tokens or all(t in stop or not t.isalpha() for t in tokens):
                    continue  # pronouns ("he", "its") and the like are not labels
                text = " ".join(tokens)
                para = rank.get(paragraph_of[m["sent_id"]], -1)  # type: ignore[index]
                where = {
                    k
                    for k, parent in enumerate(alignment.parents[i])
                    if parent == para and _contains(seg_tokens[i][k], tokens)
                }
                mentions[str(m["chain_id"])][article.outlet][text] |= where
        linked: set[tuple[str, int, str, int]] = set()
        outlet_of_id = {a.id: a.outlet for a in articles}
        for link in alignment.links:
            oa, ob = outlet_of_id[link.a.article], outlet_of_id[link.b.article]
            linked.add((oa, link.a.paragraph, ob, link.b.paragraph))
            linked.add((ob, link.b.paragraph, oa, link.a.paragraph))
        spans_of = [{o: [s.split() for s in spans] for o, spans in g.by_outlet.items()} for g in groups]
        for chain, by_outlet in mentions.items():
            outlets = sorted(by_outlet)
            for x, oa in enumerate(outlets):
                for ob in outlets[x + 1 :]:
                    for s1, where1 in by_outlet[oa].items():
                        for s2, where2 in by_outlet[ob].items():
                            if s1 == s2:
                                continue
                            total += 1
                            chains_total.add(chain)
                            reach = any((oa, p, ob, q) in linked for p in where1 for q in where2)
                            reachable_total += reach
                            t1, t2 = s1.split(), s2.split()
                            hit = any(
                                any(_contains(t1, u) for u in spans.get(oa, ()))
                                and any(_contains(t2, v) for v in spans.get(ob, ()))
                                and any(u != v for u in spans.get(oa, ()) for v in spans.get(ob, ()))
                                for spans in spans_of
                            )
                            recovered += hit
                            reachable_recovered += hit and reach
                            if hit:
                                chains_recovered.add(chain)
        print(f"event {event_id}: {len(alignment.links)} sentence links, {len(groups)} label groups")
    print()
    print(f"naming differences (cross-outlet pairs of different mention strings of one chain): {total}")
    print(f"recall: {recovered}/{total} = {recovered / max(total, 1):.3f}")
    print(
        f"reachable (both mentions in aligned sentences): {reachable_total}; recall on them: "
        f"{reachable_recovered}/{reachable_total} = {reachable_recovered / max(reachable_total, 1):.3f}"
    )
    print(
        f"chains with a naming difference: {len(chains_total)}; with at least one recovered: "
        f"{len(chains_recovered)} = {len(chains_recovered) / max(len(chains_total), 1):.3f}"
    )
    print(f"label groups output: {len(all_groups)}")
    sample = random.Random(SEED).sample(all_groups, min(SAMPLE, len(all_groups)))
    judged = right = 0
    print(f"\nprecision sample ({len(sample)} groups, seed {SEED}):")
    for event_id, group in sample:
        key = f"{event_id}|" + "|".join(group.spans)
        verdict = JUDGMENTS.get(key)
        mark = "?" if verdict is None else ("ok" if verdict[0] else "WRONG")
        if verdict is not None:
            judged += 1
            right += verdict[0]
        print(f"  [{mark}] {key}  by_outlet={dict(group.by_outlet)}  {verdict[1] if verdict else ''}")
        if "-v" in sys.argv and group.examples:
            a, b = group.examples[0]
            print(f"        a: {a}\n        b: {b}")
    if judged:
        print(f"precision (hand-judged): {right}/{judged} = {right / judged:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
