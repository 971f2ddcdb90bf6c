"""How the analysis scales: synthetic corpora of 1k, 10k and 50k articles, the local engine against Ray.

    python benchmarks/scale.py                                   # 1k and 10k, both engines, static embedder
    python benchmarks/scale.py --sizes 1000 10000 50000 --model static --engines local ray
    python benchmarks/scale.py --sizes 1000 --model default     # the bundled transformer (slow on a CPU)

Each corpus is written by ``perf_corpora.make_synthetic`` (events recombined from ECB+ and NewsWCL50 sentences,
so ``COVERAGE_DATASETS`` must hold them) and converted into one Parquet table, the form large corpora come in; both
engines read that table. Each run is a fresh process (``--worker``), the vector and result caches off, so every
stage is computed. Reported per run: wall time, articles per second, the time of each stage (ingest, embedding,
clustering, sentence embedding, per-event analysis: the rest), and the peak memory of the driver, of the largest
other process (a Ray worker) and of all of them together (sampled from ``/proc`` every 0.2 s).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from perf_corpora import make_synthetic

STAGES = ("ingest", "embed", "cluster", "sentences")
"""Stages timed by wrapping their functions; the per-event analysis is what is left of the wall time."""


def write_table(n_articles: int, work: Path) -> Path:
    """The synthetic corpus of ``n_articles`` as one Parquet file (made once, kept under ``work``)."""
    import polars as pl

    table = work / f"synth{n_articles}.parquet"
    if table.exists():
        return table
    folder = make_synthetic(work / f"synth{n_articles}", n_articles)
    rows = [
        json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.rglob("*.json")) if p.name != "labels.json"
    ]
    pl.DataFrame(rows).write_parquet(table)
    return table


def _timed(module: Any, name: str, stage: str, times: dict[str, float]) -> None:
    original = getattr(module, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times[stage] = times.get(stage, 0.0) + time.perf_counter() - start

    setattr(module, name, wrapper)


def run_worker(path: Path, engine: str, model: str) -> dict[str, Any]:
    """One analysis of ``path`` in this process, with the time of each stage."""
    import resource

    import coverage.pipeline as pipeline
    from coverage.engine import compare
    from coverage.settings import Settings

    times: dict[str, float] = {}
    _timed(pipeline, "load_corpus", "ingest", times)
    _timed(pipeline, "embed_corpus", "embed", times)
    _timed(pipeline, "plan_events", "cluster", times)
    _timed(pipeline, "_sentence_vectors", "sentences", times)
    if engine == "ray":
        import coverage.engine._ray as on_ray

        _timed(on_ray, "read_corpus", "ingest", times)
    embedding: dict[str, Any] = {"cache": False}
    if model != "default":
        embedding["model"] = model
    settings = Settings().replace(embedding=embedding)
    start = time.perf_counter()
    result = compare(path, settings, engine=engine)
    total = time.perf_counter() - start
    times["events"] = total - sum(times.get(s, 0.0) for s in STAGES)
    return {
        "articles": len(result.corpus.articles),
        "events": len(result.events),
        "facts": sum(len(e.facts) for e in result.events),
        "total": total,
        "stages": times,
        "driver_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _tree(root: int) -> list[int]:
    """``root`` and every process below it (from ``/proc/*/stat``)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(path: Path, engine: str, model: str, timeout: float) -> dict[str, Any]:
    """Run one analysis in a fresh process, sampling the memory of its process tree."""
    command = [sys.executable, __file__, "--worker", str(path), "--engine", engine, "--model", model]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    peaks: dict[int, float] = {}
    total_peak = [0.0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            sizes = {pid: _rss_mib(pid) for pid in _tree(process.pid)}
            for pid, size in sizes.items():
                peaks[pid] = max(peaks.get(pid, 0.0), size)
            total_peak[0] = max(total_peak[0], sum(sizes.values()))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"engine": engine, "timed_out": timeout}
    finally:
        done.set()
        sampler.join()
    if process.returncode != 0:
        return {"engine": engine, "failed": process.returncode}
    run: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    others = [size for pid, size in peaks.items() if pid != process.pid]
    run.update(engine=engine, largest_other_mib=max(others, default=0.0), tree_peak_mib=total_peak[0])
    return run


def print_rows(results: list[dict[str, Any]]) -> None:
    header = "| N | engine | wall s | art./s | ingest | embed | cluster | sentences | events | driver MiB | "
    print(header + "largest worker MiB | all processes MiB | events found |")
    print("|" + "---|" * 13)
    for run in results:
        if "total" not in run:
            print(f"| {run['n']:,} | {run['engine']} | {run} |")
            continue
        stages = " | ".join(f"{run['stages'].get(s, 0.0):.1f}" for s in (*STAGES, "events"))
        print(
            f"| {run['n']:,} | {run['engine']} | {run['total']:.1f} | {run['n'] / run['total']:.1f} | {stages} | "
            f"{run['driver_peak_mib']:.0f} | {run['largest_other_mib']:.0f} | {run['tree_peak_mib']:.0f} | "
            f"{run['events']:,} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--model", default="static", help="static, hashing or default (the bundled transformer)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "coverage-scale")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per run")
    parser.add_argument("--out", type=Path, help="also write the runs as JSON")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--engine", default="local", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.worker is not None:
        print(json.dumps(run_worker(args.worker, args.engine, args.model)))
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)  # noqa: E731
    for n in args.sizes:
        table = write_table(n, args.work)
        for engine in args.engines:
            report(f"{n} articles, {engine} ...")
            run = measure(table, engine, args.model, args.timeout) | {"n": n, "model": args.model}
            report(f"  {run.get('total', run)}")
            results.append(run)
            if args.out:
                args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print_rows(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
