"""What a figure in a company story measures, when the words around the number say it.

- Jobs to go (``to cut 4,500 jobs``, ``will axe 5,000 workers``, ``shed 900 posts``, ``1,000 job losses``,
  ``300 redundancies``) are ``jobs cut``: never a workforce, which ``axe 5,000 workers`` would otherwise be.
- Some of those jobs in a named place (``the cuts, which include 1,200 jobs in Brennland``, ``1,200 of the posts
  to go are in Brennland``) are ``jobs cut in Brennland``; with no place named, they stay what their noun says.
- A workforce (``its 61,000-strong workforce``) counts ``employees``; the staff of a part of a company (``the plant
  in Tessel, which employs 3,400 people``) are ``employees (plant)``, not the company's whole workforce.
- A percentage next to revenue, profit, a margin or a share price is that quantity: a change (``net profit fell
  38%``, ``a 38 per cent drop in net profit``, ``shares closed 9.3% lower``) is ``<topic> change (fall)`` or
  ``(rise)``; a level (``the operating margin narrowed to 7.1%``) is the topic itself. A change since a date
  (``down 31% since January``) is another quantity than a day's move.
- ``45 cents a share`` in an article whose every sum is in one currency of cents (euros, dollars) is that money:
  €0.45, as another outlet writes it.

Each function reads the tokens of one sentence and answers ``None`` when the words are not there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from coverage.analysis.figures.links import place_after
from coverage.analysis.figures.tokens import _adjacent, _Phrase, _Tok, _word
from coverage.model.figures import FigureKind, FigureMention
from coverage.text.lexicon import word_set

_CUT_VERBS = word_set(
    "cut cuts cutting axe axes axed axing shed sheds shedding eliminate eliminates eliminated eliminating slash "
    "slashes slashed slashing scrap scraps scrapped scrapping off"
)
# Words that may stand between the verb and the number: "to cut about 4,500", "lay off up to 300".
_CUT_GAP = word_set("about around some nearly almost roughly up to more than at least over")
_JOB_NOUNS = word_set("jobs job posts positions roles workers employees staff people")
_LOSS_NOUNS = word_set("redundancies layoffs lay-offs")
_JOB_LOSSES = word_set("cuts losses")
_STAFF_NOUNS = word_set("workforce staff")
_RELATIVE = word_set("which that")
_SITES = word_set(
    "plant plants factory factories site sites mine mines office offices store stores branch branches unit division "
    "subsidiary warehouse depot works mill yard shipyard centre center facility"
)
_SITE_WINDOW = 8
_CENT_CURRENCIES = frozenset({"EUR", "USD", "AUD", "CAD", "NZD", "HKD", "SGD"})  # a cent is a hundredth of them
_CENT = 100

_BUSINESS = {
    "profit": "profit",
    "profits": "profit",
    "earnings": "profit",
    "revenue": "revenue",
    "revenues": "revenue",
    "sales": "revenue",
    "turnover": "revenue",
    "margin": "margin",
    "shares": "shares",
    "stock": "shares",
}
_PROFIT_MODIFIERS = word_set("net operating pre-tax pretax gross ebitda ebit profit")
# "stock prices fell 2%", "the stock market": a market, not one company's shares
_MARKET_NOUNS = word_set("prices price market markets exchange exchanges index indices indexes")
_FALL = word_set(
    "fell fall falls falling down lower drop drops dropped dropping slumped slump slumps slid slide slides shrank "
    "shrunk narrowed tumbled tumble plunged plunge plunges nosedived shed lost lose loses declined decline declines "
    "sank sink sinks decreased decrease slipped slip"
)
_RISE = word_set(
    "rose rise rises rising up higher gained gain gains jumped jump jumps climbed climb climbs increased increase "
    "grew soared surged rallied rebounded widened added"
)
_LEVEL_BEFORE = word_set("to at of from")
_CLAUSE = frozenset({",", ";", ":", "(", ")", ".", "!", "?"})
_WINDOW = 8  # words looked back for the revenue, profit, margin or shares a percentage measures


def jobs_cut(toks: Sequence[_Tok], phrase: _Phrase, words: Sequence[str]) -> bool:
    """``to cut 4,500 jobs``, ``axe 5,000 workers``, ``lay off 300 staff``, ``1,000 job losses``, ``300
    redundancies``: the count is of jobs to go."""
    if not words:
        return False
    if words[-1] in _LOSS_NOUNS or (len(words) > 1 and words[-2] == "job" and words[-1] in _JOB_LOSSES):
        return True
    if words[-1] not in _JOB_NOUNS:
        return False
    k = phrase.start - 1
    while k >= 0 and phrase.start - k <= 3 and _word(toks, k) in _CUT_GAP:
        k -= 1
    verb = _word(toks, k)
    return verb in _CUT_VERBS and (verb != "off" or _word(toks, k - 1) in ("lay", "lays", "laying", "laid"))


def strong_workforce(toks: Sequence[_Tok], phrase: _Phrase) -> bool:
    """``its 61,000-strong workforce``, ``a 900-strong staff``: a count of employees."""
    k = phrase.end
    joined = k < len(toks) and toks[k].text == "-" and _adjacent(toks[k - 1], toks[k])
    return joined and _word(toks, k + 1) == "strong" and _word(toks, k + 2) in _STAFF_NOUNS


def employer_part(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """``the plant in Tessel, which employs 3,400 people``: ``employees (plant)``, the staff of a part of the
    company the clause is about; ``None`` when the employer is not such a part (``Halcyra employs 61,000``)."""
    k = phrase.start - 1
    while _word(toks, k) in _CUT_GAP:
        k -= 1
    if _word(toks, k - 1) not in _RELATIVE:
        return None
    for j in range(k - 2, max(-1, k - 2 - _SITE_WINDOW), -1):
        if _word(toks, j) in _SITES:
            word = _word(toks, j)
            return f"employees ({word if not word.endswith('s') or word == 'works' else word[:-1]})"
    return "employees (part)"


def business_referent(toks: Sequence[_Tok], phrase: _Phrase) -> str | None:
    """What a percentage next to revenue, profit, a margin or shares measures (see the module), or ``None``."""
    found = _topic_after(toks, phrase) or _topic_before(toks, phrase)
    if found is None:
        return None
    topic, index = found
    before = _word(toks, phrase.start - 1)
    if topic.endswith("margin") and before in _LEVEL_BEFORE:
        return topic  # "the operating margin narrowed to 7.1% from 11.4%"
    if before in _LEVEL_BEFORE - {"of"} and index < phrase.start:
        return None  # "profit rose to 5%" of what: not said
    if "against" in (_word(toks, phrase.end + k) for k in range(3)):
        return None  # "1.1% higher against the index": a move relative to another, not the change itself
    direction = _direction(toks, phrase, index)
    if direction is None:
        return None
    since = " since" if "since" in (_word(toks, phrase.end + k) for k in range(3)) else ""
    company = _shares_of(toks, index) if topic == "shares" else None
    if company is not None:  # two companies' shares in one story are two quantities
        return f"shares of {company} change ({direction}){since}"
    return f"{topic} change ({direction}){since}"


def _shares_of(toks: Sequence[_Tok], index: int) -> str | None:
    """The company whose shares the word at ``index`` names: ``shares in Ostrand Grain``, ``shares of Halden``,
    ``Halden Motors shares``, ``Halden's shares``; ``None`` when no capitalised name is right there."""
    if _word(toks, index + 1) in ("in", "of"):
        k = index + 2
        while k < index + 4 and k < len(toks) and toks[k].kind == "word" and toks[k].text[:1].islower():
            k += 1  # "shares in carmaker Halden Motors", "shares of the Dutch Rell Group"
        name = []
        for tok in toks[k : k + 4]:
            if tok.kind != "word" or not tok.text[:1].isupper():
                break
            name.append(tok.text)
        if name:
            return " ".join(name)
    name = []
    k = index - 1
    if k >= 0 and toks[k].text in ("'s", "’s", "'", "’"):
        k -= 1
    while k >= 0 and len(name) < 4 and toks[k].kind == "word" and toks[k].text[:1].isupper():
        name.insert(0, toks[k].text.removesuffix("'s").removesuffix("’s"))
        k -= 1
    if name and k >= 0 and toks[k].kind == "word" and not toks[k].text[:1].isupper():
        return " ".join(name)  # a name inside the sentence; one that opens it may be any capitalised word
    if name and k < 0 and len(name) >= 2:
        return " ".join(name)
    return None


