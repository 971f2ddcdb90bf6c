"""Grouping: mentions of the same quantity across articles, and whether they conflict or show an update."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

from coverage.analysis.figures.context import context_links
from coverage.analysis.figures.wholes import MAJORITY, TOTAL
from coverage.analysis.figures.words import _GENERIC_REFERENT, _REFERENT_CLASSES
from coverage.model import Article
from coverage.model.figures import Bound, FigureGroup, FigureKind, FigureMention, LocatedFigure
from coverage.settings import FigureSettings

_CUMULATIVE = frozenset({FigureKind.KILLED, FigureKind.INJURED, FigureKind.ARRESTED})
_CROWDS = frozenset({"protesters"})  # referents of counts that are a crowd's size
# classes whose nouns differ only by what they are of ("bribery counts", "counts") or name one thing ("the Assembly's
# 399 seats", "the 399-member chamber"); a whole's size (" (total)") is headless when its class is
_HEADLESS = frozenset({"charges", "seats (total)", "members (total)", "km/h", "mph", MAJORITY})
_SHORT_SPAN_WORDS = (
    "second seconds minute minutes hour hours day days week weeks time times decade decades century centuries"
)
_SHORT_SPANS = frozenset(_SHORT_SPAN_WORDS.split())
_BEFORE = " (before)"


def _is_short_span(referent: str) -> bool:
    """``two days``, ``three weeks``: spans that grow with the article's date, and ``three decades``: spans of
    history; not quantities outlets dispute (spans of months and years, such as prison terms, are grouped)."""
    words = referent.lower().split()
    return bool(words) and words[-1] in _SHORT_SPANS


def group_figures(
    mentions_per_article: Iterable[tuple[Article, Sequence[FigureMention]]],
    settings: FigureSettings | None = None,
) -> list[FigureGroup]:
    """Group the mentions of the same quantity across articles and flag the ones that cannot all be true.

    Mentions are grouped by kind and referent (counts only with ``group_counts``, and by the noun they count;
    percentages and counts without a referent never); inside such a bucket, values within ``group_ratio`` of each
    other (sorted, single linkage) are one quantity. When one article gives two values in such a group that cannot
    both be true (the seats of two parties, the sentence and the term prosecutors sought), the referent does not
    tell the quantities apart: the group is split into runs of compatible values and no disagreement is claimed.
    Groups come sorted by kind, referent and value.
    """
    settings = settings or FigureSettings()
    buckets: dict[tuple[FigureKind, str, str], list[LocatedFigure]] = defaultdict(list)
    loose: list[LocatedFigure] = []
    for article, mentions in mentions_per_article:
        for mention in mentions:
            if mention.kind is FigureKind.COUNT and (not settings.group_counts or _is_short_span(mention.referent)):
                continue
            if not mention.referent:
                if settings.group_by_context and mention.kind is FigureKind.PERCENTAGE:
                    loose.append(LocatedFigure(article.id, article.outlet, article.published, mention))
                continue
            if mention.kind is FigureKind.COUNT and mention.referent == _GENERIC_REFERENT:
                continue  # "600 people" employed, "300 people" living nearby: people counted for what, unknown
            located = LocatedFigure(article.id, article.outlet, article.published, mention)
            buckets[(mention.kind, mention.referent, _count_head(mention))].append(located)
    _join_earlier_values(buckets)
    _attribute_shares(buckets)
    if loose:
        _place_by_context(buckets, loose)
    kind_order = list(FigureKind)
    groups: list[FigureGroup] = []
    for (kind, referent, _), items in sorted(buckets.items(), key=lambda kv: (kind_order.index(kv[0][0]), *kv[0][1:])):
        for cluster in _clusters_by_ratio(items, settings.group_ratio):
            for part in _unambiguous(cluster):
                groups.append(_make_group(kind, referent, part, settings.about_margin))
    return groups


def _join_earlier_values(buckets: dict[tuple[FigureKind, str, str], list[LocatedFigure]]) -> None:
    """An earlier value a later article gives (``rose to 3.58% from 3.41%`` on Thursday) that an earlier article
    gave as the value then (``stood at 3.41%`` on Wednesday) is that quantity's earlier reading: it joins the
    quantity's bucket, where it shows the update. Earlier values no earlier article gave stay a quantity of their
    own (``cut its forecast to 1.2% from 1.8%`` in every article: the old forecast)."""
    for key in [k for k in buckets if k[1].endswith(_BEFORE)]:
        current = buckets.get((key[0], key[1].removesuffix(_BEFORE), key[2]))
        if not current:
            continue
        joining = [m for m in buckets[key] if any(_reported_earlier(c, m) for c in current)]
        current.extend(joining)
        buckets[key] = [m for m in buckets[key] if m not in joining]
        if not buckets[key]:
            del buckets[key]


_SHARES_OF = "shares of "


def _place_by_context(
    buckets: dict[tuple[FigureKind, str, str], list[LocatedFigure]], loose: list[LocatedFigure]
) -> None:
    """Figures without a referent join the quantity of another outlet's figure they match by value and context
    (:mod:`coverage.analysis.figures.context`), or form one with the loose figures they match."""
    bucket_of = {id(item): key for key, items in buckets.items() for item in items}
    placed = [item for items in buckets.values() for item in items]
    parent: dict[int, int] = {id(item): id(item) for item in (*loose, *placed)}

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shared_words: dict[int, frozenset[str]] = {}
    for a, b, shared in context_links(loose, placed):
        parent[root(id(a))] = root(id(b))
        shared_words[id(a)] = shared_words.get(id(a), frozenset()) | shared
    members: dict[int, list[LocatedFigure]] = defaultdict(list)
    for item in loose:
        members[root(id(item))].append(item)
    anchors: dict[int, set[tuple[FigureKind, str, str]]] = defaultdict(set)
    for item in placed:
        anchors[root(id(item))].add(bucket_of[id(item)])
    for component, items in members.items():
        keys = anchors.get(component, set())
        if len(keys) == 1:
            buckets[next(iter(keys))].extend(items)
        elif not keys and len({item.article_id for item in items}) >= 2:
            words = sorted(set().union(*(shared_words.get(id(item), frozenset()) for item in items)))[:3]
            buckets[(items[0].figure.kind, "as worded: " + " ".join(words), "")].extend(items)
        # two quantities matched (keys > 1): which one each loose figure is, is not told


_SHARES_OF = "shares of "


def _attribute_shares(buckets: dict[tuple[FigureKind, str, str], list[LocatedFigure]]) -> None:
    """Share moves that name their company (``shares in Ostrand Grain lost 3.8%``) are that company's. Where the
    event's mentions name one company only, a move that names none (``the shares shed 9.3%``) is the same company's
    and all join one quantity; where they name two or more, a move that names none cannot be told apart and is not
    grouped (precision first), and each company's moves stay their own."""
    named = [key for key in buckets if key[1].startswith(_SHARES_OF)]
    companies = {key[1][len(_SHARES_OF) :].split(" change ", 1)[0] for key in named}
    if len(companies) == 1:
        for key in named:
            plain = (key[0], "shares change " + key[1].split(" change ", 1)[1], key[2])
            buckets.setdefault(plain, []).extend(buckets.pop(key))
    elif len(companies) > 1:
        for key in [k for k in buckets if k[1].startswith("shares change ")]:
            del buckets[key]


