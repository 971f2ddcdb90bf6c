"""Outlet profiles: canonical names, aliases and descriptive fields (country, language, lean, owner).

A profiles file is TOML::

    [[outlet]]
    name = "Liberty Post"
    aliases = ["liberty-post", "The Liberty Post"]
    country = "US"
    language = "en"
    lean = "left"
    owner = "Liberty Media"

or CSV with the header ``name,aliases,country,language,lean,owner`` (only ``name`` is required; aliases are
separated by ``;``). :func:`load_outlet_profiles` reads either (by suffix: ``.toml``, else CSV) and raises
:class:`~coverage.ConfigError` with a one-line message on a bad file. :func:`apply_profiles` merges outlet
names (``liberty-post`` -> ``Liberty Post``); :func:`coverage_by` and :func:`blind_spots` count which kinds of
outlets cover an event.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, overload

from coverage._errors import ConfigError
from coverage.model import Article, Corpus, Event
from coverage.model.outlets import FIELDS, OutletProfile, OutletProfiles, _check_field
from coverage.text.cleaning import outlet_key, strip_control

__all__ = [
    "ALIAS_SEPARATOR",
    "FIELDS",
    "UNKNOWN",
    "OutletProfile",
    "OutletProfiles",
    "apply_profiles",
    "blind_spots",
    "coverage_by",
    "load_outlet_profiles",
]

UNKNOWN = "unknown"
"""The value :func:`coverage_by` counts outlets under when they have no profile or no value for the field."""

ALIAS_SEPARATOR = ";"
"""How aliases are separated in a CSV file's ``aliases`` column."""

_COLUMNS = ("name", "aliases", *FIELDS)


