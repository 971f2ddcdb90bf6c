"""Evaluation: clustering scores against gold labels, and adapters that turn labelled corpora into folders."""
