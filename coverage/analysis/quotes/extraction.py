"""Direct quotes in news text, who said them, and the same quote across outlets.

:func:`extract_quotes` finds quotes in the paragraphs of one article; :func:`match_quotes` groups the same quote
across articles and says how each outlet's version differs. Regular expressions and word lists only.

Quote marks
    Straight ``"..."``, curly ``“...”``, guillemets ``« ... »``, low-high ``„...“``, PTB-style ````...''``,
    curly single ``‘...’`` and straight single ``'...'`` (an opening ``'`` must follow a space and precede a
    letter; a closing ``'``/``’`` must not be followed by a letter, so apostrophes are not quotes). Scraped
    text mixes them: any closing mark closes any opening double mark (``“armed criminals»``), and ``“`` right
    after a word closes (``“shoot to kill“``). A quote that is still open at the end of a paragraph continues in
    the next paragraph when that one starts with an opening mark (the newspaper convention for long quotes);
    otherwise it ends with its paragraph when it opened at the paragraph start or after a colon, and is dropped
    as a stray mark when it opened anywhere else.

Speakers, in this order
    1. right after the quote: ``"...," X said``, ``"...," said X``, ``"...", according to X``, ``"...", he
       said``, and an inverted verb of any kind followed by a name (``"...", swept Minister X``);
    2. before it in the same sentence, nearest speech verb first: ``X said: "..."``, ``X told reporters "..."``,
       ``X said on Friday that he had authorised forces to "shoot to kill"`` (a partial quote inside indirect
       speech), ``X said ..., adding that "..."`` (``adding`` has no subject of its own, so X is found);
    3. elsewhere after it in the sentence: ``... "Thank especially" Vladimir Putin ..., the Kremlin said``;
    4. the sentence before: a speech verb's subject there (``X told reporters on Sunday:``), the speaker of a
       quote there, or the name that starts it (``Tokayev addressed the nation. "We will ..."``), for quotes
       that start their sentence; pronouns (``he said``) are resolved the same way, then from the last named
       speaker within ``lookback_paragraphs``.

    A speaker is a name or a role phrase (``Interior Minister Erlan Turgumbayev``, ``a witness``,
    ``the Kremlin``, ``a spokesman for the Interior Ministry``, ``Aigul Sadykova, a local resident``), and its
    :class:`SpeakerKind` comes from role words (anonymous > official > expert > witness > organisation).

Scare quotes
    A quote of at most ``scare_max_words`` words (``"armed criminals"``, ``"treason"``) is kept only inside a
    speech-verb context, that is when rule 1, 2 or 3 finds a speaker in its own sentence; it is then a partial
    quote of that speaker. Otherwise it is a scare quote, a title or a term, not a quote, and is dropped.
    Longer quotes are always kept, with ``speaker=None`` when no rule finds one.

A quote is *partial* when it does not stand as its own sentence(s): something other than a speaker
introduction (``X said:``) precedes it in its sentence, or it starts with a lower-case letter.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coverage.analysis.figures import sentence_spans
from coverage.model import Article
from coverage.model.quotes import Attribution, Quote, QuoteGroup, QuoteVariant, SpeakerKind, VariantFlag
from coverage.settings import QuoteSettings

__all__ = [
    "Attribution",
    "Quote",
    "QuoteGroup",
    "QuoteSettings",
    "QuoteVariant",
    "SpeakerKind",
    "VariantFlag",
    "extract_quotes",
    "match_quotes",
]

logger = logging.getLogger(__name__)


# --------------------------------------------------------------------------------------------------------------
# Vocabulary


def _words(text: str) -> frozenset[str]:
    """A word list written as one string."""
    return frozenset(text.split())


_MARK = re.compile(r"``|''|[\"“”«»„‘’']")
_DOUBLE_OPENERS = {"“", "«", "„", "``"}
_DOUBLE_CLOSERS = {"”", "»", "''"}
_SINGLE_MARKS = {"‘", "’", "'"}

_SPEECH_VERBS = _words(
    "said says say saying told tells tell telling added adds adding stated states declared declares "
    "announced announces explained explains insisted insists warned warns noted notes wrote writes "
    "tweeted tweets posted claimed claims argued argues stressed stresses emphasised emphasized asked "
    "asks replied replies responded continued recalled recalls affirmed affirms promised promises "
    "acknowledged admitted admits urged urges vowed vows concluded commented observed remarked complained "
    "confirmed confirms reported reports estimated estimates called calls described describes shouted "
    "chanted cried quipped spoke denounced accused thanked predicted suggested quoted"
)
_PRONOUNS = {"he", "she", "they", "i", "we", "it"}
_DETERMINERS = {"the", "a", "an", "one", "another", "his", "her", "its", "their", "two", "three", "several", "some"}
_ROLE_PREPOSITIONS = {"of", "for", "at", "from", "in", "with", "to"}
_ADVERBS = _words(
    "also however later then again earlier previously yesterday today now further recently once "
    "separately repeatedly publicly reportedly has had have was is would will"
)
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend", "night", "morning"}
# Capitalised words that do not start or belong to a speaker phrase.
_CAP_STOP = _DAYS | _words(
    "but and or on in at by as if so when while after before since today yesterday meanwhile however also then "
    "later last this that there here it he she they we i january february march april may june july august "
    "september october november december again according with for from to of despite although though during "
    "roughly about many most all both each every such these those what why how who where his our my your"
)
_FUNCTION_WORDS = _words(
    "while and but as when which that the a an in on at for with by after before since because although "
    "though or so then than of to is was are were it this who not"
)

_ANONYMOUS_WORDS = {"source", "sources", "anonymous", "unnamed", "unidentified", "insider", "insiders", "people"}
_OFFICIAL_WORDS = _words(
    "president minister spokesman spokeswoman spokesperson spokespeople governor mayor official officials "
    "authorities prosecutor prosecutors ambassador senator congressman congresswoman lawmaker lawmakers "
    "mp secretary chancellor king queen premier commander general chief sheriff deputy diplomat diplomats "
    "representative adviser advisor aide head leader director envoy officer police judge attorney rep chairman "
    "chairwoman chair"
)
_EXPERT_WORDS = _words(
    "analyst analysts expert experts professor researcher researchers economist economists scholar "
    "specialist academic scientist scientists lecturer fellow historian observer observers doctor doctors "
    "lawyer lawyers"
)
_WITNESS_WORDS = _words(
    "witness witnesses eyewitness eyewitnesses resident residents bystander bystanders local locals "
    "neighbour neighbor neighbours neighbors survivor survivors passer-by onlooker onlookers protester "
    "protesters demonstrator demonstrators participant student driver worker man woman mother father "
    "relative friend"
)
_ORGANISATION_WORDS = _words(
    "ministry kremlin government office agency army military party company organisation organization "
    "union council committee department embassy house nations nato csto un group court parliament states "
    "pentagon service administration alliance commission bank federation moscow washington beijing "
    "statement spokesman's channel tv media newspaper"
)
_ROLE_WORDS = _OFFICIAL_WORDS | _EXPERT_WORDS | _WITNESS_WORDS | _ORGANISATION_WORDS | _ANONYMOUS_WORDS
_MODIFIERS = _words(
    "former ex acting deputy senior top local interim foreign interior defence defense prime vice "
    "regional national state federal security political independent human rights press chief young "
    "elderly middle-aged kazakh russian american western government health finance economy justice "
    "military police county city general white united familiar briefed close legal media news private "
    "public"
)
_TITLES = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Prof|Lt|Col|Sgt|Gov|Jr|Sr|St|Capt|Maj|Adm|Rev|Pres)\."
_WORD_TOKEN = re.compile(
    rf"(?P<word>{_TITLES}|(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s[A-Z])|[^\W\d_][\w’'-]*)|(?P<num>\d[\d,.]*)|(?P<sym>\S)"
)
_STOPWORDS = _words(
    "the a an and or of to in on at for is are was were be been it this that we i you they he she our "
    "their with by as has have had not will all from"
)
_NORMAL_TOKEN = re.compile(r"[\w']+")
_BRITISH = re.compile(r"(?<=\w\w)is(e|ed|es|ing|ation|ations)$")


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


@dataclass
class _Span:
    """A quote found by the mark scanner: where it opens and closes, and its inside text pieces."""

    paragraph: int
    start: int  # offset of the opening mark
    inner_start: int
    last_paragraph: int = -1
    end: int = -1  # offset after the closing mark (or paragraph length)
    inner_end: int = -1
    closed: bool = False
    pieces: tuple[tuple[int, int, int], ...] = ()  # (paragraph, start, end) of the text inside the marks
    single: bool = False


# --------------------------------------------------------------------------------------------------------------
# Public functions


def extract_quotes(paragraphs: Sequence[str], settings: QuoteSettings | None = None) -> list[Quote]:
    """Every direct quote in the paragraphs of one article, in text order, with its speaker if found."""
    settings = settings or QuoteSettings()
    spans = _find_spans(paragraphs)
    masked = _mask(paragraphs, spans)
    sentences = [sentence_spans(p) for p in paragraphs]
    quotes: list[Quote] = []
    for span in spans:
        quote = _read_span(paragraphs, masked, sentences, span, quotes, settings)
        if quote is not None:
            quotes.append(quote)
    return quotes


def match_quotes(
    quotes_per_article: Iterable[tuple[Article, Sequence[Quote]]],
    settings: QuoteSettings | None = None,
) -> list[QuoteGroup]:
    """Group the same quote across articles and flag how each version differs from the canonical one.

    Two quotes match when one is contained word for word in the other (after normalisation: case,
    punctuation, -ise/-ize; at least ``match_min_tokens`` words) or when ``min_containment`` of the shorter
    one's content words are in the longer one (both with at least ``fuzzy_min_tokens`` content words). Quotes
    are taken longest first and join the group with the best-matching member. Every quote is in exactly one
    group; groups quoted by more outlets come first.
    """
    settings = settings or QuoteSettings()
    items: list[tuple[Article, Quote, tuple[str, ...]]] = [
        (article, quote, _normal_tokens(quote.text)) for article, quotes in quotes_per_article for quote in quotes
    ]
    order = sorted(range(len(items)), key=lambda i: -len(items[i][2]))
    groups: list[list[int]] = []
    for index in order:
        tokens = items[index][2]
        best, best_score = None, 0.0
        for number, group in enumerate(groups):
            score = max(_match_score(items[member][2], tokens, settings) for member in group)
            if score > best_score:
                best, best_score = number, score
        if best is None:
            groups.append([index])
        else:
            groups[best].append(index)
    result = [_make_group([items[i] for i in sorted(group)]) for group in groups]
    first_seen = {id(group): min(indices) for group, indices in zip(result, groups, strict=True)}
    return sorted(result, key=lambda g: (-len(g.outlets), -len(g.variants), first_seen[id(g)]))


# --------------------------------------------------------------------------------------------------------------
# Quote marks


def _at_paragraph_start(text: str, pos: int) -> bool:
    return not text[:pos].strip()


def _opens(text: str, pos: int, mark: str) -> bool:
    """Whether a mark outside any quote opens one."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if mark in _DOUBLE_OPENERS:
        return True
    if mark == '"':  # tokenised text spaces its marks (`` " word " ``): open when another mark follows
        return not after.isspace() or ((before.isspace() or pos == 0) and '"' in text[pos + 1 :])
    if mark == "”":  # used as an opener in some scraped text: ”Hello”
        return (before.isspace() or pos == 0) and after.isalnum()
    if mark in ("‘", "'"):
        return (before.isspace() or pos == 0 or before in "([—–-") and after.isalpha()
    return False


