"""times.relative_rules: the values of expressions counted from an anchor — deictic days ("yesterday"),
parts of a day, relative periods ("last week"), weekdays and weekends, shifts ("two years ago"),
anaphora ("the next day") and clock times — and of those that need none: the TimeML references
(`PRESENT_REF`…), durations ("three months") and sets ("every day"). One handler per rule of
`times.patterns`; each takes only what it reads.
"""

from __future__ import annotations

import datetime as dt
import re

from newsdesk.analysis.times.anchor import Anchor, StoryState, named_year
from newsdesk.analysis.times.patterns import (
    DEICTIC_RULE,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAY_RULE,
    WEEKDAYS,
    Candidate,
    clock_span,
    count_value,
    month_number,
    relative_word,
    unit_name,
)
from newsdesk.analysis.times.values import (
    Calendar,
    TimeValue,
    anaphoric,
    duration_value,
    format_day,
    period,
    shifted_day,
)

#: A count after "the past" ("the past three summers"): a noun phrase follows, not the past itself.
_COUNT_AFTER = re.compile(r"\s+(?:\d|(?i:few|several|many|two|three|four|five|six|seven|eight|nine|ten|"
                          r"eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)")


#: The start of a sentence or a quotation, just before a word.
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\"“]|\n)\s*$")


def _preceded_by_the(text: str, start: int) -> bool:
    return bool(re.search(r"(?i)\bthe\s+$", text[max(0, start - 5):start]))


def _after_number(text: str, start: int) -> bool:
    """True when a count or an amount stands just before `start` ("100 soldiers a day", "$5 a year")."""
    return bool(re.search(r"\d[\w%]*\s+(?:[a-z]+\s+){0,3}$", text[max(0, start - 40):start]))


def names_a_title(text: str, c: Candidate) -> bool:
    """True when a deictic word is part of a name: "USA Today", "VOA Today" (after an acronym), ABC's
    "This Week" (a capitalised unit in lower-case text)."""
    words = text[c.start:c.end]
    if words.isupper():
        return False  # a headline in capitals says nothing about names
    if re.search(r"\b[A-Z]{2,}\s+$", text[max(0, c.start - 12):c.start]) and words[:1].isupper():
        return True
    unit = c.match.groupdict().get("unit") or ""
    return c.rule == "rel_unit" and unit[:1].isupper()


# ---------------------------------------------------------------------------------------------- days
#: Nouns for a population or an age: after "today's" ("today's youth", "today's world") the day stands for
#: the present era, not for the day of writing.
_ERA_NOUNS = ("world|society|youth|young|generations?|children|kids|teen(?:ager)?s|students|parents|families|"
              "consumers|culture|standards|times|age|era")
_ERA_AFTER = re.compile(rf"['’]s\s+(?:[a-z]+\s+)?(?:{_ERA_NOUNS})\b")
#: A share of what exists now ("many of today's computers"), or "of tomorrow" closing a noun phrase ("the
#: people of tomorrow"): a day for an era, which TimeML leaves untagged.
_SHARE_BEFORE = re.compile(r"(?i:\b(?:many|most|some|all|much|few|none)\s+of\s+)$")
_OF_BEFORE = re.compile(r"(?i:\b(?!as\s)[a-z]+\s+of\s+)$")  # "as of today" is a day: the one things hold from
_PHRASE_END = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:and|or|but)\b)")


def generic_day(text: str, c: Candidate) -> bool:
    """Whether "today" or "tomorrow" names an era rather than a day: "today's youth", "many of today's
    computers", "the people of tomorrow" ("today's vote", "tomorrow's session" name days)."""
    m = c.match
    w = m["w"].lower()
    if w not in ("today", "tomorrow") or m["part"] or m["pre"] or c.end - c.start != len(w):
        return False
    if _ERA_AFTER.match(text, c.end) or _SHARE_BEFORE.search(text, max(0, c.start - 12), c.start):
        return True
    return bool(_OF_BEFORE.search(text, max(0, c.start - 24), c.start) and _PHRASE_END.match(text, c.end))


def deictic_value(m: re.Match[str], speech: Anchor | None) -> TimeValue:
    w = m["w"].lower()
    shift = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[w]
    part = m["part"] or m.groupdict().get("pre")
    code = "NI" if w == "tonight" else (PARTS_OF_DAY[part.lower()] if part else None)
    return shifted_day(speech, shift, code)


