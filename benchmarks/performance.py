"""Performance and scale: time each stage and the peak memory, cold and warm, on corpora of growing size.

Every configuration (corpus x embedder x cold/warm) runs in its own subprocess, so peaks are separate and a warm
run really starts from the on-disk cache only. In the same run a fresh process loads the same model and encodes
every unique paragraph of the corpus once, same batch size: the floor (the cost of embedding the text itself).
The ratio printed is cold end-to-end / floor (target <= 1.25). See ``benchmarks/PERFORMANCE.md``.

    .venv/bin/python benchmarks/performance.py --out perf.json                   # demo, ECB+, held300, growth
    .venv/bin/python benchmarks/performance.py --only demo                       # a quick run
    .venv/bin/python benchmarks/performance.py --only ecbplus,held300 --no-tracemalloc
    .venv/bin/python benchmarks/performance.py --only growth --fast              # the static embedder everywhere

Corpora (``perf_corpora.py``): ``demo`` (datasets/kazakhstan-2022), ``ecbplus`` (converted from
``$COVERAGE_DATASETS/ecbplus``), ``held300`` (300 synthetic articles, 100 events x 3 outlets), ``synth100``,
``synth1k``, ``synth10k`` (synthetic events recombined from ECB+ and NewsWCL50 sentences, with gold labels),
``copies50`` ... ``copies400`` (one event of N copies). ``synth10k`` runs with the static embedder unless
``--real-model-10k``: the transformer would need 8+ minutes of embedding on two CPU cores.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from io import StringIO
from pathlib import Path
from typing import Any

from perf_corpora import CORPORA, DATASETS, ROOT, prepare

EMBEDDERS = ("default", "static")
GROWTH = ("synth100", "synth1k", "synth10k", "copies50", "copies100", "copies200", "copies400")
SLOW_WITH_DEFAULT = ("synth10k",)
"""Corpora run with the static embedder unless ``--real-model-10k``: the transformer needs 8+ minutes on them."""


# --------------------------------------------------------------------------------------------------- corpora


# --------------------------------------------------------------------------------------------------- worker


class _Timers:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.cpu: dict[str, float] = defaultdict(float)
        self._depth: dict[str, int] = defaultdict(int)

    @contextmanager
    def time(self, name: str) -> Iterator[None]:
        # nested timings of one name (the framing's prefetch inside a timed call) count once
        self._depth[name] += 1
        start, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._depth[name] -= 1
            if not self._depth[name]:
                self.seconds[name] += time.perf_counter() - start
                self.cpu[name] += time.process_time() - cpu

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.time(name):
                return function(*args, **kwargs)

        return timed


class _Recording:
    """An embedder that remembers what it computed, in which phase, and how long the model took."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.texts: list[str] = []
        self.paragraph_texts = 0
        self.phase = "paragraphs"
        self.counts: dict[str, int] = defaultdict(int)
        self.calls: dict[str, int] = defaultdict(int)
        self.seconds: dict[str, float] = defaultdict(float)

    @property
    def name(self) -> str:
        return str(self.inner.name)

    def encode(self, texts: Sequence[str], *, progress: Any = None) -> Any:
        self.texts.extend(texts)
        self.counts[self.phase] += len(texts)
        self.calls[self.phase] += 1
        start = time.perf_counter()
        try:
            return self.inner.encode(texts, progress=progress)
        finally:
            self.seconds[self.phase] += time.perf_counter() - start


