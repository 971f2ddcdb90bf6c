"""Every tunable number of the pipeline, in one frozen settings object with documented defaults.

A :class:`Settings` is made of one section per stage. Defaults were chosen by principle and checked on two
labelled corpora (see the README, "Quality"); they are not fitted to the demo corpus. Override them in code
(``Settings().replace(events={"threshold": 0.5})``), from a TOML file (``Settings.from_toml(path)``) or from
the command line (``--set events.threshold=0.5``).
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

from coverage._errors import ConfigError


def _rule(default: Any, rule: str, ok: Callable[[Any], bool]) -> Any:
    """A settings field with its valid range, written beside it: ``rule`` ends the message "<section>.<name> ..."."""
    return field(default=default, metadata={"rule": rule, "ok": ok})


def _within(default: float, low: float, high: float) -> Any:
    return _rule(default, f"must be within {low:g}..{high:g}", lambda v: low <= v <= high)


def _at_least(default: int, low: int) -> Any:
    return _rule(default, f"must be at least {low}", lambda v: v >= low)


def _non_negative(default: float) -> Any:
    return _rule(default, "must be >= 0", lambda v: v >= 0)


def _one_of(default: str, *choices: str) -> Any:
    return _rule(default, "must be " + " or ".join(repr(c) for c in choices), lambda v: v in choices)


class _Section:
    """A settings section: :meth:`validate` checks each field against the range declared beside it."""

    SECTION: ClassVar[str] = ""

    def _checks(self) -> list[tuple[bool, str]]:
        """Checks over several fields at once, as (passes, message); none by default."""
        return []

    def validate(self) -> None:
        """Raise :class:`ConfigError` (keyed ``section.name``) for the first field out of its range."""
        for item in fields(self):  # type: ignore[arg-type]
            if "ok" in item.metadata and not item.metadata["ok"](getattr(self, item.name)):
                key = f"{self.SECTION}.{item.name}"
                raise ConfigError(f"{key} {item.metadata['rule']}", key=key)
        for ok, message in self._checks():
            if not ok:
                raise ConfigError(message, key=message.split(" ", 1)[0])


@dataclass(frozen=True)
class IngestSettings(_Section):
    """Reading and cleaning of input files."""

    SECTION: ClassVar[str] = "ingest"

    max_file_bytes: int = 50 * 1024 * 1024
    """Files larger than this are skipped with a reason (bounded memory)."""
    template_min_articles: int = 3
    """A line is an outlet template when it recurs in at least this many articles of one outlet ..."""
    template_min_share: float = 0.5
    """... and in at least this share of that outlet's articles."""
    sentences_per_paragraph: int = _at_least(4, 1)
    """Long texts without blank lines are split into paragraphs of about this many sentences."""
    long_paragraph_chars: int = 1200
    """A 'paragraph' longer than this with no blank line inside is split by sentences."""
    max_paragraph_chars: int = _at_least(2000, 200)
    """Hard cap on a paragraph: a piece still longer after the split by sentences (a sentence that never ends) is
    cut at the last space before this many characters (or at it, with no space). The embedding model reads about
    256 word pieces, some 1,000-1,300 characters of English, so text past this in one paragraph was never seen; a
    news paragraph runs to a few hundred characters, and ``long_paragraph_chars`` already splits longer ones."""
    max_article_chars: int = _at_least(1_000_000, 1000)
    """An article with more text than this after cleaning is skipped ("too large", with its length): ten times the
    longest news features (about 20,000 words), so only a book, a log or a dump is skipped, and the work one
    article brings (its paragraphs and sentences compared with the event's other articles) stays bounded."""
    min_article_chars: int = 80
    """Articles with less text than this after cleaning are skipped ("no text left"); wide characters count two."""
    template_max_chars: int = _at_least(150, 1)
    """A template line is short boilerplate: a recurring line longer than this is a story's body, never a template."""
    template_edge_lines: int = _at_least(3, 1)
    """... and it stands among the first or last this many lines of the articles it recurs in."""
    gate_max_chars: int = _at_least(1500, 0)
    """A text this short or shorter that reads as a cookie-consent or paywall notice is skipped as one."""
    follow_symlinks: bool = False
    """Read files through symbolic links that point outside the folder (off: reported as skipped)."""
    include_hidden: bool = False
    """Read hidden files and folders (names starting with a dot; off: reported as skipped)."""
    exclude: tuple[Path, ...] = ()
    """Files and folders not read (reported as skipped): the outputs of the run when they lie inside the folder."""


