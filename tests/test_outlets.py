"""Outlet profiles: TOML and CSV files, aliases, one-line errors, coverage by field and blind spots."""

from __future__ import annotations

from pathlib import Path

import pytest

from coverage._errors import ConfigError
from coverage.analysis.outlets import (
    OutletProfile,
    OutletProfiles,
    apply_profiles,
    blind_spots,
    coverage_by,
    load_outlet_profiles,
)
from coverage.model import Article, Corpus, Event

TOML = """
[[outlet]]
name = "Liberty Post"
aliases = ["liberty-post", "The Liberty Post"]
country = "US"
language = "en"
lean = "left"
owner = "Liberty Media"

[[outlet]]
name = "Global Times Daily"
aliases = ["gtd"]
country = "CN"
lean = "right"

[[outlet]]
name = "Wire Agency"
aliases = ["wire-agency"]
"""

CSV = """name,aliases,country,language,lean,owner
Liberty Post,liberty-post;The Liberty Post,US,en,left,Liberty Media
Global Times Daily,gtd,CN,,right,
Wire Agency,wire-agency,,,,
"""


def article(outlet: str, id_: str | None = None) -> Article:
    return Article(id=id_ or f"{outlet}/a.txt", path=f"{outlet}/a.txt", outlet=outlet, title="t", paragraphs=("p",))


def event(id_: str, *outlets: str) -> Event:
    return Event(id=id_, title=id_, articles=tuple(article(o, f"{id_}/{o}") for o in outlets))


@pytest.fixture(params=["toml", "csv"])
def profiles(request: pytest.FixtureRequest, tmp_path: Path) -> OutletProfiles:
    path = tmp_path / f"outlets.{request.param}"
    path.write_text(TOML if request.param == "toml" else CSV, encoding="utf-8")
    return load_outlet_profiles(path)


def test_toml_and_csv_read_the_same(profiles: OutletProfiles) -> None:
    assert len(profiles) == 3
    liberty = profiles.get("LIBERTY-POST")
    assert liberty == OutletProfile(
        "Liberty Post", ("liberty-post", "The Liberty Post"), "US", "en", "left", "Liberty Media"
    )
    gtd = profiles.get("gtd")
    assert gtd is not None and gtd.language is None and gtd.owner is None
    assert profiles.values("lean") == ("left", "right")


def test_canonical_names(profiles: OutletProfiles) -> None:
    assert profiles.canonical("liberty-post") == "Liberty Post"
    assert profiles.canonical("the liberty post ") == "Liberty Post"
    assert profiles.canonical("Liberty Post") == "Liberty Post"
    assert profiles.canonical("Unknown Daily") == "Unknown Daily"


def test_apply_profiles_merges_outlets(profiles: OutletProfiles, tmp_path: Path) -> None:
    articles = (article("liberty-post"), article("Liberty Post", "x"), article("elsewhere"))
    merged = apply_profiles(articles, profiles)
    assert [a.outlet for a in merged] == ["Liberty Post", "Liberty Post", "elsewhere"]
    assert merged[2] is articles[2]
    corpus = apply_profiles(Corpus(tmp_path, 3, articles, ()), profiles)
    assert isinstance(corpus, Corpus)
    assert corpus.outlets == ("elsewhere", "Liberty Post")


def test_coverage_by_and_blind_spots(profiles: OutletProfiles) -> None:
    both = event("E1", "liberty-post", "gtd", "wire-agency", "Other")
    left = event("E2", "Liberty Post", "liberty-post", "wire-agency")
    right = event("E3", "gtd")
    nobody = event("E4", "Other")
    assert coverage_by(both, profiles) == {"left": 1, "right": 1, "unknown": 2}
    assert coverage_by(left, profiles) == {"left": 1, "unknown": 1}
    assert coverage_by(both, profiles, field="country") == {"CN": 1, "US": 1, "unknown": 2}
    # E3 is one article of one outlet: no blind spot (issue 17, item 11: two outlets must cover the event).
    assert blind_spots([both, left, right, nobody], profiles) == [("E2", ("left",))]
    assert blind_spots([both, left, right], profiles, field="country") == [("E2", ("US",))]
    with pytest.raises(ConfigError, match="unknown outlet field"):
        coverage_by(both, profiles, field="colour")


def test_blind_spots_need_two_known_values() -> None:
    one_sided = OutletProfiles((OutletProfile("A", lean="left"), OutletProfile("B")))
    assert blind_spots([event("E1", "A")], one_sided) == []


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.toml", "[[outlet]\nname = 1", "invalid TOML"),
        ("bad.toml", '[[outlet]]\naliases = ["x"]', "outlet 1: missing 'name'"),
        ("bad.toml", "[[outlet]]\nname = 3", "'name' must be a string"),
        ("bad.toml", '[[outlet]]\nname = "A"\naliases = "x"\n', "outlet 1: 'aliases' must be a list"),
        ("bad.toml", '[[outlet]]\nname = "A"\nbias = "x"\n', "unknown field 'bias'"),
        ("bad.toml", 'outlet = "A"\n', "array of tables"),
        ("bad.toml", '[[source]]\nname = "A"\n', "unknown table 'source'"),
        ("dup.toml", '[[outlet]]\nname = "A"\naliases = ["x"]\n[[outlet]]\nname = "B"\naliases = ["X"]\n', "both"),
        ("bad.csv", "", "empty CSV"),
        ("bad.csv", "name,lean\nA,left,extra\n", "line 2: more values than columns"),
        ("bad.csv", "name,lean\n,left\n", "line 2: missing 'name'"),
        ("bad.csv", "name,colour\nA,red\n", "unknown field 'colour'"),
        ("missing.csv", None, "cannot read outlet profiles"),
        ("latin.csv", b"name\nCaf\xe9\n", "cannot read outlet profiles"),
    ],
)
def test_bad_files_raise_one_line_config_errors(
    tmp_path: Path, name: str, text: str | bytes | None, message: str
) -> None:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    elif text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_outlet_profiles(path)
    assert "\n" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_compare_keeps_the_profiles_on_the_comparison(profiles: OutletProfiles) -> None:
    from coverage import HashingEmbedder, Settings, compare, load_corpus

    demo = Path(__file__).resolve().parents[1] / "datasets" / "kazakhstan-2022"
    settings = Settings().replace(embedding={"cache": False})
    result = compare(demo, settings, embedder=HashingEmbedder(), profiles=profiles)
    assert result.profiles is profiles
    assert result.corpus == apply_profiles(load_corpus(demo), profiles)
    assert "Liberty Post" in result.outlets and "liberty-post" not in result.outlets
    assert compare(load_corpus(demo), settings, embedder=HashingEmbedder()).profiles is None
