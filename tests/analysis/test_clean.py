"""The cleaner on hand-written pages: every span points at what it claims, nothing is deleted."""

from __future__ import annotations

import pytest

from newsdesk.analysis.clean import CleanConfig, Cleaner
from newsdesk.analysis.line_shapes import fold, headline_like, split_blocks
from newsdesk.analysis.truncation import carries_on, ellipsis_cut
from newsdesk.errors import ConfigError
from newsdesk.model import Cleaning, Page, Span

PORT_STRIKE = """\
Posted by newsroom
ers at the country's three largest container ports walked out on Monday, halting the loading of ships.
“We have waited four years for a contract. We will not wait another four,” union leader Maria Okafor said.
Shipping lines diverted at least 14 vessels to neighbouring ports, according to harbour authority data.
Port officials warn of shortages as strike enters second week

Port officials warn of shortages as strike enters second week
Dockworkers picket outside the main gate of the southern terminal on Tuesday. (Jonas Berg/AFP via Getty Images)

What happens next

The labour ministry has called both sides to talks on Thursday, a spokesman said. Read more
Talks in previous years lasted until the early hours and ended with a deal that neither side liked, and the
Share this article
Leave a comment
Your email address will not be published. Required fields are marked *
"""


def spans_of(page_text: str, spans: tuple[Span, ...], kind: str) -> list[str]:
    return [page_text[s.start:s.end] for s in spans if s.kind == kind]


@pytest.fixture(scope="module")
def strike() -> tuple[str, Cleaning]:
    page = Page("strike.txt", PORT_STRIKE)
    return PORT_STRIKE, Cleaner()(page)


