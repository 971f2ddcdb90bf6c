"""The word lists figures are read with: number words, scales, qualifiers, currencies, the words that cue a kind,
and the words that end or qualify the counted noun.
"""

from __future__ import annotations

import re
from collections import defaultdict

from coverage.model.figures import Bound, FigureKind
from coverage.text.lexicon import MONTH_ABBREVIATIONS, MONTHS, word_set


def _numbered(text: str, start: int, step: int = 1) -> dict[str, int]:
    """Number words written as one string: ``_numbered("ten eleven", 10)`` -> ``{"ten": 10, "eleven": 11}``."""
    return {word: start + step * index for index, word in enumerate(text.split())}


_UNITS = _numbered("zero one two three four five six seven eight nine", 0)
_TEENS = _numbered("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen", 10)
_TENS = _numbered("twenty thirty forty fifty sixty seventy eighty ninety", 20, 10)
_HUNDRED = 100
_DOZEN = 12
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SCALE_ABBREVIATIONS = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
_SAFE_ABBREVIATIONS = {"mn", "mln", "bn", "trn"}  # scale abbreviations that need no currency beside them
_VAGUE = {"dozens": 12.0, "scores": 20.0, "hundreds": 100.0, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
_VAGUE_OF = {"tens": 10.0, "hundreds": 100.0}  # "tens of thousands", "hundreds of millions"
_FEW = {"several", "few"}  # "several hundred", "a few thousand"
_FRACTIONS = {
    word: denominator
    for denominator, forms in enumerate(
        (
            "half halves",
            "third thirds",
            "quarter quarters",
            "fifth fifths",
            "sixth sixths",
            "seventh sevenths",
            "eighth eighths",
            "ninth ninths",
            "tenth tenths",
        ),
        start=2,
    )
    for word in forms.split()
}
_PERCENT_SCALE = 100.0
_HALF_NOT_SHARE = word_set("the a first second other latter last next")  # "the second half of 2008"

_QUALIFIER_PHRASES: dict[Bound, str] = {
    Bound.AT_LEAST: "at least|more than|over|upwards of|in excess of|no fewer than|no less than|not less than|"
    "just over|well over|greater than|a minimum of|above",
    Bound.NEARLY: "nearly|almost|just under|close to|just short of|just below|not quite|slightly under|"
    "slightly fewer than|slightly less than",
    Bound.ABOUT: "about|around|some|roughly|approximately|approx|an estimated|estimated|circa|an approximate",
    Bound.AT_MOST: "up to|as many as|at most|no more than|not more than|less than|fewer than|under|below|a maximum of",
}
_QUALIFIERS: tuple[tuple[tuple[str, ...], Bound], ...] = tuple(
    sorted(
        (
            (tuple(phrase.split()), bound)
            for bound, phrases in _QUALIFIER_PHRASES.items()
            for phrase in phrases.split("|")
        ),
        key=lambda item: -len(item[0]),
    )
)
_QUALIFIER_WORDS = {word for phrase, _ in _QUALIFIERS for word in phrase}
_QUALIFIERS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], Bound]]] = defaultdict(list)
for _phrase, _bound in _QUALIFIERS:  # same order as _QUALIFIERS (longest first) within each first word
    _QUALIFIERS_BY_FIRST[_phrase[0]].append((_phrase, _bound))

_CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₸": "KZT", "₽": "RUB", "₹": "INR"}
_DOLLAR_PREFIXES = {"us": "USD", "a": "AUD", "c": "CAD", "hk": "HKD", "nz": "NZD", "s": "SGD"}
_CURRENCY_CODES = {"USD", "EUR", "GBP", "JPY", "KZT", "RUB", "CNY", "CHF", "INR", "AUD", "CAD"}
_CURRENCY_WORDS = {
    word: code
    for code, words in (
        ("USD", "dollar dollars"),
        ("EUR", "euro euros"),
        ("GBP", "sterling"),
        ("JPY", "yen"),
        ("CNY", "yuan renminbi"),
        ("KZT", "tenge"),
        ("RUB", "ruble rubles rouble roubles"),
        ("CHF", "franc francs"),
        ("INR", "rupee rupees"),
        ("PLN", "zloty zlotys zlotych"),
        ("HUF", "forint forints"),
        ("TRY", "lira liras"),
        ("ILS", "shekel shekels"),
        ("THB", "baht"),
        ("UAH", "hryvnia hryvnias"),
        ("NGN", "naira"),
        # names shared by several currencies: the name is the unit
        ("crowns", "crown crowns krona kronor krone kroner koruna korunas"),
        ("pesos", "peso pesos"),
        ("dinars", "dinar dinars"),
        ("riyals", "riyal riyals rial rials"),
    )
    for word in words.split()
}
_POUNDS = {"pound", "pounds"}  # money only with a scale word ("2 million pounds"); else a weight

