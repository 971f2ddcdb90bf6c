"""Mentions and labels: the name spans and descriptions of a sentence, read without a tagger, and the word lists
and string tests (inflection, aliases, initials) that :mod:`coverage.analysis.framing.labels` joins them by.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from coverage.analysis.framing.attribution import ATTRIBUTION
from coverage.analysis.framing.terms import _stop_words
from coverage.settings import FramingSettings
from coverage.text.lexicon import HONORIFICS, MONTHS, WEEKDAYS

_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_CASED_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|(?:Mr|Mrs|Ms|Dr|Gov|Sen|Rep|Gen|Lt|Col|Sgt|Capt|Prof|Rev|Jr|Sr)\.|\w+(?:['’\-]\w+)*|[^\w\s]"
)
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_HONORIFICS = HONORIFICS | {f"{word}." for word in HONORIFICS}
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your"}
)
_VERB_CUES = frozenset(
    {
        "he",
        "she",
        "they",
        "we",
        "i",
        "who",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "did",
        "does",
        "do",
        "not",
        "n't",
        "didn't",
        "doesn't",
        "won't",
        "wouldn't",
        "also",
    }
)
_FUNCTION_WORDS = frozenset(
    {
        "just",
        "only",
        "even",
        "still",
        "already",
        "now",
        "ago",
        "yet",
        "ever",
        "also",
        "too",
        "very",
        "much",
        "many",
        "more",
        "most",
        "less",
        "least",
        "such",
        "own",
        "same",
        "other",
        "another",
        "like",
        "unlike",
        "including",
        "near",
        "later",
        "earlier",
        "soon",
        "again",
        "instead",
        "recently",
        "finally",
        "despite",
        "amid",
        "amidst",
        "inside",
        "outside",
        "regarding",
        "concerning",
        "versus",
        "via",
        "per",
        "plus",
        "onto",
        "toward",
        "towards",
    }
)
"""Words outside sklearn's stop list that never start or end a mention."""
_IRREGULAR_VERBS = frozenset(
    [
        "am",
        "are",
        "be",
        "been",
        "began",
        "begun",
        "bought",
        "brought",
        "built",
        "came",
        "caught",
        "chose",
        "chosen",
        "did",
        "does",
        "doing",
        "done",
        "drew",
        "driven",
        "drove",
        "fell",
        "felt",
        "flew",
        "forgot",
        "found",
        "fought",
        "gave",
        "get",
        "gets",
        "given",
        "goes",
        "going",
        "gone",
        "got",
        "gotten",
        "grew",
        "had",
        "has",
        "held",
        "hid",
        "hit",
        "kept",
        "knew",
        "known",
        "led",
        "left",
        "lost",
        "made",
        "meant",
        "met",
        "paid",
        "put",
        "ran",
        "read",
        "rose",
        "said",
        "saw",
        "seen",
        "sent",
        "set",
        "shot",
        "shown",
        "sold",
        "sought",
        "spoke",
        "spoken",
        "stood",
        "struck",
        "swore",
        "taken",
        "taught",
        "thought",
        "threw",
        "told",
        "took",
        "understood",
        "went",
        "won",
        "wore",
        "wrote",
        "written",
    ]
)
"""Irregular verb forms, which no suffix gives away."""
_GENERATIONS = frozenset({"jr.", "sr.", "jr", "sr", "ii", "iii", "iv"})
_COPULAS = frozenset({"is", "are", "was", "were", "be", "been", "being", "seems", "seemed", "remains", "remained"})
"""A word right after one of these is an adjective ("is *open*") unless seen as a noun too."""
_OBJECTS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our"})
"""Words that open an object: a word right before one is verb-like ("dispatched the")."""
_CALENDAR = (
    WEEKDAYS
    | (MONTHS - {"may"})
    | {
        "today",
        "yesterday",
        "tomorrow",
        "morning",
        "afternoon",
        "evening",
        "night",
        "weekend",
        "minute",
        "minutes",
        "hour",
        "hours",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "decades",
    }
)
"""Days, months and units of time: not what anyone is called."""
_TIME_UNITS = _CALENDAR - WEEKDAYS - MONTHS
_NAME_JOINERS = frozenset({"of", "de", "del", "al", "bin", "von", "van", "la", "le", "du"})
_COMPLEMENTS = frozenset({"of"})
"""A word after which a description goes on: the words before it are no label by themselves."""


