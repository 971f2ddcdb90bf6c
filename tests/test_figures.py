"""Figures: the number parser (property tests), extraction of every case the module documents, grouping and
conflicts, and extraction quality on hand-annotated sentences of the shared corpora.

Hand annotations (``datasets/figure_annotations.jsonl``) hold ``doc_id``, ``sent_id`` and the figures of each
sentence, never the sentence text (the corpora's texts stay in ``../shared/datasets``). Sampling: sentences
with a digit or a number word from ECB+ and NewsWCL50 (ECB+ ``ecbplus`` sentence 0, the source URL, excluded);
``random.Random(20220107)`` drew 45 of them and then 15 from those that also contain a casualty or arrest word
(split ``dev``: used while writing the extractor); ``random.Random(7)`` then drew 30 + 15 more (split
``test``: annotated before the extractor was run on them). Guidelines: every cardinal quantity is a figure
(digits and words, money, percentages and fractions, vague plurals such as "dozens" with their lower bound,
durations and measures as counts) except years, dates, times, ages, ordinals, decades, scores and records,
numbers in names and model or weapon designations, and a bare "one" that is a pronoun or determiner ("one of",
"one day"); "no one"/"nobody" was injured counts 0 injured. A prediction is correct when value (relative
tolerance 1e-3) and kind match a gold figure of its sentence, each gold figure matched once.

Measured (105 sentences, 94 gold figures): P = R = 0.957 on all; the ``test`` split scored P 0.844, R 0.884 when
first run, and P = R = 0.953 after fixing the general rules it exposed (``magnitude-5.9``, ``euro110 billion``,
``four-by-four``, ``nineteen seventies``, ``between $60 million to $70 million``, ``including`` far from its
figure), so it is no longer a clean held-out measure.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coverage.analysis.figures import (
    Bound,
    FigureKind,
    FigureMention,
    article_figures,
    extract_figures,
    group_figures,
    parse_number,
)
from coverage.model import Article
from coverage.settings import FigureSettings

ANNOTATIONS = Path(__file__).resolve().parents[1] / "datasets" / "figure_annotations.jsonl"
SHARED = Path(os.environ.get("COVERAGE_DATASETS", Path(__file__).resolve().parents[2] / "shared" / "datasets"))

# Measured on the annotations whose hash follows (see the report in the module docstring); the gate sits a few
# points below. Change the annotations -> re-measure, then update the hash and the minimums together.
ANNOTATIONS_SHA256 = "1c6246fd7c06d84ab5b2c6aab775685887012a83a8443c573613603681dbbb96"
MIN_PRECISION = 0.92
MIN_RECALL = 0.92
MIN_TEST_PRECISION = 0.90
MIN_TEST_RECALL = 0.90


# --------------------------------------------------------------------------------------------------------------
# Helpers

_SMALL = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _below_thousand(n: int, use_and: bool, hyphen: bool) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_SMALL[hundreds], "hundred"]
    if rest:
        if hundreds and use_and:
            words.append("and")
        if rest < 20:
            words.append(_SMALL[rest])
        else:
            tens, units = divmod(rest, 10)
            if units:
                words.append(f"{_TENS[tens]}-{_SMALL[units]}" if hyphen else f"{_TENS[tens]} {_SMALL[units]}")
            else:
                words.append(_TENS[tens])
    return words


def to_words(n: int, *, use_and: bool = True, hyphen: bool = True, comma: bool = False) -> str:
    """``412305`` -> ``four hundred and twelve thousand, three hundred and five`` (variants by flag)."""
    if n == 0:
        return "zero"
    thousands, rest = divmod(n, 1000)
    parts = []
    if thousands:
        parts.append(" ".join([*_below_thousand(thousands, use_and, hyphen), "thousand"]))
    if rest:
        parts.append(" ".join(_below_thousand(rest, use_and, hyphen)))
    if thousands and rest and rest < 100 and use_and:
        return " and ".join(parts)  # "one thousand and five"
    return (", " if comma else " ").join(parts)


def one(text: str) -> FigureMention:
    figures = extract_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


def article(article_id: str, outlet: str, published: date | None, *paragraphs: str) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        outlet=outlet,
        title=article_id,
        paragraphs=paragraphs,
        published=published,
    )


def groups_of(*texts_and_dates: tuple[str, date | None]) -> list:
    pairs = []
    for number, (text, published) in enumerate(texts_and_dates):
        item = article(f"a{number}", f"outlet{number}", published, text)
        pairs.append((item, article_figures(item)))
    return group_figures(pairs)


# --------------------------------------------------------------------------------------------------------------
# Property tests of the parser


def test_to_words_helper_writes_the_documented_example() -> None:
    assert to_words(412305, comma=True) == "four hundred and twelve thousand, three hundred and five"
    assert to_words(412305, use_and=False, comma=True) == "four hundred twelve thousand, three hundred five"


@given(
    st.integers(min_value=0, max_value=999_999),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_numbers_written_in_words_round_trip(n: int, use_and: bool, hyphen: bool, comma: bool) -> None:
    written = to_words(n, use_and=use_and, hyphen=hyphen, comma=comma)
    assert parse_number(written) == n, written
    assert parse_number(written.capitalize()) == n, written


@given(st.integers(min_value=0, max_value=999_999_999))
def test_digits_round_trip_with_and_without_thousands_separators(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99))
def test_decimal_point_after_thousands_separators(n: int, cents: int) -> None:
    assert parse_number(f"{n:,}.{cents:02d}") == pytest.approx(n + cents / 100)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=9))
def test_decimal_comma_and_decimal_point_before_a_scale_word_agree(whole: int, tenth: int) -> None:
    expected = (whole + tenth / 10) * 1e6
    assert parse_number(f"{whole},{tenth} million") == pytest.approx(expected)
    assert parse_number(f"{whole}.{tenth} million") == pytest.approx(expected)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999))
def test_a_comma_before_three_digits_separates_thousands(thousands: int, units: int) -> None:
    assert parse_number(f"{thousands},{units:03d}") == thousands * 1000 + units


QUALIFIERS = [
    ("at least", Bound.AT_LEAST),
    ("more than", Bound.AT_LEAST),
    ("over", Bound.AT_LEAST),
    ("nearly", Bound.NEARLY),
    ("almost", Bound.NEARLY),
    ("just under", Bound.NEARLY),
    ("about", Bound.ABOUT),
    ("around", Bound.ABOUT),
    ("some", Bound.ABOUT),
    ("roughly", Bound.ABOUT),
    ("approximately", Bound.ABOUT),
    ("up to", Bound.AT_MOST),
    ("as many as", Bound.AT_MOST),
    ("fewer than", Bound.AT_MOST),
]


@given(st.sampled_from(QUALIFIERS), st.integers(min_value=2, max_value=999_999), st.booleans())
def test_qualifiers_give_bounds_that_contain_the_value(qualifier: tuple[str, Bound], n: int, words: bool) -> None:
    phrase, bound = qualifier
    number = to_words(n) if words else f"{n:,}"
    sentence = f"Officials said {phrase} {number} people were killed in the clashes."
    figure = one(sentence)
    settings = FigureSettings()
    assert (figure.value, figure.bound, figure.qualifier, figure.kind) == (n, bound, phrase, FigureKind.KILLED)
    assert sentence[figure.start : figure.end] == figure.text == f"{phrase} {number}"
    low, high = figure.interval
    assert low <= n <= high
    if bound is Bound.AT_LEAST:
        assert (figure.low, figure.high) == (n, None)
    elif bound is Bound.AT_MOST:
        assert (figure.low, figure.high) == (None, n)
    elif bound is Bound.NEARLY:
        assert (figure.low, figure.high) == (pytest.approx(n * (1 - settings.nearly_margin)), n)
    else:
        assert figure.low == pytest.approx(n * (1 - settings.about_margin))
        assert figure.high == pytest.approx(n * (1 + settings.about_margin))


@given(st.text(alphabet='0123456789,.-:/$%“”" abcdefkilmnoprstuwyADJKT\n', max_size=80))
def test_extraction_never_fails_and_spans_point_into_the_text(text: str) -> None:
    for figure in extract_figures(text):
        assert text[figure.start : figure.end] == figure.text
        assert figure.sentence in text and figure.text in figure.sentence
        low, high = figure.interval
        assert low <= high


# --------------------------------------------------------------------------------------------------------------
# Number phrases


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("37", 37),
        ("thirty-seven", 37),
        ("thirty seven", 37),
        ("a dozen", 12),
        ("two dozen", 24),
        ("dozens", 24),
        ("hundreds", 200),
        ("tens of thousands", 20_000),
        ("hundreds of thousands", 200_000),
        ("several hundred", 200),
        ("more than a thousand", 1000),
        ("nearly 6,000", 6000),
        ("$1.2 billion", 1.2e9),
        ("US$3m", 3e6),
        ("5 million euros", 5e6),
        ("€2bn", 2e9),
        ("1.2 million", 1.2e6),
        ("half a million", 500_000),
        ("80%", 80),
        ("80 per cent", 80),
        ("two-thirds", 200 / 3),
        ("one in five", 20),
        ("164", 164),
        ("5,800", 5800),
        ("1,5 million", 1.5e6),
        ("1,500", 1500),
        ("1.500.000", 1_500_000),
        ("four hundred and twelve thousand, three hundred five", 412_305),
        ("one million two hundred thousand", 1_200_000),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "hello", "five four", "1,2,3", "37 people", "the"])
def test_parse_number_rejects_what_is_not_one_number(text: str) -> None:
    assert parse_number(text) is None


# --------------------------------------------------------------------------------------------------------------
# Extraction: kinds, referents, qualifiers


def test_at_least_164_dead_including_103_in_almaty() -> None:
    text = "At least 164 dead, including 103 in Almaty, the country’s economic capital."
    total, part = extract_figures(text)
    assert (total.value, total.kind, total.referent, total.bound) == (164, FigureKind.KILLED, "people", Bound.AT_LEAST)
    assert (total.low, total.high, total.qualifier, total.text) == (164, None, "at least", "At least 164")
    assert (part.value, part.kind, part.referent, part.bound) == (
        103,
        FigureKind.KILLED,
        "people in Almaty",
        Bound.EXACT,
    )


def test_seed_article_toll_sentence_with_referents_and_broken_quotes() -> None:
    text = (
        "Again on Saturday, the authorities reported 26 “armed criminals»Killed and more than a thousand wounded "
        "as well as 16 killed and more than 1,300 wounded among the police."
    )
    criminals, wounded, police_dead, police_wounded = extract_figures(text)
    assert (criminals.value, criminals.kind, criminals.noun, criminals.referent) == (
        26,
        FigureKind.KILLED,
        "armed criminals",
        "protesters",
    )
    assert (wounded.value, wounded.kind, wounded.referent, wounded.bound) == (
        1000,
        FigureKind.INJURED,
        "people",
        Bound.AT_LEAST,
    )
    assert (police_dead.value, police_dead.kind, police_dead.referent) == (16, FigureKind.KILLED, "security forces")
    assert (police_wounded.value, police_wounded.kind, police_wounded.referent, police_wounded.qualifier) == (
        1300,
        FigureKind.INJURED,
        "security forces",
        "more than",
    )


@pytest.mark.parametrize(
    ("text", "value", "kind", "referent"),
    [
        ("Nearly 6,000 people have been arrested, the ministry said.", 6000, FigureKind.ARRESTED, "people"),
        ("Police detained 5,800 after the unrest.", 5800, FigureKind.ARRESTED, "people"),
        ("The interior ministry said 5,800 people had been detained.", 5800, FigureKind.ARRESTED, "people"),
        ("The death toll rose to 225 on Sunday.", 225, FigureKind.KILLED, "people"),
        ("Gunmen opened fire, killing 26 in the main square.", 26, FigureKind.KILLED, "people"),
        ("The clashes left 164 dead.", 164, FigureKind.KILLED, "people"),
        ("Sixteen police officers were killed.", 16, FigureKind.KILLED, "security forces"),
        ("Three soldiers have reportedly been wounded.", 3, FigureKind.INJURED, "security forces"),
        ("About 1,000 protesters were detained.", 1000, FigureKind.ARRESTED, "protesters"),
        ("Twelve people are still missing.", 12, FigureKind.MISSING, "people"),
        ("Authorities evacuated 3,000 residents.", 3000, FigureKind.EVACUATED, "people"),
        ("The floods displaced 40,000 people.", 40_000, FigureKind.DISPLACED, "people"),
        ("Hundreds of people were killed.", 200, FigureKind.KILLED, "people"),
        ("We have received around 50 people with injuries, a doctor said.", 50, FigureKind.INJURED, "people"),
        ("Police said three people, a man and two women, were killed.", 3, FigureKind.KILLED, "people"),
        ("The attack claimed the lives of 12 civilians.", 12, FigureKind.KILLED, "civilians"),
        ("Two possible gang members were arrested on Saturday.", 2, FigureKind.ARRESTED, "possible gang members"),
    ],
)
def test_kind_and_referent_from_the_words_around_the_number(
    text: str, value: float, kind: FigureKind, referent: str
) -> None:
    figure = extract_figures(text)[0]
    assert (figure.value, figure.kind, figure.referent) == (value, kind, referent)


@pytest.mark.parametrize(
    ("text", "value", "unit", "referent"),
    [
        ("The deal is worth $1.2 billion.", 1.2e9, "USD", "USD"),
        ("Russia pledged 5 million euros in aid.", 5e6, "EUR", "EUR"),
        ("The loan package of euro110 billion was approved.", 110e9, "EUR", "EUR"),
        ("Prices rose 80% in a year.", 80, "%", ""),
        ("Two-thirds of voters agreed.", 200 / 3, "%", "voters"),
        ("Turnout was 12 per cent of the electorate.", 12, "%", "electorate"),
    ],
)
def test_money_and_percentages(text: str, value: float, unit: str, referent: str) -> None:
    figure = one(text)
    assert figure.kind is (FigureKind.PERCENTAGE if unit == "%" else FigureKind.MONEY)
    assert (figure.value, figure.unit, figure.referent) == (pytest.approx(value), unit, referent)


def test_dozens_has_its_lower_bound_as_value_and_no_upper_bound() -> None:
    figure = one("Dozens were killed in the clashes.")
    assert (figure.value, figure.low, figure.high, figure.bound) == (24, 24, None, Bound.AT_LEAST)
    assert (figure.qualifier, figure.kind) == ("dozens", FigureKind.KILLED)


def test_ranges() -> None:
    between = one("Between 20 and 30 people were injured.")
    assert (between.value, between.low, between.high, between.bound) == (20, 20, 30, Bound.RANGE)
    assert between.kind is FigureKind.INJURED
    dashed = one("The merger takes another 90-120 days.")
    assert (dashed.low, dashed.high, dashed.referent) == (90, 120, "days")


def test_counts_of_time_units_are_plain_counts_even_next_to_a_kind_word() -> None:
    figure = one("He was arrested 3 days after the riots.")
    assert (figure.kind, figure.referent) == (FigureKind.COUNT, "days")


def test_no_one_was_injured_is_zero_injured() -> None:
    figure = one("No one was injured.")
    assert (figure.value, figure.kind) == (0, FigureKind.INJURED)


@pytest.mark.parametrize(
    "text",
    [
        "The protests began on January 2, 2022.",
        "Mr. Tokayev spoke on Jan. 7 and again on 10 January.",
        "The curfew starts at 8 p.m. and ends at 10:30.",
        "The 33-year-old actress and her friend, aged 40, left.",
        "Benjamin Banky, 40, of Vancouver was shot.",
        "It was the 21st protest since the 1990s.",
        "Under Article 5 of the treaty and Resolution 2231, No. 7 applies.",
        "The G7 and COVID-19 rules, the F-16 and Apollo 11 were discussed.",
        "The Group of Seven met in 2019.",
        "The Colts won 14-0 and improved to 10-5.",
        "One of the protesters said it was one day too late.",
        "The deal closes in the second half of 2008.",
        "Operations run 24/7 from 05/03/2013.",
    ],
)
def test_years_dates_times_ages_ordinals_designators_names_scores_are_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_one_counts_when_it_counts_people_or_is_qualified() -> None:
    assert one("One person was killed.").kind is FigureKind.KILLED
    assert one("It could result in at least one life sentence.").value == 1


def test_paragraph_index_and_spans() -> None:
    item = article("a", "Outlet", None, "No figures here.", "Police said 26 were killed. Another 5 were hurt.")
    figures = article_figures(item)
    assert [(f.paragraph, f.value, f.kind) for f in figures] == [
        (1, 26, FigureKind.KILLED),
        (1, 5, FigureKind.INJURED),
    ]
    paragraph = item.paragraphs[1]
    assert all(paragraph[f.start : f.end] == f.text for f in figures)
    assert figures[1].sentence == "Another 5 were hurt."


# --------------------------------------------------------------------------------------------------------------
# Grouping and conflicts


def _only_group(groups: list, kind: FigureKind) -> object:
    found = [g for g in groups if g.kind is kind]
    assert len(found) == 1, found
    return found[0]


def test_37_dead_versus_41_dead_conflict() -> None:
    group = _only_group(
        groups_of(("37 people were killed.", None), ("41 people were killed.", None)), FigureKind.KILLED
    )
    assert group.conflict and not group.is_update
    assert group.values == (37, 41) and group.interval is None


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("More than a thousand people were detained.", "Police detained 1,200 people."),
        ("Nearly 1,200 people were detained.", "Police detained 1,200 people."),
        ("About 1,100 people were detained.", "Police detained 1,200 people."),
        ("Up to 1,500 people were detained.", "Police detained 1,200 people."),
    ],
)
def test_qualified_figures_that_can_both_be_true_do_not_conflict(first: str, second: str) -> None:
    group = _only_group(groups_of((first, None), (second, None)), FigureKind.ARRESTED)
    assert not group.conflict and len(group.mentions) == 2


def test_at_least_164_versus_225_is_no_conflict() -> None:
    group = _only_group(
        groups_of(("At least 164 dead.", None), ("The death toll rose to 225.", None)), FigureKind.KILLED
    )
    assert not group.conflict
    assert group.interval == (225, 225)


def test_a_later_higher_toll_is_an_update() -> None:
    groups = groups_of(
        ("164 people were killed.", date(2022, 1, 9)),
        ("The death toll rose to 225.", date(2022, 1, 15)),
    )
    group = _only_group(groups, FigureKind.KILLED)
    assert group.conflict and group.is_update
    assert [m.figure.value for m in group.mentions] == [164, 225]  # by publication date
    assert [m.outlet for m in group.mentions] == ["outlet0", "outlet1"]
    assert group.mentions[0].published == date(2022, 1, 9)


def test_a_later_lower_figure_is_not_an_update() -> None:
    groups = groups_of(("225 people were killed.", date(2022, 1, 9)), ("164 people were killed.", date(2022, 1, 15)))
    group = _only_group(groups, FigureKind.KILLED)
    assert group.conflict and not group.is_update


def test_referents_keep_security_forces_and_protesters_and_totals_apart() -> None:
    groups = groups_of(
        ("Sixteen police officers were killed and 26 protesters were killed.", None),
        ("16 killed among the police, 30 armed criminals killed and 164 dead in total.", None),
    )
    killed = {g.referent: g for g in groups if g.kind is FigureKind.KILLED}
    assert set(killed) == {"security forces", "protesters", "people"}
    assert not killed["security forces"].conflict
    assert killed["protesters"].conflict  # 26 against 30
    assert len(killed["people"].mentions) == 1


def test_different_quantities_of_one_kind_are_separate_groups() -> None:
    groups = groups_of(("Two journalists were arrested.", None), ("5,800 journalists were arrested.", None))
    assert [len(g.mentions) for g in groups] == [1, 1]
    assert not any(g.conflict for g in groups)


def test_mentions_of_one_article_never_conflict_with_each_other() -> None:
    groups = groups_of(("The toll rose from 164 to 225.", None))
    assert not any(g.conflict for g in groups)


def test_plain_counts_are_grouped_unless_switched_off() -> None:
    first = article("a", "A", None, "Three leaders met.")
    second = article("b", "B", None, "Four leaders met.")
    pairs = [(first, article_figures(first)), (second, article_figures(second))]
    assert group_figures(pairs, FigureSettings(group_counts=False)) == []
    groups = group_figures(pairs)
    assert len(groups) == 1 and groups[0].conflict


def test_short_spans_of_time_are_never_grouped_as_counts() -> None:
    # Issue 14 changed this: spans of years and months (prison terms) are grouped now; spans of days and hours,
    # which grow with the article's date, still are not.
    first = article("a", "A", None, "The protests lasted three days.")
    second = article("b", "B", None, "The protests lasted two days.")
    assert group_figures([(first, article_figures(first)), (second, article_figures(second))]) == []


def test_prison_terms_in_digits_words_and_compounds_are_one_group() -> None:
    texts = ("He was jailed for 9 years.", "He was caged for nine years.", "He appealed against his nine-year term.")
    arts = [article(f"a{k}", f"O{k}", None, text) for k, text in enumerate(texts)]
    groups = group_figures([(a, article_figures(a)) for a in arts])
    assert [(g.referent, g.values, g.verdict) for g in groups] == [("prison term", (9.0,), "agree")]


# --------------------------------------------------------------------------------------------------------------
# Quality gate on the hand annotations


def _repair(text: str) -> str:
    """Undo the detokenisation of ECB+ texts, which spaces numbers: ``100, 000``, ``6. 1``, ``38 - year - old``."""
    text = re.sub(r"(?<![\w.])(\d{1,3}), (\d{3})\b", r"\1,\2", text)
    text = re.sub(r"(\d)\. (\d)", r"\1.\2", text)
    text = re.sub(r"(\d): (\d)", r"\1:\2", text)
    text = re.sub(r"(\d) / (\d)", r"\1/\2", text)
    return re.sub(r"(\w) - (?=\w)", r"\1-", text)


def _score(rows: list[dict], sentences: dict[tuple[str, str, int], str]) -> tuple[float, float]:
    true_positives = predicted = gold_total = 0
    for row in rows:
        text = _repair(sentences[(row["corpus"], row["doc_id"], row["sent_id"])])
        gold = [(g["value"], g["kind"]) for g in row["figures"]]
        predictions = [(f.value, f.kind.value) for f in extract_figures(text)]
        predicted += len(predictions)
        gold_total += len(gold)
        for value, kind in predictions:
            hit = next(
                (g for g in gold if g[1] == kind and math.isclose(g[0], value, rel_tol=1e-3, abs_tol=1e-9)),
                None,
            )
            if hit is not None:
                gold.remove(hit)
                true_positives += 1
    return true_positives / max(predicted, 1), true_positives / max(gold_total, 1)


@pytest.mark.slow
def test_extraction_quality_on_hand_annotated_sentences() -> None:
    if not (SHARED / "ecbplus" / "documents.jsonl").is_file():
        pytest.skip(f"shared datasets not found at {SHARED} (set COVERAGE_DATASETS to their folder)")
    data = ANNOTATIONS.read_bytes()
    assert hashlib.sha256(data).hexdigest() == ANNOTATIONS_SHA256, "annotations changed: re-measure the minimums"
    rows = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    wanted = {(r["corpus"], r["doc_id"]) for r in rows}
    sentences: dict[tuple[str, str, int], str] = {}
    for corpus in ("ecbplus", "newswcl50"):
        with (SHARED / corpus / "documents.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                if (corpus, doc["doc_id"]) in wanted:
                    for sentence in doc["sentences"]:
                        sentences[(corpus, doc["doc_id"], sentence["sent_id"])] = sentence["text"]
    precision, recall = _score(rows, sentences)
    test_precision, test_recall = _score([r for r in rows if r["split"] == "test"], sentences)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall)
    assert test_precision >= MIN_TEST_PRECISION and test_recall >= MIN_TEST_RECALL, (test_precision, test_recall)


def test_a_partial_count_beside_a_matching_total_is_not_a_conflict() -> None:
    wire = article("w", "Wire", None, "At least 19 people were killed. In one town, 10 people were killed.")
    post = article("p", "Post", None, "At least 19 people were killed, and 10 people were killed by a landslide.")
    other = article("o", "Other", None, "In all, 12 people were killed.")
    pairs = [(a, article_figures(a)) for a in (wire, post)]
    assert not any(g.conflict for g in group_figures(pairs))
    # Issue 14 changed this: the wire gives two incompatible values for "people killed" (19 and 10), so the
    # referent does not say which quantity the other article's 12 is; the group is split and no conflict is claimed.
    pairs.append((other, article_figures(other)))
    assert not any(g.conflict for g in group_figures(pairs))


# --------------------------------------------------------------------------------------------------------------
# Figures with their meaning (issue 14)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hospitals have treated 85 people for injuries. Of them, 40 were hospitalised.",
            [("injured", "people"), ("injured", "people (part)")],
        ),
        ("Forty of the injured remain in hospital.", [("injured", "people (part)")]),
        ("Twelve people died. Three of them were firefighters.", [("killed", "people"), ("killed", "firefighters")]),
        (
            "Seven people have died in the violence in our city, including two police officers.",
            [("killed", "people"), ("killed", "security forces")],
        ),
        ("The death toll from clashes in the port city of Port Ardel rose to 7 on Wednesday.", [("killed", "people")]),
        ("Nine people were treated for minor injuries.", [("injured", "people")]),
        (
            "Turnout was 58 percent, compared with 64 percent in 2021.",
            [("percentage", "turnout"), ("percentage", "turnout (before)")],
        ),
        ("In 2021 the party had won 47 seats.", [("count", "seats (2021)")]),
        (
            "It raised its policy rate by 50 basis points to 4.75 percent.",
            [("percentage", "rate change"), ("percentage", "rate")],
        ),
        ("The average mortgage rate is already 7.1%.", [("percentage", "mortgage rate")]),
        (
            "The bank expects inflation to ease to 3.5% by the end of this year.",
            [("percentage", "inflation (forecast)")],
        ),
        # a singular noun after "one", and a name between the noun and its verb
        ("One crew member of the Oskel Trader is missing.", [("missing", "crew")]),
        ("One sailor from the Oskel Trader was still missing on Wednesday.", [("missing", "crew")]),
        ("One day later, the port reopened.", []),
        # the dead named by an idiom or a euphemism
        (
            "Sixteen police officers and servicemen gave their lives in the line of duty.",
            [("killed", "security forces")],
        ),
        ('Police said dozens of attackers had been "liquidated" overnight.', [("killed", "protesters")]),
        # people named by the verb before them; plain people counts stay unnamed (never grouped)
        ("The plant employs around 600 people.", [("count", "employees")]),
        ("Some 600 people gathered outside.", [("count", "people")]),
        # a singular unit used as a modifier counts that unit; "the 46 needed" is no modifier
        ("He faces a 2.5 million crown fine.", [("money", "crowns")]),
        ("Riddick Bowe returned with an eight round decision win.", [("count", "")]),
        ("He hit a 3-pointer with 2 seconds left.", [("count", ""), ("count", "seconds")]),
        ("Two officers suffered minor injuries.", [("injured", "security forces")]),
        ("It adds 90 crowns a month to a typical 200,000-crown home loan.", [("money", "crowns")] * 2),
        ("He was fined 2,000 zlotys.", [("money", "PLN")]),
        ("The party won 38 seats in the 90-member assembly.", [("count", "seats"), ("count", "seats (total)")]),
        ("It is short of the 46 needed to govern alone.", [("count", "seats for a majority")]),
        # vote shares and their changes in points, read from the party named in the clause or the sentence
        (
            "The Civic Union took 31.4 percent, ahead of the Progress Alliance on 27.9 percent.",
            [("percentage", "vote share")] * 2,
        ),
        (
            "The Homeland Movement made gains in Valmark on Sunday, adding 6.1 points to finish with 19.2 percent.",
            [("percentage", "vote share change"), ("percentage", "vote share")],
        ),
        ("Piet Kovar's party piled on more than six points.", [("percentage", "vote share change")]),
        ("The ruling party raised the sales tax by 5%.", [("percentage", "")]),
        ("Exports to the European Union rose 12% to 40 billion euros.", [("percentage", ""), ("money", "EUR")]),
        ("The index fell 300 points.", [("count", "points")]),
        # a currency's move against another
        ("The crown closed Thursday 1.1% higher against the euro.", [("percentage", "crowns against EUR")]),
        ("Shares closed 1.1% higher against the index.", [("percentage", "")]),
        # an ordinal counts repeated events only with "since", "this" or "in a row"
        ("It was the bank's third increase since October.", [("count", "increases")]),
        ("It was the fifth straight rise this year.", [("count", "rises")]),
        ("They reached their first final in 22 years.", [("count", "years")]),
        ("Growth slowed in the second half.", []),
        ("They reached the playoffs for the first time since the 2004-05 season.", []),
        ("Prices rose for the third time since May.", []),
        # an expected change in points is its own quantity; a change in points without a topic stays unnamed
        ("Markets had mostly priced in a quarter-point rise.", [("percentage", "change (expected)")]),
        ("Most economists had pencilled in a 25-basis-point move.", [("percentage", "change (expected)")]),
        ("The dissenters preferred a smaller rise of 25 basis points.", [("percentage", "")]),
        # vote tallies; a score or a span of years is no tally
        ("The committee voted 7-2 for the move.", [("count", "votes for"), ("count", "votes against")]),
        ("It was pushed through on a 7-2 vote.", [("count", "votes for"), ("count", "votes against")]),
        ("The decision was backed by seven of nine members.", [("count", "votes for"), ("count", "members (total)")]),
        ("The two dissenting members preferred a smaller rise.", [("count", "votes against")]),
        ("They sealed a 3-1 win over Aldermoor.", []),
        ("Spending was approved in 2019-20.", []),
        # "two others": others of the noun counted just before
        ("He was convicted on four counts and acquitted on two others.", [("count", "charges"), ("count", "charges")]),
        ("Four people were killed and two others injured.", [("killed", "people"), ("injured", "people")]),
    ],
)
def test_figures_carry_their_meaning(text: str, expected: list[tuple[str, str]]) -> None:
    item = article("a", "A", None, text)
    assert [(str(m.kind), m.referent) for m in article_figures(item)] == expected


def test_basis_points_and_percentage_points_are_the_same_change() -> None:
    values = [m.value for m in extract_figures("a 50-basis-point hike, half a percentage point, a quarter-point rise")]
    assert values == [0.5, 0.5, 0.25]


def test_same_day_difference_is_a_conflict_naming_the_outlets_and_later_counts_an_update() -> None:
    same_day = groups_of(("58 were injured.", date(2025, 3, 11)), ("85 were injured.", date(2025, 3, 11)))
    group = _only_group(same_day, FigureKind.INJURED)
    assert group.verdict == "conflict" and group.disagreeing == ("outlet0", "outlet1")
    rising = groups_of(
        ("Three people were killed.", date(2025, 3, 10)),
        ("Five people were killed.", date(2025, 3, 11)),
        ("The death toll rose to 7.", date(2025, 3, 12)),
    )
    assert _only_group(rising, FigureKind.KILLED).verdict == "update"
    found = groups_of(
        ("Five people were missing.", date(2025, 10, 14)), ("Two people are missing.", date(2025, 10, 15))
    )
    assert _only_group(found, FigureKind.MISSING).verdict == "update"


def test_two_values_in_one_article_split_the_group_without_a_conflict() -> None:
    herald = article("h", "Herald", None, "The Greens won six seats. The Progress Alliance won 29 seats.")
    flash = article("f", "Flash", None, "The Homeland Movement will take 17 seats.")
    groups = group_figures([(a, article_figures(a)) for a in (herald, flash)])
    assert groups and not any(g.conflict for g in groups)


def test_plain_counts_of_one_class_but_other_nouns_are_not_compared() -> None:
    groups = groups_of(
        ("The ship had 18 Indian sailors on board.", None), ("Sixteen crew members were aboard the ship.", None)
    )
    assert not any(g.conflict for g in groups)


def test_crowd_estimates_on_later_days_conflict_and_plain_people_counts_stay_apart() -> None:
    crowd = groups_of(
        ("Several thousand dock workers marched towards the port authority.", date(2025, 3, 10)),
        ('About 800 people joined the so-called "peaceful" march.', date(2025, 3, 11)),
        ("About 5,000 dock workers set off on Monday to protest against the reform.", date(2025, 3, 12)),
    )
    group = _only_group(crowd, FigureKind.COUNT)
    assert group.referent == "protesters" and group.verdict == "conflict"
    plain = groups_of(("Some 800 people live nearby.", None), ("About 5,000 people live nearby.", None))
    assert plain == []
    cities = groups_of(
        ("In Heraklion, 10,000 people are reported as marching.", None),
        ("In Thessaloniki, 20,000 people marched through the city centre.", None),
        ("Another 20,000 people marched through the city.", None),
    )
    assert not any(g.conflict for g in cities)


def test_vote_tallies_group_across_wordings_and_stay_apart_from_committee_size() -> None:
    groups = groups_of(
        ("The committee voted 7-2 for the move.", None),
        ("The decision was backed by seven of nine members.", None),
        ("It was pushed through on a 7-2 vote.", None),
    )
    by_referent = {g.referent: g for g in groups}
    assert len(by_referent["votes for"].mentions) == 3 and by_referent["votes for"].verdict == "agree"
    assert len(by_referent["votes against"].mentions) == 2


# --------------------------------------------------------------------------------------------------------------
# Figures without a referent, matched by context (coverage.analysis.figures.context)

DAY = date(2026, 3, 9)


def _values(group) -> list[float]:  # type: ignore[no-untyped-def]
    return sorted(m.figure.value for m in group.mentions)


def test_rates_without_a_referent_join_across_outlets_by_the_words_around_them() -> None:
    groups = groups_of(
        ("Brevania will impose tariffs of 25% on steel and aluminium and 10% on car parts.", DAY),
        ("Trade Minister Helena Marsh announced tariffs of 25 per cent on steel and aluminium.", DAY),
        ("Car parts will face a 10 per cent charge from April, ministers said.", DAY),
    )
    by_value = {tuple(_values(g)): g for g in groups if len({m.outlet for m in g.mentions}) > 1}
    assert (25.0, 25.0) in by_value and (10.0, 10.0) in by_value
    assert not any(g.conflict or g.is_update for g in groups)


def test_the_same_rate_in_other_words_is_not_joined_and_unlike_rates_never_conflict_by_context() -> None:
    groups = groups_of(
        ("Inflation eased to 2% in March, the statistics office said.", DAY),
        ("Unemployment stood at 2% of the workforce in the northern region.", DAY),
        ("Brevania will impose tariffs of 25% on steel.", DAY),
        ("Brevania will impose tariffs of 10% on steel, officials said.", DAY),
    )
    assert not any(len({m.outlet for m in g.mentions}) > 1 for g in groups)


def test_another_value_in_a_sentence_anchored_by_an_agreeing_figure_is_a_conflict() -> None:
    groups = groups_of(
        ("The Vessen Composite index fell 412 points, or 2.3%, to close at 17,508.", DAY),
        ("Traders sent the Vessen Composite plunging 412 points, or 3.2 per cent.", DAY),
    )
    rates = [g for g in groups if g.kind is FigureKind.PERCENTAGE]
    assert len(rates) == 1 and rates[0].conflict and not rates[0].is_update
    groups = groups_of(  # no anchor: the words alone do not make two values one quantity
        ("The Vessen Composite index fell 2.3% on Monday to close lower.", DAY),
        ("The Vessen Composite index fell 3.2% on Monday to close lower.", DAY),
    )
    assert not any(g.conflict for g in groups)


def test_a_sum_stated_more_exactly_the_next_day_is_no_update() -> None:
    groups = groups_of(
        ("The tariffs cover more than $100 billion of imports.", date(2026, 3, 9)),
        ("The tariffs cover $112bn of imports.", date(2026, 3, 10)),
    )
    money = [g for g in groups if g.kind is FigureKind.MONEY]
    assert len(money) == 1 and not money[0].is_update and not money[0].conflict


def test_share_moves_of_two_companies_are_two_quantities() -> None:
    groups = groups_of(
        ("Shares in carmaker Halden Motors fell about 5 per cent.", DAY),
        ("Grain traders were hit, and shares in Ostrand Grain lost 3.8%.", DAY),
        ("The shares fell 4% in early trading.", DAY),
    )
    assert not any(g.conflict for g in groups)
    assert not any(len({m.outlet for m in g.mentions}) > 1 for g in groups)
