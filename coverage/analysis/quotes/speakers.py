"""Speakers: who says a quote, read from the words around it (speech verbs, names, roles), and what kind of
speaker that is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coverage.model.quotes import SpeakerKind
from coverage.settings import QuoteSettings
from coverage.text.lexicon import MONTHS, WEEKDAYS, word_set

_SPEECH_VERBS = word_set(
    "said says say saying told tells tell telling added adds adding stated states declared declares "
    "announced announces explained explains insisted insists warned warns noted notes wrote writes "
    "tweeted tweets posted claimed claims argued argues stressed stresses emphasised emphasized asked "
    "asks replied replies responded continued recalled recalls affirmed affirms promised promises "
    "acknowledged admitted admits urged urges vowed vows concluded commented observed remarked complained "
    "confirmed confirms reported reports estimated estimates called calls described describes shouted "
    "chanted cried quipped spoke denounced accused thanked predicted suggested quoted crowed fumed blasted "
    "blamed hailed raged conceded boasted joked pledged slammed lamented scoffed snapped retorted countered "
    "demanded"
)
_RELATIVES = {"who", "which", "whose"}
# Verbs that report speech with "back" ("union chief Jonas Hauk hit back: ..."); alone they are no speech verbs.
_RETORT_VERBS = word_set("hit hits fired fires shot shoots struck strikes")
# Speech verbs whose subject may follow them after a comma ("..., said Warren"); not "told the BBC" (a listener).
_INVERTED_VERBS = word_set("said says added adds explained noted wrote writes insisted argued warned")
_CLAUSE_LINKS = word_set("who which whose and but as")
# Words that open a sentence before its subject ("Addressing supporters in Harlen, Voss struck a humble note").
_OPENERS = word_set(
    "in on at after before during with for from amid despite following asked speaking addressing like unlike"
)
_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
_DETERMINERS = {"the", "a", "an", "one", "another", "his", "her", "its", "their", "two", "three", "several", "some"}
_ROLE_PREPOSITIONS = {"of", "for", "at", "from", "in", "with", "to"}
_ADVERBS = word_set(
    "also however later then again earlier previously yesterday today now further recently once "
    "separately repeatedly publicly reportedly has had have was is would will"
)
_DAYS = WEEKDAYS | {"weekend", "night", "morning"}
# Capitalised words that do not start or belong to a speaker phrase.
_CAP_STOP = (
    _DAYS
    | MONTHS
    | word_set(
        "but and or on in at by as if so when while after before since today yesterday meanwhile however also then "
        "later last this that there here it he she they we i "
        "again according with for from to of despite although though during "
        "roughly about many most all both each every such these those what why how who where his our my your"
    )
)
_FUNCTION_WORDS = word_set(
    "while and but as when which that the a an in on at for with by after before since because although "
    "though or so then than of to is was are were it this who not"
)

_ANONYMOUS_WORDS = {"source", "sources", "anonymous", "unnamed", "unidentified", "insider", "insiders", "people"}
_OFFICIAL_WORDS = word_set(
    "president minister spokesman spokeswoman spokesperson spokespeople governor mayor official officials "
    "authorities prosecutor prosecutors ambassador senator congressman congresswoman lawmaker lawmakers "
    "mp secretary chancellor king queen premier commander general chief sheriff deputy diplomat diplomats "
    "representative representatives adviser advisor aide head leader director envoy officer police judge attorney "
    "rep chairman manager executive ceo cfo coo cto founder co-founder treasurer "
    "chairwoman chair councillor councilor councilman councilwoman"
)
_EXPERT_WORDS = word_set(
    "analyst analysts expert experts professor researcher researchers economist economists scholar "
    "specialist academic scientist scientists lecturer fellow historian observer observers doctor doctors "
    "lawyer lawyers"
)
_WITNESS_WORDS = word_set(
    "witness witnesses eyewitness eyewitnesses resident residents bystander bystanders local locals "
    "neighbour neighbor neighbours neighbors survivor survivors passer-by onlooker onlookers protester "
    "protesters demonstrator demonstrators participant student driver worker man woman mother father "
    "relative friend"
)
_ORGANISATION_WORDS = word_set(
    "ministry kremlin government office agency army military party company organisation organization "
    "union council committee department embassy house nations nato csto un group court parliament states "
    "pentagon service administration alliance commission bank federation moscow washington beijing "
    "statement spokesman's channel tv media newspaper"
)
_ROLE_WORDS = _OFFICIAL_WORDS | _EXPERT_WORDS | _WITNESS_WORDS | _ORGANISATION_WORDS | _ANONYMOUS_WORDS
_MODIFIERS = word_set(
    "former ex acting deputy senior top local interim foreign interior defence defense prime vice "
    "regional national state federal security political independent human rights press chief young "
    "elderly middle-aged kazakh russian american western government health finance economy justice "
    "military police county city general white united familiar briefed close legal media news private "
    "public central new"
)
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|Lt|Col|Sgt|Gov|Jr|Sr|St|Capt|Maj|Adm|Rev|Pres)\."
_WORD_TOKEN = re.compile(
    rf"(?P<word>{_TITLES}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s[A-Z])|[^\W\d_][\w’'-]*)|(?P<num>\d+(?:[,.]\d+)*)|(?P<sym>\S)"
)


@dataclass(frozen=True)
class _Tok:
    text: str
    lower: str
    kind: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.kind == "word" and self.text[:1].isupper()


def _tokens(text: str, offset: int = 0) -> list[_Tok]:
    return [
        _Tok(m.group(), m.group().lower(), m.lastgroup or "sym", m.start() + offset, m.end() + offset)
        for m in _WORD_TOKEN.finditer(text)
    ]


def _is_speaker_word(tok: _Tok) -> bool:
    if tok.kind != "word" or "_" in tok.text:
        return False
    if tok.capitalised:
        return tok.lower not in _CAP_STOP and not tok.lower.endswith("ly")
    base = tok.lower.removesuffix("'s").removesuffix("’s")
    return base in _ROLE_WORDS or base in _MODIFIERS or tok.lower != base or bool(_ROLE_WORDS & set(base.split("-")))


def _valid_speaker(words: Sequence[_Tok]) -> bool:
    return any(t.capitalised and t.lower not in _DETERMINERS for t in words) or any(
        t.lower.removesuffix("'s").removesuffix("’s") in _ROLE_WORDS for t in words
    )


def _phrase(words: Sequence[_Tok], source: str) -> str:
    return source[words[0].start : words[-1].end]


def _speaker_backward(
    toks: Sequence[_Tok], verb: int, source: str, settings: QuoteSettings, *, antecedent: bool = False
) -> str | None:
    """The subject of the speech verb at ``verb``: ``Interior Minister Erlan Turgumbayev [said]``."""
    k = verb - 1
    while k >= 0:  # "Moscow on Saturday called", "he has also said"
        word = toks[k].lower
        if word in _ADVERBS or word in _DAYS or (word == "on" and k + 1 < verb and toks[k + 1].lower in _DAYS):
            k -= 1
            continue
        break
    if k >= 0 and toks[k].lower in _PRONOUNS:
        return toks[k].text
    if antecedent and k >= 1 and toks[k].lower in _RELATIVES and toks[k - 1].text == ",":
        k -= 2  # "The interior ministry, which insists the situation has “stabilized,”": the antecedent
    apposition = k >= 0 and toks[k].text == ","  # "Aigul Sadykova, a local resident, said"
    if apposition:
        relative = _relative_clause_start(toks, k)
        if relative is not None:  # "Tokayev, who has blamed the violence on ..., said": the subject before it
            k, apposition = relative - 1, False
        else:
            k -= 1
    if k >= 2 and toks[k].kind == "num" and toks[k - 1].text == "," and _is_speaker_word(toks[k - 2]):
        k, apposition = k - 2, False  # "Rune Akker, 41, said", "Rune Akker, 41, who has worked there, said": an age
    taken: list[int] = []  # indices of the speaker's tokens, right to left
    while k >= 0 and len(taken) < settings.speaker_max_tokens:
        tok = toks[k]
        if _is_speaker_word(tok):
            taken.append(k)
        elif tok.lower in _DETERMINERS and taken:
            taken.append(k)
            if k >= 2 and toks[k - 1].lower in _ROLE_PREPOSITIONS and _is_speaker_word(toks[k - 2]):
                k -= 1  # "a spokesman for [the] Interior Ministry": go on past the preposition
                continue
            break
        elif tok.lower in _ROLE_PREPOSITIONS and taken and k >= 1 and _is_speaker_word(toks[k - 1]):
            taken.append(k)
        else:
            break
        k -= 1
    while taken and toks[taken[-1]].lower in _ROLE_PREPOSITIONS:
        taken.pop()
    words = [toks[i] for i in reversed(taken)]
    named = all(t.capitalised for t in words)  # "the president, Anton Halvik, said": the name in apposition
    role_first = bool(words) and not words[0].capitalised and _is_speaker_word(words[0])  # "director-general of"
    opens_role = words[0].lower in _DETERMINERS or role_first if words else False
    if not words or not _valid_speaker(words) or (apposition and not opens_role and not named):
        return None
    first = taken[-1]
    before = toks[first - 1] if first >= 1 else None
    if (
        apposition
        and before is not None
        and (before.lower in _ROLE_PREPOSITIONS or (opens_role and before.text not in ",;:"))
    ):  # "addressed the deal in a statement, saying", "Nirad Sinha, a navy spokesman, told": no subject between commas
        return None
    if (words[0].lower in _DETERMINERS or (role_first and apposition)) and first >= 2 and toks[first - 1].text == ",":
        name: list[_Tok] = []
        j = first - 2
        while j >= 0 and toks[j].capitalised and _is_speaker_word(toks[j]) and len(name) < settings.speaker_max_tokens:
            name.insert(0, toks[j])
            j -= 1
        if name:
            return f"{_phrase(name, source)}, {_phrase(words, source)}"
    return _phrase(words, source)


def _relative_clause_start(toks: Sequence[_Tok], comma: int) -> int | None:
    """The index of the comma that opens ``, who ...,`` closed by the comma at ``comma``, or None."""
    k = comma - 1
    while k > 0 and toks[k].text not in ",.;:":
        k -= 1
    if k > 0 and toks[k].text == "," and k + 1 < comma and toks[k + 1].lower in _RELATIVES:
        return k
    return None


def _speaker_forward(toks: Sequence[_Tok], index: int, source: str, settings: QuoteSettings) -> tuple[str, int] | None:
    """A speaker phrase starting at ``index`` (``said X``, ``according to X``) and the index after it."""
    words: list[_Tok] = []
    k = index
    while k < len(toks) and len(words) < settings.speaker_max_tokens:
        tok = toks[k]
        if _is_speaker_word(tok) or (
            tok.lower in _DETERMINERS and (not words or words[-1].lower in _ROLE_PREPOSITIONS)
        ):
            words.append(tok)
        elif words and words[-1].lower in _DETERMINERS and (ahead := _modifiers_before_role(toks, k)):
            words.extend(toks[k : k + ahead])  # "the transport councillor": modifiers the lists do not hold
            k += ahead
            continue
        elif tok.lower in _ROLE_PREPOSITIONS and words and k + 1 < len(toks):
            following = toks[k + 1]
            if not (_is_speaker_word(following) or following.lower in _DETERMINERS):
                break
            words.append(tok)
        else:
            break
        k += 1
    while words and (words[-1].lower in _ROLE_PREPOSITIONS or words[-1].lower in _DETERMINERS):
        words.pop()
    tail = max((n for n, t in enumerate(words) if t.lower in _ROLE_PREPOSITIONS), default=None)
    if tail is not None and not any(t.capitalised or t.lower in _ROLE_WORDS for t in words[tail + 1 :]):
        words = words[:tail]  # "Ed Stefanski at a news [conference]": a place or occasion, not an organisation
    if not words or not _valid_speaker(words):
        return None
    end = index + len(words)
    if words[-1].lower in _ROLE_WORDS and end + 1 < len(toks) and toks[end].lower == "and":
        chained = _speaker_forward(toks, end + 1, source, settings)  # "SeaMicro CEO and new AMD manager Andrew Feldman"
        if chained is not None and _has_name(toks[chained[1] - 1].text):
            return source[words[0].start : toks[chained[1] - 1].end], chained[1]
    if words[0].lower in _DETERMINERS and words[-1].lower in _ROLE_WORDS:
        name = _name_in_apposition(toks, end, settings)  # "said the transport councillor, Pia Halden."
        if name is not None:
            return f"{_phrase(toks[end + 1 : name], source)}, {_phrase(words, source)}", name
    if words[-1].capitalised and end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].lower in _DETERMINERS:
        role = _speaker_forward(toks, end + 1, source, settings)  # "Dosym Satpayev, a political analyst"
        if role is not None and any(t.lower in _ROLE_WORDS for t in toks[end + 2 : role[1]]):
            return f"{_phrase(words, source)}, {role[0]}", role[1]
    return _phrase(words, source), end


def _modifiers_before_role(toks: Sequence[_Tok], k: int) -> int:
    """How many lower-case words from ``k`` lead to a role word (``transport`` in ``the transport councillor``):
    at most two, none a function word; 0 when no role word follows."""
    for n in (1, 2):
        if k + n >= len(toks):
            return 0
        between = toks[k : k + n]
        if not all(t.kind == "word" and not t.capitalised for t in between):
            return 0
        if any(t.lower in _FUNCTION_WORDS | _DETERMINERS | _ROLE_PREPOSITIONS | _SPEECH_VERBS for t in between):
            return 0
        if toks[k + n].lower in _ROLE_WORDS and not toks[k + n].capitalised:
            return n
    return 0


def _name_in_apposition(toks: Sequence[_Tok], end: int, settings: QuoteSettings) -> int | None:
    """The index after ``, Pia Halden`` at ``end`` when a name of capitalised words follows the comma and the
    clause ends there (a full stop, a comma, the end): the role's name; else None."""
    if end >= len(toks) or toks[end].text != ",":
        return None
    k = end + 1
    while (
        k < len(toks) and toks[k].capitalised and _is_speaker_word(toks[k]) and k - end <= settings.speaker_max_tokens
    ):
        k += 1
    if k - end < 3:  # a name is two words at least: "Halden" alone may be a place
        return None
    if k < len(toks) and toks[k].text not in ".,;:!?":
        return None
    return k


