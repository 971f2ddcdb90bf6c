"""Quote marks: where a quote opens and closes (straight, curly, guillemets, ``TeX`` marks), across paragraphs."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)


_MARK = re.compile(r"``|''|[\"“”«»„‘’']")
_DOUBLE_OPENERS = {"“", "«", "„", "``"}
_DOUBLE_CLOSERS = {"”", "»", "''"}
_SINGLE_MARKS = {"‘", "’", "'"}
_SPEECH_VERB = re.compile(r"\b(?:said|says|told|tells|added|adds|asked|explained|according to)\b", re.IGNORECASE)


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
        skip = -1  # the index of a mark the carried quote used
        if carried is not None:
            first = marks[0] if marks else None
            # the first double mark may close it: single marks before it are apostrophes ("I'm glad ... got," said)
            double = next((n for n, m in enumerate(marks) if m[0] not in _SINGLE_MARKS), -1)
            if first is not None and _at_paragraph_start(text, first.start()) and _opens(text, first.start(), first[0]):
                current = carried
                current.pieces = (*current.pieces, (p, first.end(), -1))
                skip = 0
            elif (
                double >= 0
                and not re.search(r",\s*\Z", paragraphs[carried.paragraph][: carried.start])
                and _closes_carried(text, marks[double].start(), marks[double][0])
            ):
                closer = marks[double]
                carried.pieces = (*carried.pieces, (p, 0, closer.start()))
                carried.last_paragraph, carried.end, carried.inner_end = p, closer.end(), closer.start()
                carried.closed = True
                spans.append(carried)
                skip = double
            else:
                spans.extend(_unclosed(paragraphs, carried))
            carried = None
        for number, match in enumerate(marks):
            if number <= skip:
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


def _closes_carried(text: str, pos: int, mark: str) -> bool:
    """Whether the first mark of a paragraph closes the quote the paragraph before left open, continued here without
    a reopening mark (a paragraph break the source or a scraper put inside a quote): a closing mark right after the
    end of a sentence or clause (``... dazzling speed." AMD president ...``), not followed by a word, with no speech
    verb before it (``..., said X. "We``: narration, then a new quote), and for a straight mark one that leaves the
    paragraph's other straight marks paired. The caller also asks that the open quote did not open after a comma
    (there it is more often a closing mark written as an opening one: ````Everyone was respectful, `` said``)."""
    if mark not in ('"', "”", "''") or not re.search(r"[.!?,]\s*\Z", text[:pos]):
        return False
    after = text[pos + len(mark) : pos + len(mark) + 1]
    if after.isalnum() or _SPEECH_VERB.search(text[:pos]):  # "..., said X. "We ...": narration, then a new quote
        return False
    return mark != '"' or text.count('"') % 2 == 1


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
