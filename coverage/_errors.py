"""The exception tree of the package.

::

    CoverageError                 every error the library raises on purpose
    ├── InputError                a file or folder that cannot be used (``.path``)
    ├── ConfigError               a bad setting or option value (``.key``)
    └── ModelError                the embedding model cannot be loaded or run (``.model``)

The command line maps each subclass to an exit code and a one-line message; the library never prints.
"""

from __future__ import annotations

from pathlib import Path


class CoverageError(Exception):
    """Base class of every error raised on purpose by ``coverage``."""

    exit_code: int = 1


class InputError(CoverageError):
    """An input path that cannot be used. ``path`` is the offending file or folder."""

    def __init__(self, message: str, *, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class ConfigError(CoverageError):
    """A setting, option or configuration file with a bad value. ``key`` names the setting."""

    exit_code = 2

    def __init__(self, message: str, *, key: str | None = None) -> None:
        super().__init__(message)
        self.key = key


class ModelError(CoverageError):
    """The embedding model cannot be found, loaded or run. ``model`` is the name or path asked for."""

    def __init__(self, message: str, *, model: str | None = None) -> None:
        super().__init__(message)
        self.model = model
