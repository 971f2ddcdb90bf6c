"""Pathological inputs: one event of many near-identical copies, and one huge single-line file.

Two generators, importable (``benchmarks/performance.py`` uses them for its growth table):

- :func:`copies_corpus` writes ``n`` copies of one story, each from its own outlet, each a little different (a word
  changed, a paragraph dropped now and then, a closing line of its own), as wire copy republished by many sites is.
- :func:`one_line_file` writes one ``.txt`` file whose text is about ``megabytes`` MB on a single line, words
  without a sentence end (the worst case for a paragraph and sentence splitter), beside one ordinary article.

Run from the command line, each size is analysed in its own subprocess (so peak memory is that run's), and the
seconds (wall and CPU: the CPU time is the steadier figure on a shared machine) and peak RSS are printed:

    .venv/bin/python benchmarks/pathological.py copies 50 100 200 400 --model hashing
    .venv/bin/python benchmarks/pathological.py copies 50 100 200 400 --warm    # default model, embeddings cached
    .venv/bin/python benchmarks/pathological.py one-line 40 --model hashing
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["STORY", "copies_corpus", "measure", "one_line_file"]

STORY = [
    "Flood waters swept through the river town of Eastbridge on Tuesday night, forcing 4,200 residents from their "
    "homes and cutting power to much of the district, officials said.",
    'The regional governor, Helen Marsh, called it "the worst flooding this valley has seen in forty years" and '
    "declared a state of emergency on Wednesday morning.",
    "At least 12 people were killed and 37 injured, according to the health ministry, which warned that the toll "
    "could rise as rescue teams reach outlying villages.",
    "The river rose 3.5 metres in six hours after two days of heavy rain, breaching a levee north of the town centre "
    "shortly before midnight.",
    '"We had perhaps twenty minutes to get out," said Tom Alvarez, a baker whose shop stands two streets from the '
    'river. "By the time we reached the bridge the water was at our knees."',
    "Emergency services evacuated three hospitals and a care home, moving 260 patients to clinics in neighbouring "
    "towns by bus and helicopter.",
    "The national weather service said another 80 millimetres of rain could fall by Friday, and kept its red warning "
    "in place for the whole valley.",
    "Engineers inspected the breached levee on Wednesday. The transport minister, Raj Patel, said repairs would cost "
    "about 15 million euros and take at least a month.",
    "Critics said the levee had been flagged as weak in a 2019 inspection report that the council never acted on. A "
    "council spokesman said the report was being reviewed.",
    "Volunteers filled sandbags in the market square through the night, and schools across the district will stay "
    "closed until Monday, the education office said.",
    "Insurers estimated the damage at more than 200 million euros, making it the costliest flood in the region since "
    "records began.",
    "The governor said the army would send 500 soldiers to help with the clean-up and to protect empty homes from "
    "looting.",
]
"""A plain news story: figures, quotes, named people, twelve paragraphs."""

_SWAPS = [("said", "told reporters"), ("homes", "houses"), ("town", "city"), ("Wednesday", "Wednesday's")]


def copies_corpus(dest: Path | str, n: int) -> Path:
    """Write ``n`` near-identical copies of :data:`STORY` into ``dest`` (one outlet folder each); return ``dest``.

    Copy ``k`` changes one word of paragraph ``k mod 12`` (``said`` -> ``told reporters`` and the like), drops
    paragraph ``k mod 11`` when ``k`` is a multiple of 3, and ends with a line naming its outlet. Deterministic.
    """
    root = Path(dest)
    for k in range(n):
        paragraphs = list(STORY)
        old, new = _SWAPS[k % len(_SWAPS)]
        target = k % len(paragraphs)
        paragraphs[target] = paragraphs[target].replace(old, new, 1)
        if k % 3 == 0:
            del paragraphs[k % 11]
        paragraphs.append(
            f"This report was published by Outlet {k:04d}, which has covered the valley since {1950 + k % 70}."
        )
        header = (
            f"Source: Outlet {k:04d}\nDate: 2024-03-{1 + k % 3:02d}\nTitle: Floods force thousands from Eastbridge\n"
        )
        folder = root / f"outlet-{k:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "floods.txt").write_text(header + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


def one_line_file(dest: Path | str, megabytes: float) -> Path:
    """Write ``dest/giant/giant.txt``: a title line, then about ``megabytes`` MB of words on one line with no
    sentence end (a ``.txt`` file's first line is its title, so the text is the second), and ``dest/other/floods.txt``,
    an ordinary article; return the path of the giant file. Deterministic."""
    root = Path(dest)
    words = [w.strip(".,\"'").lower() for p in STORY for w in p.split()]
    chunk = " ".join(words) + " "
    repeats = max(1, int(megabytes * 1_000_000 / len(chunk)))
    giant = root / "giant" / "giant.txt"
    giant.parent.mkdir(parents=True, exist_ok=True)
    with giant.open("w", encoding="utf-8") as handle:
        handle.write("Floods in Eastbridge\n\n")
        for _ in range(repeats):
            handle.write(chunk)
        handle.write("\n")
    other = root / "other" / "floods.txt"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("\n\n".join(STORY) + "\n", encoding="utf-8")
    return giant


_CHILD = """
import json, resource, sys, time
from pathlib import Path
from coverage import Settings, compare
import coverage.pipeline
settings = Settings().set(sys.argv[3:])
if sys.argv[2] == "warm":  # embeddings from a first run's cache; the analysis itself is never read back
    coverage.pipeline._cached_events = lambda cache, key: None
    compare(Path(sys.argv[1]), settings)
before = resource.getrusage(resource.RUSAGE_SELF)
start = time.perf_counter()
result = compare(Path(sys.argv[1]), settings)
seconds = time.perf_counter() - start
events = [
    {"articles": len(e.articles), "units": len(e.units), "copies": len(e.copies), "facts": len(e.facts),
     "left_out": len(getattr(e, "left_out", ()))}
    for e in result.events
]
skipped = [s.message for s in result.corpus.skipped]
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
print(json.dumps({"seconds": round(seconds, 1), "cpu_s": round(cpu, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
                  "events": events[:3], "skipped": skipped}))
"""


def measure(
    folder: Path, assignments: list[str], *, timeout: float | None = None, warm: bool = False
) -> dict[str, object]:
    """Analyse ``folder`` in a fresh subprocess and return its seconds (wall and CPU), peak RSS and events.

    Cold (default): no vector cache, the embedding is timed too. ``warm``: a first run fills a vector cache beside
    ``folder`` and the second run, with the same cache but its analysis recomputed, is the one timed."""
    cache = [f"embedding.cache_dir={folder.parent / 'cache'}"] if warm else ["embedding.cache=false"]
    mode = "warm" if warm else "cold"
    command = [sys.executable, "-c", _CHILD, str(folder), mode, *cache, *assignments]
    try:
        # Run outside the repository, so that ``PYTHONPATH`` can point at another checkout (a before/after table).
        cwd = folder.parent
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False, cwd=cwd)
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}"}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=("copies", "one-line"))
    parser.add_argument("sizes", nargs="+", type=float, help="numbers of copies, or megabytes")
    parser.add_argument("--model", default=None, help="embedding.model: hashing, static, or a model (default)")
    parser.add_argument("--set", action="append", default=[], help="more section.key=value settings")
    parser.add_argument("--timeout", type=float, default=None, help="seconds before a size is given up")
    parser.add_argument("--warm", action="store_true", help="time the analysis with embeddings already cached")
    args = parser.parse_args(argv)
    assignments = ([f"embedding.model={args.model}"] if args.model else []) + args.set
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="coverage-patho-") as tmp:
            started = time.perf_counter()
            if args.kind == "copies":
                copies_corpus(Path(tmp) / "corpus", int(size))
            else:
                one_line_file(Path(tmp) / "corpus", size)
            made = time.perf_counter() - started
            result = measure(Path(tmp) / "corpus", assignments, timeout=args.timeout, warm=args.warm)
            line = {"kind": args.kind, "size": size, "warm": args.warm, "generated_s": round(made, 1), **result}
            print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