def _topic_name(toks: Sequence[_Tok], index: int) -> str | None:
    word = _BUSINESS.get(_word(toks, index))
    if word is None:
        return None
    before = _word(toks, index - 1)
    if word == "shares" and _word(toks, index + 1) in _MARKET_NOUNS:
        return None
    if before == "tax" and index >= 3 and toks[index - 2].text == "-" and _word(toks, index - 3) == "pre":
        before = "pre-tax"
    if word == "profit" and before == "profit":
        before = ""
    if word in ("profit", "margin") and before in _PROFIT_MODIFIERS:
        return f"{before} {word}"
    return word


def _topic_before(toks: Sequence[_Tok], phrase: _Phrase) -> tuple[str, int] | None:
    """The business noun nearest before the number in its clause; past one comma when the number starts the next
    (``revenue of €6.2bn for the quarter, down 4%``)."""
    crossed = False
    for k in range(phrase.start - 1, max(-1, phrase.start - 1 - 2 * _WINDOW), -1):
        if toks[k].text in _CLAUSE:
            after_comma = _word(toks, k + 1) in _FALL | _RISE and k + 2 == phrase.start
            if toks[k].text != "," or crossed or not after_comma:
                return None
            crossed = True
            continue
        if not crossed and phrase.start - k > _WINDOW:
            return None
        name = _topic_name(toks, k)
        if name is not None:
            return name, k
    return None


