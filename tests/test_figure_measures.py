"""What shares, lengths of time and parts of counts measure (issue 14, round 2: figures/measures.py).

Wording differs on purpose from the gold corpora's (flights and nurses instead of trains and rail workers), so that
the rules are checked as rules of news writing, not as the sentences they were first seen in.
"""

from __future__ import annotations

from datetime import date

import pytest

from coverage.analysis.figures import article_figures, extract_figures, group_figures, parse_number
from coverage.model import Article


def article(article_id: str, outlet: str, published: str | None, text: str) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        outlet=outlet,
        title=article_id,
        paragraphs=(text,),
        published=date.fromisoformat(published) if published else None,
    )


def groups_of(*texts: str, published: str | None = "2024-03-05") -> list[tuple[str, tuple[float, ...], str]]:
    arts = [article(f"a{k}", f"Outlet {k}", published, text) for k, text in enumerate(texts)]
    groups = group_figures([(a, article_figures(a)) for a in arts])
    return [(g.referent, g.values, g.verdict) for g in groups]


def readings(text: str) -> list[tuple[str, float, str]]:
    return [(str(m.kind), round(m.value, 2), m.referent) for m in extract_figures(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two and a half", 2.5),
        ("3 and a quarter", 3.25),
        ("one and a half million", 1.5e6),
        ("a quarter of a million", 250_000.0),
        ("three quarters of a billion", 7.5e8),
    ],
)
def test_mixed_and_scaled_fractions_are_numbers(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


def test_a_fraction_of_a_scale_is_an_amount_not_a_share() -> None:
    assert readings("The fund lost a quarter of a billion dollars.") == [("money", 2.5e8, "USD")]
    assert readings("They were offered two and a half per cent.") == [("percentage", 2.5, "pay rise")]


def test_shares_name_their_noun_and_what_happened_to_it() -> None:
    assert readings("Seven in ten flights were scrapped.") == [("percentage", 70.0, "flights cancelled")]
    assert readings("Only one flight in three operated.") == [("percentage", 33.33, "flights running")]
    assert readings("About 70% of domestic flights were cancelled.") == [("percentage", 70.0, "flights cancelled")]
    # a share of something else than a plural noun keeps its whole phrase ("of output last year" is not "year")
    assert readings("The deficit was 2.9 percent of output.") == [("percentage", 2.9, "output")]


def test_a_share_running_is_not_compared_with_a_share_cancelled() -> None:
    found = groups_of(
        "Seven in ten flights were scrapped.",
        "About 70% of domestic flights were cancelled.",
        "One flight in four ran.",
    )
    assert found == [("flights cancelled", (70.0,), "agree"), ("flights running", (25.0,), "agree")]


def test_pay_rises_offered_and_asked_for_are_two_quantities() -> None:
    found = groups_of(
        "Nurses rejected a 3% pay award.",
        "Nurses were offered 3 per cent and are demanding a 10% pay rise.",
        "The government's 3 per cent offer was turned down.",
    )
    assert found == [("pay rise", (3.0,), "agree"), ("pay rise (sought)", (10.0,), "agree")]
    assert readings("Unions are pressing for at least 9 per cent.")[0][2] == ""  # a demand names no pay noun
    assert readings("They are demanding a 9% pay increase.")[0][2] == "pay rise (sought)"


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        ("She was imprisoned for eight years.", "prison term"),
        ("He received an eight-year jail term.", "prison term"),
        ("He will spend 8 years behind bars.", "prison term"),
        ("Prosecutors had asked for 11 years.", "prison term (sought)"),
        ("Prosecutors had demanded a 12-year sentence.", "prison term (sought)"),
        ("The offence carries a maximum sentence of 14 years.", "prison term (maximum)"),
        ("Her partner was given a two-year suspended sentence.", "prison term (suspended)"),
        ("If convicted, she faces up to 20 years in prison.", "prison term (maximum)"),
        ("The company traded for eight years.", "years"),
        ("The last death sentence was eight years ago.", "years (before)"),
        ("He was elected for a five-year term.", "years"),
        ("It kept him out of prison for 30 years.", "years"),
    ],
)
def test_prison_terms_are_told_from_other_spans(text: str, referent: str) -> None:
    assert [m.referent for m in extract_figures(text)] == [referent]


def test_a_term_sought_is_not_a_conflict_with_the_term_given() -> None:
    found = groups_of("She was jailed for eight years; prosecutors had sought 11 years.", "She got an 8-year term.")
    assert ("prison term", (8.0,), "agree") in found
    assert not any(verdict != "agree" for _, _, verdict in found)


