"""Output paths of ``compare``: checked before the run (never an input, always writable), written atomically,
with a manifest so that a later run removes only what an earlier one wrote."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from coverage.model import Comparison
    from coverage.settings import Settings

from coverage.cli._base import EXIT_USAGE, _clean, _stderr

EXPORT_LAYOUTS = ("files", "partitioned", "both")
"""``--export-layout``: single files per table (and the SQLite database), Parquet partitioned by event, or both."""


MANIFEST = "written-by-coverage.txt"
"""The list of the files a report command wrote into its output folder, so that the next run can remove the ones
it no longer writes (a report of an event that is gone) and never anything else."""


def _replace_stale(folder: Path, written: list[Path]) -> list[str]:
    """Remove the files the previous run listed in ``folder``'s manifest that this run did not write again, then
    list this run's files; returns the names removed. Files this tool never listed are left alone."""
    manifest = folder / MANIFEST
    keep = {path.name for path in written if path.parent == folder}
    removed = []
    if manifest.is_file():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            name = line.strip()
            if not name or name.startswith("#") or name in keep or name != Path(name).name or name == MANIFEST:
                continue
            stale = folder / name
            if stale.is_file() and not stale.is_symlink():
                stale.unlink()
                removed.append(name)
    header = "# Files written by `coverage compare`; the next run removes those it does not write again.\n"
    from coverage._io import write_atomic

    write_atomic(manifest, header + "".join(f"{name}\n" for name in sorted(keep)))
    return removed


class _OutputError(click.ClickException):
    """An output path that cannot be used: one line (``Error: ...``), exit 2, before anything runs."""

    exit_code = EXIT_USAGE


_OUR_MARKS = {"index.md": b"# Coverage comparison", "index.html": b"<!DOCTYPE html>"}
"""How an index that an earlier run wrote begins: another file of that name is an input, never overwritten."""


def _guard_outputs(
    folder: Path | None,
    settings: Settings,
    json_file: str | None,
    folders: tuple[Path | None, ...],
    json_lines_file: str | None = None,
) -> Settings:
    """Outputs never overwrite inputs nor feed back: an output inside FOLDER is left out of the reading (reported as
    skipped); an output folder that is FOLDER, an output folder inside it holding an index of another origin, and a
    ``--json`` or ``--json-lines`` file that is an input article are refused (exit 2)."""
    if folder is None:
        return settings
    root = folder.resolve()
    excluded: list[Path] = []
    for output in folders:
        if output is None:
            continue
        target = output.resolve()
        if target == root:
            raise _OutputError(_clean(f"{output} is the input folder: reports would overwrite its files"))
        if target.is_relative_to(root):
            for name, mark in _OUR_MARKS.items():
                if (target / name).is_file() and not _starts_with(target / name, mark):
                    raise _OutputError(_clean(f"{output}/{name} is an input file; choose another output folder"))
            excluded.append(target)
    for option, file in (("--json", json_file), ("--json-lines", json_lines_file)):
        if not file or file == "-":
            continue
        target = Path(file).resolve()
        if target.is_relative_to(root):
            if target.is_file() and not _starts_with(target, b"{", within=b'"schema_version"'):
                raise _OutputError(_clean(f"{file} is an input file; choose another {option} file"))
            excluded.append(target)
    if not excluded:
        return settings
    return settings.replace(ingest={"exclude": (*settings.ingest.exclude, *excluded)})


