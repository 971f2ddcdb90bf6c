"""Formatting shared by the writers and the sections: terminal options, shortened text and outlet labels; markdown
escaping and evidence links."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from coverage.model import Event, ParagraphRef

__all__ = [
    "ReportOptions",
    "anchor",
    "article_label",
    "escape_markdown",
    "evidence_link",
    "outlet_keys",
    "ref_label",
    "shorten",
]


@dataclass(frozen=True)
class ReportOptions:
    """What the terminal report shows. ``top`` bounds long lists; ``event`` and ``outlet`` filter;
    ``max_events`` bounds how many events are shown in detail (the overview lists them all; ``None``, the library's
    default, shows all; the CLI passes 20)."""

    top: int = 12
    event: str | None = None
    outlet: str | None = None
    quiet: bool = False
    excerpt: int = 90
    max_events: int | None = None


def shorten(text: str, width: int) -> str:
    """``text`` cut at a word boundary to at most ``width`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > width // 2 else text[: width - 1]) + "…"


def article_label(event: Event, article_id: str) -> str:
    """The outlet's name, numbered when the outlet has several articles in the event: ``Wire (2)``."""
    article = event.article(article_id)
    same = [a.id for a in event.articles if a.outlet == article.outlet]
    return article.outlet if len(same) == 1 else f"{article.outlet} ({same.index(article_id) + 1})"


def ref_label(event: Event, ref: ParagraphRef) -> str:
    """Evidence as people read it: ``outlet ¶n`` (paragraphs counted from 1; the article table names the file)."""
    return f"{article_label(event, ref.article)} ¶{ref.paragraph + 1}"


def outlet_keys(event: Event) -> dict[str, str]:
    """Short column keys for the outlets of an event: A, B, C, ... (AA, AB, ... past 26)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    keys = {}
    for index, outlet in enumerate(event.outlets):
        keys[outlet] = letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
    return keys


_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LEADING = re.compile(r"^(\d*)([#>+.)-])")


def escape_markdown(text: str) -> str:
    """Escape text for a markdown paragraph or table cell: HTML entities, markdown punctuation, one line."""
    text = " ".join(str(text).split())
    text = html.escape(text, quote=False)
    return _LEADING.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))


def anchor(event: Event, ref: ParagraphRef) -> str:
    index = [a.id for a in event.articles].index(ref.article)
    return f"a{index + 1}-p{ref.paragraph + 1}"


def evidence_link(event: Event, ref: ParagraphRef) -> str:
    article = event.article(ref.article)
    return f"[{escape_markdown(article.outlet)} ¶{ref.paragraph + 1}](#{anchor(event, ref)})"
