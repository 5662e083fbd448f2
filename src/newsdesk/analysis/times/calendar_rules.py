"""times.calendar_rules: the values of expressions that name a day or a period of the calendar — dates
("May 22", "2022-05-22"), months, years, decades, centuries, quarters and halves, seasons, holidays and a
year's end. One handler per rule of `times.patterns`; each takes only what it reads (the calendar with the
settings, the text, the candidate or its match, the time of writing, the story's quarter).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from newsdesk.analysis.times.anchor import Anchor, ended_quarter
from newsdesk.analysis.times.patterns import (
    ORDINALS,
    SEASONS,
    WEEKDAYS,
    ZONE,
    Candidate,
    count_value,
    day_number,
    month_number,
    relative_word,
)
from newsdesk.analysis.times.tense import adjacent_past
from newsdesk.analysis.times.values import (
    Calendar,
    TimeValue,
    holiday_date,
    narrative_tense,
    nearest_date,
    year_of,
)

_LABEL_BEFORE = re.compile(r"\b([A-Z][a-z]+)\.?\s+$")
_COUNTED_AFTER = re.compile(r"\s+([a-z]{3,}s)\b")
#: Capitalised words a year may follow ("In 2014", "Since 1991", "Christmas 2021"): months, seasons,
#: prepositions at a sentence's start, and holidays or events named for their year.
_YEAR_WORDS = frozenset("""in since by until till from of during before after between and to through
    the that this these those for at on with as about around circa early late mid year fiscal calendar
    spring summer autumn fall winter january february march april may june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec christmas easter
    ramadan""".split())
#: Words ending in "s" that follow a year without being what it counts ("in 2014 this", "2014 was").
_NOT_PLURAL_NOUNS = frozenset("""this has was is as its his hers ours yours theirs thus plus always perhaps
    unless less across whereas""".split())
_SINCE_BEFORE = re.compile(r"\bsince\s+$")
#: "at" right before a number: a year is "in" a time, a clock time or a level is "at" one.
_AT_BEFORE = re.compile(r"\b[Aa]t\s+$")
#: Days from the time of writing to a month's middle beyond which the tense read around it decides its year
#: (half a month to its start or end, and a month's grace for a tense cue read from a neighbouring clause).
_MONTH_TENSE_SLACK = 45
_DIMENSION_BEFORE = re.compile(r"\d\s*[x×]\s*$")
_AFTER_YEAR_NOT = re.compile(rf"\s*[x×]\s*\d|\s*(?:{ZONE}|hrs)\b")


# ---------------------------------------------------------------------------------------------- days
def iso_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    m = c.match
    f = cal.day_value(text, c, int(m["y"]), int(m["mo"]), int(m["d"]), speech)
    if f.value and m["h"]:
        return replace(f, type="TIME", value=f"{f.value}T{m['h']}:{m['mi']}")
    return f


def mdy_num_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    m = c.match
    y = int(m["y"])
    if y < 100:
        y += 1900 if y >= 50 else 2000
    return cal.day_value(text, c, y, int(m["mo"]), int(m["d"]), speech)


def month_day_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None,
                    narrative: Anchor | None = None) -> TimeValue:
    """"May 22", "22 May 2022", "Sunday, May 22", "the week of March 6" (the month_day and day_month rules)."""
    m = c.match
    month, day = day_number(m)
    year = int(m["y"]) if m["y"] else None
    f = cal.day_value(text, c, year, month, day, speech, m["rel"], narrative)
    if f.value and m["wd"] and f.day is not None and f.year_known and f.day.isoweekday() != WEEKDAYS[
            m["wd"].lower()]:
        f = replace(f, problem=f"{f.value} is not a {m['wd']}")
    if f.value and m.groupdict().get("wk") and f.day is not None:
        iso_year, week, _weekday = f.day.isocalendar()  # "the week of March 6" is that day's ISO week
        f = replace(f, value=f"{iso_year:04d}-W{week:02d}" if f.year_known else "XXXX-WXX")
    return f


def second_day_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    day = int(re.sub(r"\D", "", c.match["d"]))
    return cal.day_value(text, c, None, month_number(c.match["mon"]), day, speech)


# ---------------------------------------------------------------------------------------------- months
def month_year_value(cal: Calendar, m: re.Match[str]) -> TimeValue:
    y = int(m["y"])
    if not cal.year_ok(y):
        return cal.outside_years(y)
    return TimeValue("DATE", f"{y:04d}-{month_number(m['mon']):02d}")


def month_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None,
                narrative: Anchor | None = None) -> TimeValue | None:
    """A month without a day or year ("in April", "last November", "in May"): the month_may rules too."""
    m = c.match
    month = month_number(m["mon"])
    mon_start = m.start("mon")
    # A bare month at a sentence start followed by a lower-case verb is likely a name or a verb.
    rel = relative_word(m.groupdict().get("rel"))
    if not rel and not m.groupdict().get("mod"):
        before = text[max(0, mon_start - 12):mon_start]
        after = text[m.end("mon"):m.end("mon") + 3]
        if re.search(r"[A-Z][a-z]*\s+$", before) and not re.search(r"(?i)\b(?:in|of|since|until|by|the|this|"
                                                                 r"that|early|late|mid)\s+$", before):
            return None  # "Ms. June Smith", "Prime Minister August Lang"
        if re.match(r"\s+(?:for|of)\s+[A-Z]", text[m.end("mon"):m.end("mon") + 8]):
            return None  # "the March for Life", "the March of Dimes": a name
        if re.match(r"\s+[A-Z][a-z]", after) and not re.search(r"(?i)\b(?:in|of|since|until|by|last|next|"
                                                               r"this|early|late)\s+$", before):
            return None
    if speech is None or not speech.year_known:
        return TimeValue("DATE", f"XXXX-{month:02d}", speech.source if speech else None)
    y = speech.day.year
    cur = speech.day.month
    if rel in ("last", "past", "previous"):
        y = y if month < cur - 1 else y - 1  # "last February" said in March is last year's
    elif rel in ("next", "coming", "following"):
        y = y if month > cur else y + 1
    elif rel in ("this", "current"):
        pass
    else:
        # The nearest such month, unless the tense says otherwise: a month told in the past tense that
        # begins more than a month after the time of writing is last year's ("In January, the company
        # brought in ..." written in October), one in the future that ended a month before it next
        # year's. Without a tense cue news mostly reports the past, but only a farther month is moved.
        # Without a tense word, the way the story is telling (its last named day before or after the time
        # of writing) is a tense cue too ("In January, a week after ..., a bombing killed ..." in a story
        # of past days).
        tense = cal.tense(text, c) or narrative_tense(narrative, speech)
        if adjacent_past(text, c.start):
            # "Talks resumed in January" said in December: a month a past verb dates right before it has
            # begun, so it is this year's only once it has started.
            y = y if month <= cur else y - 1
        else:
            best = nearest_date(speech.day, [dt.date(cy, month, 15) for cy in (y - 1, y, y + 1)],
                                tense or "past", _MONTH_TENSE_SLACK if tense else None)
            y = best.year if best else y
    return TimeValue("DATE", f"{y:04d}-{month:02d}", speech.source)


def month_rel_year_value(m: re.Match[str], speech: Anchor | None) -> TimeValue:
    if speech is None or not speech.year_known:
        return TimeValue("DATE", f"XXXX-{month_number(m['mon']):02d}", speech.source if speech else None)
    y = speech.day.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return TimeValue("DATE", f"{y:04d}-{month_number(m['mon']):02d}", speech.source)


# ---------------------------------------------------------------------------------------------- years
def decade_value(text: str, c: Candidate) -> TimeValue | None:
    m = c.match
    if m["dec"]:
        return TimeValue("DATE", m["dec"][:3])
    if re.search(r"(?i)\b(?:his|her|their|my|our|your|its)\s+(?:early\s+|late\s+|mid-)?$",
                 text[max(0, c.start - 20):c.start]):
        return None  # "in his 30s" is an age
    short = m["short"].lstrip("'’")
    return TimeValue("DATE", "19" + short[0])


def century_value(m: re.Match[str], speech: Anchor | None) -> TimeValue:
    if m["n"]:
        n = int(m["n"])
        return TimeValue("DATE", f"{n - 1:02d}") if 1 <= n <= 99 else TimeValue("DATE", None, None, "no such century")
    if speech is None or not speech.year_known:
        return TimeValue("DATE", "XX", None)
    shift = {"this": 0, "last": -1, "next": 1}.get(m["rel"].split()[0].lower(), 0)
    return TimeValue("DATE", f"{speech.day.year // 100 + shift:02d}", speech.source)


def year_value(cal: Calendar, text: str, c: Candidate) -> TimeValue | None:
    m = c.match
    y = int(m["y"])
    if not cal.year_ok(y):
        return None
    # A four-digit number after a currency sign, "No." or before a unit is a quantity, not a year.
    before = text[max(0, c.start - 3):c.start]
    after = text[c.end:c.end + 14].lower()
    # Nor is one side of a dimension ("1920 x 1200"), nor a clock time ("1200 GMT", "0900 local time").
    if _DIMENSION_BEFORE.search(text, max(0, c.start - 4), c.start) or _AFTER_YEAR_NOT.match(text, c.end):
        return None
    if not m["mod"] and not m["fy"]:
        # Without a word that makes it a year, a number that labels a thing ("Room 1200", "Flight
        # 2014") or counts one ("2014 points") is not a year.
        label = _LABEL_BEFORE.search(text, max(0, c.start - 24), c.start)
        if label and label.group(1).casefold() not in _YEAR_WORDS:
            return None
        counted = _COUNTED_AFTER.match(text, c.end)
        if counted and counted.group(1).casefold() not in _NOT_PLURAL_NOUNS:
            return None
        if _AT_BEFORE.search(text, max(0, c.start - 4), c.start):
            return None  # "landed at 1130", "the index stood at 2014": a clock time or a level, not a year
    if re.search(r"[$€£#]\s*$|No\.\s*$", before) or re.match(r"\s*(?:people|troops|soldiers|km|kilomet|miles|"
                                                               r"tons|tonnes|percent|per\s+cent|dollars|"
                                                               r"euros|feet|metres|meters|men|women)\b", after):
        return None
    return TimeValue("DATE", f"{y:04d}")


def spoken_year_value(m: re.Match[str]) -> TimeValue | None:
    if m["m"]:
        n = count_value(m["u"]) if m["u"] else 0
        year = 2000 + int(n or 0)
    else:
        n = count_value(m["t"])
        if n is None:
            return None
        year = (19 if m["c"].lower() == "nineteen" else 18) * 100 + int(n)
    if m["mon"]:
        return TimeValue("DATE", f"{year:04d}-{month_number(m['mon']):02d}")
    if m["sea"]:
        return TimeValue("DATE", f"{year:04d}-{SEASONS[m['sea'].split()[-2].lower()]}")
    return TimeValue("DATE", f"{year:04d}")


def spoken_decade_value(m: re.Match[str]) -> TimeValue:
    tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
            "eighties": 8, "nineties": 9}[m["t"].lower()]
    return TimeValue("DATE", f"19{tens}")


def fy_short_value(m: re.Match[str]) -> TimeValue:
    y = m["y"]
    year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
    return TimeValue("DATE", f"{year:04d}")


def year_end_value(text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    # Valued as "the end of the year" is (the year; TimeML's mod=END says which part): this year's
    # end, or last year's after "since" ("up 5% since year-end").
    if speech is None or not speech.year_known:
        return TimeValue("DATE", "XXXX", speech.source if speech else None)
    past = _SINCE_BEFORE.search(text, max(0, c.start - 8), c.start) is not None
    return TimeValue("DATE", f"{speech.day.year - past:04d}", speech.source)


# ---------------------------------------------------------------------------------------------- quarters
def quarter_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    m = c.match
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
    y = year_of(speech, rel, explicit)
    if unit == "half":
        n = min(n, 2)
        code = f"H{n}"
    else:
        code = f"Q{n}"
    if y is None:
        return TimeValue("DATE", f"XXXX-{code}", None)
    if not cal.year_ok(y):
        return TimeValue("DATE", None, None, f"year {y} is outside the accepted range")
    if not explicit and not rel and speech is not None and unit != "half":
        # A quarter that has not begun yet, spoken of in the past, is last year's.
        cur_q = (speech.day.month - 1) // 3 + 1
        if n > cur_q and cal.tense(text, c) == "past" and not m["fis"] and not m["fis2"]:
            y -= 1
    if ago:
        y -= 1
    return TimeValue("DATE", f"{y:04d}-{code}", None if explicit else (speech.source if speech else None))


#: Words before a bare "Q3" or "H1" that make it a period of the year ("in Q3", "for H1"), not a label.
_PERIOD_PREPOSITION = re.compile(r"(?i:\b(?:in|for|during|of|since|by|until|through|from|to|the|last|next|this)\s+)$")


def quarter_abbr_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue | None:
    """"Q3 2021", "2021 Q3", "Q3'21", "H1 2022"; a bare "Q3" only after a preposition ("results for Q3"),
    in the year of writing, or the year before when spoken of in the past before that quarter began."""
    m = c.match
    n = int(m["n"])
    code = f"{m['kind']}{n}"
    if m["kind"] == "H" and n > 2:
        return None  # "H3", "H4": no half of a year
    explicit = m["y"] or m["yb"]
    if explicit:
        y = int(explicit)
    elif m["yy"]:
        y = 2000 + int(m["yy"]) if int(m["yy"]) < 50 else 1900 + int(m["yy"])
    else:
        if _PERIOD_PREPOSITION.search(text, max(0, c.start - 12), c.start) is None:
            return None
        if speech is None or not speech.year_known:
            return TimeValue("DATE", f"XXXX-{code}", speech.source if speech else None)
        y = speech.day.year
        begun = n <= ((speech.day.month - 1) // 3 + 1 if m["kind"] == "Q" else (speech.day.month - 1) // 6 + 1)
        if not begun and cal.tense(text, c) == "past":
            y -= 1
        return TimeValue("DATE", f"{y:04d}-{code}", speech.source)
    if not cal.year_ok(y):
        return cal.outside_years(y)
    return TimeValue("DATE", f"{y:04d}-{code}")


def the_quarter_value(text: str, c: Candidate, speech: Anchor | None, reported: str | None) -> TimeValue:
    """"The quarter", "the year-ago period": the quarter the story reports on (`reported`), else the one
    "ended" a month, the one under way, or the last one ended before the time of writing."""
    phrase = text[c.start:c.end].lower()
    ago = any(w in phrase for w in ("year-earlier", "year-ago", "year earlier", "year ago", "last year"))
    m = re.search(r"\b(\d{4})\b", phrase)
    ended = ended_quarter(text, c.end, speech)
    if m:
        y, q = int(m.group(1)), int(reported[-1]) if reported else 4
    elif ended:
        y, q = int(ended[:4]), int(ended[-1])  # "the quarter ended Sept. 30"
    elif "current" in phrase and speech is not None and speech.year_known:
        y, q = speech.day.year, (speech.day.month - 1) // 3 + 1  # the quarter under way
    elif reported:
        y, q = int(reported[:4]), int(reported[-1])
    elif speech is not None and speech.year_known:
        # Reports speak of the last quarter that has ended.
        y = speech.day.year
        q = (speech.day.month - 1) // 3
        if q == 0:
            y, q = y - 1, 4
    else:
        return TimeValue("DATE", "XXXX-QX", None)
    if ago:
        y -= 1
    return TimeValue("DATE", f"{y:04d}-Q{q}", speech.source if speech else None)


# ---------------------------------------------------------------------------------------------- seasons, holidays
def _season_of(d: dt.date) -> str:
    return {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(d.month, "FA")


def season_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue | None:
    m = c.match
    code = SEASONS[m["sea"].lower()]
    if not (m["rel"] or m["mod"] or m["the"] or m["y"]) or (m["the"] and m["sea"].lower() in ("fall", "spring")
                                                           and m["the"].lower().startswith("the")
                                                           and not re.match(r"\s*[,.;]", text[c.end:c.end + 2])):
        return None  # "prices fall", "the spring of life": a season needs a word that makes it a time
    if m["y"]:
        return TimeValue("DATE", f"{m['y']}-{code}")
    if speech is None or not speech.year_known:
        return TimeValue("DATE", f"XXXX-{code}", speech.source if speech else None)
    y = speech.day.year
    rel = relative_word(m["rel"])
    cur = _season_of(speech.day)
    order = ["WI", "SP", "SU", "FA"]
    if rel in ("last", "past", "previous"):
        if order.index(code) >= order.index(cur):
            y -= 1
    elif rel in ("next", "coming", "following"):
        if order.index(code) <= order.index(cur):
            y += 1
    elif not rel:
        tense = cal.tense(text, c)
        if tense == "past" and order.index(code) > order.index(cur):
            y -= 1
        elif tense == "future" and order.index(code) < order.index(cur):
            y += 1
    return TimeValue("DATE", f"{y:04d}-{code}", speech.source)


def holiday_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    """A holiday's day ("Christmas", "Thanksgiving 2021"), or the ISO week it falls in ("Easter week")."""
    f = _holiday_day(cal, text, c, speech)
    if not c.match["wk"]:
        return f
    if f.day is None or not f.year_known or not f.value or f.value.startswith("XXXX"):
        return TimeValue("DATE", "XXXX-WXX", f.anchor, f.problem)
    iso_year, week, _ = f.day.isocalendar()
    return TimeValue("DATE", f"{iso_year:04d}-W{week:02d}", f.anchor)


def _holiday_day(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    hol = re.sub(r"\s+", " ", c.match["hol"].lower()).replace("’", "'")
    explicit = c.match["y"]
    if explicit:
        if not cal.year_ok(int(explicit)):
            return TimeValue("DATE", None, None, f"year {explicit} is outside the accepted range")
        day = holiday_date(hol, int(explicit))
        return TimeValue("DATE", day.isoformat() if day else None, None, None, day)
    if speech is None or not speech.year_known:
        fixed = holiday_date(hol, 2001)  # a holiday on a fixed day keeps its day; a moving one is unknown
        moving = hol.startswith(("thanksgiving", "labor", "memorial", "easter", "election"))
        return TimeValue("DATE", "XXXX" if moving or fixed is None else f"XXXX-{fixed:%m-%d}",
                         speech.source if speech else None)
    tense = cal.tense(text, c) or "past"
    year = speech.day.year
    day = nearest_date(speech.day, [holiday_date(hol, cy) for cy in (year - 1, year, year + 1)], tense)
    return TimeValue("DATE", day.isoformat() if day else None, speech.source, None, day)
