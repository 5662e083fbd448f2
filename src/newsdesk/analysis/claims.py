"""claims: every numeric statement a reader might check, who makes it and what it is about.

    finder = ClaimFinder(ClaimConfig())
    claims = finder(text, stories, noise, quotes, entities)     # list[model.Claim], in page order

A claim is a figure together with what it counts: "50 to 100 Ukrainians are dying every day",
"more than 2,000 troops", "a 100,000-person city", "$3 billion", "40 per cent". For each one the
finder gives the bounds (`low`/`high`, None where the text leaves a side open), the period of a
rate (`per`), what is counted (`unit`), the kind, who claims it (`speaker`: the speaker of the
quote it sits in, X in "according to X" or "X said", a pronoun resolved to the story's latest
person), what it is about (`about`: the place or group it is counted in or for) and, when an
earlier claim of the page states the same figure about the same thing, that claim's id (`same_as`).

How it works, in one linear pass over the text:

1. **atoms** — numerals ("100,000", "1.5", "3bn"), runs of number words ("two", "fifteen",
   "three hundred and forty", converted with `text2num`, a maintained library made for exactly
   this) and vague amounts ("dozens", "tens of thousands"). Each atom is checked against what is
   *not* a claim (dates, times, years, ages, ordinals, phone and street numbers, numbers inside
   names, page furniture, lists of numbers): every rule below says why it exists.
2. **figures** — atoms are joined into ranges ("50 to 100", "between 5 and 10", "50-100") and
   given their bounds from the words around them ("as many as", "more than", "or more"), their
   currency, percent sign, scale word and hyphenated compound ("100,000-person").
3. **what it counts and when** — the noun after the figure is the unit; a period after it ("a
   day", "every week", "daily") makes a rate; the span then runs from the first word of the figure
   to the end of the rate phrase (or the unit), so the span holds everything that makes the figure.
4. **who and what about** — from the quotes, speech verbs and entity mentions around the figure.

Text rules, not a tagger: spaCy's CARDINAL/MONEY/PERCENT entities would need a second model (the
pipeline already runs its own NER) and still leave bounds, ranges, rates, units and the exclusions
to rules; `en_core_web_sm` also tags dates, ordinals and ages as CARDINAL, which these rules must
undo anyway.

Vague amounts follow one convention: a plural of N means at least two N, with no upper bound the
text commits to ("dozens" → 24..None, "hundreds" → 200..None, "tens of thousands" → 20,000..None,
"several hundred" → 300..None). That is the least the words can mean, so a reader checking the claim
can refute it with a smaller figure; a ceiling would be our guess, not the writer's statement.
Strict bounds ("fewer than 100") keep the stated figure as the bound: the schema has no strictness.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from text_to_num import text2num

from newsdesk.errors import ConfigError, check_numbers
from newsdesk.model import Claim, Entity, Quote, Span, Story


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """The claim finder's knobs (characters are Python string positions)."""

    #: How far after the figure (or its unit) a period ("a day", "every week") may stand to make a rate.
    rate_window: int = 40
    #: How far before a speech verb its subject (a person or organisation mention) may end.
    speaker_window: int = 80
    #: How far after the figure a place or group introduced by "in", "of", "for" may start.
    about_window: int = 60
    #: How many sentences back a population figure looks for the place it describes ("the city").
    about_sentences: int = 3
    #: Numerals with more significant digits than this are identifiers or junk, never a count.
    max_digits: int = 15
    #: How many earlier claims with the same value `same_as` compares (keeps a page of numbers linear).
    same_as_scan: int = 20

    def __post_init__(self) -> None:
        check_numbers(self, "claims", ("rate_window", "speaker_window", "about_window", "about_sentences",
                                       "same_as_scan"), whole=True)
        check_numbers(self, "claims", ("max_digits",), whole=True, minimum=1)
        if self.max_digits > 300:
            # Past ~308 digits a float is infinite: such a figure can never come out as a number.
            raise ConfigError("ND-E011", f"claims.max_digits must be <= 300, not {self.max_digits!r}")


# ---------------------------------------------------------------------------------------------- words

_UNITS_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety")
_SCALE_WORDS = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
#: Glued or spaced abbreviations of scales as news styles write them ("3bn", "€40m", "5 mln").
_SCALE_ABBR = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(_UNITS_WORDS.split() + list(_SCALE_WORDS) + ["dozen"]) + r")\b",
                          re.IGNORECASE)
#: Vague plurals and the least they can mean (see the module docstring for the convention).
_VAGUE = {"dozens": 24.0, "scores": 40.0, "hundreds": 200.0, "thousands": 2000.0, "millions": 2e6,
          "billions": 2e9, "tens of thousands": 2e4, "hundreds of thousands": 2e5, "tens of millions": 2e7,
          "hundreds of millions": 2e8}

# One pattern for every atom: a numeral, a number word or a vague plural. Numerals refuse to start
# inside a word or right after "," "." ":" "/" "^" (the tail of "1,2345", "10:30", "3/4", "10^400")
# or after "letter-" ("COVID-19", "F-16": numbers inside names).
_ATOM = re.compile(
    # "a third", "one quarter", "half" (of something, or ending a clause) are shares; "half a percentage
    # point" is a figure. "a third storm", "half an hour" are neither.
    # The numeral comes first and the fractions open on a one-letter test: most positions fail at once.
    r"(?P<num>(?<![\w,.:/^])(?<![A-Za-z]-)(?<!\d\()\d[\d,]*(?:\.\d+)?)"
    r"|(?P<frac>(?=[aoh])\b(?:(?:a|one)\s+(?:third|quarter|fifth|tenth)|(?<!\ba\s)(?<!\band\s)half)"
    r"(?=\s+of\b|\s*[.,;:!?)]|\s*$))"
    r"|(?P<halfa>(?=h)\bhalf\s+an?(?=\s+percentage\s+points?\b))"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions)|dozens|scores(?=\s+of\b)|hundreds|thousands"
    r"|millions"
    r"|billions)\b)"
    r"|(?P<word>" + _NUMBER_WORD.pattern + r")",
    re.IGNORECASE,
)
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

_MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
           r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
_WEEKDAYS = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

# --- what follows an atom (matched at the atom's end with `.match(text, pos)`: no slicing, O(1))
_SCALE_AFTER = re.compile(r"(?P<sp>\s?)(?P<s>thousand|million|billion|trillion|bn|mn|mln|tn|trn|k|m|b)\b",
                          re.IGNORECASE)
_PERCENT_AFTER = re.compile(r"\s?%|\s+(?:per\s?cent|percent|pct)\b|\s+percentage\s+points?\b", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"\s+(?P<c>dollars|euros?|pounds\s+sterling|pounds|roubles|rubles|hryvnias?|hryvnia"
                             r"|yuan|yen|(?:Swiss\s+)?francs|rupees|rand|zlotys?|USD|EUR|GBP|CHF|JPY|INR"
                             r"|cents|pence)\b", re.IGNORECASE)