def _closes(text: str, pos: int, mark: str, single: bool) -> bool | None:
    """Whether a mark inside a quote closes it; ``None`` when it opens a new quote instead (a lost closer)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + len(mark)] if pos + len(mark) < len(text) else " "
    if single:
        return mark in ("’", "'") and not after.isalpha() and not before.isspace()
    if mark in _DOUBLE_CLOSERS or mark == '"':
        return True
    if mark == "“":
        return True if not before.isspace() else None
    if mark in _DOUBLE_OPENERS:
        return None
    return False


def _find_spans(paragraphs: Sequence[str]) -> list[_Span]:
    spans: list[_Span] = []
    carried: _Span | None = None
    for p, text in enumerate(paragraphs):
        current: _Span | None = None
        marks = list(_MARK.finditer(text))
        skip_first = False
        if carried is not None:
            first = marks[0] if marks else None
            if first is not None and _at_paragraph_start(text, first.start()) and _opens(text, first.start(), first[0]):
                current = carried
                current.pieces = (*current.pieces, (p, first.end(), -1))
                skip_first = True
            else:
                spans.extend(_unclosed(paragraphs, carried))
            carried = None
        for number, match in enumerate(marks):
            if skip_first and number == 0:
                continue
            mark, pos = match[0], match.start()
            if current is None:
                if _opens(text, pos, mark):
                    current = _Span(p, pos, match.end(), pieces=((p, match.end(), -1),), single=mark in _SINGLE_MARKS)
                continue
            closes = _closes(text, pos, mark, current.single)
            if closes is None:  # a new opening mark: the open quote lost its closing mark, it ends here
                last = current.pieces[-1]
                current.pieces = (*current.pieces[:-1], (last[0], last[1], pos))
                current.last_paragraph, current.end, current.inner_end = p, pos, pos
                spans.extend(_unclosed(paragraphs, current))
                current = _Span(p, pos, match.end(), pieces=((p, match.end(), -1),), single=mark in _SINGLE_MARKS)
            elif closes:
                last = current.pieces[-1]
                current.pieces = (*current.pieces[:-1], (last[0], last[1], pos))
                current.last_paragraph, current.end, current.inner_end, current.closed = p, match.end(), pos, True
                spans.append(current)
                current = None
        if current is not None and not current.single:
            last = current.pieces[-1]
            current.pieces = (*current.pieces[:-1], (last[0], last[1], len(text)))
            current.last_paragraph, current.end, current.inner_end = p, len(text), len(text)
            carried = current
    if carried is not None:
        spans.extend(_unclosed(paragraphs, carried))
    return spans


def _unclosed(paragraphs: Sequence[str], span: _Span) -> list[_Span]:
    """A quote left open: kept to its paragraph's end when it opened a paragraph or followed a colon."""
    text = paragraphs[span.paragraph]
    if _at_paragraph_start(text, span.start) or text[: span.start].rstrip().endswith(":"):
        return [span]
    logger.debug("stray quote mark dropped: %.60r", text[span.start :])
    return []


