"""The alignment of several texts: links between their paragraphs or sentences and the units they form.
Made by :class:`coverage.analysis.alignment.Aligner`; :class:`ParagraphRef` is how every result points
into an article."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Alignment", "Link", "ParagraphRef", "Unit"]


@dataclass(frozen=True, order=True)
class ParagraphRef:
    """A paragraph of an article: ``article`` id and 0-based index into ``Article.paragraphs``."""

    article: str
    paragraph: int


@dataclass(frozen=True)
class Link:
    """Two paragraphs (of different articles) that carry the same content, with their similarity."""

    a: ParagraphRef
    b: ParagraphRef
    score: float


@dataclass(frozen=True)
class Unit:
    """A group of paragraphs across articles that carry the same content.

    ``outlets`` include it; ``missing`` are the event's outlets that do not. ``text`` is the member
    paragraph closest to the others (the medoid).
    """

    id: str
    text: str
    members: tuple[ParagraphRef, ...]
    outlets: tuple[str, ...]
    missing: tuple[str, ...]
    score: float


@dataclass(frozen=True)
class Alignment:
    """Links between units of different texts and the groups (units) they form.

    ``ids`` name the texts (``ParagraphRef.article``); ``segments[i]`` are the paragraphs or sentences of text i
    that ``ParagraphRef.paragraph`` indexes (``granularity`` says which). ``parents[i][k]`` is the index of the
    paragraph of text i that segment k comes from (k itself for paragraphs); ``groups[i]`` is the group (outlet)
    of text i.
    """

    ids: tuple[str, ...]
    segments: tuple[tuple[str, ...], ...]
    links: tuple[Link, ...]
    units: tuple[Unit, ...]
    granularity: str = "paragraph"
    parents: tuple[tuple[int, ...], ...] = ()
    groups: tuple[str, ...] = ()

    def unmatched(self, text: int) -> list[int]:
        """Indices of the segments of text ``text`` that link to nothing (1-0: omitted elsewhere)."""
        name = self.ids[text]
        linked = {r.paragraph for link in self.links for r in (link.a, link.b) if r.article == name}
        return [i for i in range(len(self.segments[text])) if i not in linked]

    def pairs(self, a: int = 0, b: int = 1) -> list[tuple[int, int, float]]:
        """The links between text ``a`` and text ``b`` as (index in a, index in b, score)."""
        ida, idb = self.ids[a], self.ids[b]
        out = []
        for link in self.links:
            if link.a.article == ida and link.b.article == idb:
                out.append((link.a.paragraph, link.b.paragraph, link.score))
            elif link.a.article == idb and link.b.article == ida:
                out.append((link.b.paragraph, link.a.paragraph, link.score))
        return sorted(out)
