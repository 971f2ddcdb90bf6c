"""Score the figure groups and quotes of the analysis stages against hand-written gold.

The stages are run on the gold events (the articles the gold file puts in each event), so that an error of the
event clustering is not counted against figures or quotes: for each event, :func:`article_figures` and
:func:`group_figures`, :func:`extract_quotes` and :func:`match_quotes`, exactly as :func:`coverage.compare` calls
them. Gold format: ``datasets/TRUTH_FORMAT.md``; the demo's older file (``conflict`` for ``verdict``, ``text`` for
``anchor``, ``carried_by`` without ``speaker_named_as``) reads the same way.

How a claim is judged.

- A gold figure mention is *located* at the tool mention that overlaps its anchor in that outlet's article and
  states its value (``0.5`` percentage points and ``50`` basis points are the same value); a gold figure whose
  value is unknown (``several thousand``) takes any overlapping mention.
- Gold figures that share a mention (the demo's 164 in two figures) form one *family*.
- *figure right* (gold figures stated by two or more outlets): every mention is located, all in one tool group,
  that group holds no located mention of another family, and the group's verdict is the gold one (``conflict``
  and ``update`` are told apart; the demo's ``conflict: true`` accepts either).
- *kept apart* (gold figures of one outlet): located, and its group holds no mention of another family.
- *unrelated grouped* / *false conflict*: two tool mentions at different anchors of one ``unrelated_numbers`` entry
  (not of one gold family) in one group; false conflict when that group is not ``agree``.
- *flag real*: a tool group with a ``conflict`` or ``update`` verdict and at least one located mention is real when
  its located mentions are of one family and that family's verdict is the tool's.
- *speaker right*: a gold direct quote (flags other than only ``paraphrased``) is found in the outlet's article
  (normalised words contain or are contained, or share most words; of a gold text that holds quote marks, the
  first part inside them that is found) and its speaker shares a name word with the gold
  speaker or with how that outlet names the speaker (only the latter for a ``misattributed`` version), or equals
  how the outlet names them (``the central bank chief``). No speaker counts as not right (*abstained*).
- *not-quote extracted*: a scare quote or title of the gold file that the tool returns as a quote.
- *flag right* (gold quotes with two or more direct versions found): the outlet's version is in the same tool group
  as the other outlets' versions, its text flag is the gold one (``paraphrased`` reads as ``reworded``), and it carries
  ``different_speaker`` exactly when the gold says ``misattributed``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coverage.analysis.figures import article_figures, group_figures
from coverage.analysis.quotes import extract_quotes, match_quotes
from coverage.ingest import load_corpus
from coverage.model import Article
from coverage.model.figures import FigureGroup, FigureMention
from coverage.model.quotes import Quote, QuoteGroup, VariantFlag
from coverage.settings import Settings

__all__ = ["FigureQuoteScores", "Tally", "score_figures_quotes"]

METRICS = (
    "figures_right",
    "kept_apart",
    "unrelated_grouped",
    "false_conflicts",
    "flags_real",
    "speakers_right",
    "speakers_precision",
    "not_quotes_extracted",
    "quote_flags_right",
)
_VALUE_TOLERANCE = 1e-6
_PERCENT_BASIS = 100.0  # 0.5 percentage points are 50 basis points
_FOUND_SHARE = 0.6  # a tool quote that holds this share of the gold quote's words is that quote
_TEXT_FLAGS = {"verbatim": VariantFlag.VERBATIM, "truncated": VariantFlag.TRUNCATED}
_REWORDED = ("reworded", "paraphrased")
_ROLE_WORDS = {
    "the",
    "a",
    "an",
    "of",
    "governor",
    "deputy",
    "minister",
    "president",
    "judge",
    "prosecutor",
    "fire",
    "chief",
    "interior",
    "finance",
    "leader",
    "union",
    "police",
    "colonel",
    "defence",
    "lawyer",
    "plant",
    "owner",
    "us",
    "russian",
    "secretary",
    "state",
    "he",
    "she",
    "they",
    "preceding",
    "sentence",
    "named",
    "in",
    "tearful",
}


@dataclass
class Tally:
    """Right and wrong judgements of one metric, and a few wrong ones to read."""

    right: int = 0
    wrong: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, ok: bool, example: str) -> None:
        if ok:
            self.right += 1
        else:
            self.wrong += 1
            if len(self.examples) < 12:
                self.examples.append(example)

    @property
    def total(self) -> int:
        return self.right + self.wrong

    @property
    def rate(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class FigureQuoteScores:
    """The tallies of one corpus (see the module docstring for what each counts)."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {key: Tally() for key in METRICS})

    def as_dict(self) -> dict[str, Any]:
        return {key: {"right": t.right, "wrong": t.wrong, "rate": t.rate} for key, t in self.tallies.items()}

    def summary(self) -> str:
        t = self.tallies
        return (
            f"figures right {_frac(t['figures_right'])}, kept apart {_frac(t['kept_apart'])}, "
            f"unrelated grouped {t['unrelated_grouped'].wrong}/{t['unrelated_grouped'].total}, "
            f"false conflicts {t['false_conflicts'].wrong}, flags real {_frac(t['flags_real'])}; "
            f"speakers right {_frac(t['speakers_right'])} (precision {_frac(t['speakers_precision'])}), "
            f"not-quotes extracted {t['not_quotes_extracted'].wrong}/{t['not_quotes_extracted'].total}, "
            f"quote flags right {_frac(t['quote_flags_right'])}"
        )


