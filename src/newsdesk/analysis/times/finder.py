"""times.finder: time expressions in news text and their values as TimeML writes them (TIMEX3 `type`/`value`).

    finder = TimeFinder(TimeConfig())
    times = finder(text, stories, noise, reference_date)   # list[model.TimeExpression], in text order

What it finds: dates ("May 22", "Feb. 24, 2022", "2022-05-22"), partial dates and months ("in April",
"July 1997"), years and decades ("in 2014", "the 1990s"), quarters and halves ("the third quarter", "Q3 2021",
"the first half of 1990" -> `1990-H1`), seasons, weekdays ("on Sunday"), deictic days and periods ("yesterday",
"last week", "this year", "two years ago"), anaphoric ones ("the next day", "two days later"), parts of day
("Friday morning"), clock times ("3 p.m."), durations ("three months" -> `P3M`), sets ("every day" -> `P1D`)
and the TimeML references `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.

How a relative expression is resolved, story by story:
* anaphoric ones ("the next day", "two days later", "a year earlier") count from the last explicit date
  earlier in the same story (`anchor="narrative"`), else from the time of writing;
* deictic ones ("on Sunday", "yesterday", "last week", "May 21" without a year) count from the time of
  writing: the story's own dateline (`anchor="dateline"`) or else the page's reference date
  (`anchor="reference"`). A wire story copied a week later is still read from its dateline.
* a bare weekday or month is past or future by the tense of the words around it ("plans to unveil … on
  Monday" is the coming Monday, "said on Sunday" the last one, and the same day when it is that day); a
  month or a day without a year that no tense word speaks of goes the way the story is telling (its last
  named day before or after the time of writing: `values.narrative_tense`);
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

The finder is split by what its parts do: `patterns` (the surface grammar: vocabulary, patterns, candidates
and their extent), `calendar_rules` and `relative_rules` (one value handler per pattern, dispatched by
`rules`), `values` (the values handlers return and the calendar arithmetic they share), `tense` (past or
future from the words around), `anchor` (what a relative expression counts from), `config` (the settings)
and this module (the page: stories, quotations that set their own day, what each story has said so far).
`TimeConfig` is re-exported from here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence

from newsdesk.analysis.times.anchor import Anchor, StoryState, ended_quarter, speech_anchor, story_index
from newsdesk.analysis.times.config import TimeConfig
from newsdesk.analysis.times.patterns import Candidate, expression_extent, find_candidates
from newsdesk.analysis.times.rules import ExpressionRules
from newsdesk.analysis.times.values import TimeValue
from newsdesk.model import Span, Story, TimeExpression

__all__ = ["TimeConfig", "TimeFinder"]

#: A quotation: curly quotes, or straight ones within a paragraph (bounded, so the scan stays linear).
_QUOTATION = re.compile(r"“[^”“]{1,2000}”|\"[^\"\n]{1,2000}\"")
_SAYS_TODAY = re.compile(r"(?i:\b(?:today\s+is|it\s+is|it['’]s|this\s+is)\s+(?:\w+,?\s+)?)$")
#: Rules whose value names a calendar year or month that "that year", "the following month" count from
#: (a bare month counts too: "In March ... The following month" is April).
_EXPLICIT = frozenset({"iso", "mdy_num", "month_day", "day_month", "month_year", "year", "month_rel_year",
                       "month", "month_may", "month_may_rel"})

#: Durations of a report's longer periods: six or nine months, a year.
_SEVERAL_QUARTERS = frozenset({"P6M", "P9M", "P12M", "P1Y"})


class TimeFinder:
    """Finds and normalises time expressions; holds only its configuration (no page state)."""

    def __init__(self, config: TimeConfig | None = None) -> None:
        self.config = config or TimeConfig()
        self.rules = ExpressionRules(self.config)

    def __call__(self, text: str, stories: Sequence[Story], noise: Sequence[Span],
                 reference_date: dt.date | None) -> list[TimeExpression]:
        cands = find_candidates(text, noise, self.config.keep_noise)
        starts = [s.start for s in stories]
        out: list[TimeExpression] = []
        states: dict[int, StoryState] = {}
        speech_cache: dict[int, Anchor | None] = {}
        quotes = [m.span() for m in _QUOTATION.finditer(text)]
        quote_starts = [a for a, _ in quotes]
        # A quotation that says what day it is ("Today is March 1.") sets its own time of speaking:
        # "tomorrow" later in that quotation is March 2, whenever the page was published.
        quote_now: dict[int, Anchor] = {}
        for found_at in cands:
            story = story_index(found_at.start, starts)
            if story not in speech_cache:
                speech_cache[story] = speech_anchor(stories[story] if stories else None, reference_date)
            speech = speech_cache[story]
            q = bisect.bisect_right(quote_starts, found_at.start) - 1
            inside = q if q >= 0 and found_at.end <= quotes[q][1] else None
            if inside is not None and inside in quote_now:
                speech = quote_now[inside]
            cand = expression_extent(text, found_at)
            # The dateline's own date is the story's date as the splitter read it.
            st = stories[story] if stories else None
            found: TimeValue | None
            if (st is not None and st.dateline is not None and st.dateline.date
                    and st.dateline.start <= cand.start < st.dateline.end and cand.rule in ("month_day", "day_month")):
                found = TimeValue("DATE", st.dateline.date, None, None, speech.day if speech else None,
                                  bool(speech and speech.year_known))
            else:
                try:
                    found = self.rules.value(text, cand, speech, states.setdefault(story, StoryState()))
                except (OverflowError, ValueError):
                    # Date arithmetic past year 1 or 9999 ("next week" from 9999-12-31): the expression
                    # is reported with its problem, not raised, so the page's analysis goes on.
                    out.append(TimeExpression(cand.start, cand.end, "DATE", None,
                                              story, None, "out of range: before year 1 or after 9999"))
                    continue
            if found is None:
                continue
            if (inside is not None and found.day is not None and found.type == "DATE"
                    and _SAYS_TODAY.search(text, max(quotes[inside][0], cand.start - 16), cand.start)):
                quote_now[inside] = Anchor(found.day, found.year_known, "quotation")
                if out and out[-1].start >= cand.start - 16 and text[out[-1].start:out[-1].end].casefold() == "today":
                    out[-1] = TimeExpression(out[-1].start, out[-1].end, "DATE", found.value, story, "quotation")
            _remember(states.setdefault(story, StoryState()), text, cand, found, speech)
            out.append(TimeExpression(cand.start, cand.end, found.type, found.value, story, found.anchor,
                                      found.problem))
        return out


def _remember(state: StoryState, text: str, cand: Candidate, found: TimeValue, speech: Anchor | None) -> None:
    """What an expression tells about the story for those after it: the day it names, the quarter the
    story reports on, the year or month "that year" and "the following month" count from."""
    if found.day is not None and found.type in ("DATE", "TIME"):
        state.narrative = Anchor(found.day, found.year_known, "narrative")
        state.narrative_end = cand.end
    if cand.rule in ("quarter", "the_quarter") and state.quarter is None:
        # "the fiscal first quarter ended Sept. 30": the calendar quarter it ended in is the one compared
        state.quarter = ended_quarter(text, cand.end, speech)
    if (found.value and cand.rule in ("quarter", "quarter_abbr") and state.quarter is None
            and re.fullmatch(r"\d{4}-Q[1-4]", found.value)
            and (speech is None or abs(int(found.value[:4]) - speech.day.year) <= 1)):
        # The first recent quarter a story names is the one a report is about ("the quarter", "a year
        # ago" read it); later ones are comparisons or forecasts. "XXXX-Q3" cannot anchor anything.
        state.quarter = found.value
    if cand.rule in ("quarter", "the_quarter", "quarter_abbr"):
        state.quarter_in_view = True
    elif (cand.rule == "duration" and found.value in _SEVERAL_QUARTERS
          and text[cand.start:cand.start + 4].lower() == "the "):
        state.quarter_in_view = False  # "for the nine months", "the first half": results over more than a quarter
    if found.value and cand.rule in _EXPLICIT and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", found.value):
        state.value = found.value  # for "that year", "the following month"
