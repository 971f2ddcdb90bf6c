"""Label groups: the names outlets give one referent, joined from string, title, alignment and similarity evidence
(:func:`find_labels`).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.analysis.framing.names import (
    _NAME_JOINERS,
    _alias,
    _alias_candidates,
    _by_count,
    _cased_tokens,
    _content,
    _core,
    _Label,
    _label_words,
    _Lexicon,
    _Mention,
    _mentions,
    _normalise_label,
    _pair,
    _singular,
    _stem,
    _substitutions,
    _tokens,
)
from coverage.analysis.framing.similarity import _Similarity
from coverage.analysis.framing.terms import NUMBER_WORDS, _stop_words
from coverage.model import Alignment, ParagraphRef
from coverage.model.framing import LabelGroup
from coverage.settings import FramingSettings


class _Components:
    """Union-find over labels that refuses merges putting incompatible names or descriptions in one referent."""

    def __init__(
        self,
        labels: Mapping[str, _Label],
        cosine: Callable[[str, str], float],
        high: float,
        together: Mapping[str, set[str]] | None = None,
    ) -> None:
        self.labels = labels
        self.together = together or {}
        self.cosine = cosine
        self.high = high
        self.parent = {label: label for label in labels}
        self.members = {label: [label] for label in labels}

    def find(self, label: str) -> str:
        while self.parent[label] != label:
            self.parent[label] = self.parent[self.parent[label]]
            label = self.parent[label]
        return label

    def _compatible(self, a: _Label, b: _Label, names: Sequence[frozenset[str]]) -> bool:
        if a.name and b.name:
            if _alias(a, b):
                return True
            return any(a.core | b.core <= core for core in names)
        if not a.name and not b.name and a.head == b.head and a.modifiers and b.modifiers:
            if a.modifiers <= b.modifiers or b.modifiers <= a.modifiers:
                return True
            return self.cosine(a.label, b.label) >= self.high
        return True

    def union(self, x: str, y: str, floor: float | None = None, *, apart: bool = False) -> bool:
        """Join the referents of ``x`` and ``y`` unless that puts incompatible labels together or, with ``floor``
        (evidence from similarity or alignment), unless one of them holds a name (names are joined by alias and
        title evidence only) or the labels of the two are on average less similar than ``floor``; with ``apart``
        (evidence from similarity alone), also unless a label of one shares a sentence with a label of the other
        ("police" and "protesters": two parties)."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return False
        left, right = self.members[rx], self.members[ry]
        if apart and any(b in self.together.get(a, ()) for a in left for b in right):
            return False
        if floor is not None:
            if any(self.labels[m].name for m in left + right):
                return False
            if np.mean([self.cosine(a, b) for a in left for b in right]) < floor:
                return False
        names = [self.labels[m].core for m in left + right if self.labels[m].name]
        for a in left:
            for b in right:
                if not self._compatible(self.labels[a], self.labels[b], names):
                    return False
        keep, drop = min(rx, ry), max(rx, ry)
        self.parent[drop] = keep
        self.members[keep] = left + right if keep == rx else right + left
        del self.members[drop]
        return True


def _label_of(span: str, present: Sequence[str], labels: Mapping[str, _Label]) -> str:
    """The label of a substituted span: itself as a label, else the sentence's mention that ends with it."""
    label = _normalise_label(span)
    if label in labels or not label:
        return label
    words = tuple(label.split())
    ending = sorted(m for m in present if labels[m].words[-len(words) :] == words)
    return ending[0] if ending else label


