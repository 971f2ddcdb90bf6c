"""Command line: parse arguments, call the library, render, map errors to exit codes. No analysis here.

Exit codes: 0 success (skipped files allowed), 1 no article could be read or the model failed,
2 usage or configuration error, 130 interrupted.

The commands live one module each (``compare``, ``align``, ``evaluate``); ``_base`` holds the group and what they
share, ``_outputs`` the checks of output paths.
"""

from __future__ import annotations

from coverage.cli import align, compare, evaluate  # noqa: F401  (each registers its command on the group)
from coverage.cli._base import EXIT_NO_INPUT, EXIT_OK, cli
from coverage.cli._outputs import MANIFEST

__all__ = ["MANIFEST", "cli", "main"]


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coverage`` console script; returns the exit code."""
    try:
        cli.main(args=argv, prog_name="coverage", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_NO_INPUT
    return EXIT_OK
