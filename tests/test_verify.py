"""Verification of facts: each outlet's whole text is searched before an omission is claimed.

The vectors here are made by hand (one direction per meaning), so each test sets exactly the signal it is about:
cosine, content coverage, numbers, quotes, roles.
"""

from __future__ import annotations

import numpy as np
import pytest

from coverage.analysis.verification import SentenceIndex, absorb_facts, terms, verify_facts
from coverage.analysis.verification.terms import numbers_differ, stages_differ
from coverage.analysis.verification.verdicts import ANOTHER_STAGE, TOPIC_WORDS
from coverage.model import Article, Fact, FactEvidence, OutletCheck, Verdict
from coverage.settings import FactSettings
from coverage.text.cleaning import split_clauses

DIM = 8


def unit(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[: len(weights)] = weights
    return v / np.linalg.norm(v)


def index_of(texts: dict[str, list[tuple[str, np.ndarray]]]) -> SentenceIndex:
    """One article per outlet, one paragraph per sentence."""
    articles, sentences, parents, vectors = [], [], [], []
    for outlet, items in texts.items():
        articles.append(Article(f"{outlet}.txt", f"{outlet}.txt", outlet, "Title", tuple(s for s, _ in items)))
        sentences.append([s for s, _ in items])
        parents.append(list(range(len(items))))
        vectors.append(np.stack([v for _, v in items]))
    return SentenceIndex(articles, sentences, parents, vectors)


def fact_of(index: SentenceIndex, members: list[tuple[int, int]]) -> Fact:
    evidence = tuple(
        FactEvidence(index.articles[i].outlet, index.articles[i].id, k, index.sentences[i][k], "upper")
        for i, k in members
    )
    outlets = tuple(sorted({e.outlet for e in evidence}))
    return Fact("f1", evidence[0].sentence, outlets, (), evidence)


def verify(index: SentenceIndex, fact: Fact) -> Fact:
    outlets = sorted({a.outlet for a in index.articles})
    (out,) = verify_facts([fact], index, outlets, FactSettings())
    return out


FIRE = unit(1, 0, 0)
FIRE_PARAPHRASE = unit(1, 0.45, 0)  # cosine 0.91
OTHER = unit(0, 0, 1)
NEAR = unit(0.55, 0, 1)  # cosine 0.48 to FIRE: below the omission threshold


def test_a_paraphrase_the_alignment_missed_is_found_and_states() -> None:
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse on Monday.", FIRE)],
            "B": [("The grain warehouse burned down on Monday.", FIRE)],
            "C": [
                ("Unrelated words about a football match.", OTHER),
                ("Fire gutted the grain warehouse.", FIRE_PARAPHRASE),
            ],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.outlets == ("A", "B", "C")
    assert fact.missing == ()
    assert fact.verdict("C") is Verdict.STATES
    found = next(e for e in fact.evidence if e.outlet == "C")
    assert found.verified and found.sentence == "Fire gutted the grain warehouse."


def test_nothing_alike_is_an_omission_with_the_closest_sentence_shown() -> None:
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse on Monday.", FIRE)],
            "B": [("The grain warehouse burned down on Monday.", FIRE)],
            "C": [("The minister opened a school.", OTHER), ("Shops closed early.", NEAR)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.missing == ("C",)
    check = fact.check("C")
    assert check is not None and check.verdict is Verdict.OMITS
    assert check.closest is not None and check.closest.sentence == "Shops closed early."
    assert 0.5 < check.confidence <= 1.0


def test_shared_content_words_block_an_omission() -> None:
    """A low cosine alone is not enough: a sentence carrying the fact's rare words makes the verdict unclear."""
    index = index_of(
        {
            "A": [("Looters emptied shops on Quay Street overnight.", FIRE)],
            "B": [("Shops on Quay Street were looted overnight.", FIRE)],
            "C": [("Overnight, looters emptied several Quay Street shops.", NEAR)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is not Verdict.OMITS


def test_another_number_for_the_same_quantity_states_differently() -> None:
    index = index_of(
        {
            "A": [("Twelve people were killed in the blast.", FIRE)],
            "B": [("The blast killed 12 people.", FIRE)],
            "C": [("The blast killed 14 people.", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.DIFFERENT
    assert "C" not in fact.missing and "C" in fact.different


def test_the_same_quote_given_to_another_speaker_states_differently() -> None:
    index = index_of(
        {
            "A": [('"We are here to stay," Kovar told the rally.', FIRE)],
            "B": [('Kovar said: "We are here to stay."', FIRE)],
            "C": [('"We are here to stay," Brandt crowed.', FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.DIFFERENT


def test_reversed_roles_are_not_the_same_fact() -> None:
    index = index_of(
        {
            "A": [("Voss accused Brandt of lying to voters.", FIRE)],
            "B": [("Voss accused Brandt of lying.", FIRE)],
            "C": [("Brandt accused Voss of lying to voters.", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.UNCLEAR
    check = fact.check("C")
    assert check is not None and check.note == "roles reversed"


def test_an_aligned_member_with_roles_reversed_is_taken_out_of_the_fact() -> None:
    index = index_of(
        {
            "A": [("Marsh criticised Halden over the rate rise.", FIRE)],
            "B": [("Marsh criticised Halden on Monday.", FIRE)],
            "C": [("Halden criticised Marsh over the rate rise.", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0), (2, 0)]))
    assert "C" not in fact.outlets
    assert fact.verdict("C") is not Verdict.STATES


def test_a_fact_verified_into_a_wider_one_is_absorbed() -> None:
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse.", FIRE)],
            "B": [("The grain warehouse burned down.", FIRE)],
            "C": [("Fire gutted the grain warehouse.", FIRE_PARAPHRASE)],
        }
    )
    wide = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    alone = verify(index, fact_of(index, [(2, 0)]))
    assert [f.outlets for f in absorb_facts([wide, alone])] == [("A", "B", "C")]


@pytest.mark.parametrize(
    ("sentence", "numbers"),
    [
        ("Three hundred people were evacuated.", {"300"}),
        ("Twelve people died.", {"12"}),
        ("Police detained 1,300 people on 5 January 2022.", {"1300", "5", "2022"}),
    ],
)
def test_terms_read_numbers_in_digits_and_words(sentence: str, numbers: set[str]) -> None:
    assert terms(sentence).numbers == numbers


def test_synonyms_of_the_news_share_a_stem() -> None:
    assert terms("Twelve people died.").stems & terms("The blast killed 12.").stems == {"kill"}
    assert "arrest" in terms("Police detained hundreds.").stems


def test_clauses_cover_the_sentence_and_keep_quotes_whole() -> None:
    sentence = "The blast killed 12 people at the plant, and the fire burned for nine hours."
    assert split_clauses(sentence) == ["The blast killed 12 people at the plant", "and the fire burned for nine hours."]
    short = "The blast killed 12 people, including three firefighters, and injured 43."
    assert split_clauses(short) == [short]  # pieces under four words stay with their neighbour
    quote = '"We are no longer a protest party; we are here to stay," Brandt said.'
    assert split_clauses(quote) == [quote]


def test_compatible_figures_are_not_stated_differently() -> None:
    """'nearly 6,000' and 'more than 5,800' can both be true: the same statement, not another number."""
    index = index_of(
        {
            "A": [("Police said nearly 6,000 people had been detained.", FIRE)],
            "B": [("Nearly 6,000 people were detained, police said.", FIRE)],
            "C": [("More than 5,800 people have been detained, police said.", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.STATES


def _omission_confidence(b_vector: np.ndarray) -> float:
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse on Monday.", FIRE)],
            "B": [("The grain warehouse burned down on Monday.", b_vector)],
            "C": [("Unrelated words about a football match.", unit(0.6, 0, 1))],  # cosine 0.51 to A
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    check = fact.check("C")
    assert check is not None and check.verdict is Verdict.OMITS
    return check.confidence


def test_an_omission_is_surer_when_the_outlet_misses_two_separate_wordings_of_the_fact() -> None:
    copy = _omission_confidence(FIRE)  # B words it as A does (a wire copy): one wording
    own = _omission_confidence(unit(1, 1, 0))  # B's own wording, cosine 0.71 to A, 0.36 to C's sentence
    assert copy == pytest.approx(0.5 + 0.5 * (1 - 0.514 / 0.6), abs=0.01)  # as sure as with A's wording alone
    assert own > copy
    assert own == pytest.approx(1 - (1 - copy) * (1 - (0.5 + 0.5 * (1 - 0.364 / 0.6))), abs=0.01)


@pytest.mark.parametrize(
    ("weights", "verdict"), [((0.55, 0, 0.835), Verdict.STATES), ((0.45, 0, 0.89), Verdict.UNCLEAR)]
)
def test_a_moderate_cosine_with_most_of_the_content_states_as_it_confirms_a_member(
    weights: tuple[float, ...], verdict: Verdict
) -> None:
    """The rule that keeps an aligned member (cosine >= confirm_cosine with states_coverage of the content) also
    admits a sentence found by the search; under confirm_cosine the same words leave it unclear."""
    index = index_of(
        {
            "A": [("Looters emptied shops on Quay Street overnight.", FIRE)],
            "B": [("Shops on Quay Street were looted overnight.", FIRE)],
            "C": [("Overnight, looters emptied several Quay Street shops.", unit(*weights))],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is verdict


def test_a_sentence_alike_in_topic_only_is_the_least_sure_omission() -> None:
    """A mid cosine (0.65: over omit_cosine, under states_cosine) with none of the fact's content: omitted, at
    the least sureness, so that it is folded apart and never listed, however many wordings were searched."""
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse on Monday.", FIRE)],
            "B": [("The grain warehouse burned down on Monday.", unit(1, 1, 0))],
            "C": [("Unrelated words about a football match.", unit(0.65, 0, 0.76))],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    check = fact.check("C")
    assert check is not None and check.verdict is Verdict.OMITS and "C" in fact.missing
    assert check.confidence == 0.5 < FactSettings().min_confidence


def _row(fact_id: str, outlet: str, sentence: str, other: str, other_sentence: str, cosine: float) -> Fact:
    """A one-outlet row whose search of ``other`` landed, unclear, on ``other_sentence``."""
    evidence = FactEvidence(outlet, f"{outlet}.txt", 0, sentence, "upper")
    closest = FactEvidence(other, f"{other}.txt", 0, other_sentence, "upper")
    checks = (
        OutletCheck(other, Verdict.UNCLEAR, 0.5, cosine, 0.2, closest),
        OutletCheck("C", Verdict.OMITS, 0.9, 0.1, 0.0, None),
    )
    return Fact(fact_id, sentence, (outlet,), ("C",), (evidence,), checks)


@pytest.mark.parametrize(("cosine", "rows"), [(0.55, 1), (0.45, 2)])
def test_rows_whose_searches_land_on_each_other_are_one_fact(cosine: float, rows: int) -> None:
    a_says, b_says = "Several shops on Quay Street were looted.", "Hooligans then looted shops by the harbour."
    facts = [_row("f1", "A", a_says, "B", b_says, cosine), _row("f2", "B", b_says, "A", a_says, cosine)]
    merged = absorb_facts(facts)
    assert len(merged) == rows
    if rows == 1:
        (fact,) = merged
        assert fact.outlets == ("A", "B") and {e.sentence for e in fact.evidence} == {a_says, b_says}
        assert fact.missing == ("C",) and [c.outlet for c in fact.checks] == ["C"]


TWO_FACTS = "Police declared a state of emergency in the capital, and the government shut down the internet nationwide."
EMERGENCY = unit(1, 0.3, 0, 0.2)  # cosine 0.9 to the two-fact sentence's vector
TWO = unit(1, 0.3, 0.3, 0)


def _partial_row(
    *,
    split: bool = True,
    b_sentence: str = "Police declared a state of emergency in the capital.",
    c_sentence: str = "The government shut down the internet nationwide on Friday.",
) -> list[Fact]:
    index = index_of(
        {
            "A": [(TWO_FACTS, TWO)],
            "B": [(b_sentence, EMERGENCY), ("Unrelated words about a football match.", OTHER)],
            "C": [(c_sentence, unit(0.6, 0, 0.8))],
        }
    )
    fact = fact_of(index, [(0, 0), (1, 0)])
    return verify_facts([fact], index, ["A", "B", "C"], FactSettings(split_parts=split))


def test_a_row_an_outlet_states_only_part_of_is_split_into_verified_clauses() -> None:
    """B states the emergency and not the internet shutdown of A's sentence: one row per clause; B states the first
    and omits the second (none of its sentences carries any of it), C is found stating the second."""
    first, second = _partial_row()
    assert first.text == "Police declared a state of emergency in the capital"
    assert first.outlets == ("A", "B")
    assert second.text.startswith("and the government shut down the internet")
    assert second.outlets == ("A", "C")
    check = second.check("B")
    assert check is not None and check.verdict is Verdict.OMITS and "B" in second.missing
    assert check.confidence >= FactSettings().min_confidence
    assert [e.sentence for e in second.evidence if e.outlet == "A"] == [second.text]


def test_a_row_is_not_split_when_the_switch_is_off_or_no_outlet_states_only_part() -> None:
    (whole,) = _partial_row(split=False)
    assert whole.text == TWO_FACTS and "B" in whole.outlets
    (whole,) = _partial_row(
        b_sentence="Police declared an emergency and the government shut down the internet.",
        c_sentence="Unrelated words about a tennis match.",
    )
    assert whole.text == TWO_FACTS


def test_a_row_is_not_split_when_an_outlet_carries_a_clause_neither_clearly_nor_clearly_not() -> None:
    """B's sentence carries a few words of the second clause (between half and all of omit_coverage): unclean."""
    (whole,) = _partial_row(b_sentence="Police declared a state of emergency in the capital, the government said.")
    assert whole.text == TWO_FACTS


TOPIC_A = unit(0.75, 0.661, 0)  # cosine 0.75 to FIRE, 0.56 to TOPIC_B
TOPIC_B = unit(0.75, 0, 0.661)  # cosine 0.75 to FIRE
AWAY = unit(0.2, 0, 0.98)  # cosine 0.2 to FIRE


@pytest.mark.parametrize(("second", "verdict"), [(TOPIC_B, Verdict.UNCLEAR), (AWAY, Verdict.STATES)])
def test_a_cosine_alone_states_only_when_the_sentence_stands_out_from_the_outlet_s_others(
    second: np.ndarray, verdict: Verdict
) -> None:
    """Inside one story most sentences are alike in topic: a cosine over ``states_cosine`` with none of the fact's
    content counts as a statement only when the outlet's next sentence is ``states_margin`` further from the fact;
    otherwise the outlet is unclear, neither stating nor omitting it."""
    index = index_of(
        {
            "A": [("A fire destroyed the grain warehouse on Monday.", FIRE)],
            "B": [("The grain warehouse burned down on Monday.", FIRE)],
            "C": [("Investors cheered the chip deal.", TOPIC_A), ("Analysts expect higher margins.", second)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is verdict
    assert ("C" in fact.outlets) is (verdict is Verdict.STATES)
    assert "C" not in fact.missing


def test_a_question_states_nothing() -> None:
    """The closest sentence of C is a reader question at a paraphrase's cosine: no statement, no omission."""
    index = index_of(
        {
            "A": [("Two aftershocks of magnitude 2.9 and 2.2 followed the quake.", FIRE)],
            "B": [("The quake was followed by two aftershocks.", FIRE)],
            "C": [("Have you felt any aftershocks after the quake?", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.UNCLEAR
    assert "C" not in fact.outlets and "C" not in fact.missing


def test_another_magnitude_is_not_the_same_quake() -> None:
    small = terms("Earlier this morning, an earthquake with a preliminary magnitude of 2.0 struck near The Geysers.")
    assert numbers_differ(small, terms("A 4.6-magnitude earthquake rattled Sonoma County early Thursday."))
    assert numbers_differ(small, terms("An earthquake measuring 4.6 rattled Sonoma and Lake counties."))
    assert not numbers_differ(terms("A magnitude 4.6 quake hit."), terms("An M4.6 earthquake struck the area."))


@pytest.mark.parametrize(
    ("first", "second", "differ"),
    [
        ("Voss is accused of shooting Brandt.", "A jury found Voss guilty of shooting Brandt.", True),
        ("The trial of Voss is under way.", "Voss was convicted of the murder on Friday.", True),
        ("Voss was arrested on Monday.", "Voss was sentenced to life in prison.", True),
        ("Two climbers were rescued alive.", "Two climbers were found dead.", True),
        ("Voss was charged with murder.", "Prosecutors charged Voss with murder on Monday.", False),
        ("Voss, arrested in May, was convicted on Friday.", "A jury convicted Voss.", False),
        ("Voss was convicted of murder.", "The blast killed 12 people.", False),  # different axes: no claim
    ],
)
def test_stage_markers_of_a_story(first: str, second: str, differ: bool) -> None:
    assert stages_differ(terms(first), terms(second)) is differ


def test_another_stage_of_the_story_is_not_the_same_fact() -> None:
    """'On trial' and 'found guilty' are different facts of one story, however close the sentences are: the outlet
    that tells the trial neither states the verdict nor omits it, and the verdict's row does not take it in."""
    index = index_of(
        {
            "A": [("A jury found Halden guilty of the Quay Street arson on Friday.", FIRE)],
            "B": [("Halden was convicted of setting the Quay Street fire.", FIRE)],
            "C": [("The trial of Halden over the Quay Street arson is under way.", FIRE_PARAPHRASE)],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert fact.verdict("C") is Verdict.UNCLEAR
    check = fact.check("C")
    assert check is not None and check.note == ANOTHER_STAGE
    aligned = verify(index, fact_of(index, [(0, 0), (1, 0), (2, 0)]))
    assert aligned.outlets == ("A", "B")
    assert aligned.verdict("C") is not Verdict.STATES and "C" not in aligned.missing


def test_a_cosine_alone_does_not_state_for_an_outlet_of_one_sentence() -> None:
    """An outlet with a single sentence gives no margin to measure: a cosine over states_cosine (0.75), with
    none of the fact's content, is not evidence that it says this rather than the story's topic."""
    index = index_of(
        {
            "A": [("The new handset is the thinnest the maker has built.", FIRE)],
            "B": [("It is the slimmest phone in the range so far.", FIRE)],
            "C": [("Carriers will sell it from February.", unit(0.75, 0, 0.66))],
        }
    )
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert "C" not in fact.outlets
    assert fact.verdict("C") is Verdict.UNCLEAR


def test_a_sentence_sharing_only_the_story_s_topic_words_does_not_state_the_fact() -> None:
    """'Curve' and 'phone' are in every sentence of the story (its topic words): a sentence of C close to the fact
    in cosine (0.8, well clear of C's other sentences) that shares nothing else with it ('will add ... in
    February' against 'the thinnest ever') is alike in topic only: neither a statement nor an omission, and no
    row takes it in."""
    far = unit(0.2, 0, 0.98)
    index = index_of(
        {
            "A": [
                ("The Curve phone is the thinnest handset ever made.", FIRE),
                ("The Curve phone has a keyboard.", far),
                ("Reviewers liked the Curve phone camera.", unit(0, 1, 0)),
            ],
            "B": [
                ("The Curve phone is the thinnest handset on sale.", FIRE),
                ("The Curve phone runs for two days.", far),
                ("The Curve phone costs little.", unit(0, 1, 0)),
            ],
            "C": [
                ("Carriers will add the Curve phone in February.", unit(0.8, 0, 0.6)),
                ("The Curve phone has a bigger screen.", far),
                ("Stores expect the Curve phone to sell.", unit(0, 1, 0)),
            ],
        }
    )
    assert index.topic == {"curv", "phon"}
    fact = verify(index, fact_of(index, [(0, 0), (1, 0)]))
    assert "C" not in fact.outlets and "C" not in fact.missing
    check = fact.check("C")
    assert check is not None and check.verdict is Verdict.UNCLEAR and check.note == TOPIC_WORDS
    aligned = verify(index, fact_of(index, [(0, 0), (1, 0), (2, 0)]))
    assert aligned.outlets == ("A", "B")
