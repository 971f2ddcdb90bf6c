"""Charts of one event, as PNG files: which outlets carry which facts, and how their figures compare.

matplotlib is imported inside the functions (with the headless ``Agg`` backend), so importing ``coverage`` stays
fast. Output is deterministic: a fixed size (:data:`FIGSIZE` inches at :data:`DPI`, so every PNG is
``FIGSIZE * DPI`` pixels), no dates or software name in the metadata, a fixed SVG hash salt, and at most
:data:`MAX_ROWS` facts / :data:`MAX_GROUPS` figure groups per chart (the rest are counted in the title).
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import math
import os
import textwrap
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coverage._io import code_fingerprint, slugify, write_atomic
from coverage.model import Event

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from coverage._cache import EmbeddingCache
    from coverage.model import FigureGroup

logger = logging.getLogger(__name__)

__all__ = [
    "DPI",
    "FIGSIZE",
    "MAX_GROUPS",
    "MAX_ROWS",
    "chart_key",
    "chart_path",
    "coverage_heatmap",
    "figures_chart",
    "render_charts",
    "write_charts",
    "write_event_plots",
]

FIGSIZE = (12.0, 8.0)
"""Width and height of every chart, in inches."""
DPI = 100
"""Pixels per inch: every PNG is 1200 x 800 pixels."""
MAX_ROWS = 30
"""Most facts (or units) shown in a coverage heat map."""
MAX_GROUPS = 6
"""Most figure groups shown in a figures chart (conflicts first)."""
LABEL_WIDTH = 70
"""Characters of a fact's text shown as its row label."""

_CARRIED = "#2b8a3e"
_OMITTED = "#f1f3f5"
_CONFLICT = "#c92a2a"
_AGREE = "#1c7ed6"


def _figure() -> Figure:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "coverage"
    # Outlet names, titles and facts are text, never TeX: "$5 and $6" must not start mathtext (which can fail).
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["text.usetex"] = False
    # A Figure not registered with pyplot: no global state, nothing to close.
    return Figure(figsize=FIGSIZE, dpi=DPI)


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def _label(text: str, width: int = LABEL_WIDTH) -> str:
    return textwrap.shorten(" ".join(text.split()), width=width, placeholder="…")


def _heatmap_rows(event: Event) -> tuple[list[tuple[str, tuple[str, ...]]], str]:
    if event.facts:
        return [(f"{f.id}  {f.text}", f.outlets) for f in event.facts], "facts"
    return [(f"{u.id}  {u.text}", u.outlets) for u in event.units], "units"


def coverage_heatmap(event: Event, path: Path) -> bool:
    """Draw which outlets carry (filled) or omit (blank) each fact of ``event`` — or each unit when the event
    has no facts — and write it as a PNG to ``path``. Returns ``False`` (writing nothing) when there is nothing
    to show: no facts and no units."""
    data = _heatmap_png(event)
    if data is not None:
        write_atomic(Path(path), data)
    return data is not None


