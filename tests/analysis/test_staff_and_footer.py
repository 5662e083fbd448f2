"""A staff byline names its story's outlet unless the page names the site so; a copyright footer under
a story signed already is the site's furniture (invented pages, no real text)."""

from __future__ import annotations

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
