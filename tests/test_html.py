"""The HTML report: every claim on the page, escaped text, a policy that forbids remote loads, paragraphs from 1."""

from __future__ import annotations

import base64
import hashlib
import re
from datetime import date
from pathlib import Path

import pytest

from coverage import HashingEmbedder, Settings, compare
from coverage.model import Article, Comparison, Corpus, Event, Fact, FactEvidence, OutletCheck, Verdict
from coverage.model.corpus import Skipped, SkipReason
from coverage.report.html import event_page, event_path, index_page, write_html

HOSTILE = '<script>alert(1)</script> "quoted" & <img src=x onerror=alert(2)> [b]x[/b]'
PARAGRAPHS = {
    "a": ("Troops arrived in Almaty on Thursday.", "The toll rose to 164 people. " + HOSTILE),
    "b": ("Russian-led troops arrived in Almaty.", "Officials counted 160 dead.", "Banks reopened on Monday."),
    "c": ("Internet access was cut for a week.",),
}


def _article(key: str, outlet: str, title: str, day: int) -> Article:
    return Article(
        id=f"{key}.txt",
        path=f"{outlet.lower().replace(' ', '-')}/{key}.txt",
        outlet=outlet,
        title=title,
        paragraphs=PARAGRAPHS[key],
        published=date(2022, 1, day),
        url="javascript:alert(3)" if key == "c" else f"https://example.org/{key}",
    )


def _evidence(article: str, outlet: str, paragraph: int, sentence: str, verified: bool = False) -> FactEvidence:
    return FactEvidence(outlet, article, paragraph, sentence, "lead" if paragraph == 0 else "upper", verified)


@pytest.fixture
def event() -> Event:
    articles = (
        _article("a", "Alpha <Post>", "Troops " + HOSTILE, 9),
        _article("b", "Beta", "Troops arrive", 10),
        _article("c", "Gamma", "Internet cut", 11),
    )
    closest = _evidence("c.txt", "Gamma", 0, "Internet access was cut for a week.", verified=True)
    facts = (
        Fact(
            "E1-f1",
            "Troops arrived in Almaty.",
            ("Alpha <Post>", "Beta"),
            ("Gamma",),
            (
                _evidence("a.txt", "Alpha <Post>", 0, "Troops arrived in Almaty on Thursday."),
                _evidence("b.txt", "Beta", 0, "Russian-led troops arrived in Almaty."),
            ),
            (OutletCheck("Gamma", Verdict.OMITS, 0.91, 0.31, 0.12, closest),),
        ),
        Fact(
            "E1-f2",
            "The toll rose to 164 people.",
            ("Alpha <Post>",),
            (),
            (_evidence("a.txt", "Alpha <Post>", 1, "The toll rose to 164 people."),),
            (
                OutletCheck(
                    "Beta",
                    Verdict.DIFFERENT,
                    0.8,
                    0.7,
                    0.6,
                    _evidence("b.txt", "Beta", 1, "Officials counted 160 dead."),
                    note="another figure: 160",
                ),
                OutletCheck("Gamma", Verdict.UNCLEAR, 0.2, 0.5, 0.4, None),
            ),
        ),
        Fact(
            "E1-f3",
            "Banks reopened on Monday.",
            ("Beta",),
            ("Alpha <Post>", "Gamma"),
            (_evidence("b.txt", "Beta", 2, "Banks reopened on Monday."),),
            (
                OutletCheck("Alpha <Post>", Verdict.OMITS, 0.9, 0.2, 0.0, None),
                OutletCheck("Gamma", Verdict.OMITS, 0.95, 0.1, 0.0, None),
            ),
        ),
    )
    return Event("E1", "Troops " + HOSTILE, articles, facts=facts, omissions={"Gamma": ("E1-f1",)})


def test_every_fact_row_and_verdict_cell(event: Event) -> None:
    page = event_page(event)
    assert len(re.findall(r'<tr id="row-f\d+" class="fact-row">', page)) == len(event.facts)
    cells = re.findall(r'<td class="v (\w+)"><a href="#(f\d-o\d)" aria-label="([^"]+)">', page)
    assert len(cells) == len(event.facts) * len(event.outlets)
    expected = {
        ("f1-o1", "states"),
        ("f1-o2", "states"),
        ("f1-o3", "omits"),
        ("f2-o1", "states"),
        ("f2-o2", "states differently"),
        ("f2-o3", "unclear"),
        ("f3-o1", "omits"),
        ("f3-o2", "states"),
        ("f3-o3", "omits"),
    }
    assert {(cell, label) for _, cell, label in cells} == expected
    for _, cell, _ in cells:  # every cell links to its evidence
        assert f'<li id="{cell}"' in page