def _minimal_pairs(
    edges: list[tuple[int, float, str, str]], labels: Mapping[str, _Label], embedder: Embedder, threshold: float
) -> list[tuple[int, float, str, str]]:
    """Drop the similarity edges between labels that share words but whose differing words are unlike:
    "south korean president" / "south korean newspaper" look alike only for "south korean"; "illegal aliens" /
    "illegal immigrants" stay, as "aliens" and "immigrants" are alike."""
    rest: dict[tuple[str, str], tuple[str, str]] = {}
    for rank, _, a, b in edges:
        wa, wb = {_stem(w) for w in labels[a].words}, {_stem(w) for w in labels[b].words}
        if rank >= 4 and wa & wb and not (wa <= wb or wb <= wa):
            rest[(a, b)] = (
                " ".join(w for w in labels[a].words if _stem(w) not in wb),
                " ".join(w for w in labels[b].words if _stem(w) not in wa),
            )
    if not rest:
        return edges
    texts = sorted({t for pair in rest.values() for t in pair})
    vectors = dict(zip(texts, np.asarray(embedder.encode(texts), dtype=np.float64), strict=True))
    unlike = {key for key, (x, y) in rest.items() if float(vectors[x] @ vectors[y]) < threshold}
    return [edge for edge in edges if (edge[2], edge[3]) not in unlike]


def _refs(refs: Iterable[ParagraphRef]) -> tuple[ParagraphRef, ...]:
    """Distinct paragraph references in article and paragraph order."""
    return tuple(sorted(set(refs), key=lambda r: (r.article, r.paragraph)))


def _contrast(group: LabelGroup, *, ignore: frozenset[str] = frozenset()) -> int:
    """Mentions in ``group`` of labels that not every outlet of the group uses: how much the outlets differ
    (labels in ``ignore`` not counted)."""
    outlets = set(group.counts)
    users: dict[str, set[str]] = defaultdict(set)
    for outlet, counts in group.counts.items():
        for label in counts:
            users[label].add(outlet)
    return sum(
        n
        for counts in group.counts.values()
        for label, n in counts.items()
        if users[label] != outlets and label not in ignore
    )


_Edge = tuple[int, float, str, str]
"""Evidence that two labels name one referent: (rank of the evidence, -strength, label, label)."""