#: A hundredth of a currency: "30 cents" is 0.30 of the sentence's dollars (or euros), "5p" of pounds.
_SUBUNITS = {"cents": 100.0, "pence": 100.0}
_HYPHEN_AFTER = re.compile(r"-(?P<w>[A-Za-z]+(?:-[A-Za-z]+)*)")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—)\s*|\s+to\s+|\s+or\s+")
_RATIO_JOIN = re.compile(r"\s+(?:in|out\s+of)\s+")
_OF_THE = re.compile(r"\s+of\s+(?:the|its|their|his|her)?\s*")
#: "two-thirds", "three-quarters": fractions, given as percentages.
#: What makes "pounds" a weight: "of" a substance after it, weighing words before it in the sentence.
_WEIGHT_AFTER = re.compile(r"\s+(?:of\s+(?!sterling\b)[a-z]|heavier|lighter|overweight)", re.IGNORECASE)
_WEIGHT_CUE = re.compile(r"\b(?:weigh\w*|heav(?:y|ier)|lost|gained|lift\w*|tip(?:s|ped)?\s+the\s+scales?|"
                         r"ounces?|oz|kilo\w*|kg|lbs?|baby|born)\b", re.IGNORECASE)
#: What makes "pounds" money.
_MONEY_CUE = re.compile(r"\b(?:paid|pay\w*|cost\w*|price\w*|fine[ds]?|fees?|worth|spen[dt]\w*|raised?|"
                        r"budget\w*|salar\w*|wages?|funds?|funding|deal|bill|tax\w*|sterling|compensation|"
                        r"award\w*|donat\w*|debts?|loans?|sold|bought|profit\w*|revenue\w*)\b", re.IGNORECASE)
_SCALED = re.compile(r"(?i:million|billion|trillion|bn|m)\b")
#: Measures written glued to the number ("12km", "8kg", "41.2C"): the unit the figure counts.
_GLUED_UNIT = re.compile(r"(?P<u>km/h|km|kg|cm|mm|mph|kph|ml|mg|lbs?|ft|°[CF]|[CF])(?![\w/])")
#: A bare "C"/"F" is degrees only where the sentence talks of heat; elsewhere it is a name ("Group C").
_HEAT_CUE = re.compile(r"(?i:temperat\w*|degrees|heat\w*|warm\w*|hot\w*|cold\w*|°|thermometer)")
#: "212p": pence glued to a share price or a sum in pounds.
_PENCE_CUE = re.compile(r"£|\b(?:shares?|pence|price[sd]?|stock|pay|cost)\b", re.IGNORECASE)
#: Measures that head what a figure counts ("1.2 km long": "km", not "long").
_MEASURES = frozenset("km kilometre kilometres kilometer kilometers kg kilo kilos kilogram kilograms cm mm m metre "
                      "metres meter meters mile miles ft feet foot inch inches yard yards mph kph tonne tonnes ton "
                      "tons lb lbs ounce ounces oz litre litres liter liters gallon gallons hectare hectares acre "
                      "acres".split())
_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fifth": 5, "fifths": 5,
              "tenth": 10, "tenths": 10}
_AND_JOIN = re.compile(r"\s+and\s+")
_TO = re.compile(r"\s+to\s+")
_COUNTED = frozenset({"count", "bound", "range"})
_ANOTHER_BEFORE = re.compile(r"\b(?:another|a\s+further|an\s+additional|an\s+extra)\s+$", re.IGNORECASE)
_OR_MORE = re.compile(r"\s+or\s+more\b|\s*\+|-plus\b|\s+and\s+(?:more|over|above|up)\b|\s+or\s+so\b")
#: Dates ("22 May", "May 22"), times ("10:30", "9 pm", "1800 GMT") and ages ("45-year-old") after an atom.
_NOT_AFTER = re.compile(
    r"(?:\s*(?:st|nd|rd|th)\b)?\s*(?:of\s+)?" + _MONTHS + r"\b\.?(?!\w)"  # "22 May", "22nd of May"
    r"|:\d|\^"  # "10:30", "10^400"
    r"|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o['’]clock\b|GMT\b|UTC\b|BST\b|CET\b|EST\b|hrs\b|local time\b)"
    r"|-years?-old\b|\s+years?\s+old\b|-year-olds?\b"
    r"|(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Boulevard|Blvd\.?|Drive|Way"
    r"|Place|Square|Court|Terrace)\b",  # street numbers: "10 Downing Street"
)

_CLOCK_STAMP = re.compile(r"(?:[01]?\d|2[0-3])[.:][0-5]\d(?=\s*$|\s*(?:GMT|BST|UTC|CET)?\s*\n|\s*[A-Z“\"])",
                          re.MULTILINE)

# --- what stands before an atom (searched in a short window that ends at the atom: O(1))
_BEFORE = 40
_NOT_BEFORE = re.compile(
    r"(?-i:\b" + _MONTHS + r"\.?|\b" + _WEEKDAYS + r",?)\s*$"  # "May 22", "Feb. 24" (capitalised: "may" is a verb)
    r"|\b(?:aged|age|ages|aged\s+between)\s+$"  # ages
    r"|(?:\bNo\.|#|\bnumber|\bpage|\bphoto|\bimage|\bpicture|\bslide|\bvideo|\bpart|\bchapter|\bepisode|\bstep"
    r"|\bseason|\bissue|\bvol\.|\bvolume|\bsection|\bpp?\.|\barticle|\bclause|\bparagraph|\bresolution"
    r"|\bwar|\bjunctions?|\brunways?|\bplatforms?|\bgates?|\bflight|\broom|\bexit|\broutes?|\bbus|\bchannel"
    r"|\bfamily\s+of|\bhousehold\s+of)\s*$"
    # page furniture, references ("article 5", "junction 4", "runway 27"), "world war three", and the
    # size that describes who a claim is about ("a family of four pays"), not a figure of its own
    r"|\b(?:junctions?|runways?|platforms?|gates?|routes?|exits?)\s+\d+\s*(?:and|or|to|-|–)\s*$"  # "4 and 6"
    r"|\b(?:people|those|anyone|adults|children|men|women|everyone|patients|pupils|residents|drivers)\s+"
    r"(?:aged\s+)?(?:over|under|above|below)\s+$"  # "people over 70": an age group
    r"|\b(?:a|an)\s+\w+\s+or\s+$"  # "an hour or two", "a thing or two": idioms, not figures
    r"|\b(?:page|photo|image|picture|slide|part)\s+\d+\s+(?:of|/)\s*$",  # "Page 2 of 5", "photo 3/12"
    re.IGNORECASE,
)
_CAPITAL_BEFORE = re.compile(r"(?:^|(?P<lead>[.!?\"“”‘’(\n]\s*|\s))(?P<w>[A-Z][\w’'&-]*)\s$")
_BYLINE_AGE = re.compile(r"\b[A-Z][a-z]+,\s*$|\b[A-Z][a-z]+\s+\($")
_CURRENCY_BEFORE = re.compile(r"(?P<c>US\$|A\$|C\$|HK\$|NZ\$|\$|€|£|¥|₴|₽|\b(?:USD|EUR|GBP|Rs\.?)\s?)$")
#: The look-behind rules need at most this many characters ("no fewer than the ", "Wednesday, ").
_NEAR = 24
_HAS_WORD = re.compile(r"[^\W\d_]|[#$€£¥₴₽]")

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
_BOUND_BEFORE = re.compile(r"\b(?P<b>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w, _ in _BOUND_WORDS)
                           + r")\s+(?:the\s+)?$", re.IGNORECASE)
