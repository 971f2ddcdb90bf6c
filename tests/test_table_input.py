"""Table input: a Parquet file or folder, a CSV file or a JSON lines file as the corpus path."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from coverage import load_corpus
from coverage._errors import InputError
from coverage.ingest import tables
from coverage.model import SkipReason
from coverage.settings import IngestSettings

BODY = (
    "The central bank raised its main rate by half a point on Tuesday, the third rise this year.\n\n"
    "Officials said inflation had stayed above the target for eleven months and that wages were rising fast."
)
ROWS = [
    {"media_name": "Daily Ledger", "title": "Bank raises rates", "publish_date": "2024-03-05", "text": BODY},
    {"source": "Harbour Times", "title": "Rates up again", "date": "5 March 2024", "body": BODY + "\n\nA third one."},
    {"publisher": "Daily Ledger", "title": "No text here", "published": "2024-03-05", "content": ""},
    {"outlet": "Wire", "title": "Odd date", "published": "not a date", "text": BODY, "url": "https://wire.example/a"},
]


def _write_parquet(path: Path, rows: list[dict[str, str]]) -> None:
    columns = sorted({key for row in rows for key in row})
    path.parent.mkdir(parents=True, exist_ok=True)
    pl.DataFrame({c: [row.get(c) for row in rows] for c in columns}).write_parquet(path)


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    import csv

    columns = sorted({key for row in rows for key in row})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def _summary(corpus: object) -> list[tuple[str, str, str, tuple[str, ...], date | None]]:
    return [(a.outlet, a.title, a.url or "", a.paragraphs, a.published) for a in corpus.articles]  # type: ignore[attr-defined]


def test_parquet_file_maps_the_metadata_names_and_accounts_for_every_row(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    _write_parquet(path, ROWS)
    corpus = load_corpus(path)
    assert [a.id for a in corpus.articles] == ["news.parquet#row1", "news.parquet#row2", "news.parquet#row4"]
    first, second, third = corpus.articles
    assert (first.outlet, first.published) == ("Daily Ledger", date(2024, 3, 5))
    assert (second.outlet, second.published) == ("Harbour Times", date(2024, 3, 5))
    assert third.published is None and third.url == "https://wire.example/a"  # an unknown date is not invented
    assert [(s.path, s.reason) for s in corpus.skipped] == [("news.parquet#row3", SkipReason.BAD_RECORD)]
    assert corpus.files_seen == 1


def test_the_same_rows_as_csv_jsonl_parquet_and_json_files_give_the_same_articles(tmp_path: Path) -> None:
    _write_parquet(tmp_path / "t.parquet", ROWS)
    _write_csv(tmp_path / "t.csv", ROWS)
    (tmp_path / "t.jsonl").write_text("\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    (tmp_path / "t.ndjson").write_text("\n".join(json.dumps(r) for r in ROWS), encoding="utf-8")
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "t.json").write_text(json.dumps(ROWS), encoding="utf-8")
    expected = _summary(load_corpus(folder))
    assert len(expected) == 3
    for name in ("t.parquet", "t.csv", "t.jsonl", "t.ndjson"):
        corpus = load_corpus(tmp_path / name)
        assert _summary(corpus) == expected, name
        assert len(corpus.articles) + len(corpus.skipped) == len(ROWS), name


def test_parquet_folder_reads_hive_partitions_and_reports_other_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tables, "ROWS_PER_UNIT", 1)  # a unit a row: the row numbers go on across units
    rows = [{"title": f"Rate story {n}", "text": BODY + f"\n\nDetail number {n}."} for n in range(3)]
    _write_parquet(tmp_path / "outlet=Daily Ledger" / "part-0.parquet", rows[:2])
    _write_parquet(tmp_path / "outlet=Wire" / "part-0.parquet", rows[2:])
    (tmp_path / "_SUCCESS").write_text("", encoding="utf-8")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    corpus = load_corpus(tmp_path)
    assert [(a.id, a.outlet) for a in corpus.articles] == [
        ("outlet=Daily Ledger/part-0.parquet#row1", "Daily Ledger"),
        ("outlet=Daily Ledger/part-0.parquet#row2", "Daily Ledger"),
        ("outlet=Wire/part-0.parquet#row1", "Wire"),
    ]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert reasons == {"_SUCCESS": SkipReason.UNSUPPORTED, "broken.parquet": SkipReason.UNREADABLE}


def test_csv_bad_rows_are_skipped_one_by_one_with_their_reason(tmp_path: Path) -> None:
    huge = "word " * 400
    text = (
        "outlet,title,text\n"
        f'Wire,Fine,"{BODY}"\n'
        "Wire,Too many,a,b\n"
        'Wire,Control\x07 chars,"' + BODY.replace("bank", "ba\x00nk") + '"\n'
        f"Wire,Huge,{huge}\n"
        "Wire,Empty,\n"
    )
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8")
    corpus = load_corpus(path, IngestSettings(max_file_bytes=1000))
    assert [a.title for a in corpus.articles] == ["Fine", "Control chars"]
    assert all("\x00" not in p for a in corpus.articles for p in a.paragraphs)
    assert {s.path: s.reason for s in corpus.skipped} == {
        "rows.csv#row2": SkipReason.BAD_RECORD,
        "rows.csv#row4": SkipReason.TOO_LARGE,
        "rows.csv#row5": SkipReason.BAD_RECORD,
    }
    assert "3 fields" not in corpus.skipped[0].detail and "4 fields, the header has 3" in corpus.skipped[0].detail


def test_csv_in_a_western_code_page_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(('outlet,title,text\nLe Courrier,Café,"' + BODY + ' Été déjà."\n').encode("cp1252"))
    (article,) = load_corpus(path).articles
    assert article.title == "Café" and "Été" in article.paragraphs[-1]


def test_a_table_without_a_text_column_or_rows_is_one_skip(tmp_path: Path) -> None:
    (tmp_path / "no_text.csv").write_text("outlet,title\nWire,Nothing\n", encoding="utf-8")
    corpus = load_corpus(tmp_path / "no_text.csv")
    assert not corpus.articles
    assert [(s.path, s.reason) for s in corpus.skipped] == [("no_text.csv", SkipReason.BAD_RECORD)]
    (tmp_path / "empty.csv").write_text("", encoding="utf-8")
    assert [s.reason for s in load_corpus(tmp_path / "empty.csv").skipped] == [SkipReason.EMPTY]


def test_jsonl_file_as_path_skips_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n{not json\n\n[1, 2]\n", encoding="utf-8")
    corpus = load_corpus(path)
    assert [a.id for a in corpus.articles] == ["feed.jsonl#line1"]
    assert {s.path: s.reason for s in corpus.skipped} == {
        "feed.jsonl#line2": SkipReason.INVALID_JSON,
        "feed.jsonl#line4": SkipReason.BAD_RECORD,
    }


def test_other_files_as_path_are_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text(BODY, encoding="utf-8")
    with pytest.raises(InputError, match="nor a table"):
        load_corpus(path)
