"""Label groups scored against gold: purity (precision) of the tool's groups and recall of the gold groups.

Gold is a set of *chains* per event: each chain one referent, with the strings each outlet names it by (NewsWCL50's
concept chains, ECB+'s entity coreference chains, the ``label_groups`` of the project's gold corpora). A string is
normalised as the label finder normalises a mention (lower case, no leading determiner or honorific, no possessive).

A tool label of outlet O *matches* a gold string of O when the two are equal, or when one ends with the other as a
token sequence (the head kept: "dock workers" matches "striking dock workers", "voss" matches "premier ana voss";
"korea" does not match "korea's leader"). The chains of a label are those of its exact matches in any outlet of the
group that uses it, else those of its suffix matches.

Purity: every pair of different labels in one tool group is *right* when their chains share one, *wrong* when both
have chains and none is shared, and *unjudged* otherwise (a label gold does not mention). A group is *pure* with at
least one right pair and no wrong one, *mixed* with a wrong pair.

Recall: a gold pair is two different strings of one chain in two different outlets; it is *found* when one tool
group holds a label of the first outlet matching the first string and a different label of the second outlet
matching the second.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from coverage.analysis.framing.names import _normalise_label
from coverage.model.framing import LabelGroup

__all__ = ["Gold", "LabelScores", "gold_from_groups", "score_labels"]

Gold = dict[str, dict[str, set[str]]]
"""outlet -> normalised gold string -> the chains it belongs to."""


def gold_from_groups(groups: Iterable[tuple[str, Mapping[str, Sequence[str]]]]) -> Gold:
    """Gold from (chain id, outlet -> strings) pairs."""
    gold: Gold = defaultdict(lambda: defaultdict(set))
    for chain, by_outlet in groups:
        for outlet, strings in by_outlet.items():
            for text in strings:
                if label := _normalise_label(text):
                    gold[outlet][label].add(chain)
    return gold


def _ends_with(longer: Sequence[str], shorter: Sequence[str]) -> bool:
    return 0 < len(shorter) <= len(longer) and tuple(longer[-len(shorter) :]) == tuple(shorter)


def _matches(label: str, strings: Mapping[str, set[str]]) -> tuple[set[str], set[str]]:
    """The chains of ``label`` among one outlet's gold ``strings``: (exact matches, suffix matches)."""
    exact = set(strings.get(label, ()))
    words = label.split()
    loose: set[str] = set()
    for text, chains in strings.items():
        other = text.split()
        if text != label and (_ends_with(other, words) or _ends_with(words, other)):
            loose |= chains
    return exact, loose


def _chains(label: str, outlets: Iterable[str], gold: Gold) -> set[str]:
    exact: set[str] = set()
    loose: set[str] = set()
    for outlet in outlets:
        e, lo = _matches(label, gold.get(outlet, {}))
        exact |= e
        loose |= lo
    return exact or loose


@dataclass
class LabelScores:
    """Counts of label-group pairs and groups (purity) and of gold pairs and chains (recall)."""

    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    pure: int = 0
    mixed: int = 0
    groups: int = 0
    gold_pairs: int = 0
    found_pairs: int = 0
    gold_chains: int = 0
    found_chains: int = 0
    wrong_pairs: list[tuple[str, str, str]] = field(default_factory=list)

    def __add__(self, other: LabelScores) -> LabelScores:
        total = LabelScores(wrong_pairs=self.wrong_pairs + other.wrong_pairs)
        for name in _COUNTS:
            setattr(total, name, getattr(self, name) + getattr(other, name))
        return total

    @property
    def pair_precision(self) -> float:
        return self.right / max(self.right + self.wrong, 1)

    @property
    def group_precision(self) -> float:
        return self.pure / max(self.pure + self.mixed, 1)

    @property
    def pair_recall(self) -> float:
        return self.found_pairs / max(self.gold_pairs, 1)

    @property
    def chain_recall(self) -> float:
        return self.found_chains / max(self.gold_chains, 1)

    def summary(self) -> str:
        return (
            f"pairs right {self.right}/{self.right + self.wrong} = {self.pair_precision:.3f} "
            f"({self.unjudged} unjudged); groups pure {self.pure}/{self.pure + self.mixed} = "
            f"{self.group_precision:.3f} ({self.groups} groups); gold pairs found {self.found_pairs}/"
            f"{self.gold_pairs} = {self.pair_recall:.3f}; chains found {self.found_chains}/{self.gold_chains}"
        )


_COUNTS = (
    "right",
    "wrong",
    "unjudged",
    "pure",
    "mixed",
    "groups",
    "gold_pairs",
    "found_pairs",
    "gold_chains",
    "found_chains",
)


def score_labels(groups: Sequence[LabelGroup], gold: Gold) -> LabelScores:
    """Purity of ``groups`` and recall of the pairs of ``gold`` (one event)."""
    scores = LabelScores(groups=len(groups))
    for group in groups:
        users: dict[str, list[str]] = defaultdict(list)
        for outlet, labels in group.by_outlet.items():
            for label in labels:
                users[label].append(outlet)
        chains = {label: _chains(label, outlets, gold) for label, outlets in users.items()}
        members = sorted(users)
        right = wrong = 0
        for k, a in enumerate(members):
            for b in members[k + 1 :]:
                if not chains[a] or not chains[b]:
                    scores.unjudged += 1
                elif chains[a] & chains[b]:
                    right += 1
                else:
                    wrong += 1
                    scores.wrong_pairs.append((group.referent, a, b))
        scores.right += right
        scores.wrong += wrong
        scores.pure += right > 0 and wrong == 0
        scores.mixed += wrong > 0
    # recall: pairs of different strings of one chain in two outlets
    by_chain: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for outlet, strings in gold.items():
        for text, chain_ids in strings.items():
            for chain in chain_ids:
                by_chain[chain][outlet].add(text)
    for by_outlet in by_chain.values():
        outlets = sorted(by_outlet)
        pairs = [
            (oa, x, ob, y)
            for i, oa in enumerate(outlets)
            for ob in outlets[i + 1 :]
            for x in sorted(by_outlet[oa])
            for y in sorted(by_outlet[ob])
            if x != y
        ]
        if not pairs:
            continue
        scores.gold_chains += 1
        found = sum(any(_found(group, p) for group in groups) for p in pairs)
        scores.gold_pairs += len(pairs)
        scores.found_pairs += found
        scores.found_chains += found > 0
    return scores


def _found(group: LabelGroup, pair: tuple[str, str, str, str]) -> bool:
    oa, x, ob, y = pair
    left = [u for u in group.by_outlet.get(oa, ()) if _matches(u, {x: {""}}) != (set(), set())]
    right = [v for v in group.by_outlet.get(ob, ()) if _matches(v, {y: {""}}) != (set(), set())]
    return any(u != v for u in left for v in right)