def _tokens(sentence: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(_SPACED_HYPHEN.sub("-", sentence))]


def _cased_tokens(sentence: str) -> list[str]:
    return _CASED_TOKEN.findall(_SPACED_HYPHEN.sub("-", sentence))


def _substitutions(a: list[str], b: list[str], settings: FramingSettings) -> list[tuple[str, str]]:
    """The 1..label_max_tokens substitutions between two token lists whose surrounding context agrees."""
    if a == b:  # identical sentences (wire copy): nothing substituted
        return []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    # quick_ratio() bounds ratio() from above and costs a count of shared tokens, not the matching blocks.
    if matcher.quick_ratio() < settings.label_min_similarity or matcher.ratio() < settings.label_min_similarity:
        return []
    ops = matcher.get_opcodes()
    out = []
    stop = _stop_words()
    for k, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or not (
            1 <= i2 - i1 <= settings.label_max_tokens and 1 <= j2 - j1 <= settings.label_max_tokens
        ):
            continue
        before = ops[k - 1] if k > 0 else None
        after = ops[k + 1] if k + 1 < len(ops) else None
        ok_before = before is not None and before[0] == "equal" and before[2] - before[1] >= settings.label_context
        ok_after = after is not None and after[0] == "equal" and after[2] - after[1] >= settings.label_context
        if not (ok_before and ok_after):
            continue
        x, y = a[i1:i2], b[j1:j2]
        if not _content(x, stop) or not _content(y, stop) or _variant(x, y):
            continue
        out.append((" ".join(x), " ".join(y)))
    return out


def _stem(token: str) -> str:
    token = token.removesuffix("'s").removesuffix("’s")
    for suffix in ("ies", "es", "s", "n", "ns"):
        if token.endswith(suffix) and len(token) - len(suffix) >= 3:
            return token[: -len(suffix)]
    return token


def _singular(word: str) -> str:
    """``word`` without a plural ending: ``countries`` -> ``country``, ``taxes`` -> ``tax``, ``talks`` -> ``talk``."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _variant(x: Sequence[str], y: Sequence[str]) -> bool:
    """Two spans that differ only in inflection or an article (``lawyer``/``lawyers``, ``korea's``/``korean``,
    ``a request``/``requests``): a change of form, not of label."""
    stop = _stop_words()
    cx = [_stem(t) for t in x if t not in stop]
    cy = [_stem(t) for t in y if t not in stop]
    return cx == cy


def _content(span: list[str], stop: frozenset[str]) -> bool:
    """A label span has a content word: not only stop words, punctuation or numbers."""
    return any(t not in stop and any(ch.isalpha() for ch in t) for t in span)


def _by_count(counts: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(counts, key=lambda s: (-counts[s], s)))


@dataclass(frozen=True)
class _Mention:
    """One mention: where it is (text, sentence), its label (lower-cased words) and whether it is a name."""

    text: int
    sentence: int
    label: str
    name: bool


@dataclass
class _Label:
    """What is known of one label (a distinct mention string) in the event."""

    label: str
    name: bool
    words: tuple[str, ...]
    core: frozenset[str]
    core_words: tuple[str, ...]
    organisation: bool
    head: str
    modifiers: frozenset[str]
    counts: Counter[str]
    affiliation: int = 0
    """In a name, how many core words come before a title inside it ("fbi" in "fbi director james comey", "alaska"
    in "alaska gov. sarah palin"): a body or place the person belongs to, not part of the person's name."""