_BOUND_KIND = {w: k for w, k in _BOUND_WORDS}
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?P<verb>\w+)\s+from\s+$|\bfrom\s+$", re.IGNORECASE)
#: "rose from 5 to 10" is a change, two figures, not a range.
_CHANGE_VERBS = frozenset("rose risen rising rise rises fell fallen falling fall falls increased increasing increase "
                          "decreased decreasing decrease climbed climbing jumped jumping dropped dropping grew grown "
                          "growing shrank shrunk cut raised raising lowered lowering soared plunged slumped went "
                          "up down surged".split())
_FEW_BEFORE = re.compile(r"\b(?P<f>several|a\s+few|a|some\s+few)\s+$", re.IGNORECASE)
_HALF_BEFORE = re.compile(r"\bhalf\s+a\s+$", re.IGNORECASE)

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
#: Words that end the noun phrase after a figure: function words, auxiliaries, common verbs, adverbs.
_STOP = frozenset(
    "a an the this that these those it its their his her our my your of in on at by for to from with without into "
    "onto over under about across after before since during until than as and or but nor so yet if while when where "
    "who whom whose which what why how is are was were be been being am has have had do does did will would shall "
    "should can could may might must not no also only just still even already ago away later earlier back too very "
    "more most less least each apiece total altogether alone there here then now say says said told tell "
    "die dies died kill kills killed wound wounded flee fled remain remained remain live lived left leave leaves "
    "according per every daily weekly monthly yearly annually hourly up down out off own against among between "
    "through per cent percent he she they we you i them us him thought believed feared estimated expected reported "
    "behind ahead home inside outside overnight today yesterday tonight abroad".split())
_PERSON_UNITS = frozenset("people persons person men women children civilians soldiers troops fighters residents "
                          "inhabitants refugees citizens workers servicemen personnel casualties deaths dead victims "
                          "migrants voters members officers police policemen staff employees patients prisoners "
                          "hostages militants rebels recruits conscripts reservists".split())
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

# --- who says it
_SPEECH = re.compile(
    # Forms that are more often nouns ("reports", "claims", "states", "notes", "estimates") are left out.
    r"\b(?:[Aa]ccording\s+to|said|says|say|told|tells|added|adds|stated|claimed|estimated|reported"
    r"|announced|announces|warned|warns|wrote|writes|tweeted|confirmed|confirms|noted|insisted|insists"
    r"|acknowledged|admitted|admits|argued|argues|explained|testified|recalled"
    # Reports, surveys and data "found" or "show" what they state: their source is the claimant.
    r"|found|finds|showed|shows|(?:(?<=figures\s)|(?<=data\s)|(?<=statistics\s)|(?<=records\s))show)\b")
_PRONOUNS = frozenset({"he", "she"})
#: Between a subject and its speech verb: adverbs and auxiliaries ("Zelenskiy also said", "has said").
_BEFORE_VERB_SKIP = frozenset("also has have had earlier later previously reportedly then again once recently would "
                              "will further separately repeatedly publicly privately".split())
#: "were reported to have died", "is estimated": a passive verb has no speaker in its subject.
_PASSIVE = frozenset("was were is are be been being".split())
#: Words that open a clause: a subject never reaches back past them ("which they say" → "they").
_CLAUSE = frozenset("that which who whom whose but and or while when if as because after before so where though "
                    "although since than".split())
_GLUED = re.compile(r"[a-z][A-Z]")
_MODEL = re.compile(r"\d+[A-Za-z]{0,3}\d*(?=[ \t\u00a0]+[A-Za-z])")
_TOKEN = re.compile(r"[\w’'.-]+|[^\w\s]")
_SPEAKER_AFTER_NP = re.compile(r"\s*(?P<np>(?:[\w’'.-]+\s+){0,5}?[\w’'.-]*[\w’'])\s*(?:[,.;:!?)\"“”—–]|$)")
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABOUT_PREP = re.compile(r"\b(?:in|of|for|across|from|at|inside|near|around|throughout)\s+(?:the\s+)?$",
                         re.IGNORECASE)
