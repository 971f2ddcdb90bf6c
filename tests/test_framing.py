from __future__ import annotations

import json
import zlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest

from coverage.analysis.alignment import Aligner, Alignment
from coverage.analysis.embedding import HashingEmbedder, SentenceTransformerEmbedder
from coverage.analysis.framing import (
    FRAMES,
    EventFraming,
    analyse_framing,
    assign_frames,
    attribution_counts,
    corpus_term_counts,
    distinctive_terms,
    find_labels,
    find_loaded_terms,
    frame_prototypes,
    name_words,
)
from coverage.analysis.framing.baseline import frequency_ratio_words, gold_words, score_words
from coverage.analysis.framing.names import _normalise_label
from coverage.analysis.framing.terms import _ngrams, _stop_words
from coverage.model import Article, Event, Link, ParagraphRef
from coverage.settings import FramingSettings

RIOT = (
    "Rioters stormed the city hall on Wednesday and set parts of the building on fire, officials said.",
    "The rioters looted shops along the main avenue, and police said the rioters were armed.",
    "Security forces fired warning shots as rioters tried to seize the airport, the ministry claimed.",
    "By evening the rioters had been pushed back from the square, according to the interior ministry.",
    "Officials insisted that the rioters were organised and that a brutal crackdown was necessary.",
    "Rioters also attacked a television station, and rioters blocked the road to the port.",
)
PROTEST = (
    "Protesters gathered outside the city hall on Wednesday, angry about the sharp rise in fuel prices.",
    "The protesters marched along the main avenue, and witnesses said the protesters were peaceful.",
    "Police fired tear gas as protesters tried to reach the airport, witnesses told reporters.",
    "By evening the protesters had been pushed back from the square, reportedly with dozens injured.",
    "Rights groups said the protesters may have been targeted, and it is not clear how many were detained.",
    "Protesters also gathered near a television station, and protesters blocked the road to the port.",
)


def _article(aid: str, outlet: str, paragraphs: tuple[str, ...], title: str = "") -> Article:
    return Article(id=aid, path=f"{aid}.txt", outlet=outlet, title=title or f"{outlet} headline", paragraphs=paragraphs)


def _event() -> Event:
    return Event(
        id="e1",
        title="unrest",
        articles=(
            _article("a", "State News", RIOT, "Rioters storm city hall"),
            _article("b", "Daily Witness", PROTEST, "Protesters rally against fuel prices"),
        ),
    )


def _vectors(event: Event, embedder: HashingEmbedder) -> list[np.ndarray]:
    return [embedder.encode(list(a.paragraphs)) for a in event.articles]


def test_fightin_words_finds_each_outlets_word() -> None:
    event = _event()
    result = analyse_framing(event)
    state, witness = result.outlet("State News"), result.outlet("Daily Witness")
    assert state.significant and witness.significant
    assert "rioters" in {t.term for t in state.terms}
    assert "protesters" in {t.term for t in witness.terms}
    assert "protesters" not in {t.term for t in state.terms}
    rioters = next(t for t in state.terms if t.term == "rioters")
    assert rioters.count == 8 and rioters.z >= 1.96
    assert all(t.z >= 1.96 for o in result.outlets for t in o.terms)


def test_phrases_and_corpus_prior() -> None:
    counts = {
        "a": Counter({"armed criminals": 5, "city": 3}),
        "b": Counter({"peaceful protesters": 5, "city": 3}),
    }
    prior = Counter({"city": 1000, "armed criminals": 1, "peaceful protesters": 1})
    terms = distinctive_terms(counts, prior=prior, settings=FramingSettings(min_z=1.0))
    assert [t.term for t in terms["a"]] == ["armed criminals"]
    assert [t.term for t in terms["b"]] == ["peaceful protesters"]
    counted = corpus_term_counts(_event().articles)
    assert counted["city hall"] == 2 and "the" not in counted and "the rioters" not in counted
    assert counted["armed"] == 1


def test_tiny_texts_are_not_significant() -> None:
    event = Event(
        id="e2",
        title="t",
        articles=(
            _article("a", "A", ("Rioters burned a car.",)),
            _article("b", "B", ("Protesters burned a car.",)),
        ),
    )
    result = analyse_framing(event)
    for outlet in result.outlets:
        assert outlet.terms == () and outlet.significant is False