def _check_outputs(
    folder: Path | None,
    json_file: str | None,
    json_lines_file: str | None,
    export_dir: Path | None,
    export_layout: str | None = None,
) -> None:
    """Output paths that cannot work are refused before the analysis runs, in one line (exit 2): ``--json`` and
    ``--json-lines`` to the same file (or both to standard output), a file where a folder is, a folder that cannot
    be made or written in, and an input that ``--export`` would overwrite (a table input named like a file it
    writes, or inside one of its table folders)."""
    if json_file and json_lines_file and (json_file == json_lines_file == "-" or _same(json_file, json_lines_file)):
        raise _OutputError("--json and --json-lines name the same output; give them different files")
    if json_lines_file and json_lines_file != "-":
        path = Path(json_lines_file)
        if path.is_dir():
            raise _OutputError(_clean(f"--json-lines {json_lines_file} is a folder; give a file"))
        _check_writable(path.parent, f"--json-lines {json_lines_file}")
    if export_dir is None:
        if export_layout is not None:
            raise _OutputError("--export-layout says how --export writes its tables; give --export DIR too")
        return
    _check_writable(export_dir, f"--export {export_dir}")
    from coverage.report.sqlite import FILENAME
    from coverage.report.tables import CORPUS_TABLES, TABLES

    written = {FILENAME, MANIFEST, *TABLES, *(f"{n}.{ext}" for n in TABLES for ext in ("parquet", "csv"))}
    written |= {f"{name}.parquet" for name in CORPUS_TABLES}
    target = export_dir.resolve()

    def overwritten(path: Path) -> bool:
        path = path.resolve()
        return path != target and path.is_relative_to(target) and path.relative_to(target).parts[0] in written

    for option, file in (("--json", json_file), ("--json-lines", json_lines_file)):
        if file and file != "-" and overwritten(Path(file)):
            raise _OutputError(_clean(f"{option} {file} is a file --export {export_dir} writes; give another"))
    if folder is not None and overwritten(folder):
        raise _OutputError(_clean(f"--export {export_dir} would overwrite the input {folder}; choose another"))


def _same(first: str, second: str) -> bool:
    return first != "-" and second != "-" and Path(first).resolve() == Path(second).resolve()


def _check_writable(path: Path, what: str) -> None:
    """``path`` is a folder, or can be made one: its nearest existing ancestor is a folder we may write in."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise _OutputError(_clean(f"{what}: {existing} is a file, not a folder"))
    if not os.access(existing, os.W_OK | os.X_OK):
        raise _OutputError(_clean(f"{what}: cannot write in {existing}"))


def _write_json_lines(path: Path, lines: Iterator[str]) -> None:
    """``--json-lines FILE``: a regular file is replaced atomically; a FIFO or a device is written into, as named."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as stream:
            stream.writelines(lines)
        return
    from coverage._io import write_atomic

    write_atomic(path, lines)


def _starts_with(path: Path, mark: bytes, *, within: bytes = b"") -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith(mark) and within in head


def _write_json(result: Comparison, path: Path, write_json: Any, iter_json: Any) -> None:
    """``--json FILE``: a regular file is replaced atomically; a FIFO or a device is written into, as named."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as stream:
            for piece in iter_json(result):
                stream.write(piece)
        return
    write_json(result, path)


WRAP = 10_000
"""``ReportOptions.excerpt`` of the CLI: the terminal wraps long facts rather than cutting them."""


def _missing_folder(*, html_dir: Path | None, markdown_dir: Path | None) -> NoReturn:
    """No FOLDER: most often ``--markdown FOLDER`` or ``--html FOLDER``, which took FOLDER as the output folder."""
    for option, value in (("--html", html_dir), ("--markdown", markdown_dir)):
        if value is not None and value.is_dir():
            raise click.UsageError(
                f"missing FOLDER: {option} took {str(value)!r} as its output folder. Put FOLDER first "
                f"(coverage compare {value} {option}) or give the output folder ({option} DIR or {option}=DIR)."
            )
    raise click.UsageError("missing argument FOLDER, the folder of articles to compare")


def _written(what: str, folder: Path, written: list[Path], first: Path | None = None) -> None:
    removed = _replace_stale(folder, written)
    plural = "s" if len(removed) != 1 else ""
    stale = f"; {len(removed)} stale file{plural} of an earlier run removed" if removed else ""
    where = f": open {first}" if first is not None else ""
    _stderr().print(f"{what} written to {folder}/ ({len(written)} files{stale}){where}", markup=False)