def _frac(tally: Tally) -> str:
    return f"{tally.right}/{tally.total}"


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.findall(r"[\w']+", text))


def _event_of(truth: Mapping[str, Any], item: Mapping[str, Any]) -> str:
    events = {a["event"] for a in truth["articles"]}
    return str(item.get("event") or (next(iter(events)) if len(events) == 1 else _main_event(truth)))


def _main_event(truth: Mapping[str, Any]) -> str:
    """The demo's gold has one event of interest with no ``event`` on its figures: the one with most articles."""
    counts: dict[str, int] = defaultdict(int)
    for a in truth["articles"]:
        counts[a["event"]] += 1
    return max(counts, key=lambda e: counts[e])


@dataclass
class _Event:
    articles: dict[str, Article]  # by outlet (the gold's one article per outlet and event)
    figures: list[FigureGroup]
    mentions: dict[str, list[FigureMention]]  # by outlet
    quotes: dict[str, list[Quote]]  # by outlet
    quote_groups: list[QuoteGroup]


def _run_events(folder: Path, truth: Mapping[str, Any], settings: Settings) -> dict[str, _Event]:
    corpus = load_corpus(folder, settings.ingest)
    by_id = {a.id: a for a in corpus.articles}
    members: dict[str, list[tuple[str, Article]]] = defaultdict(list)
    for entry in truth["articles"]:
        if entry.get("syndicated_of") or entry["path"] not in by_id:
            continue
        members[entry["event"]].append((entry["outlet"], by_id[entry["path"]]))
    events: dict[str, _Event] = {}
    for event, items in members.items():
        mentions = {outlet: article_figures(article, settings.figures) for outlet, article in items}
        quotes = {outlet: extract_quotes(article.paragraphs, settings.quotes) for outlet, article in items}
        events[event] = _Event(
            articles={outlet: article for outlet, article in items},
            figures=group_figures([(a, mentions[o]) for o, a in items], settings.figures),
            mentions=mentions,
            quotes=quotes,
            quote_groups=match_quotes([(a, quotes[o]) for o, a in items], settings.quotes),
        )
    return events


def _anchor_span(article: Article, anchor: str) -> tuple[int, int, int] | None:
    """(paragraph, start, end) of ``anchor`` in the article, or None."""
    for index, paragraph in enumerate(article.paragraphs):
        pos = paragraph.find(anchor)
        if pos >= 0:
            return index, pos, pos + len(anchor)
    return None


def _same_value(tool: float, gold: float | None) -> bool:
    if gold is None:
        return True
    return any(abs(tool * factor - gold) <= _VALUE_TOLERANCE * max(1.0, abs(gold)) for factor in (1.0, 100.0, 0.01))


def _at_anchor(event: _Event, outlet: str, anchor: str) -> list[FigureMention]:
    article = event.articles.get(outlet)
    span = _anchor_span(article, anchor) if article is not None else None
    if span is None:
        return []
    p, a, b = span
    return [m for m in event.mentions.get(outlet, []) if m.paragraph == p and m.start < b and m.end > a]


def _group_index(groups: Sequence[FigureGroup]) -> dict[int, int]:
    return {id(located.figure): number for number, group in enumerate(groups) for located in group.mentions}


def _gold_verdict(figure: Mapping[str, Any]) -> str:
    if "verdict" in figure:
        return str(figure["verdict"])
    return "conflict|update" if figure.get("conflict") else "agree"


