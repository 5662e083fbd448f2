"""Numeric claims on hand-written, invented news text (no real reports): values, exclusions, attribution."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest

from newsdesk.analysis.claims.finder import ClaimConfig, ClaimFinder
from newsdesk.errors import ConfigError
from newsdesk.model import Claim, Entity, EntityType, Quote, Span, Story

FIND = ClaimFinder(ClaimConfig())


def claims(text: str, *, stories: Sequence[Story] = (), noise: Sequence[Span] = (), quotes: Sequence[Quote] = (),
           entities: Sequence[Entity] = ()) -> list[Claim]:
    return FIND(text, stories, noise, quotes, entities)


def by_text(text: str, found: list[Claim]) -> dict[str, Claim]:
    """Claims keyed by the words they span (every test text states each figure once)."""
    return {text[c.start:c.end]: c for c in found}


def values(text: str) -> dict[str, tuple[float | None, float | None, str | None]]:
    return {t: (c.low, c.high, c.per) for t, c in by_text(text, claims(text)).items()}


def entity(text: str, eid: str, name: str, kind: EntityType) -> Entity:
    spans, pos = [], text.find(name)
    while pos >= 0:
        spans.append((pos, pos + len(name)))
        pos = text.find(name, pos + 1)
    assert spans, name
    return Entity(eid, name, kind, tuple(spans))


# ----------------------------------------------------------------------------------------- values


def test_ranges_in_their_usual_forms() -> None:
    text = ("Between 5 and 10 fishermen were missing after the storm, the harbour master said. Rescue teams of "
            "50-100 volunteers searched the coast, and 20 to 30 boats joined them. Repairs will cost $3-4bn, "
            "and 5 to 10 million people were warned. Two or three ferries were cancelled.")
    assert values(text) == {
        "Between 5 and 10 fishermen": (5, 10, None),
        "50-100 volunteers": (50, 100, None),
        "20 to 30 boats": (20, 30, None),
        "$3-4bn": (3e9, 4e9, None),
        "5 to 10 million people": (5e6, 1e7, None),
        "Two or three ferries": (2, 3, None),
    }
    assert {c.kind for c in claims(text)} == {"range", "money"}


def test_bounds_leave_the_open_side_empty() -> None:
    text = ("As many as 400 crews were at work. Up to 40 roads were closed, and more than 2,000 people left the "
            "valley. At least 300 homes were damaged and nearly 90 schools shut. Almost 60 bridges were checked; "
            "over 700 volunteers came. Fewer than fifteen boats returned, and 12 or more villages were cut off.")
    assert values(text) == {
        "As many as 400 crews": (None, 400, None),
        "Up to 40 roads": (None, 40, None),
        "more than 2,000 people": (2000, None, None),
        "At least 300 homes": (300, None, None),
        "nearly 90 schools": (None, 90, None),
        "Almost 60 bridges": (None, 60, None),
        "over 700 volunteers": (700, None, None),
        "Fewer than fifteen boats": (None, 15, None),
        "12 or more villages": (12, None, None),
    }
    assert {c.kind for c in claims(text)} == {"bound"}


def test_vague_amounts_mean_at_least_two_of_their_unit() -> None:
    text = ("Dozens of volunteers and hundreds of soldiers arrived, while thousands of troops waited at the "
            "border. Tens of thousands of residents fled, and several hundred stayed behind.")
    found = by_text(text, claims(text))
    assert {t: (c.low, c.high, c.unit) for t, c in found.items()} == {
        "Dozens of volunteers": (24, None, "volunteers"),
        "hundreds of soldiers": (200, None, "soldiers"),
        "thousands of troops": (2000, None, "troops"),
        "Tens of thousands of residents": (20000, None, "residents"),
        "several hundred": (300, None, None),
    }
    assert {c.kind for c in found.values()} == {"vague"}


def test_number_words_and_scales() -> None:
    text = ("Fifteen people were rescued and two boats sank. The council counted three hundred and forty "
            "complaints, the port handled 1.5 million tonnes and the fund holds 3bn shares. A dozen firefighters "
            "stayed. One of the last ferries left, but one or two buses still ran.")
    assert values(text) == {
        "Fifteen people": (15, 15, None),
        "two boats": (2, 2, None),
        "three hundred and forty complaints": (340, 340, None),
        "1.5 million tonnes": (1.5e6, 1.5e6, None),
        "3bn shares": (3e9, 3e9, None),
        "A dozen firefighters": (12, 12, None),
        "one or two buses": (1, 2, None),
    }


def test_rates_take_their_period_and_the_span_runs_to_it() -> None:
    text = ("Officials said 50 to 100 migrants are arriving every day at the camp. Some 300 trucks a week cross "
            "the bridge, 40 flights per month land there, and the plant makes 2,000 tonnes daily. Twelve "
            "families arrived a day after the storm. Nine riders were beaten by almost a minute.")
    assert values(text) == {
        "50 to 100 migrants are arriving every day": (50, 100, "day"),
        "Some 300 trucks a week": (300, 300, "week"),
        "40 flights per month": (40, 40, "month"),
        "2,000 tonnes daily": (2000, 2000, "day"),
        "Twelve families": (12, 12, None),  # "a day after" dates the arrival; it is no rate
        "Nine riders": (9, 9, None),  # "by almost a minute" measures a gap
    }


def test_populations_and_what_they_are_about() -> None:
    text = ("Troops reached Dunmore on Monday. Officials urged the thousands still in the once 80,000-person "
            "city to leave.\n\nKestrel Bay, a town of 12,000, was evacuated too.")
    ents = [entity(text, "e1", "Dunmore", "PLACE"), entity(text, "e2", "Kestrel Bay", "PLACE")]
    found = by_text(text, claims(text, entities=ents))
    city, town = found["80,000-person city"], found["town of 12,000"]
    assert (city.low, city.high, city.kind, city.unit, city.about) == (80000, 80000, "population", "people", "e1")
    assert (town.low, town.high, town.kind, town.about) == (12000, 12000, "population", "e2")
    assert found["thousands"].kind == "vague"


def test_money_and_percentages() -> None:
    text = ("The government pledged $3 billion, the bank lent €40m and the club paid £1.2bn. Donors gave "
            "40 million euros. Prices rose 40% in a year; nearly 40 per cent of homes lack heating, only 1 in 5 "
            "households has a generator and almost two-thirds have no insurance.")
    found = by_text(text, claims(text))
    assert {t: (c.low, c.high, c.unit, c.kind) for t, c in found.items()} == {
        "$3 billion": (3e9, 3e9, "USD", "money"),
        "€40m": (4e7, 4e7, "EUR", "money"),
        "£1.2bn": (1.2e9, 1.2e9, "GBP", "money"),
        "40 million euros": (4e7, 4e7, "EUR", "money"),
        "40%": (40, 40, "percent", "percent"),
        "nearly 40 per cent": (None, 40, "percent", "percent"),
        "1 in 5 households": (20, 20, "percent", "percent"),
        "almost two-thirds": (None, 66.67, "percent", "percent"),
    }


def test_changes_are_two_figures_and_scores_are_none() -> None:
    text = "Unemployment rose from 5% to 8% last year. The home side won 3-1 and the council voted 52 to 48."
    assert values(text) == {"5%": (5, 5, None), "8%": (8, 8, None)}


# ----------------------------------------------------------------------------------------- not claims


@pytest.mark.parametrize("text", [
    "The talks began on February 22 and resumed on 3 March, then again on Feb. 24.",
    "The curfew starts at 10:30 pm and ends at 6 a.m. local time.",
    "The bridge was built in 2014 and rebuilt after the 2019 floods in the 1990s style.",
    "Jane Moor, 45, a nurse, said the 45-year-old driver and a man aged 30 were unhurt.",
    "It was the third storm this year and the 2nd in a month; the 21st century has seen worse.",
    "Page 2 of 5. 12 comments. Photo 3 of 12.",
    "Call 020 7946 0958 or (555) 123-4567 for help.",
    "Protesters gathered outside 10 Downing Street.",
    "A Boeing 737 and two F-16 fighters flew to the G7 summit as COVID-19 cases fell; Article 5 was cited.",
    "The talks lasted three months and the visit three days; a 24-hour strike followed.",
    "1. Ukraine rules out talks\n2. Ports reopen",
    "Temperatures fell to -5 overnight.",
])
def test_no_claims_in_furniture_dates_names_and_times(text: str) -> None:
    found = [text[c.start:c.end] for c in claims(text)]
    assert [f for f in found if f != "two F-16 fighters"] == []


def test_claims_in_removed_text_are_never_reported() -> None:
    text = "Read more: 500 people attend our free webinar\n\nOfficials said 40 houses burned."
    cut = text.index("\n\n")
    found = claims(text, noise=[Span(0, cut, "boilerplate")])
    assert [text[c.start:c.end] for c in found] == ["40 houses"]


# ----------------------------------------------------------------------------------------- who and what about


def test_speaker_comes_from_the_quote_the_claim_sits_in() -> None:
    text = 'Mayor Anna Berg spoke on Monday. "We lost 40 boats in one night," she told reporters.'
    start = text.index("We lost")
    end = text.index(' in one night') + len(" in one night")
    source = text.index("she")
    quote = Quote(start, end, "direct", 0, source=(source, source + 3), speaker="e1")
    ents = [entity(text, "e1", "Anna Berg", "PERSON")]
    (claim,) = claims(text, quotes=[quote], entities=ents)
    assert (text[claim.start:claim.end], claim.speaker, claim.speaker_text) == ("40 boats", "e1", "she")


def test_speaker_from_according_to_and_said() -> None:
    text = ("According to the Harbour Authority, 30 ships are stuck. Tom Reyes said on Friday that 12 cranes "
            "were damaged. Some 200 dockers stayed home, said Lena Ortiz. The harbour master said 5 tugs left. "
            "Three pilots said the channel was closed. At least 7 sailors were reported missing.")
    ents = [entity(text, "o1", "Harbour Authority", "ORG"), entity(text, "p1", "Tom Reyes", "PERSON"),
            entity(text, "p2", "Lena Ortiz", "PERSON")]
    found = by_text(text, claims(text, entities=ents))
    assert found["30 ships"].speaker == "o1"
    assert (found["12 cranes"].speaker, found["12 cranes"].speaker_text) == ("p1", "Tom Reyes")
    assert found["Some 200 dockers"].speaker == "p2"
    assert (found["5 tugs"].speaker, found["5 tugs"].speaker_text) == (None, "The harbour master")
    assert found["Three pilots"].speaker_text is None  # the figure counts the speakers; they do not claim it
    assert found["At least 7 sailors"].speaker_text is None  # a passive "were reported" names no speaker


def test_about_is_the_place_the_figure_is_counted_in() -> None:
    text = "Floods killed 12 people in Arlow on Sunday. Brennport's 40 schools stayed shut."
    ents = [entity(text, "e1", "Arlow", "PLACE"), entity(text, "e2", "Brennport", "PLACE")]
    found = by_text(text, claims(text, entities=ents))
    assert found["12 people"].about == "e1"
    assert found["40 schools"].about == "e2"


def test_same_figure_repeated_in_another_story_points_back() -> None:
    first = ("ARLOW (Wire) - Governor Mara Quist said at a briefing that 50 to 100 residents are leaving every "
             "day. The port handled 40 ships.\n\n")
    second = ("Quist said on Monday that as many as 100 people a day are leaving the region. Another port "
              "handled 40 ships. Quist added that 20 people a day return.")
    text = first + second
    stories = [Story(0, len(first)), Story(len(first), len(text))]
    said, added = len(first) + second.index("Quist said"), len(first) + second.index("Quist added")
    mara = Entity("p1", "Mara Quist", "PERSON", ((text.index("Mara Quist"), text.index("Mara Quist") + 10),
                                                  (said, said + 5), (added, added + 5)))
    found = claims(text, stories=stories, entities=[mara])
    assert [c.id for c in found] == [f"c{i}" for i in range(1, len(found) + 1)]
    named = by_text(text, found)
    first_claim = named["50 to 100 residents are leaving every day"]
    again = named["as many as 100 people a day"]
    assert (first_claim.story, again.story) == (0, 1)
    assert (first_claim.speaker, again.speaker) == ("p1", "p1")
    assert first_claim.same_as is None and again.same_as == first_claim.id
    assert named["20 people a day"].same_as is None  # another figure
    ships = [c for c in found if c.unit == "ships"]
    assert [c.same_as for c in ships] == [None, None]  # same number, but nobody ties them to one source or place


def test_offsets_point_into_the_text_as_read() -> None:
    text = "  Officials\u00a0said more than 2,000 people left.\n\n“Nearly 90 schools”, he said."
    for c in claims(text):
        assert text[c.start:c.end].strip() == text[c.start:c.end]
        assert any(ch.isdigit() or ch.isalpha() for ch in text[c.start:c.end])
    assert [text[c.start:c.end] for c in claims(text)] == ["more than 2,000 people", "Nearly 90 schools"]


# ----------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("text", ["50 to", "as many as", "between 5 and", "$", "%", "", "1e400 and 10^400",
                                  "1" + "0" * 400 + " people", "nine hundred trillion trillion people",
                                  "two dozen dozen eggs", "1,2,3,4,5,6,7,8,9"])
def test_bad_input_gives_sane_output(text: str) -> None:
    for c in claims(text):
        assert 0 <= c.start < c.end <= len(text)
        for v in (c.low, c.high):
            assert v is None or (v == v and abs(v) < 1e300)
    if text.startswith(("1,2,3", "1e400", "10000")):
        assert claims(text) == []


def test_a_page_of_numbers_runs_in_linear_time() -> None:
    def run(n: int) -> float:
        text = " ".join(f"About {i} people left and {i + 3} stayed, officials said." for i in range(n))
        started = time.perf_counter()
        found = claims(text)
        assert len(found) > n
        return time.perf_counter() - started

    small, large = run(1000), run(8000)
    assert large < 12 * small + 0.5  # 8x the text: linear would be 8x; quadratic 64x
    listing = ", ".join(str(i) for i in range(5000))
    assert claims(listing) == []


def test_config_is_checked() -> None:
    with pytest.raises(ConfigError, match="ND-E011"):
        ClaimConfig(rate_window=-1)
    with pytest.raises(ConfigError, match="ND-E011"):
        ClaimConfig(max_digits=0)
    with pytest.raises(ConfigError, match="ND-E011"):
        ClaimConfig(max_digits=10_000)


def test_pounds_are_money_or_weight_by_their_words() -> None:
    def first(text: str) -> tuple[str | None, str]:
        claims = ClaimFinder()(text, [Story(0, len(text))], [], [], [])
        return claims[0].unit, claims[0].kind

    assert first("The baby weighed 6.6 pounds at birth, the midwife said.") == ("lb", "count")
    assert first("Officers seized 20 pounds of heroin in the raid.") == ("lb", "count")
    assert first("He was fined 300 pounds by the magistrates.") == ("GBP", "money")
    assert first("The parcel came to 5 pounds in all.") == ("pounds", "count")  # nothing says which


def test_a_share_keeps_a_readable_precision_and_timestamps_are_no_claims() -> None:
    text = "13.44\nOne in three voters backed the plan, the poll found."
    claims = ClaimFinder()(text, [Story(0, len(text))], [], [], [])
    assert [(text[c.start:c.end], c.low) for c in claims] == [("One in three voters", 33.3)]


def test_a_function_word_is_never_a_claimant() -> None:
    text = "The said 40 people died in the flooding."
    claims = ClaimFinder()(text, [Story(0, len(text))], [], [], [])
    assert [c.speaker_text for c in claims] == [None]


# ----------------------------------------------------------------------------------------- issue 22: classes


def units(text: str) -> dict[str, tuple[float | None, float | None, str | None, str | None, str]]:
    return {t: (c.low, c.high, c.unit, c.per, c.kind) for t, c in by_text(text, claims(text)).items()}


def test_a_bare_count_counts_what_the_figure_before_it_does() -> None:
    text = ("At least 12 people died and 40 were hurt in the crash. The storm cut power to 8,000 homes, down from "
            "20,000 on Sunday. We lost 30 boats. Another 9 are damaged.")
    found = units(text)
    assert found["40"][2] == "people"
    assert found["20,000"][2] == "homes"
    assert found["9"][2] == "boats"  # "Another 9"


def test_several_hundred_reads_its_noun_and_model_numbers_stay_in_the_name() -> None:
    text = "Several hundred workers gathered. The army will send 14 Challenger 2 tanks."
    found = units(text)
    assert found["Several hundred workers"][:3] == (300, None, "workers")
    assert found["14 Challenger 2 tanks"][2] == "tanks"


def test_currencies_by_name_and_their_hundredths() -> None:
    text = ("The fund pays 50 million Swiss francs. Farmers got 2,000 rupees. Eggs cost $4.80, up 30 cents. "
            "Shares in the firm fell to 212p.")
    found = units(text)
    assert found["50 million Swiss francs"] == (5e7, 5e7, "CHF", None, "money")
    assert found["2,000 rupees"][2:] == ("INR", None, "money")
    assert found["30 cents"] == (0.3, 0.3, "USD", None, "money")
    assert found["212p"] == (2.12, 2.12, "GBP", None, "money")


def test_fraction_words_are_shares() -> None:
    text = ("Rents rose by a third. More than half of the staff left. A fifth of the town voted. Rates rose by "
            "half a percentage point. A third storm is due and the trip took half an hour.")
    found = units(text)
    assert found["a third"] == (33.3, 33.3, "percent", None, "percent")
    assert found["More than half"] == (50, None, "percent", None, "percent")
    assert found["A fifth"][:3] == (20, 20, "percent")
    assert found["half a percentage point"][:3] == (0.5, 0.5, "percentage points")
    assert len(found) == 4  # "a third storm", "half an hour": no shares


def test_a_period_opening_the_clause_and_a_change_share_the_rate() -> None:
    text = ("Each year about 2,500 whales are caught. Every day, 50 to 100 soldiers die. Rents rose from £900 to "
            "£1,250 a month.")
    found = units(text)
    assert found["about 2,500 whales"][3] == "year"
    assert found["50 to 100 soldiers"][3] == "day"
    assert found["£900"][3] == "month" and found["£1,250 a month"][3] == "month"


def test_measures_glued_or_spaced_are_the_unit() -> None:
    text = ("The path is 12km long and the bridge 1.2 km long. Winds reached 120 km/h and the bag weighed 8kg. "
            "Temperatures hit 41.2C. Group C has 4 teams.")
    found = units(text)
    assert found["12km"][2] == "km"
    assert found["1.2 km"][2] == "km"
    assert found["120 km/h"][2] == "km/h"
    assert found["8kg"][2] == "kg"
    assert found["41.2C"][:3] == (41.2, 41.2, "C")
    assert "4 teams" in found


@pytest.mark.parametrize("text", [
    "The road was closed between junctions 4 and 6.",
    "The jet landed on runway 27 at noon.",
    "People over 70 were told to stay home.",
    "A family of four was rescued.",
])
def test_references_age_groups_and_descriptions_are_no_claims(text: str) -> None:
    assert [text[c.start:c.end] for c in claims(text)] == []


def test_a_report_that_found_or_figures_that_show_are_the_claimant() -> None:
    text = "A Housing Trust survey found 40% rent. Home Office figures show 12 per cent more thefts."
    found = by_text(text, claims(text))
    assert found["40%"].speaker_text == "A Housing Trust survey"
    assert found["12 per cent"].speaker_text == "Home Office figures"


def test_a_quote_speaker_is_named_without_the_words_describing_them() -> None:
    text = ("Lisa Grant, 52, a teacher, said the school had 400 pupils. Rents rose 9%, according to the charity "
            "Save Our Kids.")
    grant = (0, text.index(", said"))
    charity = text.index("the charity")
    quotes = [Quote(text.index("the school"), text.index(" pupils") + 7, "indirect", 0, source=grant),
              Quote(text.index("Rents"), text.index("9%") + 2, "indirect", 0,
                    source=(charity, charity + len("the charity")))]
    found = by_text(text, claims(text, quotes=quotes, entities=[entity(text, "p1", "Lisa Grant", "PERSON")]))
    assert found["400 pupils"].speaker_text == "Lisa Grant"
    assert found["9%"].speaker_text == "the charity Save Our Kids"