@dataclass(frozen=True)
class EmbeddingSettings(_Section):
    """The sentence-embedding model and its cache."""

    SECTION: ClassVar[str] = "embedding"

    model: str | None = None
    """A sentence-transformers name or path; ``None`` is the bundled all-MiniLM-L6-v2; ``"static"`` is the static
    embedder distilled from it (the same as ``fast``); ``"hashing"`` is the model-free lexical embedder."""
    fast: bool = False
    """Use a static (token-lookup) embedder distilled once from ``model`` with model2vec and stored under the cache
    folder: about 50x faster embedding on a CPU, nearly as accurate (ECB+ event B-cubed F1 0.953 -> 0.950)."""
    device: str | None = None
    """``cpu``, ``cuda``, ``mps``; ``None`` picks a GPU when one is present."""
    batch_size: int = _at_least(32, 1)
    pool_sentences: bool = False
    """Embed each sentence once and pool paragraph vectors from them (word-weighted means), so the model reads
    each sentence once, not once in its paragraph and again for the facts (on ECB+ 1.21 x the paragraph floor's
    tokens instead of up to 2.2 x). ``False`` (the default) embeds paragraphs as texts of their own. Measured
    (``benchmarks/PERFORMANCE.md``): ECB+ event B-cubed F1 0.952 -> 0.957, NewsWCL50 1.0 -> 1.0, claims and
    figures/quotes benches unchanged on the four gold corpora; but the paragraph links (units), whose threshold was
    placed on paragraph embeddings, lose recall: the demo's 48 hand-made gold links 33 -> 27 found (113 -> 86
    links). Off until that threshold is placed again on pooled vectors."""
    cache: bool = True
    cache_dir: Path | None = None
    """``None`` is the user cache folder (``$XDG_CACHE_HOME/news-coverage``)."""


