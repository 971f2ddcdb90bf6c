"""Hostile input, round two (issue 16): one bad record never ends a run, nothing leaks in or out, the cache cannot
run code. Each test is named after the item of the issue it covers."""

from __future__ import annotations

import io
import json
import os
import pickle
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from coverage import HashingEmbedder, Settings, compare, load_corpus
from coverage._io import write_atomic
from coverage.cli import cli

BODY = "The interior ministry said on Sunday that 5,800 people had been detained after the unrest in Almaty."
MORE = "Officials said the curfew would stay in force until the end of the week, and flights were cancelled."
NO_CACHE = Settings().replace(embedding={"cache": False})


def _run(root: Path, *args: str) -> Result:
    # color=True: click strips escape sequences from what it echoes to a non-terminal, hiding leaks otherwise
    return CliRunner().invoke(cli, ["compare", str(root), "--model", "hashing", "--no-cache", *args], color=True)


# 1. The analysis cache runs code.


class _Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, ("touch PWNED_BY_CACHE",))


def test_item01_a_forged_cache_row_is_never_executed(write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib

    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    cache_dir = tmp_path / "cache"
    settings = Settings().replace(embedding={"cache_dir": str(cache_dir)})
    first = compare(root, settings, embedder=HashingEmbedder())
    payload = pickle.dumps(_Boom())
    with sqlite3.connect(cache_dir / "embeddings.sqlite3") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM blobs WHERE kind = 'result'")]
        assert keys
        for key in keys:
            db.execute(
                "UPDATE blobs SET data = ?, check_ = ? WHERE key = ?",
                (payload, hashlib.blake2b(payload, digest_size=8).hexdigest(), key),
            )
    monkeypatch.chdir(tmp_path)
    again = compare(root, settings, embedder=HashingEmbedder())
    assert not (tmp_path / "PWNED_BY_CACHE").exists()
    assert [e.id for e in again.events] == [e.id for e in first.events]


def test_item01_a_world_writable_cache_folder_is_refused(write, tmp_path: Path, caplog) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    cache_dir = tmp_path / "shared-cache"
    cache_dir.mkdir()
    cache_dir.chmod(0o777)
    settings = Settings().replace(embedding={"cache_dir": str(cache_dir)})
    compare(root, settings, embedder=HashingEmbedder())
    assert "writable" in caplog.text
    assert not (cache_dir / "embeddings.sqlite3").exists()


def test_item01_the_cache_key_file_is_private(write, tmp_path: Path) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    cache_dir = tmp_path / "cache"
    compare(root, Settings().replace(embedding={"cache_dir": str(cache_dir)}), embedder=HashingEmbedder())
    keys = [p for p in cache_dir.iterdir() if p.name.endswith(".key")]
    assert keys and all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in keys)


# 2. Files outside the input folder.


