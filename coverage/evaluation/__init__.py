"""Evaluation: clustering scores against gold labels, and adapters that turn labelled corpora into folders."""

from coverage.evaluation.folder import evaluate_folder

__all__ = ["evaluate_folder"]