def _skip_adverbials(toks: Sequence[_Tok], k: int) -> int:
    while k < len(toks) and (toks[k].lower in _ADVERBS or toks[k].lower in _DAYS or toks[k].lower == "on"):
        k += 1
    return k


def _speaker_after(after: str, settings: QuoteSettings) -> str | None:
    """Rule 1: the speaker right after the closing mark."""
    toks = _tokens(after)
    k = 0
    while k < len(toks) and toks[k].kind == "sym" and toks[k].text in ",.;:!?—–-":
        k += 1
    if k >= len(toks) or toks[k].kind != "word":
        return None
    first = toks[k]
    following = toks[k + 1].lower if k + 1 < len(toks) else ""
    if first.lower == "according" and following == "to":  # "...", according to X
        found = _speaker_forward(toks, k + 2, after, settings)
        return found[0] if found else None
    if first.lower in _PRONOUNS:  # "...," he said
        verb = _skip_adverbials(toks, k + 1)
        return first.text if verb < len(toks) and toks[verb].lower in _SPEECH_VERBS else None
    if first.lower in _SPEECH_VERBS:  # "...," said X / said he
        if following in _PRONOUNS:
            return toks[k + 1].text
        found = _speaker_forward(toks, k + 1, after, settings)
        return found[0] if found else None
    found = _speaker_forward(toks, k, after, settings)  # "...," X said
    if found is not None:
        verb = _skip_adverbials(toks, found[1])
        if verb < len(toks) and toks[verb].lower in _SPEECH_VERBS:
            return found[0]
    inverted = (
        k > 0
        and toks[k - 1].text == ","
        and not first.capitalised
        and first.lower not in _FUNCTION_WORDS | _DETERMINERS | _ROLE_WORDS | _MODIFIERS
        and k + 1 < len(toks)
        and toks[k + 1].capitalised
    )
    if inverted:  # "...", swept Russian Deputy Foreign Minister Sergei Riabkov
        found = _speaker_forward(toks, k + 1, after, settings)
        return found[0] if found else None
    return None


