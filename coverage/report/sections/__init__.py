"""The sections of an event's report, one module per analysis: each writes its results once for every writer.

A section module has ``NAME``; ``terminal(event, options)`` (rich renderables); ``markdown(event)`` (lines);
``json(event)`` (its keys of the event's JSON object); and ``TABLES``, ``schemas()`` and ``rows(event)`` for the
tables it adds to the exports. The writers in :mod:`coverage.report` ask every section of :data:`SECTIONS`, in
order; a new analysis adds one module here and its place in :data:`SECTIONS`.
"""

from coverage.report.sections import facts, figures, framing, quotes

SECTIONS = (facts, figures, quotes, framing)
"""The sections in the order the reports show them."""

__all__ = ["SECTIONS"]