def last_night_value(m: re.Match[str], speech: Anchor | None) -> TimeValue:
    part = m["part"]
    if part:
        return shifted_day(speech, 0, PARTS_OF_DAY[part.lower()])
    return shifted_day(speech, -1, "NI")


def part_of_day_value(m: re.Match[str], speech: Anchor | None, narrative: Anchor | None) -> TimeValue:
    # "by mid-afternoon": the part of the day the story is telling, else of the day of writing
    return shifted_day(narrative or speech, 0, PARTS_OF_DAY[(m["part"] or m["part2"]).lower()])


def weekday_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None,
                  narrative: Anchor | None) -> TimeValue:
    m = c.match
    wd = WEEKDAYS[m["wd"].lower()]
    part = m["part"]
    rel = relative_word(m["rel"])
    code = PARTS_OF_DAY[part.lower()] if part else None
    if rel.startswith("the "):
        # "the following Monday" counts from the story's last day; "the previous Friday" is the one before
        # the last such day.
        base_anchor = narrative or speech
        if base_anchor is None:
            return TimeValue("DATE", None, None, "no date to count from")
        back = (base_anchor.day.isoweekday() - wd) % 7
        if rel == "the previous":
            shift = -(back or 7) - (0 if narrative else 7)
        elif rel == "the same":
            shift = -back
        else:
            shift = (wd - base_anchor.day.isoweekday()) % 7 or 7
        return shifted_day(base_anchor, shift, code)
    if speech is None or not speech.year_known:
        value = f"XXXX-WXX-{wd}" + (f"T{code}" if code else "")
        return TimeValue("TIME" if code else "DATE", value, speech.source if speech else None)
    base = speech.day
    back = (base.isoweekday() - wd) % 7  # days back to the last such weekday (0: today)
    if rel in ("last", "past"):
        shift = -(back or 7)
    elif rel in ("next", "coming"):
        shift = (wd - base.isoweekday()) % 7 or 7
    elif rel == "this":
        shift = wd - base.isoweekday()
    else:
        tense = cal.tense(text, c)
        shift = (wd - base.isoweekday()) % 7 if tense == "future" else -back
    return shifted_day(speech, shift, code)


def weekend_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None) -> TimeValue:
    rel = re.sub(r"\s+", " ", (c.match["rel"] or "").lower())
    if speech is None or not speech.year_known:
        return TimeValue("DATE", "XXXX-WXX-WE", speech.source if speech else None)
    if rel in ("next", "the coming"):
        shift = 1
    elif rel in ("last", "the past"):
        shift = -1
    elif rel == "the":
        tense = cal.tense(text, c)
        shift = 0 if tense == "future" or speech.day.isoweekday() >= 6 else -1
    else:
        shift = 0
    return period("weekend", shift, speech)


# ---------------------------------------------------------------------------------------------- periods, shifts
#: "as soon as", and "soon" before a word that ties it to an event ("soon after the attack"): a conjunction
#: or an adverb of sequence, not the near future.
_SOON_RELATIVE = re.compile(r"(?i:\bas\s+)$")
_SOON_AFTER = re.compile(r"\s+(?i:as|after|afterwards?|before|thereafter)\b")
#: A modal right before "soon" ("may soon seek", "will soon begin"): the future, whatever verb reports it.
_MODAL_BEFORE = re.compile(r"(?i:\b(?:will|would|may|might|could|should|shall|can|must)\s+)$")


