"""Scoring of event clusters against gold labels: B-cubed, adjusted Rand index, V-measure, and the worst errors.

Gold labels come from a file (:func:`load_labels`: a JSON object or a two-column CSV mapping article paths to
labels) or from a field of the articles themselves (:func:`labels_from_field`, e.g. the ``event`` key the
adapters in :mod:`coverage.evaluation.adapters` write).
"""

from __future__ import annotations

import csv
import io
import json
import logging
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coverage._errors import InputError
from coverage.model import Article

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

__all__ = [
    "ClusterError",
    "ClusteringScores",
    "bcubed",
    "evaluate_clustering",
    "labels_from_field",
    "load_labels",
]

logger = logging.getLogger(__name__)

_CSV_HEADER = ("path", "label")
_SNIPPET_WORDS = 8
_SHOWN_IDS = 3


def bcubed(labels_true: Sequence[Hashable], labels_pred: Sequence[Hashable]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) of a clustering against gold labels.

    For each item, precision is the share of its predicted cluster that shares its gold label, recall the share
    of its gold cluster that shares its predicted cluster; both are averaged over items. Empty input gives 1.0.
    """
    if len(labels_true) != len(labels_pred):
        raise ValueError(f"{len(labels_true)} gold labels but {len(labels_pred)} predicted labels")
    if not labels_true:
        return 1.0, 1.0, 1.0
    joint = Counter(zip(labels_true, labels_pred, strict=True))
    gold_size = Counter(labels_true)
    pred_size = Counter(labels_pred)
    precision = sum(n * n / pred_size[p] for (_, p), n in joint.items()) / len(labels_true)
    recall = sum(n * n / gold_size[g] for (g, _), n in joint.items()) / len(labels_true)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


@dataclass(frozen=True)
class ClusterError:
    """A predicted cluster that mixes gold events, or a gold event spread over predicted clusters.

    ``members`` are (article id, first words of its title, gold label, predicted cluster) rows.
    """

    cluster: str
    members: tuple[tuple[str, str, str, int], ...]

    @property
    def gold_labels(self) -> tuple[str, ...]:
        """The gold events of the members, most frequent first."""
        return tuple(label for label, _ in Counter(m[2] for m in self.members).most_common())

    @property
    def predicted(self) -> tuple[int, ...]:
        """The predicted clusters of the members, most frequent first."""
        return tuple(label for label, _ in Counter(m[3] for m in self.members).most_common())


@dataclass(frozen=True)
class ClusteringScores:
    """How a clustering of articles compares with gold events."""

    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float
    adjusted_rand: float
    v_measure: float
    n_articles: int
    n_gold_events: int
    n_predicted_events: int
    worst_merged: tuple[ClusterError, ...] = ()
    """Predicted clusters that mix gold events, the most mixed first."""
    worst_split: tuple[ClusterError, ...] = ()
    """Gold events spread over several predicted clusters, the most spread first."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.table import Table

        table = Table(title="Event clustering against gold labels", show_header=True)
        table.add_column("measure")
        table.add_column("value", justify="right")
        rows = [
            ("B-cubed precision", f"{self.bcubed_precision:.3f}"),
            ("B-cubed recall", f"{self.bcubed_recall:.3f}"),
            ("B-cubed F1", f"{self.bcubed_f1:.3f}"),
            ("adjusted Rand index", f"{self.adjusted_rand:.3f}"),
            ("V-measure", f"{self.v_measure:.3f}"),
            ("articles", str(self.n_articles)),
            ("gold events", str(self.n_gold_events)),
            ("predicted events", str(self.n_predicted_events)),
        ]
        for name, value in rows:
            table.add_row(name, value)
        yield table
        for title, errors in (
            ("Predicted clusters mixing gold events", self.worst_merged),
            ("Gold events split over predicted clusters", self.worst_split),
        ):
            if not errors:
                continue
            detail = Table(title=title, show_header=True)
            detail.add_column("cluster")
            detail.add_column("article")
            detail.add_column("gold", justify="right")
            detail.add_column("predicted", justify="right")
            for error in errors:
                for index, (article_id, words, gold, predicted) in enumerate(error.members):
                    detail.add_row(error.cluster if index == 0 else "", f"{article_id}: {words}", gold, str(predicted))
                detail.add_section()
            yield detail


def _snippet(article: Article) -> str:
    words = (article.title or (article.paragraphs[0] if article.paragraphs else "")).split()
    return " ".join(words[:_SNIPPET_WORDS]) + (" …" if len(words) > _SNIPPET_WORDS else "")


def _gold_for(article: Article, gold: Mapping[str, str]) -> str | None:
    if article.id in gold:
        return gold[article.id]
    return gold.get(article.path)


