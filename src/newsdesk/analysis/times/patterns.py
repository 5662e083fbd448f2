"""times.patterns: the surface grammar of time expressions — vocabulary, one regular expression per rule,
the candidates they find on a page (`find_candidates`: overlaps settled longest first, removed text left
out), the extent TimeML gives an expression (`expression_extent`) and the readers of its words (months,
units, counts, relative words).

Written from the TimeML/TIMEX3 annotation guidelines; HeidelTime's resource files were read as a reference
for which expressions news copy uses, nothing was copied. Every pattern is a plain regular expression
without nested quantifiers, so the whole set runs over a page in linear time.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsdesk.model import Span

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
#: A day of the month read out, as broadcast transcripts write it: "March eighth", "the twenty-first of May".
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9}
_ORDINAL_DAYS = {**_ORDINAL_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                 "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20, "thirtieth": 30}
SPOKEN_DAY = (r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
              r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
              r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)"
              r"(?![\w-])(?!\s+(?:quarter|half|period|time|place|round|term|largest|biggest)\b)")
YEAR4 = r"(?:\d{4})(?![\w-]|,\d)"
_WORDNUM = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|"
            r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
            r"one|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|dozen)")
#: A count in digits (with thousands separators: "2,000", never its tail "000") or words, hundreds and
#: thousands too ("a hundred", "two thousand").
NUM = (rf"(?i:(?:(?<!\d[,.])(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:\s+1/2)?|"
       rf"(?:(?:an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:hundred|thousand)|"
       rf"{_WORDNUM}|an?|a\s+few|few|several|some|many|a\s+couple\s+of|couple\s+of|"
       rf"dozens\s+of|hundreds\s+of|a\s+number\s+of)(?:\s+and\s+a\s+half)?)")
#: Words that multiply the count before them.
_MULTIPLIERS = {"hundred": 100, "thousand": 1000}
UNIT = r"(?i:(?:second|minute|hour|day|night|week|weekend|month|year|decade|centurie|century|quarter|fortnight)s?)"
#: Time zones and "local time" after a clock time.
ZONE = r"(?:GMT|UTC|Z|BST|CET|CEST|EET|EEST|MSK|[A-Z]{2,3}T|(?i:local\s+time))"
B = r"(?<![\w'’-])"  # a left word boundary that also refuses "-" and apostrophes ("mid-" is handled apart)
E = r"(?![\w-])"
PART = r"(?i:morning|afternoon|evening|night|overnight)"
SEASON = r"(?i:spring|summer|fall|autumn|winter)"
#: "this past spring", "this coming Sunday": "this" only stresses the nearness (`relative_word` drops it).
REL = r"(?i:(?:this\s+)?(?:past|coming)|last|this|next|previous|following|current)"
MOD = r"(?i:(?:(?:the\s+)?(?:early|earlier|late|later|mid(?:dle)?|end|beginning|start|"
MOD += r"(?:first|second|last|latter)\s+half|(?:first|last)\s+two\s+quarters)"
MOD += r"(?:\s+(?:of|in))?(?:\s+the)?[\s-]+))"
#: An approximating word TimeML keeps inside the expression (`mod="APPROX"`): "around Nov. 1", "about 3 p.m."
APPROX = r"(?:(?<![\w-])(?i:around|approximately|roughly)\s+)"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A stretch of text one rule matched: its span, the rule's name and the match (its named groups)."""

    start: int
    end: int
    rule: str
    match: re.Match[str]