@dataclass(frozen=True)
class EventSettings(_Section):
    """Grouping of articles into events (see :mod:`coverage.analysis.events`).

    Two articles are compared by a combined similarity: the weighted mean of four cosine similarities (the
    weights are normalised to sum to 1). Near-identical articles first form groups; groups then merge by average
    linkage mixed with the similarity of their nearest-neighbour profiles, within a publication-date rule.
    Defaults were chosen on ECB+, NewsWCL50 and the demo corpus together (one setting for all, no per-corpus
    tuning): B-cubed F1 0.953 on ECB+ and 1.0 on NewsWCL50.
    """

    SECTION: ClassVar[str] = "events"

    threshold: float = _within(0.3, 0.0, 1.0)
    """Two groups merge when their average combined similarity is at least this (0..1)."""
    n_neighbors: int = _at_least(30, 1)
    """Candidate pairs come from this many nearest neighbours per article (no dense N x N matrix)."""
    weight_lead: float = 0.25
    """Weight of the sentence-embedding similarity of title + first paragraph."""
    weight_body: float = 0.25
    """Weight of the sentence-embedding similarity of the bodies (mean of the paragraph vectors)."""
    weight_lexical: float = 0.25
    """Weight of the TF-IDF similarity of the words (fitted on the corpus being clustered)."""
    weight_names: float = 0.25
    """Weight of the TF-IDF similarity of names, places and numbers (capitalised words and numbers)."""
    tight_threshold: float = _within(0.8, 0.0, 1.0)
    """Articles first join groups of near-identical stories (wire copies) at this average similarity; the
    neighbourhood profiles are built over these groups, so that copies count once."""
    profile_neighbors: int = _non_negative(4)
    """An article's neighbourhood profile is itself and its this many most similar articles (0: no profiles)."""
    profile_weight: float = _within(0.5, 0.0, 1.0)
    """Share of the profile similarity (shared nearest neighbours) in the similarity that groups merge on."""
    date_window_days: int = _non_negative(3)
    """Articles published further apart than this need near-identical content to share an event."""
    date_override_similarity: float = _within(0.85, 0.0, 1.0)
    """... that is, a combined similarity of at least this. Unknown dates are no constraint."""
    search_window_days: int = _non_negative(14)
    """A dated article's candidate neighbours are the articles published within this many days of it, and the
    undated ones (events are local in time; this keeps the search from growing with the square of the corpus).
    Wider than ``date_window_days``: an event's coverage chains over longer than that, and its article pairs a
    week apart still count in the linkage average."""
    search_min_candidates: int = _at_least(1000, 1)
    """... widened, where those days hold fewer articles, to at least this many nearest in date. A pair outside the
    neighbour graph counts as 0 in the linkage, so the graph must be selective: among a handful of candidates,
    unrelated articles become neighbours only because nothing closer was published that fortnight."""
    exact_search_max: int = _at_least(20_000, 2)
    """Undated articles are compared with every article while the corpus has at most this many; above, with the
    articles of the ``search_probes`` nearest cells of a k-means partition into cells of ``search_min_candidates``
    articles (an approximate search, seeded). Dated articles then no longer take undated ones as candidates (the
    undated ones still find them)."""
    search_probes: int = _at_least(8, 1)
    """... that many cells."""
    evidence_terms: int = _non_negative(8)
    """An event's evidence lists up to this many shared names and up to this many shared numbers."""
    max_articles: int = _at_least(100, 2)
    """Bound on an event's work: alignment, copies and fact verification compare every pair of an event's articles
    from different outlets, so the work grows with those pairs. An event with more such pairs than this many
    articles of different outlets make (4,950 at 100) is analysed on a sample that makes no more, said in the report
    (each outlet's earliest article first, then each outlet's second, and so on); an event of one outlet never is.
    No event of the labelled corpora has more than 22 articles (ECB+); one beyond 100 outlets' worth is nearly
    always a story republished over and over."""

    def _checks(self) -> list[tuple[bool, str]]:
        weights = (self.weight_lead, self.weight_body, self.weight_lexical, self.weight_names)
        return [(min(weights) >= 0.0 and sum(weights) > 0.0, "events.weight_* must be >= 0 and not all 0")]


@dataclass(frozen=True)
class AlignmentSettings(_Section):
    """Paragraph and sentence alignment (see :mod:`coverage.analysis.alignment`)."""

    SECTION: ClassVar[str] = "alignment"

    link_threshold: float = _within(0.55, -1.0, 1.0)
    """Two paragraphs link when their cosine similarity is at least this: one to one while both are unlinked, or
    as a join (below). Kept from earlier releases: the paragraph-level measurements disagree (0.55 to 0.65),
    see ``benchmarks/README.md``."""
    sentence_threshold: float = _within(0.6, -1.0, 1.0)
    """The same for sentences (``granularity="sentence"`` and :meth:`Aligner.align_sentences`): where recall of
    human-aligned sentence pairs (ECB+) and precision on hard negatives (same topic, other event) balance best
    with all-MiniLM-L6-v2."""
    relative_margin: float = _non_negative(0.05)
    """A paragraph joins one already linked (1-n: merged or split text) only if that one is its best match or
    within this of it ..."""
    join_gain: float = _non_negative(0.0)
    """... and the linked paragraph is closer to its partners with the newcomer than without, by more than this."""
    mode: str = _one_of("free", "free", "monotone")
    """``free`` (outlets reorder) or ``monotone`` (versions of one article keep their order)."""
    unit_threshold: float = _within(0.55, 0.0, 1.0)
    """Paragraphs join one unit when their average link score is at least this."""


@dataclass(frozen=True)
class SyndicationSettings(_Section):
    """Detection of wire copy republished by several outlets (see :mod:`coverage.analysis.syndication`)."""

    SECTION: ClassVar[str] = "syndication"

    near_identical: float = 0.95
    """Two paragraphs are the same text (up to light edits) at this cosine similarity or above."""
    min_shared: float = 0.8
    """An article is a copy when this share of the shorter article's paragraphs is near-identical."""
    min_paragraphs: int = 2
    """Articles shorter than this many paragraphs are never called copies."""


