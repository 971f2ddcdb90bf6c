"""Markdown (``.md``, ``.markdown``): optional YAML front matter, the first heading as the title, markup stripped."""

from __future__ import annotations

import re
from typing import Any

from coverage.ingest.records import Record, Skip, record_from_mapping
from coverage.model import Skipped, SkipReason
from coverage.text.cleaning import normalize

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

__all__ = ["SUFFIXES", "read"]

SUFFIXES = (".md", ".markdown")
"""The suffixes of the files this reader reads."""


def _from_markdown(rel: str, text: str) -> Record:
    text = normalize(text)
    meta: dict[str, Any] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        import yaml

        try:
            if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(match.group(1), Loader=yaml.SafeLoader)):
                # Aliases can expand a few hundred bytes into gigabytes (a "billion laughs" bomb); articles need none.
                raise Skip(SkipReason.BAD_RECORD, "YAML front matter with aliases (*name), not accepted")
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 2}, column {mark.column + 1}: " if mark else ""
            raise Skip(SkipReason.BAD_RECORD, f"bad YAML front matter: {where}{getattr(exc, 'problem', exc)}") from exc
        if isinstance(loaded, dict):
            meta = {str(k): v for k, v in loaded.items()}
        text = text[match.end() :]
    body_lines: list[str] = []
    title = None
    for line in text.split("\n"):
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if heading and title is None and not any(body_lines_line.strip() for body_lines_line in body_lines):
            title = heading.group(1)
            continue
        if heading:
            line = heading.group(1)
        body_lines.append(_strip_markdown(line))
    record = record_from_mapping(rel, {**meta, "text": "\n".join(body_lines)}, rel)
    if record.title is None:
        record.title = title
    return record


def _strip_markdown(line: str) -> str:
    line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", line)  # images
    line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)  # links
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<!\w)([*_])(\S.*?\S|\S)\1(?!\w)", r"\2", line)
    line = re.sub(r"^\s*>\s?", "", line)
    return line


def read(rel: str, text: str) -> tuple[list[Record], list[Skipped]]:
    return [_from_markdown(rel, text)], []
