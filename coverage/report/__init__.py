"""Reports over a :class:`~coverage.model.Comparison`: terminal, markdown, plots, JSON and tables (exports)."""
