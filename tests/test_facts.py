from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from coverage import Aligner, Article
from coverage.analysis.facts import build_facts, is_statement, omission_context, position_of
from coverage.settings import AlignmentSettings, FactSettings


def art(id_: str, outlet: str, paragraphs: tuple[str, ...], title: str = "A title", published: date | None = None):
    return Article(id=id_, path=id_, outlet=outlet, title=title, paragraphs=paragraphs, published=published)


def test_position_of_a_sentence() -> None:
    article = art("a", "X", ("p0", "p1", "p2", "p3"), title="Troops arrive in Almaty")
    settings = FactSettings()
    assert position_of(article, 2, "Russian troops arrive in Almaty on Thursday.", settings) == "headline"
    assert position_of(article, 0, "Something else.", settings) == "lead"
    assert position_of(article, 1, "Something else.", settings) == "upper"
    assert position_of(article, 3, "Something else.", settings) == "lower"


def test_facts_from_a_sentence_alignment_with_evidence_and_omissions() -> None:
    toll, arrests, troops, weather = np.eye(4, dtype=np.float32)
    a = art("a", "A", ("The toll is 164. Police arrested 6,000.", "Troops arrived."))
    b = art("b", "B", ("Troops came. The toll rose to 164.",))
    c = art("c", "C", ("Some 6,000 were detained. It was cold.",))
    vectors = [np.stack([toll, arrests, troops]), np.stack([troops, toll]), np.stack([arrests, weather])]
    alignment = Aligner(AlignmentSettings()).align(
        [x.paragraphs for x in (a, b, c)],
        embeddings=vectors,
        ids=["a", "b", "c"],
        groups=["A", "B", "C"],
        granularity="sentence",
    )
    facts = build_facts([a, b, c], alignment, prefix="E1-")
    by_text = {f.text: f for f in facts}
    toll_fact = next(f for f in facts if "164" in f.text)
    assert toll_fact.outlets == ("A", "B") and toll_fact.missing == ("C",)
    assert {(e.outlet, e.paragraph, e.sentence) for e in toll_fact.evidence} == {
        ("A", 0, "The toll is 164."),
        ("B", 0, "The toll rose to 164."),
    }
    troops_fact = next(f for f in facts if f.text.startswith("Troops"))
    assert {(e.outlet, e.paragraph) for e in troops_fact.evidence} == {("A", 1), ("B", 0)}
    assert by_text["It was cold."].kind == "exclusive"
    assert [f.id for f in facts][:1] == ["E1-f1"]
    assert len({f.id for f in facts}) == len(facts)


def test_omission_context_flags_early_and_short_articles() -> None:
    long_text = tuple(f"Paragraph {i} with several words in it to count." for i in range(10))
    articles = [
        art("a", "Early", long_text, published=date(2022, 1, 6)),
        art("b", "Mid", long_text, published=date(2022, 1, 9)),
        art("c", "Late", long_text, published=date(2022, 1, 10)),
        art("d", "Short", long_text[:2], published=date(2022, 1, 10)),
    ]
    notes = omission_context(articles, FactSettings())
    assert "4 days before" in notes["Early"]
    assert "words against a median" in notes["Short"]
    assert "Mid" not in notes and "Late" not in notes


def test_a_wire_copy_neither_counts_among_the_others_nor_has_omissions_of_its_own() -> None:
    from coverage.model import Copy, Event, Fact, FactEvidence, OutletCheck, Verdict

    articles = tuple(art(x, x.upper(), ("Text.",)) for x in "abcde")  # E republishes D
    evidence = tuple(FactEvidence(o, o.lower(), 0, "Text.", "lead") for o in "ABD")
    checks = tuple(OutletCheck(o, Verdict.OMITS, 1.0, 0.1, 0.0, None) for o in "CE")
    fact = Fact("E1-f1", "Text.", ("A", "B", "D"), ("C", "E"), evidence, checks)
    copy = Copy(article="e", source="d", shared=1.0, added=(), cut=())
    plain = Event("E1", "t", articles, facts=(fact,))
    copied = Event("E1", "t", articles, copies=(copy,), facts=(fact,))
    assert copied.copy_outlets == {"E"} and plain.copy_outlets == set()
    assert copied.omitted_facts("E") == [] and plain.omitted_facts("E") == [fact]
    # three of four others state it, with or without the copy among the others
    assert copied.omitted_facts("C", majority=0.75) == [fact]
    assert plain.omitted_facts("C", majority=0.75) == [fact]
    # four of the five others would be needed if the copy counted as an outlet of its own
    assert copied.omitted_facts("C", majority=1.0) == [fact]
    assert plain.omitted_facts("C", majority=1.0) == []


