"""Ingest on Ray Data: the files (or table units) read in parallel as a row-wise ``flat_map``, then cleaned per outlet
with ``groupby(outlet).map_groups``, giving the same :class:`~coverage.model.Corpus` as
:func:`coverage.ingest.load_corpus`.

What needs the whole corpus stays on the driver and is small: the byte digests that find duplicate files, and the
outlet names whose spellings are merged. Records travel pickled in a binary column (their metadata can be any JSON).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import numpy as np

from coverage.ingest.folder import finish_outlet, list_entries, outlet_of, outlet_spellings, read_file
from coverage.ingest.records import Record
from coverage.ingest.tables import TableUnit, read_unit, table_units
from coverage.model import Article, Corpus, Skipped, SkipReason
from coverage.settings import IngestSettings

__all__ = ["read_corpus"]

_UNIT, _RECORD, _SKIP = "unit", "record", "skip"


def read_corpus(source: Path | str, settings: IngestSettings, *, parallelism: int) -> Corpus:
    """The corpus of a folder or a table, read on the running Ray instance."""
    import ray.data

    root = Path(source)
    entries, table = list_entries(root, settings)
    skipped = [Skipped(rel, *problem) for rel, _, problem in entries if problem is not None]
    readable = [(rel, path) for rel, path, problem in entries if problem is None]
    units: list[TableUnit | tuple[str, str]]
    if table:
        found, bad = table_units(root, readable)
        units, skipped = list(found), skipped + bad
    else:
        units = [(rel, str(path)) for rel, path in readable]
    items = [{"unit": n, "payload": pickle.dumps(u, protocol=pickle.HIGHEST_PROTOCOL)} for n, u in enumerate(units)]
    read = (
        ray.data.from_items(items, override_num_blocks=max(1, min(len(items), 4 * parallelism)))
        .flat_map(lambda row: _read_unit(row, settings=settings))
        .materialize()
    )
    rows = read.select_columns(["unit", "seq", "kind", "digest", "outlet"]).take_all() if items else []
    duplicate = _duplicates(rows, units)
    skipped.extend(duplicate.values())
    kept = [r for r in rows if r["unit"] not in duplicate]
    spelling = outlet_spellings([r["outlet"] for r in kept if r["kind"] == _RECORD])
    results: list[tuple[int, int, Article | Skipped]] = []
    if any(r["kind"] == _SKIP for r in kept):
        skips = read.filter(expr=f"kind == '{_SKIP}'").take_all()
        skipped.extend(pickle.loads(r["blob"]) for r in skips if r["unit"] not in duplicate)
    if spelling:
        # Rows that are not kept records join the group "" and are dropped there: a filter before the group-by
        # can leave blocks without columns, which Ray 2.60's shuffle cannot sort.
        kept_unit = {r["unit"] for r in kept}
        cleaned = (
            read.map(lambda r: {**r, "outlet": _canonical(r, kept_unit, spelling)})
            .groupby("outlet")
            .map_groups(_finish_group, fn_kwargs={"settings": settings}, batch_format="numpy")
        )
        for batch in cleaned.iter_batches(batch_format="numpy", batch_size=None):
            for unit, seq, blob in zip(batch["unit"], batch["seq"], batch["blob"], strict=True):
                results.append((int(unit), int(seq), pickle.loads(blob)))
    results.sort(key=lambda item: item[:2])
    articles = [r for _, _, r in results if isinstance(r, Article)]
    skipped.extend(r for _, _, r in results if isinstance(r, Skipped))
    skipped.sort(key=lambda s: s.path)
    return Corpus(root=root, files_seen=len(entries), articles=tuple(articles), skipped=tuple(skipped))


def _duplicates(rows: list[dict[str, Any]], units: list[TableUnit | tuple[str, str]]) -> dict[int, Skipped]:
    """The units whose bytes an earlier unit (in name order) has, each with its skip, as the local reader finds
    them."""
    first: dict[str, str] = {}
    duplicate: dict[int, Skipped] = {}
    for row in sorted((r for r in rows if r["kind"] == _UNIT), key=lambda r: r["unit"]):
        digest, unit = row["digest"], units[row["unit"]]
        if not digest or isinstance(unit, TableUnit):
            continue
        if digest in first:
            duplicate[row["unit"]] = Skipped(unit[0], SkipReason.DUPLICATE, f"same bytes as {first[digest]}")
        else:
            first[digest] = unit[0]
    return duplicate


def _read_unit(row: dict[str, Any], *, settings: IngestSettings) -> list[dict[str, Any]]:
    """One file or table unit as rows: a marker with the file's digest, then its records and skipped records."""
    unit = pickle.loads(row["payload"])
    digest: str | None = None
    records: list[Record]
    if isinstance(unit, TableUnit):
        records, skipped = read_unit(unit, settings)
    else:
        digest, records, skipped = read_file(unit[0], Path(unit[1]), settings)
    out = [{"unit": row["unit"], "seq": -1, "kind": _UNIT, "digest": digest or "", "outlet": "", "blob": b""}]
    items: list[Record | Skipped] = [*records, *skipped]
    for seq, item in enumerate(items):
        kind, outlet = (_RECORD, outlet_of(item)) if isinstance(item, Record) else (_SKIP, "")
        blob = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
        out.append({"unit": row["unit"], "seq": seq, "kind": kind, "digest": "", "outlet": outlet, "blob": blob})
    return out


def _canonical(row: dict[str, Any], kept_units: set[int], spelling: dict[str, str]) -> str:
    """A kept record's outlet in its merged spelling; ``""`` for every other row."""
    return spelling[row["outlet"]] if row["kind"] == _RECORD and row["unit"] in kept_units else ""


def _finish_group(batch: dict[str, np.ndarray], *, settings: IngestSettings) -> dict[str, np.ndarray]:
    """The records of one outlet cleaned into articles or skips (the outlet's template lines found among them)."""
    # The shuffle of the group-by hands rows over in an order that depends on timing; the local engine cleans an
    # outlet's records in reading order (ids, template lines), so they are put back in that order first.
    keep = sorted(
        (k for k, outlet in enumerate(batch["outlet"]) if outlet != ""),
        key=lambda k: (int(batch["unit"][k]), int(batch["seq"][k])),
    )
    records = []
    for k in keep:
        record = pickle.loads(batch["blob"][k])
        record.outlet = str(batch["outlet"][k])
        records.append(record)
    blobs = [pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL) for item in finish_outlet(records, settings)]
    return {
        "unit": np.asarray(batch["unit"][keep], dtype=np.int64),
        "seq": np.asarray(batch["seq"][keep], dtype=np.int64),
        "blob": np.array([*blobs, b""], dtype=object)[:-1],  # an object array even when every blob has one length
    }