def find_labels(
    alignment: Alignment,
    outlet_of: Mapping[str, str],
    *,
    settings: FramingSettings | None = None,
    embedder: Embedder | None = None,
) -> tuple[LabelGroup, ...]:
    """Label groups: the names each outlet gives one referent, where outlets differ.

    Mentions are taken from every sentence of ``alignment.segments``: name spans and descriptions (see
    :func:`_mentions`). Labels (distinct lower-cased mention strings, determiners dropped) are joined into
    referents by, in order of trust: inflection variants; name aliases (one name's words inside the other's,
    initials); a description given as the title or apposition of a name ("President Trump", "the dictator, Kim");
    token substitutions in sentence pairs the alignment links whose context agrees; descriptions with one head
    word; and mentions left unmatched in linked sentence pairs of different outlets, paired with their most
    similar counterpart (embeddings) where the outlets choose between the two words; a sentence that corrects one
    description by another ("not dock workers but provocateurs"); and plural descriptions of people that outlets
    choose between and that play the same part beside the same other party (:func:`_cast_edges`: "rioters" /
    "protesters", both beside "police", never beside each other). Leading counts are dropped from descriptions
    ("sixteen police officers" is "police officers"). Merges that would put two
    incompatible names ("north korea", "south korea") or two differently modified descriptions ("intelligence
    officials", "administration officials") in one referent are refused, and similarity evidence never joins a
    referent that holds a name (names join by alias and title only) nor one that is on average less similar
    than ``label_context_similarity``.

    ``outlet_of`` maps the alignment's text ids to outlets (ids it lacks fall back to ``alignment.groups``).
    ``embedder`` embeds the labels (through its cache); without it only string and alignment evidence is used.
    """
    settings = settings or FramingSettings()
    position = {name: k for k, name in enumerate(alignment.ids)}

    def outlet(name: str) -> str:
        if name in outlet_of:
            return outlet_of[name]
        k = position[name]
        return alignment.groups[k] if alignment.groups else name

    outlets = [outlet(name) for name in alignment.ids]
    stop = _stop_words()
    labels, mentions, titles = _collect_labels(alignment, outlets, settings, stop)
    if not labels:
        return ()
    blocks = {
        (t, s)
        for t, segments in enumerate(alignment.segments)
        for s, segment in enumerate(segments)
        if len(segment) > settings.label_max_sentence_tokens
        and len(_tokens(segment)) > settings.label_max_sentence_tokens
    }
    # Mentions in blocks count as labels (and say where they are), but give no evidence between labels.
    evidence = [m for m in mentions if (m.text, m.sentence) not in blocks] if blocks else mentions
    similarity = _Similarity(labels, embedder)
    edges = _string_edges(labels, titles, stop)
    aligned, examples = _alignment_edges(alignment, outlets, evidence, labels, similarity, settings)
    edges += aligned
    edges += _head_edges(labels, similarity, settings)
    edges += _relabel_edges(alignment, evidence, labels)
    together = _together(evidence)
    if embedder is not None:
        edges += _cast_edges(together, labels, similarity, embedder, settings)
        edges = _minimal_pairs(edges, labels, embedder, settings.label_context_similarity)
        # a label group names an actor: a description that names no person, group or organisation ("details",
        # "the city", "pensions") joins nothing, whatever the evidence (also "movies rather than her personal life")
        described = {x for edge in edges for x in edge[2:] if not labels[x].name}
        actors = _actors(sorted(described), labels, embedder)
        edges = [e for e in edges if all(labels[x].name or x in actors for x in e[2:])]
    components = _Components(labels, similarity.cosine, settings.label_similarity, together)
    for rank, _, a, b in sorted(edges):
        floor = settings.label_context_similarity if rank >= 3 and embedder is not None else None
        components.union(a, b, floor, apart=rank >= 6)
    found_in = _found_in(alignment, outlets, mentions)
    groups = [
        group
        for members in components.members.values()
        if (group := _label_group(members, labels, examples, found_in, settings)) is not None
    ]
    # Descriptions chosen differently ("protesters" / "terrorists") come before names spelt differently ("tokayev" /
    # "kassym-jomart tokayev"): the first is a framing choice, the second mostly style.
    names = frozenset(label for label, info in labels.items() if info.name)
    groups.sort(
        key=lambda g: (
            -_contrast(g, ignore=names),
            -_contrast(g),
            -sum(sum(c.values()) for c in g.counts.values()),
            g.referent,
        )
    )
    return tuple(groups)


def _collect_labels(
    alignment: Alignment, outlets: Sequence[str], settings: FramingSettings, stop: frozenset[str]
) -> tuple[dict[str, _Label], list[_Mention], dict[str, Counter[str]]]:
    """The labels of every mention in the alignment's segments (with their counts per outlet), the mentions, and
    the titles: common noun -> name labels it is the title of."""
    cased = [[_cased_tokens(s) for s in segments] for segments in alignment.segments]
    lexicon = _Lexicon(tokens for text in cased for tokens in text)
    mentions: list[_Mention] = []
    labels: dict[str, _Label] = {}
    titles: dict[str, Counter[str]] = defaultdict(Counter)
    for t, s, words, is_name, title in _mentions(alignment.segments, lexicon, settings):
        lowered = _label_words(words)
        while not is_name and lowered and (lowered[0] in NUMBER_WORDS or lowered[0].replace(",", "").isdigit()):
            lowered = lowered[1:]  # a count is no part of a label: "sixteen police officers" are "police officers"
        label = " ".join(lowered)
        if not label or not _content(lowered, stop) or (not is_name and len(label) < 3):
            continue
        if label not in labels:
            core = _core(lowered, lexicon) if is_name else tuple(lowered)
            labels[label] = _Label(
                label=label,
                name=is_name,
                words=tuple(lowered),
                core=frozenset(core),
                core_words=core,
                organisation=is_name
                and len(core) > 1
                and (lexicon.title_like(core[-1]) or core[-1] in ORGANISATION_WORDS),
                affiliation=_affiliation(core, lexicon) if is_name else 0,
                head=_singular(lowered[-1]),
                modifiers=frozenset(_singular(w) for w in lowered[:-1] if w not in stop),
                counts=Counter(),
            )
        labels[label].counts[outlets[t]] += 1
        mentions.append(_Mention(t, s, label, is_name))
        if is_name and not labels[label].organisation:
            # the title is the one word right before the person's name: "minister" in "(interior) minister lena
            # vorgat", never "interior"; an organisation ("national security committee") has no title
            leading = [w for w in lowered[:-1] if w not in labels[label].core][-1:]
            for w in leading or ([title] if title else []):
                titles[w][label] += 1
    return labels, mentions, titles


