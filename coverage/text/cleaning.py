"""Cleaning of scraped article text: boilerplate removal, paragraphs and sentences.

Real input carries what scrapers leave behind (see the seed article in the README): photo captions printed
twice with a ``©`` credit line, "ALSO ON ..." teasers, "Suggested videos" blocks, "<Outlet> logo" lines,
"NEXT VIDEO", "Leave a Comment", comment-spam notices, and template lines an outlet prints under every
article. The functions here remove them and cut the text into paragraphs and sentences.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from coverage.settings import IngestSettings

__all__ = [
    "clean_text",
    "find_template_lines",
    "split_clauses",
    "split_paragraphs",
    "split_sentences",
    "strip_control",
]

# Terminal escape sequences (CSI, OSC, other ESC sequences) and C0/C1 control characters but \n and \t.
_ANSI = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff]")

# A block that starts with one of these lines ends the article: everything after it is site furniture.
_CUT_FROM = re.compile(
    r"^\s*(suggested videos?|recommended videos?|more videos|related videos|you may also like|"
    r"more from\b.{0,40}|recommended for you|most read|trending now)\s*:?\s*$",
    re.IGNORECASE,
)
# Single lines that are never article text.
_DROP_LINE = re.compile(
    r"^\s*(?:"
    r"©.{0,120}|\(c\)\s.{0,120}|(?:photo|image|picture|credit|photograph)s?\s*(?:credit)?\s*:.{0,120}|"
    r"also on\b.{0,200}|read (?:more|also)\s*[:|–-].{0,200}|"
    r"next video|previous video|watch next|advertisement|sponsored(?: content)?|"
    r"leave a (?:comment|reply)|\d+\s+comments?|comments?|show comments|"
    r"this site uses akismet to reduce spam\..{0,120}|"
    r"share (?:this|on)\b.{0,40}|follow us\b.{0,60}|sign up for\b.{0,80}|subscribe\b.{0,60}|"
    r"click here\b.{0,80}|skip to (?:main )?content|"
    r"[^\n]{1,60}\blogo"
    r")\s*$",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^\s*[•·▪●◦‣*-]\s+")
_WS = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")

# Sentence splitting: end punctuation (optionally closed by quotes/brackets), space, then an opener.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "pres",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "a.m",
    "p.m",
    "fig",
    "approx",
}
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"'”’»)\]]*)\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])")


def strip_control(text: str) -> str:
    """Remove terminal escape sequences and control characters; keep newlines and tabs."""
    return _CONTROL.sub("", _ANSI.sub("", text))


def normalize(text: str) -> str:
    """Unicode NFC, Unix newlines, no control characters, single spaces inside lines."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = strip_control(text)
    return "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))


def clean_text(text: str, *, title: str | None = None, drop_lines: Iterable[str] = ()) -> str:
    """Remove scraped boilerplate from an article's text and return the cleaned text.

    Paragraphs stay separated by blank lines. ``title`` is removed where the text repeats it as its first
    line; ``drop_lines`` are template lines of the outlet (see :func:`find_template_lines`).
    """
    lines = normalize(text).split("\n")
    drop = {line.strip().casefold() for line in drop_lines}
    counts = Counter(line.casefold() for line in lines if line)
    kept: list[str] = []
    seen_repeated: set[str] = set()
    previous_teaser = ""
    for index, line in enumerate(lines):
        key = line.casefold()
        if not line:
            kept.append("")
            continue
        if _CUT_FROM.match(line):
            break
        if key in drop:
            continue
        if previous_teaser and key in previous_teaser:
            # The headline that an "ALSO ON ..." teaser repeats on the next line.
            previous_teaser = ""
            continue
        previous_teaser = key if re.match(r"^\s*also on\b", line, re.IGNORECASE) else ""
        if _DROP_LINE.match(line):
            continue
        if counts[key] > 1 and len(line) < 400:
            # A line printed twice is a photo caption (or a pull quote): both copies go when they stand
            # close together around a credit line, otherwise only the repeats.
            if key in seen_repeated or _near_duplicate(lines, index, key):
                seen_repeated.add(key)
                continue
            seen_repeated.add(key)
        if _BULLET.match(line):
            line = _BULLET.sub("", line)
        kept.append(line)
    cleaned = "\n".join(kept)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned).strip()
    if title:
        first, _, rest = cleaned.partition("\n")
        if first.strip().casefold() == normalize(title).strip().casefold():
            cleaned = rest.strip()
    return cleaned