def test_labels_on_aligned_sentence_pair() -> None:
    event = _event()
    texts = [list(a.paragraphs) for a in event.articles]
    alignment = Aligner(embedder=HashingEmbedder()).align(
        texts, ids=["a", "b"], groups=["State News", "Daily Witness"], granularity="sentence"
    )
    assert alignment.links, "the test texts must align"
    labels = find_labels(alignment, {"a": "State News", "b": "Daily Witness"})
    group = next(g for g in labels if "rioters" in g.spans)
    assert group.by_outlet["State News"][0] == "rioters"
    assert group.by_outlet["Daily Witness"][0] == "protesters"
    assert group.counts["State News"]["rioters"] >= 2
    assert group.referent in {"rioters", "protesters"}
    result = analyse_framing(event, sentence_alignment=alignment)
    assert result.labels == labels


def test_substitution_needs_matching_context() -> None:
    event = Event(
        id="e3",
        title="t",
        articles=(
            _article("a", "A", ("Police detained the terrorists near the square on Friday.",)),
            _article("b", "B", ("Police detained the demonstrators near the square on Friday.",)),
            _article("c", "C", ("Nothing in common with the others at all here today.",)),
        ),
    )
    forced = Alignment(  # a linked pair that differs in one word, and one that shares nothing
        ids=("a", "b", "c"),
        segments=tuple(a.paragraphs for a in event.articles),
        links=(
            Link(ParagraphRef("a", 0), ParagraphRef("b", 0), 0.9),
            Link(ParagraphRef("a", 0), ParagraphRef("c", 0), 0.9),
        ),
        units=(),
        granularity="sentence",
    )
    once = FramingSettings(label_min_mentions=1)
    labels = find_labels(forced, {"a": "A", "b": "B", "c": "C"}, settings=once)
    assert [(g.referent, g.spans) for g in labels] == [("demonstrators", ("demonstrators", "terrorists"))]
    assert find_labels(forced, {"a": "A", "b": "B", "c": "C"}) == ()  # one mention of each is too little by default


def test_frames_shares_sum_to_one_and_link_paragraphs() -> None:
    event = _event()
    embedder = HashingEmbedder()
    result = analyse_framing(
        event, paragraph_vectors=_vectors(event, embedder), embedder=embedder, settings=FramingSettings()
    )
    for outlet in result.outlets:
        assert set(outlet.frames) == set(FRAMES)
        assert sum(outlet.frames.values()) == pytest.approx(1.0)
        article = next(a for a in event.articles if a.outlet == outlet.outlet)
        linked = sorted(ref for refs in outlet.frame_paragraphs.values() for ref in refs)
        assert linked == [(article.id, i) for i in range(len(article.paragraphs))]
        for frame, refs in outlet.frame_paragraphs.items():
            assert outlet.frames[frame] == pytest.approx(len(refs) / len(article.paragraphs))


def test_frame_threshold_gives_other() -> None:
    embedder = HashingEmbedder()
    prototypes = frame_prototypes(embedder)
    assert prototypes.shape == (len(FRAMES) - 1, embedder.dimension)
    assert frame_prototypes(embedder) is prototypes  # cached per embedder name
    vectors = embedder.encode(["Share prices fell sharply and the currency lost value as investors pulled out."])
    assert assign_frames(vectors, prototypes, threshold=0.0) == ["economic"]
    assert assign_frames(vectors, prototypes, threshold=1.01) == ["other"]


def test_attribution_hedges_intensifiers() -> None:
    counts = attribution_counts(
        "He said it. She told reporters, according to the ministry. They denied it and warned that he claims more."
    )
    assert counts == {"according to": 1, "claimed": 1, "denied": 1, "said": 1, "told": 1, "warned": 1}
    result = analyse_framing(_event())
    state, witness = result.outlet("State News"), result.outlet("Daily Witness")
    assert state.attribution["said"] == 2 and state.attribution["claimed"] == 1
    assert state.attribution["insisted"] == 1 and state.attribution["according to"] == 1
    assert witness.attribution["told"] == 1
    assert witness.hedge_counts == {"it is not clear": 1, "may": 1, "reportedly": 1}
    assert witness.hedges == pytest.approx(3 * 1000 / witness.n_words)
    assert state.intensifier_counts == {"brutal": 1} and witness.intensifiers == 0.0


