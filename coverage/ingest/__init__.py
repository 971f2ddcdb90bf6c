"""Input: the folder walk and the readers that turn files into :class:`~coverage.model.Article`."""

from coverage.ingest.folder import (
    SUPPORTED_SUFFIXES,
    decode_bytes,
    load_corpus,
    load_file,
    parse_date,
)

__all__ = ["SUPPORTED_SUFFIXES", "decode_bytes", "load_corpus", "load_file", "parse_date"]
