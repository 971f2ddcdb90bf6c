"""The project's gold corpora: ``datasets/<name>/`` with its gold file beside it (``<name>.truth.json``, or the
demo's ``<name>.ground_truth.json``; format in ``datasets/TRUTH_FORMAT.md``). The benchmarks and the quality gates
find them, read them and fingerprint them here, so that a gate can tell a changed corpus from a changed tool."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

__all__ = ["CORPORA", "corpus_hash", "load_truth", "truth_path"]

CORPORA = (
    "kazakhstan-2022",
    "rates-and-verdicts",
    "harbour-unrest",
    "election-and-blast",
    "strike-and-sentence",
    "budget-and-wildfire",
    "earnings-and-outbreak",
    "tariffs-and-derailment",
)
"""The gold corpora the project wrote, the demo first."""


def truth_path(datasets: Path, name: str) -> Path:
    """The gold file of corpus ``name`` in ``datasets``."""
    for candidate in (datasets / f"{name}.truth.json", datasets / f"{name}.ground_truth.json"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no gold file for {name} in {datasets}")


def load_truth(path: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return truth


def corpus_hash(datasets: Path, name: str) -> str:
    """SHA-256 of the gold file and of every file of the corpus folder (names and bytes, in name order)."""
    digest = hashlib.sha256(truth_path(datasets, name).read_bytes())
    folder = datasets / name
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
