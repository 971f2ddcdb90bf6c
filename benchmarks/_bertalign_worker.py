"""Run Bertalign (PyPI ``bertalign`` 2.x) on prepared cases; called by ``benchmarks/alignment.py``.

This file runs under Python >= 3.12 in the benchmark's own virtual environment (``.bench/bertalign-venv``), not
under the project's interpreter. It is given a JSON job on standard input and writes JSON to standard output:

- ``{"phase": "texts", "cases": [[a_segments, b_segments], ...], "max_align": 5}`` answers with the texts
  Bertalign's encoder would embed (every window of 1..max_align-1 consecutive segments, as Bertalign's own
  ``Encoder.transform`` builds them), so that the caller embeds them once, with the same model as our aligner.
- ``{"phase": "align", ..., "vectors": "file.npy", "texts": "file.json"}`` aligns every case with those vectors
  and answers with the beads and the time each alignment took.

Bertalign's algorithm runs unchanged: its ``Bertalign`` class, ``Encoder.transform`` and numba kernels. Three
things around it are replaced, and only where its heavy dependencies are missing (a CPU build of torch for
Python 3.12 is not on this machine's package index; PyPI's is the multi-GB CUDA build):

- ``sentence_transformers``: the encoder's model is a table lookup of the caller's vectors (same model);
- ``torch``: used by Bertalign only for the exact top-k inner-product search of its first pass, which
  :func:`_top_k` does with numpy (same result: scores sorted best first, with their indices);
- language detection returns English: with ``is_split=True`` the language only names the texts in log lines.

Where torch and sentence-transformers are installed in that environment, the real top-k search is used.
"""

from __future__ import annotations

import json
import sys
import time
import types
from typing import Any

import numpy as np

_STUBBED_TORCH = False
try:
    import torch  # noqa: F401
except ImportError:
    _STUBBED_TORCH = True
    sys.modules["torch"] = types.ModuleType("torch")
try:
    import sentence_transformers  # noqa: F401
except ImportError:
    stub = types.ModuleType("sentence_transformers")

    class _NoModel:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise RuntimeError("sentence-transformers is not installed here: vectors come from the caller")

    stub.SentenceTransformer = _NoModel  # type: ignore[attr-defined]
    sys.modules["sentence_transformers"] = stub

import bertalign.aligner as bertalign_aligner  # noqa: E402
from bertalign import Bertalign, Encoder  # noqa: E402


def _top_k(src: np.ndarray, tgt: np.ndarray, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Exact top-k inner-product search, as ``bertalign.corelib.find_top_k_sents`` does with torch."""
    sim = np.ascontiguousarray(src, dtype=np.float32) @ np.ascontiguousarray(tgt, dtype=np.float32).T
    k = min(k, sim.shape[1])
    index = np.argsort(-sim, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(sim, index, axis=1), index.astype(np.int64)


if _STUBBED_TORCH:
    bertalign_aligner.find_top_k_sents = _top_k  # type: ignore[assignment]
bertalign_aligner.detect_lang = lambda text: "en"  # type: ignore[assignment]


class _Lookup:
    """Stands in for a SentenceTransformer: returns stored vectors, or zeros while recording the texts."""

    def __init__(self, table: dict[str, np.ndarray] | None, dimension: int) -> None:
        self.table = table
        self.dimension = dimension
        self.seen: list[str] = []

    def encode(self, texts: list[str], **kwargs: Any) -> np.ndarray:
        if self.table is None:
            self.seen.extend(texts)
            return np.zeros((len(texts), self.dimension), dtype=np.float32)
        return np.stack([self.table[text] for text in texts]).astype(np.float32)


class _PrecomputedEncoder(Encoder):
    """Bertalign's own ``Encoder`` (its ``transform`` builds the windows), with a lookup for a model."""

    def __init__(self, lookup: _Lookup) -> None:  # no model to load
        self.model = lookup
        self.model_name = "all-MiniLM-L6-v2 (vectors from the caller)"


def _text(segments: list[str]) -> str:
    return "\n".join(" ".join(s.split()) for s in segments)


def main() -> None:
    job = json.load(sys.stdin)
    max_align = int(job.get("max_align", 5))
    cases = job["cases"]
    if job["phase"] == "texts":
        lookup = _Lookup(None, 8)
        encoder = _PrecomputedEncoder(lookup)
        for a, b in cases:
            Bertalign(_text(a), _text(b), is_split=True, model=encoder, max_align=max_align)
        json.dump({"texts": list(dict.fromkeys(lookup.seen))}, sys.stdout)
        return
    with open(job["texts"], encoding="utf-8") as handle:
        texts = json.load(handle)
    vectors = np.load(job["vectors"])
    lookup = _Lookup(dict(zip(texts, vectors, strict=True)), vectors.shape[1])
    encoder = _PrecomputedEncoder(lookup)
    if cases:  # numba compiles its kernels on first use: keep that out of the timings
        a, b = cases[0]
        Bertalign(_text(a), _text(b), is_split=True, model=encoder, max_align=max_align).align_sents()
    results = []
    for a, b in cases:
        start = time.perf_counter()
        aligner = Bertalign(_text(a), _text(b), is_split=True, model=encoder, max_align=max_align)
        beads = aligner.align_sents()
        seconds = time.perf_counter() - start
        results.append({"beads": [[[int(k) for k in s], [int(k) for k in t]] for s, t in beads], "seconds": seconds})
    json.dump({"results": results, "stubbed_torch": _STUBBED_TORCH}, sys.stdout)


if __name__ == "__main__":
    main()
