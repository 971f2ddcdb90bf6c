"""``coverage evaluate`` and ``coverage prepare``: the event clustering scored against gold labels."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from coverage.cli._base import _check_model, _Command, _progress, _settings, _with_common, cli

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
