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

The finder is split in three: `times_patterns` (vocabulary and patterns), `times_anchor` (the settings,
what an expression is resolved against, tense cues and calendar arithmetic) and this module (finding,
settling overlaps, and one normalising rule per pattern). `TimeConfig` is re-exported from here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from newsdesk.analysis.times.anchor import (
    _EXPLICIT,
    TimeConfig,
    _after_number,
    _Anchor,
    _Calendar,
    _ended_quarter,
    _fmt_day,
    _Found,
    _holiday,
    _nearest,
    _preceded_by_the,
    _season_of,
    _State,
)
from newsdesk.analysis.times.patterns import (
    _COMPILED,
    _DEICTIC_RX,
    _WEEKDAY_RX,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    UNITS,
    WEEKDAYS,
    ZONE,
    _Cand,
    _duration,
    _month,
    _number,
    _rel,
    _unit,
)
from newsdesk.model import Span, Story, TimeExpression

__all__ = ["TimeConfig", "TimeFinder"]



#: A quotation: curly quotes, or straight ones within a paragraph (bounded, so the scan stays linear).
_QUOTATION = re.compile(r"“[^”“]{1,2000}”|\"[^\"\n]{1,2000}\"")
_SAYS_TODAY = re.compile(r"(?i:\b(?:today\s+is|it\s+is|it['’]s|this\s+is)\s+(?:\w+,?\s+)?)$")
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
_DIMENSION_BEFORE = re.compile(r"\d\s*[x×]\s*$")
_AFTER_YEAR_NOT = re.compile(rf"\s*[x×]\s*\d|\s*(?:{ZONE}|hrs)\b")


