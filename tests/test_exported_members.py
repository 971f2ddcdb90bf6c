import coverage


def test_public_api_is_exactly_this() -> None:
    assert sorted(coverage.__all__) == [
        "Aligner",
        "Alignment",
        "Article",
        "Attribution",
        "Bound",
        "ClaimScores",
        "ClusteringScores",
        "Comparison",
        "ConfigError",
        "Copy",
        "Corpus",
        "CoverageError",
        "Embedder",
        "EmbeddingCache",
        "Event",
        "EventClusterer",
        "EventEvidence",
        "EventFraming",
        "Fact",
        "FactEvidence",
        "FigureGroup",
        "FigureKind",
        "FigureMention",
        "HashingEmbedder",
        "InputError",
        "LabelGroup",
        "Link",
        "LocatedFigure",
        "ModelError",
        "OutletCheck",
        "OutletFraming",
        "OutletProfile",
        "OutletProfiles",
        "ParagraphRef",
        "Quote",
        "QuoteGroup",
        "QuoteVariant",
        "SentenceTransformerEmbedder",
        "Settings",
        "SkipReason",
        "Skipped",
        "SpeakerKind",
        "Term",
        "Unit",
        "VariantFlag",
        "Verdict",
        "__version__",
        "compare",
        "evaluate_folder",
        "load_corpus",
        "load_outlet_profiles",
        "score_claims",
        "to_json",
        "write_exports",
        "write_json",
        "write_markdown",
    ]


def test_every_public_name_resolves() -> None:
    for name in coverage.__all__:
        assert getattr(coverage, name) is not None, name
    assert callable(coverage.compare)


def test_error_tree() -> None:
    assert issubclass(coverage.InputError, coverage.CoverageError)
    assert issubclass(coverage.ConfigError, coverage.CoverageError)
    assert issubclass(coverage.ModelError, coverage.CoverageError)


def test_import_is_light() -> None:
    import subprocess
    import sys

    heavy = "('numpy', 'torch', 'sklearn', 'sentence_transformers')"
    code = f"import sys, coverage, coverage.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