def test_lengths_of_an_event_compare_across_units() -> None:
    assert groups_of("Doctors began a 72-hour walkout.", "The three-day strike by doctors began.") == [
        ("length of strike", (3.0, 72.0), "agree")
    ]
    assert groups_of("Doctors began a 24-hour walkout.", "The three-day stoppage by doctors began.") == [
        ("length of strike", (3.0, 24.0), "conflict")
    ]
    assert groups_of("It was the second of three days of action.", "A 72-hour stoppage began.") == [
        ("length of strike", (3.0, 72.0), "agree")
    ]
    # a span that is no compound and no "of" phrase is not the length of anything named
    assert groups_of("Talks went on for two days.", "Talks lasted three days.") == []
    # the length of another event is another quantity; a span of no named event is no length
    assert groups_of("The five-week trial ended.", "A 72-hour walkout began.") == [
        ("length of strike", (72.0,), "agree"),
        ("length of trial", (5.0,), "agree"),
    ]
    assert groups_of("The 72-hour window closed.", "A three-day window opened.") == []


def test_parts_of_counts_count_what_the_whole_counts() -> None:
    assert readings("She was convicted on three of the five charges.") == [
        ("count", 3.0, "charges"),
        ("count", 5.0, "charges (total)"),  # the whole: all the charges, not another count of the part
    ]
    found = groups_of(
        "She was convicted on three of the five charges.", "A jury found her guilty on 3 of 5 fraud counts."
    )
    assert found == [("charges", (3.0,), "agree"), ("charges (total)", (5.0,), "agree")]


def test_a_count_of_workers_is_a_workforce_whatever_its_trade() -> None:
    found = groups_of(
        "Some 12,000 hospital and care workers walked out.",
        "About 12,000 staff joined the strike.",
        "More than 20,000 health workers stopped work.",
    )
    assert found == [("employees", (12000.0, 20000.0), "conflict")]


def test_two_modifiers_joined_by_and_make_one_noun_two_nouns_stay_two() -> None:
    assert [m.noun for m in extract_figures("About 4,000 bus and tram services were cancelled.")] == [
        "bus and tram services"
    ]
    # "officers and soldiers": a noun before "and" ends the first noun
    assert next(m.noun for m in extract_figures("16 police officers and soldiers had died.")) == "police officers"


def dated(*texts: tuple[str, str]) -> list[tuple[str, tuple[float, ...], str]]:
    arts = [article(f"a{k}", f"Outlet {k}", day, text) for k, (text, day) in enumerate(texts)]
    return [(g.referent, g.values, g.verdict) for g in group_figures([(a, article_figures(a)) for a in arts])]


def test_a_later_count_well_above_an_earlier_lower_bound_is_an_update() -> None:
    early, late = "2024-05-01", "2024-05-02"
    assert dated(("At least 20 people were injured.", early), ("31 people were injured.", late)) == [
        ("people", (20.0, 31.0), "update")
    ]
    # a later value close to the bound says the same; on one day, or lower later, nothing was updated
    assert dated(("More than 200 people were injured.", early), ("205 people were injured.", late))[0][2] == "agree"
    assert dated(("At least 20 people were injured.", early), ("31 people were injured.", early))[0][2] == "agree"
    assert dated(("At least 20 people were injured.", late), ("31 people were injured.", early))[0][2] == "agree"
    # a crowd is estimated, not counted again the next day
    crowd = dated(("More than 1,000 people joined the march.", early), ("About 3,000 people joined the march.", late))
    assert [verdict for _, _, verdict in crowd] == ["agree"]


def test_the_size_of_a_whole_is_not_a_part_of_it() -> None:
    # a party's or a coalition's seats and the size of the chamber are two quantities, never a conflict
    assert readings("Labour holds 412 of parliament's 650 seats.") == [
        ("count", 412.0, "seats"),
        ("count", 650.0, "seats (total)"),
    ]
    found = groups_of(
        "The ruling party has 60 of the 100 seats.",
        "Its majority rests on 60 seats in the 100-seat senate.",
        "Members of the 100-member senate voted on Friday.",
    )
    assert found == [("seats", (60.0,), "agree"), ("seats (total)", (100.0,), "agree")]
    # a body that is no chamber counts members; a hyphenated count of other things is no size of a body
    assert readings("A nine-member jury convicted him.") == [("count", 9.0, "members (total)")]
    assert ("count", 40.0, "protesters (total)") in readings("Police arrested 12 of the 40 protesters.")