def _mask(paragraphs: Sequence[str], spans: Sequence[_Span]) -> list[str]:
    """The paragraphs with the inside of every quote blanked, so speakers are never found inside quotes."""
    chars = [list(p) for p in paragraphs]
    for span in spans:
        for p, start, end in span.pieces:
            for i in range(start, end):
                if not chars[p][i].isspace():
                    chars[p][i] = "_"
    return ["".join(c) for c in chars]


# --------------------------------------------------------------------------------------------------------------
# Speakers


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
    return base in _ROLE_WORDS or base in _MODIFIERS or tok.lower != base


def _valid_speaker(words: Sequence[_Tok]) -> bool:
    return any(t.capitalised and t.lower not in _DETERMINERS for t in words) or any(
        t.lower.removesuffix("'s").removesuffix("’s") in _ROLE_WORDS for t in words
    )


def _phrase(words: Sequence[_Tok], source: str) -> str:
    return source[words[0].start : words[-1].end]


def _speaker_backward(toks: Sequence[_Tok], verb: int, source: str, settings: QuoteSettings) -> str | None:
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
    apposition = k >= 0 and toks[k].text == ","  # "Aigul Sadykova, a local resident, said"
    if apposition:
        k -= 1
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
    if not words or not _valid_speaker(words) or (apposition and words[0].lower not in _DETERMINERS):
        return None
    first = taken[-1]
    if words[0].lower in _DETERMINERS and first >= 2 and toks[first - 1].text == ",":
        name: list[_Tok] = []
        j = first - 2
        while j >= 0 and toks[j].capitalised and _is_speaker_word(toks[j]) and len(name) < settings.speaker_max_tokens:
            name.insert(0, toks[j])
            j -= 1
        if name:
            return f"{_phrase(name, source)}, {_phrase(words, source)}"
    return _phrase(words, source)


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
    if not words or not _valid_speaker(words):
        return None
    end = index + len(words)
    if words[-1].capitalised and end + 1 < len(toks) and toks[end].text == "," and toks[end + 1].lower in _DETERMINERS:
        role = _speaker_forward(toks, end + 1, source, settings)  # "Dosym Satpayev, a political analyst"
        if role is not None and any(t.lower in _ROLE_WORDS for t in toks[end + 2 : role[1]]):
            return f"{_phrase(words, source)}, {role[0]}", role[1]
    return _phrase(words, source), end


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
    """Rules 2 and 3: the subject of a speech verb (or ``according to X``) in ``context``."""
    toks = _tokens(context)
    indices = [
        i for i, t in enumerate(toks) if (t.lower in _SPEECH_VERBS or t.lower == "according") and not t.capitalised
    ]
    for i in reversed(indices) if last_first else indices:
        if toks[i].lower == "according":
            if i + 1 < len(toks) and toks[i + 1].lower == "to":
                found = _speaker_forward(toks, i + 2, context, settings)
                if found is not None:
                    return found[0]
            continue
        speaker = _speaker_backward(toks, i, context, settings)
        if speaker is not None:
            return speaker
    return None