def _speaker_in(context: str, settings: QuoteSettings, *, last_first: bool) -> str | None:
    """Rules 2 and 3: the subject of a speech verb (or ``according to X``) in ``context``; before the quote
    (``last_first``) the antecedent of ``, who said`` / ``, which insists`` too (after it, that clause is another
    statement of another speaker)."""
    toks = _tokens(context)
    indices = [
        i
        for i, t in enumerate(toks)
        if (t.lower in _SPEECH_VERBS and not t.capitalised)
        or t.lower == "according"  # "According to the Kremlin,"
        or (t.lower in _RETORT_VERBS and i + 1 < len(toks) and toks[i + 1].lower == "back")  # "hit back:"
    ]
    for i in reversed(indices) if last_first else indices:
        if toks[i].lower == "according":
            if i + 1 < len(toks) and toks[i + 1].lower == "to":
                found = _speaker_forward(toks, i + 2, context, settings)
                if found is not None:
                    return found[0]
            continue
        speaker = _speaker_backward(toks, i, context, settings, antecedent=last_first)
        if speaker is None and last_first and toks[i].lower.endswith("ing") and i > 0 and toks[i - 1].text == ",":
            speaker = _leading_subject(context, settings)  # "X addressed the deal in a statement, saying": X
        elif speaker is None and i > 0 and toks[i - 1].text == "," and toks[i].lower in _INVERTED_VERBS:
            # "Any deal raises questions, said Warren, but"
            found = _speaker_forward(toks, i + 1, context, settings)  # a clause ends there: not "said Gaza faced"
            ends = found is not None and (
                found[1] >= len(toks) or toks[found[1]].kind == "sym" or toks[found[1]].lower in _CLAUSE_LINKS
            )
            speaker = found[0] if found is not None and ends and _has_name(found[0]) else None
        if speaker is not None:
            return speaker
    return None


