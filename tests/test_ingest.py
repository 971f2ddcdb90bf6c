from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from coverage import InputError, SkipReason, load_corpus
from coverage.ingest import decode_bytes, load_file, parse_date
from coverage.settings import IngestSettings

P1 = "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty."
P2 = "President Tokayev asked a Russian-led alliance to send troops, which arrived within a day of the request."
BODY = f"{P1}\n\n{P2}"


def reasons(corpus) -> dict[str, SkipReason]:
    return {s.path: s.reason for s in corpus.skipped}


def test_txt_title_is_first_non_empty_line_and_outlet_is_the_subfolder(write) -> None:
    root = write({"daily-planet/story.txt": f"\n\nKazakhstan detains thousands\n\n{BODY}\n"})
    corpus = load_corpus(root)
    (article,) = corpus.articles
    assert article.title == "Kazakhstan detains thousands"
    assert article.outlet == "daily-planet"
    assert article.paragraphs == (P1, P2)
    assert article.id == "daily-planet/story.txt" and article.path == "daily-planet/story.txt"


def test_txt_header_block_gives_date_outlet_and_title(write) -> None:
    """Issue 17, item 9: a .txt file may start with ``Key: value`` lines (date, source, title, url)."""
    txt = f"Source: The Monitor\nDate: 2022-01-08\nURL: https://x.org/a\n\nUnrest in Kazakhstan\n\n{BODY}\n"
    (article,) = load_corpus(write({"a/b.txt": txt})).articles
    assert (article.outlet, article.title, article.published, article.url) == (
        "The Monitor",
        "Unrest in Kazakhstan",
        date(2022, 1, 8),
        "https://x.org/a",
    )
    assert article.paragraphs == (P1, P2)


def test_txt_without_a_header_block_keeps_its_first_lines(write) -> None:
    """A first line that only looks like a header ("ALMATY: ...", or a header line followed by text) is text."""
    txt = f"Title: a line of a story\nthat goes on\n\n{BODY}\n"
    (article,) = load_corpus(write({"a/b.txt": txt})).articles
    assert article.title == "Title: a line of a story"
    assert article.published is None


def test_markdown_front_matter_gives_metadata(write) -> None:
    md = f"---\noutlet: The Monitor\ntitle: Unrest in Kazakhstan\ndate: 2022-01-08\nurl: https://x.org/a\n---\n\n{BODY}\n"
    (article,) = load_corpus(write({"a/b.md": md})).articles
    assert (article.outlet, article.title, article.published) == (
        "The Monitor",
        "Unrest in Kazakhstan",
        date(2022, 1, 8),
    )
    assert article.url == "https://x.org/a"


def test_markdown_heading_is_the_title_and_markup_is_stripped(write) -> None:
    md = f"# A *bold* title\n\n{P1} See [the ministry](https://gov.kz).\n\n**{P2}**\n"
    (article,) = load_corpus(write({"m.md": md})).articles
    assert article.title == "A *bold* title"
    assert article.paragraphs[0].endswith("See the ministry.")
    assert article.paragraphs[1] == P2


@pytest.mark.parametrize(
    ("record", "outlet", "title"),
    [
        ({"source": "Wire", "headline": "H", "body": BODY}, "Wire", "H"),
        ({"publisher": "Pub", "title": "T", "content": BODY}, "Pub", "T"),
        ({"site_name": "Site", "title": "T", "text": BODY}, "Site", "T"),
        ({"source": {"name": "NewsAPI-style"}, "title": "T", "content": BODY}, "NewsAPI-style", "T"),
    ],
)
def test_json_metadata_names(write, record: dict, outlet: str, title: str) -> None:
    (article,) = load_corpus(write({"x.json": record})).articles
    assert (article.outlet, article.title) == (outlet, title)


def test_outlet_precedence_metadata_then_folder_then_url_domain_then_unknown(write) -> None:
    root = write(
        {
            "folder/meta.json": {"outlet": "Named", "text": BODY, "title": "a"},
            "folder/nometa.json": {"text": BODY + " One.", "title": "b"},
            "top-url.json": {"text": BODY + " Two.", "url": "https://www.example.com/x", "title": "c"},
            "top-none.json": {"text": BODY + " Three.", "title": "d"},
        }
    )
    outlets = {a.path: a.outlet for a in load_corpus(root).articles}
    assert outlets == {
        "folder/meta.json": "Named",
        "folder/nometa.json": "folder",
        "top-url.json": "example.com",
        "top-none.json": "unknown",
    }


def test_json_list_and_jsonl_with_bad_lines(write) -> None:
    items = [{"title": f"t{i}", "text": f"{BODY} Extra {i}."} for i in range(3)]
    lines = [json.dumps(items[0]), "{not json", json.dumps({"title": "no text"}), "", json.dumps(items[1])]
    root = write({"list.json": items, "feed.jsonl": "\n".join(lines)})
    corpus = load_corpus(root)
    assert sorted(a.id for a in corpus.articles) == [
        "feed.jsonl#line1",
        "feed.jsonl#line5",
        "list.json#0",
        "list.json#1",
        "list.json#2",
    ]
    skipped = {s.path: s for s in corpus.skipped}
    assert skipped["feed.jsonl#line2"].reason is SkipReason.INVALID_JSON
    assert "line 2, column 2" in skipped["feed.jsonl#line2"].message
    assert skipped["feed.jsonl#line3"].reason is SkipReason.BAD_RECORD