def test_a_tally_in_words_is_the_votes_for_and_against() -> None:
    for text in (
        "The senate passed the bill by 61 votes to 38.",
        "The final count was 61 in favour and 38 against.",
        "Councillors voted 61 for and 38 against.",
    ):
        assert readings(text) == [("count", 61.0, "votes for"), ("count", 38.0, "votes against")], text
    # the side a verb of rejection puts first is the votes against
    assert readings("The motion was defeated by 300 votes to 250.") == [
        ("count", 300.0, "votes against"),
        ("count", 250.0, "votes for"),
    ]
    # a score, a range and a helper are no tally
    assert [r for _, _, r in readings("They won by 3 goals to 1.")] == ["goals", ""]
    assert "votes for" not in [r for _, _, r in readings("Prices passed 300 to 400 units.")]
    assert readings("Crews were supported by four aircraft.")[0][2] != "votes for"


def test_rates_with_a_named_referent() -> None:
    # a share of GDP is the share of what is measured against it: the deficit, however it is named
    for text in (
        "The plan projects a deficit of 4.1% of gross domestic product.",
        "The treasury will borrow 4.1 per cent of GDP next year.",
        "It leaves a shortfall of 4.1% of GDP.",
    ):
        assert readings(text)[0][2] == "deficit", text
    assert readings("Public debt will reach 95% of GDP.")[0][2] == "debt"
    assert readings("Spending is 2% of GDP.")[0][2] == "gdp"  # nothing named before: a share of GDP
    assert readings("Banks borrow money at 3 percent.")[0][2] != "deficit"  # an interest rate
    # a legal ceiling, cap or limit is another quantity than the value it limits
    assert [r for _, _, r in readings("Debt stands at 62%, above the 60% ceiling.")] == ["debt", "limit"]
    assert readings("It is under a cap of 5 per cent.")[0][2] == "limit"
    # value added tax and the standard VAT rate; a bare "rate" after VAT in the sentence is the VAT rate
    assert readings("Value added tax rises to 25 per cent.")[0][2] == "vat"
    assert readings("The standard VAT rate goes up to 25%.")[0][2] == "vat"
    assert readings("A hike in VAT takes the standard rate to 25%.")[0][2] == "vat"
    assert readings("Inflation hit 5%, and the bank raised its rate to 4%.")[1][2] == "rate"
    # a change in points in a topic
    for text in ("a three-percentage-point rise in VAT", "a 3-point hike in value added tax"):
        assert readings(f"Shoppers face {text}.") == [("percentage", 3.0, "vat change")], text


def test_old_and_new_values_of_a_forecast_are_two_quantities() -> None:
    texts = (
        "The ministry cut its growth forecast to 0.8% from 1.5%.",
        "The economy will grow more slowly, and the ministry slashed its forecast from 1.5% to 0.8%.",
        "It now expects the economy to grow by 0.8 per cent, down from the 1.5 per cent it predicted in May.",
    )
    for text in texts:
        assert sorted(readings(text)) == [
            ("percentage", 0.8, "growth forecast"),
            ("percentage", 1.5, "growth forecast (before)"),
        ], text
    found = groups_of(*texts)
    assert found == [("growth forecast", (0.8,), "agree"), ("growth forecast (before)", (1.5,), "agree")]
    # "compared with" is a contrast, not an earlier value; a target by a year is no current value
    assert readings("Some 62 percent agreed, compared with 35 percent who did not.")[1][2] != "respondents (before)"
    assert readings("The deficit will fall below 3% by 2028.") == [("percentage", 3.0, "deficit (forecast)")]


