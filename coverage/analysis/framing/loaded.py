"""Loaded word choices: what one outlet writes where others write something plainer, shown in its sentence
(:func:`find_loaded_terms`).

Two kinds of evidence, combined:

Substitutions
    In sentence pairs of different outlets that the alignment links, the one to three content words where the two
    differ while the words around them agree ("the ministry *claimed*" / "the ministry *said*"). A substitution
    alone is kept only when it is a choice: the outlet never uses the other side's words, and no other outlet uses
    its own.
Lexicons
    Words rated emotive in the VADER lexicon (Hutto & Gilbert 2014, MIT licence; read from the ``vadersentiment``
    package, never copied here) and report verbs that cast doubt on, or vouch for, what is reported ("claimed",
    "admitted", "so-called"; the *report verbs* class of the bias-inducing words of Recasens, Danescu-Niculescu-
    Mizil & Jurafsky 2013, written here from the class description). A lexicon word counts only where at most
    ``loaded_share`` of the other outlets use it (none, by default): a word others use too ("killed") is the
    event's vocabulary.

Names, numbers, weekdays and months are never loaded terms (see :func:`~coverage.analysis.framing.terms.name_words`).
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from coverage.analysis.embedding import Embedder
from coverage.analysis.framing.names import _singular, _substitutions, _tokens
from coverage.analysis.framing.terms import _NOT_TERMS, _stop_words, name_words
from coverage.model import Alignment, ParagraphRef
from coverage.model.framing import LoadedTerm
from coverage.settings import FramingSettings
from coverage.text.lexicon import word_set

logger = logging.getLogger(__name__)

REPORT_VERBS = word_set(
    "claim claims claimed claiming alleged allegedly alleges insist insists insisted insisting admit admits admitted "
    "admitting concede concedes conceded boast boasts boasted boasting tout touts touted purported purportedly "
    "so-called supposedly lament lamented complain complained blasted slammed railed conceding"
)
"""Report verbs that take a side on what is reported (Recasens et al. 2013's class, these words written here)."""


@functools.cache
def vader_lexicon() -> Mapping[str, float]:
    """The VADER lexicon: lower-cased word -> mean valence (-4..+4), read from the installed package's data file."""
    text = importlib.resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            out[parts[0].lower()] = float(parts[1])
    return out


def _valence(words: Sequence[str], lexicon: Mapping[str, float]) -> float:
    """The strongest valence of ``words`` (plural forms read as their singular), 0 when none is rated."""
    best = 0.0
    for w in words:
        v = lexicon.get(w, lexicon.get(_singular(w), 0.0))
        if abs(v) > abs(best):
            best = v
    return best


@dataclass
class _Candidate:
    sentence: str
    where: ParagraphRef | None
    instead: set[tuple[str, str]] = field(default_factory=set)
    substitutions: int = 0


def _rated(text_of: Mapping[str, str], lexicon: Mapping[str, float]) -> dict[str, set[str]]:
    """Each outlet's words rated by the lexicon."""
    return {o: {w for w in set(t.split()) if lexicon.get(w)} for o, t in text_of.items()}


def _sense_words(
    candidates: Iterable[tuple[str, str]], rated: Mapping[str, set[str]], lexicon: Mapping[str, float]
) -> dict[tuple[str, str], list[str]]:
    """For each lexicon-only candidate (outlet, term): the rated words of other outlets with the valence sign of
    the term, the only words :func:`_shared_sense` compares it with."""
    out: dict[tuple[str, str], list[str]] = {}
    for outlet, term in candidates:
        sign = np.sign(_valence([term], lexicon))
        out[(outlet, term)] = sorted(
            {
                w
                for other, theirs in rated.items()
                if other != outlet
                for w in theirs
                if w != term and np.sign(lexicon[w]) == sign
            }
        )
    return out


def _sense_texts(compared: Mapping[tuple[str, str], list[str]]) -> list[str]:
    """The words :func:`_shared_sense` embeds: the candidates and the words they are compared with."""
    return sorted({term for _, term in compared} | {w for words in compared.values() for w in words})


def _shared_sense(
    candidates: Mapping[tuple[str, str], _Candidate],
    text_of: Mapping[str, str],
    lexicon: Mapping[str, float],
    embedder: Embedder,
    settings: FramingSettings,
) -> set[tuple[str, str]]:
    """The lexicon-only candidates (outlet, term) whose sense another outlet writes in a word of its own: a rated
    word of the same sign at least ``loaded_synonym`` alike (cosine). "died" where others write "killed", "hurt"
    where they write "injured": the event's vocabulary, not a choice of one outlet.

    Only the candidates and the words they are compared with are embedded (not every rated word of the event:
    those of a sign no candidate has, or with no candidate at all, were embedded for nothing)."""
    compared = _sense_words(candidates, _rated(text_of, lexicon), lexicon)
    words = _sense_texts(compared)
    if not words:
        return set()
    vectors = dict(zip(words, np.asarray(embedder.encode(words), dtype=np.float64), strict=True))
    shared: set[tuple[str, str]] = set()
    for key, theirs in compared.items():
        if not theirs:
            continue
        mine = vectors[key[1]]
        if any(float(mine @ vectors[w]) >= settings.loaded_synonym for w in theirs):
            shared.add(key)
    return shared


@dataclass
class _Gathered:
    """What one event's sentence texts give: each text's outlet, each outlet's running text, the candidates."""

    outlets: list[str]
    text_of: dict[str, str]
    candidates: dict[tuple[str, str], _Candidate]

    def lexical(self) -> dict[tuple[str, str], _Candidate]:
        """The candidates that only a lexicon puts forward (one word, no substitution, no report verb)."""
        return {
            key: found
            for key, found in self.candidates.items()
            if not found.substitutions and " " not in key[1] and key[1] not in REPORT_VERBS
        }


def _gather(alignment: Alignment, outlet_of: Mapping[str, str], settings: FramingSettings) -> _Gathered:
    """The candidates of :func:`find_loaded_terms`: substitutions in linked sentence pairs of different outlets,
    then lexicon words, in reading order."""
    outlets = [outlet_of.get(name, name) for name in alignment.ids]
    names = name_words(s for segments in alignment.segments for s in segments)
    stop = _stop_words()
    lexicon = vader_lexicon()
    tokens = [[_tokens(s) for s in segments] for segments in alignment.segments]
    # the running text of each outlet, to tell which outlets use a word or phrase
    parts: dict[str, list[str]] = defaultdict(list)
    for t, sentences in enumerate(tokens):
        for words in sentences:
            parts[outlets[t]].append(" " + " ".join(words) + " ")
    text_of: dict[str, str] = defaultdict(str, {outlet: "".join(texts) for outlet, texts in parts.items()})

    def usable(words: Sequence[str]) -> bool:
        content = [w for w in words if w not in stop]
        return bool(content) and all(
            w.replace("-", "").isalpha() and w not in names and w not in _NOT_TERMS for w in content
        )

    def where(t: int, s: int) -> ParagraphRef | None:
        if alignment.parents:
            return ParagraphRef(alignment.ids[t], alignment.parents[t][s])
        if alignment.granularity == "paragraph":
            return ParagraphRef(alignment.ids[t], s)
        return None

    candidates: dict[tuple[str, str], _Candidate] = {}

    def candidate(t: int, s: int, term: str) -> _Candidate:
        key = (outlets[t], term)
        if key not in candidates:
            candidates[key] = _Candidate(alignment.segments[t][s], where(t, s))
        return candidates[key]

    position = {name: k for k, name in enumerate(alignment.ids)}
    for link in alignment.links:
        ta, tb = position[link.a.article], position[link.b.article]
        if outlets[ta] == outlets[tb]:
            continue
        sa, sb = link.a.paragraph, link.b.paragraph
        for x, y in _substitutions(tokens[ta][sa], tokens[tb][sb], settings):
            # a word choice is content words only: a span with function words ("raised its main") rewords syntax
            if any(w in stop for w in (*x.split(), *y.split())) or not usable(x.split()) or not usable(y.split()):
                continue
            for t, s, mine, theirs, other in ((ta, sa, x, y, tb), (tb, sb, y, x, ta)):
                found = candidate(t, s, mine)
                found.instead.add((outlets[other], theirs))
                found.substitutions += 1
    # whether a word is a lexicon candidate depends on the word alone: decided once per distinct word
    lexical: dict[str, bool] = {}
    for t, sentences in enumerate(tokens):
        for s, words in enumerate(sentences):
            for w in words:
                wanted = lexical.get(w)
                if wanted is None:
                    wanted = lexical[w] = (
                        w not in stop
                        and usable([w])
                        and (w in REPORT_VERBS or abs(_valence([w], lexicon)) >= settings.loaded_valence)
                    )
                if wanted:
                    candidate(t, s, w)
    return _Gathered(outlets, text_of, candidates)


def loaded_texts(alignment: Alignment, outlet_of: Mapping[str, str], settings: FramingSettings) -> list[str]:
    """The words :func:`find_loaded_terms` will embed for these texts (to embed them ahead, with other events')."""
    gathered = _gather(alignment, outlet_of, settings)
    lexicon = vader_lexicon()
    return _sense_texts(_sense_words(gathered.lexical(), _rated(gathered.text_of, lexicon), lexicon))


def find_loaded_terms(
    alignment: Alignment,
    outlet_of: Mapping[str, str],
    *,
    settings: FramingSettings | None = None,
    embedder: Embedder | None = None,
) -> tuple[LoadedTerm, ...]:
    """Loaded word choices of each outlet in the texts of ``alignment`` (sentence segments; ``outlet_of`` maps its
    ids to outlets), best first within each outlet, outlets by name; at most ``loaded_max`` per outlet. With
    ``embedder``, a lexicon word is dropped where another outlet writes the same sense in a word of its own
    (:func:`_shared_sense`)."""
    settings = settings or FramingSettings()
    lexicon = vader_lexicon()
    gathered = _gather(alignment, outlet_of, settings)
    outlets, text_of, candidates = gathered.outlets, gathered.text_of, gathered.candidates
    lexical = gathered.lexical()
    all_outlets = sorted(set(outlets), key=str.casefold)
    shared = _shared_sense(lexical, text_of, lexicon, embedder, settings) if embedder is not None else set()
    out: list[LoadedTerm] = []
    for outlet in all_outlets:
        others = [o for o in all_outlets if o != outlet]
        kept: list[LoadedTerm] = []
        for (o, term), found in candidates.items():
            if o != outlet or not others:
                continue
            words = term.split()
            padded = f" {term} "
            share = sum(padded in text_of[other] for other in others) / len(others)
            valence = _valence(words, lexicon)
            report = any(w in REPORT_VERBS for w in words)
            emotive = abs(valence) >= settings.loaded_valence
            # a substitution is a choice when no other outlet writes this and this outlet never writes the other
            chosen = (
                found.substitutions > 0
                and share == 0
                and any(f" {theirs} " not in text_of[outlet] for _, theirs in found.instead)
            )
            if not (chosen or ((emotive or report) and share <= settings.loaded_share)) or (o, term) in shared:
                continue
            evidence = (("substitution", found.substitutions > 0), ("lexicon", emotive), ("report verb", report))
            cues = tuple(cue for cue, on in evidence if on)
            score = abs(valence) / 4.0 + 0.5 * report + min(found.substitutions, 2) * 0.5 + (1.0 - share)
            kept.append(
                LoadedTerm(
                    outlet=outlet,
                    term=term,
                    sentence=found.sentence,
                    instead=tuple(sorted(found.instead)),
                    valence=valence,
                    cues=cues,
                    score=score,
                    where=found.where,
                )
            )
        kept.sort(key=lambda item: (-item.score, item.term))
        out.extend(kept[: settings.loaded_max])
    logger.debug("loaded terms: %d over %d outlets", len(out), len(all_outlets))
    return tuple(out)
