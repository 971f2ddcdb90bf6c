from __future__ import annotations

from pathlib import Path

import pytest

from coverage.settings import IngestSettings
from coverage.text.cleaning import clean_text, find_template_lines, split_paragraphs, split_sentences, strip_control

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_50badfb87c9a4047.txt"

BODY = (
    "Police in Almaty said on Sunday that order had been restored after a week of unrest.\n\n"
    "The interior ministry said 5,800 people had been detained across the country."
)


def test_photo_caption_printed_twice_with_credit_line_is_removed() -> None:
    text = (
        "Riot police stand guard in Almaty's main square on Friday.\n\n\n"
        "© Pavel Mikheyev / Reuters\n"
        "Riot police stand guard in Almaty's main square on Friday.\n\n" + BODY
    )
    cleaned = clean_text(text)
    assert "Riot police stand guard" not in cleaned
    assert "©" not in cleaned
    assert cleaned.startswith("Police in Almaty said")


def test_also_on_teaser_and_its_headline_are_removed() -> None:
    text = BODY + "\n\nALSO ON MSN – Kazakhstan: troops complete deployment\n\nKazakhstan: troops complete deployment\n"
    cleaned = clean_text(text)
    assert "ALSO ON" not in cleaned
    assert "troops complete deployment" not in cleaned
    assert "5,800 people" in cleaned


def test_suggested_videos_block_and_everything_after_it_is_cut() -> None:
    text = BODY + "\n\nSuggested videos\n\n  • Ukraine: talks continue\n\n    Le Figaro logo\n\nMore article-like text."
    cleaned = clean_text(text)
    assert "Suggested videos" not in cleaned
    assert "Ukraine" not in cleaned and "More article-like text" not in cleaned


def test_logo_next_video_comment_lines_and_spam_notice_are_removed() -> None:
    text = (
        "Le Figaro logo\n\n" + BODY + "\n\nNEXT VIDEO\n\nNEXT VIDEO\n\nLeave a Comment\n\n"
        "This site uses Akismet to reduce spam. Learn how your comment data is processed.\n"
    )
    cleaned = clean_text(text)
    for junk in ("logo", "NEXT VIDEO", "Leave a Comment", "Akismet"):
        assert junk not in cleaned
    assert cleaned == BODY


def test_template_lines_repeated_across_an_outlets_articles() -> None:
    footer = "Sign in to get the Daily Brief, our morning newsletter, free"
    texts = [f"Story number {i} about something else entirely.\n\n{footer}" for i in range(4)]
    templates = find_template_lines(texts, IngestSettings())
    assert footer.casefold() in templates
    assert not any(line.startswith("story number") for line in templates)
    assert footer not in clean_text(texts[0], drop_lines=templates)
    # Two articles are too few to call a line a template.
    assert find_template_lines(texts[:2], IngestSettings()) == set()


def test_seed_article_is_cleaned_of_all_its_junk() -> None:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    cleaned = clean_text(SEED.read_text(encoding="utf-8"))
    for junk in (
        "©",
        "ALSO ON",
        "Suggested videos",
        "Le Figaro logo",
        "NEXT VIDEO",
        "Leave a Comment",
        "Akismet",
        "Roger Milla",
        "In Almaty, the economic capital of Kazakhstan, on Thursday.",
    ):
        assert junk not in cleaned, junk
    assert "At least 164 dead" in cleaned
    assert "Sergei Riabkov" in cleaned


def test_control_characters_and_escape_sequences_are_stripped() -> None:
    assert strip_control("a\x1b[2Jb\x1b]8;;http://x\x07link\x1b]8;;\x07c\x07d") == "ablinkcd"
    assert strip_control("keep\nnew\tlines") == "keep\nnew\tlines"


def test_paragraphs_split_on_blank_lines_and_join_wrapped_lines() -> None:
    text = "First paragraph is wrapped\nover two lines\n\nSecond paragraph."
    assert split_paragraphs(text) == ["First paragraph is wrapped over two lines", "Second paragraph."]


def test_long_text_without_blank_lines_is_split_into_paragraphs_of_a_few_sentences() -> None:
    sentences = [f"Sentence number {i} tells a little more about the long story." for i in range(20)]
    paragraphs = split_paragraphs(" ".join(sentences), IngestSettings(sentences_per_paragraph=4))
    assert len(paragraphs) == 5
    assert paragraphs[0] == " ".join(sentences[:4])


def test_subheadings_are_dropped_but_kept_on_request() -> None:
    text = "Diversify your alliances\n\nThe country sought partners in Turkey and China."
    assert split_paragraphs(text) == ["The country sought partners in Turkey and China."]
    assert split_paragraphs(text, keep_headings=True)[0] == "Diversify your alliances"


def test_sentence_splitter_keeps_abbreviations_and_quotes() -> None:
    text = 'Mr. Tokayev spoke on Jan. 7 in Nur-Sultan. "Order is restored," he said. The U.S. disagreed.'
    assert split_sentences(text) == [
        "Mr. Tokayev spoke on Jan. 7 in Nur-Sultan.",
        '"Order is restored," he said.',
        "The U.S. disagreed.",
    ]
