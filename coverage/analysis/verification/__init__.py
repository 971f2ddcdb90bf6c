"""Verification: before a report says "outlet O omits fact F", every sentence of O is searched for F.

:mod:`.terms` reads what a sentence says (stems, names, numbers, figures, quotes); :mod:`.verdicts` compares each
outlet outside a fact with the fact's sentences and gives its verdict.
"""

from coverage.analysis.verification.terms import Terms, terms
from coverage.analysis.verification.verdicts import SentenceIndex, absorb_facts, verify_facts

__all__ = ["SentenceIndex", "Terms", "absorb_facts", "terms", "verify_facts"]