def test_headlines_and_json_shape() -> None:
    result = analyse_framing(_event())
    assert result.headlines == {
        "Daily Witness": ("Protesters rally against fuel prices",),
        "State News": ("Rioters storm city hall",),
    }
    data = json.loads(json.dumps(result.to_dict()))
    # "loaded" (the loaded word choices) was added beside "labels" in issue 14
    assert set(data) == {"State News", "Daily Witness", "labels", "loaded"}
    assert {"terms", "frames", "attribution"} <= set(data["State News"])
    assert {"term", "z", "count"} == set(data["State News"]["terms"][0])


def test_deterministic() -> None:
    event = _event()
    embedder = HashingEmbedder()
    alignment = Aligner(embedder=embedder).align(
        [list(a.paragraphs) for a in event.articles], ids=["a", "b"], groups=["x", "y"], granularity="sentence"
    )
    runs = [
        analyse_framing(
            event, paragraph_vectors=_vectors(event, embedder), sentence_alignment=alignment, embedder=embedder
        ).to_dict()
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


@pytest.mark.slow
def test_real_model_frames() -> None:
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.encode(
        [
            "Inflation rose to 9 percent and the central bank raised interest rates, as the currency fell against "
            "the dollar and companies warned of lower profits.",
            "Troops and armoured vehicles were deployed on the streets, and the army said soldiers had repelled "
            "attacks by armed militants on military bases.",
        ]
    )
    frames = assign_frames(vectors, frame_prototypes(embedder), threshold=FramingSettings().frame_threshold)
    assert frames == ["economic", "security and defense"]


def _forced(texts: dict[str, tuple[str, ...]], links: tuple[tuple[str, int, str, int], ...] = ()) -> Alignment:
    """A sentence alignment over ``texts`` (id -> sentences) with the given links (id a, sentence, id b, sentence)."""
    return Alignment(
        ids=tuple(texts),
        segments=tuple(texts.values()),
        links=tuple(Link(ParagraphRef(a, i), ParagraphRef(b, j), 0.9) for a, i, b, j in links),
        units=(),
        granularity="sentence",
    )


class _SynonymEmbedder:
    """One axis per word (summed over a text's words), plus one axis per group of ``synonyms`` shared by its words:
    two words of a group come out at cosine 0.5, any other two different words near 0."""

    name = "synonyms"

    def __init__(self, *synonyms: frozenset[str]) -> None:
        self.axis = {word: 1024 + k for k, group in enumerate(synonyms) for word in group}

    def encode(self, texts: Sequence[str], *, progress: object = None) -> np.ndarray:
        out = np.zeros((len(texts), 1024 + len(set(self.axis.values()))))
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % 1024] += 1.0
                if word in self.axis:
                    out[row, self.axis[word]] += 1.0
        out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
        return out


TRUMP = {
    "a": (
        "President Donald Trump arrived in Seoul on Tuesday.",
        "The president said the summit went well.",
        "Later the president praised President Trump's hosts.",
    ),
    "b": ("Trump arrived in Seoul on Tuesday.", "Trump said the summit went well, adding that Trump was glad."),
}
"""One person named three ways by outlet A (full name, title, titled surname) and one way by outlet B."""


def test_titles_and_aliases_join_names_and_descriptions() -> None:
    alignment = _forced(TRUMP)
    labels = find_labels(alignment, {"a": "A", "b": "B"})
    group = next(g for g in labels if "trump" in g.spans)
    assert group.referent == "trump"
    assert {"president", "donald trump", "president trump", "trump"} <= set(group.spans)
    assert group.by_outlet["B"] == ("trump",) and group.counts["B"]["trump"] == 3
    assert group.counts["A"]["president"] == 3  # "President" opening a sentence is the title, not a name
    assert "seoul" not in group.spans and "summit" not in group.spans
    assert not any("arrived" in span or "said" in span for g in labels for span in g.spans)