@dataclass(frozen=True)
class FigureSettings(_Section):
    """Tunables of figure extraction and grouping  (see :mod:`coverage.analysis.figures`)."""

    SECTION: ClassVar[str] = "figures"

    about_margin: float = 0.1
    """``about 100`` stands for 90..110."""
    nearly_margin: float = 0.1
    """``nearly 100`` stands for 90..100."""
    vague_multiplier: float = 2.0
    """``dozens`` is at least 2 x 12, ``hundreds`` at least 2 x 100: the value and lower bound of vague plurals."""
    np_max_tokens: int = 4
    """At most this many words after a number are read as the counted noun (``police officers``)."""
    gap_max_tokens: int = 4
    """At most this many auxiliaries between the noun and the kind word (``have reportedly been killed``)."""
    left_window: int = 5
    """At most this many linking words between a kind word before the number and the number (``toll rose to``)."""
    apposition_max_tokens: int = 6
    """A ``, ... ,`` of at most this many words between the counted noun and the kind word is read through."""
    subset_window: int = 6
    """``including N`` is a part of the figure before only when at most this many words separate them
    (``58 were injured, among them 12 police officers``)."""
    among_window: int = 4
    """An ``among the police`` at most this many words after the kind word names the referent."""
    max_age: int = 120
    """``Smith, 33,`` and ``Smith (33)`` are ages up to this value."""
    max_day: int = 31
    """A number next to a month name is a day up to this value."""
    year_min: int = 1800
    """Plain four-digit numbers from ``year_min`` to ``year_max`` are years unless they count something."""
    year_max: int = 2100
    max_denominator: int = 1000
    """``one in five`` is a share when the second number is at most this."""
    group_ratio: float = 3.0
    """Mentions of one kind and referent whose values are within this factor are the same quantity."""
    group_counts: bool = True
    """Group plain counts too (troops, barrels, criminal cases, seats), and spans of months and years (prison
    terms); not spans of days or hours (``three days of protests`` grows with the date of the article)."""
    group_by_context: bool = True
    """A figure whose words name no referent (``tariffs of 25% on steel``) joins another outlet's figure of the
    same kind and a compatible value when the words around both numbers match (mutual best match, a third of the
    content words shared): agreement only, never a conflict (:mod:`coverage.analysis.figures.context`)."""
    subject_window: int = 20
    """A changing total (``rose to 7``) finds its kind word (``the death toll from clashes ...``) this many words
    back."""
    topic_window: int = 10
    """A percentage finds what it measures (``inflation stood at 6.2%``) this many words back."""


@dataclass(frozen=True)
class QuoteSettings(_Section):
    """Tunables of quote extraction and matching  (see :mod:`coverage.analysis.quotes`)."""

    SECTION: ClassVar[str] = "quotes"

    scare_max_words: int = 3
    """Quotes of at most this many words are kept only with a speaker found in their own sentence."""
    speaker_max_tokens: int = 10
    """A speaker phrase has at most this many words."""
    lookback_paragraphs: int = 2
    """A pronoun (``he said``) may refer to a speaker named up to this many paragraphs before."""
    match_min_tokens: int = 2
    """A quote contained word for word in another matches it when it has at least this many words."""
    fuzzy_min_tokens: int = 4
    """Quotes with at least this many content words each may match without being contained ..."""
    min_containment: float = 0.7
    """... when this share of the shorter one's content words is in the longer one (a reworded version)."""
    single_word_min_letters: int = 6
    """A one-word partial quote (``"stabilized"``) of at least this many letters matches a longer quote that holds
    the word (the outlets' speakers may not both be named and differ) ..."""
    single_word_score: float = 0.5
    """... with this score, below a match word for word, so that a longer version wins."""