def _leading_name(sentence: str, settings: QuoteSettings) -> str | None:
    """The name that starts a sentence (``Tokayev addressed the nation``), when it is capitalised and not one of
    several (``Intel and other companies``)."""
    toks = _tokens(sentence)
    start = 0
    if toks and (toks[0].lower in _OPENERS or toks[0].lower.endswith("ing")):  # past "Addressing supporters in Harlen,"
        comma = next((k for k, t in enumerate(toks[: settings.speaker_max_tokens + 2]) if t.text == ","), None)
        if comma is None:
            return None
        start = comma + 1
    found = _speaker_forward(toks, start, sentence, settings)
    if found is None or not any(t.capitalised and t.lower not in _DETERMINERS for t in toks[start : found[1]]):
        return None
    if "," not in found[0] and found[1] < len(toks) and toks[found[1]].lower in {"and", "or"}:
        return None  # "Intel and other companies had spoken ...": a coordinated subject is no one speaker
    return found[0]


def _leading_subject(sentence: str, settings: QuoteSettings) -> str | None:
    """The name that starts a sentence when a finite verb follows it (``Trump cancelled``, ``X also addressed``):
    a regular past or third-person form, so that ``Beat writer Larry Holder puts`` gives nothing rather than
    ``Beat``."""
    name = _leading_name(sentence, settings)
    if name is None:
        return None
    toks = _tokens(sentence[sentence.find(name) + len(name) :])
    verb = _skip_adverbials(toks, 0)
    if verb < len(toks) and not toks[verb].capitalised and toks[verb].lower.endswith(("ed", "s")):
        return name
    return None