def _leading_name(sentence: str, settings: QuoteSettings) -> str | None:
    """The name that starts a sentence (``Tokayev addressed the nation``), when it is capitalised."""
    toks = _tokens(sentence)
    found = _speaker_forward(toks, 0, sentence, settings)
    if found is None or not any(t.capitalised and t.lower not in _DETERMINERS for t in toks[: found[1]]):
        return None
    return found[0]


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


# --------------------------------------------------------------------------------------------------------------
# From a span to a quote


def _sentence_at(spans: Sequence[tuple[int, int]], pos: int, length: int) -> tuple[int, int]:
    """The sentence span containing ``pos`` (the last one starting before it, or the whole text)."""
    containing = [span for span in spans if span[0] <= pos]
    if not containing:
        return (0, length)
    return containing[-1]


def _read_span(
    paragraphs: Sequence[str],
    masked: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    span: _Span,
    earlier: Sequence[Quote],
    settings: QuoteSettings,
) -> Quote | None:
    text = " ".join(paragraphs[p][a:b].strip() for p, a, b in span.pieces).strip().rstrip(",;: ").strip()
    if not any(c.isalpha() for c in text):
        return None
    first, last = span.paragraph, span.last_paragraph
    open_sentence = _sentence_at(sentences[first], span.start, len(paragraphs[first]))
    close_sentence = _sentence_at(sentences[last], max(span.inner_end - 1, 0), len(paragraphs[last]))
    before = masked[first][open_sentence[0] : span.start]
    after = masked[last][span.end : max(close_sentence[1], span.end)] if span.closed else ""
    partial = not _introduces(before) or text[:1].islower()
    attribution = Attribution.NONE
    speaker = _speaker_after(after, settings)
    if speaker is not None:
        attribution = Attribution.AFTER
    else:
        speaker = _speaker_in(before, settings, last_first=True)
        if speaker is not None:
            attribution = Attribution.BEFORE
        else:
            speaker = _speaker_in(after, settings, last_first=False)
            if speaker is not None:
                attribution = Attribution.SENTENCE
    words = len(text.split())
    if words <= settings.scare_max_words and attribution is Attribution.NONE:
        logger.debug("scare quote dropped: %r", text)
        return None
    if speaker is not None and speaker.lower() in _PRONOUNS:
        speaker = _previous_speaker(paragraphs, masked, sentences, first, open_sentence, earlier, settings, True)
    elif speaker is None and not before.strip():
        speaker = _previous_speaker(paragraphs, masked, sentences, first, open_sentence, earlier, settings, False)
        if speaker is not None:
            attribution = Attribution.PREVIOUS
    return Quote(
        text=text,
        speaker=speaker,
        speaker_kind=_speaker_kind(speaker),
        paragraph=first,
        partial=partial,
        start=span.start,
        end=span.end,
        last_paragraph=last,
        sentence=paragraphs[first][open_sentence[0] : open_sentence[1]],
        attribution=attribution,
    )