@dataclass(frozen=True)
class FactSettings(_Section):
    """Facts from the sentence alignment (see :mod:`coverage.analysis.facts`)."""

    SECTION: ClassVar[str] = "facts"

    majority: float = 0.5
    """An outlet 'omits' a fact when at least two and at least this share of the other outlets state it."""
    headline_overlap: float = 0.5
    """A fact is in the headline when this share of the headline's content words are in its sentence."""
    earlier_days: int = 2
    """An article published this many days before the others' median date gets a note by its omissions."""
    shorter_ratio: float = 0.6
    """So does an article shorter than this share of the others' median length."""
    granularity: str = _one_of("sentence", "sentence", "clause")
    """What a fact is: a ``clause`` (sentences cut before conjunctions and relative pronouns, so that "killed 12
    and injured 43" is two facts) or a whole ``sentence``."""
    verify: bool = True
    """Search each outlet's whole text for each fact before calling it omitted
    (:mod:`coverage.analysis.verification`)."""
    split_parts: bool = False
    """Split a row that an outlet states only part of (its sentence carries some clauses of the row's sentence and
    not others) into one verified row per clause (:mod:`coverage.analysis.verification.parts`). Off: on the four
    gold corpora it left listed omissions and precision unchanged, raised one-row on one (harbour 0.46 -> 0.51) and
    lowered folded recall on another (demo 0.51 -> 0.48)."""
    states_cosine: float = _within(0.7, -1.0, 1.0)
    """A sentence of another outlet states the fact at this cosine or above (ECB+, all-MiniLM-L6-v2: 4 % of the
    best matches between reports of two different events of one topic reach it)."""
    states_margin: float = _within(0.2, 0.0, 2.0)
    """... but a cosine alone (under ``states_coverage`` of the fact's content) counts only when the sentence is this
    much closer to the fact than the outlet's next closest sentence: the step from sentences alike in topic
    (``confirm_cosine``) to ``states_cosine``. Inside one story most sentences are 0.7-0.8 to each other (ECB+ AMD
    buys SeaMicro: of 10 cosine-only "states" drawn at random, 9 were wrong); such an outlet is "unclear"."""
    states_cosine_alone: float = _within(0.9, -1.0, 1.0)
    """... or when it reaches this cosine (a close paraphrase), whatever the outlet's other sentences score."""
    support_cosine: float = _within(0.6, -1.0, 1.0)
    """... or at this cosine (the sentence alignment's own link threshold) when it also carries
    ``states_coverage`` of the fact's content."""
    states_coverage: float = _within(0.5, 0.0, 1.0)
    """Share of the fact's content (rarity-weighted stems, names, numbers) that makes a moderate match a
    statement."""
    confirm_coverage: float = _within(0.25, 0.0, 1.0)
    """An aligned member of a fact whose cosine to the other members is under ``states_cosine`` stays only when it
    shares this much of their content (and does not reverse their roles) ..."""
    confirm_cosine: float = _within(0.5, -1.0, 1.0)
    """... or, at this cosine or above, ``states_coverage`` of it."""
    omit_cosine: float = _within(0.6, -1.0, 1.0)
    """An outlet omits a fact only when none of its sentences reaches this cosine, the sentence alignment's own
    link threshold (on ECB+, 86 % of human-aligned sentence pairs, which share as little as one proposition, reach
    it or a third of the content below) ..."""
    omit_coverage: float = _within(0.34, 0.0, 1.0)
    """... and none carries a third of the fact's content. A closest sentence over ``omit_cosine`` but under
    ``states_cosine`` that carries less than this is alike in topic only: an omission too, the least sure (0.5,
    folded apart). On the four gold corpora, 14 such verdicts (before: unclear) on facts two outlets state all
    omit a gold fact of the row; in 12 the row's sentence carries several and the outlet states another one."""
    min_confidence: float = _within(0.6, 0.0, 1.0)
    """Omissions the reports list as such are at least this sure: the margin of the outlet's closest sentence below
    both omission thresholds, 0.5 at the thresholds, 1 for nothing alike, for each separate wording of the fact (each
    outlet stating it), combined as independent searches. Less sure ones are folded apart ("may also omit"), with
    their closest sentence."""
    same_wording_cosine: float = _within(0.95, -1.0, 1.0)
    """Two outlets' sentences stating a fact at this cosine or above are one wording (a wire copy, the syndication
    threshold): an omission is surer the more separate wordings of the fact an outlet misses, and a copy adds none."""
    exclusive_confidence: float = _within(0.6, 0.0, 1.0)
    """"Only X states this" is N-1 omission claims at once: each other outlet's verdict must be this sure."""


