"""Figure verdicts where a publication date is unknown: a series of dated counts with an undated mention."""

from __future__ import annotations

from datetime import date

from coverage.analysis.figures import FigureKind
from tests.test_figures import groups_of


def _group(*texts_and_dates: tuple[str, date | None]):  # type: ignore[no-untyped-def]
    found = [g for g in groups_of(*texts_and_dates) if g.kind is FigureKind.ARRESTED]
    assert len(found) == 1, found
    return found[0]


def test_undated_mention_in_a_dated_series_is_unclear_not_a_conflict() -> None:
    group = _group(
        ("Police detained more than 2,000 people.", date(2022, 1, 6)),
        ("Police detained about 8,000 people.", date(2022, 1, 10)),
        ("Police detained nearly 6,000 people.", None),
        ("Police detained more than 3,000 people.", None),
    )
    assert not group.conflict
    assert group.verdict == "update"  # the dated mentions alone rise from one day to a later one


def test_undated_difference_alone_beside_a_dated_series_is_unclear() -> None:
    group = _group(
        ("Police detained 500 people.", date(2022, 1, 6)),
        ("Police detained 500 people.", date(2022, 1, 9)),
        ("Police detained 900 people.", None),
    )
    assert not group.conflict and not group.is_update
    assert group.dates_unknown and group.verdict == "unclear"


def test_same_day_revision_stays_a_conflict_beside_an_undated_mention() -> None:
    group = _group(
        ("Police detained 500 people.", date(2022, 1, 6)),
        ("Police detained 900 people.", date(2022, 1, 6)),
        ("Police detained 1,400 people.", date(2022, 1, 8)),
        ("Police detained 700 people.", None),
    )
    assert group.conflict and group.verdict == "conflict"


def test_undated_groups_without_a_dated_series_keep_their_conflict() -> None:
    group = _group(("Police detained 500 people.", None), ("Police detained 900 people.", None))
    assert group.conflict and not group.dates_unknown