def test_item02_links_out_of_the_folder_are_not_followed(write, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(
        "Credentials\n\naws_secret_access_key = AKIAEXAMPLE and the password is hunter2, said the admin in a note."
    )
    root = write({"a/x.txt": f"T1\n\n{BODY}"})
    (root / "b").mkdir()
    (root / "b" / "leak.txt").symlink_to(secret)
    (root / "a" / "inside.txt").symlink_to(root / "a" / "x.txt")
    corpus = load_corpus(root)
    reasons = {s.path: s.message for s in corpus.skipped}
    assert "b/leak.txt" in reasons and "outside" in reasons["b/leak.txt"]
    assert all("hunter2" not in p for a in corpus.articles for p in a.paragraphs)
    followed = load_corpus(root, Settings().ingest.__class__(follow_symlinks=True))
    assert any("hunter2" in p for a in followed.articles for p in a.paragraphs)


# 3. Escape sequences in names.

ESCAPES = ["\x1b]8;;http://evil\x07", "\x1b[2J", "\x1b]0;title\x07", "\x1b]52;c;ZXZpbA==\x07", "\x9b31m"]


def test_item03_escape_sequences_in_folder_and_file_names_are_cleaned(write) -> None:
    outlet = "Evil" + "".join(ESCAPES)
    root = write({f"{outlet}/x{ESCAPES[1]}.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    corpus = load_corpus(root)
    for article in corpus.articles:
        for text in (article.outlet, article.path, article.id):
            assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    result = _run(root, "--json", "-")
    assert result.exit_code == 0 and "\x1b" not in result.output


def test_item03_escape_sequences_in_outlet_profiles_are_cleaned(write, tmp_path: Path) -> None:
    from coverage.analysis.outlets import load_outlet_profiles

    path = tmp_path / "outlets.csv"
    path.write_text(f"name,aliases,country\nGood{ESCAPES[0]},a{ESCAPES[3]};b,U{ESCAPES[1]}S\n")
    (profile,) = load_outlet_profiles(path).profiles
    for text in (profile.name, *profile.aliases, profile.country or ""):
        assert "\x1b" not in text and "\x07" not in text


def test_item03_error_lines_carry_no_escapes(tmp_path: Path) -> None:
    folder = tmp_path / f"x{ESCAPES[1]}"
    folder.mkdir()
    result = _run(folder)
    assert result.exit_code == 1 and "\x1b" not in result.output


# 4. CSV formula injection.


def test_item04_csv_cells_cannot_be_formulas(write, tmp_path: Path) -> None:
    from coverage.report.tables import write_exports

    root = write(
        {
            "=cmd/x.txt": f'=HYPERLINK("http://evil")\n\n{BODY}\n\n-2+3 said the police. {MORE}',
            "@b/y.txt": f"+title\n\n{BODY} {MORE}",
        }
    )
    result = compare(root, NO_CACHE, embedder=HashingEmbedder())
    write_exports(result, tmp_path / "out")
    import csv

    for path in (tmp_path / "out").glob("*.csv"):
        for row in csv.reader(path.read_text().splitlines()):
            for cell in row:
                if cell[:1] in ("=", "+", "-", "@"):
                    float(cell)  # only numbers may start so


# 5. Outputs that destroy inputs or feed back.


def test_item05_reports_inside_the_input_folder_are_not_read_back(write) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    for _ in range(2):
        result = _run(root, "--markdown", str(root / "reports"), "--no-plots", "--json", str(root / "out.json"))
        assert result.exit_code == 0, result.output
    data = json.loads((root / "out.json").read_text())
    outlets = {a["outlet"] for e in data["events"] for a in e["articles"]}
    assert outlets == {"a", "b"}


def test_item05_an_input_article_is_never_overwritten(write) -> None:
    article = json.dumps({"title": "T", "text": BODY})
    root = write({"a/x.json": article, "index.md": f"# Index\n\n{BODY} {MORE}", "b/y.txt": f"T2\n\n{BODY}"})
    result = _run(root, "--json", str(root / "a" / "x.json"))
    assert result.exit_code == 2 and (root / "a" / "x.json").read_text() == article
    result = _run(root, "--markdown", str(root), "--no-plots")
    assert result.exit_code == 2 and (root / "index.md").read_text().startswith("# Index")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
def test_item05_json_onto_a_fifo_writes_into_it(write, tmp_path: Path) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _run(root, "--json", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["events"]


# 6. Output file modes.


def test_item06_output_files_keep_the_umask_and_existing_modes(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.md", "x")
        assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o644
        existing = tmp_path / "old.md"
        existing.write_text("old")
        existing.chmod(0o640)
        write_atomic(existing, "new")
        assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    finally:
        os.umask(old)


# 7. Lone surrogates and controls in fields.


def test_item07_lone_surrogates_and_controls_in_json_fields(write) -> None:
    record = {
        "title": "Title \ud800 x\u202e",
        "outlet": "Out\udfff\x85",
        "url": "http://x/\ud800",
        "text": f"{BODY} \ud800 {MORE}\u2066",
        "tags": ["\ud800"],
    }
    root = write({"a.json": json.dumps(record), "b/y.txt": f"T2\n\n{BODY}"})
    result = _run(root, "--json", "-")
    assert result.exit_code == 0, result.output
    assert "\\ud800" not in result.output
    (article,) = [a for a in load_corpus(root).articles if a.path == "a.json"]
    for text in (article.title, article.outlet, article.url or "", *article.paragraphs):
        assert not any(0xD800 <= ord(c) <= 0xDFFF or c in "\x85\u202e\u2066" for c in text)
    json.dumps(dict(article.metadata), ensure_ascii=False).encode("utf-8")


# 8. A huge integer in a JSON field.


def test_item08_huge_integers_never_end_a_run(write) -> None:
    big = "9" * 5000
    root = write(
        {
            "a.json": f'{{"title": "T", "text": "{BODY}", "views": {big}}}',
            "b.jsonl": f'{{"title": "T2", "text": "{BODY} {MORE}", "views": {big}}}\n'
            f'{{"title": "T3", "text": "{MORE}"}}',
            "c/y.txt": f"T4\n\n{BODY}",
        }
    )
    corpus = load_corpus(root)
    assert corpus.files_seen == 3
    accounted = {a.path for a in corpus.articles} | {s.path.split("#")[0] for s in corpus.skipped}
    assert accounted == {"a.json", "b.jsonl", "c/y.txt"}
    assert _run(root).exit_code == 0


# 9. A YAML alias bomb.


def test_item09_yaml_alias_bomb_is_rejected_quickly(write) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]")
    front = "---\n" + "\n".join(lines) + "\n---\n"
    root = write({"bomb.md": f"{front}# Title\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY}"})
    corpus = load_corpus(root)
    reasons = {s.path: s.message for s in corpus.skipped}
    assert "alias" in reasons.get("bomb.md", "")


def test_item09_the_cache_key_does_not_expand_shared_metadata(tmp_path: Path) -> None:
    import dataclasses
    import time

    from coverage.model import Article, Corpus
    from coverage.pipeline import result_key

    node: list[object] = ["x"]
    for _ in range(40):
        node = [node, node]
    article = Article(id="a", path="a", outlet="o", title="t", paragraphs=(BODY,), metadata={"bomb": node})
    start = time.monotonic()
    key = result_key(Corpus(root=tmp_path, files_seen=1, articles=(article,), skipped=()), Settings(), "m")
    assert time.monotonic() - start < 5
    other = dataclasses.replace(article, metadata={"bomb": ["y"]})
    assert key != result_key(Corpus(root=tmp_path, files_seen=1, articles=(other,), skipped=()), Settings(), "m")


# 10. TeX in chart text.


def test_item10_dollar_signs_in_chart_text_are_text(write, tmp_path: Path) -> None:
    from coverage.report.plots import render_charts

    root = write(
        {
            "$\\frac{a}{$/x.txt": f"T $x^$ 1\n\n{BODY} It cost $5 and $\\undefined{{x}}$ more.\n\n{MORE}",
            "$b$/y.txt": f"T2\n\n{BODY} It cost $5 and $\\undefined{{x}}$ more.\n\n{MORE}",
        }
    )
    result = compare(root, NO_CACHE, embedder=HashingEmbedder())
    charts = render_charts(result.events, parallel_from=10_000)
    assert charts


def test_item10_a_failing_chart_never_stops_the_reports(write, tmp_path: Path, monkeypatch) -> None:
    from coverage.report import plots

    def broken(event: object) -> bytes:
        raise RuntimeError("matplotlib fell over")

    monkeypatch.setitem(plots.CHARTS, "coverage", broken)
    root = write({"a/x.txt": f"T1\n\n{BODY}", "b/y.txt": f"T2\n\n{BODY} {MORE}"})
    result = compare(root, NO_CACHE, embedder=HashingEmbedder())
    charts = plots.render_charts(result.events, parallel_from=10_000)
    assert ("E1", "coverage") not in charts


# 11. A path longer than PATH_MAX.


def test_item11_a_path_longer_than_path_max_is_skipped(write) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}"})
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(24):
            os.mkdir("d" * 200, dir_fd=fd)
            new = os.open("d" * 200, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        with open(os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as handle:
            handle.write(f"T\n\n{BODY}")
    finally:
        os.close(fd)
    corpus = load_corpus(root)
    assert len(corpus.articles) == 1
    assert any(s.reason.name == "UNREADABLE" for s in corpus.skipped)


# 12. Deep TOML and FIFOs as config files.


@pytest.mark.parametrize("option", ["--config", "--outlets"])
def test_item12_deeply_nested_toml_is_a_usage_error(write, tmp_path: Path, option: str) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}"})
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = _run(root, option, str(path))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
@pytest.mark.parametrize("option", ["--config", "--outlets"])
def test_item12_a_fifo_as_a_settings_file_is_refused(write, tmp_path: Path, option: str) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}"})
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    result = _run(root, option, str(fifo))
    assert result.exit_code == 2


# 13. A terminal that is not UTF-8.


def test_item13_ascii_stdout_degrades_characters(write) -> None:
    root = write({"a/x.txt": f"Беспорядки — “quoted” ✓\n\n{BODY} ¶ {MORE}", "b/y.txt": f"T2 …\n\n{BODY}"})
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "coverage", "compare", str(root), "--model", "hashing", "--no-cache"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr


# 14. Chinese and Japanese articles.


def test_item14_chinese_and_japanese_articles_are_kept(write) -> None:
    zh = "哈萨克斯坦内政部周日表示，骚乱发生后已有五千八百人被拘留。官员说宵禁将持续到本周末！航班已被取消。"
    ja = "カザフスタン内務省は日曜日、暴動の後に五千八百人が拘束されたと発表した。"
    ja += "当局によると、外出禁止令は週末まで続く。"
    root = write(
        {"zh/a.txt": f"骚乱后数千人被拘留\n\n{zh}\n\n{zh[::-1]}", "ja/b.txt": f"数千人拘束\n\n{ja}\n\n{ja}追加。"}
    )
    corpus = load_corpus(root)
    assert sorted(a.outlet for a in corpus.articles) == ["ja", "zh"], corpus.skipped
    from coverage.text.cleaning import split_sentences

    assert len(split_sentences(zh)) == 3


# 15. Updated versions of one story.


def test_item15_updated_versions_keep_their_body(write) -> None:
    core = [BODY, MORE, "Protesters gathered again near the main square, and witnesses reported gunfire late at night."]
    files = {
        f"wire/v{i}.txt": "\n\n".join([f"Update {i}", *core, f"New in update {i}: the toll rose to {i * 10} dead."])
        for i in range(3)
    }
    corpus = load_corpus(write(files))
    assert len(corpus.articles) == 3
    assert all(len(a.paragraphs) >= 4 for a in corpus.articles)


def test_item15_template_lines_are_still_removed(write) -> None:
    files = {
        f"o/v{i}.txt": f"Story {i}\n\nBy Staff Reporter\n\n{BODY} Number {i}.\n\nStory text {i} {MORE}\n\n"
        "Sign-up for our newsletter today"
        for i in range(4)
    }
    corpus = load_corpus(write(files))
    for article in corpus.articles:
        assert "By Staff Reporter" not in article.paragraphs
        assert "Sign-up for our newsletter today" not in article.paragraphs


def test_item15_a_hundred_wire_copies_are_read(write) -> None:
    body = "\n\n".join([BODY, MORE, "Witnesses reported gunfire near the main square late on Saturday night."])
    files = {f"outlet{i // 5}/copy{i}.txt": f"Copy {i}\n\n{body}" for i in range(100)}
    corpus = load_corpus(write(files))
    assert len(corpus.articles) == 100


# 16. Cookie-consent and paywall pages.


def test_item16_consent_and_paywall_pages_are_skipped(write) -> None:
    root = write(
        {
            "a/cookies.txt": "Before you continue\n\nWe use cookies and data to deliver and maintain our services. "
            "If you choose to Accept all, we will also use cookies for personalised ads.\n\nAccept all\n\nReject all",
            "a/paywall.txt": "Subscribe to continue reading\n\nThis article is for subscribers only. "
            "Already a subscriber? Log in to continue reading. Subscribe now for unlimited access.",
            "a/real.txt": f"Real story\n\n{BODY}\n\n{MORE}",
        }
    )
    corpus = load_corpus(root)
    assert [a.path for a in corpus.articles] == ["a/real.txt"]
    reasons = {s.path: s.message for s in corpus.skipped}
    assert "cookie" in reasons["a/cookies.txt"] and "paywall" in reasons["a/paywall.txt"]


# 17. Hidden folders.


def test_item17_hidden_files_and_folders_are_skipped_and_reported(write) -> None:
    root = write(
        {
            "a/x.txt": f"T1\n\n{BODY}",
            ".ipynb_checkpoints/x.txt": f"T1\n\n{BODY} cp",
            ".venv/lib/readme.md": f"# R\n\n{MORE}",
            "b/.draft.txt": f"D\n\n{MORE}",
        }
    )
    corpus = load_corpus(root)
    assert [a.path for a in corpus.articles] == ["a/x.txt"]
    assert {s.path for s in corpus.skipped} == {".ipynb_checkpoints", ".venv", "b/.draft.txt"}
    assert all("hidden" in s.message for s in corpus.skipped)
    everything = load_corpus(root, Settings().ingest.__class__(include_hidden=True))
    assert len(everything.articles) == 4


def test_item17_include_hidden_option(write) -> None:
    root = write({"a/x.txt": f"T1\n\n{BODY}", ".hidden/y.txt": f"T2\n\n{BODY} {MORE}"})
    result = _run(root, "--include-hidden", "--json", "-")
    assert result.exit_code == 0, result.output
    assert ".hidden" in {a["outlet"] for e in json.loads(result.output)["events"] for a in e["articles"]}


# 18. Outlet names that differ only in form.


def test_item18_outlet_spellings_merge(write) -> None:
    records = [
        {"outlet": name, "title": f"T{i}", "text": f"{BODY} Number {i}. {MORE}"}
        for i, name in enumerate(["bbc news", "BBC News.", "ＢＢＣ Ｎｅｗｓ", "BBC News", "BBC News", "bbcnews.com"])
    ]
    corpus = load_corpus(write({"feed.json": records}))
    assert {a.outlet for a in corpus.articles} == {"BBC News"}


def test_item18_profiles_match_normalised_names(write, tmp_path: Path) -> None:
    from coverage.analysis.outlets import apply_profiles, load_outlet_profiles

    path = tmp_path / "outlets.toml"
    path.write_text('[[outlet]]\nname = "Liberty Post"\naliases = ["liberty-post"]\nlean = "left"\n')
    records = [{"outlet": "ＬＩＢＥＲＴＹ Ｐｏｓｔ.", "title": "T", "text": f"{BODY} {MORE}"}]
    corpus = apply_profiles(load_corpus(write({"feed.json": records})), load_outlet_profiles(path))
    assert corpus.articles[0].outlet == "Liberty Post"


# 19. A warm cache survives lock errors.


def test_item19_a_locked_cache_is_not_deleted(tmp_path: Path, caplog) -> None:
    import numpy as np

    from coverage._cache import EmbeddingCache

    cache = EmbeddingCache(tmp_path)
    cache.put_many({"k": np.ones(4, dtype=np.float32)})
    cache.close()
    blocker = sqlite3.connect(tmp_path / "embeddings.sqlite3")
    blocker.execute("PRAGMA locking_mode=EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        other = EmbeddingCache(tmp_path)
        other.connect_timeout = 0.1
        other.get_many(["k"])
        other.close()
    finally:
        blocker.rollback()
        blocker.close()
    assert "corrupt" not in caplog.text
    again = EmbeddingCache(tmp_path)
    assert "k" in again.get_many(["k"])
    again.close()


def test_item19_a_file_that_is_not_a_database_is_replaced(tmp_path: Path) -> None:
    import numpy as np

    from coverage._cache import EmbeddingCache

    (tmp_path / "embeddings.sqlite3").write_bytes(b"garbage" * 100)
    cache = EmbeddingCache(tmp_path)
    cache.put_many({"k": np.ones(4, dtype=np.float32)})
    assert "k" in cache.get_many(["k"])
    cache.close()


def test_terminal_report_of_hostile_names_has_no_escapes(write) -> None:
    from coverage.report.terminal import render_comparison

    root = write({f"x{ESCAPES[0]}/a.txt": f"T1\n\n{BODY}", f"y{ESCAPES[3]}/b.txt": f"T2\n\n{BODY} {MORE}"})
    result = compare(root, NO_CACHE, embedder=HashingEmbedder())
    stream = io.StringIO()
    console = Console(file=stream, width=120, force_terminal=True, color_system="truecolor")
    for renderable in render_comparison(result):
        console.print(renderable)
    assert "\x1b]8;;http://evil" not in stream.getvalue() and "\x1b]52;" not in stream.getvalue()
    assert "\x07" not in stream.getvalue()