_POSSESSIVE_BEFORE = re.compile(r"(?P<w>[\w-]+)['’]s?\s+(?:\w+\s+)?$")
#: Phone numbers: digit groups joined by spaces, dots, dashes or brackets, eight digits or more (checked
#: in code). Commas never join them, so "2,000, 3,000" is not one.
_PHONE = re.compile(r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}(?![\w,])")
#: Web addresses, handles and hashtags: their digits are identifiers ("05-61553-gnl.mp3", "@BBCTwo").
_URL = re.compile(r"(?:https?://|www\.)\S+|[@#]\w+")
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[A-Za-z0-9][\w'’]*)*")


# ---------------------------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class _Atom:
    """One number as written: `value` with its scale; `raw` before the scale; `end` after the scale."""

    start: int
    end: int
    value: float
    raw: float
    scaled: bool
    vague: bool
    word: bool
    #: "one": a figure only inside a range or a ratio ("one or two", "one in five"); alone it is mostly a
    #: pronoun or determiner ("one of the last cities", "one more bridge").
    weak: bool = False
    #: A fraction word ("a third", "half"): a share, given as a percentage.
    share: bool = False
    #: A measure glued to the numeral ("12km"), or a currency code when the numeral carries one ("212p").
    unit: str | None = None
    currency: str | None = None


@dataclass(slots=True)
class _Figure:
    """A figure being built from one or two atoms and the words around them."""

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


@dataclass(frozen=True, slots=True)
class _MentionRef:
    start: int
    end: int
    entity: str
    type: str


# ---------------------------------------------------------------------------------------------- finder


class ClaimFinder:
    """Finds claims on one page; holds only its config, so one finder serves any number of pages."""

    def __init__(self, config: ClaimConfig | None = None) -> None:
        self.config = config or ClaimConfig()

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span], quotes: Sequence[Quote],
                 entities: Sequence[Entity]) -> list[Claim]:
        page = _Page(text, stories, noise, quotes, entities)
        figures = self._figures(text, page)
        claims: list[Claim] = []
        index: dict[tuple[object, ...], list[int]] = {}
        for fig in figures:
            speaker, speaker_text = self._speaker(text, page, fig)
            about = self._about(text, page, fig)
            claim = Claim(id=f"c{len(claims) + 1}", start=fig.start, end=fig.end, low=fig.low, high=fig.high,
                          story=page.story_of(fig.start), per=fig.per, unit=fig.unit, speaker=speaker,
                          speaker_text=speaker_text, about=about, kind=fig.kind)
            same = self._same_as(claim, claims, index)
            if same is not None:
                claim = dataclasses.replace(claim, same_as=same)
            for key in _value_keys(claim):
                index.setdefault(key, []).append(len(claims))
            claims.append(claim)
        return claims

    # ------------------------------------------------------------------ atoms and figures

    def _atoms(self, text: str, page: _Page) -> list[_Atom]:
        atoms: list[_Atom] = []
        words: list[tuple[int, int]] = []  # a run of number words waiting to be converted as one number

        def flush() -> None:
            if words:
                atoms.extend(self._word_atoms(text, words))
                words.clear()

        consumed = 0  # where the last numeral's scale word ended ("1.5 million": "million" is taken)
        for m in _ATOM.finditer(text):
            if m.start() < consumed:
                continue
            if m.lastgroup == "word":
                # Runs of number words ("three hundred and forty") are joined here rather than in the
                # pattern: a joined pattern with optional separators would backtrack on long runs.
                if words and _joins_words(text, words[-1][1], m.start()) and len(words) < 12:
                    words.append((m.start(), m.end()))
                    continue
                flush()
                words.append((m.start(), m.end()))
                continue
            flush()
            if m.lastgroup == "frac":
                head = m.group().split()[-1].lower()
                share = round(100 / _FRACTIONS[head], 1)
                atoms.append(_Atom(m.start(), m.end(), share, share, False, False, True, share=True))
                continue
            if m.lastgroup == "halfa":
                atoms.append(_Atom(m.start(), m.end(), 0.5, 0.5, False, False, True))
                continue
            if m.lastgroup == "vague":
                phrase = re.sub(r"\s+", " ", m.group().lower())
                atoms.append(_Atom(m.start(), m.end(), _VAGUE[phrase], _VAGUE[phrase], False, True, False))
                continue
            atom = self._numeral(text, m.start(), m.end())
            if atom is not None:
                atoms.append(atom)
                consumed = atom.end
        flush()
        return [a for a in atoms if not page.in_noise(a.start, a.end) and not page.in_phone(a.start)
                and not page.in_url(a.start)]

    def _numeral(self, text: str, start: int, end: int) -> _Atom | None:
        """A numeral's value, or None when it is no number a claim is made of."""
        grouped = _GROUPED.match(text, start, end)
        if grouped is None:
            return None
        end_num = grouped.end()
        rest = text[end_num:end]
        # "1,2,3,4" or "1,2345": digits left over after the grouping are a list or a malformed number.
        if rest.strip(",") or (end_num < len(text) - 1 and text[end_num] in ",." and text[end_num + 1].isdigit()):
            return None
        digits = grouped.group().replace(",", "")
        if len(digits.replace(".", "").lstrip("0")) > self.config.max_digits:
            return None  # identifiers, serial numbers, "10^400" written out: no count has that many digits
        raw = float(digits)
        value, pos, scaled = raw, end_num, False
        scale = _SCALE_AFTER.match(text, end_num)
        if scale is not None:
            word = scale.group("s").lower()
            if word in _SCALE_WORDS:
                value, pos, scaled = raw * _SCALE_WORDS[word], scale.end(), True
            elif word in _SCALE_ABBR and (word not in {"m", "b", "k"} or (
                    not scale.group("sp") and _CURRENCY_BEFORE.search(text, max(0, start - 4), start))):
                # "3bn", "40 mln" are unambiguous; a lone "m" or "k" is million/thousand only glued and
                # after a currency sign ("€40m"), otherwise it is more often metres or a model name.
                value, pos, scaled = raw * _SCALE_ABBR[word], scale.end(), True
            elif not scale.group("sp") and word == "m":
                if not _plural(_unit(text, scale.end())[0] or "x"):
                    return None  # "a 40m drop": metres, a measurement, not a claim
                value, pos, scaled = raw * 1e6, scale.end(), True  # "40m people": the Guardian's million
            elif not scale.group("sp"):
                return None  # "5k", "3b": glued letters we cannot read for sure
        elif pos < len(text) and (text[pos].isalpha() or text[pos] in "_°"):
            glued = _GLUED_UNIT.match(text, pos)
            if glued is not None and (len(glued.group("u")) > 1 or _HEAT_CUE.search(text, max(0, start - 60), start)):
                return _Atom(start, glued.end(), value, raw, False, False, False, unit=glued.group("u").lstrip("°"))
            if text[pos] == "p" and not text[pos + 1:pos + 2].isalnum() and "." not in digits \
                    and _PENCE_CUE.search(text, max(0, start - 80), start):
                return _Atom(start, pos + 1, raw / 100, raw / 100, False, False, False, currency="GBP")  # "212p"
            return None  # glued letters: ordinals "3rd", names "A320"-tails, units we cannot read ("5x")
        if not math.isfinite(value):
            return None
        return _Atom(start, pos, value, raw, scaled, False, False)

    def _word_atoms(self, text: str, words: list[tuple[int, int]]) -> list[_Atom]:
        """Number words → atoms: greedy longest runs that `text2num` accepts ("twenty fifteen" is two)."""
        out: list[_Atom] = []
        i = 0
        while i < len(words):
            found = None
            for j in range(len(words), i, -1):
                phrase = re.sub(r"[\s-]+", " ", text[words[i][0]:words[j - 1][1]].lower())
                value = _words_value(phrase)
                if value is not None:
                    found = (j, value, phrase)
                    break
            if found is None:
                i += 1
                continue
            j, value, phrase = found
            start, end = words[i][0], words[j - 1][1]
            i = j
            weak = phrase in {"one", "zero"}
            # "a hundred", "a dozen", "half a million": the article is part of the number.
            if phrase.split()[0] in {"hundred", "thousand", "million", "billion", "trillion", "dozen"}:
                half = _HALF_BEFORE.search(text, max(0, start - _BEFORE), start)
                few = _FEW_BEFORE.search(text, max(0, start - _BEFORE), start)
                if half is not None:
                    start, value = half.start(), value / 2
                elif few is not None and few.group("f").lower() == "a":
                    start = few.start()
            scaled = phrase.split()[-1] in _SCALE_WORDS and phrase != "hundred"
            out.append(_Atom(start, end, value, value, scaled, False, True, weak))
        return out

    def _figures(self, text: str, page: _Page) -> list[_Figure]:
        atoms = self._atoms(text, page)
        listed = _listed(text, atoms)
        figures: list[_Figure] = []
        i = 0
        while i < len(atoms):
            atom = atoms[i]
            if figures and atom.start < figures[-1].end:
                i += 1  # inside the last figure's words ("four five-litre bottles"): part of it, not another
                continue
            joiner = _RANGE_JOIN.match(text, atom.end)
            paired = i + 1 < len(atoms) and joiner is not None and joiner.end() == atoms[i + 1].start
            if i in listed or not self._is_figure(text, page, atom):
                i += 2 if paired else 1  # "aged 18 to 65", "May 5-6": the second number goes with the first
                continue
            fig, used = (None, 1) if atom.share else self._ratio(text, page, atoms, i)
            if fig is None and not atom.share:
                fig, used = self._range(text, page, atoms, i)
            if fig is None and used == 1 and not atom.weak:  # (shares come here too)
                fig = self._single(text, atom)
            i += used
            if fig is None:
                continue
            self._complete(text, page, fig)
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
                                            or _ANOTHER_BEFORE.search(text, max(0, b.start - _NEAR), b.start)):
                b.unit = a.unit
            # "from £900 to £1,250 a month": the period of the new figure is the old one's too.
            if a.per is None and b.per is not None and a.kind == b.kind and _TO.fullmatch(text, a.end, b.start):
                a.per = b.per
        return figures

    def _ratio(self, text: str, page: _Page, atoms: list[_Atom], i: int) -> tuple[_Figure | None, int]:
        """"1 in 5 households", "one in four": a share, given as a percentage (the kind readers compare)."""
        if i + 1 >= len(atoms):
            return None, 1
        a, b = atoms[i], atoms[i + 1]
        join = _RATIO_JOIN.match(text, a.end)
        if a.vague or b.vague or join is None or join.end() != b.start or not 0 < a.value < b.value:
            return None, 1
        share = round(a.value / b.value * 100, 1)  # "1 in 3" is 33.3 percent, not 33.33333333333333
        fig = _Figure(a.start, b.end, share, share, "percent", unit="percent", percent=True, anchor_end=b.end)
        _, unit_end = _unit(text, b.end)
        fig.end = max(fig.end, unit_end)
        return fig, 2

    def _is_figure(self, text: str, page: _Page, atom: _Atom) -> bool:
        """False for the numbers that are no claim: each rule names what it keeps out."""
        if _NOT_AFTER.match(text, atom.end):
            return False  # a date, a time of day, an age, a list number or a street number
        if _CLOCK_STAMP.match(text, atom.start) and (atom.start == 0 or text[atom.start - 1] == "\n"):
            return False  # a live blog's timestamp opening a line: "13.44", "00:58Rescuers…"
        if atom.start >= 2 and text[atom.start - 1] in "-−" and text[atom.start - 2].isspace() and not atom.word:
            return False  # a negative number (a temperature, a score difference): no count is negative
        # The rules below read the words before the number; digit soup ("1-1-1-…") has none, and
        # skipping them there keeps a page of numbers fast.
        if not atom.word and _furniture_start(text, atom.start):
            return False
        before_start = max(0, atom.start - _NEAR)
        if not _HAS_WORD.search(text, before_start, atom.start):
            return atom.vague or atom.word or not _is_year(text, atom)
        if _NOT_BEFORE.search(text, before_start, atom.start):
            return False  # "May 22", ages, "page 3", "No. 10"
        if atom.vague:
            return True
        if _is_year(text, atom) and not _CURRENCY_BEFORE.search(text, before_start, atom.start):
            return False  # a year ("in 2014", "the 2014 annexation"): counts this size are written "2,014"
        if not atom.word:
            cap = _CAPITAL_BEFORE.search(text, before_start, atom.start)
            if cap is not None and cap.group("lead") is not None and cap.group("lead").strip() == "" \
                    and not _BOUND_BEFORE.search(text, before_start, atom.start) \
                    and cap.group("w").lower() not in {"some", "about", "around", "nearly", "almost", "over", "only",
                                                       "just", "between", "and", "to"} \
                    and not _CURRENCY_BEFORE.search(text, before_start, atom.start):
                # "Boeing 737", "Article 5", "Windows 10", "Route 66": a capitalised word right before a
                # numeral inside a sentence is a name the number belongs to. Sentence-initial words
                # ("Some 40 people") are exempt because capitals there say nothing.
                return False
            if atom.raw < 120 and _BYLINE_AGE.search(text, before_start, atom.start) \
                    and re.match(r"\s*[,)]", text[atom.end:atom.end + 2]):
                return False  # "Jane Doe, 45, said": an age in a byline or an introduction
        return True

    def _range(self, text: str, page: _Page, atoms: list[_Atom], i: int) -> tuple[_Figure | None, int]:
        """Two atoms joined as a range: "50 to 100", "50-100", "between 5 and 10", "two or three"."""
        if i + 1 >= len(atoms):
            return None, 1
        a, b = atoms[i], atoms[i + 1]
        if a.vague or b.vague:
            return None, 1
        before = text[max(0, a.start - _BEFORE):a.start]
        between = _BETWEEN_BEFORE.search(before) is not None
        joiner = (_AND_JOIN if between else _RANGE_JOIN).match(text, a.end)
        if joiner is None or joiner.end() != b.start:
            return None, 1
        if not self._is_figure(text, page, b):
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
            start = max(0, a.start - _BEFORE) + _BETWEEN_BEFORE.search(before).start()  # type: ignore[union-attr]
        elif frm is not None and frm.group("verb") is None:
            start = max(0, a.start - _BEFORE) + frm.start()
        fig = _Figure(start, b.end, low, high, "range", anchor_end=b.end, unit=b.unit, currency=b.currency)
        currency = _CURRENCY_BEFORE.search(text, max(0, a.start - 4), a.start)
        if currency is not None:
            fig.currency = _currency_code(currency.group("c"))
            fig.start = min(fig.start, currency.start())
        return fig, 2

    def _single(self, text: str, atom: _Atom) -> _Figure | None:
        before_start = max(0, atom.start - _BEFORE)
        fig = _Figure(atom.start, atom.end, atom.value, atom.value, "vague" if atom.vague else "count",
                      anchor_end=atom.end)
        if atom.vague:
            fig.high = None
        fig.unit, fig.currency = atom.unit, atom.currency
        if atom.share:
            fig.percent, fig.unit = True, "percent"
        currency = _CURRENCY_BEFORE.search(text, max(0, atom.start - 4), atom.start)
        if currency is not None:
            fig.currency = _currency_code(currency.group("c"))
            fig.start = currency.start()
        bound = _BOUND_BEFORE.search(text, before_start, fig.start)
        if bound is not None:
            kind = _BOUND_KIND.get(re.sub(r"\s+", " ", bound.group("b").lower()), "about")
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
        few = _FEW_BEFORE.search(text, before_start, atom.start) if atom.word or atom.vague else None
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

    @staticmethod
    def _pounds_are_weight(text: str, page: _Page, fig: _Figure, word: re.Match[str]) -> bool:
        lo = page.sentence_start(fig.start)
        return bool(_WEIGHT_AFTER.match(text, word.end()) or _WEIGHT_CUE.search(text, lo, fig.start))

    def _pounds_are_money(self, text: str, page: _Page, fig: _Figure, word: re.Match[str]) -> bool:
        """Money when the words say so (a scale word, paid, cost, fined, sterling, a £ on the page) and
        nothing says weight."""
        if self._pounds_are_weight(text, page, fig, word):
            return False
        lo, hi = page.sentence_start(fig.start), page.sentence_end(fig.start)
        return bool(_MONEY_CUE.search(text, lo, hi) or _SCALED.search(text, fig.start, word.start())
                    or "£" in text)

    def _complete(self, text: str, page: _Page, fig: _Figure) -> None:
        """Currency, percent, compound, unit and rate after the figure; the kind; drops durations."""
        pos = fig.anchor_end
        if fig.currency is None:
            cur = _CURRENCY_AFTER.match(text, pos)
            if (cur is not None and cur.group("c").lower() == "pounds"
                    and not self._pounds_are_money(text, page, fig, cur)):
                # "weighed 6.6 pounds", "20 pounds of cocaine": a weight; with neither weight nor money
                # around it the word stays as written rather than a currency guessed.
                fig.unit, pos = ("lb" if self._pounds_are_weight(text, page, fig, cur) else "pounds"), cur.end()
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
        pct = _PERCENT_AFTER.match(text, pos)
        if pct is not None and fig.currency is None:
            fig.percent, pos = True, pct.end()
            fig.unit = "percentage points" if "point" in pct.group().lower() else "percent"
        hyphen = _HYPHEN_AFTER.match(text, pos) if not fig.percent else None
        if hyphen is not None:
            word = hyphen.group("w").lower()
            head = word.split("-")[0]
            if word.startswith("and-a-half") and fig.low == fig.high and fig.low is not None:
                fig.low = fig.high = fig.low + 0.5  # "two-and-a-half hours"
                unit, unit_end = _unit(text, hyphen.end())
                if unit is not None and unit.lower() in _TIME_UNITS:
                    fig.kind = "drop"
                    return
                fig.unit, pos = unit, max(hyphen.end(), unit_end)
            elif head in _FRACTIONS:  # "two-thirds", "nearly three-quarters": a share, as a percentage
                factor = 100 / _FRACTIONS[head]
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
            unit, unit_end = _unit(text, pos, of_only=of_only)
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
        before = text[max(0, fig.start - _BEFORE):fig.start]
        popul = _POPULATION_BEFORE.search(before)
        if popul is not None and (fig.unit is None or fig.unit.lower() in _PERSON_UNITS):
            fig.population = True  # "a city of 100,000", "population of 2 million", "home to 300,000 people"
            fig.unit = fig.unit or "people"
            if popul.group("place") is not None:  # the span holds what is counted: "town of 12,000"
                fig.start = fig.start - len(before) + popul.start("place")
        rate_end = min(len(text), pos + self.config.rate_window, page.sentence_end(fig.start))
        rate = _RATE.search(text, pos, rate_end)
        if rate is not None and not _ATOM.search(text, pos, rate.start()) and not (
                rate.group("p2") and _NOT_RATE_BEFORE.search(text, max(pos, rate.start() - 12), rate.start())):
            period = rate.group("p1") or rate.group("p2") or rate.group("p3")
            period = re.sub(r"\s+", " ", period.lower())
            fig.per = _RATE_PERIOD.get(period, period)
            fig.end = rate.end()
        else:
            # "Each year about 2,500 whales…", "Every day, 50 to 100 soldiers…": the period opens the clause.
            lo = max(page.sentence_start(fig.start), fig.start - _BEFORE)
            before_rate = _RATE_BEFORE.search(text, lo, fig.start)
            if before_rate is not None:
                fig.per = before_rate.group("p").lower()
        if fig.currency is not None:
            fig.kind = "money"
        elif fig.percent:
            fig.kind = "percent"
        elif fig.population:
            fig.kind = "population"

    # ------------------------------------------------------------------ speaker, about, same_as

    def _speaker(self, text: str, page: _Page, fig: _Figure) -> tuple[str | None, str | None]:
        quote = page.quote_at(fig.start, fig.end)
        if quote is not None and (quote.speaker is not None or quote.speaker_span is not None):
            who = quote.speaker_span
            words = text[who[0]:who[1]] if who else None
            if who is not None:
                words = _claimant_words(text, page, who[0], who[1])
            return quote.speaker, words
        s_start, s_end = page.sentence(fig.start)
        verb = page.speech_verb(fig.start, fig.end, s_start, s_end)
        if verb is None:
            return None, None
        v_start, v_end = verb
        if text[v_start:v_end].lower().startswith("according"):
            after_end = s_end
            ref = page.mention_after(v_end, min(after_end, v_end + self.config.speaker_window), ("PERSON", "ORG"))
            np = _SPEAKER_AFTER_NP.match(text, v_end, after_end)
            words = np.group("np") if np else None
            if ref is not None and (np is None or ref.start < np.end()):
                return ref.entity, words
            return None, words
        # "Zelenskiy said", "Serhiy Haidai, governor of the Luhansk region, said": the subject ends
        # before the verb; "…, said Zelenskiy" puts it after.
        ref = page.mention_before(v_start, max(s_start, v_start - self.config.speaker_window), ("PERSON", "ORG"))
        if ref is not None and _subject_gap(text[ref.end:v_start]):
            return ref.entity, text[ref.start:ref.end]
        words = _subject_words(text, max(s_start, v_start - 80), v_start)
        if words is not None and text.rfind(words, max(s_start, v_start - 80), v_start) < fig.end \
                and fig.start < v_start:
            words = None  # "three US officials said": the figure counts the speakers; none of them claims it
        if words is not None and words.lower() in _PRONOUNS:
            back = page.sentences_back(s_start, 2)
            person = page.person_before(s_start, back[-1][0])
            return (person.entity if person else None), words
        after = page.mention_after(v_end, min(s_end, v_end + 45), ("PERSON", "ORG"))
        if after is not None and not text[v_end:after.start].strip(" ,").count(" ") > 3:
            return after.entity, text[after.start:after.end]
        return None, words

    def _about(self, text: str, page: _Page, fig: _Figure) -> str | None:
        s_start, s_end = page.sentence(fig.start)
        if fig.population:
            # The place a population describes: named in its sentence, or before it ("the city").
            # The first place of the nearest sentence that names one is the topic (Centering: the
            # subject, usually first, is the preferred antecedent).
            inside = page.mention_after(fig.start, fig.end, ("PLACE",))
            if inside is not None:
                return inside.entity
            for lo, hi in page.sentences_back(fig.start, self.config.about_sentences):
                ref = page.mention_after(lo, hi, ("PLACE",))
                if ref is not None and page.story_of(ref.start) == page.story_of(fig.start):
                    return ref.entity
            return None
        # The counted group named as an entity ("Ukrainians"), or a possessive before ("Ukraine's 24 regions").
        unit_ref = page.mention_after(fig.anchor_end, fig.end, None)
        if unit_ref is not None:
            return unit_ref.entity
        poss = _POSSESSIVE_BEFORE.search(text, max(s_start, fig.start - 30), fig.start)
        if poss is not None:
            ref = page.mention_after(poss.start(), poss.start("w") + len(poss.group("w")), ("PLACE", "ORG"))
            if ref is not None:
                return ref.entity
        # A place or group the figure is counted in or for: "12 people in Kharkiv".
        limit = min(s_end, fig.end + self.config.about_window)
        ref = page.mention_after(fig.end, limit, ("PLACE", "ORG"))
        if ref is not None and _ABOUT_PREP.search(text, max(fig.end, ref.start - 20), ref.start) \
                and not _ATOM.search(text, fig.end, ref.start):
            return ref.entity
        return None

    def _same_as(self, claim: Claim, earlier: list[Claim], index: dict[tuple[object, ...], list[int]]) -> str | None:
        """The first earlier claim stating the same figure about the same thing (see `_same_figure`)."""
        seen: set[int] = set()
        for key in _value_keys(claim):
            for j in index.get(key, [])[: self.config.same_as_scan]:
                if j in seen:
                    continue
                seen.add(j)
                other = earlier[j]
                if _same_figure(other, claim):
                    return other.same_as or other.id
        return None