def _heatmap_png(event: Event) -> bytes | None:
    rows, what = _heatmap_rows(event)
    if not rows:
        return None
    outlets = list(event.outlets)
    shown = rows[:MAX_ROWS]
    matrix = [[1.0 if outlet in carried else 0.0 for outlet in outlets] for _, carried in shown]

    from matplotlib.colors import ListedColormap

    figure = _figure()
    axes = figure.add_axes((0.42, 0.16, 0.55, 0.74))
    axes.imshow(
        matrix, cmap=ListedColormap([_OMITTED, _CARRIED]), vmin=0, vmax=1, aspect="auto", interpolation="nearest"
    )
    axes.set_xticks(range(len(outlets)), [_label(o, 24) for o in outlets], rotation=35, ha="right", fontsize=8)
    axes.set_yticks(range(len(shown)), [_label(text) for text, _ in shown], fontsize=max(5, min(8, 240 // len(shown))))
    axes.set_xticks([x - 0.5 for x in range(1, len(outlets))], minor=True)
    axes.set_yticks([y - 0.5 for y in range(1, len(shown))], minor=True)
    axes.grid(which="minor", color="white", linewidth=1)
    axes.tick_params(which="minor", length=0)
    more = f" (first {len(shown)} of {len(rows)})" if len(rows) > len(shown) else ""
    title = f"{event.id}: {_label(event.title, 90)}\n{what.capitalize()} each outlet carries (green) or omits{more}"
    figure.suptitle(title, fontsize=10, x=0.01, y=0.985, ha="left", va="top")
    return _png(figure)


def _chart_groups(event: Event) -> list[FigureGroup]:
    groups = [g for g in event.figures if len(g.outlets) >= 2]
    # Conflicts first, then groups covered by more outlets; stable, so event order breaks ties.
    return sorted(groups, key=lambda g: (not g.conflict, -len(g.outlets)))


def _draw_group(axes: Axes, group: FigureGroup) -> None:
    mentions = sorted(group.mentions, key=lambda m: (m.outlet.casefold(), m.figure.value, m.article_id))
    finite = [v for m in mentions for v in (m.figure.value, m.figure.low, m.figure.high) if v is not None]
    low_edge, high_edge = min(finite), max(finite)
    pad = (high_edge - low_edge) * 0.15 or max(abs(high_edge) * 0.15, 1.0)
    left, right = low_edge - pad, high_edge + pad
    colour = _CONFLICT if group.conflict else _AGREE
    for row, mention in enumerate(mentions):
        figure = mention.figure
        low = left if figure.low is None else figure.low
        high = right if figure.high is None else figure.high
        axes.hlines(row, low, high, color=colour, linewidth=2, alpha=0.6)
        if figure.low is None:
            axes.plot([left], [row], marker="<", color=colour, clip_on=False)
        if figure.high is None:
            axes.plot([right], [row], marker=">", color=colour, clip_on=False)
        axes.plot([figure.value], [row], marker="o", color=colour)
    axes.set_xlim(left, right)
    axes.set_ylim(len(mentions) - 0.5, -0.5)
    labels = [_label(f"{m.outlet}: {m.figure.text}", 40) for m in mentions]
    axes.set_yticks(range(len(mentions)), labels, fontsize=7)
    axes.tick_params(axis="x", labelsize=7)
    state = "date unknown" if group.dates_unknown else group.verdict
    referent = f" ({group.referent})" if group.referent else ""
    axes.set_title(_label(f"{group.kind}{referent}: {state}", 48), fontsize=9, color=colour, loc="left")
    if group.conflict:
        for spine in axes.spines.values():
            spine.set_color(_CONFLICT)
            spine.set_linewidth(1.5)


def figures_chart(event: Event, path: Path) -> bool:
    """Draw every figure group of ``event`` that two or more outlets mention: each mention's value (dot) and the
    interval its qualifier allows (bar; an arrow where it is unbounded), conflicting groups in red. Writes a PNG
    to ``path``; returns ``False`` (writing nothing) when no group has two outlets."""
    data = _figures_png(event)
    if data is not None:
        write_atomic(Path(path), data)
    return data is not None


def _figures_png(event: Event) -> bytes | None:
    groups = _chart_groups(event)
    if not groups:
        return None
    shown = groups[:MAX_GROUPS]
    figure = _figure()
    columns = 1 if len(shown) == 1 else 2
    rows = math.ceil(len(shown) / columns)
    grid: Any = figure.subplots(rows, columns, squeeze=False)
    for index, axes in enumerate(grid.flat):
        if index < len(shown):
            _draw_group(axes, shown[index])
        else:
            axes.set_axis_off()
    more = f" (first {len(shown)} of {len(groups)})" if len(groups) > len(shown) else ""
    figure.suptitle(f"{event.id}: figures reported by two or more outlets{more}", fontsize=11, x=0.01, ha="left")
    figure.subplots_adjust(left=0.22, right=0.98, top=0.9, bottom=0.06, wspace=0.75, hspace=0.5)
    return _png(figure)


CHARTS: dict[str, Callable[[Event], bytes | None]] = {"coverage": _heatmap_png, "figures": _figures_png}
"""The charts of an event, by file-name suffix: each returns PNG bytes, or ``None`` when it has nothing to show."""
KEEP_CHARTS = 400
"""Rendered charts kept in the cache (the most recent)."""
PARALLEL_FROM = 12
"""Charts are drawn in worker processes (one per CPU, at most 4) when at least this many must be drawn: drawing
costs about 0.25 s a chart here, a worker about 1 s to start."""


def _chart_inputs(event: Event, chart: str) -> object:
    """Everything chart ``chart`` of ``event`` draws from: the key of its cache entry."""
    if chart == "coverage":
        return (event.id, event.title, event.outlets, _heatmap_rows(event))
    groups = _chart_groups(event)
    return (event.id, groups[:MAX_GROUPS], len(groups))


@functools.cache
def _matplotlib_version() -> str:
    from importlib.metadata import version

    return version("matplotlib")


def chart_key(event: Event, chart: str) -> str:
    """The cache key of one chart: what it draws, the package's code and matplotlib's version."""
    digest = hashlib.sha256()
    for part in (code_fingerprint(), _matplotlib_version(), chart, repr(_chart_inputs(event, chart))):
        digest.update(part.encode("utf-8") + b"\0")
    return "chart:" + digest.hexdigest()


def _draw(event: Event, chart: str) -> bytes | None:
    """The chart's PNG, or ``None`` when it has nothing to show or cannot be drawn: a failed chart is logged and
    left out, and the reports are written without it."""
    try:
        return CHARTS[chart](event)
    except Exception as exc:  # matplotlib's failures have no common base; no chart is worth a report
        logger.warning("chart %s of %s not drawn: %s: %s", chart, event.id, type(exc).__name__, exc)
        return None


def _workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(4, cpus))


def render_charts(
    events: Sequence[Event],
    *,
    cache: EmbeddingCache | None = None,
    parallel_from: int = PARALLEL_FROM,
) -> dict[tuple[str, str], bytes]:
    """PNG bytes of every chart of ``events`` that has something to show, by (event id, chart name).

    Charts found in ``cache`` (same inputs, same code) are not drawn again; the others are drawn, in worker
    processes when there are ``parallel_from`` or more and more than one CPU, and stored. The bytes do not
    depend on where they were drawn.
    """
    jobs = [(event, chart) for event in events for chart in CHARTS]
    keys = {(e.id, c): chart_key(e, c) for e, c in jobs} if cache is not None else {}
    found: dict[tuple[str, str], bytes | None] = {}
    if cache is not None:
        for job, key in keys.items():
            data = cache.get_blob(key)
            if data is not None:
                found[job] = data
    todo = [(e, c) for e, c in jobs if (e.id, c) not in found]
    drawn: list[bytes | None] | None = None
    workers = _workers()
    if len(todo) >= parallel_from and workers > 1:
        drawn = _draw_in_workers(todo, workers)
    if drawn is None:
        drawn = [_draw(e, c) for e, c in todo]
    for (event, chart), data in zip(todo, drawn, strict=True):
        found[(event.id, chart)] = data
        if cache is not None and data is not None:
            cache.put_blob(keys[(event.id, chart)], "chart", data, keep=KEEP_CHARTS)
    return {job: data for job, data in found.items() if data is not None}


def _draw_in_workers(todo: Sequence[tuple[Event, str]], workers: int) -> list[bytes | None] | None:
    """Draw in ``workers`` spawned processes (a fork of a process holding torch's threads may deadlock; a fresh
    interpreter cannot); ``None`` where processes cannot be used (no ``__main__`` guard in a user's script, a
    sandbox without multiprocessing): the caller then draws in this process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            return list(pool.map(_draw, [e for e, _ in todo], [c for _, c in todo]))
    except (OSError, RuntimeError, BrokenProcessPool) as exc:
        logger.info("drawing charts in this process (worker processes unavailable: %s)", exc)
        return None


def write_charts(charts: Mapping[tuple[str, str], bytes], event: Event, folder: Path) -> list[Path]:
    """Write the rendered charts of ``event`` (from :func:`render_charts`) into ``folder``; returns the paths."""
    written = []
    for chart in CHARTS:
        if (event.id, chart) in charts:
            path = chart_path(folder, event, chart)
            write_atomic(path, charts[(event.id, chart)])
            written.append(path)
    return written


def chart_path(folder: Path, event: Event, chart: str) -> Path:
    """Where chart ``chart`` of ``event`` is written: ``<folder>/<event id>-<chart>.png``."""
    return Path(folder) / f"{slugify(event.id, fallback='event')}-{chart}.png"


def write_event_plots(event: Event, folder: Path, *, cache: EmbeddingCache | None = None) -> list[Path]:
    """Write the charts of ``event`` that have something to show into ``folder``:
    ``<event id>-coverage.png`` and ``<event id>-figures.png``. Returns the paths written."""
    return write_charts(render_charts([event], cache=cache), event, folder)
