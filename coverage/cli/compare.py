"""``coverage compare``: the whole analysis of a folder or table, and its reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from coverage.cli._base import (
    _check_model,
    _Command,
    _distillation_notice,
    _progress,
    _resolve_outlet,
    _settings,
    _stderr,
    _with_common,
    cli,
)
from coverage.cli._outputs import (
    EXPORT_LAYOUTS,
    WRAP,
    _check_outputs,
    _guard_outputs,
    _missing_folder,
    _write_json,
    _write_json_lines,
    _written,
)

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