# ---------------------------------------------------------------------------------------------- page index


class _Page:
    """Sorted indexes of one page (sentences, mentions, quotes, noise) answering look-ups in O(log n)."""

    def __init__(self, text: str, stories: Sequence[Story], noise: Sequence[Span], quotes: Sequence[Quote],
                 entities: Sequence[Entity]) -> None:
        self.text = text
        self.story_starts = [s.start for s in stories]
        self.noise = sorted((s.start, s.end) for s in noise)
        self.noise_starts = [s for s, _ in self.noise]
        # Noise spans may overlap; the running maximum of their ends answers "is this point covered?".
        self.noise_reach: list[int] = []
        reach = 0
        for _, end in self.noise:
            reach = max(reach, end)
            self.noise_reach.append(reach)
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self.quote_starts = [q.start for q in self.quotes]
        refs = [_MentionRef(s, e, ent.id, ent.type) for ent in entities for s, e in ent.mentions]
        self.mentions = sorted(refs, key=lambda r: (r.start, r.end))
        self.mention_starts = [r.start for r in self.mentions]
        self.sentence_starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text)]
        self.speech = [(m.start(), m.end()) for m in _SPEECH.finditer(text)]
        self.phones = [(m.start(), m.end()) for m in _PHONE.finditer(text)
                       if sum(ch.isdigit() for ch in m.group()) >= 8]
        self.phone_starts = [s for s, _ in self.phones]
        self.urls = [(m.start(), m.end()) for m in _URL.finditer(text)]
        self.url_starts = [s for s, _ in self.urls]
        self.speech_starts = [s for s, _ in self.speech]

    def story_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.story_starts, pos) - 1)

    def in_noise(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.noise_starts, end) - 1
        return i >= 0 and self.noise_reach[i] > start

    def in_phone(self, pos: int) -> bool:
        i = bisect.bisect_right(self.phone_starts, pos) - 1
        return i >= 0 and self.phones[i][1] > pos

    def in_url(self, pos: int) -> bool:
        i = bisect.bisect_right(self.url_starts, pos) - 1
        return i >= 0 and self.urls[i][1] > pos

    def quote_at(self, start: int, end: int) -> Quote | None:
        i = bisect.bisect_right(self.quote_starts, start) - 1
        for q in self.quotes[max(0, i - 3):i + 1][::-1]:
            if q.start <= start and end <= q.end + 1:
                return q
        return None

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.sentence_starts[i], end

    def sentence_end(self, pos: int) -> int:
        return self.sentence(pos)[1]

    def sentence_start(self, pos: int) -> int:
        return self.sentence(pos)[0]

    def sentences_back(self, pos: int, count: int) -> list[tuple[int, int]]:
        """The sentence holding `pos`, then up to `count` sentences before it, nearest first."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        out = []
        for k in range(i, max(-1, i - count - 1), -1):
            end = self.sentence_starts[k + 1] if k + 1 < len(self.sentence_starts) else len(self.text)
            out.append((self.sentence_starts[k], end))
        return out

    def speech_verb(self, start: int, end: int, s_start: int, s_end: int) -> tuple[int, int] | None:
        """The speech verb of the sentence nearest to the figure (a sentence may report two speakers)."""
        i = bisect.bisect_left(self.speech_starts, s_start)
        j = bisect.bisect_left(self.speech_starts, s_end)
        best, gap = None, 10 ** 9
        for k in range(i, j):  # bounded by the verbs of one sentence; cap it for pathological sentences
            if k - i > 20:
                break
            v = self.speech[k]
            d = start - v[1] if v[1] <= start else v[0] - end
            if d >= 0 and d < gap:
                best, gap = v, d
        return best

    def mention_after(self, lo: int, hi: int, types: tuple[str, ...] | None) -> _MentionRef | None:
        """The first mention starting in [lo, hi) of one of `types` (any type with None)."""
        i = bisect.bisect_left(self.mention_starts, lo)
        while i < len(self.mentions) and self.mentions[i].start < hi:
            ref = self.mentions[i]
            if types is None or ref.type in types:
                return ref
            i += 1
        return None

    def mention_before(self, pos: int, lo: int, types: tuple[str, ...]) -> _MentionRef | None:
        """The last mention ending in [lo, pos] of one of `types`."""
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i].start >= lo:
            ref = self.mentions[i]
            if ref.type in types and ref.end <= pos:
                return ref
            i -= 1
        return None

    def person_before(self, pos: int, lo: int) -> _MentionRef | None:
        """The latest person named in [lo, pos) in the same story: what "he said" most often means in news
        when the person was named just before (further back, an unnamed source is as likely)."""
        story = self.story_of(pos)
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        steps = 0
        while i >= 0 and steps < 60:
            ref = self.mentions[i]
            if ref.start < lo or self.story_of(ref.start) != story:
                return None
            if ref.type == "PERSON":
                return ref
            i -= 1
            steps += 1
        return None


# ---------------------------------------------------------------------------------------------- helpers


def _words_value(phrase: str) -> float | None:
    """A run of number words as a number, or None. `text2num` does the grammar; it lacks "dozen" and
    "trillion", which are taken here as a multiplier of a small head ("two dozen", "1.5 trillion")."""
    words = phrase.split()
    for word, mult, head_max in (("dozen", 12.0, 100.0), ("trillion", 1e12, 1000.0)):
        if word not in words:
            continue
        if words.count(word) > 1 or words[-1] != word:
            return None  # "two dozen dozen", "two trillion five billion": not a number we read
        if len(words) == 1:
            return mult
        head = _words_value(" ".join(words[:-1]))
        return None if head is None or head >= head_max else head * mult
    try:
        return float(text2num(phrase, "en"))
    except (ValueError, OverflowError):
        return None


def _subject_gap(gap: str) -> bool:
    """A person or organisation is the subject of the verb after `gap` when nothing but a word or two
    ("also", "has") or an apposition between commas ("Serhiy Haidai, governor of the region, said")
    separates them."""
    stripped = gap.strip()
    if stripped.startswith(",") and stripped.endswith(","):
        return True
    return len(stripped.split()) <= 2 and not any(ch in stripped for ch in ",;:.!?\"“”")


def _subject_words(text: str, lo: int, verb: int) -> str | None:
    """The words naming the speaker before a speech verb when no entity does ("the officer",
    "Regional authorities", "he"): the short run of words before the verb, after skipping adverbs and
    auxiliaries, back to punctuation or a clause word. None for a passive ("were reported")."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, verb)]
    k = len(tokens)
    while k and tokens[k - 1][2].lower() in _BEFORE_VERB_SKIP:
        k -= 1
    if k and tokens[k - 1][2].lower() in _PASSIVE:
        return None
    first = k
    while first and k - first < 6:
        word = tokens[first - 1][2]
        if not word[0].isalnum() or word.lower() in _CLAUSE:
            break
        first -= 1
    if first == k or k - first > 5 or any(ch.isdigit() for _, _, w in tokens[first:k] for ch in w):
        return None
    if first == 0 and lo > 0 and text[lo - 1].isalnum():
        return None  # the window cut a word: the subject is longer than we can read
    if all(w.lower() in _NO_SPEAKER_WORDS for _, _, w in tokens[first:k]):
        return None  # "The", "Then it": function words name nobody
    return text[tokens[first][0]:tokens[k - 1][1]]


