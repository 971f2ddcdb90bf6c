"""The SVG chart of one figure group on an HTML event page: one row per mention by date, its interval and value."""

from __future__ import annotations

import math
from html import escape

from coverage.model import Event, FigureGroup
from coverage.report.formatting import article_label

__all__ = ["figure_chart"]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


_COLOURS = {"conflict": "#a31515", "update": "#7a4d00", "agree": "#0b6b2b", "unclear": "#4a4a8a"}


def figure_chart(event: Event, group: FigureGroup, number: int) -> str:
    """An SVG of the group's intervals, one row per mention by date: a line from low to high (an arrow where
    unbounded), a dot at the value."""
    mentions = group.by_date()
    finite = [v for m in mentions for v in (m.figure.low, m.figure.high, m.figure.value) if v is not None]
    low, high = min(finite), max(finite)
    span = high - low or max(abs(high), 1.0)
    low, high = low - 0.08 * span, high + 0.08 * span
    left, width, row = 230, 330, 24
    height = row * len(mentions) + 30

    def x(value: float) -> float:
        return left + (value - low) / (high - low) * width

    colour = _COLOURS[group.verdict]
    parts = [
        f'<svg role="img" aria-labelledby="g{number}-t" viewBox="0 0 {left + width + 20} {height}" '
        f'width="{left + width + 20}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="g{number}-t">{_e(group.label)}: {_e(group.verdict)}; '
        + _e("; ".join(f"{m.outlet} {m.published or 'undated'}: {m.figure.text}" for m in mentions))
        + "</title>",
    ]
    for index, m in enumerate(mentions):
        y = 20 + index * row
        label = f"{article_label(event, m.article_id)}, {m.published or 'undated'}"
        parts.append(f'<text x="4" y="{y + 4}">{_e(label[:34])}</text>')
        start = x(m.figure.low) if m.figure.low is not None else left
        end = x(m.figure.high) if m.figure.high is not None else left + width
        parts.append(f'<line x1="{start:.1f}" y1="{y}" x2="{end:.1f}" y2="{y}" stroke="{colour}" stroke-width="3"/>')
        if m.figure.low is None:
            parts.append(f'<path d="M{left} {y} l8 -5 v10 z" fill="{colour}"/>')
        if m.figure.high is None:
            parts.append(f'<path d="M{left + width} {y} l-8 -5 v10 z" fill="{colour}"/>')
        parts.append(f'<circle cx="{x(m.figure.value):.1f}" cy="{y}" r="5" fill="{colour}"/>')
    axis = 20 + len(mentions) * row - 8
    parts += [
        f'<line x1="{left}" y1="{axis}" x2="{left + width}" y2="{axis}" stroke="#888"/>',
        f'<text x="{left}" y="{axis + 16}">{_e(_number(low))}</text>',
        f'<text x="{left + width}" y="{axis + 16}" text-anchor="end">{_e(_number(high))}</text>',
        "</svg>",
    ]
    return "".join(parts)


def _number(value: float) -> str:
    if not math.isfinite(value):
        return ""
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:,.2g}"