def test_site_furniture_is_boilerplate(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    assert spans_of(text, cleaning.removed, "boilerplate") == [
        "Posted by newsroom", "Share this article", "Leave a comment",
        "Your email address will not be published. Required fields are marked *"]


def test_repeated_headline_is_a_teaser_and_its_copy_a_duplicate(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    headline = "Port officials warn of shortages as strike enters second week"
    assert spans_of(text, cleaning.removed, "teaser") == [headline]
    assert spans_of(text, cleaning.removed, "duplicate") == [headline]
    teaser, duplicate = [s for s in cleaning.removed if s.kind in ("teaser", "duplicate")]
    assert teaser.start < duplicate.start


def test_photo_credit_line_is_a_caption(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    assert spans_of(text, cleaning.removed, "caption") == [
        "Dockworkers picket outside the main gate of the southern terminal on Tuesday. "
        "(Jonas Berg/AFP via Getty Images)"]


def test_link_text_after_a_sentence_is_residue(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    assert spans_of(text, cleaning.removed, "link_residue") == ["Read more"]


def test_short_heading_between_paragraphs_is_a_subheading(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    assert spans_of(text, cleaning.structure, "subheading") == ["What happens next"]


def test_defects_are_flagged(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    starts = spans_of(text, cleaning.flags, "truncated_start")
    assert len(starts) == 1 and starts[0].startswith("ers at the country")
    assert spans_of(text, cleaning.flags, "truncated_end") == ["the"]


def test_body_is_never_removed(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    removed = "".join(text[s.start:s.end] for s in cleaning.removed)
    for sentence in ("union leader Maria Okafor said", "Shipping lines diverted", "The labour ministry has called"):
        assert sentence not in removed


def test_blocks_are_trimmed_and_point_into_the_text(strike: tuple[str, Cleaning]) -> None:
    text, cleaning = strike
    for block in cleaning.blocks:
        piece = text[block.start:block.end]
        assert piece == piece.strip() and piece


@pytest.mark.parametrize("para, expected", [
    ("He said: “It is over.” Then he left.", []),
    ("“We will rebuild,” the mayor said, “and we will do it quickly.”", []),
    ("the city will recover,” she said on Friday.", ["unbalanced_quote", "truncated_start"]),
])
def test_quote_balance(para: str, expected: list[str]) -> None:
    text = "A first paragraph that sets the scene for the reader.\n" + para + "\n"
    cleaning = Cleaner()(Page("q.txt", text))
    kinds = [f.kind for f in cleaning.flags if f.start >= text.index(para)]
    assert sorted(set(kinds)) == sorted(expected)


def test_quote_running_over_paragraphs_is_not_unbalanced() -> None:
    text = ("“The water came in the night. We lost the ground floor and everything in it.\n"
            "“By the morning the whole street was a river,” said the shopkeeper.\n")
    cleaning = Cleaner()(Page("q.txt", text))
    assert [f.kind for f in cleaning.flags if f.kind == "unbalanced_quote"] == []


def test_summary_bullets_are_highlights() -> None:
    text = ("• Floodwater reaches city centre\n• Thousands evacuated overnight\n• Rail lines closed\n\n"
            "BRNO, June 3 (dpa) – Floodwater poured into the old town on Saturday after the river broke its banks.\n")
    cleaning = Cleaner()(Page("f.txt", text))
    assert len([s for s in cleaning.structure if s.kind == "highlights"]) == 3


def test_hard_wrapped_text_is_judged_by_paragraph() -> None:
    text = ("The committee met on Tuesday to decide the new rate, and after a long\n"
            "debate it agreed to hold borrowing costs where they were for now.\n\n"
            "Markets had expected the decision, which came after inflation slowed for\n"
            "a third month in a row, economists said.\n")
    blocks = split_blocks(text)
    assert len(blocks) == 2
    cleaning = Cleaner()(Page("w.txt", text))
    assert cleaning.flags == () and cleaning.removed == ()


def test_nothing_is_deleted_from_the_text() -> None:
    page = Page("strike.txt", PORT_STRIKE)
    Cleaner()(page)
    assert page.text == PORT_STRIKE


def test_fold_and_headline_shape() -> None:
    assert fold("It’s “over” – now ") == fold("It's \"over\" - now")
    assert headline_like("Port officials warn of shortages")
    assert not headline_like("Port officials warned of shortages.")
    assert not headline_like("• A bullet point")


def test_bad_config_is_refused() -> None:
    with pytest.raises(ConfigError, match="headline_max_words"):
        CleanConfig(headline_max_words=-1)


def test_repeated_questions_and_labels_are_not_noise() -> None:
    # An interview series asks each guest the same questions; a plan repeats its labels.
    guests = []
    for name in ("Anna", "Ben", "Chloe"):
        guests.append(f"{name} runs a bakery in the old town and has entered the contest this year.\n"
                      "What inspired you to start baking?\n"
                      f"{name} said it began with a grandmother's recipe book and a borrowed oven.\n")
    text = "\n".join(guests)
    cleaning = Cleaner()(Page("interviews.txt", text))
    assert [s for s in cleaning.removed if s.kind in ("duplicate", "teaser")] == []


def test_a_repeated_paragraph_is_a_duplicate() -> None:
    para = ("The regional council approved the new budget on Tuesday after a debate that lasted more than "
            "six hours and ended with a narrow vote.")
    text = f"{para}\nThe opposition said it would challenge the decision in court.\n{para}\n"
    cleaning = Cleaner()(Page("repeat.txt", text))
    dups = [s for s in cleaning.removed if s.kind == "duplicate"]
    assert len(dups) == 1 and dups[0].start == text.rindex(para)


def test_lower_case_acronym_slash_is_not_a_photo_credit() -> None:
    text = ("Durch fehlende Spezifikationen bei der TI, ePA/ePF und fehlende Rahmenbedingungen entwickeln "
            "Akteure eigene Lösungen.\n")
    assert Cleaner()(Page("de.txt", text)).removed == ()


def test_a_short_line_shown_three_times_between_stories_is_furniture() -> None:
    bar = "Share on Mastodon and Bluesky today"
    story = ("The council said the ferry would sail again on Monday once the swell had dropped below three "
             "metres, and that passengers would be told by text message.")
    text = "\n\n".join([story, bar, story.replace("ferry", "bus"), bar, story.replace("ferry", "train"), bar]) + "\n"
    cleaning = Cleaner()(Page("bars.txt", text))
    bars = [s for s in cleaning.removed if text[s.start:s.end] == bar]
    assert len(bars) == 3 and bars[0].kind == "boilerplate"
    assert all(s.kind == "duplicate" for s in bars[1:])
    # A sentence shown three times is the page's own (a refrain), never furniture by this rule.
    refrain = "We will not give up."
    text = "\n\n".join([story, refrain, story.replace("ferry", "bus"), refrain, story, refrain]) + "\n"
    cleaning = Cleaner()(Page("refrain.txt", text))
    assert not [s for s in cleaning.removed if text[s.start:s.end] == refrain and s.kind == "boilerplate"]


def test_a_paragraph_opening_on_a_figure_lost_its_first_words() -> None:
    # News style spells out a number that opens a sentence; years are the exception.
    text = ("Flood waters rose through the night in the river towns, officials said on Monday.\n\n"
            "60 people spent the evening in a school gym after the levee gave way near the bridge.\n\n"
            "2022 was the wettest year on record in the valley, the weather service said.\n")
    cleaning = Cleaner()(Page("figure.txt", text))
    starts = spans_of(text, cleaning.flags, "truncated_start")
    assert len(starts) == 1 and starts[0].startswith("60 people spent")


def test_a_long_prose_line_before_furniture_is_a_cut_sentence_not_a_teaser() -> None:
    text = ("The singer, who recorded more than forty albums, died on Sunday at 91, her spokesman said.\n\n"
            "Advertisement\n\n"
            "She died peacefully in her sleep and had been in declining health due to old\n\n"
            "Share this article\n\n"
            "Flooded Valley Towns Brace For Second Storm\n\n"
            "Leave a comment\n")
    cleaning = Cleaner()(Page("prose.txt", text))
    teasers = spans_of(text, cleaning.removed, "teaser")
    assert not any(t.startswith("She died") for t in teasers)
    assert "old" in spans_of(text, cleaning.flags, "truncated_end")


def test_a_line_opening_a_quotation_it_never_closes_is_a_cut_sentence_not_a_teaser() -> None:
    text = ("Backbench calls to close the north pier have little support among harbour users, fishing crews said "
            "on Monday after a meeting at the port office.\n\n"
            "Nikolai Petrov from the Chatham House thinktank warned “all infrastructure of political opponents\n\n"
            "Second story headline about ferries\n\n"
            "Ferries will use the south pier for four months while engineers repair the supports, the authority said "
            "on Tuesday.\n")
    removed = Cleaner()(Page("cut.txt", text)).removed
    assert not any(text[r.start:r.end].startswith("Nikolai Petrov") for r in removed)


def test_a_prose_line_cut_short_above_the_next_story_is_no_subheading() -> None:
    # It shares words with the story below ("library"), as a subheading would, but it is written as a
    # sentence (articles, auxiliaries, pronouns): the last sentence of the story above, cut short.
    text = ("The county council approved a new budget for its mobile library service on Monday, the leader said.\n\n"
            "The library vans had been off the road since the spring and it said they would now serve each vil\n\n"
            "Source: Fenland Courier\n\n"
            "A new library opened in the village hall on Saturday, the first in the district for a decade.\n")
    cleaning = Cleaner()(Page("cut.txt", text))
    cut = text.index("The library vans")
    assert not any(s.start == cut for s in cleaning.structure), "the cut sentence is no subheading"
    assert any(b.start == cut and b.kind == "body" for b in cleaning.blocks)


def test_a_related_list_ends_where_its_items_change_shape() -> None:
    text = ("Rangers said the bridleway to the village would stay closed until a temporary crossing was built.\n\n"
            "Related Posts\n\n"
            "• Footbridge lost as rain swells moorland streams\n\n"
            "• Council backs mobile libraries for villages\n\n"
            "Storm keeps island ferries tied up for second day\n\n"
            "Island ferries stayed tied up for a second day on Wednesday as the storm battered the coast, with "
            "the harbour master warning the swell was still too high for any crossing.\n")
    cleaning = Cleaner()(Page("related.txt", text))
    teasers = spans_of(text, cleaning.removed, "teaser")
    assert teasers == ["• Footbridge lost as rain swells moorland streams",
                       "• Council backs mobile libraries for villages"]


READER_LINES = [
    "Subscribe to our channel for more videos.",
    "Please read our community guidelines before commenting.",
    "Have a news tip? Email us at tips@harbour-example.org",
    "Got a story? Contact our newsroom.",
    "Already a subscriber? Log in",
    "Tell us what you think.",
]
STORY_LINES = [
    "Will the ceasefire hold?",                     # a question with its own subject
    "What happens next?",
    "Officials said we would be told on Monday.",   # "we" inside reported speech, no imperative
    "Rescue teams reach cut-off villages",          # a headline opening on a verb-or-noun
    "“Tell us what you know,” the inspector told the crowd.",  # a quotation may address anyone
    "Take the ferry from the harbour at dawn and you reach the island before the fishing boats return.",
]


@pytest.mark.parametrize("line", READER_LINES)
def test_a_site_speaking_to_its_reader_is_found_by_grammar(line: str) -> None:
    from newsdesk.analysis.line_shapes import addresses_reader

    assert addresses_reader(line)


@pytest.mark.parametrize("line", STORY_LINES)
def test_story_sentences_that_ask_or_address_are_not_reader_furniture(line: str) -> None:
    from newsdesk.analysis.line_shapes import addresses_reader

    assert not addresses_reader(line)


def test_reader_address_and_notes_about_the_page_are_removed_between_paragraphs() -> None:
    from newsdesk.analysis.line_shapes import about_the_page

    paragraphs = [
        "Floodwaters began to recede in the northern province on Tuesday after three days of heavy rain, "
        "officials said, allowing rescue teams to reach villages cut off since the weekend.",
        "Download our app for breaking news alerts.",
        "The regional governor said at least 14 people had died and more than 2,000 had been moved to shelters "
        "in schools and sports halls across the province.",
        "This article was amended on 11 March to correct the number of shelters.",
        "Engineers were inspecting two bridges on the main highway, which stayed closed, while farmers counted "
        "the cost of flooded fields weeks before the harvest.",
        "Forecasters warned that more rain was expected later in the week across the river valleys in the east.",
    ]
    text = "\n\n".join(paragraphs)
    cleaning = Cleaner()(Page("flood.txt", text))
    removed = spans_of(text, cleaning.removed, "boilerplate")
    assert removed == [paragraphs[1], paragraphs[3]]
    assert about_the_page("This post contains affiliate links.")
    assert not about_the_page("This story is one the valley will tell for generations, the mayor said, "
                              "and the rebuilding will take years; nobody here doubts that, and nobody is "
                              "leaving either.")


_STORY = ("Officials in the northern province said on Tuesday that floodwaters had begun to recede after three "
          "days of heavy rain, allowing rescue teams to reach villages that had been cut off since the weekend.")
_STORY_2 = ("Engineers were inspecting two bridges on the main highway, which remained closed to traffic, while "
            "farmers counted the cost of flooded fields just weeks before the harvest was due to begin.")


@pytest.mark.parametrize("line", [
    "Media contact:", "press@quayside-example.com", "+1 (555) 010-2030", "(END)", "Enditem",
    "XYZ/ABC DEF/1129 hrs", "SOURCE Quayside Corp.", "Logo - Quayside Corp.", "Story by News Desk • 3 hours ago",
    "Jane Doe • 6 min read", "Thanks for reading Quayside Post! Subscribe for free to receive new posts.",
    "[ad_1]", "[Editor's Pick]", "Comments are closed for this story.", "Show comments (3)",
    "Sign up for breaking news alerts", "Subscribe to our newsletter",
])
def test_contact_details_end_marks_issuer_lines_and_placeholders_are_furniture(line: str) -> None:
    text = f"{_STORY}\n\n{line}\n\n{_STORY_2}\n"
    cleaning = Cleaner()(Page("furniture.txt", text))
    start = text.index(line)
    assert any(s.start <= start < s.end for s in cleaning.removed), line


@pytest.mark.parametrize("line", [
    "Contact: the mayor said the lines would reopen on Friday, and that nobody had been hurt.",
    "Thanks for reading, he said, before the line went dead and the call was lost for good.",
    "Source of the leak was a minister, according to two officials who spoke on condition of anonymity.",
    "FIRE HITS BANK",
    "Comments are closed on the matter, the minister said, and the inquiry will report in the spring.",
    "Sign up for the army, he told his sons, and you will see the world before you are twenty.",
])
def test_sentences_and_headlines_shaped_like_that_furniture_are_kept(line: str) -> None:
    text = f"{_STORY}\n\n{line}\n\n{_STORY_2}\n"
    cleaning = Cleaner()(Page("kept.txt", text))
    start = text.index(line)
    assert not any(s.start <= start < s.end and s.kind == "boilerplate" for s in cleaning.removed), line


def test_a_site_thanking_its_reader_by_name_makes_its_copyright_furniture_not_a_credit() -> None:
    text = (f"{_STORY}\n\nThanks for reading Quayside Post! Subscribe for free to receive new posts.\n\n"
            f"Copyright © 2022 Quayside Post\n\n{_STORY_2}\n\nCopyright © 2022 Harbour Herald\n")
    cleaning = Cleaner()(Page("site.txt", text))
    kinds = {text[s.start:s.end]: s.kind for s in cleaning.removed}
    assert kinds["Copyright © 2022 Quayside Post"] == "boilerplate"
    assert kinds["Copyright © 2022 Harbour Herald"] == "credit"


def test_a_site_copyright_known_from_the_footer_is_furniture_higher_up_too() -> None:
    text = (f"{_STORY}\n\nCopyright © 2022 Quayside Post\n\n{_STORY_2}\n\nCopyright © 2021 Harbour Herald\n\n"
            "Privacy Policy | Terms of Service\n\nCopyright © 2022 Quayside Post\n")
    cleaning = Cleaner()(Page("footer.txt", text))
    kinds = [(text[s.start:s.end], s.kind) for s in sorted(cleaning.removed, key=lambda s: s.start)]
    assert ("Copyright © 2022 Quayside Post", "credit") not in kinds
    assert ("Copyright © 2021 Harbour Herald", "credit") in kinds


def test_a_credit_line_printed_under_each_story_is_each_storys_credit_not_a_copy() -> None:
    credit = "Copyright 2022 Harbour Herald. All rights reserved."
    text = f"{_STORY}\n\n{credit}\n\n{_STORY_2}\n\n{credit}\n"
    cleaning = Cleaner()(Page("credits.txt", text))
    assert [s.kind for s in cleaning.removed if text[s.start:s.end] == credit] == ["credit", "credit"]


def test_a_cookie_banner_is_furniture() -> None:
    banner = "We use cookies to improve your experience. By continuing to browse, you agree to our use of cookies."
    text = f"{_STORY}\n\n{_STORY_2}\n\n{banner}\n\nAccept all cookies\n\nManage preferences\n"
    cleaning = Cleaner()(Page("cookies.txt", text))
    removed = {text[s.start:s.end] for s in cleaning.removed}
    assert {banner, "Accept all cookies", "Manage preferences"} <= removed


# -- an excerpt's closing ellipsis: the page cut the story there
_OPENING = "Ferry crews on the northern route walked out on Monday, stranding hundreds of island residents.\n\n"


@pytest.mark.parametrize("para, last_words", [
    ("The council has not said when the crossing will reopen, though a spokesman hinted that…", "that…"),
    ("Harbour staff counted more than 300 cars queuing for...", "for..."),
    ("The union's regional secretary, who led the last strike in 2019, told the crowd the dispute …",
     "dispute …"),
    # an excerpt's bracketed ellipsis is link text: the paragraph ends on the word before it
    ("Island shops began rationing bread and milk by the second afternoon [...]", "afternoon"),
])
def test_a_paragraph_ending_in_an_ellipsis_was_cut_off(para: str, last_words: str) -> None:
    text = _OPENING + para + "\n"
    cleaning = Cleaner()(Page("excerpt.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == [last_words]


def test_an_ellipsis_before_link_text_still_marks_the_cut() -> None:
    text = _OPENING + "Residents said the last boat left the pier at noon with more than... Read more\n"
    cleaning = Cleaner()(Page("excerpt.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == ["than..."]


@pytest.mark.parametrize("para", [
    # speech trailing off closes its quotation after the ellipsis
    "The skipper shook his head and said only: “We waited and we waited, and then…”",
    # an ellipsis inside a sentence is an omission, not the paragraph's end
    "The notice read “services are suspended … until further notice” and was signed by the harbour master.",
    # a short label, not a paragraph
    "Loading more stories…",
    # the sentence ended on its own full stop before the dots
    "Crews returned to work on Friday after the talks ended. …",
])
def test_an_ellipsis_a_writer_chose_is_no_cut(para: str) -> None:
    text = _OPENING + para + "\n"
    cleaning = Cleaner()(Page("chosen.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == []


def test_a_pause_inside_a_quotation_that_runs_on_is_no_cut() -> None:
    text = (_OPENING + "“We waited on the pier for the boats to come back, and we waited…\n\n"
            "“Then the first of them came round the headland,” said a resident.\n")
    cleaning = Cleaner()(Page("pause.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == []


def test_ellipsis_cut_reads_only_the_closing_shape() -> None:
    assert ellipsis_cut("the minister said the plan, which…") == len("the minister said the plan, ")
    assert ellipsis_cut("the minister said the plan was final.") is None
    assert ellipsis_cut("bread by the second afternoon […]") == len("bread by the second ")
    assert ellipsis_cut("“I just don't know…”") is None
    # an open quotation the next paragraph carries on: a pause; carried on by nothing, a cut
    assert ellipsis_cut("She said: “We waited and waited…", quotation_continues=True) is None
    assert ellipsis_cut("She said: “We waited and waited…") is not None


@pytest.mark.parametrize("following", [
    "And we heard the promise that the boats would run again, but no boat came.",
    "but nobody on the island believed the promise that the boats would run again.",
])
def test_a_speaker_trailing_off_into_the_next_paragraph_is_no_cut(following: str) -> None:
    text = _OPENING + "There was talk every day of the ferries coming back to the island ...\n" + following + "\n"
    cleaning = Cleaner()(Page("trail.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == []


def test_a_new_paragraph_after_furniture_does_not_carry_on_the_cut_one() -> None:
    text = (_OPENING + "There was talk every day of the ferries coming back to the island ...\n"
            "Share this article\n"
            "And the harbour master said on Friday that the boats would run again next week.\n")
    cleaning = Cleaner()(Page("trail.txt", text))
    assert spans_of(text, cleaning.flags, "truncated_end") == ["island ..."]


def test_carries_on_reads_the_opening_word() -> None:
    assert carries_on("And then the water came.") and carries_on("“yet nobody left,” she said.")
    assert not carries_on("Andrew Mills, the harbour master, said the boats would run.")
    assert not carries_on("The boats ran again on Friday.") and not carries_on("")


FERRY_PAGE = """\
Ferry operator cancels winter crossings
Story by Tomas Varga • 21 min ago
The operator of the island ferry said on Monday it would cancel all winter crossings after two of its \
three vessels failed safety inspections.
Photo courtesy of Northgate Shipping
About 4,000 islanders depend on the crossing for supplies, hospital visits and school, the island council said.
Clip length 02:41
The council said it would ask the regional government to charter a replacement vessel before December.
Picture taken on 3 May shows the empty quay.
Check the winter timetable
The winter timetable will be published on the council's website once a replacement vessel is found, a spokeswoman said.
Get the Harbour Gazette app
Comments (12)
More coverage →
"""


def test_furniture_is_told_by_its_grammar_not_its_words() -> None:
    # Invented furniture of five kinds no rule names by its words: a byline with a relative time, a
    # picture's lender, a playing time, a call to action, a widget's count, a label with an arrow.
    cleaning = Cleaner()(Page("ferry.txt", FERRY_PAGE))
    removed = [FERRY_PAGE[s.start:s.end] for s in cleaning.removed]
    for line in ("Story by Tomas Varga • 21 min ago", "Photo courtesy of Northgate Shipping", "Clip length 02:41",
                 "Picture taken on 3 May shows the empty quay.", "Get the Harbour Gazette app", "Comments (12)",
                 "More coverage →"):
        assert line in removed
    # An imperative that introduces the paragraph below it is the story's own subheading; the story's
    # sentences stay, times and all.
    assert "Check the winter timetable" not in removed
    assert not any("vessel" in line or "islanders" in line for line in removed)


def test_a_headline_with_a_time_in_it_is_no_metadata_line() -> None:
    text = ("Talks resume at 10:30\n"
            "Negotiators for the port workers and the operators will meet again on Tuesday morning, the labour "
            "ministry said, after talks broke down last week.\n"
            "The ministry said both sides had agreed to the meeting.\n")
    cleaning = Cleaner()(Page("talks.txt", text))
    assert not cleaning.removed
    assert [text[s.start:s.end] for s in cleaning.structure] == ["Talks resume at 10:30"]


# ---------------------------------------------------------------- credits the site prints and captions carry
HARBOUR_STATION = """\
Download the KQWX weather app
Watch live: KQWX News at 6
Pier closes after storm damage
Officials at the pier. Story and photo courtesy of The Tarnby Herald.
The town council closed the old pier on Monday after inspectors found storm damage to its supports.
Fishermen who moor there said they had been given no warning and would lose a week of work while boats are moved.
Copyright 2022 KQWX. All rights reserved.
Ferry timetable changes for winter
The ferry company cut two evening sailings from its winter timetable, saying fewer passengers travel now.
Commuters said the last boat now leaves before many of them finish work, and asked the company to think again.
© 2022 KQWX. All rights reserved.
EEO report · Public inspection file
"""


@pytest.fixture(scope="module")
def station() -> tuple[str, Cleaning]:
    return HARBOUR_STATION, Cleaner()(Page("station.txt", HARBOUR_STATION))


def test_a_copyright_holder_the_site_s_own_furniture_names_is_the_site_s_footer(station: tuple[str, Cleaning]) -> None:
    text, cleaning = station
    boilerplate = spans_of(text, cleaning.removed, "boilerplate")
    # right under a story's text as well as at the page's foot: the station's own line, no story's credit
    assert "Copyright 2022 KQWX. All rights reserved." in boilerplate
    assert "© 2022 KQWX. All rights reserved." in boilerplate
    assert not any("KQWX" in line for line in spans_of(text, cleaning.removed, "credit"))


def test_a_short_description_with_a_credit_for_its_photo_and_story_is_a_caption(
        station: tuple[str, Cleaning]) -> None:
    text, cleaning = station
    assert spans_of(text, cleaning.removed, "caption") == [
        "Officials at the pier. Story and photo courtesy of The Tarnby Herald."]


def test_a_story_s_copyright_is_kept_as_its_credit_where_no_furniture_names_the_holder() -> None:
    text = HARBOUR_STATION.replace("Copyright 2022 KQWX. All rights reserved.",
                                   "Copyright 2022 Tarnby Herald. All rights reserved.")
    cleaning = Cleaner()(Page("station2.txt", text))
    assert "Copyright 2022 Tarnby Herald. All rights reserved." in spans_of(text, cleaning.removed, "credit")


def test_a_copyright_line_with_a_street_address_is_the_site_s_footer() -> None:
    text = ("The ferry company cut two evening sailings from its winter timetable, saying fewer passengers travel "
            "after dark in the colder months.\n"
            "Commuters said the last boat now leaves before many of them finish work.\n"
            "© 2022 Quillwick Digest · 12 Harbour Lane\n")
    cleaning = Cleaner()(Page("letter.txt", text))
    assert spans_of(text, cleaning.removed, "boilerplate") == ["© 2022 Quillwick Digest · 12 Harbour Lane"]


def test_a_photo_credit_in_a_long_paragraph_does_not_make_it_a_caption() -> None:
    paragraph = ("The council met on Monday and voted to close the pier, which has stood since 1902, after inspectors "
                 "said its supports were unsafe. Story and photo courtesy of The Tarnby Herald.")
    text = paragraph + "\nMore text follows in a second paragraph that says what happens next with the repairs.\n"
    cleaning = Cleaner()(Page("long.txt", text))
    assert spans_of(text, cleaning.removed, "caption") == []
    assert spans_of(text, cleaning.removed, "credit") == ["Story and photo courtesy of The Tarnby Herald."]


def test_a_related_list_goes_on_through_headlines_in_sentence_case() -> None:
    text = ("The council met on Monday and voted to close the pier after inspectors found storm damage.\n"
            "Fishermen said they had been given no warning and would lose a week of work.\n"
            "More stories\n"
            "Harbour Board Names New Chair After Long Search\n"
            "Ferry fares may rise again – here’s what commuters should know\n"
            "I rode every ferry in the bay. None ran on time\n")
    cleaning = Cleaner()(Page("list.txt", text))
    assert spans_of(text, cleaning.removed, "teaser") == [
        "Harbour Board Names New Chair After Long Search",
        "Ferry fares may rise again – here’s what commuters should know",
        "I rode every ferry in the bay. None ran on time"]


def test_a_related_list_ends_at_a_sentence() -> None:
    text = ("The council met on Monday and voted to close the pier after inspectors found storm damage.\n"
            "More stories\n"
            "Harbour Board Names New Chair After Long Search\n"
            "Repairs will start in spring, the council said.\n")
    cleaning = Cleaner()(Page("list2.txt", text))
    assert spans_of(text, cleaning.removed, "teaser") == ["Harbour Board Names New Chair After Long Search"]


def test_a_page_calling_itself_a_report_made_for_a_client_is_furniture() -> None:
    text = ("Press digest compiled for Quillwick Hub\n"
            "The council met on Monday and voted to close the pier after inspectors found storm damage.\n"
            "A report prepared for the council by engineers found the supports unsafe\n"
            "The annual report prepared for the board found the pier had lost money for a decade.\n")
    cleaning = Cleaner()(Page("digest.txt", text))
    assert spans_of(text, cleaning.removed, "boilerplate") == ["Press digest compiled for Quillwick Hub"]
    assert cleaning.removed and not any(s.kind == "credit" for s in cleaning.removed)


def test_a_first_line_the_page_credits_as_an_original_elsewhere_is_no_masthead() -> None:
    story = ("The council met on Monday and voted to close the pier after inspectors found storm damage to it.\n"
             "Fishermen said they had been given no warning and would lose a week of work while boats move.\n")
    credited = (f"Quillwick Ledger\n{story}Publisher: Quillwick Ledger\n"
                "View the original article at quillwickledger.org\n")
    cleaning = Cleaner()(Page("cards.txt", credited))
    assert spans_of(credited, cleaning.removed, "credit") == [
        "Publisher: Quillwick Ledger", "View the original article at quillwickledger.org"]
    # with no credit sending the reader elsewhere, the first line is the site's own name, and so is its footer
    own = f"Quillwick Ledger\n{story}© 2022 Quillwick Ledger\n"
    assert "© 2022 Quillwick Ledger" in spans_of(own, Cleaner()(Page("own.txt", own)).removed, "boilerplate")


def test_a_title_after_a_blank_line_under_a_related_list_is_not_one_of_its_items() -> None:
    text = ("The council met on Monday and voted to close the pier after inspectors found storm damage.\n"
            "More stories\n"
            "Harbour Board Names New Chair After Long Search\n"
            "Ferry fares may rise again – here’s what commuters should know\n"
            "\n"
            "Winter is back, and the island ferries will test the patience of their commuters\n"
            "\n"
            "The ferry company cut two evening sailings from its winter timetable, saying fewer people travel.\n")
    cleaning = Cleaner()(Page("list3.txt", text))
    teasers = spans_of(text, cleaning.removed, "teaser")
    assert "Ferry fares may rise again – here’s what commuters should know" in teasers
    assert "Winter is back, and the island ferries will test the patience of their commuters" not in teasers
