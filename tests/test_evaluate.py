"""Scoring of event clusters: B-cubed against hand-computed values, label files, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.console import Console

from coverage._errors import InputError
from coverage.evaluation.scores import bcubed, evaluate_clustering, labels_from_field, load_labels
from coverage.model import Article


def _article(article_id: str, *, path: str | None = None, event: str | None = None) -> Article:
    metadata = {"event": event} if event is not None else {}
    return Article(
        id=article_id,
        path=path or article_id,
        outlet="outlet",
        title=f"Title of {article_id}",
        paragraphs=(f"Text of {article_id}.",),
        metadata=metadata,
    )


def test_bcubed_perfect_clustering() -> None:
    assert bcubed(["a", "a", "b"], [7, 7, 3]) == (1.0, 1.0, 1.0)


def test_bcubed_hand_computed() -> None:
    # gold {1,2,3} {4,5}; predicted {1,2} {3,4,5}.
    # precision: items 1,2 -> 1; items 3 -> 1/3; 4,5 -> 2/3 each: (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15
    # recall: items 1,2 -> 2/3; item 3 -> 1/3; items 4,5 -> 1: (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15
    precision, recall, f1 = bcubed(["x", "x", "x", "y", "y"], [0, 0, 1, 1, 1])
    assert precision == pytest.approx(11 / 15)
    assert recall == pytest.approx(11 / 15)
    assert f1 == pytest.approx(11 / 15)


def test_bcubed_all_in_one_and_all_apart() -> None:
    gold = ["a", "a", "b", "b"]
    precision, recall, _ = bcubed(gold, [0, 0, 0, 0])
    assert (precision, recall) == (pytest.approx(0.5), 1.0)
    precision, recall, f1 = bcubed(gold, [0, 1, 2, 3])
    assert (precision, recall, f1) == (1.0, pytest.approx(0.5), pytest.approx(2 / 3))


def test_bcubed_rejects_different_lengths() -> None:
    with pytest.raises(ValueError, match="gold labels"):
        bcubed(["a"], [0, 1])


def test_evaluate_clustering_scores_and_worst_errors() -> None:
    articles = [_article(f"{i}.json") for i in range(5)]
    gold = {"0.json": "x", "1.json": "x", "2.json": "x", "3.json": "y", "4.json": "y"}
    scores = evaluate_clustering(articles, [0, 0, 1, 1, 1], gold)
    assert scores.bcubed_f1 == pytest.approx(11 / 15)
    assert (scores.n_articles, scores.n_gold_events, scores.n_predicted_events) == (5, 2, 2)
    assert -1.0 <= scores.adjusted_rand < 1.0
    assert 0.0 < scores.v_measure < 1.0
    assert [e.cluster for e in scores.worst_merged] == ["predicted 1"]
    assert scores.worst_merged[0].gold_labels == ("y", "x")
    assert [e.cluster for e in scores.worst_split] == ["gold x"]
    assert scores.worst_split[0].predicted == (0, 1)
    output = io.StringIO()
    Console(width=100, file=output, color_system=None).print(scores)
    text = output.getvalue()
    assert "B-cubed F1" in text and "0.733" in text and "Title of 2.json" in text


def test_evaluate_matches_id_first_then_path() -> None:
    articles = [_article("a.json#0", path="a.json"), _article("a.json#1", path="a.json"), _article("b.md")]
    gold = {"a.json#0": "e1", "a.json": "e2", "./b.md": "e2"}
    scores = evaluate_clustering(articles, [0, 1, 1], gold)
    assert scores.bcubed_f1 == 1.0


def test_evaluate_reports_articles_without_label() -> None:
    articles = [_article("a.json"), _article("b.json")]
    with pytest.raises(InputError, match=r"1 of 2 articles have no gold label: b\.json"):
        evaluate_clustering(articles, [0, 0], {"a.json": "x"})


def test_evaluate_rejects_wrong_number_of_predictions() -> None:
    with pytest.raises(InputError, match="predicted labels"):
        evaluate_clustering([_article("a.json")], [0, 1], {"a.json": "x"})


def test_load_labels_json(tmp_path: Path) -> None:
    path = tmp_path / "labels.json"
    path.write_text(json.dumps({"a.json": "quake", "sub\\b.md": 3, "./c.txt": "quake"}), encoding="utf-8")
    assert load_labels(path) == {"a.json": "quake", "sub/b.md": "3", "c.txt": "quake"}


def test_load_labels_csv_with_and_without_header(tmp_path: Path) -> None:
    with_header = tmp_path / "labels.csv"
    with_header.write_text('path,label\na.json,quake\n\nfeed.jsonl#line2,"fire, big"\n', encoding="utf-8")
    assert load_labels(with_header) == {"a.json": "quake", "feed.jsonl#line2": "fire, big"}
    bare = tmp_path / "bare.csv"
    bare.write_text("a.json,quake\n", encoding="utf-8")
    assert load_labels(bare) == {"a.json": "quake"}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("labels.json", "{not json", "invalid JSON at line 1"),
        ("labels.json", '["a.json"]', "expected a JSON object"),
        ("labels.json", '{"a.json": {"event": 1}}', "must be a string or number"),
        ("labels.json", "{}", "holds no labels"),
        ("labels.csv", "a.json,quake,extra\n", "line 1: expected 2 columns"),
        ("labels.csv", "a.json,\n", "line 1: empty path or label"),
        ("labels.csv", "a.json,x\na.json,y\n", "line 2: a.json has two labels"),
        ("labels.csv", "  \n", "label file is empty"),
    ],
)
def test_load_labels_errors(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_labels(path)
    assert caught.value.path == path
    assert "\n" not in str(caught.value)


def test_load_labels_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read label file"):
        load_labels(tmp_path / "absent.json")


def test_labels_from_field() -> None:
    articles = [_article("a.json", event="quake"), _article("b.json", event="7")]
    assert labels_from_field(articles, "event") == {"a.json": "quake", "b.json": "7"}
    with pytest.raises(InputError, match=r"1 of 3 articles have no 'event' field: c\.json"):
        labels_from_field([*articles, _article("c.json")], "event")


def test_evaluate_folder_reads_embeds_clusters_and_scores(write) -> None:  # type: ignore[no-untyped-def]
    from coverage import ConfigError, HashingEmbedder, Settings, evaluate_folder

    quake = "Quake in Quetta\n\nAn earthquake of magnitude 6.1 struck Quetta in Balochistan, killing 23 people.\n\n"
    flood = "Floods in Brazil\n\nFloods in Minas Gerais left thousands homeless as rivers burst their banks.\n\n"
    folder = write(
        {
            "a/q.txt": quake + "Rescuers searched the rubble of collapsed houses through the night in Quetta.",
            "b/q.txt": quake + "Hospitals in Quetta asked for blood donors after the earthquake.",
            "a/f.txt": flood + "Highways were closed by landslides and towns in Minas Gerais were cut off.",
            "b/f.txt": flood + "The state government of Minas Gerais released emergency funds for the floods.",
        }
    )
    labels = folder.parent / "labels.json"
    labels.write_text('{"a/q.txt": "quake", "b/q.txt": "quake", "a/f.txt": "flood", "b/f.txt": "flood"}')
    settings = Settings().replace(embedding={"cache": False})
    scores = evaluate_folder(folder, settings, labels=labels, embedder=HashingEmbedder())
    assert scores.n_articles == 4
    assert scores == evaluate_folder(folder, settings, labels=str(labels), embedder=HashingEmbedder())
    with pytest.raises(ConfigError):
        evaluate_folder(folder, settings)
    (folder.parent / "empty").mkdir()
    with pytest.raises(InputError):
        evaluate_folder(folder.parent / "empty", settings, label_field="event")
