"""Word lists more than one stage needs: one copy each.

Each stage takes the part it needs (the events stage and the label finder leave out "may", a modal verb more
often than a month; figures reads "may 5" as a date and knows abbreviated months too).
"""

from __future__ import annotations

__all__ = ["HONORIFICS", "MONTHS", "MONTH_ABBREVIATIONS", "WEEKDAYS", "word_set"]


def word_set(text: str) -> frozenset[str]:
    """A word list written as one string: ``word_set("at on in")``."""
    return frozenset(text.split())


WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
MONTHS = frozenset(
    {
        *("january", "february", "march", "april", "may", "june", "july", "august", "september", "october"),
        *("november", "december"),
    }
)
MONTH_ABBREVIATIONS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"})
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr"})
"""Forms of address that are part of no name."""