def ref_value(cal: Calendar, text: str, c: Candidate) -> TimeValue | None:
    w = re.sub(r"\s+", " ", c.match["w"].lower())
    if w == "soon":
        if _SOON_RELATIVE.search(text, max(0, c.start - 4), c.start) or _SOON_AFTER.match(text, c.end):
            return None  # "as soon as the vote", "soon after the attack": near an event, not near now
        if _MODAL_BEFORE.search(text, max(0, c.start - 8), c.start) is None and cal.tense(text, c) == "past":
            return None  # "troops soon withdrew": soon after a past moment of the story, no time of its own
        return TimeValue("DATE", "FUTURE_REF")  # "will soon begin", "may soon seek"
    if w.startswith("then"):
        return TimeValue("DATE", "PAST_REF")  # "the then current price": current at a time now past
    if w == "now" and text[c.end:c.end + 1] == "," and _SENTENCE_START.search(text, max(0, c.start - 3), c.start):
        return None  # "Now, he says, ...": a sentence opened by "Now," turns the argument, not the time
    if w in ("now", "currently", "current", "the present", "nowadays", "these days", "at present",
             "right now", "just now"):
        if w == "current" and not re.match(r"\s+[a-z]", text[c.end:c.end + 3]):
            return None
        return TimeValue("DATE", "PRESENT_REF")
    if w == "the future" and re.match(r"\s+of\b", text[c.end:c.end + 4]):
        return None  # "the future of our peoples": what becomes of them, not a time
    if w in ("the past", "the future") and _COUNT_AFTER.match(text, c.end):
        return None  # "the past three summers", "the past few seasons": "past" is an adjective before a count
    if w.endswith(" moment"):
        return TimeValue("DATE", "PRESENT_REF")  # "at this crucial moment": the time of writing
    if w.endswith(" date"):
        return TimeValue("DATE", "FUTURE_REF")  # "at a later date", "a future date"
    if w in ("the future", "in future", "the near future", "the near term", "the short term", "the long term"):
        return TimeValue("DATE", "FUTURE_REF")
    return TimeValue("DATE", "PAST_REF")


#: A comparison of figures just before the expression: "compared with a loss of $3 million last year",
#: "up from last year's $1.55 billion" (the figure may follow); no other year named in it ("for this year").
_COMPARED = re.compile(r"(?i)\b(?:compared\s+with|compared\s+to|from|versus|against)\s(?:(?!year)[^.;!?\n])*$")
_FIGURE = re.compile(r"[$#£€]\s?\d|\d\s*(?:%|percent|cents|million|billion)")
#: A whole year named in the same clause: the comparison is of years ("for this year, up from last year's").
_YEAR_FIGURES = re.compile(r"(?i)\b(?:this|the|full|fiscal)[\s-]+year\b|\bannual")


def rel_unit_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None,
                   state: StoryState) -> TimeValue | None:
    m = c.match
    rel = relative_word(m["rel"])
    unit = re.sub(r"\s+", " ", m["unit"].lower())
    if rel in ("following", "previous") or (rel == "next" and (m["the"] or _preceded_by_the(text, c.start))):
        return anaphoric(unit, 1 if rel in ("following", "next") else -1, speech, state)
    if unit == "day":
        return None
    rolling = rel in ("past", "last") and (m["the"] or _preceded_by_the(text, c.start))
    if rolling and unit in ("week", "month") and speech is not None and speech.year_known:
        # "the past week", "the last month": the days just before the time of writing, valued at the
        # unit's granularity by the calendar week (month) that holds most of them.
        middle = speech.day - dt.timedelta(days=3 if unit == "week" else 15)
        return period(unit, 0, Anchor(middle, True, speech.source))
    if rel in ("past", "coming"):
        # "the past year", "the coming decade": the period before (after) this one, as "the last decade"
        # is (a counted "the past two years" is a duration, found by the duration rule).
        return period(unit, -1 if rel == "past" else 1, speech)
    if rel == "current":
        rel = "this"
    if (unit == "quarter" and rel == "this" and state.quarter is not None and state.quarter_in_view
            and cal.tense(text, c) != "future"):
        # "This quarter's loss includes charges" in a report on a quarter just ended: the quarter reported
        # on, not the one under way at the time of writing ("expects a loss this quarter" is that one)
        return TimeValue("DATE", state.quarter, "narrative")
    shift = {"last": -1, "this": 0, "next": 1}[rel]
    quarter = state.compared_quarter()
    if unit == "year" and rel == "last" and quarter is not None and _compares_figures(text, c):
        # "compared with a loss of $3 million last year" in a quarterly report: the same quarter a year
        # before, as "a year ago" there is
        return TimeValue("DATE", f"{int(quarter[:4]) - 1:04d}{quarter[4:]}", speech.source if speech else None)
    return period(unit, shift, speech)


