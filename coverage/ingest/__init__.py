"""Input: the folder walk (:mod:`coverage.ingest.folder`) and one reader per format (:mod:`coverage.ingest.readers`,
registered by suffix in :mod:`coverage.ingest.registry`) that turn files into :class:`~coverage.model.Article`."""

from coverage.ingest.folder import SUPPORTED_SUFFIXES, decode_bytes, load_corpus, load_file
from coverage.ingest.records import parse_date

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "load_corpus", "load_file", "parse_date"]