# Each rule: a name and a pattern; all are run over the text and overlaps are settled longest-first.
_RULES: list[tuple[str, str]] = [
    # 2022-05-22, 2022/05/22
    ("iso", rf"{B}(?P<y>\d{{4}})[-/](?P<mo>\d{{1,2}})[-/](?P<d>\d{{1,2}})(?:T(?P<h>\d\d):(?P<mi>\d\d))?{E}"),
    # 05/22/2022 (American order, as in US wire copy)
    ("mdy_num", rf"{B}(?P<mo>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}|\d\d){E}"),
    # [[this coming] Sunday,] May 22[,] [2022] ; May 22 this year ; the week of March 6
    ("month_day", rf"{APPROX}?(?:{B}(?P<wk>(?i:the\s+week\s+of))\s+|{B}(?:{REL}\s+)?(?P<wd>{WEEKDAY}),?\s+)?"
                  rf"{B}(?:(?P<mon>{MONTH})\s+(?P<d>{DAY})|(?P<mon_>{_MONTH_FULL})\s+(?P<d_>{SPOKEN_DAY}))"
                  rf"(?:,?\s+(?P<y>{YEAR4})|\s+(?P<rel>(?i:this|last|next)\s+year))?"),
    # the second day of "April 24 and 25" (a date of its own, in the first one's month)
    ("second_day", rf"{B}(?P<mon>{MONTH})\s+{DAY}\s+(?i:and|or)\s+(?P<x>(?P<d>{DAY}))(?!\s*(?:%|percent)|,?\s+\d)"),
    # [Sunday,] 22 May [2022], 22nd of May
    ("day_month", rf"{APPROX}?(?:{B}(?P<wd>{WEEKDAY}),?\s+)?{B}(?:(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})|"
                  rf"(?i:the)\s+(?P<d_>{SPOKEN_DAY})\s+of\s+(?P<mon_>{_MONTH_FULL}))"
                  rf"(?:,?\s+(?P<y>{YEAR4})|\s+(?P<rel>(?i:this|last|next)\s+year))?"),
    # [early] May 2022, January of 1998
    ("month_year", rf"{B}(?P<mod>{MOD})?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?)(?P<y>{YEAR4})"),
    # January this year, June last year
    ("month_rel_year", rf"{B}(?P<mon>{MONTH})\s+(?P<rel>(?i:this|last|next))\s+(?i:year){E}"),
    # [early/mid-] April, last November, this September
    ("month", rf"{B}(?:(?P<rel>{REL})\s+)?(?P<mod>{MOD})?(?P<mon>{MONTH_NOT_MAY})(?!\.?\s+\d)"),
    ("month_may", r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s)|"
                  r"(?<=\bthrough\s)|(?<=\bmid-)|(?<=\blast\s)|(?<=\bnext\s)|(?<=\bthis\s)|(?<=\bearly\s)|"
                  r"(?<=\blate\s))(?P<mon>May)(?![\w-])(?!\s+\d)"),
    ("month_may_rel", rf"{B}(?P<rel>(?i:last|next|this|coming|past))\s+(?P<mon>May)(?![\w-])(?!\s+\d)"),
    # 1990s, the '80s, mid-1990s
    ("decade", rf"{B}(?:the\s+)?(?P<mod>{MOD})?(?:(?P<dec>(?:1\d|20)\d0)'?s|(?P<short>['’]?[1-9]0)s){E}"),
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
                rf"(?:(?P<fis2>(?i:fiscal)[\s-]+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last))"
                rf"[\s-]+(?i:fiscal\s+)?(?P<unit>(?i:quarter|half|period))){E}"
                rf"(?:\s+(?i:of|in)\s+(?:(?i:fiscal\s+(?:year\s+)?)?(?P<y>{YEAR4})|(?P<rel>(?i:this|last|next)\s+year)|"
                rf"(?:the\s+)?(?P<same>(?i:the\s+year|this\s+year)))"
                rf"|\s+(?P<y2>{YEAR4}))?"),
    # Q3 2021, 2021 Q3, Q3'21, Q1 FY2023, H1 2022, and a bare "Q3" (its handler asks for a preposition)
    ("quarter_abbr", rf"{B}(?:(?P<yb>{YEAR4})\s+)?(?P<kind>[QH])(?P<n>[1-4])(?:\s+(?:FY\s?)?(?P<y>{YEAR4})|"
                     rf"\s?['’](?P<yy>\d\d)(?!\d))?{E}"),
    # (the longer alternatives first: a regex alternation keeps the first that matches at a position)
    ("the_quarter", rf"{B}(?i:the\s+(?:(?:comparable|corresponding|same|year-ago|year-earlier)\s+)?(?:quarter|period)"
                    rf"\s+(?:last\s+year|a\s+year\s+(?:ago|earlier))){E}"
                    rf"|{B}(?i:the\s+(?:latest|most\s+recent|current|recent|past|last|same|year-earlier|year-ago|"
                    rf"year\s+earlier|comparable|previous|prior|fiscal|just-ended|just\s+ended)?\s*quarter){E}"
                    rf"|{B}(?i:the\s+(?:year-earlier|year-ago|comparable|latest|same)\s+(?:period|year-ago\s+period)){E}"
                    rf"|{B}(?i:the\s+(?:1\d|20)\d\d\s+(?:quarter|period)){E}"
                    # the same quarter a year before: "last year's quarter", "the comparable year-ago quarter",
                    # "the corresponding period last year", "the quarter a year ago" (first above)
                    rf"|{B}(?i:(?:last|this)\s+year['’]s\s+(?:quarter|period)){E}"
                    rf"|{B}(?i:the\s+(?:comparable|corresponding|same)\s+(?:year-ago|year-earlier)\s+(?:quarter|period)){E}"
                    rf"|{B}(?i:that\s+quarter){E}"),
    # year-end, year's end (a year's last days, as "the end of the year" is)
    ("year_end", rf"{APPROX}?{B}(?i:year[- ]end|year['’]s\s+end){E}"),
    # spring, last fall, summer 1998, the winter of 1995
    ("season", rf"{B}(?:(?P<rel>{REL})\s+|(?P<mod>{MOD})|(?P<the>(?i:the|in|during|since|until|by|this)\s+))?"
               rf"(?P<sea>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR4}))?{E}"),
    # yesterday, today, tomorrow, tonight, [yesterday] morning, last night
    ("deictic", rf"{B}(?:(?i:early|late|earlier|later)\s+|(?i:mid-?|early\s+|late\s+)?(?P<pre>(?i:morning|"
                rf"afternoon|evening))\s+)?(?P<w>(?i:yesterday|today|tomorrow|tonight))"
                rf"(?:\s+(?P<part>{PART}))?{E}"),
    ("last_night", rf"{B}(?i:last\s+night|(?:(?:early|late|earlier|later)\s+)?this\s+(?P<part>morning|afternoon|"
                   rf"evening)){E}"),
    # "by mid-afternoon", "in the late evening", "in the morning": a part of the story's day (but "in the
    # morning session" names a session: a bare "in the morning" must end its phrase)
    ("part_of_day", rf"{B}(?i:mid[-\s]?|(?:the\s+)?(?:early|late)\s+)(?P<part>(?i:morning|afternoon|evening)){E}|"
                    rf"(?<=\b[Ii]n\s)(?i:the)\s+(?P<part2>(?i:morning|afternoon|evening)){E}"
                    rf"(?=\s*[,.;:!?)]|\s*$|\s+(?i:to|and|or|but|when|as|before|after|while|with|on|at|in|of|"
                    rf"for|by|until|that|then)\b)"),
    # now, currently, recently, soon, the past, the future, "at a later date", "at this crucial moment"; "the
    # then current price" (current at a time now past)
    ("ref", rf"{B}(?P<w>(?i:now|currently|(?:then[\s-]+)?current|recently|recent|the\s+past|the\s+future|"
            rf"in\s+future|"
            rf"the\s+present|nowadays|these\s+days|at\s+present|lately|the\s+near\s+future|the\s+near\s+term|"
            rf"the\s+short\s+term|the\s+long\s+term|"
            rf"right\s+now|just\s+now|soon|an?\s+(?:later|future)\s+date|this\s+(?:[a-z]+\s+)?moment)){E}"
            rf"(?!\s+(?:day|week|month|quarter|year|decade|centur)|-)"),
    # last week, this month, next year, the past year, earlier this year, the coming weeks
    ("rel_unit", rf"{B}(?P<mod>{MOD})?(?P<the>(?i:the)\s+)?(?P<rel>{REL})\s+"
                 rf"(?P<unit>(?i:week|weekend|month|year|quarter|decade|"
                 rf"century|day|fiscal\s+year|school\s+year)){E}"),
    ("the_period", rf"{B}(?P<mod>{MOD})?(?i:the\s+(?:full\s+)?(?P<unit>week|month|year|day|fiscal\s+year)){E}"
                   # ("the year of the flood" is named by what follows; "a high for the year of $42" by no amount)
                   rf"(?!\s+(?:before|after|"
                   rf"earlier|later|ago|of(?!\s+[$€£#])|in|that|when|which)\b)"),
    # Sunday, on Sunday night, last Friday, next Tuesday, Friday morning
    ("weekday", rf"{B}(?:(?P<rel>(?i:last|this\s+coming|this\s+past|this|next|coming|past|the\s+previous|"
                rf"the\s+following|the\s+next|the\s+same))\s+)?(?P<wd>{WEEKDAY})"
                rf"(?:\s+(?P<part>{PART}))?"),  # "Friday's ruling": the possessive is not part of it
    ("weekend", rf"{B}(?:(?P<rel>(?i:last|this|next|the\s+past|the\s+coming|the))\s+)(?i:weekend){E}"),
    # two years ago, three days earlier, a year later, a week before; not "30 days before closing", "a
    # week after the vote": before an event, TimeML marks the span a duration and "before" its signal
    ("ago", rf"{B}(?:(?i:almost|nearly|about|some|just|only|more\s+than|less\s+than|over|roughly|around|barely|"
            rf"at\s+least)\s+)?(?P<n>{NUM})[\s-]+(?:(?i:more|additional|extra)\s+)?(?P<unit>{UNIT})"
            rf"(?P<half>\s+(?i:and\s+a\s+half))?(?:\s+(?i:or\s+so))?"
            rf"\s+(?P<dir>(?i:ago|earlier|later|previously|hence|from\s+now){E}|(?i:before|after|since){E}"
            rf"(?!\s+(?:(?:the|a|an|this|that|his|her|their|its|he|she|it|they|we|I)\b|[A-Z]|[a-z]+ing\b)))"),
    ("yearago", rf"{B}(?P<w>(?i:year|month|quarter|week|day)[\s-](?:earlier|ago|before)){E}"),
    # "Today is the eighth day of the blockade", "It's the second day of an offensive": the day of writing,
    # counted in the days of an event (a present "is": any other tense names another day)
    ("day_of_event", rf"(?:(?<=\b[Tt]oday\sis\s)|(?<=\b[Ii]t['’]s\s)|(?<=\b[Ii]t\sis\s))"
                     rf"(?i:the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                     rf"\d{{1,3}}(?:st|nd|rd|th))\s+day){E}(?=\s+of\s)"),
    # "until then", "by then": the time the story named last ("since then" is left alone: a stretch, not a time)
    ("then", rf"(?<=\b[Uu]ntil\s)then{E}|(?<=\b[Bb]y\s)then{E}|(?<=\b[Tt]ill\s)then{E}"),
    # the next day, the following week, the day before, that day, the same day
    ("anaphora", rf"{B}(?i:(?:the|that)\s+(?P<rel>next|following|previous|prior|preceding|same)\s+"
                 rf"(?P<unit>day|week|month|year|morning|evening|night|afternoon)|(?:the|that)\s+(?P<unit2>day|"
                 rf"week|month|year)\s+(?P<rel2>before|after|earlier)|(?P<that>that|the\s+same)\s+(?P<unit3>day|"
                 rf"morning|evening|night|afternoon|week|month|year)){E}"),
    # clock times: 3 p.m., 10:30 a.m. [Sunday], noon, midnight
    ("clock", rf"(?:{APPROX}|{B}(?i:about)\s+)?"
              rf"{B}(?:(?P<h>\d{{1,2}})(?::(?P<mi>\d\d))?\s*(?P<ap>(?i:a\.m\.|p\.m\.|am|pm|o['’]clock))(?!\w)"
              rf"(?:\s+(?P<tz>[A-Z]{{2,4}}T))?|(?P<hm>\d{{1,2}}[:.]\d\d)\s*(?P<tz2>{ZONE}){E}|"
              # wire style: "1200 GMT", "0900 local time", "1430 hrs"
              rf"(?P<mil>(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<tz3>{ZONE}|hrs|h){E}|"
              # a live blog's timestamp opening a line: "13.44 Rescuers…", "00:58Rescuers…"
              rf"(?m:^)(?P<lb>(?:[01]?\d|2[0-3])[.:][0-5]\d)(?=\s*$|\s*(?:{ZONE})\b|\s*[A-Z“\"])|"
              # "at 4 in the morning": an hour and the part of the day that says which half
              rf"(?<=\b[Aa]t\s)(?P<hp>\d{{1,2}})(?::(?P<hpm>[0-5]\d))?\s+(?P<half>(?i:in\s+the\s+(?:morning|"
              rf"afternoon|evening)|at\s+night)){E}|"
              # "at 07:30", "at 16:45": the 24-hour clock (an hour that could be either half is left alone)
              rf"(?<=\b[Aa]t\s)(?P<h24>(?:0\d|1[3-9]|2[0-3]):[0-5]\d)(?![\w:.]|\s*(?i:a\.?m|p\.?m)\b)|"
              rf"(?P<word>(?i:noon|midnight|midday)){E})"
              rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})\s+(?P<d>{DAY})|"
              rf"(?P<deic>(?i:yesterday|today|tomorrow)){E}))?"),
    # durations: three months, the past two weeks, 24 hours, two-year, the first nine months, weeks
    # ("over the past two years": "over" is a signal, outside the expression; "over a week" is "more than")
    ("duration", rf"{B}(?:(?P<det>(?i:(?:(?:at\s+least|each\s+of)\s+)?the\s+(?:past|last|next|first|coming|"
                 rf"previous|following|final|latest|prior|preceding|remaining|same)|"
                 # the same stretch a year before, as earnings copy compares: "the year-earlier nine months"
                 rf"the\s+(?:year-earlier|year-ago|comparable|prior-year|year-before)|the|another|"
                 rf"the\s+better\s+part\s+of|(?:no\s+)?more\s+than|(?:no\s+)?less\s+than|nearly|almost|about|"
                 rf"up\s+to|at\s+least|over(?=\s+an?\s)))\s+)?"
                 # a range is one expression: "two to three weeks", "the next 12 to 18 months"
                 rf"(?:(?P<n0>\d+|(?i:{_WORDNUM}))\s+(?i:to|or)\s+)?"
                 rf"(?P<n>{NUM})(?P<hy>[\s-]+)(?:(?i:more|additional|extra)\s+)?"
                 # days counted on a market's or an office's calendar: "eight trading days", "five business days"
                 rf"(?:(?i:trading|business|working)\s+(?=(?i:days?)\b))?"
                 rf"(?P<unit>{UNIT})(?:-(?i:long))?{E}"
                 rf"(?P<half>\s+(?i:and\s+a\s+half){E})?"  # "a minute and a half"
                 rf"(?:\s+(?i:or\s+(?:so|two|three|more|longer)){E})?"
                 rf"(?!-|\s+(?i:old|of\s+age|ago|earlier|later|previously|from\s+now|hence)\b)"
                 # "the first two quarters of 1990" is a half of that year (the year rule's), not six months
                 rf"(?!(?:(?<=[Ff]irst two quarters)|(?<=[Ll]ast two quarters))"
                 rf"\s+of\s+(?:\d{{4}}|(?i:this|last|next)\s+year)\b)"),
    # years read out: "nineteen ninety-six", "two thousand and one"; decades: "the nineties"
    # read-out years, also after a month or a season: "January nineteen ninety-seven", "the winter of 1994"
    ("spoken_year", rf"{B}(?:(?P<mon>{MONTH})\s+|(?P<sea>(?i:(?:the\s+)?{SEASON}\s+of)\s+))?"
                    rf"(?i:(?:the\s+year\s+)?(?P<c>nineteen|eighteen)[\s-]+(?P<t>(?:twenty|thirty|forty|fifty|"
                    rf"sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|"
                    rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|"
                    rf"(?:the\s+year\s+)?(?P<m>two\s+thousand)(?:\s+and)?"
                    rf"(?:\s+(?P<u>one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?){E}"
                    rf"(?!\s+(?i:years|months|days|people|dollars)\b)"),
    ("spoken_decade", rf"{B}(?i:the\s+(?:early\s+|late\s+|mid-)?(?P<t>twenties|thirties|forties|fifties|sixties|"
                      rf"seventies|eighties|nineties)){E}"),
    # "a day-long meeting", "the yearlong inquiry": one unit, said as an adjective (a count before it
    # makes it the duration rule's: "a two-week-long strike")
    ("unit_long", rf"{B}(?P<unit>(?i:hour|day|week|month|year|decade))-?(?i:long){E}"),
    ("bare_plural", rf"\b(?i:for|in|over|within|after|took|takes|last|lasted|past|coming|next)\s+"
                    rf"(?P<x>(?P<unit>(?i:years|months|weeks|days|decades|centuries|hours|minutes))){E}"
                    rf"(?!\s+(?:of|old|ago|earlier|later))"),
    # "for a while": a stretch of unknown length and unit
    ("a_while", rf"(?<=\b[Ff]or\s)(?i:a\s+while){E}"),
    # uncounted periods: "recent years", "in coming weeks", "future quarters", "over the years", "the weeks ahead"
    ("recent_units", rf"(?:{B}(?P<rel>(?i:recent|coming|future|past))\s+|"
                     rf"(?:(?<=[Oo]ver\s)|(?<=[Ff]rom\s)|(?<=[Dd]uring\s)|(?<=[Tt]hrough\s)|(?<=[Ii]n\s))"
                     rf"(?i:the)\s+(?=\w+\s+ahead\b|years\b))"
                     rf"(?P<unit>(?i:years|months|weeks|days|decades|quarters|centuries)){E}"
                     rf"(?:\s+(?i:and|or)\s+(?i:years|months|weeks|days|decades)|\s+(?i:ahead)){{0,1}}{E}"
                     rf"(?!\s+(?:of|old|ago|earlier|later)\b)"),
    # sets: every day, daily, each year, twice a week, per month, every Sunday
    ("set", rf"{B}(?P<w>(?i:daily|weekly|monthly|yearly|hourly|nightly|biweekly|bimonthly))(?=\s|[,.;:!?)]|$)"
            rf"(?!\s+(?:newspaper|paper|average|dose|rate|dividends?|volume|"
            rf"turnover|share|trading|[A-Z]))"
            rf"|{B}(?:(?P<every>(?i:every|each|per))\s+(?:(?P<k>other|second|two|three|four|five|six|few)\s+)?"
            rf"(?P<unit>(?i:day|week|month|year|quarter|hour|minute|morning|evening|night|afternoon|summer|"
            rf"winter|spring|fall|weekend|decade))s?|(?P<wdset>(?i:every|each)\s+{WEEKDAY})|"
            rf"(?P<monset>(?i:every|each)\s+{MONTH})|"
            # a weekday in the plural recurs: "on Mondays", "Tuesday nights"
            rf"(?P<wdpl>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:s|\s+(?P<plpart>"
            rf"(?i:mornings|afternoons|evenings|nights)))))"
            rf"{E}"),
    ("set_a", rf"(?<=\d\s)(?P<w>(?i:a|per)\s+(?P<unit>day|week|month|year|hour|minute|quarter)){E}"),
    ("set_times", rf"\b(?i:times|once|twice|thrice)\s+(?P<x>(?i:a|per)\s+(?P<unit>day|week|month|year|hour|"
                  rf"minute|quarter)){E}"),
    # holidays TimeBank and wire copy name
    ("holiday", rf"{B}(?P<hol>(?i:christmas\s+(?:day|eve)|christmas|new\s+year['’]s\s+(?:day|eve)|"
                rf"thanksgiving(?:\s+day)?|independence\s+day|labor\s+day|memorial\s+day|easter(?:\s+sunday)?|"
                rf"valentine['’]s\s+day|halloween|veterans\s+day|boxing\s+day|election\s+day))"
                rf"(?:,?\s+(?P<y>{YEAR4}))?(?P<wk>\s+(?i:week))?{E}"),  # "Easter week": the week it falls in
]