def _compares_figures(text: str, c: Candidate) -> bool:
    """Whether the expression closes a comparison of figures ("up from last year's $1.55 billion") in a
    clause that names no whole year ("for this year, up from last year's" compares years)."""
    compared = _COMPARED.search(text, max(0, c.start - 80), c.start)
    return (compared is not None and _FIGURE.search(text, compared.start(), min(len(text), c.end + 20)) is not None
            and _YEAR_FIGURES.search(text, max(0, c.start - 80), c.start) is None)


def the_period_value(text: str, c: Candidate, speech: Anchor | None, narrative: Anchor | None) -> TimeValue | None:
    unit = re.sub(r"\s+", " ", c.match["unit"].lower())
    if unit == "day":
        if re.match(r"(?i)(?:later|earlier)\s+in\b", c.match["mod"] or ""):
            # "arrived in Philadelphia later in the day": the day the story is telling, else the day of writing
            return shifted_day(narrative or speech, 0)
        return None  # a bare "the day", "at the end of the day" (a figure of speech): no day of the calendar
    if unit in ("year", "fiscal year") and re.match(r"\s+(?:earlier|ago|before)", text[c.end:c.end + 9]):
        return None
    if unit == "week":
        # "For the week, the index fell", "the week's most active session": no word fixes which week
        # (a market report's week has ended by a Monday's writing), so its number is left unknown.
        if speech is None or not speech.year_known:
            return TimeValue("DATE", "XXXX-WXX", speech.source if speech else None)
        return TimeValue("DATE", f"{speech.day.year:04d}-WXX", speech.source)
    if c.match["mod"]:
        return period(unit, 0, speech)  # "the end of the year", "earlier in the month"
    if unit in ("year", "fiscal year") and re.match(r"\s+(?:ended|ending|to\s+\w+\s+\d)", text[c.end:c.end + 20]):
        return TimeValue("DURATION", "P1Y")  # "the year ended Sept. 30": twelve months, not the calendar year
    return period(unit, 0, speech)  # "profit for the year", "the full year": the year of writing


def ago_value(cal: Calendar, m: re.Match[str], speech: Anchor | None, state: StoryState) -> TimeValue | None:
    n = count_value(m["n"])
    unit = unit_name(m["unit"])
    if n is not None and m["half"]:
        n += 0.5  # "a minute and a half later"
    if clock_span(m):
        # "Two hours later": hours from an untimed moment name no day; what is known is the duration.
        return TimeValue("DURATION", duration_value(n, UNITS[unit]))
    direction = re.sub(r"\s+", " ", m["dir"].lower())
    if unit in ("day", "night") and direction in ("later", "earlier", "before", "after") and (
            n is None or state.narrative is None):
        # "A few days later", or "two days earlier" with no day named before it: the gap between two
        # happenings of the story. Counted from the time of writing it would be a guess; the duration is known.
        return TimeValue("DURATION", duration_value(n, UNITS[unit]))
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "since") else 1
    # "ago" counts from the time of writing, "later"/"earlier" from the story's last day.
    anchor = speech if direction in ("ago", "hence", "from now") else (state.narrative or speech)
    if anchor is speech and direction not in ("ago", "hence", "from now") and unit in ("year", "decade", "century"):
        # "She arrived in 2019 and left three years later": with no day named yet, years count from the
        # last year the story named, not from the time of writing.
        anchor = named_year(state) or speech
    if n is None:
        return TimeValue("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", None)
    return cal.shift(unit, sign * n, anchor, state.compared_quarter())


def yearago_value(cal: Calendar, m: re.Match[str], speech: Anchor | None, state: StoryState) -> TimeValue | None:
    w = m["w"].lower()
    unit = w.split()[0].split("-")[0]
    anchor = speech if "ago" in w else (state.narrative or speech)
    return cal.shift(unit, -1, anchor, state.compared_quarter())


