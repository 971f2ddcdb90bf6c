"""Facts: sentence-level content units across the outlets of an event, built on the sentence alignment.

Inside each pair of linked paragraphs, the aligner links the sentences that say the same thing
(:meth:`coverage.Aligner.align_sentences`); its units are the facts. Each fact lists the outlets that state it,
with the sentence, article, paragraph and prominence as evidence, and the outlets that omit it. Omissions are
not all editorial: an article published much earlier than the others, or much shorter, is flagged next to its
omissions.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from coverage.model import Alignment, Article, Fact, FactEvidence, ParagraphRef
from coverage.settings import FactSettings

__all__ = ["POSITION_MARKS", "best_evidence", "build_facts", "is_statement", "omission_context", "position_of"]

POSITION_MARKS = {"headline": "H", "lead": "L", "upper": "↑", "lower": "↓"}
"""How reports mark a fact's prominence, most prominent first."""

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOPWORDS = """the and for that with from this was were are has have had its his her their they them into after over
said says will would been being than more most also about which who whom what when where while"""
_STOP = frozenset(_STOPWORDS.split())


_CLOSING = "\"'”’»)] \t"
_DATE_WORDS = frozenset(
    re.findall(
        r"\w+",
        """jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august september
    october november december mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday am pm a m p gmt utc cet cest bst est edt cst cdt mst mdt pst pdt et pt posted published updated
    last modified""",
    )
)
_ANAPHORIC = re.compile(
    r"^(?:so\s+(?:what|there|that|this|it|he|she|they|we|i|you)\b|that['’]s\s+(?:where|why|what|how|when|it)\b"
    r"|here['’]s\b)",
    re.IGNORECASE,
)
_ANAPHORIC_WORDS = 10
_CUT_AT_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|St)\.|\b[A-Z][a-z]+\s+(?:[A-Z]\.){1,3})[\"'”’)]*$"
)
"""A sentence that ends in a title or in initials after a name ("The team's general manager, A.J.", "said Gen.")
was cut at an abbreviation by the sentence splitter: a fragment, not what the outlet said. ("in the U.S." ends a
sentence after a lower-case word and is kept.)"""


def is_statement(sentence: str) -> bool:
    """The sentence states something a reader can check: not a question ("Have you felt any aftershocks?"), not a
    dateline ("Mar 1 2012, 2:35am CET"), not a short fragment that only points back ("That's where SeaMicro came
    in.", "So there's some public relations fun in that."), not a piece cut at an abbreviation ("In a statement
    released by the team, General Manager A.J."). Facts, omissions and "only X" claims are made of statements
    only."""
    text = sentence.strip()
    if not text or text.rstrip(_CLOSING).endswith("?"):
        return False
    letters = [w.lower() for w in re.findall(r"[^\W\d_]+", text)]
    if any(c.isdigit() for c in text) and all(w in _DATE_WORDS for w in letters):
        return False
    if _CUT_AT_ABBREVIATION.search(text):
        return False
    words = text.split()
    return not (_ANAPHORIC.match(text) and len(words) <= _ANAPHORIC_WORDS and not any(c.isdigit() for c in text))


def best_evidence(fact: Fact, outlet: str) -> FactEvidence | None:
    """The most prominent place where ``outlet`` states ``fact`` (headline before lead, upper, lower)."""
    evidence = [e for e in fact.evidence if e.outlet == outlet]
    return min(evidence, key=lambda e: list(POSITION_MARKS).index(e.position)) if evidence else None


