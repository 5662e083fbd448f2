"""claims.figures: atoms joined into figures (`find_figures`) — ranges ("50 to 100", "between 5 and 10"),
ratios ("1 in 5"), bounds from the words around them ("as many as", "or more") — and each figure completed
with its currency, percent sign, compound ("100,000-person"), unit, rate ("a day") and kind; durations and
page furniture are dropped, as they are no claim.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from newsdesk.analysis.claims.atoms import ATOM, Atom, find_atoms, is_figure, listed_atoms
from newsdesk.analysis.claims.nouns import counted_noun
from newsdesk.analysis.claims.page import PageIndex
from newsdesk.analysis.claims.words import (
    BEFORE_CHARS,
    BOUND_BEFORE,
    BOUND_KIND,
    CURRENCY_BEFORE,
    FEW_BEFORE,
    FRACTIONS,
    NEAR_CHARS,
    PERCENT_AFTER,
    PERSON_UNITS,
)

_CURRENCY_AFTER = re.compile(r"\s+(?P<c>dollars|euros?|pounds\s+sterling|pounds|roubles|rubles|hryvnias?|hryvnia"
                             r"|yuan|yen|(?:Swiss\s+)?francs|rupees|rand|zlotys?|USD|EUR|GBP|CHF|JPY|INR"
                             r"|cents|pence)\b", re.IGNORECASE)
#: A hundredth of a currency: "30 cents" is 0.30 of the sentence's dollars (or euros), "5p" of pounds.
_SUBUNITS = {"cents": 100.0, "pence": 100.0}
_HYPHEN_AFTER = re.compile(r"-(?P<w>[A-Za-z]+(?:-[A-Za-z]+)*)")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—)\s*|\s+to\s+|\s+or\s+")
_RATIO_JOIN = re.compile(r"\s+(?:in|out\s+of)\s+")
_OF_THE = re.compile(r"\s+of\s+(?:the|its|their|his|her)?\s*")
#: What makes "pounds" a weight: "of" a substance after it, weighing words before it in the sentence.
_WEIGHT_AFTER = re.compile(r"\s+(?:of\s+(?!sterling\b)[a-z]|heavier|lighter|overweight)", re.IGNORECASE)
_WEIGHT_CUE = re.compile(r"\b(?:weigh\w*|heav(?:y|ier)|lost|gained|lift\w*|tip(?:s|ped)?\s+the\s+scales?|"
                         r"ounces?|oz|kilo\w*|kg|lbs?|baby|born)\b", re.IGNORECASE)
#: What makes "pounds" money.
_MONEY_CUE = re.compile(r"\b(?:paid|pay\w*|cost\w*|price\w*|fine[ds]?|fees?|worth|spen[dt]\w*|raised?|"
                        r"budget\w*|salar\w*|wages?|funds?|funding|deal|bill|tax\w*|sterling|compensation|"
                        r"award\w*|donat\w*|debts?|loans?|sold|bought|profit\w*|revenue\w*)\b", re.IGNORECASE)
_SCALED = re.compile(r"(?i:million|billion|trillion|bn|m)\b")
_AND_JOIN = re.compile(r"\s+and\s+")
_TO = re.compile(r"\s+to\s+")
_COUNTED = frozenset({"count", "bound", "range"})
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+$", re.IGNORECASE)
_OR_MORE = re.compile(r"\s+or\s+more\b|\s*\+|-plus\b|\s+and\s+(?:more|over|above|up)\b|\s+or\s+so\b")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?P<verb>\w+)\s+from\s+$|\bfrom\s+$", re.IGNORECASE)
#: "rose from 5 to 10" is a change, two figures, not a range.
_CHANGE_VERBS = frozenset("rose risen rising rise rises fell fallen falling fall falls increased increasing increase "
                          "decreased decreasing decrease climbed climbing jumped jumping dropped dropping grew grown "
                          "growing shrank shrunk cut raised raising lowered lowering soared plunged slumped went "
                          "up down surged".split())

#: Periods of a rate after the figure. "a day after/later" is a date, "for a week" a duration: not rates.
_RATE = re.compile(
    r"\b(?:(?:every|each|per)\s+(?P<p1>day|week|month|year|hour|minute|second|night|fortnight)"
    r"|a(?:n)?\s+(?P<p2>day|week|month|year|hour|minute"
    r"|night)(?!\s+(?:after|before|later|earlier|ago|or\s+two|and)\b)"
    r"|(?P<p3>daily|weekly|monthly|annually|yearly|hourly|nightly|per\s+annum))\b",
    re.IGNORECASE,
)
#: "won by almost a minute", "in a day", "for a week": "a day" after these words measures, it is no rate.
_NOT_RATE_BEFORE = re.compile(r"\b(?:by|almost|nearly|about|around|than|just|in|for|within|over|after|under|half|once"
                              r"|twice|only|barely|less|more|the|whole|entire)\s+$", re.IGNORECASE)
_RATE_BEFORE = re.compile(r"\b(?:every|each|per)\s+(?P<p>day|week|month|year|hour|night)\b,?\s+"
                          r"(?:(?!and\b|or\b|than\b)[\w’'-]+\s+){0,2}$", re.IGNORECASE)
_RATE_PERIOD = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year",
                "hourly": "hour", "nightly": "night", "per annum": "year"}

#: Units that make a figure a duration or an age: the time stage's business (TimeML DURATION), not a claim.
_TIME_UNITS = frozenset("second seconds minute minutes min mins hour hours hr hrs day days week weeks month months "
                        "year years decade decades century centuries weekend weekends fortnight fortnights night "
                        "nights year-old years-old year-olds".split())
#: Units that are page furniture ("12 comments", "3 photos"), never a statement of the story.
_FURNITURE_UNITS = frozenset("comments comment likes views retweets replies photos images slides".split())
_SETTLEMENTS = r"(?:city|town|village|cities|towns|villages|country|nation|island|region|province|community" \
               r"|settlement|municipality|district|metropolis|state|port|capital)"
_POPULATION_BEFORE = re.compile(r"\b(?:a|the|an)\s+" + r"(?P<place>(?:\w+\s+){0,2}?" + _SETTLEMENTS + ")"
                                + r"\s+of\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+|over\s+"
                                  r"|more\s+than\s+|fewer\s+than\s+|less\s+than\s+)?$"
                                + r"|\b(?:population|populace)\s+(?:of|was|is|stood\s+at|at)\s+(?:\w+\s+){0,3}?$"
                                + r"|\bhome\s+to\s+(?:\w+\s+){0,3}?$", re.IGNORECASE)
_PERSON_HYPHEN = frozenset("person people strong member man woman soldier troop resident inhabitant".split())
_SETTLEMENT_AFTER = re.compile(r"\s+" + _SETTLEMENTS + r"\b", re.IGNORECASE)
_CURRENCY_CODES = {"$": "USD", "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "€": "EUR",
                   "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB", "usd": "USD", "eur": "EUR", "gbp": "GBP",
                   "rs": "INR", "rs.": "INR", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pounds": "GBP",
                   "pounds sterling": "GBP", "roubles": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH",
                   "yuan": "CNY", "yen": "JPY", "swiss francs": "CHF", "chf": "CHF", "jpy": "JPY", "inr": "INR",
                   # The franc still in wide use is the Swiss one; the others are named with their country.
                   "francs": "CHF", "rupees": "INR", "rand": "ZAR", "zloty": "PLN", "zlotys": "PLN",
                   "pence": "GBP"}


@dataclass(slots=True)
class Figure:
    """A figure being built from one or two atoms and the words around them (mutable: each step completes
    it; the finder turns it into a frozen `Claim`)."""

    start: int
    end: int
    low: float | None
    high: float | None
    kind: str
    unit: str | None = None
    per: str | None = None
    currency: str | None = None
    percent: bool = False
    population: bool = False
    anchor_end: int = 0  # where the figure's number words end (before unit and rate)


def find_figures(text: str, page: PageIndex, max_digits: int, rate_window: int) -> list[Figure]:
    """The page's figures in text order: atoms joined and bounded, completed (`rate_window`: how far after
    the figure a period may stand to make a rate), and given the unit of a figure before them that they
    share ("12 people died and 40 were hurt")."""
    atoms = find_atoms(text, page, max_digits)
    listed = listed_atoms(text, atoms)
    figures: list[Figure] = []
    i = 0
    while i < len(atoms):
        atom = atoms[i]
        if figures and atom.start < figures[-1].end:
            i += 1  # inside the last figure's words ("four five-litre bottles"): part of it, not another
            continue
        joiner = _RANGE_JOIN.match(text, atom.end)
        paired = i + 1 < len(atoms) and joiner is not None and joiner.end() == atoms[i + 1].start
        if i in listed or not is_figure(text, atom):
            i += 2 if paired else 1  # "aged 18 to 65", "May 5-6": the second number goes with the first
            continue
        fig, used = (None, 1) if atom.share else _ratio(text, atoms, i)
        if fig is None and not atom.share:
            fig, used = _range(text, atoms, i)
        if fig is None and used == 1 and not atom.weak:  # (shares come here too)
            fig = _single(text, atom)
        i += used
        if fig is None:
            continue
        _complete(text, page, fig, rate_window)
        if fig.kind == "drop":
            continue
        figures.append(fig)
    # "12 of the 20 districts": the first figure counts what the second does.
    for a, b in itertools.pairwise(figures):
        if a.unit is None and a.kind in {"count", "bound", "range"} and _OF_THE.fullmatch(text, a.end, b.start) \
                and b.unit is not None and b.kind in {"count", "bound", "range"}:
            a.unit = b.unit
    for a, b in itertools.pairwise(figures):
        # "12 people died and 40 were hurt", "down from 120,000", "Another 12 are damaged": a bare
        # count names no noun because it counts what the figure before it does.
        if b.unit is None and b.kind in _COUNTED and a.unit is not None and a.kind in _COUNTED | {"vague"} \
                and a.per == b.per and (page.sentence_start(a.start) == page.sentence_start(b.start)
                                        or _ANOTHER_BEFORE.search(text, max(0, b.start - NEAR_CHARS), b.start)):
            b.unit = a.unit
        # "from £900 to £1,250 a month": the period of the new figure is the old one's too.
        if a.per is None and b.per is not None and a.kind == b.kind and _TO.fullmatch(text, a.end, b.start):
            a.per = b.per
    return figures

def _ratio(text: str, atoms: list[Atom], i: int) -> tuple[Figure | None, int]:
    """"1 in 5 households", "one in four": a share, given as a percentage (the kind readers compare)."""
    if i + 1 >= len(atoms):
        return None, 1
    a, b = atoms[i], atoms[i + 1]
    join = _RATIO_JOIN.match(text, a.end)
    if a.vague or b.vague or join is None or join.end() != b.start or not 0 < a.value < b.value:
        return None, 1
    share = round(a.value / b.value * 100, 1)  # "1 in 3" is 33.3 percent, not 33.33333333333333
    fig = Figure(a.start, b.end, share, share, "percent", unit="percent", percent=True, anchor_end=b.end)
    _, unit_end = counted_noun(text, b.end)
    fig.end = max(fig.end, unit_end)
    return fig, 2

def _range(text: str, atoms: list[Atom], i: int) -> tuple[Figure | None, int]:
    """Two atoms joined as a range: "50 to 100", "50-100", "between 5 and 10", "two or three"."""
    if i + 1 >= len(atoms):
        return None, 1
    a, b = atoms[i], atoms[i + 1]
    if a.vague or b.vague:
        return None, 1
    before = text[max(0, a.start - BEFORE_CHARS):a.start]
    between = _BETWEEN_BEFORE.search(before) is not None
    joiner = (_AND_JOIN if between else _RANGE_JOIN).match(text, a.end)
    if joiner is None or joiner.end() != b.start:
        return None, 1
    if not is_figure(text, b):
        return None, 2  # "10-11 March", "1990-2000": the pair is a date or a span of years
    # "$3-4bn", "5 to 10 million": the scale may sit on the second atom only.
    low, high = a.value, b.value
    if not a.scaled and b.scaled and a.raw < b.raw:
        low = a.raw * (b.value / b.raw) if b.raw else a.value  # the second atom's scale is shared
    if low >= high:
        return None, 2  # "won 3-1", "voted 52 to 48": a score or a tally, no range a reader checks
    frm = _FROM_BEFORE.search(before)
    if frm is not None and (frm.group("verb") or "").lower() in _CHANGE_VERBS:
        return None, 1  # "rose from 5% to 10%": two figures, the old and the new
    start = a.start
    if between:
        start = max(0, a.start - BEFORE_CHARS) + _BETWEEN_BEFORE.search(before).start()  # type: ignore[union-attr]
    elif frm is not None and frm.group("verb") is None:
        start = max(0, a.start - BEFORE_CHARS) + frm.start()
    fig = Figure(start, b.end, low, high, "range", anchor_end=b.end, unit=b.unit, currency=b.currency)
    currency = CURRENCY_BEFORE.search(text, max(0, a.start - 4), a.start)
    if currency is not None:
        fig.currency = _currency_code(currency.group("c"))
        fig.start = min(fig.start, currency.start())
    return fig, 2

def _single(text: str, atom: Atom) -> Figure | None:
    before_start = max(0, atom.start - BEFORE_CHARS)
    fig = Figure(atom.start, atom.end, atom.value, atom.value, "vague" if atom.vague else "count",
                  anchor_end=atom.end)
    if atom.vague:
        fig.high = None
    fig.unit, fig.currency = atom.unit, atom.currency
    if atom.share:
        fig.percent, fig.unit = True, "percent"
    currency = CURRENCY_BEFORE.search(text, max(0, atom.start - 4), atom.start)
    if currency is not None:
        fig.currency = _currency_code(currency.group("c"))
        fig.start = currency.start()
    bound = BOUND_BEFORE.search(text, before_start, fig.start)
    if bound is not None:
        kind = BOUND_KIND.get(re.sub(r"\s+", " ", bound.group("b").lower()), "about")
        if kind == "skip":
            return None
        if kind in {"low", "high"}:
            fig.start = bound.start()
            fig.kind = "bound" if not atom.vague else "vague"
            if kind == "low":
                fig.high = None
            else:
                fig.low = None if not atom.vague else fig.low
                if atom.vague:
                    fig.high = None
        else:
            fig.start = bound.start()  # "about 100", "some 40": kept as the figure stated
    few = FEW_BEFORE.search(text, before_start, atom.start) if atom.word or atom.vague else None
    if few is not None and few.group("f").lower() != "a" and atom.value in (100.0, 1e3, 1e6, 1e9, 200.0, 2e3,
                                                                               2e6, 2e9):
        # "several hundred" (at least three hundred), "a few thousand" (at least two thousand)
        base = atom.value if not atom.vague else atom.value / 2
        fig.low, fig.high, fig.kind = base * (3 if few.group("f").lower() == "several" else 2), None, "vague"
        fig.start = few.start()
    more = _OR_MORE.match(text, atom.end)
    if more is not None and fig.kind in {"count", "bound"} and "so" not in more.group():
        fig.high, fig.kind, fig.end, fig.anchor_end = None, "bound", more.end(), more.end()
    elif more is not None and "so" in more.group():
        fig.end = fig.anchor_end = more.end()  # "100 or so": an approximation, kept as stated
    return fig

def _pounds_are_weight(text: str, page: PageIndex, fig: Figure, word: re.Match[str]) -> bool:
    lo = page.sentence_start(fig.start)
    return bool(_WEIGHT_AFTER.match(text, word.end()) or _WEIGHT_CUE.search(text, lo, fig.start))

def _pounds_are_money(text: str, page: PageIndex, fig: Figure, word: re.Match[str]) -> bool:
    """Money when the words say so (a scale word, paid, cost, fined, sterling, a £ on the page) and
    nothing says weight."""
    if _pounds_are_weight(text, page, fig, word):
        return False
    lo, hi = page.sentence_start(fig.start), page.sentence_end(fig.start)
    return bool(_MONEY_CUE.search(text, lo, hi) or _SCALED.search(text, fig.start, word.start())
                or "£" in text)

def _complete(text: str, page: PageIndex, fig: Figure, rate_window: int) -> None:
    """Currency, percent, compound, unit and rate after the figure; the kind; drops durations."""
    pos = fig.anchor_end
    if fig.currency is None:
        cur = _CURRENCY_AFTER.match(text, pos)
        if (cur is not None and cur.group("c").lower() == "pounds"
                and not _pounds_are_money(text, page, fig, cur)):
            # "weighed 6.6 pounds", "20 pounds of cocaine": a weight; with neither weight nor money
            # around it the word stays as written rather than a currency guessed.
            fig.unit, pos = ("lb" if _pounds_are_weight(text, page, fig, cur) else "pounds"), cur.end()
            fig.end = max(fig.end, pos)
            return
        if cur is not None:
            word = cur.group("c").lower()
            fig.currency, pos = _currency_code(cur.group("c")), cur.end()
            if word in _SUBUNITS:
                divisor = _SUBUNITS[word]
                fig.low = None if fig.low is None else fig.low / divisor
                fig.high = None if fig.high is None else fig.high / divisor
                if word == "cents":  # the cents of the sentence's currency; dollars unless euros are named
                    lo, hi = page.sentence(fig.start)
                    fig.currency = "EUR" if re.search(r"€|\beuros?\b", text[lo:hi]) else "USD"
    pct = PERCENT_AFTER.match(text, pos)
    if pct is not None and fig.currency is None:
        fig.percent, pos = True, pct.end()
        fig.unit = "percentage points" if "point" in pct.group().lower() else "percent"
    hyphen = _HYPHEN_AFTER.match(text, pos) if not fig.percent else None
    if hyphen is not None:
        word = hyphen.group("w").lower()
        head = word.split("-")[0]
        if word.startswith("and-a-half") and fig.low == fig.high and fig.low is not None:
            fig.low = fig.high = fig.low + 0.5  # "two-and-a-half hours"
            unit, unit_end = counted_noun(text, hyphen.end())
            if unit is not None and unit.lower() in _TIME_UNITS:
                fig.kind = "drop"
                return
            fig.unit, pos = unit, max(hyphen.end(), unit_end)
        elif head in FRACTIONS:  # "two-thirds", "nearly three-quarters": a share, as a percentage
            factor = 100 / FRACTIONS[head]
            fig.low = None if fig.low is None else round(fig.low * factor, 2)
            fig.high = None if fig.high is None else round(fig.high * factor, 2)
            fig.percent, fig.unit, pos = True, "percent", hyphen.end()
        elif head in _TIME_UNITS or word in _TIME_UNITS:
            fig.kind = "drop"  # "three-day visit", "45-year-old": durations and ages
            return
        elif head in _PERSON_HYPHEN:
            fig.unit, pos = "people", hyphen.end()
            settlement = _SETTLEMENT_AFTER.match(text, pos)
            if settlement is not None:  # "a 100,000-person city"
                fig.population, pos = True, settlement.end()
        else:
            fig.unit, pos = head, hyphen.end()  # "a 10-mile convoy"
    elif fig.currency is None and not fig.percent and fig.unit is None:
        # "thousands of troops" names what it counts; "thousands perish" does not (a verb follows).
        # "several hundred workers" is a number and its noun, as "300 workers" is.
        of_only = fig.kind == "vague" and text[fig.anchor_end - 1] in "sS"
        unit, unit_end = counted_noun(text, pos, of_only=of_only)
        if unit is not None:
            low = unit.lower()
            if low in _TIME_UNITS:
                fig.kind = "drop"  # "three months", "24 hours": durations belong to the time stage
                return
            if low in _FURNITURE_UNITS:
                fig.kind = "drop"
                return
            fig.unit, pos = unit, unit_end
    fig.end = max(fig.end, pos)
    if fig.currency is not None:
        fig.unit = fig.currency
    before = text[max(0, fig.start - BEFORE_CHARS):fig.start]
    popul = _POPULATION_BEFORE.search(before)
    if popul is not None and (fig.unit is None or fig.unit.lower() in PERSON_UNITS):
        fig.population = True  # "a city of 100,000", "population of 2 million", "home to 300,000 people"
        fig.unit = fig.unit or "people"
        if popul.group("place") is not None:  # the span holds what is counted: "town of 12,000"
            fig.start = fig.start - len(before) + popul.start("place")
    rate_end = min(len(text), pos + rate_window, page.sentence_end(fig.start))
    rate = _RATE.search(text, pos, rate_end)
    if rate is not None and not ATOM.search(text, pos, rate.start()) and not (
            rate.group("p2") and _NOT_RATE_BEFORE.search(text, max(pos, rate.start() - 12), rate.start())):
        period = rate.group("p1") or rate.group("p2") or rate.group("p3")
        period = re.sub(r"\s+", " ", period.lower())
        fig.per = _RATE_PERIOD.get(period, period)
        fig.end = rate.end()
    else:
        # "Each year about 2,500 whales…", "Every day, 50 to 100 soldiers…": the period opens the clause.
        lo = max(page.sentence_start(fig.start), fig.start - BEFORE_CHARS)
        before_rate = _RATE_BEFORE.search(text, lo, fig.start)
        if before_rate is not None:
            fig.per = before_rate.group("p").lower()
    if fig.currency is not None:
        fig.kind = "money"
    elif fig.percent:
        fig.kind = "percent"
    elif fig.population:
        fig.kind = "population"


def _currency_code(mark: str) -> str:
    key = re.sub(r"\s+", " ", mark.strip()).lower() if not mark.strip().endswith("$") else mark.strip()
    return _CURRENCY_CODES.get(key, _CURRENCY_CODES.get(mark.strip(), mark.strip().upper()))