COMPILED_RULES = [(name, re.compile(pattern)) for name, pattern in _RULES]
#: The weekday and deictic rules alone, to read the day a clock time names ("3 p.m. Tuesday").
WEEKDAY_RULE = re.compile(dict(_RULES)["weekday"])
DEICTIC_RULE = re.compile(dict(_RULES)["deictic"])

def relative_word(raw: str | None) -> str:
    """A relative word, lower-cased on one space; "this past" is "past" and "this coming" is "coming"."""
    rel = re.sub(r"\s+", " ", (raw or "").lower())
    return rel[5:] if rel in ("this past", "this coming") else rel


def month_number(raw: str) -> int:
    """The month (1-12) a month name or abbreviation names."""
    return MONTHS[raw.lower().rstrip(".")]


def day_number(m: re.Match[str]) -> tuple[int, int]:
    """The month and day a month_day or day_month match names, in digits ("May 22nd") or read out
    ("March eighth", "the twenty-first of May")."""
    if m["d"]:
        return month_number(m["mon"]), int(re.sub(r"\D", "", m["d"]))
    words = re.split(r"[- ]", m["d_"].lower())
    day = _ORDINAL_DAYS[words[-1]] if len(words) == 1 else TENS[words[0]] + _ORDINAL_UNITS[words[-1]]
    return month_number(m["mon_"]), day


