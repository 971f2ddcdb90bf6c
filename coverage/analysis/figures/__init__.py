"""Figures: numbers with what they count, and the groups of figures that state the same quantity."""

from coverage.analysis.figures.extraction import (
    Bound,
    FigureGroup,
    FigureKind,
    FigureMention,
    LocatedFigure,
    article_figures,
    extract_figures,
    group_figures,
    parse_number,
    sentence_spans,
)

__all__ = [
    "Bound",
    "FigureGroup",
    "FigureKind",
    "FigureMention",
    "LocatedFigure",
    "article_figures",
    "extract_figures",
    "group_figures",
    "parse_number",
    "sentence_spans",
]