_KIND_CUES: dict[FigureKind, frozenset[str]] = {
    FigureKind.KILLED: word_set(
        "killed kill kills killing killings dead deaths death died die dies dying fatalities fatality toll bodies "
        "lives perished slain murdered deceased drowned liquidated"
    ),
    FigureKind.INJURED: word_set(
        "injured injure injures injuring injuries wounded wounding wounds hurt hospitalised hospitalized"
    ),
    FigureKind.MISSING: word_set("missing unaccounted disappeared"),
    FigureKind.ARRESTED: word_set(
        "arrested arrest arrests arresting detained detain detains detaining detention detentions detainees "
        "custody jailed apprehended imprisoned"
    ),
    FigureKind.EVACUATED: word_set("evacuated evacuate evacuates evacuating evacuation evacuees"),
    FigureKind.DISPLACED: word_set("displaced displace displacing homeless fled refugees uprooted sheltering"),
}
_CUE_KIND = {word: kind for kind, words in _KIND_CUES.items() for word in words}

# Words allowed between the counted noun and the kind word: "people have reportedly been killed".
_AUX = word_set(
    "have has had been being be were was are is will would may might could reportedly allegedly also "
    "later since now confirmed reported feared believed found left taken into already still officially "
    "who subsequently thought presumed said to got remain remained so far slightly seriously critically badly "
    "severely lightly fatally treated for minor"
)
# Words that end the counted noun.
_NP_STOP = word_set(
    "in on at from for after before during since while but and or of across by with as than when where "
    "which that near among amid including this the a an per percent behind"
)
# Modifiers dropped from the counted noun: "three more people" counts "people".
_NP_MODIFIERS = {"more", "other", "additional", "further", "new", "extra", "some", "the"}
# Words that may stand between a kind word before the number and the number: "the toll rose to 225".
_LEFT_LINK = word_set(
    "to at of from the a an rose risen rises rising climbed climbs reached reaches stood stands stand is "
    "was were are has had have been now jumped increased grew hit totalled totaled totalling total totals "
    "number numbers figure tally count put official officially confirmed reportedly estimated"
)
_IRREGULAR_NOUNS = word_set(
    "people police staff personnel children men women military militia youth crew person man woman child "
    "enforcement dead servicemen policemen gunmen firemen guardsmen"
)
# Units of time and measure: "killed 3 days after" counts days, not the dead.
_UNIT_NOUNS = word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years decade decades "
    "century centuries km kilometres kilometers kilometre kilometer mile miles metre metres meter meters "
    "feet foot inch inches kg kilograms kilos ton tons tonnes pound pounds litres liters gallons barrels "
    "acres hectares degrees points times magnitude mph"
)
_UNIT_SUFFIXES = word_set("km kg m mm cm ft mph kph kmh mw gw kw kwh mwh t ha l gb mb tb kb ghz mhz mbps gbps")
_SUBSET_MARKERS = (("including",), ("incl",), ("among", "them"), ("of", "whom"), ("of", "them"), ("of", "which"))
_PARTITIVES = {"them", "those", "these", "whom", "us"}

_REFERENT_SYNONYMS: dict[str, str] = {
    "people": "people|persons|person|individuals|individual|others|residents|citizens|men|women|workers|locals",
    "security forces": "police|policemen|policeman|police officers|police officer|officers|officer|"
    "law enforcement|law enforcement officers|law enforcement officials|security forces|security personnel|"
    "security officers|servicemen|soldiers|soldier|troops|military personnel|military|guards",
    "protesters": "protesters|protestors|protester|demonstrators|demonstrator|rioters|rioter|armed criminals|"
    "criminals|bandits|terrorists|militants|insurgents|gunmen|looters|attackers|armed men",
    "civilians": "civilians|civilian",
    "children": "children|child|kids|minors",
    "journalists": "journalists|journalist|reporters",
    "foreign nationals": "foreigners|foreign nationals|foreign citizens",
    "crew": "crew|crew members|crew member|crewmen|crewman|sailors|sailor|seafarers|seafarer",
    "employees": "employees|employee|staff members|staff",
    "votes against": "dissenters|dissenting members|dissenting votes|dissenting judges",
    "charges": "charges|charge|counts",
}
"""Referent classes: a counted noun (or its last words) listed here is grouped under the class name."""
_REFERENT_CLASSES = {
    surface: canonical for canonical, surfaces in _REFERENT_SYNONYMS.items() for surface in surfaces.split("|")
}
_GENERIC_REFERENT = "people"
_PEOPLE_KINDS = {
    FigureKind.KILLED,
    FigureKind.INJURED,
    FigureKind.MISSING,
    FigureKind.ARRESTED,
    FigureKind.EVACUATED,
    FigureKind.DISPLACED,
}

