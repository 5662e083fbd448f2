"""Which story each credit line names (`newsdesk.analysis.split_credits`), on invented units and credits."""

from __future__ import annotations

from newsdesk.analysis.split_credits import (
    SplitUnit,
    credit_readings,
    introduces,
    settle_lone_credits,
)
from newsdesk.text.credit import Credit, OutletMention
from tests.analysis.split_units import body_units, chars_before


def _credit(start: int, name: str, *, family: str = "republished", closes: bool = True) -> Credit:
    return Credit(start, start + 40, family, (OutletMention(start + 5, start + 5 + len(name), name),), closes, 4.0)


def test_a_phrase_turned_by_a_colon_introduces_the_text_below_and_a_byline_does_not() -> None:
    assert introduces(_credit(0, "Harbour Light", family="via", closes=False))
    assert not introduces(_credit(0, "Harbour Light", family="byline", closes=False))
    assert not introduces(_credit(0, "Harbour Light", family="via", closes=True))


def test_a_caption_under_a_credit_that_introduces_the_text_below_does_not_turn_it_upwards() -> None:
    units = body_units(4)
    below = _credit(1990, "Quayside Journal", family="via", closes=False)  # "Full story from X below:"
    sign_off = _credit(1990, "Quayside Journal", family="byline", closes=False)  # "By Jane Doe / X"
    for credit, names_above in ((below, False), (sign_off, True)):
        # body text runs up to the line and a caption follows it: "set against the story above"
        reading = credit_readings(units, {2: [credit]}, {credit.start: "above"}, chars_before(units), 3, False)
        assert reading[0][4] == [names_above]


def _reading(credits: dict[int, tuple[Credit, bool]], units: list[SplitUnit], last_body: int,
             ) -> list[tuple[int, list[Credit], bool, bool, list[bool]]]:
    """A reading where each credit goes where given (True: the story above)."""
    chars = chars_before(units)
    out = []
    for at, (credit, above) in sorted(credits.items()):
        after = last_body >= at and chars[-1] - chars[at] >= 120
        out.append((at, [credit], True, after, [above]))
    return out


def test_a_lone_credit_goes_to_the_story_with_no_credit_of_its_own() -> None:
    # Story 1 (units 0-1), a credit line, story 2 (units 2-3), another outlet's credit under it. Read as
    # opening story 2, the first credit gives it two outlets and story 1 none: it closes story 1.
    units = body_units(4)
    reading = _reading({2: (_credit(1990, "Harbour Light"), False), 4: (_credit(3990, "Quayside Journal"), True)},
                       units, 3)
    settled = settle_lone_credits(reading, 4, lambda a, b: False)
    assert [r[4] for r in settled] == [[True], [True]]


def test_a_lone_credit_stays_where_the_story_it_names_is_itself_divided() -> None:
    # The text of story 2 holds a strong cue of a change of story: its two outlets may be two stories.
    units = body_units(4)
    reading = _reading({2: (_credit(1990, "Harbour Light"), False), 4: (_credit(3990, "Quayside Journal"), True)},
                       units, 3)
    asked: list[tuple[int, int]] = []

    def divided(a: int, b: int) -> bool:
        asked.append((a, b))
        return True

    settled = settle_lone_credits(reading, 4, divided)
    assert [r[4] for r in settled] == [[False], [True]]
    assert asked == [(2, 4)]


def test_a_copyright_line_at_the_foot_is_no_credit_of_the_last_story_here() -> None:
    # The site's own copyright under the last story does not make a second outlet of that story.
    units = body_units(4)
    foot = _credit(3990, "Harbour Wire Network", family="copyright")
    reading = _reading({2: (_credit(1990, "Harbour Light"), False), 4: (foot, True)}, units, 3)
    settled = settle_lone_credits(reading, 4, lambda a, b: False)
    assert [r[4] for r in settled] == [[False], [True]]


def test_a_credit_of_the_same_outlet_as_the_story_already_has_stays() -> None:
    units = body_units(4)
    reading = _reading({2: (_credit(1990, "Harbour Light"), False), 4: (_credit(3990, "HARBOUR LIGHT"), True)},
                       units, 3)
    settled = settle_lone_credits(reading, 4, lambda a, b: False)
    assert [r[4] for r in settled] == [[False], [True]]