ORGANISATION_WORDS = frozenset(
    [
        "agency",
        "association",
        "authority",
        "bank",
        "board",
        "center",
        "centre",
        "club",
        "college",
        "commission",
        "committee",
        "company",
        "corp",
        "corporation",
        "council",
        "court",
        "department",
        "foundation",
        "group",
        "inc",
        "institute",
        "journal",
        "league",
        "ltd",
        "ministry",
        "news",
        "office",
        "party",
        "police",
        "post",
        "press",
        "service",
        "times",
        "tribune",
        "union",
        "university",
    ]
)
"""Last words that make a name an organisation even where the event never writes them in lower case ("anchorage
daily news", "house select committee"): its first word is then its place or founder, no alias of it."""


def _affiliation(core: Sequence[str], lexicon: _Lexicon) -> int:
    """How many words of a name come before a title inside it (0 when none): "fbi director james comey" -> 1."""
    inner = [
        k
        for k in range(1, len(core) - 1)
        if (core[k] in lexicon.lower and core[k] not in _NAME_JOINERS) or core[k].endswith(".")
    ]  # a word the event also writes in lower case ("director") or an abbreviation ("gov.") inside a name
    return inner[-1] if inner else 0


def _string_edges(
    labels: Mapping[str, _Label], titles: Mapping[str, Counter[str]], stop: frozenset[str]
) -> list[_Edge]:
    """Evidence from the labels alone: inflection variants (rank 0), name aliases (1), titles of names (2)."""

    def total_of(label: str) -> int:
        return sum(labels[label].counts.values())

    edges: list[_Edge] = []
    by_words: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for label, info in labels.items():
        by_words[tuple(_stem(w) for w in info.words if w not in stop)].append(label)
    for group in by_words.values():
        edges.extend((0, 0.0, group[0], other) for other in group[1:])
    for na, nb in _alias_candidates([info for info in labels.values() if info.name]):
        if _alias(na, nb):
            edges.append((1, -float(sum(na.counts.values()) + sum(nb.counts.values())), na.label, nb.label))
    for info in labels.values():
        if not info.name and len(info.words) == 1 and info.words[0] in titles:
            # evidence per person (last name word): "President Trump" and "President Donald Trump" both count
            by_person: Counter[str] = Counter()
            for name, n in titles[info.words[0]].items():
                by_person[labels[name].core_words[-1]] += n
            best = sorted(by_person, key=lambda p: (-by_person[p], p))
            if by_person[best[0]] >= 2 and (len(best) == 1 or by_person[best[0]] > by_person[best[1]]):
                named = [n for n in titles[info.words[0]] if labels[n].core_words[-1] == best[0]]
                edges.append((2, -float(by_person[best[0]]), info.label, min(named, key=lambda n: (-total_of(n), n))))
    return edges


