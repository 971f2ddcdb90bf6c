"""The pipeline on Ray Data: :func:`coverage.pipeline.compare` itself, with its heavy stages spread over a Ray
instance or cluster.

- ingest and cleaning: :mod:`coverage.engine._ray_ingest` (a row-wise ``flat_map``, then one group per outlet);
- embedding: :class:`RayEmbedder`, ``map_batches`` over a pool of actors that each load the model once (one GPU
  each when the cluster has GPUs); the pipeline sends it each distinct text once, and reads and writes the vector
  cache on the driver;
- event clustering: :class:`~coverage.analysis.events.EventClusterer` on the driver, over the gathered vectors;
- per-event analysis (alignment, facts, figures, quotes, framing, copies): one task per event on a pool of actors
  that hold the model, largest events first so that a big one does not finish last alone, each built by the local
  engine's own :func:`coverage.pipeline.build_event`; an event over ``events.max_articles`` articles is analysed
  on a sample, as locally;
- outputs (:mod:`coverage.engine.outputs`): the worker that builds an event writes its partitioned Parquet tables
  (to storage every node sees) and makes its JSON line, when the run asks for them.

Everything else (sentence vectors, the result cache, outlet profiles) is the local pipeline's code, so the result is
the local engine's: the same events, facts, figures and quotes (``tests/test_ray_engine.py``).
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from coverage.analysis.alignment import Aligner
from coverage.analysis.embedding import Embedder, embed_table, make_embedder
from coverage.engine._ray_ingest import read_corpus
from coverage.engine.outputs import EventOutputs, OutputSpec
from coverage.model import Comparison, Event
from coverage.model.outlets import OutletProfiles
from coverage.pipeline import EventJob, Stage, build_event, compare
from coverage.settings import EmbeddingSettings, Settings

__all__ = ["compare_ray"]

logger = logging.getLogger(__name__)


def compare_ray(
    source: Path | str,
    settings: Settings | None = None,
    *,
    address: str | None = None,
    progress: Stage | None = None,
    profiles: OutletProfiles | None = None,
    outputs: EventOutputs | None = None,
) -> Comparison:
    """:func:`coverage.pipeline.compare` on Ray: joins ``address`` (``auto``, ``ray://...``), or starts a local
    instance for the run when ``address`` is ``None`` and none is running in this process. With ``outputs``, the
    workers write each event's partitions and make its JSON line as they finish it."""
    import ray

    settings = settings or Settings()
    settings.validate()
    started = _connect(address)
    try:
        workers = max(1, int(_resources().get("CPU", 1)))
        _report(progress, "Reading files", 0, 1)
        corpus = read_corpus(source, settings.ingest, parallelism=workers)
        _report(progress, "Reading files", 1, 1)
        return compare(
            corpus,
            settings,
            embedder=RayEmbedder(settings.embedding, workers),
            progress=progress,
            profiles=profiles,
            builder=functools.partial(
                _build_events, settings=settings, workers=workers, progress=progress, outputs=outputs
            ),
        )
    finally:
        if started:
            ray.shutdown()


def _connect(address: str | None) -> bool:
    """Join or start Ray (quietly: no dashboard, no progress bars); whether this call started it."""
    import ray
    import ray.data

    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)
    if ray.is_initialized():
        return False
    options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
    if address is not None:
        ray.init(address=address, **options)
    else:
        ray.init(**options)
    return True


def _resources() -> dict[str, float]:
    """The cluster's resources (``CPU``, ``GPU``, ...) as Ray counts them."""
    import ray

    return dict(ray.cluster_resources())  # type: ignore[no-untyped-call]