def anaphora_value(text: str, c: Candidate, speech: Anchor | None, state: StoryState) -> TimeValue | None:
    m = c.match
    if m["rel"]:
        rel, unit = m["rel"].lower(), m["unit"].lower()
        shift = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1, "same": 0}[rel]
    elif m["rel2"]:
        rel, unit = m["rel2"].lower(), m["unit2"].lower()
        if rel in ("before", "after") and re.match(r"\s+[\w$]", text[c.end:c.end + 3]):
            if (unit == "day" and state.narrative is not None and state.narrative_end is not None
                    and re.fullmatch(r"\s*,\s*", text[state.narrative_end:c.start])):
                # "after Oct. 12, the day before the plunge": an apposition that names the day just given
                return shifted_day(state.narrative, 0)
            return None  # "the day before the plunge" counts from an event, not from a date we know
        shift = 1 if rel == "after" else -1
    else:
        unit, shift = m["unit3"].lower(), 0
        if unit in ("day", "morning", "evening", "night", "afternoon") and state.narrative is None:
            # "trades made that day" with no day named before it: the day of a generic case ("on days when
            # prices tumble"), no day of the calendar; the time of writing would be a guess
            return None
    return anaphoric(unit, shift, speech, state)


def then_value(state: StoryState) -> TimeValue | None:
    """"Until then", "by then": the last day, month or year the story named; no value to give without one."""
    if state.value is None:
        return None
    day = state.narrative.day if state.narrative is not None and len(state.value) == 10 else None
    return TimeValue("DATE", state.value, "narrative", None, day)


# ---------------------------------------------------------------------------------------------- clock times
def clock_value(cal: Calendar, text: str, c: Candidate, speech: Anchor | None,
                narrative: Anchor | None) -> TimeValue | None:
    m = c.match
    if m["word"]:
        hour, minute = (24, 0) if m["word"].lower() == "midnight" else (12, 0)
        if text[max(0, c.start - 5):c.start].lower().strip() == "high":
            return None  # "high noon"
    elif m["hm"] or m["lb"] or m["h24"]:
        hour, minute = (int(x) for x in re.split(r"[:.]", m["hm"] or m["lb"] or m["h24"]))
    elif m["mil"]:
        hour, minute = int(m["mil"][:2]), int(m["mil"][2:])
    elif m["hp"]:
        hour, minute = int(m["hp"]), int(m["hpm"] or 0)
        if not 1 <= hour <= 12:
            return None
        half = m["half"].lower()
        if "morning" in half:
            hour %= 12  # "12 in the morning" is midnight's hour
        elif hour < 12 and ("night" not in half or hour >= 6):
            hour += 12  # "8 in the evening", "11 at night"; "2 at night" stays 02
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        ap = (m["ap"] or "").lower()
        if hour > 12 or (hour == 0 and ap.startswith(("a", "p"))):
            return TimeValue("TIME", None, None, f"{hour} {m['ap']} is not a clock time")
        if ap.startswith("p") and hour < 12:
            hour += 12
        elif ap.startswith("a") and hour == 12:
            hour = 0
    if hour > 24 or minute > 59:
        return TimeValue("TIME", None, None, f"{hour}:{minute:02d} is not a clock time")
    clock = f"T{hour:02d}:{minute:02d}"
    if m["wd"] or m["mon"] or m["deic"]:
        # The day named with the time: resolve it as its own rule would, then add the time.
        if m["wd"]:
            # The whole expression's span, so the tense is read around "until 9 a.m. Tuesday".
            weekday = Candidate(c.start, c.end, "weekday", WEEKDAY_RULE.match(m["wd"]) or m)
            day = weekday_value(cal, text, weekday, speech, narrative)
        elif m["mon"]:
            day = cal.day_value(text, c, None, month_number(m["mon"]), int(re.sub(r"\D", "", m["d"])), speech)
        else:
            day = deictic_value(DEICTIC_RULE.match(m["deic"]) or m, speech)
        if day.value is None:
            return TimeValue("TIME", None, day.anchor, day.problem)
        return TimeValue("TIME", day.value + clock, day.anchor, None, day.day, day.year_known)
    anchor = narrative or speech
    if anchor is None:
        return TimeValue("TIME", f"XXXX-XX-XX{clock}", None)
    return TimeValue("TIME", f"{format_day(anchor.day, anchor.year_known)}{clock}", anchor.source)