def _alignment_edges(
    alignment: Alignment,
    outlets: Sequence[str],
    mentions: Sequence[_Mention],
    labels: Mapping[str, _Label],
    similarity: _Similarity,
    settings: FramingSettings,
) -> tuple[list[_Edge], dict[tuple[str, str], list[tuple[str, str]]]]:
    """Evidence from linked sentence pairs of different outlets: token substitutions (rank 3) and unmatched
    mentions paired by similarity (4); with the sentence pairs that show each pair of labels."""
    position = {name: k for k, name in enumerate(alignment.ids)}
    edges: list[_Edge] = []
    examples: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    in_sentence: dict[tuple[int, int], list[str]] = defaultdict(list)
    for m in mentions:
        in_sentence[(m.text, m.sentence)].append(m.label)
    paired: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)  # the distinct sentence pairs
    crossing = [
        link for link in alignment.links if outlets[position[link.a.article]] != outlets[position[link.b.article]]
    ]
    unmatched: list[tuple[list[str], list[str]]] = []
    if similarity.active:  # descriptions left unmatched on both sides of a link, embedded in one batch
        for link in crossing:
            left = set(in_sentence[(position[link.a.article], link.a.paragraph)])
            right = set(in_sentence[(position[link.b.article], link.b.paragraph)])
            unmatched.append((_unmatched(left, right, labels), _unmatched(right, left, labels)))
        similarity.need(x for only_a, only_b in unmatched if only_a and only_b for x in only_a + only_b)
    for k, link in enumerate(crossing):
        ta, tb = position[link.a.article], position[link.b.article]
        sa = alignment.segments[ta][link.a.paragraph]
        sb = alignment.segments[tb][link.b.paragraph]
        tokens_a, tokens_b = _tokens(sa), _tokens(sb)
        if max(len(tokens_a), len(tokens_b)) > settings.label_max_sentence_tokens:
            continue  # a block of text, not a sentence (its mentions are already left out of the evidence)
        for x, y in _substitutions(tokens_a, tokens_b, settings):
            lx = _label_of(x, in_sentence[(ta, link.a.paragraph)], labels)
            ly = _label_of(y, in_sentence[(tb, link.b.paragraph)], labels)
            if lx in labels and ly in labels and lx != ly:
                edges.append((3, 0.0, *_pair(lx, ly)))
                examples[_pair(lx, ly)].append((sa, sb))
        if unmatched:
            present_a, present_b = in_sentence[(ta, link.a.paragraph)], in_sentence[(tb, link.b.paragraph)]
            for pair in _unmatched_pairs(*unmatched[k], similarity, settings):
                x, y = pair if pair[0] in present_a else pair[::-1]
                if _same_slot(tokens_a, tokens_b, x, y, present_a, present_b):
                    # a sentence repeated by a copy (syndication) is one piece of evidence, not two
                    paired[pair].add((sa, sb) if sa <= sb else (sb, sa))
                    examples[pair].append((sa, sb))
    for (a, b), seen in sorted(paired.items()):
        if len(seen) >= settings.label_context_pairs:
            edges.append((4, -similarity.cosine(a, b), a, b))
    return edges, examples


def _spans(tokens: Sequence[str], label: str) -> list[tuple[int, int]]:
    """Where the words of ``label`` stand in a sentence's tokens (a possessive ending ignored)."""
    words = label.split()
    bare = [t.removesuffix("'s").removesuffix("’s") for t in tokens]
    n = len(words)
    return [(i, i + n) for i in range(len(bare) - n + 1) if bare[i : i + n] == words]


def _same_slot(
    tokens_a: Sequence[str], tokens_b: Sequence[str], x: str, y: str, present_a: Sequence[str], present_b: Sequence[str]
) -> bool:
    """``x`` (in sentence a) and ``y`` (in sentence b) fill one slot: the words the two sentences share frame a gap
    (a stretch where they differ) that holds ``x`` and no other mention on side a, and ``y`` and no other mention on
    side b: one name put in place of another. "26 armed criminals had been killed" / "16 police officers and
    National Guard servicemen had been killed" frame one gap, but its side b names two groups: which one stands for
    "armed criminals" (if any) the sentences do not say. (Asking only that the two open or close the gap, beside
    the same shared words, joined more wrong pairs on NewsWCL50: 11 of 122 against 4 of 112.)"""
    matcher = difflib.SequenceMatcher(a=list(tokens_a), b=list(tokens_b), autojunk=False)
    spans_a = {label: _spans(tokens_a, label) for label in {x, *present_a}}
    spans_b = {label: _spans(tokens_b, label) for label in {y, *present_b}}

    def alone(label: str, spans: Mapping[str, list[tuple[int, int]]], lo: int, hi: int) -> bool:
        inside = [(i, j) for i, j in spans[label] if lo <= i and j <= hi]
        if not inside:
            return False
        i, j = inside[0]
        return not any(
            lo <= p and q <= hi and (q <= i or p >= j)  # another mention in the gap, apart from this one
            for other, where in spans.items()
            if other != label
            for p, q in where
        )

    return any(
        tag != "equal" and alone(x, spans_a, i1, i2) and alone(y, spans_b, j1, j2)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    )


