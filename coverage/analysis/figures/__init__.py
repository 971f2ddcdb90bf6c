"""Figures: numbers with what they count, and the groups of figures that state the same quantity."""

from coverage.analysis.figures.extraction import article_figures, extract_figures, parse_number
from coverage.analysis.figures.grouping import group_figures
from coverage.model.figures import Bound, FigureGroup, FigureKind, FigureMention, LocatedFigure
from coverage.text.sentences import sentence_spans

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