# ---------------------------------------------------------------------------------------------- durations, sets
def duration_rule_value(text: str, c: Candidate) -> TimeValue | None:
    """"Three months", "the past two weeks", "a 30-day period" (its start is `expression_extent`'s)."""
    m = c.match
    unit = unit_name(m["unit"])
    raw_n = m["n"].lower()
    if (unit == "quarter" and raw_n in ("a", "an", "one", "three")
            and re.match(r"\s+of\s+(?:the|its|their|his|her|our|all|this|that|these|those)\s+(?!century|year)",
                         text[m.end("unit"):m.end("unit") + 20])):
        return None  # "three-quarters of its food", "a quarter of the market" are shares, not months
    if unit == "weekend" or (raw_n in ("a", "an") and unit in ("second",) and not m["det"]):
        return None
    if (raw_n == "one" and unit == "day" and not m["det"]
            and re.search(r"(?i)\b(?:will|would|could|might|may|shall|can)\s+$", text[max(0, c.start - 8):c.start])):
        return TimeValue("DATE", "FUTURE_REF")  # "Islam will one day be ...": some time to come, not 24 hours
    # A range ("12 to 18 months") has no single count: TimeML leaves it unspecified.
    n = None if m["n0"] else count_value(m["n"])
    if n is not None and m["half"]:
        n += 0.5  # "a minute and a half" is PT1M30S
    after = text[c.end:c.end + 12].lower()
    if re.match(r"\s+(?:ago|earlier|later)\b", after):
        return None  # left to the "ago" rule
    # "two days after the vote" is left here: TimeML marks the span as a duration, "after" as a signal;
    # where "after" ends the phrase ("a day after"), the longer "ago" candidate has already won.
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    code = UNITS[unit]
    if n is None:
        return TimeValue("DURATION", duration_value(None, code))
    if raw_n in ("a", "an") and not det and unit in ("day", "night", "week", "month", "year") and _after_number(text,
                                                                                                c.start):
        return None  # "$5 a year" is a set, found by set_a
    return TimeValue("DURATION", duration_value(n, code))


def bare_plural_value(m: re.Match[str]) -> TimeValue:
    return TimeValue("DURATION", duration_value(None, UNITS[unit_name(m["unit"])]))


def recent_units_value(m: re.Match[str]) -> TimeValue:
    unit = unit_name(m["unit"])
    rel = (m["rel"] or "").lower()
    # Uncounted periods on either side of now are the TimeML references; "recent months" stays a
    # duration of unknown length, as TimeBank marks it (but "recent years" is the past).
    if rel in ("coming", "future"):
        return TimeValue("DATE", "FUTURE_REF")
    if rel == "past" or (rel == "recent" and unit == "year"):
        return TimeValue("DATE", "PAST_REF")
    return TimeValue("DURATION", duration_value(None, UNITS[unit]))


def set_value(m: re.Match[str]) -> TimeValue:
    """"Daily", "every other week", "each Sunday", "on Mondays": a recurrence (TIMEX3 SET)."""
    if m["w"]:
        w = m["w"].lower()
        code = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "yearly": "P1Y",
                "annually": "P1Y", "quarterly": "P3M", "hourly": "PT1H", "biweekly": "P2W",
                "bimonthly": "P2M", "semiannually": "P6M"}[w]
        return TimeValue("SET", code)
    if m["monset"]:
        return TimeValue("SET", f"XXXX-{month_number(m['monset'].split(None, 1)[1]):02d}")
    if m["wdpl"]:
        wd = WEEKDAYS[re.sub(r"s$", "", m["wdpl"].split()[0]).lower()]
        part = PARTS_OF_DAY[m["plpart"].lower()[:-1]] if m["plpart"] else None
        return TimeValue("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""))
    if m["wdset"]:
        wd = WEEKDAYS[m["wdset"].split()[-1].lower()]
        return TimeValue("SET", f"XXXX-WXX-{wd}")
    unit = m["unit"].lower()
    k = {"other": 2, "second": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}.get((m["k"] or "").lower(), 1)
    if m["k"] and m["k"].lower() == "few":
        k = 0
    if unit in PARTS_OF_DAY:
        return TimeValue("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit]}")
    if unit in SEASONS:
        return TimeValue("SET", f"XXXX-{SEASONS[unit]}")
    code = UNITS[unit]
    return TimeValue("SET", duration_value(k or None, code))


def set_a_value(m: re.Match[str]) -> TimeValue:
    """"$5 a year", "twice a week": once per unit (the set_a and set_times rules)."""
    return TimeValue("SET", duration_value(1, UNITS[m["unit"].lower()]))