def _report(progress: Stage | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


class RayEmbedder:
    """An :class:`~coverage.analysis.embedding.Embedder` whose ``encode`` runs on the cluster: Ray Data
    ``map_batches`` over a pool of actors that each load the model once (one GPU each when the cluster has GPUs).

    It has the name of the embedder the settings make, so cache keys and results are the local engine's; the
    pipeline's :func:`~coverage.analysis.embedding.embed_unique` sends it each distinct uncached text once."""

    def __init__(self, settings: EmbeddingSettings, workers: int) -> None:
        self.settings = settings
        self.workers = workers
        self._name = make_embedder(settings).name  # the name only: the model loads in the actors

    @property
    def name(self) -> str:
        return self._name

    def encode(self, texts: Sequence[str], *, progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        import ray.data

        if not texts:
            return make_embedder(self.settings).encode([])
        gpus = int(_resources().get("GPU", 0))
        actors = gpus or max(1, min(self.workers, len(texts) // self.settings.batch_size + 1))
        rows = [{"text": text} for text in texts]
        dataset = ray.data.from_items(rows, override_num_blocks=max(1, min(len(rows) // 256 + 1, 8 * actors)))
        embedded = dataset.map_batches(
            _EmbedBatches,
            fn_constructor_kwargs={"settings": self.settings},
            batch_size=max(self.settings.batch_size, 256),
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=actors),
            num_gpus=1 if gpus else 0,
            num_cpus=0 if gpus else 1,
        )
        out: dict[str, np.ndarray] = {}
        for batch in embedded.iter_batches(batch_format="numpy", batch_size=None):
            matrix = batch["embedding"]
            if matrix.dtype == object:
                matrix = np.stack(list(matrix))
            out.update(zip((str(t) for t in batch["text"]), np.asarray(matrix, dtype=np.float32), strict=True))
            if progress is not None:
                progress(len(out), len(texts))
        return np.stack([out[text] for text in texts])


class _EmbedBatches:
    """A Ray Data actor: loads the model once, then embeds batches (:func:`coverage.analysis.embedding.embed_table`)."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self.embedder = make_embedder(settings)

    def __call__(self, batch: Any) -> Any:
        import polars as pl

        frame = pl.from_arrow(batch)
        assert isinstance(frame, pl.DataFrame)
        return embed_table(frame, self.embedder).to_arrow()


def _build_events(
    jobs: list[EventJob],
    counts: Counter[str],
    *,
    settings: Settings,
    workers: int,
    progress: Stage | None,
    outputs: EventOutputs | None = None,
) -> list[Event]:
    """Each event built by :func:`coverage.pipeline.build_event` on a pool of actors, the largest first (an
    :data:`~coverage.pipeline.EventBuilder`); with ``outputs``, each actor also writes the event's partitions and
    makes its JSON line, which ``outputs`` records."""
    import ray
    from ray.exceptions import RayTaskError
    from ray.util import ActorPool

    if not jobs:
        return []
    spec = outputs.spec if outputs is not None else OutputSpec()
    worker = ray.remote(num_cpus=1)(_EventWorker)
    pool = ActorPool([worker.remote(settings, spec) for _ in range(min(workers, len(jobs)))])
    counts_ref = ray.put(counts)
    largest_first = sorted(range(len(jobs)), key=lambda k: (-sum(len(a.paragraphs) for a in jobs[k].articles), k))
    built: dict[int, Event] = {}
    try:
        for index, event, line in pool.map_unordered(
            lambda actor, k: actor.build.remote(k, jobs[k], counts_ref), largest_first
        ):
            built[index] = event
            if outputs is not None and spec.wanted:
                outputs.record(event, line)
            _report(progress, "Aligning paragraphs and sentences", len(built), len(jobs))
    except RayTaskError as exc:
        if isinstance(exc.cause, OSError):  # an output a worker could not write: the CLI's one-line error
            raise exc.cause from None
        raise
    return [built[k] for k in range(len(jobs))]


class _EventWorker:
    """A Ray actor that builds events, holding the embedder (framing embeds a few texts) and the aligner, and
    produces each event's outputs (:class:`~coverage.engine.outputs.OutputSpec`) as it finishes it."""

    def __init__(self, settings: Settings, outputs: OutputSpec) -> None:
        self.settings = settings
        self.outputs = outputs
        self.embedder: Embedder = make_embedder(settings.embedding)
        self.aligner = Aligner(settings.alignment)

    def build(self, index: int, job: EventJob, counts: Counter[str]) -> tuple[int, Event, str | None]:
        event = build_event(job, self.aligner, self.settings, corpus_counts=counts, embedder=self.embedder)
        return index, event, self.outputs.produce(event)