def _unmatched(mine: set[str], theirs: set[str], labels: Mapping[str, _Label]) -> list[str]:
    """The descriptions of one side of a sentence pair that the other side does not mention."""
    return sorted(x for x in mine - theirs if not labels[x].name)


def _unmatched_pairs(
    only_a: Sequence[str], only_b: Sequence[str], similarity: _Similarity, settings: FramingSettings
) -> list[tuple[str, str]]:
    """Descriptions only one side of a sentence pair mentions, paired with their mutually most similar counterpart
    on the other side where the outlets choose between the two."""
    if not only_a or not only_b:
        return []
    score = similarity.matrix(only_a, only_b)
    pairs = []
    for i, x in enumerate(only_a):
        j = int(score[i].argmax())
        if (
            int(score[:, j].argmax()) == i
            and score[i, j] >= settings.label_context_similarity
            and similarity.complementary(x, only_b[j])
        ):
            pairs.append(_pair(x, only_b[j]))
    return pairs


def _head_edges(labels: Mapping[str, _Label], similarity: _Similarity, settings: FramingSettings) -> list[_Edge]:
    """Evidence from similar descriptions with one head word (rank 5)."""
    edges: list[_Edge] = []
    by_head: dict[str, list[str]] = defaultdict(list)
    for label, info in labels.items():
        if not info.name:
            by_head[info.head].append(label)
    if not similarity.active:
        return edges
    candidates: list[tuple[str, str, bool]] = []
    for group in by_head.values():
        for k, a in enumerate(sorted(group)):
            for b in sorted(group)[k + 1 :]:
                ma, mb = labels[a].modifiers, labels[b].modifiers
                nested = ma <= mb or mb <= ma
                if nested or similarity.complementary(a, b):
                    candidates.append((a, b, nested))
    similarity.need(x for a, b, _ in candidates for x in (a, b))
    for a, b, nested in candidates:
        need = settings.label_head_similarity if nested else settings.label_similarity
        if similarity.cosine(a, b) >= need:
            edges.append((5, -similarity.cosine(a, b), a, b))
    return edges


PEOPLE = ("people", "a group of people", "persons")
"""What a description of people is like (:func:`_people`) ..."""
NOT_PEOPLE = ("things", "events", "places", "actions")
"""... and what it is unlike."""


ACTOR = ("who", "someone", "a person", "people", "a group of people", "an organisation")
"""What a description of an actor is like (:func:`_actors`) ..."""
NOT_ACTOR = ("what", "something", "a thing", "an event", "a place", "an action", "an amount")
"""... and what it is unlike."""


