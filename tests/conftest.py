from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "datasets" / "kazakhstan-2022"
SHARED_DATASETS = Path(os.environ.get("COVERAGE_DATASETS", ROOT.parent / "shared" / "datasets"))


@pytest.fixture
def write(tmp_path: Path):
    """write({"outlet/a.txt": "text", "b.json": {...}}) -> the folder, with each file written."""

    def _write(files: dict[str, object], root: Path | None = None) -> Path:
        base = root or tmp_path / "corpus"
        base.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            elif isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_text(json.dumps(content), encoding="utf-8")
        return base

    return _write


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never write to the user's cache folder unless they say so."""
    if "XDG_CACHE_HOME" not in os.environ or not os.environ.get("COVERAGE_TEST_KEEP_CACHE"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "xdg-cache"))