def _reported_earlier(current: LocatedFigure, before: LocatedFigure) -> bool:
    earlier = current.published is not None and before.published is not None and current.published < before.published
    return earlier and current.figure.compatible(before.figure)


def _change_in_one(a: FigureMention, b: FigureMention) -> bool:
    """An earlier and a current value of one article in one group: a change it reports, no ambiguity."""
    return a.referent.endswith(_BEFORE) != b.referent.endswith(_BEFORE)


def _count_head(mention: FigureMention) -> str:
    """For a plain count whose noun joined its class by its last words only, the head of the noun, singular (``18
    Indian sailors`` -> ``sailor``): the crew of one ship is not compared with ``Sixteen crew members`` of another.
    ``""`` for other kinds, for a noun of the class itself (``crew members``, ``troops``, ``dissenting members``)
    and for counts whose referent a phrase gives (a vote tally, an ordinal, people who marched)."""
    if mention.kind is not FigureKind.COUNT or not mention.noun or mention.noun in _REFERENT_CLASSES:
        return ""
    if (
        mention.referent in _HEADLESS or mention.referent.removesuffix(TOTAL) in _HEADLESS or mention.unit is not None
    ):  # "bribery counts" are counts; "48-hour strike"
        return ""
    head = mention.noun.split()[-1]
    if head.endswith("ies"):
        return head[:-3] + "y"
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def _unambiguous(cluster: list[LocatedFigure]) -> list[list[LocatedFigure]]:
    """The cluster, or its runs of compatible values when one article holds two incompatible values in it."""
    by_article: dict[str, list[FigureMention]] = defaultdict(list)
    for item in cluster:
        by_article[item.article_id].append(item.figure)
    ambiguous = any(
        not a.compatible(b) and not _change_in_one(a, b)
        for figures in by_article.values()
        for a, b in combinations(figures, 2)
    )
    if not ambiguous:
        return [cluster]
    runs: list[list[LocatedFigure]] = []
    for item in sorted(cluster, key=lambda m: m.figure.magnitude):
        if runs and all(item.figure.compatible(other.figure) for other in runs[-1]):
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _clusters_by_ratio(items: list[LocatedFigure], ratio: float) -> list[list[LocatedFigure]]:
    ordered = sorted(items, key=lambda m: m.figure.magnitude)
    clusters: list[list[LocatedFigure]] = []
    for item in ordered:
        if clusters and _within_ratio(clusters[-1][-1].figure.magnitude, item.figure.magnitude, ratio):
            clusters[-1].append(item)
        else:
            clusters.append([item])
    return clusters