def test_incompatible_names_stay_apart() -> None:
    alignment = _forced(
        {
            "a": ("North Korea and South Korea held talks.", "North Korea sent envoys, and South Korea hosted them."),
            "b": ("Korea held talks.", "The North sent envoys to Korea."),
        }
    )
    for group in find_labels(alignment, {"a": "A", "b": "B"}):
        assert not {"north korea", "south korea"} <= set(group.spans)


def test_context_pairs_from_aligned_sentences() -> None:
    texts = {
        "a": (
            "Rioters stormed the city hall near the airport while police watched.",
            "Later rioters set fire to the cars near the airport as police left.",
        ),
        "b": (
            "Protesters entered the city hall near the airport as officers looked on and the cars burned.",
            "Later protesters gathered by the cars near the airport where officers retreated.",
        ),
    }
    links = (("a", 0, "b", 0), ("a", 1, "b", 1))
    # rioters and protesters are people (ACTOR prototypes) and alike; cars and the airport alike, but no actors
    embedder = _SynonymEmbedder(frozenset({"rioters", "protesters", "people"}), frozenset({"cars", "airport"}))
    labels = find_labels(_forced(texts, links), {"a": "State", "b": "Witness"}, embedder=embedder)
    group = next(g for g in labels if "rioters" in g.spans)
    assert group.by_outlet == {"State": ("rioters",), "Witness": ("protesters",)}
    assert group.examples and group.examples[0][0] == texts["a"][0]
    assert not any({"cars", "airport"} <= set(g.spans) for g in labels)  # both outlets use both: two things
    strict = FramingSettings(label_context_pairs=3)  # seen in two linked pairs only
    labels = find_labels(_forced(texts, links), {"a": "State", "b": "Witness"}, embedder=embedder, settings=strict)
    assert not any("rioters" in g.spans for g in labels)
    without = find_labels(_forced(texts, links), {"a": "State", "b": "Witness"})  # no embedder, no pairing
    assert not any("rioters" in g.spans for g in without)


def test_analyse_framing_passes_the_embedder_to_labels() -> None:
    event = Event(
        id="e4",
        title="t",
        articles=(
            _article("a", "State", ("Rioters stormed the hall while police watched.", "Rioters burned cars.")),
            _article("b", "Witness", ("Protesters entered the hall as officers looked on.", "Protesters burned cars.")),
        ),
    )
    alignment = _forced({"a": event.articles[0].paragraphs, "b": event.articles[1].paragraphs}, (("a", 0, "b", 0),))
    embedder = _SynonymEmbedder(frozenset({"rioters", "protesters", "people"}))
    settings = FramingSettings(label_context_pairs=1)
    result = analyse_framing(event, sentence_alignment=alignment, embedder=embedder, settings=settings)
    assert result.labels == find_labels(alignment, {"a": "State", "b": "Witness"}, embedder=embedder, settings=settings)
    assert any(g.by_outlet.get("State") == ("rioters",) for g in result.labels)


def test_normalised_labels() -> None:
    assert _normalise_label("the Mr. Trump's") == "trump"
    assert _normalise_label("a migrant caravan") == "migrant caravan"
    assert _normalise_label("Kim Jong - un") == "kim jong-un"


def test_label_groups_point_to_the_paragraphs_that_use_each_label() -> None:
    from dataclasses import replace

    alignment = _forced(TRUMP)
    # sentences 0 and 1 of "a" come from its paragraph 0, sentence 2 from paragraph 3; "b" has one per paragraph
    alignment = replace(alignment, parents=((0, 0, 3), (0, 1)))
    group = next(g for g in find_labels(alignment, {"a": "A", "b": "B"}) if "trump" in g.spans)
    assert group.where["B"]["trump"] == (ParagraphRef("b", 0), ParagraphRef("b", 1))
    assert group.where["A"]["president"] == (ParagraphRef("a", 0), ParagraphRef("a", 3))
    for outlet, labels in group.by_outlet.items():
        assert set(group.where[outlet]) == set(labels)  # every label shown has its evidence
    shape = EventFraming(event="E1", outlets=(), labels=(group,)).to_dict()["labels"][0]["where"]
    assert shape["B"]["trump"] == [["b", 0], ["b", 1]]


