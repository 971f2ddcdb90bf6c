"""Text: cleaning, paragraphs and sentences, and the shared word lists (:mod:`coverage.text.lexicon`)."""