def _cpu() -> float:
    """CPU seconds of this process and its finished children (chart workers): steadier than wall time on a shared
    machine, where other work takes turns on the cores."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _embedder(kind: str, batch_size: int, model_dir: Path) -> Any:
    from coverage.analysis.embedding import SentenceTransformerEmbedder, StaticEmbedder

    if kind == "static":
        return StaticEmbedder(folder=model_dir)
    return SentenceTransformerEmbedder(device="cpu", batch_size=batch_size)


def _analyse(articles: Any, embedder: Any, cache: Any, settings: Any, timers: _Timers) -> Any:
    """What pipeline.compare runs on a cache miss, stage by stage."""
    import coverage.pipeline as pipeline
    from coverage.analysis.events import EventClusterer

    pooled = getattr(settings.embedding, "pool_sentences", None)  # None: a checkout from before pooling
    with timers.time("embed_paragraphs"):
        if pooled is None:
            vectors = pipeline.embed_corpus(articles, embedder, cache=cache)
        else:
            vectors = pipeline.embed_corpus(articles, embedder, cache=cache, pool=pooled)
    embedder.paragraph_texts = len(embedder.texts)
    embedder.phase = "analysis"
    with timers.time("cluster"):
        EventClusterer(settings.events).fit(articles, vectors.paragraphs, vectors.leads)
    if pooled is None:
        reuse = lambda texts: pipeline.embed_unique(texts, embedder, cache=cache)[0]  # noqa: E731
    else:
        reuse = pipeline.sentence_embedder(vectors, embedder, cache=cache)

    def embed_sentences(texts: list[str]) -> Any:
        embedder.phase = "sentences"
        try:
            with timers.time("embed_sentences"):
                return reuse(texts)
        finally:
            embedder.phase = "analysis"

    # Sub-stages of build_events, timed where the pipeline calls them (the pipeline itself is unchanged).
    class TimedAligner(pipeline.Aligner):  # type: ignore[name-defined,misc]
        def align(self, *a: Any, **k: Any) -> Any:
            with timers.time(f"align_{k.get('granularity', 'paragraph')}s"):
                return super().align(*a, **k)

    class TimedClusterer(pipeline.EventClusterer):  # type: ignore[name-defined,misc]
        def fit(self, *a: Any, **k: Any) -> Any:
            with timers.time("events_cluster"):
                return super().fit(*a, **k)

    shared = getattr(pipeline, "SharedEmbedder", None)  # None: a checkout from before the framing prefetch
    if shared is not None:  # the framing's texts of all events, embedded in one call ahead: framing time
        prefetch = shared.prefetch
        shared.prefetch = timers.wrap("framing", prefetch)
    originals = {}
    patches = {
        "Aligner": TimedAligner,
        "EventClusterer": TimedClusterer,
        "build_facts": timers.wrap("facts", pipeline.build_facts),
        "omission_context": timers.wrap("facts", pipeline.omission_context),
        "find_copies": timers.wrap("copies", pipeline.find_copies),
        "article_figures": timers.wrap("figures", pipeline.article_figures),
        "group_figures": timers.wrap("figures", pipeline.group_figures),
        "extract_quotes": timers.wrap("quotes", pipeline.extract_quotes),
        "match_quotes": timers.wrap("quotes", pipeline.match_quotes),
        "analyse_framing": timers.wrap("framing", pipeline.analyse_framing),
    }
    for name, value in patches.items():
        originals[name] = getattr(pipeline, name)
        setattr(pipeline, name, value)
    try:
        with timers.time("build_events"):
            return pipeline.build_events(
                articles,
                vectors,
                settings,
                embed_sentences=embed_sentences,
                embedder=pipeline.CachedEmbedder(embedder, cache),
            )
    finally:
        for name, value in originals.items():
            setattr(pipeline, name, value)
        if shared is not None:
            shared.prefetch = prefetch


def run_worker(args: argparse.Namespace) -> dict[str, Any]:
    """One pipeline run, stage by stage, in this process."""
    if args.tracemalloc:
        tracemalloc.start()
    timers = _Timers()
    with timers.time("import"):
        import scipy.sparse  # noqa: F401  (libraries the stages import lazily: timed here, not in a stage)
        import sklearn.feature_extraction.text  # noqa: F401
        from rich.console import Console

        import coverage.pipeline as pipeline
        from coverage._cache import EmbeddingCache
        from coverage.evaluation.scores import evaluate_clustering, load_labels
        from coverage.ingest import load_corpus
        from coverage.model import Comparison
        from coverage.report.jsonio import write_json
        from coverage.report.markdown import write_markdown
        from coverage.report.terminal import ReportOptions, render_comparison
        from coverage.settings import Settings

    cpu_start = _cpu()
    settings = Settings()
    if args.pool is not None:
        settings = replace(settings, embedding=replace(settings.embedding, pool_sentences=args.pool == "on"))
    folder = Path(args.corpus_dir)
    with timers.time("ingest"):
        corpus = load_corpus(folder, settings.ingest)
    articles = corpus.articles
    embedder = _Recording(_embedder(args.embedder, args.batch_size, Path(args.model_dir)))
    cache = EmbeddingCache(Path(args.cache_dir))
    # As pipeline.compare: an unchanged folder (same code, settings and model) reads its analysis back.
    with timers.time("result_lookup"):
        key = pipeline.result_key(corpus, settings, embedder.name)
        cached = pipeline._cached_events(cache, key)
    if cached is not None:
        events = cached
    else:
        events = _analyse(articles, embedder, cache, settings, timers)
        with timers.time("result_store"):
            cache.put_blob(
                key, "result", pickle.dumps(events, protocol=pickle.HIGHEST_PROTOCOL), keep=pipeline.KEEP_RESULTS
            )
    f1 = None
    if (folder / "labels.json").is_file():
        event_of = {a.id: n for n, e in enumerate(events) for a in e.articles}
        scores = evaluate_clustering(articles, [event_of[a.id] for a in articles], load_labels(folder / "labels.json"))
        f1 = round(scores.bcubed_f1, 4)
    paragraph_texts = embedder.paragraph_texts
    comparison = Comparison(corpus=corpus, events=tuple(events), model=embedder.name)
    if args.texts_out:  # the floor: every unique paragraph once, nothing the pipeline adds
        unique = list(dict.fromkeys(p for a in articles for p in a.paragraphs))
        Path(args.texts_out).write_text(json.dumps(unique), encoding="utf-8")
    errors: dict[str, str] = {}

    def report(name: str, write: Callable[[], object]) -> None:
        # A failing writer is recorded, not fatal: the other stages' numbers still count.
        try:
            with timers.time(name):
                write()
        except Exception as exc:
            errors[name] = f"{type(exc).__name__}: {exc}"

    def terminal() -> None:  # as the CLI renders it: at most 20 events in detail
        console = Console(file=StringIO(), width=100, color_system=None)
        for renderable in render_comparison(comparison, ReportOptions(max_events=20)):
            console.print(renderable)

    report("report_terminal", terminal)
    with tempfile.TemporaryDirectory() as out:
        report("report_markdown", lambda: write_markdown(comparison, Path(out) / "md", cache=cache))
        report("report_json", lambda: write_json(comparison, Path(out) / "result.json"))
    cache.close()
    seconds = dict(timers.seconds)
    seconds["align_other"] = seconds.get("build_events", 0.0) - sum(
        seconds.get(k, 0.0)
        for k in (
            "embed_sentences",
            "events_cluster",
            "align_paragraphs",
            "align_sentences",
            "facts",
            "copies",
            "figures",
            "quotes",
            "framing",
        )
    )
    peak_python = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
    return {
        "errors": errors,
        "articles": len(articles),
        "paragraphs": sum(len(a.paragraphs) for a in articles),
        "events": len(events),
        "computed_paragraph_texts": paragraph_texts,
        "computed_sentence_texts": len(embedder.texts) - paragraph_texts,
        "encoded": {
            k: {"texts": embedder.counts[k], "calls": embedder.calls[k], "seconds": round(v, 3)}
            for k, v in embedder.seconds.items()
        },
        "bcubed_f1": f1,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "cpu_seconds": {k: round(v, 3) for k, v in timers.cpu.items()},
        "peak_python_mib": round(peak_python / 2**20, 1) if peak_python is not None else None,
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "cpu_s": round(_cpu() - cpu_start, 3),
        "model": embedder.name,
    }


def run_floor(args: argparse.Namespace) -> dict[str, Any]:
    """A bare encode of the given texts with the same model and batch size, model load included."""
    texts = json.loads(Path(args.texts_in).read_text(encoding="utf-8"))
    start = time.perf_counter()
    if args.embedder == "static":
        from model2vec import StaticModel

        from coverage.analysis.embedding import StaticEmbedder

        model: Any = StaticModel.from_pretrained(StaticEmbedder(folder=Path(args.model_dir)).model_path())
        loaded = time.perf_counter()
        model.encode(texts, show_progress_bar=False)
    else:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        from coverage.analysis.embedding import bundled_model_path

        model = SentenceTransformer(str(bundled_model_path()), device="cpu")
        loaded = time.perf_counter()
        model.encode(texts, batch_size=args.batch_size, convert_to_numpy=True, show_progress_bar=False)
    end = time.perf_counter()
    return {
        "texts": len(texts),
        "seconds": {"load": round(loaded - start, 3), "encode": round(end - loaded, 3), "total": round(end - start, 3)},
        "cpu_s": round(_cpu(), 3),
        "max_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_distill(args: argparse.Namespace) -> dict[str, Any]:
    from coverage.analysis.embedding import StaticEmbedder

    embedder = StaticEmbedder(folder=Path(args.model_dir))
    existed = (embedder.model_path() / "model.safetensors").is_file()
    start = time.perf_counter()
    embedder.encode(["warm up"])
    return {"seconds": round(time.perf_counter() - start, 3), "already_there": existed}


# --------------------------------------------------------------------------------------------------- driver


def _subprocess(role: str, **options: Any) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        result = Path(handle.name)
    command = [sys.executable, str(Path(__file__).resolve()), "--role", role, "--result", str(result)]
    for key, value in options.items():
        if value is True:
            command.append(f"--{key.replace('_', '-')}")
        elif value not in (None, False):
            command += [f"--{key.replace('_', '-')}", str(value)]
    env = dict(os.environ, PYTHONPATH=str(ROOT), TOKENIZERS_PARALLELISM="false", HF_HUB_OFFLINE="1")
    # The pipeline sets OMP_WAIT_POLICY=PASSIVE before torch loads; the floor gets the same, so both sides wait alike.
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    wall = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    data: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    data["wall_s"] = round(time.perf_counter() - wall, 3)
    result.unlink()
    return data


STAGES = (
    ("ingest", ("ingest",)),
    ("embed", ("embed_paragraphs", "embed_sentences")),
    ("cluster", ("cluster",)),
    (
        "align+facts",
        ("align_paragraphs", "align_sentences", "facts", "copies", "figures", "quotes", "framing", "align_other"),
    ),
    ("result cache", ("result_lookup", "result_store")),
    ("reports", ("report_terminal", "report_markdown", "report_json")),
)


def _total(run: dict[str, Any]) -> float:
    """End-to-end seconds of a run: every stage once (build_events is the sum of its parts, import excluded)."""
    return float(sum(v for k, v in run["seconds"].items() if k not in ("build_events", "events_cluster", "import")))


def _row(name: str, run: dict[str, Any]) -> list[str]:
    s = run["seconds"]
    cells = [name]
    for _, keys in STAGES:
        cells.append(f"{sum(s.get(k, 0.0) for k in keys):.2f}")
    total = _total(run)
    peak = run["peak_python_mib"]
    cells += [f"{total:.2f}", "" if peak is None else str(peak), str(run["max_rss_mib"])]
    cells.append("" if run["bcubed_f1"] is None else f"{run['bcubed_f1']:.3f}")
    cells.append(str(run["computed_paragraph_texts"] + run["computed_sentence_texts"]))
    return cells


def _print_rows(rows: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(
                cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    print()


def print_table(results: list[dict[str, Any]]) -> None:
    header = ["configuration", *(n for n, _ in STAGES), "total", "py peak MiB", "RSS MiB", "B3 F1", "embedded"]
    rows = [header]
    for r in results:
        label = f"{r['corpus']}/{r['embedder']}"
        rows.append(_row(f"{label} cold", r["cold"]))
        rows.append(_row(f"{label} warm", r["warm"]))
    _print_rows(rows)
    for r in results:
        cold, warm, floor = _total(r["cold"]), _total(r["warm"]), r.get("floor")
        encoded = ", ".join(
            f"{phase} {v['texts']:,} texts in {v.get('calls', '?')} calls, {v['seconds']:.2f}s"
            for phase, v in r["cold"].get("encoded", {}).items()
        )
        print(f"{r['corpus']}/{r['embedder']}: {r['cold']['articles']} articles; cold encodes: {encoded or 'none'}")
        framing = r["cold"].get("cpu_seconds", {}).get("framing")
        if framing is not None:
            print(f"  framing (prefetch included): {r['cold']['seconds'].get('framing', 0):.2f}s, CPU {framing:.2f}s")
        if floor is not None:
            seconds = floor["seconds"]
            print(
                f"  floor (every unique paragraph once, model load included): {floor['texts']:,} paragraphs, "
                f"{seconds['total']:.2f}s (load {seconds['load']:.2f} + encode {seconds['encode']:.2f})"
            )
            print(f"  cold end to end {cold:.2f}s / floor = {cold / seconds['total']:.2f} (target <= 1.25)")
            if "cpu_s" in floor and "cpu_s" in r["cold"]:
                cpu, floor_cpu = r["cold"]["cpu_s"], floor["cpu_s"]
                print(f"  CPU seconds: cold {cpu:.1f} / floor {floor_cpu:.1f} = {cpu / floor_cpu:.2f} (load-steady)")
        print(
            f"  warm {warm:.2f}s ({warm / cold:.3f} of cold); peak RSS cold {r['cold']['max_rss_mib']:.0f} MiB, "
            f"warm {r['warm']['max_rss_mib']:.0f} MiB"
        )
    print()
    print_growth(results)


def print_growth(results: list[dict[str, Any]]) -> None:
    """How cold and warm time and peak memory grow with the corpus (and with one event's size)."""
    header = ["corpus", "embedder", "articles", "paragraphs", "events", "cold s", "warm s", "ms/article", "RSS MiB"]
    rows = [header]
    for r in results:
        cold = r["cold"]
        rows.append(
            [
                r["corpus"],
                r["embedder"],
                str(cold["articles"]),
                str(cold["paragraphs"]),
                str(cold["events"]),
                f"{_total(cold):.2f}",
                f"{_total(r['warm']):.2f}",
                f"{1000 * _total(cold) / max(cold['articles'], 1):.1f}",
                f"{max(cold['max_rss_mib'], r['warm']['max_rss_mib']):.0f}",
            ]
        )
    print("Growth (cold and warm end to end; RSS: the larger peak of the two runs):")
    _print_rows(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        default="demo,ecbplus,held300,growth",
        help="comma-separated corpora: " + ", ".join(CORPORA) + "; growth: " + ", ".join(GROWTH),
    )
    parser.add_argument("--embedders", default="default", help="comma-separated: default (the transformer), static")
    parser.add_argument("--fast", action="store_true", help="use the static embedder for every corpus")
    parser.add_argument("--real-model-10k", action="store_true", help="run synth10k with the transformer too")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "coverage-perf")
    parser.add_argument("--model-dir", type=Path, help="where the distilled static model is kept (default: WORK)")
    parser.add_argument(
        "--no-tracemalloc", dest="tracemalloc", action="store_false", help="skip the traced runs (Python peak)"
    )
    parser.add_argument("--traced-cold", action="store_true", help="also a traced cold run (embeds everything again)")
    parser.add_argument("--no-floor", dest="floor", action="store_false", help="skip the bare-encode floors")
    parser.add_argument(
        "--pool", choices=("on", "off"), help="pool paragraph and lead vectors from sentences (default: the setting)"
    )
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    # Internal: the subprocess roles.
    parser.add_argument("--role", default="driver", choices=("driver", "worker", "floor", "distill"))
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--corpus-dir", help=argparse.SUPPRESS)
    parser.add_argument("--cache-dir", help=argparse.SUPPRESS)
    parser.add_argument("--embedder", default="default", help=argparse.SUPPRESS)
    parser.add_argument("--texts-out", help=argparse.SUPPRESS)
    parser.add_argument("--texts-in", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.model_dir = args.model_dir or args.work / "models"
    roles = {"worker": run_worker, "floor": run_floor, "distill": run_distill}
    if args.role in roles:
        Path(args.result).write_text(json.dumps(roles[args.role](args)), encoding="utf-8")
        return 0

    corpora = list(
        dict.fromkeys(n for c in args.only.split(",") for n in (GROWTH if c.strip() == "growth" else [c.strip()]) if n)
    )
    unknown = set(corpora) - set(CORPORA)
    if unknown:
        parser.error(f"unknown corpora: {', '.join(sorted(unknown))}")
    if any(c != "demo" for c in corpora) and not (DATASETS / "ecbplus" / "documents.jsonl").is_file():
        print(f"shared corpora not found under {DATASETS} (set COVERAGE_DATASETS)", file=sys.stderr)
        return 2
    embedders = ["static"] if args.fast else [e.strip() for e in args.embedders.split(",") if e.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    distilled = None
    if "static" in embedders or (set(SLOW_WITH_DEFAULT) & set(corpora) and not args.real_model_10k):
        distilled = _subprocess("distill", model_dir=args.model_dir)
        print(f"static model: {distilled}", file=sys.stderr)
    for corpus in corpora:
        folder = prepare(corpus, args.work)
        kinds = embedders
        if corpus in SLOW_WITH_DEFAULT and not args.real_model_10k:
            kinds = ["static"]
        for kind in kinds:
            cache = args.work / "caches" / f"{corpus}-{kind}"
            shutil.rmtree(cache, ignore_errors=True)
            texts = args.work / f"texts-{corpus}-{kind}.json"
            common = {
                "corpus_dir": folder,
                "cache_dir": cache,
                "embedder": kind,
                "batch_size": args.batch_size,
                "model_dir": args.model_dir,
                "pool": args.pool,
            }
            try:
                print(f"{corpus}/{kind}: cold", file=sys.stderr)
                cold = _subprocess("worker", texts_out=texts, no_tracemalloc=True, **common)
                print(f"{corpus}/{kind}: warm", file=sys.stderr)
                warm = _subprocess("worker", no_tracemalloc=True, **common)
                if args.tracemalloc:
                    # tracemalloc slows Python-heavy code (model load above all), so the Python peak comes from
                    # separate traced runs: a warm one always, a cold one (a second full embedding) on request.
                    print(f"{corpus}/{kind}: warm, traced", file=sys.stderr)
                    warm["peak_python_mib"] = _subprocess("worker", **common)["peak_python_mib"]
                    if args.traced_cold:
                        print(f"{corpus}/{kind}: cold, traced", file=sys.stderr)
                        traced = args.work / "caches" / f"{corpus}-{kind}-traced"
                        shutil.rmtree(traced, ignore_errors=True)
                        cold["peak_python_mib"] = _subprocess("worker", **{**common, "cache_dir": traced})[
                            "peak_python_mib"
                        ]
                floor = None
                if args.floor:
                    print(f"{corpus}/{kind}: floor", file=sys.stderr)
                    floor = _subprocess(
                        "floor", texts_in=texts, embedder=kind, batch_size=args.batch_size, model_dir=args.model_dir
                    )
            except subprocess.CalledProcessError as exc:  # one failing configuration does not stop the others
                print(f"{corpus}/{kind}: failed ({exc})", file=sys.stderr)
                continue
            results.append({"corpus": corpus, "embedder": kind, "cold": cold, "warm": warm, "floor": floor})
            if args.out:  # after each configuration: a long run that stops still leaves its numbers
                _write(args, distilled, results)
    print_table(results)
    return 0


def _write(args: argparse.Namespace, distilled: dict[str, Any] | None, results: list[dict[str, Any]]) -> None:
    if args.out:
        payload = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "batch_size": args.batch_size,
            "tracemalloc": args.tracemalloc,
            "distill": distilled,
            "results": results,
        }
        args.out.write_text(json.dumps(payload, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