def test_the_markdown_report_sends_a_copy_s_reader_to_its_source() -> None:
    from coverage.model import Copy, Event, Fact, FactEvidence
    from coverage.report.markdown import render_event_markdown

    articles = (art("d", "Wire", ("Text.",)), art("e", "Herald", ("Text.",)), art("f", "Post", ("Other.",)))
    evidence = tuple(FactEvidence(o, a, 0, "Text.", "lead") for o, a in (("Herald", "e"), ("Wire", "d")))
    fact = Fact("E1-f1", "Text.", ("Herald", "Wire"), ("Post",), evidence)
    copy = Copy(article="e", source="d", shared=1.0, added=(), cut=())
    event = Event("E1", "t", articles, copies=(copy,), facts=(fact,))
    text = render_event_markdown(event)
    herald = text.split("### Herald", 1)[1].split("###", 1)[0]
    assert "Republishes Wire: its omissions are the source's, listed there." in herald
    assert "No verified omission" not in herald
    # stated by the wire story and its copy only: one outlet's fact, not one that several state
    assert "0 stated by every outlet, 0 by several, 1 by one" in text
    assert "0 by several" not in render_event_markdown(replace(event, copies=()))


def test_a_sentence_that_only_ends_a_quotation_joins_the_fact_of_the_sentence_that_opens_it() -> None:
    stable, gone, other = np.eye(3, dtype=np.float32)
    a = art("a", "A", ('"Investors priced it as the stable one. That assumption has gone." Others disagreed.',))
    b = art("b", "B", ("Investors saw it as the stable one.",))
    alignment = Aligner(AlignmentSettings()).align(
        [x.paragraphs for x in (a, b)],
        embeddings=[np.stack([stable, gone, other]), np.stack([stable])],
        ids=["a", "b"],
        groups=["A", "B"],
        granularity="sentence",
    )
    facts = build_facts([a, b], alignment)
    assert not any(f.text.startswith("That assumption") for f in facts)
    quoted = next(f for f in facts if f.outlets == ("A", "B"))
    assert [e.sentence for e in quoted.evidence if e.outlet == "A"] == [
        '"Investors priced it as the stable one.',
        'That assumption has gone."',
    ]
    assert any(f.text == "Others disagreed." for f in facts)  # after the quotation: a sentence of its own


@pytest.mark.parametrize(
    ("sentence", "statement"),
    [
        ("Have you felt any aftershocks?", False),
        ("Mar 1 2012, 2:35am CET", False),
        ("That's where SeaMicro came in.", False),
        ("So there's some public relations fun in that.", False),
        ("There were no reports of injuries.", True),
        ("So far no injuries were reported.", True),
        ('"Where was the help?" asked the mayor.', True),
        ("Two aftershocks, magnitude 2.9 and 2.2, followed on March 14.", True),
        ("In a statement released by the team, General Manager A.J.", False),
        ("The award was presented by Sen.", False),
        ("The company will sell the phone in the U.S.", True),
    ],
)
def test_questions_datelines_and_fragments_that_point_back_are_not_statements(sentence: str, statement: bool) -> None:
    assert is_statement(sentence) is statement


def test_a_question_is_no_fact_and_no_omission() -> None:
    felt, toll = np.eye(2, dtype=np.float32)
    a = art("a", "A", ("Did you feel the quake? The toll is 3.",))
    b = art("b", "B", ("Did you feel the quake? Three died.",))
    c = art("c", "C", ("Three people died.",))
    vectors = [np.stack([felt, toll]), np.stack([felt, toll]), np.stack([toll])]
    alignment = Aligner(AlignmentSettings()).align(
        [x.paragraphs for x in (a, b, c)],
        embeddings=vectors,
        ids=["a", "b", "c"],
        groups=["A", "B", "C"],
        granularity="sentence",
    )
    facts = build_facts([a, b, c], alignment)
    assert not any("?" in e.sentence for f in facts for e in f.evidence)
    assert all("C" not in f.missing or "?" not in f.text for f in facts)
    assert any(f.outlets == ("A", "B", "C") for f in facts)
