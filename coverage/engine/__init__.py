"""Engines: where the pipeline runs, with the same result either way.

``local`` is :func:`coverage.pipeline.compare`, in this process. ``ray`` runs the same stages on Ray Data
(:mod:`coverage.engine._ray`): on a local Ray instance it starts itself, or on a cluster (``address="auto"`` joins
the one ``ray start --head`` or KubeRay runs). Ray is an optional extra: ``pip install 'news-coverage[ray]'``.
"""

from __future__ import annotations

from pathlib import Path

from coverage._errors import CoverageError
from coverage.engine.outputs import EventOutputs
from coverage.model import Comparison
from coverage.model.outlets import OutletProfiles
from coverage.pipeline import Stage
from coverage.settings import Settings

__all__ = ["ENGINES", "EventOutputs", "MissingExtraError", "compare"]

ENGINES = ("local", "ray")
"""The engines :func:`compare` runs on."""


class MissingExtraError(CoverageError):
    """An engine needs a package that is not installed; the message names the extra that brings it."""

    exit_code = 2


def compare(
    source: Path | str,
    settings: Settings | None = None,
    *,
    engine: str = "local",
    ray_address: str | None = None,
    progress: Stage | None = None,
    profiles: OutletProfiles | None = None,
    outputs: EventOutputs | None = None,
) -> Comparison:
    """Run the whole analysis on ``source`` (a folder or a table) with ``engine`` (one of :data:`ENGINES`).

    ``ray_address`` is the Ray cluster to join (``auto``, ``ray://host:10001``); ``None`` starts a local instance
    for the run (unless one is already running in this process). Raises :class:`MissingExtraError` when the engine
    is ``ray`` and Ray is not installed.

    ``outputs`` (:class:`~coverage.engine.outputs.EventOutputs`): on Ray, the workers write each event's partitioned
    tables and make its JSON line as they finish it; ``outputs.write_partitions(result)`` and
    ``outputs.json_lines(result)`` then account for every event (the local engine leaves it all to them).
    """
    if engine == "local":
        from coverage.pipeline import compare as local_compare

        return local_compare(source, settings, progress=progress, profiles=profiles)
    if engine != "ray":
        raise ValueError(f"unknown engine {engine!r}; engines: {', '.join(ENGINES)}")
    try:
        import ray.data  # noqa: F401
    except ImportError:
        raise MissingExtraError("--engine ray needs Ray Data: pip install 'news-coverage[ray]'") from None
    from coverage.engine._ray import compare_ray

    return compare_ray(source, settings, address=ray_address, progress=progress, profiles=profiles, outputs=outputs)
