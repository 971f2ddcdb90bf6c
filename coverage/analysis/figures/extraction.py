"""Figures in news text (how many were killed, injured, arrested ..., how much money, what share) and where
outlets disagree about them.

:func:`extract_figures` reads one text (a paragraph or a sentence) and returns a :class:`FigureMention` for
every number phrase that counts something; :func:`article_figures` does it for every paragraph of an article;
:func:`group_figures` groups the mentions of the same quantity across articles and says whether they conflict.
Everything is regular expressions and word lists: no model, no dependency.

Number phrases
    Digits (``37``, ``5,800``, ``1.2``, ``1,5`` with a decimal comma, ``1.500.000``), words (``thirty-seven``,
    ``four hundred and twelve thousand, three hundred five``, ``a dozen``, ``half a million``), mixes
    (``1.2 million``), money (``$1.2 billion``, ``US$3m``, ``5 million euros``), percentages (``80%``,
    ``12 per cent``, ``two-thirds``, ``one in five``) and vague plurals (``dozens``, ``hundreds of``,
    ``tens of thousands``, ``several hundred``).

    Separators: a ``,`` followed by groups of exactly three digits separates thousands (``1,500`` is 1500,
    never 1.5); a ``,`` followed by one or two digits is a decimal comma (``1,5 million``); a single ``.`` is a
    decimal point and dots only separate thousands when there are several groups (``1.500.000``).

Not figures (ignored)
    Years (a plain four-digit number between ``year_min`` and ``year_max`` unless a qualifier, a kind word or a
    word for people follows or precedes it: ``in 2022`` is a year, ``2000 protesters`` is a count), dates
    (``January 2``, ``Jan. 7``, ``7 January``), times (``8 p.m.``, ``10:30``), ages (``33-year-old``,
    ``aged 33``, ``John Smith, 33,``), ordinals (``21st``), decades (``1990s``), numbers of articles, laws,
    flights and the like (``Article 5``, ``No. 7``, ``Resolution 2231``), numbers that are part of names
    (``G7``, ``COVID-19``, ``F-16``, ``Apollo 11``, ``Group of Seven``), scores and slashed numbers (``2-1``,
    ``24/7``) and a bare ``one`` that counts nothing of interest (``one of the``, ``one day``).

Bounds
    A figure stands for the interval ``[low, high]`` (``None``: unbounded) implied by its qualifier:

    =================================================  ============  ==============================================
    qualifier                                          ``bound``     interval
    =================================================  ============  ==============================================
    none                                               exact         ``[v, v]``
    at least, more than, over, upwards of, ..., or     at_least      ``[v, None]``, inclusive: "more than 1,000"
    more, dozens, hundreds, several hundred ...                      and "1,000" are not called a conflict
    nearly, almost, just under, close to, ...          nearly        ``[v * (1 - nearly_margin), v]``
    about, around, some, roughly, an estimated, ...    about         ``[v * (1 - about_margin), v * (1 + ...)]``
    up to, as many as, at most, fewer than, under ...  at_most       ``[None, v]``
    between A and B                                    range         ``[A, B]``, value A
    =================================================  ============  ==============================================

    A vague plural has no value of its own: its ``value`` is its lower bound (``vague_multiplier`` times the
    unit: ``dozens`` 24, ``hundreds`` 200, ``tens of thousands`` 20,000) and ``high`` is ``None``.

Kinds and referents
    The kind comes from the words next to the number: a noun or participle after it, after the counted noun
    and auxiliaries (``164 dead``, ``26 "armed criminals" killed``, ``Nearly 6,000 people have been arrested``)
    or a verb or noun before it (``killing 26``, ``detained 5,800``, ``death toll rose to 225``). The referent
    is the counted noun, mapped to a class so that the same group of people is recognised under different
    names (``police officers``, ``among the police`` -> ``security forces``; ``protesters``, ``rioters``,
    ``armed criminals`` -> ``protesters``; no noun or ``people`` -> ``people``, the plain total). A figure
    introduced by ``including`` is a part of the figure before it: it takes that figure's kind and, for
    ``including 103 in Almaty``, the referent ``people in Almaty``. So do ``among them``, ``of them,``, ``103 of
    them in Almaty``, ``Forty of the injured`` and ``Three of them were firefighters`` (the total may be in the
    sentence before); a part without a noun of its own has the referent ``people (part)``.

Phrases that say what they count (:mod:`~.tallies`, :mod:`~.roles`)
    ``voted 7-2``, ``by 212 votes to 187``, ``212 in favour and 187 against``: ``votes for`` and ``votes
    against``; ``its third increase since October`` counts 3 increases; ``a 2.5 million crown fine`` (a singular
    unit as a modifier); ``employs 600 people`` (employees); ``800 people joined the march`` (protesters);
    ``gave their lives`` (killed); ``two others`` (counts); ``214 of the 399 seats``: 399 is ``seats (total)``.

Meaning (:mod:`coverage.analysis.figures.meaning`)
    A percentage takes what it measures (``inflation stood at 6.2%`` -> ``inflation``, ``the 2% target``,
    ``the average mortgage rate``, ``won 27.9 percent`` -> ``vote share``, as is a percentage in a clause or a
    sentence that names a party, whose bare ``points`` are percentage points; ``The crown was 0.8% stronger
    against the euro`` -> ``crowns against EUR``; an expected change in points -> ``change (expected)``);
    percentage and basis points are a change in points (``50 basis points`` is 0.5, referent ``rate change``). An
    earlier value (``up from 4.25%``, ``compared with 64 percent``), a forecast (``3.5% by the end of this
    year``) and another year's value (``47 seats in 2021``) get `` (before)``, `` (forecast)`` or `` (2021)`` after
    their referent, so that they are never compared with the current value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import coverage.analysis.figures.business as business
from coverage.analysis.figures.links import coordinated, is_subset, partitive_cue, past_of_phrase, place_after
from coverage.analysis.figures.meaning import (
    expected_change,
    marker_of,
    party_sentence,
    subject_cue,
    topic_at,
    topic_of,
)
from coverage.analysis.figures.measures import (
    modifier_and,
    part_of_count,
    pay_referent,
    share_of,
    share_referent,
    span_referent,
    time_unit,
    workforce,
)
from coverage.analysis.figures.numbers import (
    _between_at,
    _find_phrases,
    _Phrase,
    _phrase_at,
    _Tok,
    _tokenize,
    _word,
)
from coverage.analysis.figures.physical import area_referent, counted_subject, moved_out, speed_referent, treated_role
from coverage.analysis.figures.rates import change_in, earlier_value, of_gdp
from coverage.analysis.figures.roles import attributive_unit, injury_after, is_noun, lives_cue, protest_role, role_of
from coverage.analysis.figures.tallies import support_of
from coverage.analysis.figures.units import bounds_of
from coverage.analysis.figures.wholes import majority_referent, whole_referent
from coverage.analysis.figures.words import (
    _AUX,
    _CUE_KIND,
    _GENERIC_REFERENT,
    _LEFT_LINK,
    _MAY_HOLD_FIGURE,
    _NP_MODIFIERS,
    _NP_STOP,
    _PARTITIVES,
    _PEOPLE_KINDS,
    _QUALIFIER_WORDS,
    _QUOTE_MARKS,
    _REFERENT_CLASSES,
    _UNIT_NOUNS,
)
from coverage.model import Article
from coverage.model.figures import FigureKind, FigureMention
from coverage.settings import FigureSettings
from coverage.text.sentences import sentence_spans


@dataclass
class _Reading:
    """A phrase being classified (mutable while the sentence is read, then frozen into a FigureMention)."""

    phrase: _Phrase
    kind: FigureKind
    noun: str | None
    referent: str
    explicit_noun: bool
    among: str | None = None
    part: bool = False
    """``Forty of the injured``, ``Three of them``: a part of a total named before."""


def parse_number(text: str) -> float | None:
    """The value of a number phrase, or ``None`` when ``text`` is not exactly one number phrase.

    ``"37"``, ``"5,800"``, ``"1,5 million"`` (1,500,000), ``"thirty-seven"``, ``"a dozen"``, ``"$1.2 billion"``,
    ``"80%"`` (80.0), ``"two-thirds"`` (66.67, a percentage), ``"more than a thousand"`` (1000: the qualifier is
    allowed and ignored), ``"dozens"`` (24: vague plurals give their lower bound).
    """
    settings = FigureSettings()
    stripped = text.strip()
    toks = _tokenize(stripped, 0)
    if not toks:
        return None
    phrase = _between_at(toks, 0, settings) or _phrase_at(toks, 0, settings)
    if phrase is None or phrase.end != len(toks):
        return None
    return phrase.value


def extract_figures(text: str, settings: FigureSettings | None = None, *, paragraph: int = 0) -> list[FigureMention]:
    """Every figure in ``text`` (a paragraph or a sentence), in text order; see the module docstring."""
    return _extract(text, settings or FigureSettings(), paragraph, None)[0]


def _extract(
    text: str, settings: FigureSettings, paragraph: int, context: _Reading | None
) -> tuple[list[FigureMention], _Reading | None]:
    """The figures of ``text`` and the last total of people it gives (what ``Three of them`` refers to next)."""
    mentions: list[FigureMention] = []
    for start, end in sentence_spans(text):
        if not _MAY_HOLD_FIGURE.search(text, start, end):
            continue
        toks = _tokenize(text[start:end], start)
        phrases = _find_phrases(text, toks, settings)
        found, context = _read_sentence(text, text[start:end], toks, phrases, settings, paragraph, context)
        mentions.extend(found)
    return mentions, context


def article_figures(article: Article, settings: FigureSettings | None = None) -> list[FigureMention]:
    """The figures of every paragraph of ``article``, each with its paragraph index; a part (``Three of them were
    firefighters``) may refer to a total in the paragraph before."""
    settings = settings or FigureSettings()
    mentions: list[FigureMention] = []
    context: _Reading | None = None
    for index, paragraph in enumerate(article.paragraphs):
        found, context = _extract(paragraph, settings, index, context)
        mentions.extend(found)
    return business.cents_as_money(mentions)


def _skip_quotes(toks: Sequence[_Tok], index: int) -> int:
    while index < len(toks) and toks[index].kind == "sym" and toks[index].text in _QUOTE_MARKS:
        index += 1
    return index


def _noun_phrase(
    toks: Sequence[_Tok],
    index: int,
    settings: FigureSettings,
    *,
    vague: bool = False,
    keep_first: bool = False,
    singular: bool = False,
) -> tuple[list[_Tok], int]:
    """The counted noun at ``index`` (``police officers``, ``"armed criminals"``) and the index after it.

    ``of`` is read through after a vague plural (``hundreds of people``) and before ``the``/``those``
    (``26 of the protesters``). Trailing words that do not look like nouns are dropped (``protesters
    gathered`` -> ``protesters``), down to the first word with ``keep_first`` (``of the electorate``); after
    ``one`` (``singular``) a singular noun is a noun (``One crew member``, ``one sailor``).
    """
    candidates: list[tuple[_Tok, int]] = []
    k = index
    if _word(toks, k) == "of" and _word(toks, k + 1) in _PARTITIVES:
        return [], k + 2
    if _word(toks, k) == "of" and _word(toks, k + 1) in ("the", "those"):
        k += 2
    elif _word(toks, k) == "of" and vague:
        k += 1
    while k < len(toks) and len(candidates) < settings.np_max_tokens:
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS | {"-"}:
            k += 1
            continue
        if tok.lower == "and" and candidates and modifier_and(toks, k, candidates[-1][0].lower, singular):
            candidates.append((tok, k))  # "rail and bus workers", "train and bus services": two modifiers of one noun
            k += 1
            continue
        if tok.kind != "word" or tok.lower in _CUE_KIND or tok.lower in _AUX or tok.lower in _NP_STOP:
            break
        candidates.append((tok, k))
        k += 1
    # keep the longest prefix that ends in a noun ("protesters gathered" -> "protesters")
    while candidates[keep_first:] and not is_noun(candidates[-1][0].lower, singular):
        candidates.pop()
    if not candidates:
        return [], index
    words = [tok for tok, _ in candidates]
    while words and words[0].lower in _NP_MODIFIERS and len(words) > 1:
        words.pop(0)
    return words, candidates[-1][1] + 1


def _gap_to_cue(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> int | None:
    """The index of a kind word after auxiliaries at ``index`` (``have reportedly been killed``), or None."""
    gaps = 0
    k = index
    while k < len(toks):
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS:
            k += 1
            continue
        if tok.kind == "word" and tok.lower in _CUE_KIND:
            return k
        if lives_cue(toks, k) is not None:  # "Sixteen police officers gave their lives"
            return lives_cue(toks, k)
        if tok.kind == "word" and tok.lower in _AUX and gaps < settings.gap_max_tokens:
            k += 1
            gaps += 1
            continue
        if tok.text == "," and gaps == 0:  # "three people, a man and two women, were killed"
            closing = next(
                (
                    j
                    for j in range(k + 1, min(len(toks), k + 2 + settings.apposition_max_tokens))
                    if toks[j].text == ","
                ),
                None,
            )
            inside = toks[k + 1 : closing] if closing is not None else []
            if closing is not None and all(t.kind != "sym" and t.lower not in _CUE_KIND for t in inside):
                k = closing + 1
                gaps += 1
                continue
            if _word(toks, k + 1) in _AUX:  # the end of an apposition: "two women, were killed"
                k += 1
                gaps += 1
                continue
        return None
    return None


def _left_cue(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> FigureKind | None:
    """A kind word before the number, linked to it by a few words (``killing 26``, ``toll rose to 225``)."""
    k = index - 1
    steps = 0
    while k >= 0 and steps <= settings.left_window:
        tok = toks[k]
        if tok.kind == "sym" and tok.text in _QUOTE_MARKS:
            k -= 1
            continue
        if tok.kind != "word":
            return None
        if tok.lower in _CUE_KIND and tok.lower not in ("death", "lives"):
            return _CUE_KIND[tok.lower]
        if tok.lower in ("death", "lives") and steps > 0:  # "death toll of" / "the lives of 12"
            return FigureKind.KILLED
        if tok.lower not in _LEFT_LINK and tok.lower not in _QUALIFIER_WORDS:
            return None
        k -= 1
        steps += 1
    return None


def _canonical(words: Sequence[str]) -> str:
    """The referent class of a counted noun: ``["kazakh", "police", "officers"]`` -> ``security forces``."""
    for start in range(len(words)):
        phrase = " ".join(words[start:])
        if phrase in _REFERENT_CLASSES:
            return _REFERENT_CLASSES[phrase]
    return " ".join(words)


def _among(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> str | None:
    """``among the police`` within ``among_window`` words after ``index``: the referent class."""
    for k in range(index, min(len(toks), index + settings.among_window)):
        if toks[k].kind != "word" and toks[k].text not in _QUOTE_MARKS:
            return None
        if toks[k].lower == "among":
            j = k + 1
            while _word(toks, j) in ("the", "its", "their"):
                j += 1
            words, _ = _noun_phrase(toks, j, settings)
            if not words and _word(toks, j) in _REFERENT_CLASSES:
                words = [toks[j]]
            if words and words[0].lower not in _PARTITIVES:
                return _canonical([w.lower for w in words])
            return None
    return None


def _percent_referent(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> str:
    """``80% of the population`` -> ``population``; ``""`` when no ``of`` phrase follows."""
    if _word(toks, index) != "of" or of_gdp(toks, index):  # "3% of GDP": what the share is (a deficit, debt)
        return ""
    k = index + 1
    while _word(toks, k) in ("the", "its", "their", "all", "those", "these"):
        k += 1
    words, end = _noun_phrase(toks, k, settings, keep_first=True)
    if not words:
        return ""
    head = words[-1].lower  # "of scheduled trains": trains (not "of output last year", "of Bayou La Batre's")
    plural_head = len(words) > 1 and _UNIT_NOUNS.isdisjoint(t.lower for t in words) and head[-1:] == "s"
    return share_of(head if plural_head and head.isalpha() else " ".join(t.lower for t in words), toks, end)


def _read_phrase(toks: Sequence[_Tok], phrase: _Phrase, settings: FigureSettings) -> _Reading:
    """Kind, counted noun and referent of one phrase, from the words around it."""
    if phrase.currency is not None:
        return _Reading(phrase, FigureKind.MONEY, None, phrase.currency, explicit_noun=False)
    if phrase.percent:
        referent = (
            "" if phrase.points else _percent_referent(toks, phrase.end, settings) or share_referent(toks, phrase)
        )
        referent = referent or pay_referent(toks, phrase) or business.business_referent(toks, phrase) or ""
        referent = "vote share" if referent in ("vote", "votes") else referent or topic_of(toks, phrase, settings)
        if phrase.points:  # a change in points is not the level it changes
            referent = (
                f"{referent} change" if referent else "change (expected)" if expected_change(toks, phrase) else ""
            )
        return _Reading(phrase, FigureKind.PERCENTAGE, None, referent, explicit_noun=False)
    counts = phrase.counts or support_of(toks, phrase)
    if counts is not None:  # "voted 7-2", "backed by seven of nine members", "third increase since October"
        return _Reading(phrase, FigureKind.COUNT, None, counts, explicit_noun=False)
    partitive = partitive_cue(toks, phrase.end)
    if partitive is not None:  # "Forty of the injured remain in hospital", "Two of the dead were firefighters"
        noun = _predicate_noun(toks, phrase.end + 3, settings)
        words = [t.lower for t in noun]
        referent = _canonical(words) if words else _GENERIC_REFERENT
        return _Reading(phrase, partitive, " ".join(words) or None, referent, explicit_noun=bool(words), part=True)
    one = phrase.value == 1 and not phrase.vague
    whole_end = part_of_count(toks, phrase, settings)  # "seven of the nine counts": counts
    noun_at = _skip_quotes(toks, phrase.end) if whole_end is None else whole_end
    noun, after_noun = _noun_phrase(toks, noun_at, settings, vague=phrase.vague, singular=one)
    words = [t.lower for t in noun]
    if not noun and business.strong_workforce(toks, phrase):  # "its 61,000-strong workforce"
        return _Reading(phrase, FigureKind.COUNT, None, "employees", explicit_noun=False)
    attributive = attributive_unit(toks, phrase) if not noun else None
    if attributive is not None:  # "a 2.5 million crown fine" counts crowns
        words, after_noun = [attributive[0]], attributive[1]
        noun = [toks[after_noun - 1]]
    if words and words[-1] in ("members", "member") and _word(toks, after_noun) == "of":
        members_of, end = _noun_phrase(toks, after_noun, settings)  # "18 members of the security forces"
        if members_of and " ".join(t.lower for t in members_of) in _REFERENT_CLASSES:
            noun, after_noun, words = members_of, end, [t.lower for t in members_of]
    if words and _word(toks, after_noun) == "and":  # "16 police officers and National Guard servicemen had died"
        other, end = _noun_phrase(toks, after_noun + 1, settings)
        if other and _canonical([t.lower for t in other]) == _canonical(words):
            after_noun = end
    kind = FigureKind.COUNT
    cue = None
    changed = change_in(toks, after_noun, lambda k: topic_at(toks, k)) if words == ["points"] else None
    if changed or (words == ["points"] and party_sentence(toks)):  # "a 2-point hike in VAT", "a gain of 6.1 points"
        points = replace(phrase, end=after_noun, percent=True, points=True)  # (in a sentence about a party)
        return _Reading(points, FigureKind.PERCENTAGE, None, f"{changed or 'vote share'} change", explicit_noun=False)
    if words and words[-1] in _UNIT_NOUNS:
        if not words[-1].endswith("s"):  # "nine-year term" counts years, as "nine years" does
            words[-1] += "s"
        span = span_referent(toks, phrase, words[-1], after_noun)  # a prison term, a 48-hour strike
        return _Reading(phrase, kind, " ".join(words), span or _canonical(words), explicit_noun=True)
    if not noun and _word(toks, phrase.end) == "of" and _word(toks, phrase.end + 1) in _PARTITIVES:
        noun = _predicate_noun(toks, after_noun, settings)  # "Three of them were firefighters"
        words = [t.lower for t in noun]
        cue = None if words else _gap_to_cue(toks, phrase.end + 2, settings)  # "two of them have been injured"
        kind = _CUE_KIND[toks[cue].lower] if cue is not None else kind
        reading = _Reading(phrase, kind, " ".join(words) or None, _canonical(words), explicit_noun=bool(words))
        reading.part = True
        return reading
    cue = _gap_to_cue(toks, after_noun if noun else phrase.end, settings)
    if cue is None and noun:  # "300 residents of nearby streets were evacuated": past a short "of" phrase
        cue = _gap_to_cue(toks, past_of_phrase(toks, after_noun, settings), settings)
    if cue is not None:
        kind = _CUE_KIND[toks[cue].lower]
        if not noun:  # "5 injured protesters": the noun after the participle
            noun, _ = _noun_phrase(toks, cue + 1, settings)
            words = [t.lower for t in noun]
    elif injury_after(toks, after_noun) is not None:  # "50 people with injuries", "Two officers suffered injuries"
        kind = injury_after(toks, after_noun) or kind
    elif moved_out(toks, phrase, after_noun):  # "2,500 people forced out of their homes"
        kind = FigureKind.EVACUATED
    else:
        left = _left_cue(toks, phrase.start, settings) or subject_cue(toks, phrase.start, settings)
        if left is not None:
            kind = left
    among_from = cue + 1 if cue is not None else after_noun
    among = _among(toks, among_from, settings) if kind in _PEOPLE_KINDS else None
    referent = _canonical(words) if words else _GENERIC_REFERENT if kind in _PEOPLE_KINDS else ""
    reading = _Reading(phrase, kind, " ".join(words) or None, referent, explicit_noun=bool(words), among=among)
    if among is not None and referent == _GENERIC_REFERENT:
        reading.referent = among
    if kind is FigureKind.COUNT and business.jobs_cut(toks, phrase, words):  # "to axe 5,000 workers": no workforce
        reading.referent, reading.noun = "jobs cut", None
    elif kind is FigureKind.COUNT and (not words or _canonical(words) == _GENERIC_REFERENT):
        _read_role(toks, reading, words, after_noun, settings)
    return reading


def _read_role(toks: Sequence[_Tok], reading: _Reading, words: list[str], after_noun: int, s: FigureSettings) -> None:
    """What a count of people (or of nothing named) counts, from the words around it: ``employs 600 people``:
    employees; ``800 people joined the march``: protesters; ``were treated for``: people treated; ``the number of
    homes destroyed has risen to 23``: homes; ``85,000 transport workers``: a workforce, whatever its trade."""
    phrase = reading.phrase
    role = role_of(toks, phrase) or protest_role(toks, phrase, after_noun) or treated_role(toks, after_noun)
    counted = None if words else counted_subject(toks, phrase.start, s.subject_window)
    if counted is not None:
        reading.referent, reading.noun = _canonical([counted]), counted
    elif role is not None:  # the role says what is counted, whatever the noun ("dock workers", "people")
        part = business.employer_part(toks, phrase) if role == "employees" else None  # "the plant, which employs 3,400"
        reading.referent, reading.noun = part or role, None
    elif workforce(words):
        reading.referent, reading.noun = "employees", None


def _refined(toks: Sequence[_Tok], readings: list[_Reading]) -> list[_Reading]:
    """Referents read from the other figures of the sentence: the size of a whole (``214 of the 399 seats``, ``the
    399-member chamber``), a speed, an area burned, the earlier value of a percentage (``1.2%, down from the
    1.8%``)."""
    last_rate = ""
    for n, r in enumerate(readings):
        r.referent = whole_referent(toks, r.phrase, r.kind, r.referent, readings[n - 1].phrase if n else None)
        r.referent = majority_referent(toks, r.phrase, r.kind, r.referent)
        r.referent = area_referent(toks, r.phrase, speed_referent(toks, r.phrase, r.referent))
        if r.kind is FigureKind.PERCENTAGE and not r.phrase.points:
            r.referent = last_rate if not r.referent and earlier_value(toks, r.phrase.start) else r.referent
            last_rate = r.referent
    return readings


def _predicate_noun(toks: Sequence[_Tok], index: int, settings: FigureSettings) -> list[_Tok]:
    """``[were] firefighters``: the noun a part is said to be."""
    if _word(toks, index) not in ("were", "are", "was", "is"):
        return []
    noun, _ = _noun_phrase(toks, index + 1, settings)
    return noun


def _read_sentence(
    text: str,
    sentence: str,
    toks: Sequence[_Tok],
    phrases: Sequence[_Phrase],
    settings: FigureSettings,
    paragraph: int,
    context: _Reading | None,
) -> tuple[list[FigureMention], _Reading | None]:
    readings = _refined(toks, [_read_phrase(toks, phrase, settings) for phrase in phrases])
    for index, reading in enumerate(readings):
        previous = readings[index - 1] if index > 0 else None
        if reading.noun == "others" and reading.kind is FigureKind.COUNT and _names_a_count(previous):
            assert previous is not None  # "four counts ... two others": others of the same noun
            reading.noun, reading.referent = previous.noun, previous.referent
        # "16 killed and more than 1,300 wounded among the police": the referent applies to both
        if reading.among is not None:
            k = index - 1
            while k >= 0 and coordinated(toks, readings[k].phrase, readings[k + 1].phrase):
                if readings[k].explicit_noun or readings[k].kind not in _PEOPLE_KINDS:
                    break
                readings[k].referent = reading.among
                k -= 1
        # "at least 164 dead, including 103 in Almaty": a part of the figure before (or of the sentence before)
        near = index > 0 and reading.phrase.start - readings[index - 1].phrase.end <= settings.subset_window
        subset = is_subset(toks, reading.phrase.start)
        # a part after a total of people is a part of it however far in the sentence ("Seven people have died in
        # the violence in our city, including two police officers")
        after_total = index > 0 and (near or readings[index - 1].kind in _PEOPLE_KINDS)
        # "Hundreds of firefighters are battling the fire, and two of them have been injured": them, however far
        after_total = after_total or (index > 0 and reading.part and _word(toks, reading.phrase.end + 1) in _PARTITIVES)
        parent: _Reading | None = None
        if after_total and (subset or reading.part):  # "At least 164 people were killed, 103 of them in Almaty"
            parent = readings[index - 1]
        else:
            parent = context if subset or reading.part else None
        if parent is not None or reading.part or subset:
            _read_part(toks, reading, parent)
    for reading in readings:
        smaller = context is not None and context.kind is reading.kind and reading.phrase.value < context.phrase.value
        if smaller and not reading.part and reading.referent == _GENERIC_REFERENT:
            place = place_after(toks, reading.phrase.end)
            if place is not None:  # "164 people died ... 103 were killed in Almaty": a part, in a place
                reading.referent, reading.part = f"{reading.referent} in {place}", True
        cut_in = business.jobs_cut_in(toks, reading.phrase, reading.referent)  # "1,200 jobs in Brennland"
        if cut_in != reading.referent:
            reading.referent, reading.noun = cut_in, None
        if reading.referent and not business.against_year_before(toks, reading.phrase, reading.referent):
            reading.referent += marker_of(toks, reading.phrase, settings)
        if reading.kind in _PEOPLE_KINDS and not reading.part and reading.referent == _GENERIC_REFERENT:
            context = reading
    mentions = []
    for reading in readings:
        phrase = reading.phrase
        if phrase.bare_one and (reading.kind is FigureKind.COUNT or _word(toks, phrase.end) == "of"):
            continue  # "one of the", "one day"
        start, end = toks[phrase.start].start, toks[phrase.end - 1].end
        low, high = bounds_of(phrase, settings)
        unit = phrase.currency or ("%" if phrase.percent else None) or time_unit(reading.noun)
        mentions.append(
            FigureMention(
                value=phrase.value,
                low=low,
                high=high,
                qualifier=phrase.qualifier,
                kind=reading.kind,
                referent=reading.referent,
                text=text[start:end],
                sentence=sentence,
                start=start,
                end=end,
                bound=phrase.bound,
                noun=reading.noun,
                unit=unit,
                paragraph=paragraph,
            )
        )
    return mentions, context


def _names_a_count(reading: _Reading | None) -> bool:
    return reading is not None and reading.kind is FigureKind.COUNT and reading.explicit_noun


def _read_part(toks: Sequence[_Tok], reading: _Reading, parent: _Reading | None) -> None:
    """A part takes the kind of its total; without a noun of its own it is a part of the total's referent."""
    reading.part = True
    if (
        parent is not None
        and reading.kind is FigureKind.COUNT
        and parent.kind in _PEOPLE_KINDS
        and not _unit_noun(reading)
    ):
        reading.kind = parent.kind
    if reading.kind not in _PEOPLE_KINDS:
        return
    # the injured among a count of firefighters are the injured firefighters (a part only of a total of its kind)
    counted = parent is not None and parent.kind is FigureKind.COUNT and parent.explicit_noun
    base = parent.referent if parent is not None and (parent.kind in _PEOPLE_KINDS or counted) else _GENERIC_REFERENT
    place = place_after(toks, reading.phrase.end)
    if place is not None:
        reading.referent = f"{base} in {place}"
    elif counted and not reading.explicit_noun:
        reading.referent = base
    elif not reading.explicit_noun:
        reading.referent = f"{base} (part)"


def _unit_noun(reading: _Reading) -> bool:
    return reading.noun is not None and reading.noun.split()[-1] in _UNIT_NOUNS
