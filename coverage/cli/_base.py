"""What every command shares: the command group, error-to-exit-code mapping, common options, settings from
the options, the progress bar, terminal-safe messages."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
