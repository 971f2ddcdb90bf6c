"""Attribution and certainty: attribution verbs, hedges and intensifiers (word lists)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

ATTRIBUTION: dict[str, tuple[str, ...]] = {
    "said": ("said", "says", "say", "saying"),
    "told": ("told", "tells", "tell"),
    "claimed": ("claimed", "claims", "claim", "claiming"),
    "insisted": ("insisted", "insists", "insist", "insisting"),
    "admitted": ("admitted", "admits", "admit", "admitting"),
    "alleged": ("alleged", "alleges", "allege", "alleging"),
    "denied": ("denied", "denies", "deny", "denying"),
    "warned": ("warned", "warns", "warn", "warning"),
    "stated": ("stated", "states"),
    "added": ("added", "adding"),
    "announced": ("announced", "announces", "announce"),
    "acknowledged": ("acknowledged", "acknowledges", "acknowledge"),
    "according to": ("according to",),
}
"""Attribution verbs (by lemma-like key) and the forms counted."""

HEDGES: tuple[str, ...] = (
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    "supposedly",
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "appeared",
    "appears",
    "appear",
    "seemed",
    "seems",
    "unconfirmed",
    "unverified",
    "unclear",
    "it is not clear",
    "it was not clear",
    "it is unclear",
    "it was unclear",
    "likely",
    "unlikely",
    "suggested",
    "suggests",
    "believed to",
    "thought to",
    "is said to",
    "are said to",
    "was said to",
)
"""Words and phrases that hedge a statement."""

INTENSIFIERS: tuple[str, ...] = (
    "brutal",
    "brutally",
    "massive",
    "massively",
    "clearly",
    "undeniably",
    "absolutely",
    "extremely",
    "utterly",
    "totally",
    "completely",
    "truly",
    "obviously",
    "certainly",
    "definitely",
    "unprecedented",
    "shocking",
    "horrific",
    "horrifying",
    "devastating",
    "outrageous",
    "catastrophic",
    "huge",
    "enormous",
    "bloody",
    "savage",
    "ruthless",
    "dramatic",
    "dramatically",
    "very",
    "incredibly",
    "deeply",
    "severely",
)
"""Words that intensify a statement."""


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    return _compiled(frozenset(phrases))


@functools.cache
def _compiled(phrases: frozenset[str]) -> re.Pattern[str]:
    """One pattern per word list, compiled once (``re``'s own cache of 512 patterns is flushed by the thousands
    of one-off patterns other stages search with, and compiling this one cost more than searching with it)."""
    alternatives = sorted(phrases, key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in alternatives) + r")\b")


def _count_phrases(text: str, phrases: Iterable[str]) -> Counter[str]:
    return Counter(" ".join(m.group(0).split()) for m in _phrase_pattern(phrases).finditer(text.lower()))


def attribution_counts(text: str) -> dict[str, int]:
    """Counts of attribution verbs in ``text`` by key of :data:`ATTRIBUTION` (keys with a count only)."""
    form_of = {form: key for key, forms in ATTRIBUTION.items() for form in forms}
    counts: Counter[str] = Counter()
    for form, n in _count_phrases(text, form_of).items():
        counts[form_of[form]] += n
    return dict(sorted(counts.items()))