def _score_figures(truth: Mapping[str, Any], events: Mapping[str, _Event], scores: FigureQuoteScores) -> None:
    t = scores.tallies
    figures = [f for f in truth.get("figures", []) if _event_of(truth, f) in events]
    # locate every gold mention; families are gold figures sharing a located mention
    located: list[list[FigureMention | None]] = []
    owner: dict[int, set[int]] = defaultdict(set)  # id(tool mention) -> gold figure numbers
    for number, figure in enumerate(figures):
        event = events[_event_of(truth, figure)]
        row: list[FigureMention | None] = []
        for mention in figure["mentions"]:
            anchor = mention.get("anchor") or mention.get("text") or ""
            found = [m for m in _at_anchor(event, mention["outlet"], anchor) if _same_value(m.value, mention["value"])]
            row.append(found[0] if found else None)
            if found:
                owner[id(found[0])].add(number)
        located.append(row)
    family = list(range(len(figures)))

    def root(i: int) -> int:
        while family[i] != i:
            i = family[i]
        return i

    for numbers in owner.values():
        first, *rest = sorted(numbers)
        for other in rest:
            family[root(other)] = root(first)
    families_verdicts: dict[int, set[str]] = defaultdict(set)
    for number, figure in enumerate(figures):
        families_verdicts[root(number)].update(_gold_verdict(figure).split("|"))
    for event_name, event in events.items():
        index = _group_index(event.figures)
        group_families: dict[int, set[int]] = defaultdict(set)
        for mention_id, numbers in owner.items():
            if mention_id in index:
                group_families[index[mention_id]].update(root(n) for n in numbers)
        for number, figure in enumerate(figures):
            if _event_of(truth, figure) != event_name:
                continue
            row = located[number]
            outlets = {m["outlet"] for m in figure["mentions"]}
            label = f"{figure.get('id') or figure.get('kind')} {[m['value'] for m in figure['mentions']]}"
            groups = {index.get(id(m)) if m is not None else -1 for m in row}
            if len(outlets) < 2:
                group = next(iter(groups)) if len(groups) == 1 else -1
                alone = -1 not in groups and (group is None or group_families[group] <= {root(number)})
                t["kept_apart"].add(alone, f"{label}: grouped with another quantity or not read")
                continue
            if -1 in groups or None in groups or len(groups) != 1:
                why = "not read" if -1 in groups else "not grouped" if None in groups else "split"
                t["figures_right"].add(False, f"{label}: {why}")
                continue
            group = next(iter(groups))
            assert group is not None
            verdict = event.figures[group].verdict
            pure = group_families[group] <= {root(number)}
            ok = pure and verdict in _gold_verdict(figure).split("|")
            t["figures_right"].add(ok, f"{label}: {'mixed, ' if not pure else ''}tool {verdict}")
        for group_number, flagged in enumerate(event.figures):
            if flagged.verdict in ("agree", "unclear") or group_number not in group_families:
                continue
            fams = group_families[group_number]
            real = len(fams) == 1 and flagged.verdict in families_verdicts[next(iter(fams))]
            values = [m.figure.text for m in flagged.mentions]
            t["flags_real"].add(real, f"{event_name}: {flagged.label} {flagged.verdict} {values}")
    _score_unrelated(truth, events, owner, root, t)


def _score_unrelated(
    truth: Mapping[str, Any],
    events: Mapping[str, _Event],
    owner: Mapping[int, set[int]],
    root: Any,
    t: Mapping[str, Tally],
) -> None:
    for entry in truth.get("unrelated_numbers", []):
        event = events.get(_event_of(truth, entry))
        if event is None:
            continue
        index = _group_index(event.figures)
        at = [(k, m) for k, a in enumerate(entry["anchors"]) for m in _at_anchor(event, a["outlet"], a["anchor"])]
        for i, (ka, a) in enumerate(at):
            for kb, b in at[i + 1 :]:
                if ka == kb or index.get(id(a)) is None or index.get(id(a)) != index.get(id(b)):
                    t["unrelated_grouped"].add(True, "")
                    continue
                fa = {root(n) for n in owner.get(id(a), ())}
                fb = {root(n) for n in owner.get(id(b), ())}
                if fa and fa == fb:
                    continue  # the same gold quantity at two anchors of the note
                group = event.figures[index[id(a)]]
                t["unrelated_grouped"].add(False, f"{a.text!r} with {b.text!r}: {entry['note'][:60]}")
                t["false_conflicts"].add(group.verdict == "agree", f"{a.text!r} vs {b.text!r} ({group.verdict})")


def _name_words(text: str) -> set[str]:
    words = re.findall(r"[\w'-]+", unicodedata.normalize("NFKC", text))
    names = set()
    for word in words:
        for part in (word, *word.split("-")):
            if part[:1].isupper() and part.lower() not in _ROLE_WORDS:
                names.add(part.lower())
    return names


_QUOTED = re.compile(r"[\"“”«»„](.+?)[\"“”«»„]")


def _find_quote(quotes: Sequence[Quote], gold_text: str) -> Quote | None:
    """The tool quote that is ``gold_text``; when the gold text holds quote marks (``dozens of attackers had been
    "liquidated"``: words of the outlet around a partial quote), the first part inside them that is found."""
    for part in _QUOTED.findall(gold_text):
        found = _find_text(quotes, part)
        if found is not None:
            return found
    return _find_text(quotes, gold_text)


