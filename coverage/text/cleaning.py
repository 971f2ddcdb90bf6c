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
    "cap_length",
    "clean_text",
    "find_template_lines",
    "gate_notice",
    "outlet_key",
    "split_clauses",
    "split_paragraphs",
    "split_sentences",
    "strip_control",
    "text_width",
    "visible_controls",
]

# Terminal escape sequences (CSI, OSC, other ESC sequences) and C0/C1 control characters but \n and \t.
_ANSI = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# ... and the bidirectional embeddings, overrides, isolates and marks that can reorder what a reader sees.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""A lone surrogate: not a character, and no encoder writes it (it came from a JSON ``\\ud800`` escape)."""
# Any character that a name must not carry to an output: controls (with newlines and tabs) and surrogates.
_NAME_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u200b\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

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
_SENTENCE_END = re.compile(
    r"(?<=[.!?…])([\"'”’»)\]]*)\s+(?=[\"'“‘«(\[]?[A-Z0-9À-ÖØ-ÞА-Я])"
    # Chinese and Japanese end sentences with full-width marks and no space after them.
    r"|(?<=[。！？])([」』”’）)]*)\s*(?=\S)"
)
_END_MARKS = ".!?…:;。！？"
"""Marks that end a sentence or a paragraph, in Latin and in Chinese and Japanese script."""


def strip_control(text: str) -> str:
    """Remove terminal escape sequences, control and bidirectional-control characters; keep newlines and tabs.
    Lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", _ANSI.sub("", text)))


def visible_controls(name: str) -> str:
    """``name`` (a file or folder name) with every control character written out visibly (``\\x1b``, ``\\u202e``)
    and lone surrogates as U+FFFD: safe in any output, and two names that differ only there stay different."""

    def show(match: re.Match[str]) -> str:
        code = ord(match.group())
        if 0xD800 <= code <= 0xDFFF:
            return "\ufffd"
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _NAME_CONTROL.sub(show, name)


_DOMAIN = re.compile(r"^(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*?)(?:\.(?:co|com|org|net|gov|ac|edu))?\.[a-z]{2,6}$")


def outlet_key(name: str) -> str:
    """The form under which outlet names are merged: compatibility forms folded (full-width letters), case folded,
    a web address reduced to its name (``www.bbcnews.com`` -> ``bbcnews``), punctuation and spaces dropped:
    ``bbc news``, ``BBC News.``, ``ＢＢＣ Ｎｅｗｓ`` and ``bbcnews.com`` are one outlet."""
    text = unicodedata.normalize("NFKC", name).casefold().strip()
    domain = _DOMAIN.match(text)
    if domain and " " not in text:
        text = domain.group(1)
    key = re.sub(r"[\W_]+", "", text)
    return key or text


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

    A line is a template when it is short boilerplate (at most ``template_max_chars``), stands among the first or
    last ``template_edge_lines`` lines of an article, and does so in at least ``template_min_articles`` of the texts
    and at least ``template_min_share`` of them; the caller passes one outlet's texts. A story's body is never a
    template, however many versions or copies of the story the outlet has.
    """
    settings = settings or IngestSettings()
    if len(texts) < settings.template_min_articles:
        return set()
    edge = settings.template_edge_lines
    document_frequency: Counter[str] = Counter()
    for text in texts:
        lines = [line.strip().casefold() for line in normalize(text).split("\n") if line.strip()]
        document_frequency.update(
            {line for line in lines[:edge] + lines[-edge:] if len(line) <= settings.template_max_chars}
        )
    needed = max(settings.template_min_articles, settings.template_min_share * len(texts))
    return {line for line, count in document_frequency.items() if count >= needed and not _is_prose(line)}


def _is_prose(line: str) -> bool:
    """A line that reads as a story's sentence (ten words or more, ending a sentence): never boilerplate."""
    return len(line.split()) >= 10 and line.rstrip("\"'”’»)").endswith(tuple(_END_MARKS))