def _introduces(before: str) -> bool:
    """Whether the text before a quote in its sentence only introduces it (nothing, ``X said:``, ``X said,``)."""
    stripped = before.strip()
    if not stripped or stripped.endswith(":"):
        return True
    if stripped.endswith(","):
        words = re.findall(r"[\w’'-]+", stripped)
        return bool(words) and words[-1].lower() in _SPEECH_VERBS
    return False


def _previous_speaker(
    paragraphs: Sequence[str],
    masked: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    paragraph: int,
    sentence: tuple[int, int],
    earlier: Sequence[Quote],
    settings: QuoteSettings,
    pronoun: bool,
) -> str | None:
    """Rule 4: a speaker named in the sentence before (for pronouns, then the last named speaker nearby)."""
    previous = _previous_sentence(sentences, paragraph, sentence)
    if previous is not None:
        p, (start, end) = previous
        in_previous = [
            q.speaker for q in earlier if q.speaker is not None and (q.last_paragraph == p and start <= q.end <= end)
        ]
        if in_previous:
            return in_previous[-1]
        found = _speaker_in(masked[p][start:end], settings, last_first=True)
        if found is not None and found.lower() not in _PRONOUNS:
            return found
        name = _leading_name(masked[p][start:end], settings)
        if name is not None:
            return name
    if pronoun:
        for quote in reversed(earlier):
            if quote.speaker is not None and paragraph - quote.paragraph <= settings.lookback_paragraphs:
                return quote.speaker
    return None