def _near_duplicate(lines: Sequence[str], index: int, key: str, window: int = 6) -> bool:
    """True when the same line appears again within ``window`` lines after ``index`` (a caption pair)."""
    return any(line.casefold() == key for line in lines[index + 1 : index + 1 + window])


def find_template_lines(texts: Sequence[str], settings: IngestSettings | None = None) -> set[str]:
    """Lines that recur in many articles of one outlet: bylines, newsletter pitches, footers.

    A line is a template when it appears in at least ``template_min_articles`` of the texts and in at least
    ``template_min_share`` of them. Short generic lines are included; the caller passes one outlet's texts.
    """
    settings = settings or IngestSettings()
    if len(texts) < settings.template_min_articles:
        return set()
    document_frequency: Counter[str] = Counter()
    for text in texts:
        document_frequency.update({line.strip().casefold() for line in normalize(text).split("\n") if line.strip()})
    needed = max(settings.template_min_articles, settings.template_min_share * len(texts))
    return {line for line, count in document_frequency.items() if count >= needed}


def split_sentences(text: str) -> list[str]:
    """Split text into sentences: end punctuation followed by a capital, digit or quote; abbreviations kept."""
    text = " ".join(text.split())
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        candidate = text[start:end]
        last_word = re.findall(r"([\w.]+)[.]$", candidate)
        if last_word and (last_word[0].lower().rstrip(".") in _ABBREVIATIONS or len(last_word[0].rstrip(".")) == 1):
            continue
        pieces.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return [p for p in pieces if p]


_CLAUSE_BREAK = re.compile(
    r",\s+(?=(?:and|but|while|whereas|after|before|as|which|who|where|including|although|though|because|when)\s)"
    r"|;\s+|\s+(?=and\s+(?:the|a|an|he|she|they|it|its|police|[A-Z]))"
)
_MIN_CLAUSE_WORDS = 4


def split_clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, cut before conjunctions and relative pronouns and at semicolons, never inside a
    quotation (a quote stays with its speaker). Each clause is a substring of the sentence and together they cover
    it; a piece of fewer than four words stays with its neighbour. One clause: ``[sentence]``."""
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        before = sentence[: match.start()]
        if (before.count('"') % 2 or before.count("“") > before.count("”")) and not before.endswith(('"', "”")):
            continue  # inside a quotation: a quote is one piece
        piece = sentence[start : match.start()].strip()
        if piece:
            pieces.append(piece)
        start = match.end()
    tail = sentence[start:].strip()
    if tail:
        pieces.append(tail)
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(piece.split()) < _MIN_CLAUSE_WORDS or len(merged[-1].split()) < _MIN_CLAUSE_WORDS):
            joined_start = sentence.find(merged[-1])
            joined_end = sentence.find(piece, joined_start + len(merged[-1])) + len(piece)
            merged[-1] = sentence[joined_start:joined_end]
        else:
            merged.append(piece)
    return merged if len(merged) > 1 else [sentence]


def _is_subheading(paragraph: str) -> bool:
    """A short line without end punctuation between paragraphs: a section heading, not content."""
    words = paragraph.split()
    return len(words) <= 8 and not re.search(r"[.!?…:;][\"'”»’)]*$", paragraph)


def split_paragraphs(text: str, settings: IngestSettings | None = None, *, keep_headings: bool = False) -> list[str]:
    """Cut cleaned text into paragraphs.

    Paragraphs are separated by blank lines; single line breaks inside one are joined. A paragraph longer
    than ``long_paragraph_chars`` (a text without blank lines) is cut into groups of
    ``sentences_per_paragraph`` sentences. Section headings are dropped unless ``keep_headings``.
    """
    settings = settings or IngestSettings()
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        one_per_line = len(lines) == 1 or _looks_like_line_per_paragraph(lines)
        candidates = lines if one_per_line else [" ".join(lines)]
        for paragraph in candidates:
            if not keep_headings and one_per_line and _is_subheading(paragraph):
                continue
            if len(paragraph) > settings.long_paragraph_chars:
                sentences = split_sentences(paragraph)
                step = settings.sentences_per_paragraph
                paragraphs.extend(" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step))
            else:
                paragraphs.append(paragraph)
    return paragraphs


def _looks_like_line_per_paragraph(lines: Sequence[str]) -> bool:
    """True when each line is a whole paragraph (ends a sentence), as extracted HTML text is written."""
    ended = sum(1 for line in lines if re.search(r"[.!?…\"”»’)]$", line))
    return ended >= len(lines) - 1 and ended >= 2