@dataclass(frozen=True)
class FramingSettings(_Section):
    """Tunables of framing analysis (see :mod:`coverage.analysis.framing`)."""

    SECTION: ClassVar[str] = "framing"

    min_z: float = 1.96
    """A term is distinctive for an outlet when its log-odds z-score is at least this (two-sided 5%)."""
    prior_size: float = 100.0
    """Pseudo-counts of the informative Dirichlet prior, spread over terms by their corpus frequency. Larger
    shrinks rare terms harder towards 'not distinctive'."""
    min_count: int = 2
    """A term must occur at least this many times in the outlet to be listed."""
    max_ngram: int = 3
    """Longest phrase counted (1: unigrams only)."""
    max_terms: int = 15
    """At most this many distinctive terms per outlet, highest z first."""
    label_max_tokens: int = 3
    """Substitutions of at most this many tokens on each side are label candidates."""
    label_context: int = 1
    """... and only when at least this many tokens agree right before and right after the substitution ..."""
    label_min_similarity: float = 0.4
    """... in sentence pairs whose tokens agree at least this much overall (difflib ratio)."""
    label_max_sentence_tokens: int = 250
    """A sentence longer than this many tokens gives its mentions as labels but no evidence between them
    (substitutions, unmatched pairs, parties named together, corrections): it is an unsplit block of text, not a
    sentence, and comparing two such blocks costs the square of their length. The longest sentences of ECB+ and
    NewsWCL50 have 87 and 100 tokens."""
    mention_max_tokens: int = 4
    """Longest description kept as a mention ("the migrant caravan"): its last this many words, head included."""
    label_head_similarity: float = 0.5
    """Two descriptions with the same head word where one's modifiers include the other's ("caravan", "migrant
    caravan") name one referent when their labels' cosine is at least this."""
    label_context_similarity: float = 0.45
    """In two sentences of different outlets that the alignment links, a mention left unmatched on each side is
    paired with its mutual best match on the other side when their labels' cosine is at least this
    ("protesters" / "rioters"), and only between labels that different outlets choose (one uses the first and not
    the second, another the second and not the first) ..."""
    label_context_pairs: int = 2
    """... in at least this many linked sentence pairs (one pairing is often a coincidence)."""
    label_cast_shared: int = _non_negative(1)
    """Two plural descriptions of people that different outlets choose between ("protesters", "rioters") and that
    never share a sentence name one group when at least this many other parties (descriptions of people) share a
    sentence with each ("police"): the same part in the story. 0 turns this evidence off ..."""
    label_cast_similarity: float = _within(0.55, 0.0, 1.0)
    """... when their labels are at least this similar (cosine; "protesters" / "rioters" 0.64, "officials" /
    "rioters" 0.49) ..."""
    label_cast_margin: float = _within(0.05, -1.0, 1.0)
    """... and when each is closer (cosine) to a description of people than to one of things, events, places or
    actions by at least this: "rioters" and "dock workers" are people, "protests" and "riots" are not."""
    label_similarity: float = 0.8
    """Two descriptions with one head but different modifiers name one referent only when at least this similar
    (cosine): "intelligence officials" and "administration officials" are kept apart."""
    label_min_mentions: int = 2
    """A label group is reported only when at least two of its head words ("protesters", "rioters") have this many
    mentions each, and the outlets differ in which of them they use."""
    frame_threshold: float = 0.15
    """A paragraph whose best cosine against the frame prototypes is below this is framed ``other``."""
    loaded_valence: float = _within(2.0, 0.0, 4.0)
    """A word is loaded by the lexicon when the magnitude of its VADER valence (-4..+4, the mean of ten raters) is
    at least this: half the scale, so that words the raters found only mildly emotive are left out ..."""
    loaded_share: float = _within(0.0, 0.0, 1.0)
    """... and when at most this share of the event's other outlets use it (0: none does). A word other outlets
    use too ("killed", "died") is the event's vocabulary, not one outlet's choice."""
    loaded_synonym: float = _within(0.6, 0.0, 1.0)
    """A lexicon word is the event's vocabulary, not a choice, where another outlet writes a rated word of the same
    sign at least this alike (cosine): "died" beside "killed" (0.79), "hurt" beside "injured" (0.66)."""
    loaded_max: int = _non_negative(10)
    """At most this many loaded terms per outlet, best first."""