def test_terms_leave_out_weekdays_months_numbers_and_names() -> None:
    text = "On Monday in January, Tokayev said twelve rioters and dozens of rioters were held. Rioters, Tokayev said."
    grams = set(_ngrams(text, 3, _stop_words(), name_words([text])))
    assert "rioters" in grams
    assert not grams & {"monday", "january", "tokayev", "twelve", "twelve rioters", "dozens"}
    assert name_words(["Police said. Police in Almaty said almaty was calm; Almaty."]) == frozenset({"almaty"})


def test_loaded_terms_combine_substitutions_and_lexicons_in_their_sentence() -> None:
    alignment = _forced(
        {
            "a": (
                "Police said the rioters were armed, the ministry claimed on Wednesday.",
                "The terrorists burned the city hall.",
            ),
            "b": (
                "Police said the protesters were armed, the ministry said on Wednesday.",
                "Crowds gathered near the city hall.",
            ),
        },
        links=(("a", 0, "b", 0),),
    )
    loaded = find_loaded_terms(alignment, {"a": "State News", "b": "Daily Witness"})
    state = {t.term: t for t in loaded if t.outlet == "State News"}
    assert state["rioters"].instead == (("Daily Witness", "protesters"),)
    assert state["rioters"].sentence.startswith("Police said the rioters")
    assert "report verb" in state["claimed"].cues
    assert "lexicon" in state["terrorists"].cues and state["terrorists"].valence < 0
    assert all(t.term not in {"wednesday", "police"} for t in loaded)


def test_baseline_is_scored_at_the_length_of_the_flagged_list() -> None:
    gold = gold_words([{"A": ["rioters", "city"], "B": ["protesters", "city"]}])
    assert gold == {"A": {"rioter"}, "B": {"protester"}}
    ranked = frequency_ratio_words({"A": "city city rioters hall", "B": "city protesters hall"})
    ours, base = score_words({"A": ["rioter"], "B": ["protester", "hall"]}, ranked, gold)
    assert (ours.hits, ours.flagged, ours.found, ours.gold) == (2, 3, 2, 2)
    assert base.flagged == 3


def test_a_corrected_name_joins_the_two_labels() -> None:
    texts = {
        "a": ("The minister said these were not dock workers but provocateurs.", "The provocateurs burned a depot."),
        "b": ("Dock workers marched to the port.", "The dock workers met tear gas."),
        "c": ("The state will not bow to violence, but no honest worker is a criminal.",),
    }
    labels = find_labels(_forced(texts), {"a": "State", "b": "Witness", "c": "Herald"})
    group = next(g for g in labels if "provocateurs" in g.spans)
    assert "workers" in group.spans and group.by_outlet["Witness"] == ("workers",)
    assert not any({"violence", "honest worker"} <= set(g.spans) for g in labels)


def test_the_cast_joins_plural_people_that_play_one_part_and_keeps_parties_apart() -> None:
    texts = {
        "a": ("Rioters pelted police with stones near the port.", "Later rioters looted shops."),
        "b": ("Protesters threw stones at police outside the hall.", "Police fired tear gas as protesters approached."),
    }
    people = frozenset({"rioters", "protesters", "police", "people", "persons"})
    embedder = _SynonymEmbedder(people)
    settings = FramingSettings(label_cast_similarity=0.45)
    labels = find_labels(_forced(texts), {"a": "State", "b": "Witness"}, embedder=embedder, settings=settings)
    group = next(g for g in labels if "rioters" in g.spans)
    assert group.by_outlet == {"State": ("rioters",), "Witness": ("protesters",)}
    assert "police" not in group.spans  # shares a sentence with both: the other party
    off = FramingSettings(label_cast_similarity=0.45, label_cast_shared=0)
    labels = find_labels(_forced(texts), {"a": "State", "b": "Witness"}, embedder=embedder, settings=off)
    assert not any("rioters" in g.spans for g in labels)


def test_counts_are_no_part_of_a_label() -> None:
    texts = {"a": ("Sixteen police officers were hurt.", "Police officers guarded the port.")}
    texts["b"] = ("Police officers were hurt.", "Sixteen guards were at the port.")
    labels = find_labels(_forced(texts), {"a": "A", "b": "B"})
    assert not any(span.startswith("sixteen") for g in labels for span in g.spans)


