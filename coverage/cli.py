"""Command line: parse arguments, call the library, render, map errors to exit codes. No analysis here.

Exit codes: 0 success (skipped files allowed), 1 no article could be read or the model failed,
2 usage or configuration error, 130 interrupted.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

if TYPE_CHECKING:
    from rich.console import Console

    from coverage.model import Comparison
    from coverage.settings import Settings

EXIT_OK, EXIT_NO_INPUT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _settings(
    config: Path | None,
    assignments: tuple[str, ...],
    model: str | None,
    fast: bool,
    device: str | None,
    cache_dir: Path | None,
    no_cache: bool,
) -> Settings:
    """The run's settings: the config file, then ``--set``, then the embedding options shared by every command."""
    from coverage.settings import Settings

    settings = _read_config(config) if config else Settings()
    if assignments:
        settings = settings.set(list(assignments))
    embedding: dict[str, Any] = {"model": model, "device": device, "cache_dir": cache_dir}
    embedding = {key: value for key, value in embedding.items() if value is not None}
    if fast:
        embedding["fast"] = True
    if no_cache:
        embedding["cache"] = False
    return settings.replace(embedding=embedding) if embedding else settings


_DEVICES = ("cpu", "cuda", "mps")


def _check_device(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--device``: cpu, cuda, cuda:N or mps, checked before anything runs."""
    if value is None:
        return None
    name, _, index = value.partition(":")
    if name in _DEVICES and (not index or (name == "cuda" and index.isdigit())):
        return value
    raise click.BadParameter(f"{value!r} is not a device; use one of cpu, cuda, cuda:N, mps", ctx, param)


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def _hub_reachable(timeout: float = 3.0) -> bool:
    import socket

    try:
        with socket.create_connection(("huggingface.co", 443), timeout=timeout):
            return True
    except OSError:
        return False


def _check_model(model: str | None) -> None:
    """Fail at once, in one line, for a model name that is neither a local folder nor in the Hugging Face cache
    while the hub is offline or cannot be reached (sentence-transformers would retry for a minute and more)."""
    from coverage.analysis.embedding import STATIC_MODEL

    if model is None or model in ("hashing", STATIC_MODEL) or Path(model).expanduser().exists():
        return
    if model.startswith((".", "/", "~")) or "\\" in model:
        return  # a path that does not exist: the loader says so
    try:
        from huggingface_hub import try_to_load_from_cache
    except ImportError:  # pragma: no cover - sentence-transformers depends on it
        return
    names = [model] if "/" in model else [model, f"sentence-transformers/{model}"]
    for name in names:
        try:
            if isinstance(try_to_load_from_cache(name, "config.json"), str):
                return
        except Exception:  # an invalid repository name: let the loader explain
            return
    if not _hub_offline() and _hub_reachable():
        return
    from coverage._errors import ModelError

    why = "HF_HUB_OFFLINE is set" if _hub_offline() else "huggingface.co cannot be reached"
    raise ModelError(
        f"cannot load embedding model {model!r}: it is not a local folder nor in the Hugging Face cache, and {why}",
        model=model,
    )


def _distillation_notice(settings: Settings) -> None:
    """``--fast``: say that the one-time distillation of the static model is about to run, and how long it takes."""
    from coverage.analysis.embedding import STATIC_MODEL, StaticEmbedder

    embedding = settings.embedding
    if not (embedding.fast or embedding.model == STATIC_MODEL):
        return
    teacher = None if embedding.model == STATIC_MODEL else embedding.model
    embedder = StaticEmbedder(teacher, folder=embedding.cache_dir)
    if (embedder.model_path() / "model.safetensors").is_file():
        return
    _stderr().print(
        "--fast: distilling the static embedding model once (about 15 s to a few minutes, depending on the CPU; "
        f"kept in {embedder.model_path()} for later runs)...",
        markup=False,
    )


def _resolve_outlet(name: str, comparison: Comparison) -> str:
    """The outlet ``--outlet`` names: its name or its folder's name, in any case."""
    wanted = name.casefold()
    for outlet in comparison.outlets:
        if outlet.casefold() == wanted:
            return outlet
    by_folder: dict[str, set[str]] = {}
    for article in comparison.corpus.articles:
        if "/" in article.path:
            by_folder.setdefault(article.path.split("/", 1)[0].casefold(), set()).add(article.outlet)
    found = by_folder.get(wanted, set())
    if len(found) == 1:
        return found.pop()
    raise click.BadParameter(f"no outlet {name!r}; the outlets are: {', '.join(comparison.outlets)}")


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


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[str, int, int], None] | None]:
    """A rich progress bar on stderr, one task per stage; nothing when disabled."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    tasks: dict[str, Any] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_stderr(),
        transient=True,
    ) as bar:

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


class _Command(click.Command):
    """Maps library errors to one-line messages and exit codes; ``--debug`` shows the traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        from coverage._errors import ConfigError, CoverageError

        debug = bool(ctx.params.get("debug"))
        _degrade_output()
        logging.basicConfig(
            level=logging.INFO if debug else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
        )
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            _stderr().print("Interrupted.", markup=False)
            ctx.exit(EXIT_INTERRUPTED)
        except ConfigError as exc:
            if debug:
                raise
            raise click.UsageError(_clean(str(exc))) from exc
        except CoverageError as exc:
            if debug:
                raise
            click.echo(f"Error: {_clean(str(exc))}", err=True)
            ctx.exit(exc.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if debug:
                raise
            click.echo(_clean(f"Error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")), err=True)
            ctx.exit(EXIT_NO_INPUT)