#: Words that cannot name a speaker on their own (pronouns are kept: they resolve to one).
_NO_SPEAKER_WORDS = frozenset("""the a an this that these those then there here it its and but or so also
    now later earlier which what when where while as if""".split())


def _claimant_words(text: str, page: _Page, start: int, end: int) -> str:
    """A quote's speaker span as the claimant's words: "Lisa Grant, 52, a teacher" → "Lisa Grant" (what
    follows the name's comma describes her, an age or a job); "the charity" before "Save Our Kids" →
    "the charity Save Our Kids" (a description the name stands beside, cut short upstream)."""
    named = page.mention_after(start, end, ("PERSON", "ORG"))
    if named is not None and named.end < end and text.startswith(",", named.end) \
            and _TITLE.fullmatch(text, start, named.start):
        return text[start:named.end]
    name = _NAME_AFTER.match(text, end)
    if name is not None and text[start:end].lower().startswith(("the ", "a ", "an ")):
        return text[start:name.end()]
    return text[start:end]


_TITLE = re.compile(r"(?:[A-Z][\w.]*\s+){0,2}")
#: Capitalised words right after a described speaker: the name of the body described ("the regulator Ofgen").
_NAME_AFTER = re.compile(r"(?:\s+(?!" + _WEEKDAYS + r"\b|" + _MONTHS + r"\b)[A-Z][\w’'&-]*"
                         r"(?:\s+(?:of|for|and)(?=\s+[A-Z]))?){1,4}(?![\w’'])")


