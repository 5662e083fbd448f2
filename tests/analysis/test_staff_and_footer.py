"""A staff byline names its story's outlet unless the page names the site so; a copyright footer under
a story signed already is the site's furniture (invented pages, no real text)."""

from __future__ import annotations

import pytest

from newsdesk.analysis.clean import Cleaner
from newsdesk.analysis.split import Splitter
from newsdesk.model import Page

FERRY = ("The harbour authority said on Monday that the north pier would close for repairs after inspectors "
         "found cracks in two of its supports and a loose railing.\n\n"
         "Engineers expect the work to take about four months, and ferries will use the south pier in the "
         "meantime, the authority said in a statement.\n\n")
FIRE = ("Firefighters spent the night fighting a blaze at a timber yard on the edge of the industrial estate, "
        "the county fire service said on Tuesday.\n\n"
        "No one was hurt, but the fire destroyed two warehouses and a lorry, and smoke could be seen from the "
        "motorway for several hours.\n\n"
        "Investigators said they would return to the yard once the ruins had cooled.\n\n")


def kinds_of(page: Page, line: str) -> list[str]:
    cleaning = Cleaner()(page)
    at = page.text.index(line)
    return [b.kind for b in cleaning.blocks if b.start == at]


def test_a_staff_byline_of_an_outlet_no_table_knows_signs_the_story_below() -> None:
    page = Page("staff.txt", "Quillmoor Ledger Staff\n\n" + FERRY + "Distributed on behalf of Quillmoor Ledger.\n")
    assert kinds_of(page, "Quillmoor Ledger Staff") == ["removed:credit"]
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Quillmoor Ledger"]


def test_a_staff_byline_naming_the_site_in_its_title_is_the_sites_own() -> None:
    page = Page("staff.txt", "Quillmoor Ledger Staff\n\n" + FERRY, title="Pier to close | Quillmoor Ledger")
    assert kinds_of(page, "Quillmoor Ledger Staff") == ["removed:boilerplate"]
    assert [s.origin for s in Splitter()(page, Cleaner()(page))] == [None]


def test_a_copyright_footer_under_a_signed_story_does_not_cut_it() -> None:
    # The line above the footer is furniture only the later rules see (a call to act), so the
    # cleaner's own footer rule leaves the copyright line a credit: the splitter must judge it.
    text = ("North pier to close for repairs\n\n" + FERRY
            + "Comments are closed for this story.\n\nBy John Roe, Quayside Journal\n\n" + FIRE
            + "Have an account already? Sign in\n\n© 2022 Brackwater Pulse. All rights reserved.\n")
    page = Page("foot.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == [None, "Quayside Journal"]
    assert "Brackwater Pulse" not in {e.agency for s in stories for e in s.evidence}


def test_a_copyright_line_right_under_an_unsigned_story_still_credits_it() -> None:
    text = "By Jane Doe, Harbour Light\n\n" + FERRY + FIRE + "© 2022 Brackwater Pulse\n"
    page = Page("credit.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert "Brackwater Pulse" in {s.origin for s in stories}


def test_a_lone_staff_byline_of_an_unknown_outlet_atop_the_page_is_the_sites_signature() -> None:
    # Nothing else on the page names it: the site signing its own page, not where the story came from.
    page = Page("staff.txt", "By Quillmoor Ledger Staff\n\n" + FERRY)
    assert kinds_of(page, "By Quillmoor Ledger Staff") == ["removed:boilerplate"]
    assert [s.origin for s in Splitter()(page, Cleaner()(page))] == [None]


@pytest.mark.parametrize("header", ["Updated 10:29 ET", "Posted by Wren Castellane on March 5, 2022"])
def test_a_staff_byline_over_a_header_line_between_two_stories_opens_the_story_below(header: str) -> None:
    # The header line under the byline is the byline's, not furniture closing the story above.
    text = FERRY + "By Quillmoor Ledger Staff\n\n" + header + "\n\n" + FIRE
    page = Page("staff.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == [None, "Quillmoor Ledger"]
    assert text[stories[1].start:].startswith("Firefighters")


def test_a_related_link_is_no_credit_line() -> None:
    # "Related: <headline>" links to another story: the headline is no outlet.
    text = FERRY + "Related: Timber Yard Owners Count The Cost\n\n" + FIRE
    page = Page("related.txt", text)
    assert kinds_of(page, "Related: Timber Yard Owners Count The Cost") == ["removed:teaser"]


WIRE_ONE = ("LISBON, May 3 (Reuters) - The port authority said on Tuesday that dock workers would return to "
            "work after a two-day strike over pay ended with a new agreement.\n\n"
            "Ships that had waited off the coast began to enter the harbour in the afternoon, it said.\n\n")
WIRE_TWO = ("OSLO, May 3 (AFP) - Norway's ferry operator said it would add two night crossings to the "
            "islands this summer after a record number of bookings.\n\n"
            "The extra crossings will run from June to August, the company said in a statement.\n\n")


def test_the_sites_copyright_under_every_story_is_no_storys_credit() -> None:
    # One holder under both stories, while each story's dateline names another outlet: the site's line.
    line = "Copyright © 2022 Quillmoor Ledger\n\n"
    text = WIRE_ONE + line + WIRE_TWO + line
    page = Page("wires.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Reuters", "AFP"]
    assert "Quillmoor Ledger" not in {e.agency for s in stories for e in s.evidence}


def test_a_repeated_copyright_agreeing_with_the_datelines_stays_each_storys_credit() -> None:
    line = "Copyright © 2022 Reuters\n\n"
    text = WIRE_ONE + line + WIRE_ONE.replace("LISBON", "PORTO") + line
    page = Page("wires.txt", text)
    stories = Splitter()(page, Cleaner()(page))
    assert [s.origin for s in stories] == ["Reuters", "Reuters"]
    assert all(any(e.kind == "credit" for e in s.evidence) for s in stories)