def _speaker_kind(speaker: str | None) -> SpeakerKind:
    """The kind of a speaker phrase from its role words (anonymous > official > expert > witness > organisation)."""
    if not speaker:
        return SpeakerKind.UNKNOWN
    lowered = speaker.lower()
    words = {w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w’'-]+", lowered)}
    if words & _ANONYMOUS_WORDS or "anonymity" in lowered or "not to be named" in lowered:
        return SpeakerKind.ANONYMOUS
    if words & _OFFICIAL_WORDS:
        return SpeakerKind.OFFICIAL
    if words & _EXPERT_WORDS:
        return SpeakerKind.EXPERT
    if words & _WITNESS_WORDS:
        return SpeakerKind.WITNESS
    if words & _ORGANISATION_WORDS:
        return SpeakerKind.ORGANISATION
    return SpeakerKind.UNKNOWN


_NAME_GIVEN = re.compile(
    r"\b(?:identified (?:herself |himself |themselves )?as|gave (?:only )?(?:her|his|their) (?:first |full |last )?"
    r"name(?: as)?|whose name (?:is|was))"
    r",?\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
)
_NAMED_RIGHT_AFTER = re.compile(r"\A,?\s+named\s+(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})")


def _with_name(speaker: str, context: str) -> str:
    """``a woman waiting outside a city morgue, who gave only her first name, Gulnara``, ``a man named Daniyar``,
    ``a resident who identified himself as Arman``: a speaker without a name (not a pronoun) takes the name the
    sentence gives them after the speaker phrase (``Gulnara, a woman``); otherwise unchanged."""
    if _has_name(speaker) or speaker.lower() in _PRONOUNS:
        return speaker
    position = context.find(speaker)
    if position < 0:
        return speaker
    end = position + len(speaker)
    match = _NAMED_RIGHT_AFTER.match(context[end:]) or _NAME_GIVEN.search(context, end)
    if match is None or not _has_name(match.group("name")):
        return speaker
    return f"{match.group('name')}, {speaker}"


def _has_name(phrase: str) -> bool:
    """Whether a phrase holds a capitalised word that is no role, modifier, determiner or stop word."""
    return any(
        w[:1].isupper() and w.lower() not in _ROLE_WORDS | _MODIFIERS | _DETERMINERS | _CAP_STOP
        for w in re.findall(r"[\w’'-]+", phrase)
    )