@dataclass(frozen=True)
class Settings:
    """All settings of a run, one section per stage.

    Sections: ``ingest``, ``embedding``, ``events``, ``alignment``, ``syndication``, ``facts``, ``figures``, ``quotes``,
    ``framing``.
    """

    ingest: IngestSettings = field(default_factory=IngestSettings)
    embedding: EmbeddingSettings = field(default_factory=EmbeddingSettings)
    events: EventSettings = field(default_factory=EventSettings)
    alignment: AlignmentSettings = field(default_factory=AlignmentSettings)
    syndication: SyndicationSettings = field(default_factory=SyndicationSettings)
    facts: FactSettings = field(default_factory=FactSettings)
    figures: FigureSettings = field(default_factory=FigureSettings)
    quotes: QuoteSettings = field(default_factory=QuoteSettings)
    framing: FramingSettings = field(default_factory=FramingSettings)

    def replace(self, **sections: dict[str, Any]) -> Settings:
        """A copy with some values changed: ``replace(events={"threshold": 0.4})``."""
        changes: dict[str, Any] = {}
        for name, values in sections.items():
            if name not in _SECTIONS:
                raise ConfigError(f"unknown settings section {name!r}", key=name)
            current = getattr(self, name)
            known = {f.name: f for f in fields(current)}
            typed: dict[str, Any] = {}
            for key, value in values.items():
                if key not in known:
                    raise ConfigError(f"unknown setting {name}.{key}", key=f"{name}.{key}")
                typed[key] = _coerce(f"{name}.{key}", getattr(current, key), value)
            changes[name] = dataclasses.replace(current, **typed)
        result = dataclasses.replace(self, **changes)
        result.validate()
        return result

    def set(self, assignments: list[str]) -> Settings:
        """Apply ``section.key=value`` strings, as given to ``--set`` on the command line."""
        sections: dict[str, dict[str, Any]] = {}
        for item in assignments:
            key, sep, value = item.partition("=")
            section, dot, name = key.strip().partition(".")
            if not sep or not dot:
                raise ConfigError(f"--set expects section.key=value, got {item!r}", key=key)
            sections.setdefault(section, {})[name] = value.strip()
        return self.replace(**sections)

    @classmethod
    def from_toml(cls, path: Path) -> Settings:
        """Read settings from a TOML file with one table per section."""
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read settings file {path}: {exc}") from exc
        for name, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(f"settings file {path}: [{name}] must be a table", key=name)
        return cls().replace(**data)

    def validate(self) -> None:
        """Raise :class:`ConfigError` on a value out of range: each section checks its own fields."""
        for name in _VALIDATION_ORDER:
            getattr(self, name).validate()


_SECTIONS = {f.name for f in fields(Settings)}
_VALIDATION_ORDER = (
    "events",
    "alignment",
    "embedding",
    "ingest",
    *sorted(_SECTIONS - {"events", "alignment", "embedding", "ingest"}),
)


def _coerce(key: str, current: object, value: object) -> object:
    """Convert a value (often a string from the command line) to the type of the default."""
    if not isinstance(value, str) or isinstance(current, str):
        if isinstance(current, float) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return value
    try:
        if isinstance(current, bool):
            if value.lower() not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(value)
            return value.lower() in ("true", "1", "yes")
        if isinstance(current, int):
            return int(value)
        if isinstance(current, float):
            return float(value)
        if isinstance(current, Path) or key.endswith("_dir"):
            return Path(value)
    except ValueError as exc:
        raise ConfigError(f"bad value for {key}: {value!r}", key=key) from exc
    if value.lower() in ("none", "null", ""):
        return None
    return value