def test_every_skip_reason_is_reported_with_a_message(write, tmp_path: Path) -> None:
    root = write(
        {
            "empty.txt": "",
            "blank.md": "   \n\n",
            "binary.txt": b"\x00\x01\x02binary\x00" * 20,
            "broken.json": '{"title": "x", "text": ',
            "scalar.json": "42",
            "photo.jpg": b"\xff\xd8\xff",
            "short.txt": "Title\n\nToo short.",
            "a/original.txt": f"T\n\n{BODY}",
            "b/copy.txt": f"T\n\n{BODY}",
        }
    )
    corpus = load_corpus(root, IngestSettings(max_file_bytes=10_000))
    got = reasons(corpus)
    assert got == {
        "empty.txt": SkipReason.EMPTY,
        "blank.md": SkipReason.EMPTY,
        "binary.txt": SkipReason.BINARY,
        "broken.json": SkipReason.INVALID_JSON,
        "scalar.json": SkipReason.BAD_RECORD,
        "photo.jpg": SkipReason.UNSUPPORTED,
        "short.txt": SkipReason.NO_TEXT,
        "b/copy.txt": SkipReason.DUPLICATE,
    }
    messages = {s.path: s.message for s in corpus.skipped}
    assert messages["broken.json"].startswith("invalid JSON: line 1, column")
    assert "a/original.txt" in messages["b/copy.txt"]
    assert corpus.files_seen == 9
    assert [a.path for a in corpus.articles] == ["a/original.txt"]


def test_too_large_file_is_skipped_without_reading_it(write) -> None:
    root = write({"big.txt": "Title\n\n" + P1 * 400})
    corpus = load_corpus(root, IngestSettings(max_file_bytes=1000))
    assert reasons(corpus) == {"big.txt": SkipReason.TOO_LARGE}


def test_latin1_and_cp1252_text_is_decoded_not_skipped(write) -> None:
    text = "Le Courrier\n\nÀ Almaty, capitale économique, « l'ordre est rétabli », a déclaré le ministre. " * 2
    root = write(
        {"fr/latin1.txt": text.encode("latin-1"), "fr/cp1252.txt": ("Title\n\n“Quoted” text — " + P1).encode("cp1252")}
    )
    articles = {a.path: a for a in load_corpus(root).articles}
    assert "capitale économique" in articles["fr/latin1.txt"].paragraphs[0]
    assert "“Quoted” text —" in articles["fr/cp1252.txt"].paragraphs[0]


def test_decode_bytes_refuses_binary() -> None:
    with pytest.raises(ValueError):
        decode_bytes(b"PK\x03\x04\x00\x00binary")


def test_html_main_text_and_metadata(write) -> None:
    html = f"""<html><head><title>Unrest | The Herald</title>
    <meta property="og:site_name" content="The Herald">
    <meta property="og:title" content="Unrest in Kazakhstan">
    <meta property="article:published_time" content="2022-01-09T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Unrest in Kazakhstan</h1><p>{P1}</p><p>{P2}</p></article>
    <footer>Copyright The Herald 2022. All rights reserved.</footer>
    <script src="https://tracker.example/x.js"></script></body></html>"""
    (article,) = load_corpus(write({"h.html": html})).articles
    assert article.outlet == "The Herald"
    assert article.title == "Unrest in Kazakhstan"
    assert article.published == date(2022, 1, 9)
    assert article.paragraphs == (P1, P2)


def test_files_are_walked_recursively_in_a_stable_order(write) -> None:
    root = write({f"o{i}/deep/er/a{i}.txt": f"T{i}\n\n{BODY} {i}." for i in range(3)})
    assert [a.id for a in load_corpus(root).articles] == [f"o{i}/deep/er/a{i}.txt" for i in range(3)]


def test_missing_folder_or_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_corpus(tmp_path / "nope")
    assert info.value.path == tmp_path / "nope"
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(InputError):
        load_corpus(tmp_path / "f.txt")


def test_load_file_reads_one_article_and_explains_failures(write) -> None:
    root = write({"a.txt": f"Title\n\n{BODY}", "e.txt": ""})
    assert load_file(root / "a.txt").title == "Title"
    with pytest.raises(InputError, match="empty"):
        load_file(root / "e.txt")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-01-09", date(2022, 1, 9)),
        ("2022-01-09T08:00:00Z", date(2022, 1, 9)),
        ("January 9, 2022", date(2022, 1, 9)),
        ("9 January 2022", date(2022, 1, 9)),
        ("not a date", None),
        (None, None),
    ],
)
def test_parse_date(value: object, expected: date | None) -> None:
    assert parse_date(value) == expected


def test_cyrillic_cp1251_is_still_decoded_as_cyrillic(write) -> None:
    text = "Заголовок\n\nВ Алматы в воскресенье было спокойно, сообщило министерство внутренних дел страны. " * 3
    (article,) = load_corpus(write({"ru.txt": text.encode("cp1251")})).articles
    assert "Алматы" in article.paragraphs[0]