_MONTHS = MONTHS | MONTH_ABBREVIATIONS
_DESIGNATORS = word_set(
    "article articles section sections clause paragraph chapter number resolution law decree act "
    "amendment rule bill item page pages flight route highway interstate room gate terminal platform "
    "channel version level phase stage season episode volume vol part title grade category tier apollo "
    "boeing airbus model code unit district ward precinct block lot row seat bus train track"
)
_ABBREVIATED_DESIGNATORS = {"no", "nos", "art", "vol", "p", "pp", "sec", "nr"}
_DECADES = word_set("twenties thirties forties fifties sixties seventies eighties nineties")
_AGE_WORDS = {"aged", "age", "ages"}
_NOT_NAMES = word_set(
    "in on at by of to for from and but some about around nearly almost over only just all another since "
    "after before with the a an monday tuesday wednesday thursday friday saturday sunday"
)
_QUOTE_MARKS = set("\"'“”«»„‘’`")
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?\s?m\b\.?|o['’]clock\b|gmt\b|utc\b|hrs\b|h\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r"\s?-?\s?(?:years?|yrs?|months?|weeks?|days?)[\s-]*old\b", re.IGNORECASE)

_TOKEN = re.compile(r"(?P<num>(?<![\w.])\.\d+|\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)|(?P<sym>\S)")
# Every number phrase has a core (see _match_core): a digit, or one of these words. A sentence with neither holds no
# figure, and is not tokenised at all (most sentences of a news article).
_NUMBER_WORDS = (
    set(_UNITS) | set(_TEENS) | set(_TENS) | set(_SCALES) | set(_VAGUE) | set(_VAGUE_OF) | set(_FRACTIONS)
) | {"hundred", "dozen"}
_MAY_HOLD_FIGURE = re.compile(r"\d|\b(?:" + "|".join(sorted(_NUMBER_WORDS)) + r")\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_EURO_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_PLAIN = re.compile(r"\d+")
_LEADING_DECIMAL = re.compile(r"\.\d+")
_YEAR_DIGITS = 4

# Verbs of a changing total: "the death toll from clashes in the port city rose to 7" finds its kind word up to
# ``subject_window`` words back.
_CHANGE_VERBS = word_set("rose risen rises climbed climbs reached reaches jumped increased grew stood stands hit")
# What a percentage or a change in points measures, read from the words before it ("inflation stood at 6.2%") or
# the noun right after it ("the 2% target"); the word before a topic that makes another quantity of it
# ("mortgage rate", "growth forecast").
_TOPICS = word_set(
    "inflation turnout unemployment joblessness rate rates yield yields deficit debt growth target forecast "
    "approval support gdp output wages vat"
)
_TOPIC_MODIFIERS = word_set(
    "mortgage unemployment inflation exchange deposit lending savings tax vacancy growth birth crime jobless "
    "participation poverty bond approval price vat"
)
_TOPIC_CLASSES = {
    "rates": "rate",
    "yields": "yield",
    "joblessness": "unemployment",
    "price growth": "inflation",
    "price inflation": "inflation",
    "vat rate": "vat",
    "unemployment rate": "unemployment",
    "jobless rate": "unemployment",
    "inflation rate": "inflation",
    "bond yield": "yield",
}
# A percentage won, taken or polled by a party, or of the vote: a vote share.
_SHARE_WORDS = word_set("won took polled secured garnered trailed party vote votes")
# Words after a figure that make it a forecast ("3.5% by the end of this year", "by December").
_FORECAST_AFTER = word_set("end december year-end next")
# Words between a figure and "in <Place>" ("103 of them in Almaty", "103 were killed in Almaty").
_PLACE_GAP = word_set("of them those were was had have been killed dead died injured wounded arrested detained")
