"""Framing: the words each outlet chooses, the names it gives the same actors, and the angles it takes.

:func:`analyse_framing` compares the outlets of one :class:`~coverage.model.Event` in five ways:

Distinctive terms
    Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), each
    outlet against the rest of the event, over unigrams and 2-3 word phrases that neither start nor end with a
    stop word and never cross punctuation. The prior is the corpus term distribution (:func:`corpus_term_counts`)
    scaled to ``prior_size`` pseudo-counts, or the event's own pooled counts when no corpus counts are given.
    A term is distinctive when its z-score is at least ``min_z``; with little text nothing is, and the outlet's
    ``significant`` flag says so instead of listing noise.
Labels
    The names outlets give one referent. Mentions are read from every sentence without a tagger: capitalised name
    spans ("Kim Jong Un", "Department of Justice") and descriptions, runs of content words ending in a noun-like
    head ("the migrant caravan", "illegal aliens"); which words are noun- or verb-like is learnt from the event's
    own text (a word that ends a phrase opened by "the" is a noun; one after "he" or "will", or right before "the",
    is a verb). Labels (distinct lower-cased mentions) are joined into referents by inflection, name aliases
    ("trump" / "donald trump", "dnc" / "democratic national committee"), titles and appositions ("President
    Trump" makes "the president" a name for Trump), token substitutions in aligned sentence pairs
    ("security forces opened fire on protesters" / "on rioters"), one head word, and mentions left unmatched in
    aligned sentence pairs that two outlets word differently, paired by embedding similarity when the outlets use
    one word and not the other. Incompatible names ("north korea", "south korea") are never joined. A group is
    reported where outlets differ in the head words they use; it is named after its most frequent name.
Frames
    The 15 generic policy frames of the Media Frames Corpus (Boydstun et al. 2014). A paragraph gets the frame
    whose prototype (mean embedding of a written description and example sentences) is nearest, or ``other``
    below ``frame_threshold``. Shares per outlet link back to the paragraphs.
Loaded terms
    Word choices of one outlet shown in their sentence: substitutions between sentences the alignment links
    ("claimed" / "said", "rioters" / "protesters") that are a choice between words, and words of published
    lexicons (VADER's emotive words; report verbs that take a side) that most other outlets do not use
    (:func:`find_loaded_terms`).
Attribution and certainty
    Counts of attribution verbs per outlet, and hedges and intensifiers per 1,000 words (word lists).
Headlines
    Each outlet's titles, side by side.

Deterministic. The embedder is used for the frame prototypes (cached per embedder name) and for the labels' own
embeddings (through the embedder's cache, when it has one).
"""

from coverage.analysis.framing.analyse import analyse_framing
from coverage.analysis.framing.attribution import attribution_counts
from coverage.analysis.framing.frames import FRAMES, assign_frames, frame_prototypes
from coverage.analysis.framing.labels import find_labels
from coverage.analysis.framing.loaded import find_loaded_terms, vader_lexicon
from coverage.analysis.framing.terms import corpus_term_counts, distinctive_terms, name_words
from coverage.model.framing import EventFraming, LabelGroup, LoadedTerm, OutletFraming, Term

__all__ = [
    "FRAMES",
    "EventFraming",
    "LabelGroup",
    "LoadedTerm",
    "OutletFraming",
    "Term",
    "analyse_framing",
    "assign_frames",
    "attribution_counts",
    "corpus_term_counts",
    "distinctive_terms",
    "find_labels",
    "find_loaded_terms",
    "frame_prototypes",
    "name_words",
    "vader_lexicon",
]