def _find_text(quotes: Sequence[Quote], gold_text: str) -> Quote | None:
    gold = _normal(gold_text)
    gold_words = set(gold.split())
    best, best_share = None, 0.0
    for quote in quotes:
        tool = _normal(quote.text)
        if gold and (gold in tool or (tool and tool in gold and len(tool.split()) >= 2) or tool == gold):
            return quote
        share = len(gold_words & set(tool.split())) / max(1, len(gold_words))
        if share > best_share:
            best, best_share = quote, share
    return best if best_share >= _FOUND_SHARE else None


def _speaker_ok(tool: str, speaker: str, named_as: str | None, misattributed: bool) -> bool:
    if misattributed:
        expected = _name_words(named_as.split("(")[0]) if named_as else set()
    else:
        expected = _name_words(speaker.split("(")[0]) | (_name_words(named_as) if named_as else set())
    if _name_words(tool) & expected:
        return True
    if named_as is None or misattributed:
        return False
    return _normal(tool).removeprefix("the ") == _normal(named_as.split("(")[0]).removeprefix("the ")


def _score_quotes(truth: Mapping[str, Any], events: Mapping[str, _Event], scores: FigureQuoteScores) -> None:
    t = scores.tallies
    for gold in truth.get("quotes", []):
        event = events.get(_event_of(truth, gold))
        if event is None:
            continue
        flags: Mapping[str, list[str]] = gold.get("flags", {})
        named: Mapping[str, str] = gold.get("speaker_named_as", {})
        found: dict[str, Quote] = {}
        for outlet, text in gold["carried_by"].items():
            outlet_flags = flags.get(outlet, [])
            if outlet_flags and all(f == "paraphrased" for f in outlet_flags):
                continue  # no quote marks: not a direct quote
            quote = _find_quote(event.quotes.get(outlet, []), text)
            label = f"{gold.get('id') or gold['speaker']} / {outlet}"
            if quote is None:
                t["speakers_right"].add(False, f"{label}: quote not found")
                continue
            found[outlet] = quote
            ok = quote.speaker is not None and _speaker_ok(
                quote.speaker, gold["speaker"], named.get(outlet), "misattributed" in outlet_flags
            )
            t["speakers_right"].add(ok, f"{label}: tool {quote.speaker!r}")
            if quote.speaker is not None:
                t["speakers_precision"].add(ok, f"{label}: tool {quote.speaker!r}")
        if len(gold["carried_by"]) >= 2:
            _score_quote_flags(gold, event, found, t)
    for entry in truth.get("not_quotes", []):
        said = [
            q
            for event in events.values()
            for q in event.quotes.get(entry["outlet"], [])
            if _normal(q.text) == _normal(entry["text"])
        ]
        t["not_quotes_extracted"].add(not said, f"{entry['outlet']}: {entry['text']!r}")


def _score_quote_flags(
    gold: Mapping[str, Any], event: _Event, found: Mapping[str, Quote], t: Mapping[str, Tally]
) -> None:
    group_of = {id(v.quote): (n, v) for n, g in enumerate(event.quote_groups) for v in g.variants}
    groups = {group_of[id(q)][0] for q in found.values() if id(q) in group_of}
    for outlet, outlet_flags in gold.get("flags", {}).items():
        if outlet not in found:
            continue
        label = f"{gold.get('id') or gold['speaker']} / {outlet} {outlet_flags}"
        if len(found) < 2:
            continue  # one direct version: nothing to compare it with (a missing one counts under speakers)
        if len(groups) != 1:
            t["quote_flags_right"].add(False, f"{label}: versions not in one group")
            continue
        _, variant = group_of[id(found[outlet])]
        misattributed = "misattributed" in outlet_flags
        ok = (VariantFlag.DIFFERENT_SPEAKER in variant.flags) == misattributed
        text_flags = [f for f in outlet_flags if f != "misattributed"]
        if text_flags:
            wanted = VariantFlag.REWORDED if text_flags[0] in _REWORDED else _TEXT_FLAGS[text_flags[0]]
            ok = ok and wanted in variant.flags
        t["quote_flags_right"].add(ok, f"{label}: tool {[str(f) for f in variant.flags]}")


def score_figures_quotes(folder: Path, truth: Mapping[str, Any], settings: Settings | None = None) -> FigureQuoteScores:
    """Run figures and quotes on the gold events of ``folder`` and score them against ``truth``."""
    settings = settings or Settings()
    events = _run_events(folder, truth, settings)
    scores = FigureQuoteScores()
    _score_figures(truth, events, scores)
    _score_quotes(truth, events, scores)
    return scores