def _within_ratio(smaller: float, larger: float, ratio: float) -> bool:
    if smaller <= 0:
        return larger <= 0
    return larger <= smaller * ratio


def _make_group(kind: FigureKind, referent: str, cluster: list[LocatedFigure], margin: float) -> FigureGroup:
    # Two mentions conflict when they cannot both be true and neither has a compatible value in the other's
    # article: an article that also gives a matching total (164 beside 103 in Almaty) does not contradict it.
    by_article: dict[str, list[FigureMention]] = defaultdict(list)
    for item in cluster:
        by_article[item.article_id].append(item.figure)

    def matched(figure: FigureMention, article_id: str) -> bool:
        return any(figure.compatible(other) for other in by_article[article_id])

    conflicting = [
        (a, b)
        for a, b in combinations(cluster, 2)
        if a.article_id != b.article_id
        and not a.figure.compatible(b.figure)
        and not matched(a.figure, b.article_id)
        and not matched(b.figure, a.article_id)
    ]
    # Where dated mentions show the quantity reported over several days, an undated mention that differs may be
    # one point of that series, in an order that cannot be told: no conflict is claimed from it (precision first)
    # and the group says a date is unknown. A crowd's two estimates disagree whatever the dates.
    series = len({item.published for item in cluster if item.published is not None}) >= 2
    undated = [pair for pair in conflicting if series and _order_unknown(*pair)]
    if undated:
        conflicting = [pair for pair in conflicting if not _order_unknown(*pair)]
    is_update = bool(conflicting) and all(_is_later_count(a, b) for a, b in conflicting)
    if not conflicting:  # "more than 3,000" by midday, 4,800 the next day: a later count, not the same estimate
        is_update = any(_refines(a, b, margin) for a, b in combinations(cluster, 2))
        # an article's earlier and current value in the group: "rose to 3.58% from 3.41%" (the earlier article's)
        is_update = is_update or any(
            _change_in_one(a, b) and not a.compatible(b)
            for figures in by_article.values()
            for a, b in combinations(figures, 2)
        )
    same_day = [(a, b) for a, b in conflicting if not _is_later_count(a, b)]
    disagreeing = tuple(sorted({m.outlet for pair in (same_day or conflicting) for m in pair}, key=str.casefold))
    mentions = tuple(
        sorted(
            cluster,
            key=lambda m: (m.published or date.min, m.outlet.casefold(), m.article_id, m.paragraph, m.figure.start),
        )
    )
    return FigureGroup(
        kind=kind,
        referent=referent,
        conflict=bool(conflicting),
        is_update=is_update,
        mentions=mentions,
        disagreeing=disagreeing,
        dates_unknown=bool(undated) and not conflicting and not is_update,
    )


def _order_unknown(a: LocatedFigure, b: LocatedFigure) -> bool:
    """True when one of two conflicting mentions has no publication date and the quantity is one that is counted
    again later (not a crowd's size): which came first, and so whether it is an update, cannot be told."""
    if a.published is not None and b.published is not None:
        return False
    return not (a.figure.kind is FigureKind.COUNT and a.figure.referent in _CROWDS)


def _is_later_count(a: LocatedFigure, b: LocatedFigure) -> bool:
    """True when two conflicting mentions were published on different days and the later one can be a later count:
    any later value (missing people found, a later turnout), except that a count that only grows (the dead, the
    injured, the arrested) cannot be lower later, and a crowd (``800 people joined the march``) is not counted
    again later: two estimates of it disagree. On the same day (or a day unknown) they disagree."""
    if a.published is None or b.published is None or a.published == b.published:
        return False
    if a.figure.kind is FigureKind.COUNT and a.figure.referent in _CROWDS:
        return False  # the size of a crowd on one day is estimated, not counted again later
    earlier, later = (a, b) if a.published < b.published else (b, a)
    return a.figure.kind not in _CUMULATIVE or earlier.figure.interval[1] < later.figure.interval[0]


def _refines(a: LocatedFigure, b: LocatedFigure, margin: float) -> bool:
    """True when one of two compatible mentions is a lower bound (``more than 3,000``, ``at least 30``) and the
    other, published on a later day, is well above it (more than ``about_margin`` over it: 4,800, 43): a later count
    that replaces an early one. ``more than 160`` and a later 164 say the same; a crowd is not counted again."""
    if a.published is None or b.published is None or a.published == b.published:
        return False
    if a.figure.kind in (FigureKind.MONEY, FigureKind.PERCENTAGE):
        return False  # "more than $100 billion" of goods, then "$112bn": one sum stated more exactly, not a recount
    earlier, later = (a, b) if a.published < b.published else (b, a)
    first, second = earlier.figure, later.figure
    if first.bound is not Bound.AT_LEAST or (first.kind is FigureKind.COUNT and first.referent in _CROWDS):
        return False
    return second.interval[0] * second.scale > first.magnitude * (1 + margin)