def _text(value: Any, where: str, column: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: {column!r} must be a string, not {type(value).__name__}", key=column)
    return " ".join(strip_control(value).split()) or None


def _profile(record: Mapping[str, Any], where: str) -> OutletProfile:
    unknown = sorted(set(record) - set(_COLUMNS))
    if unknown:
        raise ConfigError(f"{where}: unknown field {unknown[0]!r}; expected {', '.join(_COLUMNS)}", key=unknown[0])
    name = _text(record.get("name"), where, "name")
    if not name:
        raise ConfigError(f"{where}: missing 'name'", key="name")
    raw = record.get("aliases") or ()
    if not isinstance(raw, list | tuple):
        raise ConfigError(f"{where}: 'aliases' must be a list of strings", key="aliases")
    aliases = tuple(a for item in raw if (a := _text(item, where, "aliases")))
    fields = {column: _text(record.get(column), where, column) for column in FIELDS}
    return OutletProfile(name=name, aliases=aliases, **fields)


def _read_toml(text: str, path: Path) -> list[OutletProfile]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from error
    except RecursionError as error:
        raise ConfigError(f"{path}: invalid TOML: nested too deeply") from error
    extra = sorted(set(data) - {"outlet"})
    if extra:
        raise ConfigError(f"{path}: unknown table {extra[0]!r}; expected [[outlet]] entries", key=extra[0])
    records = data.get("outlet", [])
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ConfigError(f"{path}: 'outlet' must be an array of tables ([[outlet]])", key="outlet")
    return [_profile(record, f"{path}: outlet {n}") for n, record in enumerate(records, start=1)]


def _read_csv(text: str, path: Path) -> list[OutletProfile]:
    try:
        reader = csv.DictReader(io.StringIO(text), strict=True)
        header = reader.fieldnames
        if not header:
            raise ConfigError(f"{path}: empty CSV; expected a header {','.join(_COLUMNS)}")
        reader.fieldnames = [h.strip().lower() for h in header]
        profiles = []
        for record in reader:
            where = f"{path}: line {reader.line_num}"
            if None in record:
                raise ConfigError(f"{where}: more values than columns")
            fields: dict[str, Any] = {k: v for k, v in record.items() if v is not None}
            if "aliases" in fields:
                fields["aliases"] = fields["aliases"].split(ALIAS_SEPARATOR)
            profiles.append(_profile(fields, where))
    except csv.Error as error:
        raise ConfigError(f"{path}: invalid CSV: {error}") from error
    return profiles


def load_outlet_profiles(path: Path | str) -> OutletProfiles:
    """Read outlet profiles from a ``.toml`` file or a CSV file (any other suffix)."""
    path = Path(path)
    if path.exists() and not path.is_file():  # a FIFO or a device would block or never end
        raise ConfigError(f"{path}: cannot read outlet profiles: not a regular file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise ConfigError(f"{path}: cannot read outlet profiles: {reason}") from error
    profiles = _read_toml(text, path) if path.suffix.lower() == ".toml" else _read_csv(text, path)
    try:
        return OutletProfiles(tuple(profiles))
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from error


@overload
def apply_profiles(corpus_or_articles: Corpus, profiles: OutletProfiles) -> Corpus: ...


@overload
def apply_profiles(corpus_or_articles: Iterable[Article], profiles: OutletProfiles) -> tuple[Article, ...]: ...


def apply_profiles(
    corpus_or_articles: Corpus | Iterable[Article], profiles: OutletProfiles
) -> Corpus | tuple[Article, ...]:
    """Articles with their outlet replaced by its canonical name; a corpus gives a corpus, articles a tuple. Names
    match a profile's name or alias exactly (case aside) or by :func:`~coverage.text.cleaning.outlet_key` (width,
    punctuation, a web address's form).

    Run it before :func:`coverage.compare` clusters the articles (on a corpus from
    :func:`coverage.load_corpus`) so that ``liberty-post`` and ``Liberty Post`` count as one outlet.
    """
    articles = corpus_or_articles.articles if isinstance(corpus_or_articles, Corpus) else corpus_or_articles
    by_key: dict[str, str] = {}
    for profile in profiles.profiles:
        for name in (profile.name, *profile.aliases):
            by_key.setdefault(outlet_key(name), profile.name)

    def canonical(outlet: str) -> str:
        name = profiles.canonical(outlet)
        return name if name != outlet else by_key.get(outlet_key(outlet), outlet)

    merged = tuple(
        a if (name := canonical(a.outlet)) == a.outlet else dataclasses.replace(a, outlet=name) for a in articles
    )
    if isinstance(corpus_or_articles, Corpus):
        return dataclasses.replace(corpus_or_articles, articles=merged)
    return merged


def coverage_by(event: Event, profiles: OutletProfiles, field: str = "lean") -> dict[str, int]:
    """How many of ``event``'s outlets have each value of ``field`` (outlets merged by canonical name).

    Outlets without a profile or a value count under :data:`UNKNOWN`. Keys are sorted, ``unknown`` last.
    """
    _check_field(field)
    counts: dict[str, int] = {}
    for outlet in sorted({profiles.canonical(o) for o in event.outlets}, key=str.casefold):
        value = profiles.value(outlet, field) or UNKNOWN
        counts[value] = counts.get(value, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (item[0] == UNKNOWN, item[0].casefold())))


def blind_spots(
    events: Iterable[Event], profiles: OutletProfiles, field: str = "lean"
) -> list[tuple[str, tuple[str, ...]]]:
    """Events covered by only one side: ``(event id, covered values)`` for each event reported by two or more outlets
    whose outlets with a known value of ``field`` all share one value, while the profiles know of two or more values
    (one outlet's story is no blind spot of the others).

    Outlets with an unknown value are ignored; an event with no known value is not listed (nothing to say).
    """
    _check_field(field)
    if len(profiles.values(field)) < 2:
        return []
    out: list[tuple[str, tuple[str, ...]]] = []
    for event in events:
        if len(event.outlets) < 2:
            continue
        covered = tuple(value for value in coverage_by(event, profiles, field) if value != UNKNOWN)
        if len(covered) == 1:
            out.append((event.id, covered))
    return out