def test_speeds_areas_and_people_moved_or_treated() -> None:
    # a speed however written; a distance is not a speed
    for text in ("Gusts reached 90km/h.", "Winds of 90 kilometres per hour hit the coast."):
        assert readings(text)[0][2] == "km/h", text
    assert readings("Winds of 55 miles an hour felled trees.")[0][2] == "mph"
    assert readings("They drove 90 kilometres north.")[0][2] != "km/h"
    found = groups_of("Gusts reached 90km/h.", "Winds gusted at 90 kilometres an hour.")
    assert found == [("km/h", (90.0,), "agree")]
    # the area a fire burned, not the land someone owns
    assert readings("The blaze has scorched 4,000 acres.") == [("count", 4000.0, "area burned")]
    assert readings("Flames swept through nearly 900 hectares.")[0][2] == "area burned"
    assert readings("The estate covers 900 hectares.")[0][2] == "hectares"
    # a verb of fire or of water alike says which from the sentence, or nothing
    assert readings("Floodwaters swept through 900 hectares of farmland.")[0][2] == "area flooded"
    assert readings("Locusts destroyed 900 hectares of crops.")[0][2] == "hectares"
    # people made to leave their homes are evacuated; people treated are a count of their own
    for text in (
        "Some 800 villagers were forced from their homes.",
        "The floods forced 800 people to leave their homes.",
        "About 800 residents have been moved out of the area.",
    ):
        assert readings(text)[0][0] == "evacuated", text
    assert readings("The company moved 800 workers to a new site.")[0][0] == "count"
    assert readings("Nine residents were treated for burns.") == [("count", 9.0, "people treated")]
    # the injured among a counted group are that group's injured
    text = "Dozens of miners were trapped underground, and three of them were injured."
    assert readings(text)[-1] == ("injured", 3.0, "miners")
    # "the number of X ... has risen to N" counts X
    assert readings("The number of schools closed has risen to 40.") == [("count", 40.0, "schools")]


def test_an_earlier_value_a_later_article_gives_shows_the_update() -> None:
    early, late = "2024-05-01", "2024-05-02"
    # Wednesday's rate is Thursday's "from": one quantity, updated (not a conflict, not two groups)
    found = dated(
        ("The benchmark mortgage rate stood at 6.1% on Wednesday.", early),
        ("The mortgage rate rose to 6.4% from 6.1% on Thursday.", late),
    )
    assert found == [("mortgage rate", (6.1, 6.4), "update")]
    # an old value every article gives on one day is a quantity of its own, the new one another
    found = dated(
        ("The bank cut its inflation forecast to 2.1% from 2.6%.", early),
        ("Its inflation forecast was cut to 2.1% from 2.6%.", early),
    )
    assert found == [("inflation forecast", (2.1,), "agree"), ("inflation forecast (before)", (2.6,), "agree")]
    # an earlier value nobody gave as current before stays apart
    found = dated(
        ("The mortgage rate stood at 5.2% on Wednesday.", early),
        ("The mortgage rate rose to 6.4% from 6.1% on Thursday.", late),
    )
    assert ("mortgage rate (before)", (6.1,), "agree") in found


def test_one_rate_under_its_names() -> None:
    for text in ("The unemployment rate rose to 5.1%.", "The jobless rate stood at 5.1%.", "Unemployment is 5.1%."):
        assert readings(text) == [("percentage", 5.1, "unemployment")], text
    # the earlier value of a share of GDP is of what the share measures, not of GDP
    assert readings("Debt fell to 90% of GDP from 95%.") == [
        ("percentage", 90.0, "debt"),
        ("percentage", 95.0, "debt (before)"),
    ]
    # a bank's rate after VAT is named in the sentence is no VAT rate
    assert readings("The VAT rise comes as the central bank raised its rate to 4%.") == [("percentage", 4.0, "rate")]


def test_the_seats_a_majority_takes_are_not_seats_anyone_holds() -> None:
    found = groups_of(
        "The bloc won 70 seats, short of the 76 needed to govern alone.",
        "It is six short of the 76-seat threshold for a majority.",
        "The prime minister needs 76 to rule without partners.",
    )
    assert ("seats for a majority", (76.0,), "agree") in found
    assert ("seats", (70.0,), "agree") in found
    assert readings("The team needs 46 to win.")[0][2] != "seats for a majority"
    # people living somewhere, then made to leave their homes, are evacuated
    assert readings("About 90 families living near the dam were forced to leave their homes.")[0][0] == "evacuated"


# Company stories (round 4): a retailer and a carmaker, not the gold corpus's technology group.


@pytest.mark.parametrize(
    "text",
    [
        "The retailer will lay off 800 staff across its stores.",
        "Carmaker Vellar is to slash 2,300 workers from its payroll.",
        "The bank plans to scrap about 900 positions by 2027.",
        "The airline announced 650 redundancies on Friday.",
        "Analysts expect 1,100 job losses at the mill.",
    ],
)
def test_jobs_to_go_are_jobs_cut(text: str) -> None:
    assert [r[2] for r in readings(text) if r[0] == "count"] == ["jobs cut"]


def test_jobs_cut_are_never_compared_with_a_workforce() -> None:
    groups = groups_of(
        "Carmaker Vellar will axe 2,000 workers, it said.",
        "Vellar, which has 2,600 workers at home, is to cut 2,300 jobs.",
    )
    cuts = [g for g in groups if g[0] == "jobs cut"]
    assert cuts == [("jobs cut", (2000.0, 2300.0), "conflict")]
    assert all(g[0] != "employees" or g[2] != "conflict" for g in groups)