_common = [
    click.option("--model", help="Sentence-transformers model name or path (default: bundled all-MiniLM-L6-v2)."),
    click.option(
        "--fast",
        is_flag=True,
        help="Static embeddings distilled once from the model (model2vec): ~50x faster embedding, slightly less "
        "accurate. Needs: pip install 'news-coverage[fast]'.",
    ),
    click.option(
        "--device",
        callback=_check_device,
        help="Device for the model: cpu, cuda, cuda:N, mps (default: a GPU when present).",
    ),
    click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Embedding cache folder."),
    click.option("--no-cache", is_flag=True, help="Neither read nor write the embedding cache."),
    click.option("--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Settings TOML file."),
    click.option("--set", "assignments", multiple=True, metavar="SECTION.KEY=VALUE", help="Override one setting."),
    click.option("--debug", is_flag=True, help="Log progress details and show tracebacks."),
]


def _with_common(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_common):
        func = option(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="news-coverage", prog_name="coverage")
def cli() -> None:
    """Compare how news outlets cover the same events: who reports what, who omits what.

    \b
    Examples:
      coverage compare articles/ --html        # terminal report and reports/html/index.html
      coverage align a.txt b.txt               # two articles side by side
      coverage COMMAND --help                  # each command's options and examples
    """


COMPARE_EXAMPLES = """\b
Examples:
  coverage compare articles/                       # the report in the terminal
  coverage compare articles/ --html                # and an HTML site in reports/html/
  coverage compare articles/ --outlet "Liberty Post" --top 5
  coverage compare articles/ --markdown reports/ --export tables/ --json result.json
"""