class _Lexicon:
    """Word classes learnt from the event's own text, no tagger: a word that ends a short phrase opened by a
    determiner ("the migrant *caravan*") is noun-like, one seen after a pronoun or modal verb-like; a capitalised
    word never written in lower case is part of a name."""

    def __init__(self, sentences: Iterable[list[str]]) -> None:
        self.noun: Counter[str] = Counter()  # by stem
        self.verb: Counter[str] = Counter()
        self.lower: set[str] = set()
        self.capital: set[str] = set()
        self.adjective: Counter[str] = Counter()
        stop = _stop_words()
        for tokens in sentences:
            lowered = [t.lower() for t in tokens]
            for k, token in enumerate(tokens):
                if k > 0 and token[:1].islower():
                    self.lower.add(lowered[k])
                if k > 0 and token[:1].isupper():
                    self.capital.add(lowered[k])
                if k > 0 and lowered[k - 1] in _COPULAS:
                    self.adjective[lowered[k]] += 1
                if (
                    (k > 0 and lowered[k - 1] in _VERB_CUES)
                    or (k + 1 < len(tokens) and lowered[k + 1] in _OBJECTS)
                    or (k > 0 and lowered[k - 1] == "to" and token.islower() and not token.endswith("s"))
                ):
                    self.verb[lowered[k]] += 1
                if lowered[k] in _DETERMINERS:
                    end = k + 1
                    while end < len(tokens) and end - k <= 4 and _open_word(lowered[end], stop):
                        end += 1
                    if k + 1 < end and (end == len(tokens) or not _open_word(lowered[end], stop)):
                        last = end - 1
                        if last > k + 1 and lowered[last].endswith(("ed", "ing")):
                            last -= 1  # "the questions *obtained* by": a participle after the head
                        self.noun[_stem(lowered[last])] += 1
        attribution = {form for forms in ATTRIBUTION.values() for form in forms if " " not in form}
        self.verbs = attribution | _IRREGULAR_VERBS | {w for w in self.verb if self.verb[w] > self.noun[_stem(w)]}

    def verb_like(self, word: str) -> bool:
        return word in self.verbs or (word.endswith("ly") and not self.noun[_stem(word)])

    def participle(self, word: str) -> bool:
        return word.endswith(("ed", "ing")) and not self.noun[_stem(word)]

    def title_like(self, word: str) -> bool:
        """A word also written in lower case as a noun: a title or common noun inside a capitalised run."""
        return word in self.lower and bool(self.noun[_stem(word)])

    def noun_like(self, word: str, plain: bool = True) -> bool:
        """Seen as the head of a determiner phrase, or, in a ``plain`` phrase (no name in it: "mueller asks" is
        a sentence), a word never seen as a verb or after "is" ("illegal aliens", "police"; not "long", "open")."""
        if self.noun[_stem(word)]:
            return self.noun[_stem(word)] >= self.verb[word]
        if not plain or len(word) < 3 or self.verb[word] or self.adjective[word] or self.participle(word):
            return False
        return not word.endswith(("ly", "ous", "ful", "ive", "able", "ible"))


def _open_word(word: str, stop: frozenset[str]) -> bool:
    """A word that can be part of a noun phrase: has a letter, not a stop word, not a contraction."""
    return (
        word not in stop
        and word not in _FUNCTION_WORDS
        and any(c.isalpha() for c in word)
        and not word.endswith(("n't", "n’t"))
    )


def _name_word(token: str, first: bool, lexicon: _Lexicon) -> bool:
    """A capitalised word (not a stop word; at the start of a sentence only when capitalised inside sentences too
    and never written in lower case), an honorific or a capitalised abbreviation."""
    low = token.lower()
    if low in _HONORIFICS or (token[:1].isupper() and token.endswith(".")):
        return True
    if first:  # "Later" or "Rioters" opening a sentence: a name only when also capitalised inside sentences
        return token[:1].isupper() and low not in lexicon.lower and low in lexicon.capital
    return token[:1].isupper() and low not in _stop_words()