def _topic_after(toks: Sequence[_Tok], phrase: _Phrase) -> tuple[str, int] | None:
    """``a 38% drop in third-quarter net profit``: the noun after a word of change and ``in``."""
    if _word(toks, phrase.end) not in _FALL | _RISE or _word(toks, phrase.end + 1) != "in":
        return None
    for k in range(phrase.end + 2, min(len(toks), phrase.end + _WINDOW)):
        if toks[k].text in _CLAUSE:
            return None
        name = _topic_name(toks, k)
        if name is not None:
            return name, k
    return None


def _direction(toks: Sequence[_Tok], phrase: _Phrase, topic_at: int) -> str | None:
    """``fall`` or ``rise``: the word of change right after the number (``9.3% lower``, ``a 38% drop``) or the
    nearest one between the topic and the number (``net profit fell 38%``)."""
    after = _word(toks, phrase.end)
    if after in _FALL:
        return "fall"
    if after in _RISE:
        return "rise"
    for k in range(phrase.start - 1, min(topic_at, phrase.start), -1):
        word = _word(toks, k)
        if word in _FALL:
            return "fall"
        if word in _RISE:
            return "rise"
    return None


_BASES = word_set("from on than compared against")


def against_year_before(toks: Sequence[_Tok], phrase: _Phrase, referent: str) -> bool:
    """``down 4% from a year earlier``, ``up 3% on last year``: a change measured against the year before, which
    these words name as its base (the change is no earlier value)."""
    if " change (" not in referent or _word(toks, phrase.end) not in _BASES:
        return False
    return any(_word(toks, phrase.end + k) == "year" for k in range(1, 4))


def cents_as_money(mentions: Iterable[FigureMention]) -> list[FigureMention]:
    """``mentions`` with each count of cents read as money when every sum of the article is in one currency that
    has cents (``45 cents a share`` beside ``€41.20``: €0.45); unchanged when the currency is not known."""
    mentions = list(mentions)
    currencies = {m.unit for m in mentions if m.kind is FigureKind.MONEY}
    if len(currencies) != 1 or not currencies <= _CENT_CURRENCIES:
        return mentions
    currency = next(iter(currencies))
    assert currency is not None
    out = []
    for m in mentions:
        if m.kind is FigureKind.COUNT and m.noun == "cents" and m.referent.startswith("cents"):
            m = replace(
                m,
                value=m.value / _CENT,
                low=None if m.low is None else m.low / _CENT,
                high=None if m.high is None else m.high / _CENT,
                kind=FigureKind.MONEY,
                referent=currency + m.referent.removeprefix("cents"),
                noun=None,
                unit=currency,
            )
        out.append(m)
    return out


_PART_JOBS = word_set("jobs posts roles positions")
_CUT_NOUNS = word_set("cuts losses redundancies layoffs lay-offs")
_INCLUDE = word_set("include includes including included")
_GOING = (("to", "go"), ("to", "be", "cut"), ("being", "cut"), ("will", "go"), ("going",))
_PART_WINDOW = 6


def jobs_cut_in(toks: Sequence[_Tok], phrase: _Phrase, referent: str) -> str:
    """``jobs cut in <place>`` for jobs that are part of the cuts in a named place (see the module), else
    ``referent`` unchanged."""
    if referent not in _PART_JOBS:
        return referent
    before = [_word(toks, k) for k in range(max(0, phrase.start - _PART_WINDOW), phrase.start)]
    included = any(w in _INCLUDE for w in before[-3:]) and any(w in _CUT_NOUNS for w in before)
    k = phrase.end
    if _word(toks, k) in _PART_JOBS:
        k += 1  # "1,200 jobs in Brennland"
    elif _word(toks, k) == "of" and _word(toks, k + 1) == "the" and _word(toks, k + 2) in _PART_JOBS:
        k += 3  # "1,200 of the posts to go"
    going = next((g for g in _GOING if tuple(_word(toks, k + n) for n in range(len(g))) == g), None)
    if not included and going is None:
        return referent
    k += len(going) if going else 0
    while _word(toks, k) in ("are", "is", "were", "will", "be"):
        k += 1
    place = place_after(toks, k)
    return f"jobs cut in {place}" if place else referent
