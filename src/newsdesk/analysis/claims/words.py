"""claims.words: the words and marks around a number that more than one stage of the claim finder reads —
number words and scales, month and weekday names, percent and currency signs, bound words ("more than",
"up to"), fractions, what people are counted as — and how far back the look-behind rules read.
"""

from __future__ import annotations

import re

_UNITS_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety")
SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_UNITS_WORDS.split() + list(SCALE_WORDS) + ["dozen"]) + r")\b",
                         re.IGNORECASE)

MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

#: A percent sign or word after a figure ("40%", "40 per cent", "2 percentage points").
PERCENT_AFTER = re.compile(r"\s?%|\s+(?:per\s?cent|percent|pct)\b|\s+percentage\s+points?\b", re.IGNORECASE)
#: Fraction words, by their denominator ("a third", "two-thirds", "three-quarters": given as percentages).
FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
             "tenth": 10, "tenths": 10}

#: How far back (characters) the words before a figure are read: bounds, "between", "from", currency.
BEFORE_CHARS = 40
#: The look-behind rules need at most this many characters ("no fewer than the ", "Wednesday, ").
NEAR_CHARS = 24
#: A currency sign or code right before a figure ("$3", "€40m", "Rs 500").
CURRENCY_BEFORE = re.compile(r"(?P<c>US\$|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|₴|₽|\b(?:USD|EUR|GBP|Rs\.?)\s?)$")

#: Bounds and approximations written before a figure. Longest first so "no more than" wins over "more than".
_BOUND_WORDS: tuple[tuple[str, str], ...] = (
    ("no more than", "high"), ("not more than", "high"), ("no fewer than", "low"), ("no less than", "low"),
    ("not less than", "low"), ("as many as", "high"), ("as much as", "high"), ("as high as", "high"),
    ("up to", "high"), ("at most", "high"), ("fewer than", "high"), ("less than", "high"), ("just under", "high"),
    ("under", "high"), ("below", "high"), ("nearly", "high"), ("almost", "high"), ("close to", "high"),
    ("more than", "low"), ("over", "low"), ("at least", "low"), ("upwards of", "low"), ("in excess of", "low"),
    ("just over", "low"), ("above", "low"), ("exceeding", "low"), ("a minimum of", "low"), ("a maximum of", "high"),
    ("some", "about"), ("about", "about"), ("around", "about"), ("roughly", "about"), ("approximately", "about"),
    ("an estimated", "about"), ("estimated", "about"), ("nearly all", "skip"),
)
BOUND_BEFORE = re.compile(r"\b(?P<b>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in _BOUND_WORDS)
                          + r")\s+(?:the\s+)?$", re.IGNORECASE)
BOUND_KIND = {w: k for w, k in _BOUND_WORDS}
#: "several hundred", "a few thousand", "a dozen": the word before a scale word.
FEW_BEFORE = re.compile(r"\b(?P<f>several|a\s+few|a|some\s+few)\s+$", re.IGNORECASE)

#: What people are counted as: these plurals count people, and are one class when figures are compared.
PERSON_UNITS = frozenset("people persons person men women children civilians soldiers troops fighters residents "
                         "inhabitants refugees citizens workers servicemen personnel casualties deaths dead victims "
                         "migrants voters members officers police policemen staff employees patients prisoners "
                         "hostages militants rebels recruits conscripts reservists".split())