def _actors(candidates: Sequence[str], labels: Mapping[str, _Label], embedder: Embedder) -> set[str]:
    """The descriptions in ``candidates`` that name an actor (a person, a group, a crowd, an organisation): the
    label or its last word is closer to one of the :data:`ACTOR` prototypes than to every :data:`NOT_ACTOR` one
    ("armed criminals" by "criminals"; not "details", "city", "pension reform"). Checked on a hand-made list of 120
    descriptions of people and organisations and 120 of things, places, events and amounts: 93 % of the first
    pass, 11 % of the second."""
    if not candidates:
        return set()
    texts = sorted(set(candidates) | {labels[c].words[-1] for c in candidates})
    vectors = np.asarray(embedder.encode(texts), dtype=np.float64)
    actor = np.asarray(embedder.encode(list(ACTOR)), dtype=np.float64)
    other = np.asarray(embedder.encode(list(NOT_ACTOR)), dtype=np.float64)
    lead = dict(zip(texts, (vectors @ actor.T).max(axis=1) - (vectors @ other.T).max(axis=1), strict=True))
    return {c for c in candidates if lead[c] > 0 or lead[labels[c].words[-1]] > 0}


def _people(candidates: Sequence[str], embedder: Embedder, margin: float) -> set[str]:
    """The labels in ``candidates`` that name people: closer to the :data:`PEOPLE` prototypes than to the
    :data:`NOT_PEOPLE` ones by at least ``margin`` (cosine) -- "rioters", "dock workers", not "protests", "riots"."""
    if not candidates:
        return set()
    people = np.asarray(embedder.encode(list(PEOPLE)), dtype=np.float64)
    other = np.asarray(embedder.encode(list(NOT_PEOPLE)), dtype=np.float64)
    vectors = np.asarray(embedder.encode(list(candidates)), dtype=np.float64)
    lead = (vectors @ people.T).max(axis=1) - (vectors @ other.T).max(axis=1)
    return {label for label, d in zip(candidates, lead, strict=True) if d >= margin}


def _derived(a: str, b: str) -> bool:
    """One word is the other plus an ending ("protest" / "protester"): an act and its actors, never one referent."""
    return a != b and (a.startswith(b) or b.startswith(a))


_QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’"})
_LEAD = r"(?:(?:the|a|an|these|those|some|mere|just) )?(?:[a-z][\w-]* )?"
"""What may come before a label inside a corrected phrase: a determiner and one word ("not *the dock* workers")."""


def _relabel_edges(alignment: Alignment, mentions: Sequence[_Mention], labels: Mapping[str, _Label]) -> list[_Edge]:
    """Evidence from sentences that name one group twice, correcting one name by the other (rank 2): "not
    protesters but terrorists", "provocateurs rather than dock workers". Descriptions only, each label in its
    phrase after at most a determiner and one word (:data:`_LEAD`)."""
    by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for m in mentions:
        if not m.name:
            by_sentence[(m.text, m.sentence)].add(m.label)
    edges: list[_Edge] = []
    for (t, s), present in sorted(by_sentence.items()):
        if len(present) < 2:
            continue
        text = " ".join(w for w in _tokens(alignment.segments[t][s]) if w not in _QUOTE_MARKS)
        if " but " not in text and " rather than " not in text:
            continue
        for x in sorted(present):
            for y in sorted(present - {x}):
                lx, ly = re.escape(x), re.escape(y)
                if re.search(rf"\bnot {_LEAD}{lx} ,? ?but {_LEAD}{ly}\b", text) or re.search(
                    rf"\b{ly} rather than {_LEAD}{lx}\b", text
                ):
                    edges.append((2, -1.0, *_pair(x, y)))
    return edges


def _together(mentions: Sequence[_Mention]) -> dict[str, set[str]]:
    """Label -> the other labels that share a sentence with it somewhere."""
    by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    for m in mentions:
        by_sentence[(m.text, m.sentence)].add(m.label)
    together: dict[str, set[str]] = defaultdict(set)
    for present in by_sentence.values():
        for label in present:
            together[label] |= present - {label}
    return together