@cli.command(cls=_Command, epilog=COMPARE_EXAMPLES)
@click.argument("folder", type=click.Path(exists=True, path_type=Path), required=False)
@click.option(
    "--html",
    "html_dir",
    type=click.Path(file_okay=False, path_type=Path),
    is_flag=False,
    flag_value=Path("reports/html"),
    default=None,
    help="Write the HTML report (index.html and one page per event; opens from disk, no network) to DIR "
    "[default DIR: reports/html].",
    metavar="[DIR]",
)
@click.option(
    "--markdown",
    "markdown_dir",
    type=click.Path(file_okay=False, path_type=Path),
    is_flag=False,
    flag_value=Path("reports"),
    default=None,
    help="Write markdown reports (index.md and one file per event) to DIR [default DIR: reports].",
    metavar="[DIR]",
)
@click.option("--json", "json_file", help="Write the JSON result to FILE ('-' for standard output).", metavar="FILE")
@click.option(
    "--json-lines",
    "json_lines_file",
    help="Write the result as JSON lines to FILE ('-' for standard output): a header line (corpus, skipped "
    "records), then one line per event; with --engine ray each line is made by the worker that built the event.",
    metavar="FILE",
)
@click.option("--event", "event_id", help="Show only this event (e.g. E1 or e1) in the terminal report.")
@click.option("--outlet", help="Show only events and lists of this outlet (its name or folder, any case).")
@click.option("--top", type=click.IntRange(min=1), default=12, show_default=True, help="Bound on long lists.")
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary and the events overview.")
@click.option(
    "--max-events",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Events shown in detail in the terminal (most outlets first; 0: all). Reports have every event.",
)
@click.option(
    "--export",
    "export_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write the analysis as Parquet and CSV tables (articles, paragraphs, links, units, facts, ...) and as "
    "one SQLite database for Datasette (coverage.sqlite) to DIR.",
)
@click.option(
    "--export-layout",
    type=click.Choice(EXPORT_LAYOUTS),
    default=None,
    help="How --export writes the tables: 'files' (one Parquet and CSV file per table and coverage.sqlite), "
    "'partitioned' (DIR/<table>/event_id=<id>/part-0.parquet, written per event, by the Ray workers with --engine "
    "ray, and events, outlets, skipped as DIR/<name>.parquet), or 'both' [default: files; partitioned with "
    "--engine ray].",
)
@click.option(
    "--outlets",
    "outlets_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Outlet profiles (TOML or CSV: name, aliases, country, language, lean, owner): merge aliases, "
    "show coverage by lean and country.",
)
@click.option("--no-plots", is_flag=True, help="Do not draw the PNG charts beside the markdown reports.")
@click.option("--follow-symlinks", is_flag=True, help="Read files through links that lead outside FOLDER.")
@click.option("--include-hidden", is_flag=True, help="Read hidden files and folders (names starting with a dot).")
@click.option(
    "--engine",
    type=click.Choice(("local", "ray")),
    default="local",
    show_default=True,
    help="Where to run: this process, or Ray (a local instance, or the cluster --ray-address names). "
    "Needs: pip install 'news-coverage[ray]'.",
)
@click.option("--ray-address", help="The Ray cluster to join: auto, or ray://HOST:10001 (default: start one here).")
@_with_common
def compare(
    folder: Path | None,
    html_dir: Path | None,
    markdown_dir: Path | None,
    json_file: str | None,
    json_lines_file: str | None,
    event_id: str | None,
    outlet: str | None,
    top: int,
    quiet: bool,
    max_events: int,
    export_dir: Path | None,
    export_layout: str | None,
    outlets_file: Path | None,
    no_plots: bool,
    follow_symlinks: bool,
    include_hidden: bool,
    engine: str,
    ray_address: str | None,
    model: str | None,
    fast: bool,
    device: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    config: Path | None,
    assignments: tuple[str, ...],
    debug: bool,
) -> None:
    """Compare the coverage of the articles in FOLDER (.txt, .md, .html, .json, .jsonl, recursively), or in a table:
    a Parquet file or folder of Parquet files, a CSV or a JSON lines file, one article a row."""
    from rich.console import Console

    from coverage._errors import InputError
    from coverage.engine import EventOutputs
    from coverage.engine import compare as run_compare
    from coverage.report.jsonio import iter_json, write_json
    from coverage.report.markdown import write_markdown
    from coverage.report.terminal import ReportOptions, render_comparison, render_profiles

    if folder is None:
        _missing_folder(html_dir=html_dir, markdown_dir=markdown_dir)
    settings = _settings(config, assignments, model, fast, device, cache_dir, no_cache)
    layout = export_layout or ("partitioned" if engine == "ray" else "files")
    _check_outputs(folder, json_file, json_lines_file, export_dir, export_layout)
    settings = _guard_outputs(folder, settings, json_file, (markdown_dir, html_dir, export_dir), json_lines_file)
    outputs = EventOutputs(
        partitions=export_dir if export_dir is not None and layout != "files" else None,
        json_lines=json_lines_file is not None,
    )
    if follow_symlinks or include_hidden:
        settings = settings.replace(ingest={"follow_symlinks": follow_symlinks, "include_hidden": include_hidden})
    _check_model(settings.embedding.model)
    _distillation_notice(settings)
    profiles = None
    if outlets_file is not None:
        from coverage.analysis.outlets import load_outlet_profiles

        profiles = load_outlet_profiles(outlets_file)
    with _progress(sys.stderr.isatty() and not debug) as progress:
        result = run_compare(
            folder,
            settings,
            engine=engine,
            ray_address=ray_address,
            progress=progress,
            profiles=profiles,
            outputs=outputs,
        )
    if not result.corpus.articles:
        reasons = "; ".join(f"{s.path}: {s.message}" for s in result.corpus.skipped[:3]) or "the folder is empty"
        raise InputError(f"no article could be read from {folder} ({reasons})", path=folder)
    if event_id is not None:
        found = next((e.id for e in result.events if e.id.casefold() == event_id.casefold()), None)
        if found is None:
            raise click.BadParameter(
                f"no event {event_id!r}; events are E1..E{len(result.events)}", param_hint="--event"
            )
        event_id = found
    if outlet is not None:
        try:
            outlet = _resolve_outlet(outlet, result)
        except click.BadParameter as exc:
            exc.param_hint = "--outlet"
            raise
    if json_file == "-":
        for piece in iter_json(result):
            click.echo(piece, nl=False)
    elif json_lines_file == "-":
        for line in outputs.json_lines(result):
            click.echo(line, nl=False)
    else:
        console = Console(highlight=False)
        options = ReportOptions(
            top=top, event=event_id, outlet=outlet, quiet=quiet, max_events=max_events or None, excerpt=WRAP
        )
        for renderable in render_comparison(result, options):
            console.print(renderable)
        if result.profiles is not None:
            console.print(render_profiles(result, result.profiles))
        if json_file:
            _write_json(result, Path(json_file), write_json, iter_json)
            console.print(f"JSON written to {json_file}", markup=False, style="dim")
    if json_lines_file == "-" and json_file and json_file != "-":
        _write_json(result, Path(json_file), write_json, iter_json)
        _stderr().print(f"JSON written to {json_file}", markup=False, style="dim")
    if json_lines_file and json_lines_file != "-":
        _write_json_lines(Path(json_lines_file), outputs.json_lines(result))
        _stderr().print(f"JSON lines written to {json_lines_file}", markup=False, style="dim")
    if markdown_dir is not None:
        from coverage._cache import open_cache

        cache = open_cache(settings.embedding)
        try:
            written = write_markdown(result, markdown_dir, plots=not no_plots, cache=cache)
        finally:
            if cache is not None:
                cache.close()
        _written("Markdown reports", markdown_dir, written)
    if html_dir is not None:
        from coverage.report.html import write_html

        pages = write_html(result, html_dir, exclusive_confidence=settings.facts.exclusive_confidence)
        _written("HTML report", html_dir, pages, first=pages[0])
    if export_dir is not None:
        from coverage.report.tables import remove_stale_partitions, write_exports

        tables = write_exports(result, export_dir, sqlite=True) if layout != "partitioned" else []
        if layout != "files":
            tables += outputs.write_partitions(result)
        else:
            remove_stale_partitions(export_dir, set())  # partitions of an earlier partitioned run
        _written("Tables", export_dir, tables)