def evaluate_clustering(
    articles: Sequence[Article],
    predicted: Sequence[int],
    gold: Mapping[str, str],
    *,
    n_worst: int = 5,
) -> ClusteringScores:
    """Score ``predicted`` (one cluster label per article) against ``gold`` (article id or path -> label).

    Gold labels are looked up by ``article.id`` first, then ``article.path``. Raises :class:`InputError` when an
    article has no gold label or the lengths differ. ``n_worst`` bounds the merged and split clusters listed.
    """
    from sklearn.metrics import adjusted_rand_score, v_measure_score

    if len(articles) != len(predicted):
        raise InputError(f"{len(articles)} articles but {len(predicted)} predicted labels")
    gold = {_normalise_path(key): value for key, value in gold.items()}
    truth: list[str] = []
    missing: list[str] = []
    for article in articles:
        label = _gold_for(article, gold)
        if label is None:
            missing.append(article.id)
        else:
            truth.append(label)
    if missing:
        shown = ", ".join(missing[:_SHOWN_IDS]) + (", ..." if len(missing) > _SHOWN_IDS else "")
        raise InputError(f"{len(missing)} of {len(articles)} articles have no gold label: {shown}")
    pred = [int(p) for p in predicted]
    precision, recall, f1 = bcubed(truth, pred)
    members_of_pred: dict[int, list[int]] = defaultdict(list)
    members_of_gold: dict[str, list[int]] = defaultdict(list)
    for index, (g, p) in enumerate(zip(truth, pred, strict=True)):
        members_of_pred[p].append(index)
        members_of_gold[g].append(index)

    def rows(indices: list[int]) -> tuple[tuple[str, str, str, int], ...]:
        ordered = sorted(indices, key=lambda i: (truth[i], pred[i], articles[i].id))
        return tuple((articles[i].id, _snippet(articles[i]), truth[i], pred[i]) for i in ordered)

    def impurity(indices: list[int], key: Sequence[Hashable]) -> int:
        return len(indices) - Counter(key[i] for i in indices).most_common(1)[0][1]

    merged = [(impurity(ix, truth), str(p), ix) for p, ix in members_of_pred.items() if len({truth[i] for i in ix}) > 1]
    split = [(impurity(ix, pred), g, ix) for g, ix in members_of_gold.items() if len({pred[i] for i in ix}) > 1]
    merged.sort(key=lambda item: (-item[0], item[1]))
    split.sort(key=lambda item: (-item[0], item[1]))
    return ClusteringScores(
        bcubed_precision=precision,
        bcubed_recall=recall,
        bcubed_f1=f1,
        adjusted_rand=float(adjusted_rand_score(truth, pred)) if truth else 1.0,
        v_measure=float(v_measure_score(truth, pred)) if truth else 1.0,
        n_articles=len(articles),
        n_gold_events=len(set(truth)),
        n_predicted_events=len(set(pred)),
        worst_merged=tuple(ClusterError(f"predicted {c}", rows(ix)) for _, c, ix in merged[:n_worst]),
        worst_split=tuple(ClusterError(f"gold {g}", rows(ix)) for _, g, ix in split[:n_worst]),
    )


def _normalise_path(path: str) -> str:
    path = path.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path


def load_labels(path: Path) -> dict[str, str]:
    """Gold labels from a JSON object ``{"a.json": "event-1", ...}`` or a CSV with two columns path,label.

    Paths are relative to the corpus folder, with ``/``; records inside ``.json`` lists or ``.jsonl`` files are
    ``file.json#N`` / ``file.jsonl#lineN``. A CSV header row ``path,label`` is optional. Raises
    :class:`InputError` for a file that cannot be read or has the wrong shape.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"{path}: cannot read label file ({reason})", path=path) from exc
    if not text.strip():
        raise InputError(f"{path}: label file is empty", path=path)
    labels = _labels_from_json(path, text) if _looks_like_json(path, text) else _labels_from_csv(path, text)
    if not labels:
        raise InputError(f"{path}: label file holds no labels", path=path)
    logger.info("read %d gold labels (%d events) from %s", len(labels), len(set(labels.values())), path)
    return labels


def _looks_like_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or text.lstrip().startswith(("{", "["))


def _labels_from_json(path: Path, text: str) -> dict[str, str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}"
        raise InputError(f"{path}: invalid JSON at {where}: {exc.msg}", path=path) from exc
    if not isinstance(data, dict):
        kind = type(data).__name__
        raise InputError(f"{path}: expected a JSON object mapping paths to labels, got a {kind}", path=path)
    labels: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, (dict, list)) or value is None:
            raise InputError(f"{path}: the label of {key!r} must be a string or number", path=path)
        labels[_normalise_path(str(key))] = str(value)
    return labels


def _labels_from_csv(path: Path, text: str) -> dict[str, str]:
    labels: dict[str, str] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(_CSV_HEADER):
            raise InputError(f"{path}: line {number}: expected 2 columns (path,label), got {len(row)}", path=path)
        key, label = (cell.strip() for cell in row)
        if number == 1 and (key.lower(), label.lower()) == _CSV_HEADER:
            continue
        if not key or not label:
            raise InputError(f"{path}: line {number}: empty path or label", path=path)
        key = _normalise_path(key)
        if key in labels and labels[key] != label:
            raise InputError(f"{path}: line {number}: {key} has two labels ({labels[key]!r}, {label!r})", path=path)
        labels[key] = label
    return labels


def labels_from_field(articles: Sequence[Article], field: str) -> dict[str, str]:
    """Gold labels read from ``article.metadata[field]``, keyed by article id.

    Raises :class:`InputError` when some articles lack the field.
    """
    labels: dict[str, str] = {}
    missing: list[str] = []
    for article in articles:
        value = article.metadata.get(field)
        if value is None or isinstance(value, (dict, list)) or (isinstance(value, str) and not value.strip()):
            missing.append(article.id)
        else:
            labels[article.id] = str(value)
    if missing:
        shown = ", ".join(missing[:_SHOWN_IDS]) + (", ..." if len(missing) > _SHOWN_IDS else "")
        raise InputError(f"{len(missing)} of {len(articles)} articles have no {field!r} field: {shown}")
    return labels