def _is_year(text: str, atom: _Atom) -> bool:
    """A bare four-digit whole number from 1800 to 2100 with no scale or percent sign."""
    return not atom.word and not atom.vague and not atom.scaled and atom.raw == int(atom.raw) \
        and 1800 <= atom.raw <= 2100 and "," not in text[atom.start:atom.end] \
        and not _PERCENT_AFTER.match(text, atom.end)


def _joins_words(text: str, end: int, start: int) -> bool:
    """Two number words belong to one number when only a space or hyphen separates them, or " and "
    after a scale ("three hundred and forty"): "five and ten" are two numbers."""
    gap = text[end:start]
    if gap in {" ", "-", "\u00a0"}:
        return True
    return gap.lower() == " and " and text[max(0, end - 8):end].lower().endswith(
        ("hundred", "thousand", "million", "billion"))


def _listed(text: str, atoms: list[_Atom]) -> set[int]:
    """Atoms in a run of three or more numbers separated only by commas, semicolons or spaces: a list
    or a table ("1, 2, 3, 4"), no statement a reader checks."""
    out: set[int] = set()
    run = [0] if atoms else []
    for k in range(1, len(atoms) + 1):
        joined = k < len(atoms) and not atoms[k].word and not atoms[k - 1].word and \
            re.fullmatch(r"[\s,;|]+", text[atoms[k - 1].end:atoms[k].start] or "x") is not None
        if joined:
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [k]
    return out


