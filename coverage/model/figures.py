"""Figures: a number phrase and what it counts (:class:`FigureMention`), where it was found (:class:`LocatedFigure`),
and the mentions of one quantity across articles (:class:`FigureGroup`). Filled by :mod:`coverage.analysis.figures`."""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from datetime import date

__all__ = ["Bound", "FigureGroup", "FigureKind", "FigureMention", "LocatedFigure"]

_EPSILON = 1e-9  # relative tolerance of interval comparisons (floating-point noise of the margins)
_HOURS = {"minutes": 1 / 60, "hours": 1.0, "days": 24.0, "weeks": 168.0, "months": 730.0, "years": 8760.0}
"""Units of a length of time, in hours: values in two of them are compared in hours (48 hours are two days)."""


class FigureKind(enum.StrEnum):
    """What a figure counts."""

    KILLED = "killed"
    INJURED = "injured"
    MISSING = "missing"
    ARRESTED = "arrested"
    EVACUATED = "evacuated"
    DISPLACED = "displaced"
    MONEY = "money"
    PERCENTAGE = "percentage"
    COUNT = "count"


class Bound(enum.StrEnum):
    """How a qualifier bounds a figure (see :mod:`coverage.analysis.figures.extraction`)."""

    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    NEARLY = "nearly"
    RANGE = "range"


@dataclass(frozen=True)
class FigureMention:
    """A number phrase in a text and what it counts.

    ``text`` is ``source[start:end]`` of the text given to :func:`extract_figures`, qualifier included
    (``Nearly 6,000``); ``sentence`` is the sentence around it. ``low``/``high`` are the bounds implied by the
    qualifier (``None``: unbounded). ``referent`` is the class of the counted noun (``people``,
    ``security forces``), the currency code for money, the ``of ...`` phrase for a percentage, ``""`` when
    unknown; ``noun`` is the counted noun as written. ``paragraph`` is the paragraph index in the article.
    """

    value: float
    low: float | None
    high: float | None
    qualifier: str | None
    kind: FigureKind
    referent: str
    text: str
    sentence: str
    start: int
    end: int
    bound: Bound = Bound.EXACT
    noun: str | None = None
    unit: str | None = None
    """``%`` for percentages, an ISO currency code for money, a unit of time for a length (``hours``), else ``None``."""
    paragraph: int = 0

    @property
    def interval(self) -> tuple[float, float]:
        """``(low, high)`` with infinities for missing bounds."""
        return (
            -math.inf if self.low is None else self.low,
            math.inf if self.high is None else self.high,
        )

    @property
    def scale(self) -> float:
        """What one of the value's unit is in the common unit of its quantity (a day is 24 hours), else 1."""
        return _HOURS.get(self.unit or "", 1.0)

    @property
    def magnitude(self) -> float:
        """The value in the common unit of its quantity (``2`` days: 48)."""
        return self.value * self.scale

    def compatible(self, other: FigureMention) -> bool:
        """Whether both figures can be true at once: their intervals (in a common unit) intersect."""
        low = max(self.interval[0] * self.scale, other.interval[0] * other.scale)
        high = min(self.interval[1] * self.scale, other.interval[1] * other.scale)
        return low <= high + _EPSILON * max(1.0, abs(high) if math.isfinite(high) else 1.0)


@dataclass(frozen=True)
class LocatedFigure:
    """A figure with the article it comes from."""

    article_id: str
    outlet: str
    published: date | None
    figure: FigureMention

    @property
    def paragraph(self) -> int:
        return self.figure.paragraph


@dataclass(frozen=True)
class FigureGroup:
    """Mentions of the same quantity (same kind, same referent, values within ``group_ratio``) across articles.

    ``conflict``: two mentions from different articles cannot both be true given their qualifiers.
    ``is_update``: every conflicting pair has two different publication dates (the later one is a later count: a
    toll that rose, missing people found), so a report can show it as an update rather than a disagreement; a
    same-day revision is a conflict. A group with no conflict is an update too when a later day's value is well
    above an earlier lower bound (``more than 3,000`` by midday, 4,800 the next day). ``disagreeing``: the outlets
    of the conflicting pairs (of the same-day ones when there are any).
    """

    kind: FigureKind
    referent: str
    conflict: bool
    is_update: bool
    mentions: tuple[LocatedFigure, ...]
    disagreeing: tuple[str, ...] = ()
    dates_unknown: bool = False
    """The values differ only between mentions of which one has no publication date: a later count or a
    disagreement, which cannot be told; no conflict is claimed (verdict ``unclear``)."""

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({m.outlet for m in self.mentions}, key=str.casefold))

    @property
    def label(self) -> str:
        """``killed (people)``: the kind, with the referent when there is one."""
        return f"{self.kind} ({self.referent})" if self.referent else str(self.kind)

    @property
    def verdict(self) -> str:
        """``conflict``, ``update`` (later articles give higher values), ``unclear`` (values differ where a date is
        unknown) or ``agree``."""
        if self.is_update:
            return "update"
        if self.dates_unknown:
            return "unclear"
        return "conflict" if self.conflict else "agree"

    def by_date(self) -> list[LocatedFigure]:
        """The mentions by publication date (unknown last), then outlet and paragraph."""
        return sorted(self.mentions, key=lambda m: (m.published or date.max, m.outlet.casefold(), m.paragraph))

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(sorted({m.figure.value for m in self.mentions}))

    @property
    def interval(self) -> tuple[float, float] | None:
        """The values every mention allows, or ``None`` when they conflict."""
        low = max(m.figure.interval[0] for m in self.mentions)
        high = min(m.figure.interval[1] for m in self.mentions)
        return (low, high) if low <= high else None
