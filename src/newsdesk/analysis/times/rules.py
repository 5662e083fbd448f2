"""times.rules: which handler values each rule's expressions (`ExpressionRules.value`), and what each is
given — the one place that knows every handler's arguments, so a handler takes only what it reads.
"""

from __future__ import annotations

from newsdesk.analysis.times.anchor import Anchor, StoryState
from newsdesk.analysis.times.calendar_rules import (
    century_value,
    decade_value,
    fy_short_value,
    holiday_value,
    iso_value,
    mdy_num_value,
    month_day_value,
    month_rel_year_value,
    month_value,
    month_year_value,
    quarter_abbr_value,
    quarter_value,
    season_value,
    second_day_value,
    spoken_decade_value,
    spoken_year_value,
    the_quarter_value,
    year_end_value,
    year_value,
)
from newsdesk.analysis.times.config import TimeConfig
from newsdesk.analysis.times.patterns import UNITS, Candidate
from newsdesk.analysis.times.relative_rules import (
    ago_value,
    anaphora_value,
    bare_plural_value,
    clock_value,
    deictic_value,
    duration_rule_value,
    generic_day,
    last_night_value,
    names_a_title,
    part_of_day_value,
    recent_units_value,
    ref_value,
    rel_unit_value,
    set_a_value,
    set_value,
    the_period_value,
    then_value,
    weekday_value,
    weekend_value,
    yearago_value,
)
from newsdesk.analysis.times.values import Calendar, TimeValue, duration_value, half_of_year, shifted_day


class ExpressionRules:
    """Values expressions rule by rule with the finder's settings; holds no page state."""

    def __init__(self, config: TimeConfig) -> None:
        self.calendar = Calendar(config)

    def value(self, text: str, c: Candidate, speech: Anchor | None, state: StoryState) -> TimeValue | None:
        """The candidate's value as its rule reads it, or None when the rule finds it is no time after all."""
        found = self.rule_value(text, c, speech, state)
        if found is None or "mod" not in c.match.groupdict():
            return found
        return half_of_year(found, c.match["mod"])  # "the first half of 1990" is 1990-H1, not 1990

    def rule_value(self, text: str, c: Candidate, speech: Anchor | None, state: StoryState) -> TimeValue | None:
        """The value of the candidate's own rule, before a modifier narrows it."""
        cal, m = self.calendar, c.match
        match c.rule:
            # a day or a period of the calendar
            case "iso":
                return iso_value(cal, text, c, speech)
            case "mdy_num":
                return mdy_num_value(cal, text, c, speech)
            case "month_day" | "day_month":
                return month_day_value(cal, text, c, speech, state.narrative)
            case "second_day":
                return second_day_value(cal, text, c, speech)
            case "month_year":
                return month_year_value(cal, m)
            case "month" | "month_may" | "month_may_rel":
                return month_value(cal, text, c, speech, state.narrative)
            case "month_rel_year":
                return month_rel_year_value(m, speech)
            case "decade":
                return decade_value(text, c)
            case "century":
                return century_value(m, speech)
            case "year":
                return year_value(cal, text, c)
            case "spoken_year":
                return spoken_year_value(m)
            case "spoken_decade":
                return spoken_decade_value(m)
            case "fy_short":
                return fy_short_value(m)
            case "year_end":
                return year_end_value(text, c, speech)
            case "quarter":
                return quarter_value(cal, text, c, speech)
            case "quarter_abbr":
                return quarter_abbr_value(cal, text, c, speech)
            case "the_quarter":
                return the_quarter_value(text, c, speech, state.quarter)
            case "season":
                return season_value(cal, text, c, speech)
            case "holiday":
                return holiday_value(cal, text, c, speech)
            # counted from an anchor
            case "deictic":
                return None if names_a_title(text, c) or generic_day(text, c) else deictic_value(m, speech)
            case "last_night":
                return last_night_value(m, speech)
            case "part_of_day":
                return part_of_day_value(m, speech, state.narrative)
            case "weekday":
                return weekday_value(cal, text, c, speech, state.narrative)
            case "weekend":
                return weekend_value(cal, text, c, speech)
            case "ref":
                return ref_value(cal, text, c)
            case "rel_unit":
                return None if names_a_title(text, c) else rel_unit_value(cal, text, c, speech, state)
            case "the_period":
                return the_period_value(text, c, speech, state.narrative)
            case "ago":
                return ago_value(cal, m, speech, state)
            case "yearago":
                return yearago_value(cal, m, speech, state)
            case "then":
                return then_value(state)
            case "day_of_event":
                return shifted_day(speech, 0)  # "today is the eighth day of ...": today
            case "anaphora":
                return anaphora_value(text, c, speech, state)
            case "clock":
                return clock_value(cal, text, c, speech, state.narrative)
            # durations and sets
            case "duration":
                return duration_rule_value(text, c)
            case "unit_long":
                return TimeValue("DURATION", duration_value(1, UNITS[m["unit"].lower()]))
            case "bare_plural":
                return bare_plural_value(m)
            case "a_while":
                return TimeValue("DURATION", "PXX")  # TimeML's duration of unknown count and unit
            case "recent_units":
                return recent_units_value(m)
            case "set":
                return set_value(m)
            case "set_a" | "set_times":
                return set_a_value(m)
        # Not ValueError: the finder reports those as dates out of range; a rule without a handler is a bug.
        raise LookupError(f"times: no handler for rule {c.rule!r}")
