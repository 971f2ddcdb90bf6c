"""Outlet profiles: an outlet's canonical name, its aliases and descriptive fields (country, language, lean, owner).
Read by :func:`coverage.analysis.outlets.load_outlet_profiles`; kept on :class:`~coverage.model.Comparison`."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from coverage._errors import ConfigError

__all__ = ["FIELDS", "OutletProfile", "OutletProfiles"]

FIELDS = ("country", "language", "lean", "owner")
"""The descriptive fields of a profile, any of which :func:`coverage_by` and :func:`blind_spots` can group by."""


@dataclass(frozen=True)
class OutletProfile:
    """One outlet: its canonical ``name``, the other names it appears under, and descriptive fields."""

    name: str
    aliases: tuple[str, ...] = ()
    country: str | None = None
    language: str | None = None
    lean: str | None = None
    owner: str | None = None

    def value(self, field: str) -> str | None:
        """The value of one of :data:`FIELDS`."""
        _check_field(field)
        result: str | None = getattr(self, field)
        return result


@dataclass(frozen=True)
class OutletProfiles:
    """A set of outlet profiles. Names and aliases are matched case-insensitively and must not clash."""

    profiles: tuple[OutletProfile, ...] = ()
    _index: Mapping[str, OutletProfile] = dataclasses.field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        index: dict[str, OutletProfile] = {}
        for profile in self.profiles:
            for name in (profile.name, *profile.aliases):
                key = name.strip().casefold()
                other = index.get(key)
                if other is not None and other.name != profile.name:
                    raise ConfigError(f"outlet name {name!r} is given for both {other.name!r} and {profile.name!r}")
                index[key] = profile
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.profiles)

    def get(self, name: str) -> OutletProfile | None:
        """The profile whose name or alias is ``name`` (case-insensitive), or ``None``."""
        return self._index.get(name.strip().casefold())

    def canonical(self, name: str) -> str:
        """The canonical name for ``name`` (an alias or a differently cased name); ``name`` itself if unknown."""
        profile = self.get(name)
        return profile.name if profile is not None else name

    def value(self, outlet: str, field: str) -> str | None:
        """The value of ``field`` for ``outlet`` (any of its names), or ``None`` when unknown."""
        _check_field(field)
        profile = self.get(outlet)
        return profile.value(field) if profile is not None else None

    def values(self, field: str) -> tuple[str, ...]:
        """Every distinct value of ``field`` among the profiles, sorted."""
        _check_field(field)
        return tuple(sorted({v for p in self.profiles if (v := p.value(field)) is not None}, key=str.casefold))


def _check_field(field: str) -> None:
    if field not in FIELDS:
        raise ConfigError(f"unknown outlet field {field!r}; expected one of {', '.join(FIELDS)}", key=field)