def _mentions(
    sentences: Sequence[Sequence[str]], lexicon: _Lexicon, settings: FramingSettings
) -> Iterable[tuple[int, int, list[str], bool, str]]:
    """(text, sentence, cased words, is a name, title) of the candidate mentions: name spans (capitalised runs,
    "of" allowed inside) and descriptions (runs of content words ending in a noun-like head)."""
    stop = _stop_words()
    for t, text in enumerate(sentences):
        for s, sentence in enumerate(text):
            tokens = _cased_tokens(sentence)
            # classes: N name word, W common word, J name joiner, B boundary
            classes: list[str] = []
            for k, token in enumerate(tokens):
                low = token.lower()
                if not any(ch.isalpha() for ch in token) or low in _CALENDAR:
                    classes.append("B")
                elif _name_word(token, k == 0, lexicon):
                    classes.append("N")
                elif low in _NAME_JOINERS and classes and classes[-1] == "N":
                    classes.append("J")
                elif not _open_word(low, stop) or lexicon.verb_like(low):
                    classes.append("B")
                else:
                    classes.append("W")
            original = list(classes)
            for k in range(1, len(tokens) - 1):  # "FBI Director James Comey": the title is a common word
                if original[k - 1] == original[k] == original[k + 1] == "N" and lexicon.title_like(tokens[k].lower()):
                    classes[k] = "W"
            k = 0
            while k < len(tokens):
                if classes[k] == "B" or classes[k] == "J":
                    k += 1
                    continue
                end = k
                while end < len(tokens) and classes[end] in "NWJ":
                    end += 1
                    if tokens[end - 1].lower().endswith(("'s", "’s")):
                        break
                after = tokens[end].lower() if end < len(tokens) else ""
                yield from _split_run(t, s, tokens[k:end], classes[k:end], lexicon, settings, after)
                k = end


def _split_run(
    t: int,
    s: int,
    tokens: list[str],
    classes: list[str],
    lexicon: _Lexicon,
    settings: FramingSettings,
    after: str = "",
) -> Iterable[tuple[int, int, list[str], bool, str]]:
    """Mentions inside one run of name and common words: its name spans, and its description(s). ``after`` is the
    word that ends the run: a description cut off before a unit of time ("a *national* day") or before "of" ("a
    *state* of emergency", "*members* of the security forces") is a modifier or a head whose complement says what
    it is, no label of its own."""
    words = [w.removesuffix("'s").removesuffix("’s") for w in tokens]
    while classes and classes[-1] == "J":
        words, classes = words[:-1], classes[:-1]
    # a participle after the first word of a description is a verb ("rioters looted shops"): split there
    pieces: list[tuple[list[str], list[str]]] = []
    start = 0
    for k in range(1, len(words)):
        if classes[k] == "W" and lexicon.participle(words[k].lower()):
            pieces.append((words[start:k], classes[start:k]))
            start = k + 1
    pieces.append((words[start:], classes[start:]))
    for n, (piece, kinds) in enumerate(pieces):
        cut = n == len(pieces) - 1 and (after in _TIME_UNITS or after in _COMPLEMENTS)
        while piece and kinds[-1] == "W" and lexicon.participle(piece[-1].lower()):
            piece, kinds = piece[:-1], kinds[:-1]
        k = 0
        last_common = ""
        while k < len(piece):
            if kinds[k] == "N":
                end = k
                while end < len(piece) and (
                    kinds[end] == "N"
                    or (
                        kinds[end] == "J"
                        and end - k == 1
                        and end + 1 < len(piece)
                        and lexicon.title_like(piece[k].lower())
                    )
                ):  # "Department of Justice", but "President Moon of South Korea" is two names
                    end += 1
                while kinds[end - 1] == "J":
                    end -= 1
                if end == len(piece) or kinds[end] != "W":  # "Israeli officials": a modifier, not a mention
                    yield t, s, piece[k:end], True, last_common
                last_common = ""
                k = end
            else:
                last_common = piece[k].lower() if kinds[k] == "W" else ""  # a common word right before a name
                k += 1
        # the description: the run up to its last common word, when that word is noun-like
        ends = [k for k, kind in enumerate(kinds) if kind == "W"]
        if ends:
            last = ends[-1]
            description = piece[max(0, last + 1 - settings.mention_max_tokens) : last + 1]
            while description and description[0].lower() in _NAME_JOINERS:
                description = description[1:]
            plain = all(kind == "W" for kind in kinds[max(0, last + 1 - len(description)) : last + 1])
            if (
                description
                and not (cut and last == len(piece) - 1)
                and lexicon.noun_like(description[-1].lower(), plain)
            ):
                yield t, s, description, False, ""