def test_a_lexicon_word_whose_sense_other_outlets_write_is_no_choice() -> None:
    alignment = _forced({"a": ("Three people died in the blast.",), "b": ("Three people were killed in the blast.",)})
    outlets = {"a": "A", "b": "B"}
    plain = {t.term for t in find_loaded_terms(alignment, outlets)}
    assert {"died", "killed"} <= plain
    embedder = _SynonymEmbedder(frozenset({"died", "killed"}))
    settings = FramingSettings(loaded_synonym=0.45)
    shared = {t.term for t in find_loaded_terms(alignment, outlets, embedder=embedder, settings=settings)}
    assert not {"died", "killed"} & shared


# Label groups hold one actor each (issue 14): the rules below each undo a merge seen in real output.


def _spans_of(labels: Sequence[object]) -> list[set[str]]:
    return [set(g.spans) for g in labels]  # type: ignore[attr-defined]


def test_a_modifier_cut_off_before_a_unit_of_time_or_of_is_no_label() -> None:
    from coverage.analysis.framing.names import _cased_tokens, _Lexicon, _mentions

    sentences = (
        "Monday was declared a national day of mourning in the country.",
        "A state of emergency is in force, and 18 members of the security forces died.",
        "Foreign embassies told their nationals to stay indoors.",
    )
    lexicon = _Lexicon(_cased_tokens(s) for s in sentences)
    found = {" ".join(words).lower() for _, _, words, _, _ in _mentions((sentences,), lexicon, FramingSettings())}
    assert {"security forces", "nationals"} <= found
    assert not found & {"national", "state", "members"}


def test_only_the_word_before_a_person_is_a_title_and_an_organisation_has_none() -> None:
    texts = {
        "a": (
            "Interior Minister Lena Vorgat visited the port on Monday.",
            "Interior Minister Lena Vorgat said the interior was calm.",
            "The National Security Committee met, and the committee said the national mood was calm.",
        ),
        "b": (
            "The minister, Vorgat, visited the port on Monday.",
            "Vorgat said the interior of the country was calm.",
            "The National Security Committee met, and the committee said the national mood was calm.",
        ),
    }
    once = FramingSettings(label_min_mentions=1)
    for spans in _spans_of(find_labels(_forced(texts), {"a": "A", "b": "B"}, settings=once)):
        assert not ("interior" in spans and "vorgat" in spans)
        assert "national" not in spans


def _labels_of(texts: dict[str, tuple[str, ...]]) -> dict[str, object]:
    from coverage.analysis.framing.labels import _collect_labels

    alignment = _forced(texts)
    labels, _, _ = _collect_labels(alignment, list(alignment.ids), FramingSettings(), _stop_words())
    return dict(labels)


def test_an_affiliation_before_a_title_is_no_alias_of_the_person() -> None:
    from coverage.analysis.framing.names import _alias

    labels: dict[str, Any] = _labels_of(
        {"a": ("FBI Director James Comey testified.", "The FBI said the former director erred.", "Comey smiled.")}
    )
    person = labels["fbi director james comey"]
    assert _alias(labels["comey"], person)  # the person's own name ...
    assert not _alias(labels["fbi"], person)  # ... but not the body before his title


def test_unmatched_descriptions_pair_only_when_they_fill_one_slot() -> None:
    embedder = _SynonymEmbedder(frozenset({"criminals", "officers", "people"}))  # "armed criminals" / "police
    # officers": cosine 1/3, people both
    once = FramingSettings(label_min_mentions=1, label_context_pairs=1, label_context_similarity=0.3)
    two = {
        "a": ("The ministry said armed criminals had been killed in the north.",),
        "b": ("The ministry said police officers and guards had been killed in the north.",),
    }
    groups = find_labels(_forced(two, (("a", 0, "b", 0),)), {"a": "A", "b": "B"}, embedder=embedder, settings=once)
    assert not any({"armed criminals", "police officers"} <= spans for spans in _spans_of(groups))
    one = {  # the same gap, but now side b names one group only: one slot, the pair counts
        "a": ("Yesterday the ministry said armed criminals had been killed in the north.",),
        "b": ("The ministry said separately police officers had been killed in the north.",),
    }
    groups = find_labels(_forced(one, (("a", 0, "b", 0),)), {"a": "A", "b": "B"}, embedder=embedder, settings=once)
    assert any({"armed criminals", "police officers"} <= spans for spans in _spans_of(groups))


