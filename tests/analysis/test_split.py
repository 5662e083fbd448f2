"""The splitter on a hand-written stitched page (invented reports, no real text)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.line_shapes import opening_shape
from newsdesk.analysis.segment import TopicSegmenter
from newsdesk.analysis.split import SplitConfig, Splitter, caption_credit
from newsdesk.errors import ConfigError
from newsdesk.model import Page, Story
from newsdesk.text.keys import skeleton

STITCHED = """\
ATHENS, Aug. 9 (AFP) - Firefighters battled a wildfire on the slopes above the port town of Rafina for a
third day on Wednesday as strong winds pushed the flames towards houses, the fire service said.
More than 300 firefighters, backed by nine water-dropping aircraft, were deployed overnight.
Residents of two villages were told by text message to leave their homes, and coastguard boats stood by.

Evacuations

“We packed the car in five minutes and left everything else behind,” one resident told AFP by phone.
The fire service said the wind was expected to ease by Thursday evening.

• Ruling party leads early count
• Turnout highest in two decades

VALLETTA, Malta (AP) — Malta's governing party took an early lead on Sunday as votes were counted
after a parliamentary election that saw the highest turnout in twenty years, officials said.
Party volunteers gathered outside the counting hall in the capital, waving flags and singing.
“It is a good night for the country,” the prime minister's spokeswoman told The Associated Press.
The opposition said it would wait for the final figures before commenting.
the harbour will reopen once the inspections are finished,” the port authority said in a statement.
Engineers have been checking the breakwater since the storm surge on Friday damaged its northern end.
Ferries to the islands were cancelled for a second day, stranding several hundred passengers.
The authority said repairs could take weeks and would cost several million euros.
"""


@pytest.fixture(scope="module")
def stories() -> list[Story]:
    page = Page("stitched.txt", STITCHED, reference_date=dt.date(2023, 8, 13))
    return Splitter()(page, Cleaner()(page))


def first_words(story: Story) -> str:
    return STITCHED[story.start:story.start + 30]


def test_three_reports_are_found_in_page_order(stories: list[Story]) -> None:
    assert [first_words(s) for s in stories] == [
        "ATHENS, Aug. 9 (AFP) - Firefig", "• Ruling party leads early cou", "the harbour will reopen once t"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(stories))


def test_a_subheading_inside_a_report_does_not_cut_it(stories: list[Story]) -> None:
    assert "Evacuations" in STITCHED[stories[0].start:stories[0].end]


def test_origins_come_from_evidence(stories: list[Story]) -> None:
    assert [s.origin for s in stories] == ["AFP", "AP", None]
    assert {STITCHED[e.start:e.end] for e in stories[0].evidence} == {"ATHENS, Aug. 9 (AFP) -", "told AFP"}
    assert stories[2].evidence == ()


def test_datelines_are_parsed_and_dated(stories: list[Story]) -> None:
    athens, valletta = stories[0].dateline, stories[1].dateline
    assert athens is not None and (athens.place, athens.date, athens.agency) == ("Athens", "2023-08-09", "AFP")
    assert valletta is not None and (valletta.place, valletta.date, valletta.agency) == ("Valletta", None, "AP")
    assert stories[2].dateline is None


def test_boundary_reasons(stories: list[Story]) -> None:
    assert stories[0].boundary == ("page_start",)
    assert "dateline" in stories[1].boundary
    assert stories[2].boundary == ("truncation",)


def test_spelling_switch_cuts_only_with_support() -> None:
    # One spelling in the first half, another in the second, and a paragraph that starts mid-quotation.
    half = "Officials in Kharkov said repairs to the bridge near the river would take months. " * 3
    other = "Officials in Kharkiv said that the bridge near the river could reopen by spring. " * 3
    text = f"{half}\n{half}\nwill not be rushed,” the mayor said.\n{other}\n{other}\n"
    page = Page("s.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert len(stories) == 2 and text[stories[1].start:].startswith("will not be rushed")


def test_transliteration_skeleton() -> None:
    assert skeleton("Zelenskiy") == skeleton("Zelensky") == skeleton("Zelenskyy")
    assert skeleton("Sievierodonetsk") == skeleton("Severodonetsk")
    assert skeleton("Ukraine") != skeleton("Ukrainian")


def test_empty_page_has_no_stories() -> None:
    page = Page("e.txt", "\n\n")
    assert Splitter()(page, Cleaner()(page)) == []


def test_bad_config_is_refused() -> None:
    with pytest.raises(ConfigError, match="cut_threshold"):
        SplitConfig(cut_threshold=-0.5)


def test_a_copyright_line_at_the_foot_does_not_cut_the_story_above() -> None:
    # One AP report, then a copyright line at the page's foot naming another holder: the site's own
    # or the last story's, the page does not say; either way it is no reason to cut the report.
    report = ("MARIUPOL (AP) — Shelling went on through the night in the port city, and dead bodies lay "
              "uncollected in the streets, residents said.\n\n"
              "The Associated Press could not independently verify the claims made by either side.\n\n"
              "Advertisement\n\n"
              "Waiting for a corridor\n\n"
              "The city council said water and power had been cut to most districts since the weekend.\n\n"

              "Aid convoys waited outside the city for a second day as talks on a safe corridor stalled.\n\n"
              "Officials in the regional capital said buses would be sent once a ceasefire held.\n\n")
    first = ("BERLIN (dpa) - The city's main railway station was closed for two hours on Friday after a "
             "suspicious bag was found on a platform, police said.\n\n"
             "Trains were diverted to other stations and several hundred travellers waited outside.\n\n"
             "The bag held clothes and books, a police spokesman told dpa later in the afternoon.\n\n")
    text = first + report + "Copyright © 2022 Harbour Wire Network\nYour email address will not be published.\n"
    page = Page("foot.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["dpa", "AP"]
    assert text[stories[1].start:].startswith("MARIUPOL (AP)")


def test_two_bylines_of_two_outlets_between_stories_sign_one_each() -> None:
    first = ["The harbour authority said on Monday that the north pier would close for repairs after inspectors "
             "found cracks in two of its supports and a loose railing.",
             "Engineers expect the work to take about four months, and ferries will use the south pier in the "
             "meantime, the authority said in a statement."]
    second = ["Firefighters spent the night fighting a blaze at a timber yard on the edge of the industrial estate, "
              "the county fire service said on Tuesday.",
              "No one was hurt, but the fire destroyed two warehouses and a lorry, and smoke could be seen from the "
              "motorway for several hours."]
    text = ("\n\n".join(first) + "\n\nBY JANE DOE / HARBOUR LIGHT\n\nBY JOHN ROE / QUAYSIDE JOURNAL\n\n"
            + "\n\n".join(second) + "\n")
    page = Page("bylines.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Harbour Light", "Quayside Journal"]


def test_the_best_gap_posterior_matches_the_two_segment_model_computed_afresh() -> None:
    import math
    import random
    from collections import Counter

    from newsdesk.analysis.split_credits import SplitUnit

    rng = random.Random(5)
    vocabulary_words = "pier ferry storm council harbour fire warehouse lorry smoke crews repairs supports".split()
    for _ in range(20):
        texts = [" ".join(rng.choice(vocabulary_words) for _ in range(rng.randint(3, 12))) for _ in range(12)]
        units = [SplitUnit(0, 0, t, "body") for t in texts]
        splitter = Splitter(config=SplitConfig(cohesion_weight=1.0))
        a, b = 2, 9
        soft = [0.0] * len(units)
        lo, hi = max(0, a - 2), min(len(units), b + 3)
        words = [splitter._words(u.text) for u in units[lo:hi]]
        v = len({w for ws in words for w in ws})

        def ll(bag: Counter[str], v: int = v) -> float:
            t = sum(bag.values())
            return sum(n * math.log((n + 1) / (t + v)) for n in bag.values())

        gains = [ll(Counter(w for ws in words[:g - lo] for w in ws))
                 + ll(Counter(w for ws in words[g - lo:] for w in ws)) for g in range(a + 1, b + 1)]
        assert splitter._best_gap(units, a, b, soft) == a + 1 + max(range(len(gains)), key=lambda k: (gains[k], -k))


def test_summary_bullets_above_a_dateline_open_its_story() -> None:
    # The bullets are sentences, so the cleaner leaves them as text: the dateline's cut still goes above them.
    text = ("ATHENS, Aug. 9 (AFP) - Firefighters battled a wildfire on the slopes above the port town of Rafina "
            "for a third day on Wednesday as strong winds pushed the flames towards houses, the fire service said.\n\n"
            "More than 300 firefighters, backed by nine water-dropping aircraft, were deployed overnight, and "
            "residents of two villages were told by text message to leave their homes.\n\n"
            "• A man was charged on Monday with leaving the scene of a crash that killed a cyclist.\n\n"
            "• If convicted, he faces up to ten years in prison and a fine.\n\n"
            "VALLETTA, Malta (AP) — Prosecutors said the driver had been drinking before the crash on the coast "
            "road, and that he had left his car two streets away before walking home.\n\n"
            "The cyclist, a 34-year-old teacher, died at the scene, police said, and the road was closed for "
            "several hours while investigators examined the wreckage.\n")
    page = Page("bullets.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [text[s.start:s.start + 20] for s in stories] == ["ATHENS, Aug. 9 (AFP)", "• A man was charged "]
    assert [s.origin for s in stories] == ["AFP", "AP"]


def test_a_short_piece_opened_mid_sentence_is_a_story_of_its_own() -> None:
    # A stitched fragment of another report, cut at both ends, between two wire stories.
    fragment = ("the harbour will reopen once the inspections are finished,” the port authority said, adding that "
                "the ferries would keep to the southern berth.")
    text = ("ATHENS, Aug. 9 (AFP) - Firefighters battled a wildfire on the slopes above the port town of Rafina "
            "for a third day on Wednesday as strong winds pushed the flames towards houses, the fire service said.\n\n"
            "More than 300 firefighters, backed by nine water-dropping aircraft, were deployed overnight, and "
            "residents of two villages were told by text message to leave their homes.\n\n"
            f"{fragment}\n\n"
            "VALLETTA, Malta (AP) — Malta's governing party took an early lead on Sunday as votes were counted "
            "after a parliamentary election that saw the highest turnout in twenty years, officials said.\n\n"
            "Party volunteers gathered outside the counting hall in the capital, waving flags and singing late "
            "into the night, while the opposition said it would wait for the final figures.\n")
    page = Page("fragment.txt", text)
    cleaning = Cleaner()(page)
    starts = [text[s.start:s.start + 12] for s in Splitter()(page, cleaning)]
    assert starts == ["ATHENS, Aug.", "the harbour ", "VALLETTA, Ma"]
    # Held to the length of any story, the fragment stays with the story above it.
    strict = Splitter(config=SplitConfig(truncated_story_chars=300))(page, cleaning)
    assert [text[s.start:s.start + 12] for s in strict] == ["ATHENS, Aug.", "VALLETTA, Ma"]


# -- a short paragraph next to a boundary, a title above a dateline, how a paragraph opens ---------
WILDFIRE = [
    "Firefighters battled a wildfire on the slopes above the port town for a third day on Wednesday as strong "
    "winds pushed the flames towards houses and olive groves, the fire service said.",
    "More than 300 firefighters, backed by nine water-dropping aircraft, fought the flames overnight while "
    "residents of two villages were told to leave their homes as the wildfire spread.",
    "The fire service said the wind was expected to ease by Thursday, and that aircraft would return to the "
    "slopes at first light to drop water on the flames above the houses."]
ELECTION = [
    "Malta's governing party took an early lead on Sunday as votes were counted after a parliamentary "
    "election that saw the highest turnout in twenty years, election officials said.",
    "Party volunteers gathered outside the counting hall in the capital, waving flags, while the opposition "
    "said it would wait for the final count of the votes before conceding the election.",
    "Election officials said the final count would be announced on Monday, and that turnout in the "
    "parliamentary vote had reached 85 percent of registered voters."]


def _story_starts(text: str, config: SplitConfig | None = None) -> list[str]:
    page = Page("short.txt", text, reference_date=dt.date(2023, 8, 13))
    return [text[s.start:s.start + 20] for s in Splitter(TopicSegmenter(), config)(page, Cleaner()(page))]


def test_a_short_closing_line_stays_with_the_story_above_and_the_boundary_is_found() -> None:
    # One line with no word of either report splits the topic model's belief over the gaps on its two
    # sides, neither strong enough alone; taken as one boundary it cuts, after the line.
    text = "\n\n".join([*WILDFIRE, "Nobody has claimed responsibility yet.", *ELECTION]) + "\n"
    assert _story_starts(text) == ["Firefighters battled", "Malta's governing pa"]
    assert _story_starts(text, SplitConfig(short_block_words=0)) == ["Firefighters battled"]


def test_a_short_line_sharing_words_with_the_story_below_opens_it() -> None:
    text = "\n\n".join([*WILDFIRE, "The counting began at dawn.", *ELECTION]) + "\n"
    assert _story_starts(text) == ["Firefighters battled", "The counting began a"]


DATELINED_FIRE = ["ATHENS, Aug. 9 (AFP) - " + WILDFIRE[0], WILDFIRE[1]]
DATELINED_VOTE = ["VALLETTA, Malta (AP) — " + ELECTION[0], ELECTION[1]]


def test_a_title_the_cleaner_kept_as_text_opens_the_dateline_story_below_it() -> None:
    title = "Will the governing party keep its majority after the election?"
    text = "\n\n".join([*DATELINED_FIRE, title, *DATELINED_VOTE]) + "\n"
    assert _story_starts(text) == ["ATHENS, Aug. 9 (AFP)", "Will the governing p"]


def test_a_line_about_the_story_above_stays_above_the_dateline() -> None:
    line = "Will the wildfire reach the houses on the slopes?"
    text = "\n\n".join([*DATELINED_FIRE, line, *DATELINED_VOTE]) + "\n"
    assert _story_starts(text) == ["ATHENS, Aug. 9 (AFP)", "VALLETTA, Malta (AP)"]


@pytest.mark.parametrize("paragraph, before, shape", [
    ("A bomb exploded outside a bank branch on Friday, police said.", "", 1),
    ("Three people died when a ferry capsized off the coast.", "", 1),
    ("More than 200 homes were flooded overnight.", "", 1),
    ("The police said both men were dead at the scene.", "State police say a bomb killed an officer.", -1),
    ("The police said both men were dead at the scene.", "A storm hit the coast overnight.", 0),
    # A pronoun or connective tells nothing: an excerpt may start at any sentence of a report.
    ("He added that the talks would resume.", "", 0),
    ("But the ministry denied it.", "", 0),
    ("“We tried,” she said.", "", 0),
    ("Athens stations were shut on Friday.", "", 0),
    ("Another strike is planned for May.", "", 0),   # "An" starts "Another", no article
])
def test_opening_shape(paragraph: str, before: str, shape: int) -> None:
    assert opening_shape(paragraph, before) == shape


def test_a_line_left_below_the_last_credit_is_no_story_of_its_own() -> None:
    credit = "Copyright 2022 Harbour Herald. All rights reserved."
    text = "\n\n".join([*ELECTION, credit, "Officials said more rain was due."]) + "\n"
    page = Page("leftover.txt", text)
    stories = Splitter(TopicSegmenter())(page, Cleaner()(page))
    assert len(stories) == 1 and stories[0].origin == "Harbour Herald"
    # with a story's worth of text below it, the credit closes the story above
    longer = "\n\n".join([*ELECTION, credit, *WILDFIRE]) + "\n"
    page = Page("two.txt", longer)
    assert len(Splitter(TopicSegmenter())(page, Cleaner()(page))) == 2


def test_a_sentence_above_a_dateline_stays_with_the_story_above_even_on_the_same_topic() -> None:
    line = "The governing party said the election count would take days."
    text = "\n\n".join([*DATELINED_FIRE, line, *DATELINED_VOTE]) + "\n"
    assert _story_starts(text) == ["ATHENS, Aug. 9 (AFP)", "VALLETTA, Malta (AP)"]


RAFINA_FIRE = [
    "Firefighters battled a wildfire on the slopes above the port town of Rafina for a third day on Wednesday "
    "as strong winds pushed the flames towards houses, the fire service said.",
    "More than 300 firefighters, backed by nine water-dropping aircraft, were deployed overnight, and residents "
    "of two villages were told by text message to leave their homes.",
    "The fire service said the wind was expected to ease by Thursday evening."]
CORINTH_FIRE = [
    "A second wildfire broke out on Wednesday afternoon in the hills above Corinth, where firefighters and "
    "volunteers fought the flames with water-dropping aircraft as winds pushed them towards houses.",
    "Residents of three villages near Corinth were told to leave their homes, the fire service said, as the "
    "wildfire spread through pine forest.",
    "Firefighters said the flames were contained by the evening, and the wind was expected to ease."]


@pytest.mark.parametrize("header", ["Story by Jane Roe • 2 hours ago", "Posted 3 hours ago"])
def test_a_storys_metadata_line_between_two_reports_of_one_event_is_a_boundary_cue(header: str) -> None:
    # Two reports of one event share their words: the topic model sees one story. The metadata line a
    # site prints over each story is evidence of a new one, weighed with the other soft cues.
    text = "\n\n".join([*RAFINA_FIRE, header, *CORINTH_FIRE]) + "\n"
    assert _story_starts(text, SplitConfig(header_weight=0.5)) == ["Firefighters battled", "A second wildfire br"]
    assert _story_starts(text, SplitConfig(header_weight=0.0)) == ["Firefighters battled"]
    # without the line, nothing says where the second report starts
    plain = "\n\n".join([*RAFINA_FIRE, *CORINTH_FIRE]) + "\n"
    assert _story_starts(plain, SplitConfig(header_weight=0.5)) == ["Firefighters battled"]


def test_the_header_cue_opens_the_story_at_the_title_above_the_metadata_line() -> None:
    title = "Blaze spreads to hills above Corinth"
    text = "\n\n".join([*RAFINA_FIRE, title, "Posted 3 hours ago", *CORINTH_FIRE]) + "\n"
    assert _story_starts(text, SplitConfig(header_weight=0.5)) == ["Firefighters battled", "Blaze spreads to hil"]


# -- one report running on through a gap where nothing but its text stands ------------------------
SHOOTING = [
    "Police in Marlow Quay said a gunman opened fire inside a warehouse on Tuesday morning, wounding two workers "
    "before barricading himself in an upstairs office for nearly two hours.",
    "Officers surrounded the building and negotiators spoke to the gunman by telephone until he surrendered, "
    "police spokesman Anton Reyes said. Officers recovered a shotgun and three shells from the office.",
    "The suspect, Dorian Velk, 41, was taken into custody without further shots being fired, Reyes said, and "
    "the two wounded workers were taken to hospital with injuries that were not life-threatening."]
# The same report drifting from the shooting to the suspect's job: new words, the same people.
SUSPECTS_JOB = [
    "For eleven years the bookkeeper had kept the ledgers of Brightwater Supplies, a wholesaler of garden "
    "furniture and seeds, where colleagues described him as quiet and punctual.",
    "Brightwater Supplies said in a statement that Velk had been dismissed the previous Friday after an audit of "
    "its accounts, and that it was cooperating fully with investigators.",
    "A former colleague said Velk kept a vegetable allotment near the harbour and rarely spoke about his family. "
    "The motive remained under investigation, Reyes said."]


def test_a_report_that_keeps_naming_its_people_is_not_cut_where_its_topic_drifts() -> None:
    text = "\n\n".join([*SHOOTING, *SUSPECTS_JOB]) + "\n"
    assert _story_starts(text) == ["Police in Marlow Qua"]
    # the topic model alone would cut it where the vocabulary turns to the suspect's job
    assert _story_starts(text, SplitConfig(continuity_names=0)) == ["Police in Marlow Qua", "For eleven years the"]


def test_a_report_of_another_event_after_it_is_still_cut() -> None:
    text = "\n\n".join([*SHOOTING, *ELECTION]) + "\n"
    assert _story_starts(text) == ["Police in Marlow Qua", "Malta's governing pa"]


def test_a_paragraph_going_on_with_a_sentence_left_open_above_is_no_fragment() -> None:
    tail = ("he added that the ferries would keep to the southern berth until the breakwater is repaired, and that "
            "passengers should check the timetable before travelling to the harbour this week.")
    semicolon = [*SHOOTING[:2], SHOOTING[2].removesuffix(".") + ";", tail]
    assert _story_starts("\n\n".join(semicolon) + "\n") == ["Police in Marlow Qua"]
    # after a full stop the lower-case paragraph is a fragment of another text, cut as before
    full_stop = [*SHOOTING, tail]
    assert _story_starts("\n\n".join(full_stop) + "\n") == ["Police in Marlow Qua", "he added that the fe"]


def test_a_paragraph_closing_a_quotation_opened_above_stays_with_it() -> None:
    said = "“We heard the shots and ran for the back stairs,” said Mara Olsen, who works in the next unit."
    closing = "Nobody knew where it was coming from until the alarm went off,” she said."
    after = "The warehouse will stay closed until Monday, the owners said in a statement on their website."
    open_quote = [*SHOOTING, said + " “Everybody was shouting.", closing, after]
    assert _story_starts("\n\n".join(open_quote) + "\n") == ["Police in Marlow Qua"]
    closed_quote = [*SHOOTING, said + " “Everybody was shouting.”", closing, after]
    assert _story_starts("\n\n".join(closed_quote) + "\n") == ["Police in Marlow Qua", "Nobody knew where it"]


# -- a domain and the outlet it spells are one source ----------------------------------------------
FERRIES = [
    "The harbour ferry operator said on Tuesday it would add twelve new boats to its fleet by next spring, citing "
    "a rise in commuters crossing between the islands since the bridge closed for repairs.",
    "The company said the new vessels would run on electric engines and cut fuel costs by a third. Officials at "
    "the transport department welcomed the plan, saying it would ease crowding at the piers.",
    "Story continues below",
    "Ferry unions said they had not been consulted on the timetable changes and asked for talks before the boats "
    "enter service. The operator said talks would begin next month.",
    "The new boats will be built at a yard in the north of the territory, and the first two are due to be "
    "delivered in March, the operator said in a statement to reporters."]


@pytest.mark.parametrize(("byline", "source"), [
    ("By Jane Doe, Vornel Press", "Source: vpnews.com"),  # initials and a kind word
    ("By Jane Doe, Port Tarnwick Daily", "Source: ptdaily.com"),  # initials of two words, then a word
    ("By Jane Doe, Quillmarsh News", "Source: www.quillmarsh-news.net"),
])
def test_a_byline_and_a_credit_naming_one_outlet_as_name_and_as_domain_do_not_cut(byline: str, source: str) -> None:
    text = "\n\n".join([byline, *FERRIES, source]) + "\n"
    page = Page("ferries.txt", text)
    stories = Splitter(TopicSegmenter())(page, Cleaner()(page))
    assert [s.boundary for s in stories] == [("page_start", "byline")]
    assert stories[0].origin == byline.removeprefix("By Jane Doe, ")


def test_a_credit_of_another_outlets_domain_still_cuts() -> None:
    text = "\n\n".join(["By Jane Doe, Quillmarsh News", *FERRIES, "Source: elnoro.com"]) + "\n"
    page = Page("ferries.txt", text)
    stories = Splitter(TopicSegmenter())(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Quillmarsh News", "elnoro.com"]


def test_two_outlets_reports_of_one_event_are_cut_where_the_second_names_its_subject_afresh() -> None:
    # One outlet credited over the first report, another under the second: the cut between them goes
    # where a paragraph names in full the player the text above has been calling by her surname.
    first = ["Greta Marlowe scored twice as the Harbour Rovers beat the Quayside Wanderers 3-1 on Saturday to "
             "reach the cup final for the first time in a decade.",
             "Marlowe opened the scoring after ten minutes with a low shot, and the Rovers never looked back after "
             "the break.",
             "The Wanderers pulled a goal back late on, but Marlowe settled the tie with a header from a corner in "
             "stoppage time."]
    second = ["Greta Marlowe sent the Harbour Rovers into the cup final with two goals against the Quayside "
              "Wanderers at a packed ground on Saturday.",
              "The striker, who joined from the Wanderers last summer, said the win was for the fans who had waited "
              "ten years.",
              "Marlowe has now scored in every round of the competition, and the Rovers will meet the holders in "
              "the final next month."]
    text = ("Syndicated from Harbour Light\n\n" + "\n\n".join(first) + "\n\n" + "\n\n".join(second)
            + "\n\nClipped from Quayside Journal, May 3, 2022.\n")
    page = Page("same_event.txt", text, reference_date=dt.date(2022, 5, 4))
    stories = Splitter(TopicSegmenter())(page, Cleaner()(page))
    assert [(text[s.start:s.start + 25], s.origin) for s in stories] == [
        ("Greta Marlowe scored twic", "Harbour Light"), ("Greta Marlowe sent the Ha", "Quayside Journal")]


def test_a_caption_carries_the_storys_credit_after_its_description_but_a_photo_credit_is_none() -> None:
    caption = "Crowds at the harbour on Sunday. Story and photo courtesy of Quayside Journal."
    credit = caption_credit(caption, 100)
    assert credit is not None and [o.name for o in credit.outlets] == ["Quayside Journal"]
    assert caption[credit.start - 100:credit.end - 100].startswith("Story and photo courtesy")
    assert caption_credit("Crowds at the harbour on Sunday. Credit: Quayside Journal", 0) is None
    assert caption_credit("Crowds at the harbour (Photo: Jane Doe/Quayside Journal)", 0) is None
