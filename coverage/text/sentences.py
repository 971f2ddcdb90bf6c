"""Sentences with their places: character spans of the sentences :func:`coverage.text.cleaning.split_sentences` cuts."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from coverage.text.cleaning import split_sentences

logger = logging.getLogger(__name__)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``, as :func:`coverage.text.cleaning.split_sentences` cuts them."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in split_sentences(text):
        found = _find_words(text, sentence.split(), cursor)
        if found is None:  # cannot happen with split_sentences as written; keep the rest as one sentence
            logger.debug("sentence not found in its text: %.60r", sentence)
            spans.append((cursor, len(text)))
            return spans
        spans.append(found)
        cursor = found[1]
    return spans


def _find_words(text: str, words: Sequence[str], start: int) -> tuple[int, int] | None:
    """The leftmost span from ``start`` where ``words`` occur separated by white space (no regex compiled)."""
    position = text.find(words[0], start)
    while position != -1:
        end = position + len(words[0])
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return position, end
        position = text.find(words[0], position + 1)
    return None