def unit_name(raw: str) -> str:
    """A unit word in the singular ("weeks" is "week", "centuries" is "century")."""
    u = raw.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def count_value(raw: str) -> float | None:
    """A count from digits or words; None for a vague one ("several", "a few")."""
    text = re.sub(r"\s+", " ", raw.lower()).strip()
    half = 0.0
    if text.endswith(" and a half"):
        text, half = text[: -len(" and a half")], 0.5
    elif text.endswith(" 1/2"):
        text, half = text[:-4], 0.5
    if text in VAGUE or text.startswith(("dozens", "hundreds")):
        return None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", text):
        return float(text.replace(",", "")) + half
    if text in SMALL:
        return SMALL[text] + half
    parts = re.split(r"[- ]", text)
    total = 0
    for p in parts:
        if p in TENS:
            total += TENS[p]
        elif p in SMALL:
            total += SMALL[p]
        elif p in _MULTIPLIERS:
            total = (total or 1) * _MULTIPLIERS[p]  # "a hundred", "two thousand", "hundred"
        else:
            return None
    return total + half


def find_candidates(text: str, noise: Sequence[Span], keep_noise: frozenset[str]) -> list[Candidate]:
    """Every rule run once over the text; overlaps settled longest first; candidates inside removed text
    (except the kinds in `keep_noise`) left out. In text order."""
    cands: list[Candidate] = []
    for name, rx in COMPILED_RULES:
        for m in rx.finditer(text):
            start, end = m.span("x") if "x" in rx.groupindex else m.span()
            # Trim trailing white space and commas the optional parts may have taken.
            while end > start and text[end - 1] in " \t\n,":
                end -= 1
            if end <= start:
                continue
            cands.append(Candidate(start, end, name, m))
    # Overlaps are settled longest first: "last Friday morning" beats "Friday" and "morning".
    chosen: list[Candidate] = []
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
    removed = [s for s in noise if s.kind not in keep_noise]
    if removed:
        marks = sorted((s.start, s.end) for s in removed)
        lows = [a for a, _ in marks]
        reach: list[int] = []
        top = -1
        for _, b in marks:
            top = max(top, b)
            reach.append(top)

        def noisy(c: Candidate) -> bool:
            i = bisect.bisect_right(lows, c.end - 1) - 1
            return i >= 0 and reach[i] > c.start

        chosen = [c for c in chosen if not noisy(c)]
    return chosen