def test_omission_shows_the_closest_sentence_and_its_scores(event: Event) -> None:
    page = event_page(event)
    omitted = page.split('<ul class="evidence omitted">', 1)[1].split("</ul>", 1)[0]
    assert "Troops arrived in Almaty." in omitted
    assert '<q class="sentence">Internet access was cut for a week.</q>' in omitted
    assert 'href="#a3-p1">¶1</a>' in omitted  # paragraph 0 is read as ¶1
    assert "confidence 0.91, similarity 0.31, shares 12% of its words" in omitted
    item = page.split('<li id="f2-o2"', 1)[1].split("</li>", 1)[0]
    assert "states differently" in item and "Officials counted 160 dead." in item and "another figure: 160" in item


def test_exclusive_facts_are_those_every_other_outlet_omits(event: Event) -> None:
    exclusive = event_page(event).split('<ul class="evidence exclusive">', 1)[1].split("</ul>", 1)[0]
    assert "Banks reopened on Monday." in exclusive and "Troops arrived" not in exclusive
    assert "Only Beta states 1 fact" in event_page(event)
    assert '<ul class="evidence exclusive">' not in event_page(event, exclusive_confidence=0.99)


def test_article_text_is_escaped_and_only_our_script_runs(event: Event) -> None:
    page = event_page(event)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Alpha &lt;Post&gt;" in page
    assert page.count("<script>") == 1
    assert "javascript:" not in page  # an article URL that is not http(s) is not linked
    assert 'href="https://example.org/a"' in page


def test_content_security_policy_allows_only_the_inline_style_and_script(event: Event) -> None:
    page = event_page(event)
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert policy is not None
    rules = dict(rule.strip().split(" ", 1) for rule in policy.group(1).replace("&#x27;", "'").split(";"))
    assert rules["default-src"] == "'none'"
    script = page.split("<script>", 1)[1].split("</script>", 1)[0]
    style = page.split("<style>", 1)[1].split("</style>", 1)[0]
    for text, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert rules[directive] == f"'sha256-{digest}'"
    assert not re.search(r'\b(src|href)="(https?:)?//', page.replace('href="https://example.org/', ""))
    assert ' style="' not in page  # inline style attributes would need 'unsafe-inline'


def test_paragraphs_are_numbered_from_1(event: Event) -> None:
    page = event_page(event)
    assert '<li id="a1-p1" class="p" value="1">' in page or '<li id="a1-p1" class="p linked" value="1">' in page
    assert 'id="a2-p3"' in page and 'id="a2-p0"' not in page
    assert "numbered from 1" in page


def test_index_lists_every_event_with_its_counts(event: Event, tmp_path: Path) -> None:
    corpus = Corpus(tmp_path, 4, event.articles, (Skipped("bad.json", SkipReason.INVALID_JSON, "<x>"),))
    comparison = Comparison(corpus, (event,), "hashing")
    page = index_page(comparison)
    assert f'href="{event_path(event)}"' in page
    row = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert 'data-outlets="Alpha &lt;Post&gt;\x1fBeta\x1fGamma"' in row
    assert "2022-01-09 – 2022-01-11" in row
    assert "&lt;x&gt;" in page and "<x>" not in page


def test_write_html_is_deterministic_and_complete(write, tmp_path: Path) -> None:
    corpus = write(
        {
            "alpha/a.txt": "Unrest\n\nThe interior ministry said 5,800 people had been detained in Almaty.\n\n"
            + HOSTILE,
            "beta/b.txt": "Unrest too\n\nThe interior ministry said 5,800 people had been detained in Almaty.",
        }
    )
    settings = Settings().replace(embedding={"cache": False}, events={"threshold": 0.05})
    result = compare(corpus, settings, embedder=HashingEmbedder())
    first = write_html(result, tmp_path / "one")
    second = write_html(result, tmp_path / "two")
    assert [p.name for p in first] == ["index.html", *(event_path(e) for e in result.events)]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(p.name for p in first)
