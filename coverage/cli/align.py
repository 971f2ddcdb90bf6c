"""``coverage align``: two articles side by side."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass

from coverage.cli._base import _Command, _settings, _with_common, cli

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