def _core(words: Sequence[str], lexicon: _Lexicon) -> tuple[str, ...]:
    """The words that identify a name, in order: without the leading titles that the event also uses as common
    nouns ("president" in "president trump")."""
    start = 0
    while start < len(words) - 1 and lexicon.title_like(words[start]):
        start += 1
    return tuple(words[start:])


def _alias(a: _Label, b: _Label) -> bool:
    """One name is the start or the end of the other ("trump" / "donald trump", "kim" / "kim jong-un"), or its
    initials ("dnc")."""
    short, long = sorted((a.core_words, b.core_words), key=len)
    n = len(short)
    if long[-1] in _GENERATIONS and short[-1] != long[-1]:
        return False  # "donald trump jr." is not "donald trump"
    if long[-n:] == short or _acronym_of(a, b) or _acronym_of(b, a):
        return True
    # "kim" for "kim jong-un", but not "washington" for "washington post" (a name ending in a common noun)
    longer = a if len(a.core_words) > len(b.core_words) else b
    return long[:n] == short and not longer.organisation and not (0 < n <= longer.affiliation)


def _alias_candidates(names: Sequence[_Label]) -> list[tuple[_Label, _Label]]:
    """The pairs of names (first label < second) that :func:`_alias` can accept: an alias shares its first or last
    word with the other name, or is its initials. Checking only these keeps the alias step linear in practice
    where all pairs grow with the square of the names of an event."""
    by_word: dict[tuple[str, str], list[_Label]] = defaultdict(list)
    by_initials: dict[str, list[_Label]] = defaultdict(list)
    for info in names:
        if info.core_words:
            by_word[("first", info.core_words[0])].append(info)
            by_word[("last", info.core_words[-1])].append(info)
        if len(info.words) >= 2:
            by_initials[_initials(info.words)].append(info)
    pairs: set[tuple[str, str]] = set()
    for group in by_word.values():
        pairs.update(_pair(a.label, b.label) for k, a in enumerate(group) for b in group[k + 1 :] if a.label != b.label)
    for info in names:
        if len(info.words) == 1:
            letters = info.words[0].replace(".", "")
            pairs.update(_pair(info.label, other.label) for other in by_initials.get(letters, ()))
    by_label = {info.label: info for info in names}
    return [(by_label[a], by_label[b]) for a, b in sorted(pairs) if a != b]


def _label_words(words: Sequence[str]) -> list[str]:
    return [w.lower() for w in words if w.lower() not in _HONORIFICS]


def _normalise_label(text: str) -> str:
    """A mention string as a label: lower-cased words, leading determiners and honorifics dropped."""
    words = _label_words(_cased_tokens(text))
    while words and (words[0] in _DETERMINERS or words[0] in _stop_words()):
        words = words[1:]
    return " ".join(w.removesuffix("'s").removesuffix("’s") for w in words if any(c.isalnum() for c in w))


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w not in _NAME_JOINERS and w[:1].isalpha())


def _acronym_of(short: _Label, long: _Label) -> bool:
    """``dnc`` / ``u.s.`` as the initials of ``democratic national committee`` / ``united states``."""
    if len(short.words) != 1 or len(long.words) < 2:
        return False
    letters = short.words[0].replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters == _initials(long.words)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