def _previous_sentence(
    sentences: Sequence[Sequence[tuple[int, int]]], paragraph: int, sentence: tuple[int, int]
) -> tuple[int, tuple[int, int]] | None:
    earlier = [s for s in sentences[paragraph] if s[1] <= sentence[0]]
    if earlier:
        return paragraph, earlier[-1]
    p = paragraph - 1
    while p >= 0 and not sentences[p]:
        p -= 1
    return (p, sentences[p][-1]) if p >= 0 else None


# --------------------------------------------------------------------------------------------------------------
# Matching


def _normal_tokens(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return tuple(_BRITISH.sub(r"iz\1", w.strip("'")) for w in _NORMAL_TOKEN.findall(text) if w.strip("'"))


def _contained(short: Sequence[str], long: Sequence[str]) -> bool:
    return f" {' '.join(short)} " in f" {' '.join(long)} "


def _match_score(a: tuple[str, ...], b: tuple[str, ...], settings: QuoteSettings) -> float:
    """1.0 for containment word for word, the content-word containment for a reworded match, else 0."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= settings.match_min_tokens and _contained(short, long):
        return 1.0
    content_a = {w for w in a if w not in _STOPWORDS}
    content_b = {w for w in b if w not in _STOPWORDS}
    if min(len(content_a), len(content_b)) < settings.fuzzy_min_tokens:
        return 0.0
    containment = len(content_a & content_b) / min(len(content_a), len(content_b))
    return containment if containment >= settings.min_containment else 0.0


def _speaker_key(speaker: str | None) -> frozenset[str]:
    """Names in a speaker phrase (``President Kassym-Jomart Tokayev`` -> {kassym-jomart, tokayev}); role words
    when it has no name (``a witness`` -> {witness})."""
    if not speaker:
        return frozenset()
    words = re.findall(r"[\w’'-]+", speaker)
    names = {
        w.lower().removesuffix("'s").removesuffix("’s")
        for w in words
        if w[:1].isupper() and w.lower() not in _ROLE_WORDS | _MODIFIERS | _DETERMINERS
    }
    if names:
        return frozenset(names)
    return frozenset(w.lower() for w in words if w.lower() not in _DETERMINERS)


def _make_group(items: Sequence[tuple[Article, Quote, tuple[str, ...]]]) -> QuoteGroup:
    counts = Counter(tokens for _, _, tokens in items)
    canonical_tokens = max(counts, key=lambda t: (counts[t], len(t)))
    canonical_text = next(q.text for _, q, t in items if t == canonical_tokens)
    keys = [_speaker_key(q.speaker) for _, q, _ in items]
    speakers = [(q.speaker, k) for (_, q, _), k in zip(items, keys, strict=True) if q.speaker and k]
    speaker: str | None = None
    group_key: frozenset[str] = frozenset()
    if speakers:  # the speaker most variants agree with (names overlap), written in full
        support = {name: sum(1 for _, other in speakers if key & other) for name, key in speakers}
        speaker = max(support, key=lambda name: (support[name], len(name)))
        group_key = _speaker_key(speaker)
    variants = []
    for (article, quote, tokens), key in zip(items, keys, strict=True):
        flags: list[VariantFlag] = []
        if tokens == canonical_tokens:
            flags.append(VariantFlag.VERBATIM)
        elif _contained(tokens, canonical_tokens) or _contained(canonical_tokens, tokens):
            flags.append(VariantFlag.TRUNCATED)
        else:
            flags.append(VariantFlag.REWORDED)
        if key and group_key and not key & group_key:
            flags.append(VariantFlag.DIFFERENT_SPEAKER)
        variants.append(
            QuoteVariant(
                article_id=article.id,
                outlet=article.outlet,
                published=article.published,
                paragraph=quote.paragraph,
                text=quote.text,
                speaker=quote.speaker,
                flags=tuple(flags),
                quote=quote,
            )
        )
    return QuoteGroup(speaker=speaker, text=canonical_text, variants=tuple(variants))
