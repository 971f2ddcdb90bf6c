from datetime import date

import numpy as np

from coverage import Article
from coverage.analysis.syndication import find_copies


def article(id_: str, outlet: str, n: int, published: date | None = None) -> Article:
    return Article(
        id=id_, path=id_, outlet=outlet, title=id_, paragraphs=tuple(f"p{i}" for i in range(n)), published=published
    )


def test_a_copy_with_one_added_paragraph_is_found_with_what_it_added() -> None:
    rng = np.random.default_rng(0)
    base = rng.normal(size=(5, 16))
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    extra = rng.normal(size=(1, 16))
    extra /= np.linalg.norm(extra)
    wire = article("wire", "Wire", 5, date(2022, 1, 7))
    copy = article("copy", "Herald", 6, date(2022, 1, 8))
    other = article("other", "Other", 5, date(2022, 1, 7))
    different = rng.normal(size=(5, 16))
    different /= np.linalg.norm(different, axis=1, keepdims=True)
    (found,) = find_copies([wire, copy, other], [base, np.vstack([base, extra]), different])
    assert (found.article, found.source, found.added, found.cut) == ("copy", "wire", (5,), ())
    assert found.shared == 1.0


def test_same_outlet_and_independent_reports_are_not_copies() -> None:
    rng = np.random.default_rng(1)
    v = rng.normal(size=(4, 16))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    w = rng.normal(size=(4, 16))
    w /= np.linalg.norm(w, axis=1, keepdims=True)
    a, b, c = article("a", "X", 4), article("b", "X", 4), article("c", "Y", 4)
    assert find_copies([a, b, c], [v, v, w]) == []
