"""Direct quotes in news text, who said them, and the same quote across outlets.

:func:`extract_quotes` finds quotes in the paragraphs of one article; :func:`match_quotes` groups the same quote
across articles and says how each outlet's version differs. Regular expressions and word lists only.

Quote marks
    Straight ``"..."``, curly ``“...”``, guillemets ``« ... »``, low-high ``„...“``, PTB-style ````...''``,
    curly single ``‘...’`` and straight single ``'...'`` (an opening ``'`` must follow a space and precede a
    letter; a closing ``'``/``’`` must not be followed by a letter, so apostrophes are not quotes). Scraped
    text mixes them: any closing mark closes any opening double mark (``“armed criminals»``), and ``“`` right
    after a word closes (``“shoot to kill“``). A quote that is still open at the end of a paragraph continues in
    the next paragraph when that one starts with an opening mark (the newspaper convention for long quotes), or
    ends at that paragraph's first closing mark after a full stop or comma when the paragraph does not reopen it (a
    paragraph break a source or scraper put inside the quote: ``... very quickly.`` / ``And they moved fast." X
    said``), unless it opened after a comma or narration with a speech verb comes first; otherwise it ends with its
    paragraph when it opened at the paragraph start or after a colon, and is dropped as a stray mark when it opened
    anywhere else. A quote that opens right after a full stop starts a sentence of its own, even where the sentence
    splitter did not cut there (tokenised ````...''`` text).

Speakers, in this order
    1. right after the quote: ``"...," X said``, ``"...," said X``, ``"...", according to X``, ``"...", he
       said``, and an inverted verb of any kind followed by a name (``"...", swept Minister X``);
    2. before it in the same sentence, nearest speech verb first: ``X said: "..."``, ``X told reporters "..."``,
       ``X said on Friday that he had authorised forces to "shoot to kill"`` (a partial quote inside indirect
       speech), ``X said ..., adding that "..."`` (``adding`` has no subject of its own, so X is found);
    3. elsewhere after it in the sentence: ``... "Thank especially" Vladimir Putin ..., the Kremlin said``; not
       when the quote ends with a full stop (the rest is another sentence) or the speech verb has an object of its
       own (``cut to "hold" after Acme announced its bid``: Acme said its bid, not "hold");
    3b. a quote after a colon whose sentence names no speech verb: the sentence's subject
       (``The Valdorian Chamber of Industry fumed: "..."``, ``He dismissed calls for dialogue with a question:``);
    4. the sentence before: a speech verb's subject there (``X told reporters on Sunday:``), the speaker of a
       quote there, or the name that starts it (``Tokayev addressed the nation. "We will ..."``), for quotes
       that start their sentence; pronouns (``he said``) are resolved first to the name that starts their own
       sentence (``Tokayev, who has blamed the violence on "terrorists" he says ...``), then the same way, then
       from the last named speaker within ``lookback_paragraphs``. A sentence that opens with a phrase before its
       subject (``Addressing supporters in Harlen, Voss struck a humble note.``) gives the name after the comma.

    A speaker is a name or a role phrase (``Interior Minister Erlan Turgumbayev``, ``a witness``,
    ``the Kremlin``, ``a spokesman for the Interior Ministry``, ``Aigul Sadykova, a local resident``), and its
    :class:`SpeakerKind` comes from role words (anonymous > official > expert > witness > organisation).

Scare quotes
    A quote of at most ``scare_max_words`` words (``"armed criminals"``, ``"treason"``) is kept only inside a
    speech-verb context, that is when rule 1, 2 or 3 finds a speaker in its own sentence; it is then a partial
    quote of that speaker. Otherwise it is a scare quote, a title or a term, not a quote, and is dropped; so is a
    short quote right after a title noun (``the evening programme "Nation Tonight"``) or in title case with no
    closing punctuation (``the slogan "Valmark First"``, ``the quarterly "Inflation Outlook"``).
    Longer quotes are always kept, with ``speaker=None`` when no rule finds one.

A quote is *partial* when it does not stand as its own sentence(s): something other than a speaker
introduction (``X said:``) precedes it in its sentence, or it starts with a lower-case letter.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from coverage.analysis.quotes.marks import _find_spans, _mask, _Span
from coverage.analysis.quotes.speakers import (
    _PRONOUNS,
    _SPEECH_VERBS,
    _leading_name,
    _speaker_after,
    _speaker_in,
    _speaker_kind,
    _with_name,
)
from coverage.model.quotes import Attribution, Quote
from coverage.settings import QuoteSettings
from coverage.text.lexicon import word_set
from coverage.text.sentences import sentence_spans

logger = logging.getLogger(__name__)

# Nouns that a title follows: the show, report, book or slogan a short quote names.
_TITLE_NOUNS = word_set(
    "programme program show series film movie documentary book novel report album song slogan headline column "
    "campaign newspaper magazine podcast play exhibition motto banner hashtag"
)

# Words that mark the next short quote as a term the writer distances himself from: the so-called "peaceful" march.
_SCARE_MARKERS = word_set("so-called dubbed termed branded self-styled self-proclaimed")


def extract_quotes(paragraphs: Sequence[str], settings: QuoteSettings | None = None) -> list[Quote]:
    """Every direct quote in the paragraphs of one article, in text order, with its speaker if found."""
    settings = settings or QuoteSettings()
    spans = _find_spans(paragraphs)
    masked = _mask(paragraphs, spans)
    sentences = _split_before_quotes([sentence_spans(p) for p in paragraphs], masked, spans)
    quotes: list[Quote] = []
    for span in spans:
        quote = _read_span(paragraphs, masked, sentences, span, quotes, settings)
        if quote is not None:
            quotes.append(quote)
    return quotes


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
        elif not re.search(r"\.\W*\Z", text) and not _verb_has_object(after):
            speaker = _speaker_in(after, settings, last_first=False)
            if speaker is not None:
                attribution = Attribution.SENTENCE
    if speaker is not None and attribution is not Attribution.NONE:  # "a woman ..., who gave her name, Gulnara"
        speaker = _with_name(speaker, before if attribution is Attribution.BEFORE else after)
    words = len(text.split())
    if words == 1 and re.match(r"\s*according to\b", before, re.IGNORECASE):
        attribution = Attribution.NONE  # "According to the BBC, ... set to 'high'": a term, not the source's words
    if words <= settings.scare_max_words and (attribution is Attribution.NONE or _is_title(before, text)):
        logger.debug("scare quote or title dropped: %r", text)
        return None
    if speaker is None and before.rstrip().endswith(":"):  # "He dismissed calls for dialogue with a question:"
        speaker = _leading_name(before, settings) or _leading_pronoun(before)
        if speaker is not None:
            attribution = Attribution.BEFORE
    if speaker is not None and speaker.lower() in _PRONOUNS:
        # "Tokayev, who has blamed ... he says": the sentence's own subject first, then the sentences before
        own = _leading_name(before, settings) if before.strip() else None
        speaker = own or _previous_speaker(paragraphs, masked, sentences, first, open_sentence, earlier, settings, True)
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


def _split_before_quotes(
    sentences: Sequence[Sequence[tuple[int, int]]], masked: Sequence[str], spans: Sequence[_Span]
) -> list[list[tuple[int, int]]]:
    """The sentence spans, also cut where a quote opens right after a sentence's full stop (``..., said Geri Angel, a
    waitress. "We have ..."``): the sentence splitter keeps a sentence going when the next one opens with a quote
    mark (tokenised ````...''`` text above all). The stop must follow a lower-case letter, a digit or a closing
    bracket, so that ``U.S.`` and ``Mr.`` cut nothing."""
    cut: list[list[tuple[int, int]]] = [list(s) for s in sentences]
    for span in spans:
        text = masked[span.paragraph]
        if not re.search(r"[a-z\d)][.!?]\s+\Z", text[: span.start]):
            continue
        row = cut[span.paragraph]
        for number, (start, end) in enumerate(row):
            if start < span.start < end:
                row[number : number + 1] = [(start, span.start), (span.start, end)]
                break
    return cut


# Words that start the object of a speech verb: "announced its bid" says something else than the quote before it.
_OBJECT_STARTS = word_set("the a an its his her their our my your this these those that plans")
_PERSON_OBJECT_VERBS = word_set("told tells tell asked asks")


def _verb_has_object(after: str) -> bool:
    """Whether the first speech verb after a quote in its sentence has an object of its own (``... "hold" after
    Acme announced its bid``): then that verb says the object, not the quote, and its subject is not the quote's
    speaker (``"...," Rehn said.``, ``..., the Kremlin said in a statement`` have none)."""
    words = [w.lower() for w in re.findall(r"[\w’'-]+|[^\w\s]", after)]
    for number, word in enumerate(words):
        if word in _SPEECH_VERBS:
            following = words[number + 1] if number + 1 < len(words) else ""
            return word not in _PERSON_OBJECT_VERBS and following in _OBJECT_STARTS
    return False


def _is_title(before: str, text: str) -> bool:
    """A short quote that names a show, a report or a slogan: after a title noun (``the evening programme "Nation
    Tonight"``) or written in title case without closing punctuation (``"Valmark First"``); or a scare quote after
    ``so-called`` (``the so-called "peaceful" march``), whoever the sentence's speaker is."""
    previous = re.findall(r"[\w’'-]+", before)
    if previous and (previous[-1].lower() in _TITLE_NOUNS or previous[-1].lower() in _SCARE_MARKERS):
        return True
    words = text.split()
    return len(words) > 1 and all(w[:1].isupper() for w in words) and text[-1:].isalnum()


def _leading_pronoun(before: str) -> str | None:
    """The pronoun that starts a sentence (``He dismissed calls ...:``), to be resolved like ``he said``."""
    words = re.findall(r"[\w’'-]+", before)
    return words[0] if words and words[0].lower() in _PRONOUNS else None


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