def _content(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def position_of(article: Article, paragraph: int, sentence: str, settings: FactSettings) -> str:
    """``headline`` when the headline states the sentence's content, else ``lead``, ``upper`` or ``lower``."""
    title = _content(article.title)
    if title and len(title & _content(sentence)) >= settings.headline_overlap * len(title):
        return "headline"
    if paragraph == 0:
        return "lead"
    return "upper" if paragraph < len(article.paragraphs) / 2 else "lower"


def build_facts(
    articles: Sequence[Article], sentences: Alignment, settings: FactSettings | None = None, *, prefix: str = ""
) -> list[Fact]:
    """Facts from a sentence alignment of ``articles`` (``sentences.ids`` are their ids, in any order)."""
    settings = settings or FactSettings()
    by_id = {a.id: a for a in articles}
    text_index = {article_id: i for i, article_id in enumerate(sentences.ids)}
    outlets = sorted({a.outlet for a in articles}, key=str.casefold)
    facts: list[Fact] = []
    for members, text in _quotes_whole(sentences):
        evidence = []
        for member in members:
            article = by_id[member.article]
            i = text_index[member.article]
            paragraph = sentences.parents[i][member.paragraph] if sentences.parents else member.paragraph
            sentence = sentences.segments[i][member.paragraph]
            if not is_statement(sentence):
                continue  # a question, a dateline, a fragment: no fact, so no omission or "only X" made of it
            evidence.append(
                FactEvidence(
                    outlet=article.outlet,
                    article=article.id,
                    paragraph=paragraph,
                    sentence=sentence,
                    position=position_of(article, paragraph, sentence, settings),
                )
            )
        if not evidence:
            continue
        if not is_statement(text):
            text = evidence[0].sentence
        present = sorted({e.outlet for e in evidence}, key=str.casefold)
        facts.append(
            Fact(
                id="",
                text=text,
                outlets=tuple(present),
                missing=tuple(o for o in outlets if o not in present),
                evidence=tuple(sorted(evidence, key=FactEvidence.order)),
            )
        )
    # Widely carried facts first, then in the reading order of their first evidence.
    facts.sort(key=lambda f: (-len(f.outlets), f.evidence[0].article, f.evidence[0].paragraph, f.text))
    return [
        Fact(id=f"{prefix}f{n}", text=f.text, outlets=f.outlets, missing=f.missing, evidence=f.evidence)
        for n, f in enumerate(facts, start=1)
    ]


def _opens_quote(sentence: str) -> bool:
    """The sentence opens a quotation it does not close."""
    return sentence.count('"') % 2 == 1 or sentence.count("“") > sentence.count("”")


def _continues_quote(sentence: str) -> bool:
    """The sentence closes a quotation it did not open ('That assumption has gone."')."""
    straight = sentence.count('"') % 2 == 1 and not sentence.lstrip().startswith('"')
    return straight or sentence.count("”") > sentence.count("“")


def _quotes_whole(sentences: Alignment) -> list[tuple[list[ParagraphRef], str]]:
    """The alignment's units as (members, text), a unit of sentences that only continue a quotation ("That
    assumption has gone.\"", opened by an earlier sentence of the same paragraph) joined to the unit of the sentence
    that opens it: a quote fragment alone is not a fact."""
    index = {ref: k for k, unit in enumerate(sentences.units) for ref in unit.members}
    text_of = {article_id: i for i, article_id in enumerate(sentences.ids)}

    def opening(ref: ParagraphRef) -> int | None:
        """The unit of the sentence that opens the quotation ``ref`` closes."""
        i, k = text_of[ref.article], ref.paragraph
        segments = sentences.segments[i]
        parents = sentences.parents[i] if sentences.parents else tuple(range(len(segments)))
        if not _continues_quote(segments[k]):
            return None
        for j in range(k - 1, -1, -1):
            if parents[j] != parents[k]:
                return None
            if '"' in segments[j] or "“" in segments[j] or "”" in segments[j]:
                return index.get(ParagraphRef(ref.article, j)) if _opens_quote(segments[j]) else None
        return None

    target: dict[int, int] = {}
    for k, unit in enumerate(sentences.units):
        owners = {opening(ref) for ref in unit.members}
        owner = owners.pop() if len(owners) == 1 else None
        if owner is not None and owner != k:
            target[k] = owner
    members = {k: list(u.members) for k, u in enumerate(sentences.units)}
    for k in sorted(target):
        root, seen = target[k], {k}
        while root in target and root not in seen:
            seen.add(root)
            root = target[root]
        if root in members and root not in seen:
            members[root] += members.pop(k)
    return [(refs, sentences.units[k].text) for k, refs in members.items()]


def omission_context(articles: Sequence[Article], settings: FactSettings | None = None) -> dict[str, str]:
    """Outlets whose omissions may come from timing or length, not choice: published days before the others'
    median date, or much shorter than the others' median length. Outlet -> a short explanation."""
    settings = settings or FactSettings()
    notes: dict[str, str] = {}
    outlets = sorted({a.outlet for a in articles}, key=str.casefold)
    for outlet in outlets:
        own = [a for a in articles if a.outlet == outlet]
        others = [a for a in articles if a.outlet != outlet]
        if not others:
            continue
        reasons = []
        own_dates = [a.published for a in own if a.published]
        other_dates = sorted(a.published for a in others if a.published)
        if own_dates and other_dates:
            median = other_dates[len(other_dates) // 2]
            days = (median - max(own_dates)).days
            if days >= settings.earlier_days:
                reasons.append(f"published {days} day{'s' if days != 1 else ''} before the others' median date")
        own_words = max(a.n_words for a in own)
        other_words = statistics.median(a.n_words for a in others)
        if own_words < settings.shorter_ratio * other_words:
            reasons.append(f"{own_words} words against a median of {other_words:.0f}")
        if reasons:
            notes[outlet] = "; ".join(reasons)
    return notes