def test_descriptions_that_name_no_actor_join_nothing() -> None:
    texts = {
        "a": ("Police gave no details about the raid.", "Police arrested the rioters near the port."),
        "b": ("Police gave no figures about the raid.", "Police arrested the protesters near the port."),
    }
    links = (("a", 0, "b", 0), ("a", 1, "b", 1))
    once = FramingSettings(label_min_mentions=1)
    plain = _spans_of(find_labels(_forced(texts, links), {"a": "A", "b": "B"}, settings=once))
    assert {"details", "figures"} in plain  # a substitution, and no embedder to say what the words name
    embedder = _SynonymEmbedder(frozenset({"details", "figures"}), frozenset({"rioters", "protesters", "people"}))
    spans = _spans_of(find_labels(_forced(texts, links), {"a": "A", "b": "B"}, embedder=embedder, settings=once))
    assert {"rioters", "protesters"} in spans  # people
    assert not any({"details", "figures"} <= s for s in spans)  # things


def test_a_sentence_repeated_by_a_copy_is_one_piece_of_evidence() -> None:
    texts = {
        "a": ("Rioters stormed the hall near the port.", "Later rioters burned the depot by the river."),
        "b": (
            "Yesterday protesters stormed the hall near the port.",
            "Later protesters burned the depot by the river.",
        ),
        "c": ("Yesterday protesters stormed the hall near the port.",),  # a copy of b's first sentence
    }
    embedder = _SynonymEmbedder(frozenset({"rioters", "protesters", "people"}))
    settings = FramingSettings(label_min_mentions=1, label_cast_shared=0)
    outlets = {"a": "A", "b": "B", "c": "C"}
    copied = _forced(texts, (("a", 0, "b", 0), ("a", 0, "c", 0)))
    assert not any(
        {"rioters", "protesters"} <= s
        for s in _spans_of(find_labels(copied, outlets, embedder=embedder, settings=settings))
    )
    distinct = _forced(texts, (("a", 0, "b", 0), ("a", 1, "b", 1)))
    assert any(
        {"rioters", "protesters"} <= s
        for s in _spans_of(find_labels(distinct, outlets, embedder=embedder, settings=settings))
    )


def test_label_purity_and_recall_against_gold_chains() -> None:
    from coverage.evaluation.labels import gold_from_groups, score_labels
    from coverage.model.framing import LabelGroup

    gold = gold_from_groups(
        [
            ("crowd", {"A": ["the protesters"], "B": ["rioters", "armed gangs"]}),
            ("police", {"A": ["police officers"], "B": ["the police"]}),
        ]
    )
    right = LabelGroup("protesters", {"A": ("protesters",), "B": ("rioters", "gangs")}, {})
    mixed = LabelGroup("police", {"A": ("police officers",), "B": ("rioters", "guards")}, {})
    scores = score_labels((right, mixed), gold)
    assert (scores.right, scores.wrong, scores.unjudged) == (3, 1, 2)  # "guards": no gold string, unjudged
    assert (scores.pure, scores.mixed) == (1, 1)
    # gold pairs: protesters/rioters, protesters/armed gangs, police officers/police; two found ("gangs" ends
    # "armed gangs")
    assert (scores.found_pairs, scores.gold_pairs, scores.found_chains, scores.gold_chains) == (2, 3, 1, 2)


def test_a_contrast_of_two_things_is_no_correction_of_a_name() -> None:
    texts = {
        "a": ("Fans should judge her movies rather than her personal life.", "Her movies sold well."),
        "b": ("Critics wrote about her personal life.", "Her personal life made headlines."),
    }
    once = FramingSettings(label_min_mentions=1)
    plain = _spans_of(find_labels(_forced(texts), {"a": "A", "b": "B"}, settings=once))
    assert any({"movies", "personal life"} <= s for s in plain)  # no embedder: read as a correction
    embedder = _SynonymEmbedder(frozenset({"movies", "life"}))  # alike, but no actors
    spans = _spans_of(find_labels(_forced(texts), {"a": "A", "b": "B"}, embedder=embedder, settings=once))
    assert not any({"movies", "personal life"} <= s for s in spans)
