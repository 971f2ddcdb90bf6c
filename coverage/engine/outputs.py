"""Results written per event, as each event is built: the partitioned Parquet tables and the JSON lines.

:class:`EventOutputs` says what to produce per event. The Ray engine hands its :attr:`~EventOutputs.spec` to the
workers, which write the event's partitions (:func:`coverage.report.tables.write_event_partitions`) and make its
JSON line (:func:`coverage.report.jsonio.event_line`) as they finish it, and :meth:`EventOutputs.record` keeps
what came back. Afterwards, on the driver, :meth:`EventOutputs.write_partitions` and
:meth:`EventOutputs.json_lines` account for every event of the result: an event whose outputs a worker made for
that very event is taken as made; any other (the local engine's, a result read from the cache, an event the
pipeline changed after it was built, such as a sampled one, or a partition file that is missing) is made there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coverage.model import Comparison, Event
from coverage.report.jsonio import event_line, iter_json_lines
from coverage.report.tables import (
    TABLES,
    partition_file,
    remove_stale_partitions,
    write_corpus_tables,
    write_event_partitions,
)

__all__ = ["EventOutputs", "OutputSpec"]


@dataclass(frozen=True)
class OutputSpec:
    """What a worker produces for each event it builds (picklable: it travels to the workers)."""

    partitions: Path | None = None
    """The folder of the partitioned tables (``<table>/event_id=<id>/part-0.parquet``); ``None``: none."""
    json_lines: bool = False
    """Whether to make each event's JSON line."""

    def produce(self, event: Event) -> str | None:
        """Write ``event``'s partitions (when wanted); its JSON line (when wanted)."""
        if self.partitions is not None:
            write_event_partitions(event, self.partitions)
        return event_line(event) if self.json_lines else None

    @property
    def wanted(self) -> bool:
        return self.partitions is not None or self.json_lines


class EventOutputs:
    """The per-event outputs of one run: what to produce (:attr:`spec`), and what the workers made."""

    def __init__(self, *, partitions: Path | None = None, json_lines: bool = False) -> None:
        self.partitions = partitions
        """The folder of the partitioned tables, as given (the paths :meth:`write_partitions` returns are in it)."""
        # The workers get it absolute: a Ray worker does not run in the driver's working directory.
        self.spec = OutputSpec(None if partitions is None else Path(partitions).absolute(), json_lines)
        self._made: dict[str, tuple[Event, str | None]] = {}
        self.made_on_driver = 0
        """How many events' partitions :meth:`write_partitions` wrote on the driver (none when the workers wrote
        every one)."""

    def record(self, event: Event, line: str | None) -> None:
        """Keep what a worker made for ``event`` (its partitions are on disk; ``line`` is its JSON line)."""
        self._made[event.id] = (event, line)

    def _made_for(self, event: Event) -> tuple[Event, str | None] | None:
        made = self._made.get(event.id)
        return made if made is not None and made[0] is event else None

    @property
    def recorded(self) -> int:
        """How many events the workers made outputs for."""
        return len(self._made)

    def write_partitions(self, comparison: Comparison) -> list[Path]:
        """Make sure every event of ``comparison`` has its partition in every table (writing those the workers did
        not), write the corpus-level tables, and remove partitions an earlier run left; returns every file of the
        layout, the partitions in event order then table order, the corpus-level tables last."""
        folder = self.partitions
        if folder is None:
            raise ValueError("no partitioned output was asked for")
        written: list[Path] = []
        for event in comparison.events:
            paths = [partition_file(folder, name, event.id) for name in TABLES]
            if self._made_for(event) is None or not all(path.is_file() for path in paths):
                paths = write_event_partitions(event, folder)
                self.made_on_driver += 1
            written += paths
        written += write_corpus_tables(comparison, folder)
        remove_stale_partitions(folder, {event.id for event in comparison.events})
        return written

    def json_lines(self, comparison: Comparison) -> Iterator[str]:
        """The JSON lines result (:func:`coverage.report.jsonio.iter_json_lines`), with the lines the workers made."""

        def line_of(event: Event) -> str:
            made = self._made_for(event)
            if made is not None and made[1] is not None:
                return made[1]
            return event_line(event)

        return iter_json_lines(comparison, line_of)