def _clean(text: str) -> str:
    """A message for the terminal: names in it carry no escape or control characters."""
    from coverage.text.cleaning import visible_controls

    return visible_controls(text)


def _degrade_output() -> None:
    """On a terminal or pipe that is not UTF-8 (``PYTHONIOENCODING=ascii``), characters it cannot show become ``?``
    instead of ending the run."""
    import io

    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("-", "")
        if isinstance(stream, io.TextIOWrapper) and not encoding.startswith("utf"):
            stream.reconfigure(errors="replace")


def _read_config(path: Path) -> Settings:
    """``--config``: a regular TOML file (a FIFO or device is refused, never read); deep nesting is a usage error."""
    from coverage._errors import ConfigError
    from coverage.settings import Settings

    if not path.is_file():
        raise ConfigError(f"cannot read settings file {path}: not a regular file")
    try:
        return Settings.from_toml(path)
    except RecursionError:
        raise ConfigError(f"cannot read settings file {path}: nested too deeply") from None


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


ALIGN_EXAMPLES = """\b
Examples:
  coverage align wire/story.txt paper/story.html
  coverage align v1.md v2.md --monotone --sentences
  coverage align a.txt b.txt --json > alignment.json
"""


@cli.command(cls=_Command, epilog=ALIGN_EXAMPLES)
@click.argument("file_a", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("file_b", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the alignment as JSON.")
@click.option("--monotone", is_flag=True, help="Keep reading order (versions of one article).")
@click.option("--sentences", is_flag=True, help="Align sentences instead of paragraphs.")
@_with_common
def align(
    file_a: Path,
    file_b: Path,
    as_json: bool,
    monotone: bool,
    sentences: bool,
    model: str | None,
    fast: bool,
    device: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    config: Path | None,
    assignments: tuple[str, ...],
    debug: bool,
) -> None:
    """Align two article files paragraph by paragraph and show them side by side."""
    import json

    from rich.console import Console

    from coverage.analysis.alignment import Aligner
    from coverage.analysis.embedding import make_embedder
    from coverage.ingest import load_file
    from coverage.report.terminal import render_alignment

    settings = _settings(config, assignments, model, fast, device, cache_dir, no_cache)
    if monotone:
        settings = settings.replace(alignment={"mode": "monotone"})
    a, b = load_file(file_a, settings.ingest), load_file(file_b, settings.ingest)
    aligner = Aligner(settings.alignment, embedder=make_embedder(settings.embedding))
    alignment = aligner.align(
        [a.paragraphs, b.paragraphs], ids=["a", "b"], granularity="sentence" if sentences else "paragraph"
    )
    if as_json:
        payload = {
            "a": {"path": str(file_a), "segments": list(alignment.segments[0])},
            "b": {"path": str(file_b), "segments": list(alignment.segments[1])},
            "links": [{"a": i, "b": j, "score": s} for i, j, s in alignment.pairs()],
            "unmatched_a": alignment.unmatched(0),
            "unmatched_b": alignment.unmatched(1),
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    Console(highlight=False).print(render_alignment(alignment, a.title, b.title))


EVALUATE_EXAMPLES = """\b
Examples:
  coverage evaluate ecbplus/ --labels ecbplus/labels.json
  coverage evaluate corpus/ --label-field event --top 3
"""


@cli.command(cls=_Command, epilog=EVALUATE_EXAMPLES)
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--labels",
    "labels_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON object or CSV (path,label) mapping each article's relative path to its event label.",
)
@click.option("--label-field", help="Metadata field of the articles that holds the event label.")
@click.option(
    "--top", type=click.IntRange(min=0), default=10, show_default=True, help="Merged and split clusters listed."
)
@_with_common
def evaluate(
    folder: Path,
    labels_file: Path | None,
    label_field: str | None,
    top: int,
    model: str | None,
    fast: bool,
    device: str | None,
    cache_dir: Path | None,
    no_cache: bool,
    config: Path | None,
    assignments: tuple[str, ...],
    debug: bool,
) -> None:
    """Score the event clustering of FOLDER against gold labels (B-cubed, ARI, V-measure)."""
    from rich.console import Console

    from coverage.evaluation import evaluate_folder

    if (labels_file is None) == (label_field is None):
        raise click.UsageError("give exactly one of --labels FILE or --label-field NAME")
    settings = _settings(config, assignments, model, fast, device, cache_dir, no_cache)
    _check_model(settings.embedding.model)
    with _progress(sys.stderr.isatty() and not debug) as progress:
        scores = evaluate_folder(folder, settings, labels=labels_file, label_field=label_field, progress=progress)
    shown = dataclasses.replace(scores, worst_merged=scores.worst_merged[:top], worst_split=scores.worst_split[:top])
    console = Console(highlight=False)
    console.print(shown)
    hidden = len(scores.worst_merged) + len(scores.worst_split) - len(shown.worst_merged) - len(shown.worst_split)
    if hidden:
        console.print(f"{hidden} more merged or split clusters not listed (--top)", markup=False, style="dim")
    from coverage.ingest import load_corpus

    skipped = load_corpus(folder, settings.ingest).skipped
    if skipped:
        console.print(f"Not scored: {len(skipped)} files could not be read as articles:", markup=False)
        for item in skipped:
            console.print(f"  {item.path}: {item.message}", markup=False)


PREPARE_EXAMPLES = """\b
Examples:
  coverage prepare ecbplus ECB+/ ecbplus/
  coverage prepare newswcl50 NewsWCL50/ newswcl50/
"""


@cli.command(cls=_Command, epilog=PREPARE_EXAMPLES)
@click.argument("corpus", type=click.Choice(["ecbplus", "newswcl50"]))
@click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@click.option("--debug", is_flag=True, help="Show tracebacks.")
def prepare(corpus: str, source: Path, dest: Path, debug: bool) -> None:
    """Turn a labelled evaluation corpus (ECB+ or NewsWCL50 as shipped) into a folder of articles + labels.json."""
    from coverage.evaluation.adapters import ecbplus_to_folder, newswcl50_to_folder

    convert = ecbplus_to_folder if corpus == "ecbplus" else newswcl50_to_folder
    from coverage.evaluation.adapters import LABELS_FILE

    convert(source, dest)
    labels = dest / LABELS_FILE
    click.echo(f"Wrote {corpus} articles to {dest}/ and gold labels to {labels}")
    click.echo(f"Score the clustering with: coverage evaluate {dest} --labels {labels}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``coverage`` console script; returns the exit code."""
    try:
        cli.main(args=argv, prog_name="coverage", standalone_mode=True)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else EXIT_NO_INPUT
    return EXIT_OK