def _cast_edges(
    together: Mapping[str, set[str]],
    labels: Mapping[str, _Label],
    similarity: _Similarity,
    embedder: Embedder,
    settings: FramingSettings,
) -> list[_Edge]:
    """Evidence from the cast of the event (rank 6): two plural descriptions of people ("protesters", "rioters")
    that different outlets choose between, that each share a sentence with the same other party (a description of
    people: "police") and never share one with each other, and whose labels are at least ``label_cast_similarity``
    alike. Two groups in one sentence ("clashes between police and protesters") are
    two parties, never one. A word each outlet uses once is still a choice when outlets choose it for the same
    part, which linked sentence pairs alone miss where one outlet tells the story in sentences of its own."""
    if not settings.label_cast_shared:
        return []
    beside = {label: {o for o in others if not labels[o].name} for label, others in together.items()}
    described = sorted(label for label, info in labels.items() if not info.name and beside.get(label))
    plural = [label for label in described if labels[label].words[-1] != labels[label].head]
    cast = sorted(_people(plural, embedder, settings.label_cast_margin))
    if len(cast) < 2:
        return []
    # Only the parties beside the cast need the people test (embedding every description cost more than the rest).
    beside_cast = sorted({o for a in cast for o in beside[a]} - set(plural))
    people = set(cast) | _people(beside_cast, embedder, settings.label_cast_margin)
    edges: list[_Edge] = []
    for k, a in enumerate(cast):
        for b in cast[k + 1 :]:
            if labels[a].head == labels[b].head or b in together[a] or _derived(labels[a].head, labels[b].head):
                continue
            shared = (beside[a] & beside[b] & people) - {a, b}
            if (
                len(shared) >= settings.label_cast_shared
                and similarity.complementary(a, b)
                and similarity.cosine(a, b) >= settings.label_cast_similarity
            ):
                edges.append((6, -similarity.cosine(a, b), a, b))
    return edges


def _found_in(
    alignment: Alignment, outlets: Sequence[str], mentions: Sequence[_Mention]
) -> dict[tuple[str, str], list[ParagraphRef]]:
    """The paragraphs where each (outlet, label) is mentioned."""
    found_in: dict[tuple[str, str], list[ParagraphRef]] = defaultdict(list)
    if alignment.parents or alignment.granularity == "paragraph":  # else sentences cannot be traced to paragraphs
        for m in mentions:
            paragraph = alignment.parents[m.text][m.sentence] if alignment.parents else m.sentence
            found_in[(outlets[m.text], m.label)].append(ParagraphRef(alignment.ids[m.text], paragraph))
    return found_in


def _label_group(
    members: Sequence[str],
    labels: Mapping[str, _Label],
    examples: Mapping[tuple[str, str], list[tuple[str, str]]],
    found_in: Mapping[tuple[str, str], list[ParagraphRef]],
    settings: FramingSettings,
) -> LabelGroup | None:
    """The group of one referent's labels, or ``None`` where its outlets do not differ enough to report."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for label in members:
        for name, n in labels[label].counts.items():
            counts[name][label] += n
    if len(counts) < 2 or sum(sum(c.values()) for c in counts.values()) < settings.label_min_mentions:
        return None
    heads: Counter[str] = Counter()
    for c in counts.values():
        for label, n in c.items():
            heads[labels[label].head] += n
    strong = {h for h, n in heads.items() if n >= settings.label_min_mentions}
    if len(strong) < 2 or len({frozenset(labels[m].head for m in c) & strong for c in counts.values()}) < 2:
        return None  # outlets differ only in modifiers ("the memos", "the redacted memos") or in one-off words
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    named = [label for label in total if labels[label].name]
    referent = min(named or list(total), key=lambda s: (-total[s], s))
    ordered = sorted(counts, key=str.casefold)
    pairs = [_pair(a, b) for k, a in enumerate(sorted(members)) for b in sorted(members)[k + 1 :]]
    shown = tuple(dict.fromkeys(e for p in pairs for e in examples.get(p, [])))[:3]
    return LabelGroup(
        referent=referent,
        by_outlet={o: _by_count(counts[o]) for o in ordered},
        counts={o: dict(sorted(counts[o].items())) for o in ordered},
        examples=shown,
        where={o: {label: _refs(found_in.get((o, label), [])) for label in sorted(counts[o])} for o in ordered},
    )