def expression_extent(text: str, c: Candidate) -> Candidate:
    """The candidate with the start TimeML gives the expression: a word an optional part took that belongs
    to the noun after it ("the third-quarter loss", "the 30-day period") or stands before a season ("in
    spring") is left out, and so are the "later" after hours or minutes (`clock_span`) and the "before" of
    "the day before the plunge". Only the quarter, duration, season, ago and anaphora rules take such words."""
    m = c.match
    start = c.start
    if (c.rule == "quarter" and not (m["pre"] or m["pre2"] or m["fis"])
            and "-" in text[m.end("ord"):m.start("unit")] and re.match(r"(?i)the\s", text[c.start:c.start + 4])):
        start = m.start("fis2") if m["fis2"] else m.start("ord")  # an adjective: "the third-quarter loss"
    elif c.rule == "duration" and "-" in m["hy"] and (m["det"] or "").lower() == "the":
        start = m.start("n")  # "the 30-day period": the article belongs to the noun, not to the duration
    elif c.rule == "season" and m["the"] and not m["the"].lower().startswith("the"):
        start = m.start("sea")  # "in spring", "this winter": the word that made it a time stays outside
    end = c.end
    if (c.rule == "anaphora" and m["rel2"] and m["rel2"].lower() in ("before", "after")
            and re.match(r"\s+[\w$]", text[c.end:c.end + 3])):
        # "Oct. 12, the day before the plunge": "before" relates the day to the event after it, a signal
        # that TimeML leaves outside the expression "the day"
        end = m.end("unit2")
    if c.rule == "ago" and clock_span(m):
        # "two hours later": a stretch of the clock from a moment the story does not time; TimeML marks
        # the duration and leaves "later" outside as its signal.
        end = m.end("half") if m["half"] else m.end("unit")
    return c if (start, end) == (c.start, c.end) else replace(c, start=start, end=end)


#: Units shorter than a day: counted from a day, they name no day of their own.
CLOCK_UNITS = frozenset({"hour", "minute", "second"})


def clock_span(m: re.Match[str]) -> bool:
    """True when an "ago" rule match is hours, minutes or seconds before or after a moment of the story
    ("two hours later", "a minute and a half later"), rather than before the time of writing ("two hours ago")."""
    direction = m["dir"].split()[0].lower()
    return unit_name(m["unit"]) in CLOCK_UNITS and direction in ("later", "earlier", "before", "after")