_GATE = {
    "cookie": re.compile(
        r"\b(?:we|this (?:site|website)) uses? cookies\b|\baccept (?:all )?cookies\b|\bcookie (?:policy|settings|"
        r"preferences|consent)\b|\b(?:accept|reject) all\b|"
        r"\bmanage (?:your )?(?:privacy|cookie) (?:settings|choices)\b|"
        r"\bbefore you continue\b",
        re.IGNORECASE,
    ),
    "paywall": re.compile(
        r"\bsubscribe (?:now |today )?to (?:continue|keep) reading\b|\bcontinue reading\b.{0,40}\bsubscri|"
        r"\b(?:for|available to) (?:paying )?subscribers(?: only)?\b|\balready a subscriber\b|"
        r"\bsubscribe (?:now )?for (?:unlimited|full) access\b|\byou have (?:reached|used) (?:your|all).{0,30}"
        r"free (?:articles|stories)\b|\bthis (?:article|content|story) is (?:for|only available to|reserved for) "
        r"(?:subscribers|members)\b|\bsign in to (?:continue|read)\b",
        re.IGNORECASE,
    ),
}


def gate_notice(paragraphs: Sequence[str], settings: IngestSettings | None = None) -> str | None:
    """``"cookie-consent"`` or ``"paywall"`` when the text is such a notice rather than an article: no longer than
    ``gate_max_chars``, and half or more of its paragraphs (at least one) say so; ``None`` otherwise."""
    settings = settings or IngestSettings()
    if not paragraphs or sum(len(p) for p in paragraphs) > settings.gate_max_chars:
        return None
    for kind, pattern in _GATE.items():
        hits = sum(1 for p in paragraphs if pattern.search(p))
        if hits and hits * 2 >= len([p for p in paragraphs if len(p.split()) > 3]):
            return "cookie-consent" if kind == "cookie" else kind
    return None


def split_sentences(text: str) -> list[str]:
    """Split text into sentences: end punctuation followed by a capital, digit or quote; abbreviations kept."""
    text = " ".join(text.split())
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1) if match.group(1) is not None else match.end(2)
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


_HEADING_CHARS = 80
"""A section heading is a line of at most eight words and at most this many columns (:func:`text_width`)."""


def text_width(text: str) -> int:
    """Columns ``text`` takes: wide characters (Chinese, Japanese, Korean) count two, as they carry about as much as
    two Latin letters, so that lengths compare across scripts."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _is_subheading(paragraph: str) -> bool:
    """A short line without end punctuation between paragraphs: a section heading, not content."""
    words = paragraph.split()
    if re.search(r"[.!?…:;。！？][\"'”»’)」』）]*$", paragraph):
        return False
    # Scripts written without spaces (Chinese, Japanese): count the width of the characters, not words.
    return len(words) <= 8 and text_width(paragraph) <= _HEADING_CHARS


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
                pieces = (" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step))
                paragraphs.extend(p for piece in pieces for p in cap_length(piece, settings.max_paragraph_chars))
            else:
                paragraphs.extend(cap_length(paragraph, settings.max_paragraph_chars))
    return paragraphs


def cap_length(paragraph: str, limit: int) -> list[str]:
    """``paragraph`` in pieces of at most ``limit`` characters: whole sentences packed while they fit, a sentence
    longer than ``limit`` cut at its last space before the limit (or at the limit, with no space). A paragraph
    within the limit comes back as it is."""
    if len(paragraph) <= limit:
        return [paragraph]
    pieces: list[str] = []
    current = ""
    for whole in split_sentences(paragraph):
        start, sentence = 0, whole
        while len(whole) - start > limit:  # offsets, not slices of the rest: a 40 MB sentence is cut in linear time
            cut = whole.rfind(" ", start + limit // 2, start + limit + 1)
            cut = cut if cut > start else start + limit
            if current:
                pieces.append(current)
                current = ""
            pieces.append(whole[start:cut].strip())
            start = cut + 1 if whole[cut : cut + 1] == " " else cut
            sentence = ""
        if start:
            sentence = whole[start:].strip()
        if current and len(current) + 1 + len(sentence) > limit:
            pieces.append(current)
            current = ""
        current = f"{current} {sentence}" if current else sentence
    if current:
        pieces.append(current)
    return [p for p in pieces if p]


def _looks_like_line_per_paragraph(lines: Sequence[str]) -> bool:
    """True when each line is a whole paragraph (ends a sentence), as extracted HTML text is written."""
    ended = sum(1 for line in lines if re.search(r"[.!?…\"”»’)。！？」』）]$", line))
    return ended >= len(lines) - 1 and ended >= 2