def _furniture_start(text: str, start: int) -> bool:
    """A numeral opening a line and followed by "." or ")" numbers a list item: layout, not a claim."""
    newline = text.rfind("\n", max(0, start - 6), start)
    if newline < 0 and start > 6:
        return False
    line_start = newline + 1
    return text[line_start:start].strip(" •*-\t") == "" and re.match(r"\d+[.)]\s", text[start:start + 6]) is not None


def _unit(text: str, pos: int, of_only: bool = False) -> tuple[str | None, int]:
    """The noun a figure counts: the head of the short noun phrase after it ("Ukrainian soldiers",
    "aid workers", "F-16 jets"), after "of" for vague or scaled amounts ("thousands of troops").

    Without a tagger the phrase is read by shape: it ends at a function word or common verb
    (`_STOP`), or right after a plural ("people", "soldiers"), because a plural noun is the head and
    what follows it is the verb ("100 people need help"). A singular lowercase word may be a noun
    modifier ("crew members"), so the phrase goes on after it. Words ending in -ed/-ing/-ly can be
    inside the phrase ("armed men") but never its head ("remaining", "killed")."""
    m = re.match(r"\s+of\s+(?:the\s+)?", text[pos:pos + 12])
    if m is not None:
        pos += m.end()
    elif of_only:
        return None, pos
    words: list[tuple[str, int]] = []
    cur = pos
    for _ in range(4):
        gap = re.match(r"[ \t\u00a0]*" if m is not None and not words else r"[ \t\u00a0]+", text[cur:cur + 4])
        if gap is None:
            break
        w = _WORD.match(text, cur + gap.end())
        if w is None and words and words[-1][0][0].isupper():
            # "14 Challenger 2 tanks", "two Leopard 2A6 tanks": a model number inside the name of what is counted
            model = _MODEL.match(text, cur + gap.end())
            if model is not None:
                cur = model.end()
                continue
        if w is None or w.group().lower() in _STOP or _NUMBER_WORD.fullmatch(w.group()):
            break
        if w.group().lower() in _MEASURES:  # "1.2 km long", "120 km/h": the measure is the unit
            per_hour = re.match(r"/h(?:r|our)?\b", text[w.end():w.end() + 6])
            if per_hour is not None:
                words.append((w.group() + "/h", w.end() + per_hour.end()))
            else:
                words.append((w.group(), w.end()))
            break
        if words and words[-1][0].lower().endswith(("ed", "ing", "ly")) and not _plural(w.group()):
            break  # "300 stayed behind": the -ed word was the verb, not an adjective of a noun ("armed men")
        glued = _GLUED.search(w.group())
        if glued is not None:  # "refugeesRead more": words run together where a page lost its layout
            words.append((w.group()[:glued.start() + 1], w.start() + glued.start() + 1))
            break
        words.append((w.group(), w.end()))
        cur = w.end()
        if _plural(w.group()):
            break
    while words and words[-1][0].lower().endswith(("ed", "ing", "ly")):
        words.pop()
    if not words:
        return None, pos
    return words[-1][0], words[-1][1]


def _plural(word: str) -> bool:
    """Plural by shape. Capitalised words ending in -s are names ("Abrams") unless they end like a
    people's name ("Ukrainians", "Britons" does not: it then heads the phrase only by ending it)."""
    low = word.lower()
    if low in _PERSON_UNITS:
        return True
    if word[0].isupper():
        return low.endswith(("ans", "ians", "ers", "ites", "ists"))
    return low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 2


def _currency_code(mark: str) -> str:
    key = re.sub(r"\s+", " ", mark.strip()).lower() if not mark.strip().endswith("$") else mark.strip()
    return _CURRENCY_CODES.get(key, _CURRENCY_CODES.get(mark.strip(), mark.strip().upper()))


def _family(claim: Claim) -> str:
    if claim.kind in {"money", "percent"}:
        return claim.kind + (claim.unit or "")
    return "count"


def _value_keys(claim: Claim) -> list[tuple[object, ...]]:
    """Keys under which a claim can meet an earlier one with the same figure: its stated bounds."""
    fam = _family(claim)
    return [(fam, claim.per, side, value) for side, value in (("low", claim.low), ("high", claim.high))
            if value is not None]


def _unit_class(unit: str | None) -> str | None:
    """People are counted under many names ("Ukrainians", "soldiers", "troops"): one class for all."""
    if unit is None:
        return None
    low = unit.lower()
    if low in _PERSON_UNITS or (unit[0].isupper() and low.endswith(("ans", "ians", "ese", "ers", "is", "s"))):
        return "people"
    return low.rstrip("s")


def _same_figure(a: Claim, b: Claim) -> bool:
    """Same figure: every bound both state agrees, one bound at least is shared, the same period and
    the same kind of thing counted. Same subject: the same claimant, or the same place or group."""
    if a.per != b.per or _family(a) != _family(b):
        return False
    shared = 0
    for x, y in ((a.low, b.low), (a.high, b.high)):
        if x is not None and y is not None:
            if x != y:
                return False
            shared += 1
    if shared == 0:
        return False
    ua, ub = _unit_class(a.unit), _unit_class(b.unit)
    if ua != ub:
        return False
    return (a.speaker is not None and a.speaker == b.speaker) or (a.about is not None and a.about == b.about)
