"""Adapters that turn the labelled evaluation corpora into folders :func:`coverage.load_corpus` reads.

Each adapter reads a corpus as shipped in ``shared/datasets/<name>/`` (``documents.jsonl`` and
``clusters.json``) and writes one ``.json`` article per document into ``dest`` (keys ``outlet``, ``url``,
``text`` with paragraphs separated by blank lines, ``title`` where the conversion gives one, ``published`` when
known, and ``event``: the gold label),
plus ``dest/labels.json``, mapping each article's relative path to its gold event. Texts are written to
``dest`` only: third-party corpora never go into the project repository.

``labels.json`` sits beside the articles; :func:`coverage.load_corpus` reports it as a skipped record (it has
no text), so every file in the folder stays accounted for.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from coverage._errors import InputError

__all__ = [
    "ECBPLUS_SENTENCES_PER_PARAGRAPH",
    "ECBPLUS_STYLES",
    "LABELS_FILE",
    "ecbplus_to_folder",
    "newswcl50_to_folder",
    "repair_spacing",
]

logger = logging.getLogger(__name__)

LABELS_FILE = "labels.json"
"""Name of the gold-label file written beside the articles."""

ECBPLUS_SENTENCES_PER_PARAGRAPH = 3
"""ECB+ keeps sentences, not paragraphs: consecutive sentences are grouped into paragraphs of this many."""

ECBPLUS_STYLES = ("paragraphs", "plain")
"""The conversions :func:`ecbplus_to_folder` writes (its ``style``)."""

_URL_SENTENCE = re.compile(r"^\s*(?:https?\s*:|www\s*\.)", re.IGNORECASE)
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")

# Both corpora ship tokenised sentences re-joined with spaces ("4. 6 magnitude", "2013 - 09 - 28", "U. S.",
# "Kim Jong - un"). These repairs undo the unambiguous cases, so the text reads as the outlet printed it.
_REPAIRS = (
    (re.compile(r"(?<=\d) ?([.:]) (?=\d)|(?<=\d) ([.:]) ?(?=\d)"), r"\1\2"),
    (re.compile(r"(?<=\d) / (?=\d)"), "/"),
    (re.compile(r"(?<=\d), (?=\d{3}\b)"), ","),
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),
    (re.compile(r"\b([A-Z])\. (?=[A-Z]\.)"), r"\1."),
)


def repair_spacing(sentence: str) -> str:
    """Undo the spaces a tokeniser left inside numbers, dates, times, hyphenated words and initials."""
    for pattern, replacement in _REPAIRS:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def _read_documents(src: Path) -> Iterator[dict[str, Any]]:
    path = Path(src) / "documents.jsonl"
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})", path=path) from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {number}: invalid JSON ({exc.msg})", path=path) from exc
            if not isinstance(item, dict) or "doc_id" not in item or "sentences" not in item:
                raise InputError(f"{path}: line {number}: not a document with doc_id and sentences", path=path)
            yield item


def _read_clusters(src: Path, label_key: str) -> dict[str, str]:
    """Document id -> gold event label, from ``clusters.json``."""
    path = Path(src) / "clusters.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})", path=path) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: invalid JSON ({exc.msg})", path=path) from exc
    if not isinstance(data, list):
        raise InputError(f"{path}: expected a list of clusters", path=path)
    labels: dict[str, str] = {}
    for cluster in data:
        if not isinstance(cluster, dict) or label_key not in cluster or not isinstance(cluster.get("docs"), list):
            raise InputError(f"{path}: every cluster needs {label_key!r} and 'docs'", path=path)
        for doc in cluster["docs"]:
            labels[str(doc)] = str(cluster[label_key])
    return labels


def _write(dest: Path, doc_id: str, article: dict[str, Any], labels: dict[str, str]) -> None:
    name = f"{_SAFE_NAME.sub('_', doc_id)}.json"
    (dest / name).write_text(json.dumps(article, ensure_ascii=False, indent=1), encoding="utf-8")
    labels[name] = str(article["event"])


def _finish(dest: Path, labels: dict[str, str], corpus: str) -> Path:
    (dest / LABELS_FILE).write_text(json.dumps(labels, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    logger.info("%s: wrote %d articles and %s to %s", corpus, len(labels), LABELS_FILE, dest)
    return dest


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


def ecbplus_to_folder(src: Path, dest: Path, *, style: str = "paragraphs") -> Path:
    """Write ECB+ (``src``: the folder with ``documents.jsonl``) as one ``.json`` article per document.

    The outlet is the domain of the document's URL, or its corpus part (``ecb``/``ecbplus``) when it has none.
    ECB+ has no titles or dates. Sentence 0 is skipped when it is the source URL. The gold label is the subtopic.

    ``style`` is how the sentences become an article:

    - ``"paragraphs"`` (the project's conversion): no title; the sentences are grouped into paragraphs of
      :data:`ECBPLUS_SENTENCES_PER_PARAGRAPH`;
    - ``"plain"`` (what a naive converter writes): the first sentence is the title and the rest is one block of
      text, with no paragraph breaks. Clustering must not depend on which of the two a corpus went through.

    Returns ``dest``.
    """
    if style not in ECBPLUS_STYLES:
        raise ValueError(f"style must be one of {', '.join(ECBPLUS_STYLES)}, not {style!r}")
    src, dest = Path(src), Path(dest)
    gold = _read_clusters(src, "subtopic")
    dest.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    for doc in _read_documents(src):
        doc_id = str(doc["doc_id"])
        sentences = [str(s.get("text", "")).strip() for s in doc["sentences"]]
        if sentences and _URL_SENTENCE.match(sentences[0]):
            sentences = sentences[1:]
        sentences = [repair_spacing(s) for s in sentences if s]
        article: dict[str, Any] = {
            "outlet": _host(doc.get("url")) or str(doc.get("corpus_part") or "ecb"),
            "url": doc.get("url"),
        }
        if style == "plain" and len(sentences) > 1:
            article["title"] = sentences[0]
            article["text"] = " ".join(sentences[1:])
        else:
            step = ECBPLUS_SENTENCES_PER_PARAGRAPH
            article["text"] = "\n\n".join(" ".join(sentences[i : i + step]) for i in range(0, len(sentences), step))
        article["event"] = gold.get(doc_id, str(doc.get("subtopic")))
        if not article["url"]:
            del article["url"]
        _write(dest, doc_id, article, labels)
    return _finish(dest, labels, "ECB+")


def newswcl50_to_folder(src: Path, dest: Path) -> Path:
    """Write NewsWCL50 (``src``: the folder with ``documents.jsonl``) as one ``.json`` article per document.

    Paragraphs follow the corpus' ``paragraph_index``; the outlet is its ``outlet`` field; the gold label is the
    ``event_id``. NewsWCL50 has no headlines or dates. Returns ``dest``.
    """
    src, dest = Path(src), Path(dest)
    gold = _read_clusters(src, "event_id")
    dest.mkdir(parents=True, exist_ok=True)
    labels: dict[str, str] = {}
    for doc in _read_documents(src):
        doc_id = str(doc["doc_id"])
        paragraphs: dict[int, list[str]] = {}
        for sentence in doc["sentences"]:
            text = repair_spacing(str(sentence.get("text", "")).strip())
            if text:
                paragraphs.setdefault(int(sentence.get("paragraph_index", 0)), []).append(text)
        article: dict[str, Any] = {
            "outlet": str(doc.get("outlet") or doc.get("outlet_code") or "unknown"),
            "url": doc.get("url"),
            "text": "\n\n".join(" ".join(paragraphs[index]) for index in sorted(paragraphs)),
            "event": gold.get(doc_id, str(doc.get("event_id"))),
        }
        if not article["url"]:
            del article["url"]
        _write(dest, doc_id, article, labels)
    return _finish(dest, labels, "NewsWCL50")
