"""times: time expressions in news text and their values as TimeML writes them (TIMEX3 `type`/`value`).

    finder = TimeFinder(TimeConfig())
    times = finder(text, stories, noise, reference_date)   # list[model.TimeExpression], in text order

What it finds: dates ("May 22", "Feb. 24, 2022", "2022-05-22"), partial dates and months ("in April",
"July 1997"), years and decades ("in 2014", "the 1990s"), quarters and halves ("the third quarter"),
seasons, weekdays ("on Sunday"), deictic days and periods ("yesterday", "last week", "this year",
"two years ago"), anaphoric ones ("the next day", "two days later"), parts of day ("Friday morning"),
clock times ("3 p.m."), durations ("three months" -> `P3M`), sets ("every day" -> `P1D`) and the
TimeML references `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.

How a relative expression is resolved, story by story:
* anaphoric ones ("the next day", "two days later", "a year earlier") count from the last explicit date
  earlier in the same story (`anchor="narrative"`), else from the time of writing;
* deictic ones ("on Sunday", "yesterday", "last week", "May 21" without a year) count from the time of
  writing: the story's own dateline (`anchor="dateline"`) or else the page's reference date
  (`anchor="reference"`). A wire story copied a week later is still read from its dateline.
* a bare weekday or month is past or future by the tense of the words around it ("plans to unveil … on
  Monday" is the coming Monday, "said on Sunday" the last one, and the same day when it is that day);
* with no year to go on, the year stays unknown: `XXXX-05-22`, never an invented year.
* an impossible date ("32 March", "February 30", "May 22, 3021") gets `value=None` and a `problem`.

Why our own grammar: dateparser (1.5.0, already installed through htmldate) was tried on news sentences:
its `search_dates` takes the modal "may" for a date, reads "on 32 March" as 2032-03-22 (a silent wrong
answer), misses "the next day", counts "two days later" from the reference date instead of the
narrative, and has no TimeML output (weeks, quarters, durations, sets, `XXXX`). timexy (a spaCy
component, last release 0.1.3 in 2022) was not installed: it needs a spaCy pipeline per call site and its
values would still need our anchoring; SUTime and HeidelTime need Java. So the rules below are our own,
written from the TimeML guidelines and measured on TempEval-3 (`bench/timex.py`); no rule file was copied.
Every pattern is a plain regular expression without nested quantifiers, run once over the text, so a
page with thousands of dates is still linear.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsdesk.errors import ConfigError
from newsdesk.model import Span, Story, TimeExpression

__all__ = ["TimeConfig", "TimeFinder"]


@dataclass(frozen=True, slots=True)
class TimeConfig:
    """Settings of the time finder.

    `earliest_year`/`latest_year`: a four-digit number outside these is not read as a year, and a date
    that names such a year explicitly is reported as a problem; `tense_window`: how many words either
    side of a bare weekday or month are read to tell past from future; `max_shift_years`: the largest
    shift ("600 years ago") resolved to a date, beyond which the value is None with a problem;
    `keep_noise`: kinds of removed text still read for times (photo captions date real happenings).
    """

    earliest_year: int = 1000
    latest_year: int = 2199
    tense_window: int = 10
    max_shift_years: int = 500
    keep_noise: frozenset[str] = frozenset({"caption"})

    def __post_init__(self) -> None:
        for name in ("earliest_year", "latest_year", "tense_window", "max_shift_years"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError("ND-E011", f"times.{name} must be a whole number >= 1, not {value!r}")
        if not isinstance(self.keep_noise, frozenset) or not all(isinstance(k, str) for k in self.keep_noise):
            raise ConfigError("ND-E011", f"times.keep_noise must be a frozenset of kinds, not {self.keep_noise!r}")
        if self.latest_year <= self.earliest_year or self.latest_year > 9999:
            raise ConfigError("ND-E011", f"times.latest_year must be after times.earliest_year and <= 9999, "
                                         f"not {self.earliest_year!r}..{self.latest_year!r}")


# ---------------------------------------------------------------------------------------------- vocabulary
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
          "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "last": 4, "final": 4}
UNITS = {"second": "S", "minute": "MIN", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
         "month": "M", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE", "quarter": "Q",
         "fortnight": "W"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SMALL = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
         "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
         "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "dozen": 12,
         "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
        "ninety": 90}
VAGUE = {"a few", "few", "several", "some", "many", "the last few", "the next few", "a number of",
         "dozens of", "hundreds of"}

# Regular-expression pieces. Month names must be capitalised ("may" and "march" are verbs too); the rest
# is case-blind through (?i:...).
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})(?![\w-])"
MONTH_NOT_MAY = MONTH.replace("|May|", "|")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![\w-])"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\w-]|,\d)"
YEAR4 = r"(?:\d{4})(?![\w-]|,\d)"
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
            r"one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozen)")
NUM = (rf"(?i:(?:\d+(?:\.\d+)?(?:\s+1/2)?|{_WORDNUM}|an?|a\s+few|few|several|some|many|a\s+couple\s+of|couple\s+of|"
       rf"dozens\s+of|hundreds\s+of|a\s+number\s+of)(?:\s+and\s+a\s+half)?)")
UNIT = r"(?i:(?:second|minute|hour|day|night|week|weekend|month|year|decade|centurie|century|quarter|fortnight)s?)"
B = r"(?<![\w'’-])"  # a left word boundary that also refuses "-" and apostrophes ("mid-" is handled apart)
E = r"(?![\w-])"
PART = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
REL = r"(?i:last|this|next|past|coming|previous|following|current)"
MOD = r"(?i:(?:(?:the\s+)?(?:early|earlier|late|later|mid(?:dle)?|end|beginning|start|first\s+half|second\s+half)"
MOD += r"(?:\s+(?:of|in))?(?:\s+the)?[\s-]+))"


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    rule: str
    m: re.Match[str]


# Each rule: a name and a pattern; all are run over the text and overlaps are settled longest-first.
_RULES: list[tuple[str, str]] = [
    # 2022-05-22, 2022/05/22
    ("iso", rf"{B}(?P<y>\d{{4}})[-/](?P<mo>\d{{1,2}})[-/](?P<d>\d{{1,2}})(?:T(?P<h>\d\d):(?P<mi>\d\d))?{E}"),
    # 05/22/2022 (American order, as in US wire copy)
    ("mdy_num", rf"{B}(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d\d){E}"),
    # [Sunday,] May 22[,] [2022] ; May 22 this year
    ("month_day", rf"(?:{B}(?P<wd>{WEEKDAY}),?\s+)?{B}(?P<mon>{MONTH})\s+(?P<d>{DAY})"
                  rf"(?:,?\s+(?P<y>{YEAR4})|\s+(?P<rel>(?i:this|last|next)\s+year))?"),
    # [Sunday,] 22 May [2022], 22nd of May
    ("day_month", rf"(?:{B}(?P<wd>{WEEKDAY}),?\s+)?{B}(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})"
                  rf"(?:,?\s+(?P<y>{YEAR4})|\s+(?P<rel>(?i:this|last|next)\s+year))?"),
    # [early] May 2022, January of 1998
    ("month_year", rf"{B}(?P<mod>{MOD})?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?)(?P<y>{YEAR4})"),
    # January this year, June last year
    ("month_rel_year", rf"{B}(?P<mon>{MONTH})\s+(?P<rel>(?i:this|last|next))\s+(?i:year){E}"),
    # [early/mid-] April, last November, this September
    ("month", rf"{B}(?:(?P<rel>{REL})\s+)?(?P<mod>{MOD})?(?P<mon>{MONTH_NOT_MAY})(?!\s+\d)"),
    ("month_may", r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s)|"
                  r"(?<=\bthrough\s)|(?<=\bmid-)|(?<=\blast\s)|(?<=\bnext\s)|(?<=\bthis\s)|(?<=\bearly\s)|"
                  r"(?<=\blate\s))(?P<mon>May)(?![\w-])(?!\s+\d)"),
    # 1990s, the '80s, mid-1990s
    ("decade", rf"{B}(?:the\s+)?(?P<mod>{MOD})?(?P<dec>(?:1\d|20)\d0)'?s{E}|{B}(?:the\s+)?(?P<short>['’]?[1-9]0)s{E}"),
    # the 20th century, this century
    ("century", rf"{B}(?i:the\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<rel>(?i:this|last|next|the\s+current)))"
                rf"[\s-]+(?i:century){E}"),
    # [fiscal] 1989, [early] 2014, the end of 1990
    ("year", rf"{B}(?P<mod>{MOD})?(?P<fy>(?i:fiscal|calendar)\s+(?:year\s+)?)?(?P<y>(?:1\d|20|21)\d\d)"
             rf"(?![\w%-]|[.,]\d|\s*%)"),
    ("fy_short", rf"{B}(?i:fiscal\s+)?FY\s?(?P<y>\d{{4}}|\d\d){E}"),
    # the third quarter [of 1989], third-quarter, the fourth quarter of last year, this year's third quarter
    ("quarter", rf"{B}(?:(?i:the)\s+)?(?:(?P<pre>(?:\d{{4}}|(?i:this|last|next)\s+year)['’]s\s+)|"
                rf"(?P<fis>(?i:fiscal)\s+)|"
                rf"(?P<pre2>(?:\d{{4}}|(?i:year-ago|year-earlier|year\s+earlier|comparable|year-before))\s+))?"
                rf"(?:(?P<fis2>(?i:fiscal)\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
                rf"[\s-]+(?i:fiscal\s+)?(?P<unit>(?i:quarter|half|period))){E}"
                rf"(?:\s+(?i:of|in)\s+(?:(?P<y>{YEAR4})|(?P<rel>(?i:this|last|next)\s+year)|"
                rf"(?:the\s+)?(?P<same>(?i:the\s+year|this\s+year)))"
                rf"|\s+(?P<y2>{YEAR4}))?"),
    ("the_quarter", rf"{B}(?i:the\s+(?:latest|most\s+recent|current|recent|past|last|same|year-earlier|year-ago|"
                    rf"year\s+earlier|comparable|previous|prior|fiscal|just-ended|just\s+ended)?\s*quarter){E}"
                    rf"|{B}(?i:the\s+(?:year-earlier|year-ago|comparable|latest|same)\s+(?:period|year-ago\s+period)){E}"
                    rf"|{B}(?i:the\s+(?:1\d|20)\d\d\s+(?:quarter|period)){E}"),
    # spring, last fall, summer 1998, the winter of 1995
    ("season", rf"{B}(?:(?P<rel>{REL})\s+|(?P<mod>{MOD})|(?P<the>(?i:the|in|during|since|until|by|this)\s+))?"
               rf"(?P<sea>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR4}))?{E}"),
    # yesterday, today, tomorrow, tonight, [yesterday] morning, last night
    ("deictic", rf"{B}(?P<w>(?i:yesterday|today|tomorrow|tonight))(?:['’]s)?(?:\s+(?P<part>{PART}))?{E}"),
    ("last_night", rf"{B}(?i:last\s+night|this\s+(?P<part>morning|afternoon|evening)){E}"),
    # now, currently, recently, the past, the future
    ("ref", rf"{B}(?P<w>(?i:now|currently|current|recently|recent|the\s+past|the\s+future|in\s+future|"
            rf"the\s+present|nowadays|these\s+days|at\s+present|lately|the\s+near\s+future|the\s+near\s+term|"
            rf"the\s+short\s+term|the\s+long\s+term|"
            rf"right\s+now|just\s+now)){E}(?!\s+(?:day|week|month|quarter|year|decade|centur)|-)"),
    # last week, this month, next year, the past year, earlier this year, the coming weeks
    ("rel_unit", rf"{B}(?P<mod>{MOD})?(?P<rel>{REL})\s+(?P<unit>(?i:week|weekend|month|year|quarter|decade|"
                 rf"century|day|fiscal\s+year|school\s+year)){E}"),
    ("the_period", rf"{B}(?P<mod>{MOD})?(?i:the\s+(?P<unit>week|month|year|day|fiscal\s+year)){E}(?!\s+(?:before|after|"
                   rf"earlier|later|ago|of|in|that|when|which))"),
    # Sunday, on Sunday night, last Friday, next Tuesday, Friday morning
    ("weekday", rf"{B}(?:(?P<rel>(?i:last|this|next|coming|past|the\s+previous|the\s+following|the\s+next|"
                rf"the\s+same))\s+)?(?P<wd>{WEEKDAY})"
                rf"(?:['’]s)?(?:\s+(?P<part>{PART}))?"),
    ("weekend", rf"{B}(?:(?P<rel>(?i:last|this|next|the\s+past|the\s+coming|the))\s+)(?i:weekend){E}"),
    # two years ago, three days earlier, a year later, a week before
    ("ago", rf"{B}(?:(?i:almost|nearly|about|some|just|only|more\s+than|less\s+than|over|roughly|around|barely|"
            rf"at\s+least)\s+)?(?P<n>{NUM})[\s-]+(?:(?i:more|additional|extra)\s+)?(?P<unit>{UNIT})(?:\s+(?i:or\s+so))?"
            rf"\s+(?P<dir>(?i:ago|earlier|later|previously|hence|from\s+now){E}|(?i:before|after|since){E}"
            rf"(?!\s+(?:(?:the|a|an|this|that|his|her|their|its|he|she|it|they|we|I)\b|[A-Z])))"),
    ("yearago", rf"{B}(?P<w>(?i:year|month|quarter|week|day)[\s-](?:earlier|ago|before)){E}"),
    # the next day, the following week, the day before, that day, the same day
    ("anaphora", rf"{B}(?i:(?:the|that)\s+(?P<rel>next|following|previous|prior|preceding|same)\s+"
                 rf"(?P<unit>day|week|month|year|morning|evening|night|afternoon)|(?:the|that)\s+(?P<unit2>day|"
                 rf"week|month|year)\s+(?P<rel2>before|after|earlier)|(?P<that>that|the\s+same)\s+(?P<unit3>day|"
                 rf"morning|evening|night|afternoon|week|month|year)){E}"),
    # clock times: 3 p.m., 10:30 a.m. [Sunday], noon, midnight
    ("clock", rf"{B}(?:(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm|o['’]clock))(?!\w)"
              rf"(?:\s+(?P<tz>[A-Z]{{2,4}}T))?|(?P<hm>\d{{1,2}}:\d\d)\s+(?P<tz2>GMT|UTC|[A-Z]{{2,3}}T){E}|"
              rf"(?P<word>(?i:noon|midnight|midday)){E})"
              rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<d>{DAY})|"
              rf"(?P<deic>(?i:yesterday|today|tomorrow)){E}))?"),
    # durations: three months, the past two weeks, 24 hours, two-year, the first nine months, weeks
    ("duration", rf"{B}(?:(?P<det>(?i:the\s+(?:past|last|next|first|coming|previous|following|final|latest|"
                 rf"prior|preceding|remaining|same)|the|another|over\s+the\s+(?:past|last|next)|the\s+better\s+part\s+of|"
                 rf"more\s+than|less\s+than|nearly|almost|about|up\s+to|at\s+least|over))\s+)?"
                 rf"(?P<n>{NUM})(?P<hy>[\s-]+)(?:(?i:more|additional|extra)\s+)?(?P<unit>{UNIT})(?:-(?i:long))?{E}"
                 rf"(?!-|\s+(?i:old|of\s+age|ago|earlier|later|previously|from\s+now|hence)\b)"),
    # years read out: "nineteen ninety-six", "two thousand and one"; decades: "the nineties"
    ("spoken_year", rf"{B}(?i:(?:the\s+year\s+)?(?P<c>nineteen|eighteen)[\s-]+(?P<t>(?:twenty|thirty|forty|fifty|"
                    rf"sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|"
                    rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
                    rf"(?:the\s+year\s+)?(?P<m>two\s+thousand)(?:\s+and)?"
                    rf"(?:\s+(?P<u>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?){E}"),
    ("spoken_decade", rf"{B}(?i:the\s+(?:early\s+|late\s+|mid-)?(?P<t>twenties|thirties|forties|fifties|sixties|"
                      rf"seventies|eighties|nineties)){E}"),
    ("bare_plural", rf"\b(?i:for|in|over|within|after|took|takes|last|lasted|past|coming|next)\s+"
                    rf"(?P<x>(?P<unit>(?i:years|months|weeks|days|decades|hours|minutes))){E}"
                    rf"(?!\s+(?:of|old|ago|earlier|later))"),
    ("recent_units", rf"{B}(?i:(?:in\s+)?recent\s+(?P<unit>years|months|weeks|days|decades)){E}"),
    # sets: every day, daily, each year, twice a week, per month, every Sunday
    ("set", rf"{B}(?P<w>(?i:daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly))(?=\s|[,.;:!?)]|$)"
            rf"(?!\s+(?:newspaper|paper|average|dose|rate|dividends?|volume|"
            rf"turnover|share|trading|[A-Z]))"
            rf"|{B}(?:(?P<every>(?i:every|each|per))\s+(?:(?P<k>other|second|two|three|four|five|six|few)\s+)?"
            rf"(?P<unit>(?i:day|week|month|year|quarter|hour|minute|morning|evening|night|afternoon|summer|"
            rf"winter|spring|fall|weekend|decade))s?|(?P<wdset>(?i:every|each)\s+{WEEKDAY}))"
            rf"{E}"),
    ("set_a", rf"(?<=\d\s)(?P<w>(?i:a|per)\s+(?P<unit>day|week|month|year|hour|minute|quarter)){E}"),
    ("set_times", rf"\b(?i:times|once|twice|thrice)\s+(?P<x>(?i:a|per)\s+(?P<unit>day|week|month|year|hour|"
                  rf"minute|quarter)){E}"),
    # holidays TimeBank and wire copy name
    ("holiday", rf"{B}(?P<hol>(?i:christmas\s+(?:day|eve)|christmas|new\s+year['’]s\s+(?:day|eve)|"
                rf"thanksgiving(?:\s+day)?|independence\s+day|labor\s+day|memorial\s+day|easter(?:\s+sunday)?|"
                rf"valentine['’]s\s+day|halloween|veterans\s+day|boxing\s+day))"
                rf"(?:,?\s+(?P<y>{YEAR4}))?{E}"),
]

_COMPILED = [(name, re.compile(pattern)) for name, pattern in _RULES]
_WEEKDAY_RX = re.compile(dict(_RULES)["weekday"])
_DEICTIC_RX = re.compile(dict(_RULES)["deictic"])

# Tense cues, read in a window around a bare weekday or month (nearest cue wins).
_FUTURE = frozenset("will 'll shall plans plan planning planned scheduled expected expects due intends intend "
                    "aims hopes going upcoming would could might slated intended".split())
_PAST = frozenset("said was were had did told announced reported added noted earlier ago last ended began came "
                  "went got made took gave met held left saw spoke wrote broke fell rose won lost sent "
                  "shot hit struck built brought bought sold paid ran led fought kept found became "
                  "thought felt heard meant".split())
#: Present-tense verbs that, just before a weekday after their subject, speak of a coming day.
_PRESENT_VERBS = frozenset("meets visits travels arrives begins starts opens resumes holds leaves returns heads "
                           "goes votes faces hosts addresses flies unveils announces meet visit travel arrive begin "
                           "start open resume hold leave return head go vote face host fly unveil".split())
_SUBJECTS = frozenset("he she it they we i who which that".split())
_DEADLINE = re.compile(r"\b(?:by|until|till|through|as\s+soon\s+as|as\s+early\s+as|no\s+later\s+than|"
                       r"starting|beginning)\s+(?:on\s+|early\s+|late\s+|mid-)?$")
_NOT_VERB_ED = frozenset("need speed indeed red bed hundred seed feed bled shed wed fed united based "
                         "armed related alleged detailed limited supposed so-called".split())
_DETERMINERS = frozenset("a an the this that its his her their our your".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|[.!?;\"“”]")


@dataclass(frozen=True, slots=True)
class _Anchor:
    """What a relative expression counts from: a day, whether its year is known, and where it came from."""

    day: dt.date
    year_known: bool
    source: str  # narrative, dateline, reference


@dataclass(slots=True)
class _State:
    """What a story has said so far: the last day it named, the quarter it reports on, its last explicit date."""

    narrative: _Anchor | None = None
    quarter: str | None = None
    value: str | None = None


_EXPLICIT = frozenset({"iso", "mdy_num", "month_day", "day_month", "month_year", "year", "month_rel_year"})


@dataclass(slots=True)
class _Found:
    type: str
    value: str | None
    anchor: str | None = None
    problem: str | None = None
    day: dt.date | None = None  # the day it names, to anchor what follows in the narrative
    year_known: bool = True


class TimeFinder:
    """Finds and normalises time expressions; holds only its configuration (no page state)."""

    def __init__(self, config: TimeConfig | None = None) -> None:
        self.config = config or TimeConfig()

    # ------------------------------------------------------------------------------------------ public
    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span],
                 reference_date: dt.date | None) -> list[TimeExpression]:
        cands = self._candidates(text, noise)
        starts = [s.start for s in stories]
        out: list[TimeExpression] = []
        states: dict[int, _State] = {}
        speech_cache: dict[int, _Anchor | None] = {}
        for cand in cands:
            story = self._story_of(cand.start, starts)
            if story not in speech_cache:
                speech_cache[story] = self._speech_anchor(stories[story] if stories else None, reference_date)
            speech = speech_cache[story]
            # The dateline's own date is the story's date as the splitter read it.
            st = stories[story] if stories else None
            found: _Found | None
            if (st is not None and st.dateline is not None and st.dateline.date
                    and st.dateline.start <= cand.start < st.dateline.end and cand.rule in ("month_day", "day_month")):
                found = _Found("DATE", st.dateline.date, None, None, speech.day if speech else None,
                               bool(speech and speech.year_known))
            else:
                found = self._normalise(text, cand, speech, states.setdefault(story, _State()))
            if found is None:
                continue
            state = states.setdefault(story, _State())
            if found.day is not None and found.type in ("DATE", "TIME"):
                state.narrative = _Anchor(found.day, found.year_known, "narrative")
            if found.value and cand.rule == "quarter" and re.fullmatch(r"\d{4}-Q[1-4]", found.value):
                # only a quarter whose year is known ("XXXX-Q3" cannot anchor "the quarter" or "a year ago")
                state.quarter = found.value  # the quarter a report is about, for "the quarter", "a year ago"
            if found.value and cand.rule in _EXPLICIT and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", found.value):
                state.value = found.value  # for "that year", "the following month"
            out.append(TimeExpression(cand.start, cand.end, found.type, found.value, story, found.anchor,
                                      found.problem))
        return out

    # ------------------------------------------------------------------------------------------ finding
    def _candidates(self, text: str, noise: Sequence[Span]) -> list[_Cand]:
        cands: list[_Cand] = []
        for name, rx in _COMPILED:
            for m in rx.finditer(text):
                start, end = m.span("x") if "x" in rx.groupindex else m.span()
                # Trim trailing white space and commas the optional parts may have taken.
                while end > start and text[end - 1] in " \t\n,":
                    end -= 1
                if end <= start:
                    continue
                cands.append(_Cand(start, end, name, m))
        # Overlaps are settled longest first: "last Friday morning" beats "Friday" and "morning".
        chosen: list[_Cand] = []
        taken: list[tuple[int, int]] = []  # kept spans, sorted and disjoint
        for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
            i = bisect.bisect_left(taken, (c.start, c.start))
            clash = (i < len(taken) and taken[i][0] < c.end) or (i > 0 and taken[i - 1][1] > c.start)
            if clash:
                continue
            bisect.insort(taken, (c.start, c.end))
            chosen.append(c)
        chosen.sort(key=lambda c: c.start)
        # Captions are kept: "Smoke rises over the city on May 21" dates a real happening.
        noise = [s for s in noise if s.kind not in self.config.keep_noise]
        if noise:
            marks = sorted((s.start, s.end) for s in noise)
            lows = [a for a, _ in marks]
            reach: list[int] = []
            top = -1
            for _, b in marks:
                top = max(top, b)
                reach.append(top)

            def noisy(c: _Cand) -> bool:
                i = bisect.bisect_right(lows, c.end - 1) - 1
                return i >= 0 and reach[i] > c.start

            chosen = [c for c in chosen if not noisy(c)]
        return chosen

    @staticmethod
    def _story_of(pos: int, starts: list[int]) -> int:
        if not starts:
            return 0
        return max(0, bisect.bisect_right(starts, pos) - 1)

    def _speech_anchor(self, story: Story | None, reference: dt.date | None) -> _Anchor | None:
        """The time of writing: the story's dateline date, else the page's reference date."""
        if story is not None and story.dateline is not None and story.dateline.date:
            raw = story.dateline.date
            m = re.fullmatch(r"(\d{4}|XXXX)-(\d\d)-(\d\d)", raw)
            if m:
                known = m.group(1) != "XXXX"
                year = int(m.group(1)) if known else (reference.year if reference else 2000)
                try:
                    day = dt.date(year, int(m.group(2)), int(m.group(3)))
                except ValueError:
                    day = None
                if day is not None:
                    return _Anchor(day, known or reference is not None, "dateline")
        if reference is not None:
            return _Anchor(reference, True, "reference")
        return None

    # ------------------------------------------------------------------------------------------ values
    def _normalise(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found | None:
        handler = getattr(self, "_rule_" + c.rule)
        result: _Found | None = handler(text, c, speech, state)
        return result

    def _tense(self, text: str, c: _Cand) -> str | None:
        """`past`, `future` or None, from the words around the expression (the nearest tense cue wins)."""
        head = text[max(0, c.start - 40):c.start].lower()
        if _DEADLINE.search(head):
            return "future"  # "by May", "until Tuesday", "as soon as Monday"
        if re.match(r"['’]s\b", text[c.end:c.end + 3]):
            return "past"  # "Wednesday's ruling": a weekday naming an event's day is nearly always a past one
        width = 12 * self.config.tense_window
        left = text[max(0, c.start - width):c.start]
        right = text[c.end:min(len(text), c.end + width)]
        nl = left.rfind("\n")  # stay inside the paragraph
        if nl >= 0:
            left = left[nl + 1:]
        nr = right.find("\n")
        if nr >= 0:
            right = right[:nr]
        before = _WORD.findall(left)[::-1][: self.config.tense_window]
        after = _WORD.findall(right)[: self.config.tense_window]
        best: tuple[int, str] | None = None
        for side, words in ((0, before), (1, after)):
            for dist, w in enumerate(words):
                if w in ".!?;\"“”":
                    break  # a sentence end or a quotation: its tense is not the expression's
                low = w.lower()
                kind = None
                if low in _FUTURE or low.endswith("'ll"):
                    kind = "future"
                elif low in _PAST:
                    kind = "past"
                    if side == 1 and dist + 1 < len(words) and words[dist + 1].lower() in _FUTURE:
                        kind = "future"  # "were planning to", "was expected to"
                elif low.endswith("ed") and len(low) > 4 and low not in _NOT_VERB_ED:
                    # "-ed" after a determiner is an adjective ("a revitalized grouping"), not a past verb.
                    neighbour = (words[dist + 1] if side == 0 and dist + 1 < len(words)
                                 else (words[dist - 1] if dist else "")).lower()
                    if neighbour not in _DETERMINERS:
                        kind = "past"
                elif (side == 0 and dist == 0 and low in _PRESENT_VERBS and len(words) > 1
                      and (words[1].lower() in _SUBJECTS or words[1][:1].isupper())):
                    kind = "future"  # "when he meets Tuesday": a present-tense verb speaks of the coming day
                if kind is not None:
                    score = dist * 2 + side  # nearest first; before wins a tie
                    if best is None or score < best[0]:
                        best = (score, kind)
                    break
        return best[1] if best else None

    def _year_ok(self, year: int) -> bool:
        return self.config.earliest_year <= year <= self.config.latest_year

    # --- absolute and partial dates
    def _day_value(self, text: str, c: _Cand, year: int | None, month: int, day: int,
                   speech: _Anchor | None, rel: str | None = None) -> _Found:
        if year is not None and not self._year_ok(year):
            return _Found("DATE", None, None, f"year {year} is outside {self.config.earliest_year}-"
                                               f"{self.config.latest_year}")
        if not 1 <= month <= 12:
            return _Found("DATE", None, None, f"there is no month {month}")
        if day < 1 or day > (29 if month == 2 else calendar.monthrange(2001, month)[1]):
            return _Found("DATE", None, None, f"{calendar.month_name[month]} has no day {day}")
        if year is not None:
            try:
                d = dt.date(year, month, day)
            except ValueError:
                return _Found("DATE", None, None, f"{calendar.month_name[month]} {year} has no day {day}")
            return _Found("DATE", d.isoformat(), None, None, d, True)
        if speech is None or not speech.year_known:
            base = speech.day.year if speech else 2000
            try:
                d = dt.date(base, month, day)
            except ValueError:
                d = dt.date(2000, month, day)
            return _Found("DATE", f"XXXX-{month:02d}-{day:02d}", speech.source if speech else None, None, d, False)
        y = speech.day.year
        if rel:
            y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
            candidates = [y]
        else:
            candidates = [y - 1, y, y + 1]
        tense = self._tense(text, c) if not rel else None
        near = _nearest(speech.day, [_safe_date(cy, month, day) for cy in candidates], tense)
        if near is None:
            return _Found("DATE", None, None, f"{calendar.month_name[month]} {y} has no day {day}")
        return _Found("DATE", near.isoformat(), speech.source, None, near, True)

    def _rule_iso(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        f = self._day_value(text, c, int(m["y"]), int(m["mo"]), int(m["d"]), speech)
        if f.value and m["h"]:
            f.type, f.value = "TIME", f"{f.value}T{m['h']}:{m['mi']}"
        return f

    def _rule_mdy_num(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        y = int(m["y"])
        if y < 100:
            y += 1900 if y >= 50 else 2000
        return self._day_value(text, c, y, int(m["mo"]), int(m["d"]), speech)

    def _rule_month_day(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        month = _month(m["mon"])
        day = int(re.sub(r"\D", "", m["d"]))
        year = int(m["y"]) if m["y"] else None
        f = self._day_value(text, c, year, month, day, speech, m["rel"])
        if f.value and m["wd"] and f.day is not None and f.year_known and f.day.isoweekday() != WEEKDAYS[
                m["wd"].lower()]:
            f.problem = f"{f.value} is not a {m['wd']}"
        return f

    _rule_day_month = _rule_month_day

    def _rule_month_year(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        y = int(c.m["y"])
        if not self._year_ok(y):
            return _Found("DATE", None, None, f"year {y} is outside {self.config.earliest_year}-"
                                               f"{self.config.latest_year}")
        return _Found("DATE", f"{y:04d}-{_month(c.m['mon']):02d}")

    def _rule_month(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found | None:
        m = c.m
        month = _month(m["mon"])
        mon_start = m.start("mon")
        # A bare month at a sentence start followed by a lower-case verb is likely a name or a verb.
        rel = (m.groupdict().get("rel") or "").lower()
        if not rel and not m.groupdict().get("mod"):
            before = text[max(0, mon_start - 12):mon_start]
            after = text[m.end("mon"):m.end("mon") + 3]
            if re.search(r"[A-Z][a-z]*\s+$", before) and not re.search(r"(?i)\b(?:in|of|since|until|by)\s+$", before):
                return None  # "Ms. June Smith", "Prime Minister August Lang"
            if re.match(r"\s+[A-Z][a-z]", after) and not re.search(r"(?i)\b(?:in|of|since|until|by|last|next|"
                                                                   r"this|early|late)\s+$", before):
                return None
        if speech is None or not speech.year_known:
            return _Found("DATE", f"XXXX-{month:02d}", speech.source if speech else None)
        y = speech.day.year
        cur = speech.day.month
        if rel in ("last", "past", "previous"):
            y = y if month < cur - 1 else y - 1  # "last February" said in March is last year's
        elif rel in ("next", "coming", "following"):
            y = y if month > cur else y + 1
        elif rel in ("this", "current"):
            pass
        else:
            # The nearest such month, unless the tense says otherwise (no tense cue: news reports the past).
            tense = self._tense(text, c) or "past"
            best = _nearest(speech.day, [dt.date(cy, month, 15) for cy in (y - 1, y, y + 1)], tense)
            y = best.year if best else y
        return _Found("DATE", f"{y:04d}-{month:02d}", speech.source)

    def _rule_month_rel_year(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        if speech is None or not speech.year_known:
            return _Found("DATE", f"XXXX-{_month(c.m['mon']):02d}", speech.source if speech else None)
        y = speech.day.year + {"this": 0, "last": -1, "next": 1}[c.m["rel"].lower()]
        return _Found("DATE", f"{y:04d}-{_month(c.m['mon']):02d}", speech.source)

    def _rule_month_may(self, text: str, c: _Cand, speech: _Anchor | None, *rest: object) -> _Found | None:
        return self._rule_month(text, c, speech)

    def _rule_decade(self, text: str, c: _Cand, *_: object) -> _Found:
        m = c.m
        if m["dec"]:
            return _Found("DATE", m["dec"][:3])
        short = m["short"].lstrip("'’")
        return _Found("DATE", "19" + short[0])

    def _rule_century(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        if m["n"]:
            n = int(m["n"])
            return _Found("DATE", f"{n - 1:02d}") if 1 <= n <= 99 else _Found("DATE", None, None, "no such century")
        if speech is None or not speech.year_known:
            return _Found("DATE", "XX", None)
        shift = {"this": 0, "last": -1, "next": 1}.get(m["rel"].split()[0].lower(), 0)
        return _Found("DATE", f"{speech.day.year // 100 + shift:02d}", speech.source)

    def _rule_year(self, text: str, c: _Cand, *_: object) -> _Found | None:
        m = c.m
        y = int(m["y"])
        if not self._year_ok(y):
            return None
        # A four-digit number after a currency sign, "No." or before a unit is a quantity, not a year.
        before = text[max(0, c.start - 3):c.start]
        after = text[c.end:c.end + 14].lower()
        if re.search(r"[$€£#]\s*$|No\.\s*$", before) or re.match(r"\s*(?:people|troops|soldiers|km|kilomet|miles|"
                                                                   r"tons|tonnes|percent|per\s+cent|dollars|"
                                                                   r"euros|feet|metres|meters|men|women)\b", after):
            return None
        return _Found("DATE", f"{y:04d}")

    def _rule_spoken_year(self, text: str, c: _Cand, *_: object) -> _Found | None:
        m = c.m
        if m["m"]:
            n = _number(m["u"]) if m["u"] else 0
            return _Found("DATE", f"{2000 + int(n or 0):04d}")
        n = _number(m["t"])
        if n is None:
            return None
        return _Found("DATE", f"{(19 if m['c'].lower() == 'nineteen' else 18) * 100 + int(n):04d}")

    def _rule_spoken_decade(self, text: str, c: _Cand, *_: object) -> _Found:
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}[c.m["t"].lower()]
        return _Found("DATE", f"19{tens}")

    def _rule_fy_short(self, text: str, c: _Cand, *_: object) -> _Found:
        y = c.m["y"]
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
        return _Found("DATE", f"{year:04d}")

    def _year_of(self, speech: _Anchor | None, rel: str | None, explicit: str | None) -> int | None:
        if explicit:
            return int(explicit)
        if speech is None or not speech.year_known:
            return None
        y = speech.day.year
        if rel:
            y += {"this": 0, "last": -1, "next": 1}[rel.split()[0].lower()]
        return y

    def _rule_quarter(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        n = ORDINALS[m["ord"].lower()]
        unit = m["unit"].lower()
        pre = m["pre"]
        explicit = m["y"] or m["y2"]
        rel = m["rel"]
        if pre:
            if pre[:4].isdigit():
                explicit = pre[:4]
            else:
                rel = pre
        ago = False
        if m["pre2"]:
            if m["pre2"][:4].isdigit():
                explicit = m["pre2"][:4]
            else:
                ago = True  # "the year-ago third quarter"
        y = self._year_of(speech, rel, explicit)
        if unit == "half":
            n = min(n, 2)
            code = f"H{n}"
        else:
            code = f"Q{n}"
        if y is None:
            return _Found("DATE", f"XXXX-{code}", None)
        if not self._year_ok(y):
            return _Found("DATE", None, None, f"year {y} is outside the accepted range")
        if not explicit and not rel and speech is not None and unit != "half":
            # A quarter that has not begun yet, spoken of in the past, is last year's.
            cur_q = (speech.day.month - 1) // 3 + 1
            if n > cur_q and self._tense(text, c) == "past" and not m["fis"] and not m["fis2"]:
                y -= 1
        if ago:
            y -= 1
        return _Found("DATE", f"{y:04d}-{code}", None if explicit else (speech.source if speech else None))

    def _rule_the_quarter(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found:
        phrase = text[c.start:c.end].lower()
        ago = "year-earlier" in phrase or "year-ago" in phrase or "year earlier" in phrase
        m = re.search(r"\b(\d{4})\b", phrase)
        if m:
            y, q = int(m.group(1)), int(state.quarter[-1]) if state.quarter else 4
        elif state.quarter:
            y, q = int(state.quarter[:4]), int(state.quarter[-1])
        elif speech is not None and speech.year_known:
            # Reports speak of the last quarter that has ended.
            y = speech.day.year
            q = (speech.day.month - 1) // 3
            if q == 0:
                y, q = y - 1, 4
        else:
            return _Found("DATE", "XXXX-QX", None)
        if ago:
            y -= 1
        return _Found("DATE", f"{y:04d}-Q{q}", speech.source if speech else None)

    def _rule_season(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found | None:
        m = c.m
        code = SEASONS[m["sea"].lower()]
        if not (m["rel"] or m["mod"] or m["the"] or m["y"]) or (m["the"] and m["sea"].lower() in ("fall", "spring")
                                                               and m["the"].lower().startswith("the")
                                                               and not re.match(r"\s*[,.;]", text[c.end:c.end + 2])):
            return None  # "prices fall", "the spring of life": a season needs a word that makes it a time
        if m["the"] and not m["the"].lower().startswith("the"):
            c.start = m.start("sea")
        if m["y"]:
            return _Found("DATE", f"{m['y']}-{code}")
        if speech is None or not speech.year_known:
            return _Found("DATE", f"XXXX-{code}", speech.source if speech else None)
        y = speech.day.year
        rel = (m["rel"] or "").lower()
        cur = _season_of(speech.day)
        order = ["WI", "SP", "SU", "FA"]
        if rel in ("last", "past", "previous"):
            if order.index(code) >= order.index(cur):
                y -= 1
        elif rel in ("next", "coming", "following"):
            if order.index(code) <= order.index(cur):
                y += 1
        elif not rel:
            tense = self._tense(text, c)
            if tense == "past" and order.index(code) > order.index(cur):
                y -= 1
            elif tense == "future" and order.index(code) < order.index(cur):
                y += 1
        return _Found("DATE", f"{y:04d}-{code}", speech.source)

    def _rule_deictic(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        w = m["w"].lower()
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[w]
        part = m["part"]
        code = "NI" if w == "tonight" else (PARTS_OF_DAY[part.lower()] if part else None)
        return self._shifted_day(speech, shift, code)

    def _rule_last_night(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        part = c.m["part"]
        if part:
            return self._shifted_day(speech, 0, PARTS_OF_DAY[part.lower()])
        return self._shifted_day(speech, -1, "NI")

    def _shifted_day(self, anchor: _Anchor | None, days: int, part: str | None = None) -> _Found:
        if anchor is None:
            return _Found("DATE" if part is None else "TIME", None, None, "no date to count from")
        d = anchor.day + dt.timedelta(days=days)
        value = _fmt_day(d, anchor.year_known)
        if part:
            return _Found("TIME", f"{value}T{part}", anchor.source, None, d, anchor.year_known)
        return _Found("DATE", value, anchor.source, None, d, anchor.year_known)

    def _rule_ref(self, text: str, c: _Cand, *_: object) -> _Found | None:
        w = re.sub(r"\s+", " ", c.m["w"].lower())
        if w in ("now", "currently", "current", "the present", "nowadays", "these days", "at present",
                 "right now", "just now"):
            if w == "current" and not re.match(r"\s+[a-z]", text[c.end:c.end + 3]):
                return None
            if w == "now" and re.match(r"\s*(?:that|,\s*that)\b", text[c.end:c.end + 8]):
                pass
            return _Found("DATE", "PRESENT_REF")
        if w in ("the future", "in future", "the near future", "the near term", "the short term", "the long term"):
            return _Found("DATE", "FUTURE_REF")
        return _Found("DATE", "PAST_REF")

    def _rule_rel_unit(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found | None:
        m = c.m
        rel = m["rel"].lower()
        unit = re.sub(r"\s+", " ", m["unit"].lower())
        if rel in ("past", "coming") and not m["mod"]:
            # "the past year", "the coming weeks" are durations; "past Monday" is not handled here.
            code = UNITS.get(unit.split()[-1], "Y")
            return _Found("DURATION", _duration(1, code))
        if rel in ("following", "previous") or (rel == "next" and _preceded_by_the(text, c.start)):
            return self._anaphoric(unit, 1 if rel in ("following", "next") else -1, speech, state)
        if rel == "current":
            rel = "this"
        shift = {"last": -1, "this": 0, "next": 1}[rel]
        if unit == "day":
            return None
        return self._period(unit, shift, speech)

    def _period(self, unit: str, shift: int, anchor: _Anchor | None) -> _Found:
        """The week, month, quarter, year, decade or century `shift` units from the anchor's."""
        if anchor is None or not anchor.year_known:
            fallback = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "quarter": "XXXX-QX"}
            return _Found("DATE", fallback.get(unit, "XXXX"), anchor.source if anchor else None)
        d = anchor.day
        src = anchor.source
        if unit in ("year", "fiscal year", "school year"):
            return _Found("DATE", f"{d.year + shift:04d}", src)
        if unit == "month":
            mo = d.year * 12 + d.month - 1 + shift
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", src)
        if unit == "quarter":
            q = d.year * 4 + (d.month - 1) // 3 + shift
            return _Found("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", src)
        if unit in ("week", "weekend"):
            y, w, _ = (d + dt.timedelta(weeks=shift)).isocalendar()
            return _Found("DATE", f"{y:04d}-W{w:02d}" + ("-WE" if unit == "weekend" else ""), src)
        if unit == "decade":
            return _Found("DATE", f"{d.year // 10 + shift:03d}", src)
        if unit == "century":
            return _Found("DATE", f"{d.year // 100 + shift:02d}", src)
        return _Found("DATE", _fmt_day(d + dt.timedelta(days=shift), True), src, None, d + dt.timedelta(days=shift))

    def _rule_the_period(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found | None:
        unit = re.sub(r"\s+", " ", c.m["unit"].lower())
        if unit == "day":
            return None
        if unit in ("year", "fiscal year") and re.match(r"\s+(?:earlier|ago|before)", text[c.end:c.end + 9]):
            return None
        if c.m["mod"]:
            return self._period(unit, 0, speech)  # "the end of the year", "earlier in the month"
        if unit in ("year", "fiscal year"):
            return _Found("DURATION", "P1Y")  # "profit for the year": TimeML reads the span, not the calendar year
        return self._period(unit, 0, speech)

    def _rule_weekday(self, text: str, c: _Cand, speech: _Anchor | None, state: _State, *_: object) -> _Found:
        m = c.m
        wd = WEEKDAYS[m["wd"].lower()]
        part = m["part"]
        rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
        code = PARTS_OF_DAY[part.lower()] if part else None
        if rel.startswith("the "):
            # "the following Monday" counts from the story's last day; "the previous Friday" is the one before
            # the last such day.
            base_anchor = state.narrative or speech
            if base_anchor is None:
                return _Found("DATE", None, None, "no date to count from")
            back = (base_anchor.day.isoweekday() - wd) % 7
            if rel == "the previous":
                shift = -(back or 7) - (0 if state.narrative else 7)
            elif rel == "the same":
                shift = -back
            else:
                shift = (wd - base_anchor.day.isoweekday()) % 7 or 7
            return self._shifted_day(base_anchor, shift, code)
        if speech is None or not speech.year_known:
            value = f"XXXX-WXX-{wd}" + (f"T{code}" if code else "")
            return _Found("TIME" if code else "DATE", value, speech.source if speech else None)
        base = speech.day
        back = (base.isoweekday() - wd) % 7  # days back to the last such weekday (0: today)
        if rel in ("last", "past"):
            shift = -(back or 7)
        elif rel in ("next", "coming"):
            shift = (wd - base.isoweekday()) % 7 or 7
        elif rel == "this":
            shift = wd - base.isoweekday()
        else:
            tense = self._tense(text, c)
            shift = (wd - base.isoweekday()) % 7 if tense == "future" else -back
        return self._shifted_day(speech, shift, code)

    def _rule_weekend(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        rel = re.sub(r"\s+", " ", (c.m["rel"] or "").lower())
        if speech is None or not speech.year_known:
            return _Found("DATE", "XXXX-WXX-WE", speech.source if speech else None)
        if rel in ("next", "the coming"):
            shift = 1
        elif rel in ("last", "the past"):
            shift = -1 if speech.day.isoweekday() < 6 else 0
            if speech.day.isoweekday() >= 6:
                shift = -1
        elif rel == "the":
            tense = self._tense(text, c)
            shift = 0 if tense == "future" or speech.day.isoweekday() >= 6 else -1
        else:
            shift = 0
        return self._period("weekend", shift, speech)

    def _rule_ago(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found | None:
        m = c.m
        n = _number(m["n"])
        unit = _unit(m["unit"])
        direction = re.sub(r"\s+", " ", m["dir"].lower())
        sign = -1 if direction in ("ago", "earlier", "before", "previously", "since") else 1
        # "ago" counts from the time of writing, "later"/"earlier" from the story's last day.
        anchor = speech if direction in ("ago", "hence", "from now") else (state.narrative or speech)
        if n is None:
            return _Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None)
        return self._shift(unit, sign * n, anchor, state.quarter)

    def _rule_yearago(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found | None:
        w = c.m["w"].lower()
        unit = w.split()[0].split("-")[0]
        anchor = speech if "ago" in w else (state.narrative or speech)
        return self._shift(unit, -1, anchor, state.quarter)

    def _shift(self, unit: str, amount: float, anchor: _Anchor | None, quarter: str | None) -> _Found | None:
        """A date `amount` units from the anchor, at the unit's granularity (a quarter in a quarterly report)."""
        if anchor is None:
            return _Found("DATE", None, None, "no date to count from")
        if amount != int(amount):
            return None
        k = int(amount)
        if abs(k) > self.config.max_shift_years * 366:
            return _Found("DATE", None, None, "shift too large")
        d = anchor.day
        if unit == "year" and quarter:
            return _Found("DATE", f"{int(quarter[:4]) + k:04d}{quarter[4:]}", anchor.source)
        if not anchor.year_known and unit in ("year", "decade", "century", "quarter"):
            return _Found("DATE", "XXXX", anchor.source)
        if unit == "year":
            if abs(k) > self.config.max_shift_years:
                return _Found("DATE", None, None, "shift too large")
            return _Found("DATE", f"{d.year + k:04d}", anchor.source)
        if unit == "decade":
            return _Found("DATE", f"{d.year // 10 + k:03d}", anchor.source)
        if unit == "century":
            return _Found("DATE", f"{d.year // 100 + k:02d}", anchor.source)
        if unit == "quarter":
            q = d.year * 4 + (d.month - 1) // 3 + k
            return _Found("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", anchor.source)
        if unit == "month":
            mo = d.year * 12 + d.month - 1 + k
            year_known = anchor.year_known
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}" if year_known else f"XXXX-{mo % 12 + 1:02d}",
                          anchor.source)
        days = {"day": 1, "night": 1, "week": 7, "fortnight": 14, "weekend": 7}.get(unit)
        if days is None:
            return None  # hours and minutes from a day anchor have no day value of their own
        try:
            target = d + dt.timedelta(days=days * k)
        except OverflowError:
            return _Found("DATE", None, None, "shift too large")
        return _Found("DATE", _fmt_day(target, anchor.year_known), anchor.source, None, target, anchor.year_known)

    def _anaphoric(self, unit: str, shift: int, speech: _Anchor | None, state: _State) -> _Found:
        anchor = state.narrative or speech
        if unit in ("year", "month") and state.value and (unit == "year" or len(state.value) >= 7):
            # "that year", "the following month": count from the last year or month the story named.
            y = int(state.value[:4])
            if unit == "year":
                return _Found("DATE", f"{y + shift:04d}", "narrative")
            mo = y * 12 + int(state.value[5:7]) - 1 + shift
            return _Found("DATE", f"{mo // 12:04d}-{mo % 12 + 1:02d}", "narrative")
        if unit in ("day", "night"):
            f = self._shifted_day(anchor, shift)
            return f
        if unit in ("morning", "evening", "afternoon"):
            return self._shifted_day(anchor, shift, PARTS_OF_DAY[unit])
        return self._period(unit, shift, anchor)

    def _rule_anaphora(self, text: str, c: _Cand, speech: _Anchor | None, state: _State, *_: object) -> _Found:
        m = c.m
        if m["rel"]:
            rel, unit = m["rel"].lower(), m["unit"].lower()
            shift = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1, "same": 0}[rel]
        elif m["rel2"]:
            rel, unit = m["rel2"].lower(), m["unit2"].lower()
            shift = 1 if rel == "after" else -1
        else:
            unit, shift = m["unit3"].lower(), 0
        return self._anaphoric(unit, shift, speech, state)

    def _rule_clock(self, text: str, c: _Cand, speech: _Anchor | None, state: _State, *_: object) -> _Found | None:
        m = c.m
        if m["word"]:
            hour, minute = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
            if text[max(0, c.start - 5):c.start].lower().strip() == "high":
                return None  # "high noon"
        elif m["hm"]:
            hour, minute = (int(x) for x in m["hm"].split(":"))
        else:
            hour, minute = int(m["h"]), int(m["mi"] or 0)
            ap = (m["ap"] or "").lower()
            if hour > 12 or (hour == 0 and ap.startswith(("a", "p"))):
                return _Found("TIME", None, None, f"{hour} {m['ap']} is not a clock time")
            if ap.startswith("p") and hour < 12:
                hour += 12
            elif ap.startswith("a") and hour == 12:
                hour = 0
        if hour > 24 or minute > 59:
            return _Found("TIME", None, None, f"{hour}:{minute:02d} is not a clock time")
        clock = f"T{hour:02d}:{minute:02d}"
        if m["wd"] or m["mon"] or m["deic"]:
            # The day named with the time: resolve it as its own rule would, then add the time.
            if m["wd"]:
                # The whole expression's span, so the tense is read around "until 9 a.m. Tuesday".
                day = self._rule_weekday(text, _Cand(c.start, c.end, "weekday",
                                                     _WEEKDAY_RX.match(m["wd"]) or m), speech, state)
            elif m["mon"]:
                day = self._day_value(text, c, None, _month(m["mon"]), int(re.sub(r"\D", "", m["d"])), speech)
            else:
                day = self._rule_deictic(text, _Cand(m.start("deic"), m.end("deic"), "deictic",
                                                     _DEICTIC_RX.match(m["deic"]) or m), speech)
            if day.value is None:
                return _Found("TIME", None, day.anchor, day.problem)
            return _Found("TIME", day.value + clock, day.anchor, None, day.day, day.year_known)
        anchor = state.narrative or speech
        if anchor is None:
            return _Found("TIME", f"XXXX-XX-XX{clock}", None)
        return _Found("TIME", f"{_fmt_day(anchor.day, anchor.year_known)}{clock}", anchor.source)

    def _rule_duration(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found | None:
        m = c.m
        unit = _unit(m["unit"])
        raw_n = m["n"].lower()
        hyphen = "-" in m["hy"]
        if hyphen and raw_n[:1].isdigit() and not m["det"]:
            return None  # "a 30-year bond": a digit-hyphen adjective is a kind of thing, not a duration
        if unit == "weekend" or (raw_n in ("a", "an") and unit in ("second",) and not m["det"]):
            return None
        n = _number(m["n"])
        after = text[c.end:c.end + 12].lower()
        if re.match(r"\s+(?:ago|earlier|later|before|after)\b", after):
            return None  # left to the "ago" rule
        det = re.sub(r"\s+", " ", (m["det"] or "").lower())
        code = UNITS[unit]
        if n is None:
            return _Found("DURATION", _duration(None, code))
        if raw_n in ("a", "an") and not det and unit in ("day", "week", "month", "year") and _after_number(text,
                                                                                                    c.start):
            return None  # "$5 a year" is a set, found by set_a
        return _Found("DURATION", _duration(n, code))

    def _rule_bare_plural(self, text: str, c: _Cand, *_: object) -> _Found:
        return _Found("DURATION", _duration(None, UNITS[_unit(c.m["unit"])]))

    def _rule_recent_units(self, text: str, c: _Cand, *_: object) -> _Found:
        unit = _unit(c.m["unit"])
        if unit == "year":
            return _Found("DATE", "PAST_REF")
        return _Found("DURATION", _duration(None, UNITS[unit]))

    def _rule_set(self, text: str, c: _Cand, *_: object) -> _Found:
        m = c.m
        if m["w"]:
            w = m["w"].lower()
            code = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
                    "annually": "P1Y", "quarterly": "P3M", "hourly": "PT1H", "biweekly": "P2W",
                    "bimonthly": "P2M", "semiannually": "P6M"}[w]
            return _Found("SET", code)
        if m["wdset"]:
            wd = WEEKDAYS[m["wdset"].split()[-1].lower()]
            return _Found("SET", f"XXXX-WXX-{wd}")
        unit = m["unit"].lower()
        k = {"other": 2, "second": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get((m["k"] or "").lower(),
                                                                                                 1)
        if m["k"] and m["k"].lower() == "few":
            k = 0
        if unit in PARTS_OF_DAY:
            return _Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
        if unit in SEASONS:
            return _Found("SET", f"XXXX-{SEASONS[unit]}")
        code = UNITS[unit]
        return _Found("SET", _duration(k or None, code))

    def _rule_set_a(self, text: str, c: _Cand, *_: object) -> _Found:
        return _Found("SET", _duration(1, UNITS[c.m["unit"].lower()]))

    _rule_set_times = _rule_set_a

    def _rule_holiday(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        hol = re.sub(r"\s+", " ", c.m["hol"].lower()).replace("’", "'")
        explicit = c.m["y"]
        if explicit:
            if not self._year_ok(int(explicit)):
                return _Found("DATE", None, None, f"year {explicit} is outside the accepted range")
            day = _holiday(hol, int(explicit))
            return _Found("DATE", day.isoformat() if day else None, None, None, day)
        if speech is None or not speech.year_known:
            fixed = _holiday(hol, 2001)  # a holiday on a fixed day keeps its day; a moving one is unknown
            moving = hol.startswith(("thanksgiving", "labor", "memorial", "easter"))
            return _Found("DATE", "XXXX" if moving or fixed is None else f"XXXX-{fixed:%m-%d}",
                          speech.source if speech else None)
        tense = self._tense(text, c) or "past"
        year = speech.day.year
        day = _nearest(speech.day, [_holiday(hol, cy) for cy in (year - 1, year, year + 1)], tense)
        return _Found("DATE", day.isoformat() if day else None, speech.source, None, day)


# ---------------------------------------------------------------------------------------------- helpers
def _month(raw: str) -> int:
    return MONTHS[raw.lower().rstrip(".")]


def _unit(raw: str) -> str:
    u = raw.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def _number(raw: str) -> float | None:
    """A count from digits or words; None for a vague one ("several", "a few")."""
    text = re.sub(r"\s+", " ", raw.lower()).strip()
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    elif text.endswith(" 1/2"):
        text, half = text[:-4], 0.5
    if text in VAGUE or text.startswith(("dozens", "hundreds")):
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) + half
    if text in SMALL:
        return SMALL[text] + half
    parts = re.split(r"[- ]", text)
    total = 0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in SMALL:
            total += SMALL[p]
        else:
            return None
    return total + half


#: A fraction of a unit written in the next smaller one ("2 1/2 years" is P2Y6M, as TimeML writes it).
_SMALLER = {"Y": (12, "M"), "M": (30, "D"), "W": (7, "D"), "D": (24, "H"), "H": (60, "MIN"), "MIN": (60, "S")}


def _duration(n: float | None, code: str) -> str:
    # TimeBank writes decades, centuries and quarters in years and months ("two decades" is P20Y).
    if code in ("DE", "CE", "Q"):
        factor, code = {"DE": (10, "Y"), "CE": (100, "Y"), "Q": (3, "M")}[code]
        n = None if n is None else n * factor
    if n is not None and not float(n).is_integer() and code in _SMALLER:
        whole = int(n)
        per, small = _SMALLER[code]
        rest = round((n - whole) * per)
        head = _duration(whole, code) if whole else "P"
        tail = _duration(rest, small)[1:]
        if "T" in tail and "T" in head:
            tail = tail.replace("T", "")
        return head + tail
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if code in ("H", "S", "MIN"):
        return f"PT{amount}{code[0]}"
    if code == "WE":
        return f"P{amount}WE"
    return f"P{amount}{code}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


#: How far (days) from the time of writing a date may lie against the tense before the tense decides.
_TENSE_SLACK = 90


def _nearest(anchor: dt.date, options: Sequence[dt.date | None], tense: str | None) -> dt.date | None:
    """The option nearest the anchor; one far on the wrong side of it for the tense counts as far away."""
    best: tuple[int, dt.date] | None = None
    for d in options:
        if d is None:
            continue
        gap = (d - anchor).days
        cost = abs(gap)
        if (tense == "past" and gap > _TENSE_SLACK) or (tense == "future" and gap < -_TENSE_SLACK):
            cost += 1000
        if best is None or cost < best[0]:
            best = (cost, d)
    return best[1] if best else None


def _fmt_day(d: dt.date, year_known: bool) -> str:
    return d.isoformat() if year_known else f"XXXX-{d.month:02d}-{d.day:02d}"


def _season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def _preceded_by_the(text: str, start: int) -> bool:
    return bool(re.search(r"(?i)\bthe\s+$", text[max(0, start - 5):start]))


def _after_number(text: str, start: int) -> bool:
    """True when a count or an amount stands just before `start` ("100 soldiers a day", "$5 a year")."""
    return bool(re.search(r"\d[\w%]*\s+(?:[a-z]+\s+){0,3}$", text[max(0, start - 40):start]))


def _holiday(name: str, year: int) -> dt.date | None:
    """The day a holiday falls on in a year (the names the holiday rule matches)."""
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "valentine's day": (2, 14), "halloween": (10, 31), "veterans day": (11, 11), "boxing day": (12, 26)}
    if name in fixed:
        return _safe_date(year, *fixed[name])
    if name.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if name == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if name == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if name.startswith("easter"):
        return _easter(year)
    return None


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The n-th (or with n=-1 the last) weekday (1=Monday) of a month."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> dt.date:
    """Western Easter (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return dt.date(year, month, day)