class TimeFinder(_Calendar):
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
        quotes = [m.span() for m in _QUOTATION.finditer(text)]
        quote_starts = [a for a, _ in quotes]
        # A quotation that says what day it is ("Today is March 1.") sets its own time of speaking:
        # "tomorrow" later in that quotation is March 2, whenever the page was published.
        quote_now: dict[int, _Anchor] = {}
        for cand in cands:
            story = self._story_of(cand.start, starts)
            if story not in speech_cache:
                speech_cache[story] = self._speech_anchor(stories[story] if stories else None, reference_date)
            speech = speech_cache[story]
            q = bisect.bisect_right(quote_starts, cand.start) - 1
            inside = q if q >= 0 and cand.end <= quotes[q][1] else None
            if inside is not None and inside in quote_now:
                speech = quote_now[inside]
            # The dateline's own date is the story's date as the splitter read it.
            st = stories[story] if stories else None
            found: _Found | None
            if (st is not None and st.dateline is not None and st.dateline.date
                    and st.dateline.start <= cand.start < st.dateline.end and cand.rule in ("month_day", "day_month")):
                found = _Found("DATE", st.dateline.date, None, None, speech.day if speech else None,
                               bool(speech and speech.year_known))
            else:
                try:
                    found = self._normalise(text, cand, speech, states.setdefault(story, _State()))
                except (OverflowError, ValueError):
                    # Date arithmetic past year 1 or 9999 ("next week" from 9999-12-31): the expression
                    # is reported with its problem, not raised, so the page's analysis goes on.
                    out.append(TimeExpression(cand.start, cand.end, "DATE", None,
                                              story, None, "out of range: before year 1 or after 9999"))
                    continue
            if found is None:
                continue
            state = states.setdefault(story, _State())
            if (inside is not None and found.day is not None and found.type == "DATE"
                    and _SAYS_TODAY.search(text, max(quotes[inside][0], cand.start - 16), cand.start)):
                quote_now[inside] = _Anchor(found.day, found.year_known, "quotation")
                if out and out[-1].start >= cand.start - 16 and text[out[-1].start:out[-1].end].casefold() == "today":
                    out[-1] = TimeExpression(out[-1].start, out[-1].end, "DATE", found.value, story, "quotation")
            if found.day is not None and found.type in ("DATE", "TIME"):
                state.narrative = _Anchor(found.day, found.year_known, "narrative")
            if cand.rule in ("quarter", "the_quarter") and state.quarter is None:
                # "the fiscal first quarter ended Sept. 30": the calendar quarter it ended in is the one compared
                state.quarter = _ended_quarter(text, cand.end, speech)
            if (found.value and cand.rule == "quarter" and state.quarter is None
                    and re.fullmatch(r"\d{4}-Q[1-4]", found.value)
                    and (speech is None or abs(int(found.value[:4]) - speech.day.year) <= 1)):
                # The first recent quarter a story names is the one a report is about ("the quarter", "a year
                # ago" read it); later ones are comparisons or forecasts. "XXXX-Q3" cannot anchor anything.
                state.quarter = found.value
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
        if f.value and m.groupdict().get("wk") and f.day is not None:
            iso_year, week, _weekday = f.day.isocalendar()  # "the week of March 6" is that day's ISO week
            f.value = f"{iso_year:04d}-W{week:02d}" if f.year_known else "XXXX-WXX"
        return f

    _rule_day_month = _rule_month_day

    def _rule_second_day(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        day = int(re.sub(r"\D", "", c.m["d"]))
        return self._day_value(text, c, None, _month(c.m["mon"]), day, speech)

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
        rel = _rel(m.groupdict().get("rel"))
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

    _rule_month_may_rel = _rule_month_may

    def _rule_decade(self, text: str, c: _Cand, *_: object) -> _Found | None:
        m = c.m
        if m["dec"]:
            return _Found("DATE", m["dec"][:3])
        if re.search(r"(?i)\b(?:his|her|their|my|our|your|its)\s+(?:early\s+|late\s+|mid-)?$",
                     text[max(0, c.start - 20):c.start]):
            return None  # "in his 30s" is an age
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
        if re.search(r"[$€£#]\s*$|No\.\s*$", before) or re.match(r"\s*(?:people|troops|soldiers|km|kilomet|miles|"
                                                                   r"tons|tonnes|percent|per\s+cent|dollars|"
                                                                   r"euros|feet|metres|meters|men|women)\b", after):
            return None
        return _Found("DATE", f"{y:04d}")

    def _rule_spoken_year(self, text: str, c: _Cand, *_: object) -> _Found | None:
        m = c.m
        if m["m"]:
            n = _number(m["u"]) if m["u"] else 0
            year = 2000 + int(n or 0)
        else:
            n = _number(m["t"])
            if n is None:
                return None
            year = (19 if m["c"].lower() == "nineteen" else 18) * 100 + int(n)
        if m["mon"]:
            return _Found("DATE", f"{year:04d}-{_month(m['mon']):02d}")
        if m["sea"]:
            return _Found("DATE", f"{year:04d}-{SEASONS[m['sea'].split()[-2].lower()]}")
        return _Found("DATE", f"{year:04d}")

    def _rule_spoken_decade(self, text: str, c: _Cand, *_: object) -> _Found:
        tens = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                "eighties": 8, "nineties": 9}[c.m["t"].lower()]
        return _Found("DATE", f"19{tens}")

    def _rule_fy_short(self, text: str, c: _Cand, *_: object) -> _Found:
        y = c.m["y"]
        year = int(y) if len(y) == 4 else (1900 + int(y) if int(y) >= 50 else 2000 + int(y))
        return _Found("DATE", f"{year:04d}")

    def _rule_quarter(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        m = c.m
        if (not (m["pre"] or m["pre2"] or m["fis"]) and "-" in text[m.end("ord"):m.start("unit")]
                and re.match(r"(?i)the\s", text[c.start:c.start + 4])):
            c.start = m.start("fis2") if m["fis2"] else m.start("ord")  # "the third-quarter loss": an adjective
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
        ago = any(w in phrase for w in ("year-earlier", "year-ago", "year earlier", "year ago", "last year"))
        m = re.search(r"\b(\d{4})\b", phrase)
        ended = _ended_quarter(text, c.end, speech)
        if m:
            y, q = int(m.group(1)), int(state.quarter[-1]) if state.quarter else 4
        elif ended:
            y, q = int(ended[:4]), int(ended[-1])  # "the quarter ended Sept. 30"
        elif "current" in phrase and speech is not None and speech.year_known:
            y, q = speech.day.year, (speech.day.month - 1) // 3 + 1  # the quarter under way
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
        rel = _rel(m["rel"])
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
        part = m["part"] or m.groupdict().get("pre")
        code = "NI" if w == "tonight" else (PARTS_OF_DAY[part.lower()] if part else None)
        return self._shifted_day(speech, shift, code)

    def _rule_last_night(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        part = c.m["part"]
        if part:
            return self._shifted_day(speech, 0, PARTS_OF_DAY[part.lower()])
        return self._shifted_day(speech, -1, "NI")

    def _rule_year_end(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found:
        # Valued as "the end of the year" is (the year; TimeML's mod=END says which part): this year's
        # end, or last year's after "since" ("up 5% since year-end").
        if speech is None or not speech.year_known:
            return _Found("DATE", "XXXX", speech.source if speech else None)
        past = _SINCE_BEFORE.search(text, max(0, c.start - 8), c.start) is not None
        return _Found("DATE", f"{speech.day.year - past:04d}", speech.source)

    def _rule_part_of_day(self, text: str, c: _Cand, speech: _Anchor | None, state: _State) -> _Found:
        # "by mid-afternoon": the part of the day the story is telling, else of the day of writing
        return self._shifted_day(state.narrative or speech, 0, PARTS_OF_DAY[c.m["part"].lower()])

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
        rel = _rel(m["rel"])
        unit = re.sub(r"\s+", " ", m["unit"].lower())
        if rel in ("following", "previous") or (rel == "next" and (m["the"] or _preceded_by_the(text, c.start))):
            return self._anaphoric(unit, 1 if rel in ("following", "next") else -1, speech, state)
        if unit == "day":
            return None
        rolling = rel in ("past", "last") and (m["the"] or _preceded_by_the(text, c.start))
        if rolling and unit in ("week", "month") and speech is not None and speech.year_known:
            # "the past week", "the last month": the days just before the time of writing, valued at the
            # unit's granularity by the calendar week (month) that holds most of them.
            middle = speech.day - dt.timedelta(days=3 if unit == "week" else 15)
            return self._period(unit, 0, _Anchor(middle, True, speech.source))
        if rel in ("past", "coming"):
            # "the past year", "the coming decade": the period before (after) this one, as "the last decade"
            # is (a counted "the past two years" is a duration, found by the duration rule).
            return self._period(unit, -1 if rel == "past" else 1, speech)
        if rel == "current":
            rel = "this"
        shift = {"last": -1, "this": 0, "next": 1}[rel]
        return self._period(unit, shift, speech)

    def _rule_the_period(self, text: str, c: _Cand, speech: _Anchor | None, *_: object) -> _Found | None:
        unit = re.sub(r"\s+", " ", c.m["unit"].lower())
        if unit == "day":
            return None  # "the day", "later in the day": TimeBank rarely marks them
        if unit in ("year", "fiscal year") and re.match(r"\s+(?:earlier|ago|before)", text[c.end:c.end + 9]):
            return None
        if c.m["mod"]:
            return self._period(unit, 0, speech)  # "the end of the year", "earlier in the month"
        if unit in ("year", "fiscal year") and re.match(r"\s+(?:ended|ending|to\s+\w+\s+\d)", text[c.end:c.end + 20]):
            return _Found("DURATION", "P1Y")  # "the year ended Sept. 30": twelve months, not the calendar year
        return self._period(unit, 0, speech)  # "profit for the year", "the full year": the year of writing

    def _rule_weekday(self, text: str, c: _Cand, speech: _Anchor | None, state: _State, *_: object) -> _Found:
        m = c.m
        wd = WEEKDAYS[m["wd"].lower()]
        part = m["part"]
        rel = _rel(m["rel"])
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

    def _rule_anaphora(self, text: str, c: _Cand, speech: _Anchor | None, state: _State,
                       *_: object) -> _Found | None:
        m = c.m
        if m["rel"]:
            rel, unit = m["rel"].lower(), m["unit"].lower()
            shift = {"next": 1, "following": 1, "previous": -1, "prior": -1, "preceding": -1, "same": 0}[rel]
        elif m["rel2"]:
            rel, unit = m["rel2"].lower(), m["unit2"].lower()
            if rel in ("before", "after") and re.match(r"\s+[\w$]", text[c.end:c.end + 3]):
                return None  # "the day before the plunge" counts from an event, not from a date we know
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
        elif m["hm"] or m["lb"]:
            hour, minute = (int(x) for x in re.split(r"[:.]", m["hm"] or m["lb"]))
        elif m["mil"]:
            hour, minute = int(m["mil"][:2]), int(m["mil"][2:])
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
        if hyphen and unit == "quarter" and re.match(r"s\s+of\b", text[m.end("unit") - 1:m.end("unit") + 4]):
            return None  # "three-quarters of its food" is a share, not nine months
        if unit == "weekend" or (raw_n in ("a", "an") and unit in ("second",) and not m["det"]):
            return None
        if hyphen and (m["det"] or "").lower() == "the":
            c.start = m.start("n")  # "the 30-day period": the article belongs to the noun, not to the duration
        # A range ("12 to 18 months") has no single count: TimeML leaves it unspecified.
        n = None if m["n0"] else _number(m["n"])
        after = text[c.end:c.end + 12].lower()
        if re.match(r"\s+(?:ago|earlier|later)\b", after):
            return None  # left to the "ago" rule
        # "two days after the vote" is left here: TimeML marks the span as a duration, "after" as a signal;
        # where "after" ends the phrase ("a day after"), the longer "ago" candidate has already won.
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
        rel = (c.m["rel"] or "").lower()
        # Uncounted periods on either side of now are the TimeML references; "recent months" stays a
        # duration of unknown length, as TimeBank marks it (but "recent years" is the past).
        if rel in ("coming", "future"):
            return _Found("DATE", "FUTURE_REF")
        if rel == "past" or (rel == "recent" and unit == "year"):
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
        if m["monset"]:
            return _Found("SET", f"XXXX-{_month(m['monset'].split(None, 1)[1]):02d}")
        if m["wdpl"]:
            wd = WEEKDAYS[re.sub(r"s$", "", m["wdpl"].split()[0]).lower()]
            part = PARTS_OF_DAY[m["plpart"].lower()[:-1]] if m["plpart"] else None
            return _Found("SET", f"XXXX-WXX-{wd}" + (f"T{part}" if part else ""))
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
            moving = hol.startswith(("thanksgiving", "labor", "memorial", "easter", "election"))
            return _Found("DATE", "XXXX" if moving or fixed is None else f"XXXX-{fixed:%m-%d}",
                          speech.source if speech else None)
        tense = self._tense(text, c) or "past"
        year = speech.day.year
        day = _nearest(speech.day, [_holiday(hol, cy) for cy in (year - 1, year, year + 1)], tense)
        return _Found("DATE", day.isoformat() if day else None, speech.source, None, day)
