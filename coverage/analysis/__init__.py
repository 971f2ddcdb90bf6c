"""The analysis stages: embedding, events, alignment, syndication, facts, figures, quotes, framing, outlets.

Each stage reads :mod:`coverage.model` types and :mod:`coverage.settings` sections and returns model types;
:func:`coverage.pipeline.compare` runs them in order.
"""