def test_a_site_s_staff_is_not_the_company_s_workforce() -> None:
    assert readings("The group has a 12,000-strong workforce.") == [("count", 12000.0, "employees")]
    site = readings("Most cuts fall on the factory near Osterby, which employs 1,900 people.")
    assert site == [("count", 1900.0, "employees (factory)")]
    groups = groups_of("Vellar employs 12,000 people.", "Its factory near Osterby, which employs 1,900 people, stays.")
    assert all(g[2] != "conflict" for g in groups)


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        ("Quarterly turnover rose 6% to $3bn.", "revenue change (rise)"),
        ("The chain reported a 22 per cent jump in pre-tax profit.", "pre-tax profit change (rise)"),
        ("Its gross margin widened to 41.5%.", "gross margin"),
        ("The stock lost 12 per cent in early trading.", "shares change (fall)"),
        ("Sales were 3% lower on a year earlier.", "revenue change (fall)"),
        ("Vellar's shares are up 40% since March.", "shares change (rise) since"),
        ("Stock prices fell 2% across the region.", ""),
        ("Shares closed 2% higher against the benchmark.", ""),
    ],
)
def test_company_percentages_name_what_changed(text: str, referent: str) -> None:
    assert [r[2] for r in readings(text) if r[0] == "percentage"] == [referent]


def test_a_share_move_and_a_move_since_a_date_are_two_quantities() -> None:
    groups = groups_of("Shares in Vellar fell 8% on Monday.", "Vellar's shares are down 20% since January.")
    assert all(g[2] != "conflict" for g in groups)


def test_cents_in_a_one_currency_article_are_that_money() -> None:
    texts = ("The carmaker paid $1.2bn in wages and will pay a dividend of 30 cents a share.", "A $0.30 dividend.")
    arts = [article(f"a{k}", f"Outlet {k}", "2024-03-05", text) for k, text in enumerate(texts)]
    groups = group_figures([(a, article_figures(a)) for a in arts])
    assert [(g.referent, g.values, len(g.outlets)) for g in groups if 0.3 in g.values] == [("USD", (0.3,), 2)]
    mixed = article("m", "Outlet m", "2024-03-05", "It paid $2m and €3m, and a 30 cents dividend.")
    assert [m.kind.value for m in article_figures(mixed) if m.value == 30] == ["count"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("The club offered between $80 and $95 million for the striker.", 80e6, 95e6),
        ("Between 2 and 3 million people watched.", 2e6, 3e6),
        ("Between 400 and 1 million people may have left.", 400, 1e6),  # 400 million is above the high end
    ],
)
def test_a_range_s_scale_word_after_the_second_number_scales_both(text: str, low: float, high: float) -> None:
    assert [(m.low, m.high) for m in extract_figures(text)] == [(low, high)]


def test_a_strong_workforce_named_as_a_whole_is_still_the_workforce() -> None:
    texts = ("About 5% of its 9,000-strong workforce will go.", "The retailer employs 9,000 staff.")
    arts = [article(f"a{k}", f"Outlet {k}", "2024-03-05", text) for k, text in enumerate(texts)]
    groups = group_figures([(a, article_figures(a)) for a in arts])
    assert [(g.referent, len(g.outlets)) for g in groups if 9000.0 in g.values] == [("employees", 2)]


def test_an_earlier_value_named_after_a_comma_is_another_figure_s() -> None:
    first = extract_figures("The fund now targets $5bn, against a previous goal of $4bn.")[0]
    assert (first.value, first.referent) == (5e9, "USD")
    assert extract_figures("He scored 12 goals in the previous season.")[0].referent == "goals (before)"


def test_jobs_cut_in_a_named_place_are_their_own_quantity() -> None:
    texts = (
        "The bank will cut 3,000 jobs. The losses, which include 700 roles in Lisbon, end in May.",
        "About 700 of the positions to be cut are in Lisbon, the bank said.",
    )
    arts = [article(f"a{k}", f"Outlet {k}", "2024-03-05", text) for k, text in enumerate(texts)]
    groups = group_figures([(a, article_figures(a)) for a in arts])
    assert [(g.referent, len(g.outlets)) for g in groups if 700.0 in g.values] == [("jobs cut in Lisbon", 2)]
    assert [m.referent for m in extract_figures("It has 700 jobs in Lisbon.")] == ["jobs"]
