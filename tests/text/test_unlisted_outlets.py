"""bench.stitched --unlisted-outlets: outlets renamed to invented ones of the same shape, on the page and in its key."""

from __future__ import annotations

from bench.stitch import StitchedPage
from bench.stitched import OutletRenamer, unlist_outlets

from newsdesk.text.outlets import known_name


def test_every_form_of_an_outlet_gets_one_invented_name_of_its_shape() -> None:
    forms = OutletRenamer().forms("The Associated Press", ["AP", "Associated Press", "apnews.com"])
    new_name, new_initials = forms["The Associated Press"], forms["AP"]
    assert new_name.startswith("The ") and new_name.endswith(" Press") and known_name(new_name) is None
    assert new_initials == "".join(w[0] for w in new_name.split()[1:]) and known_name(new_initials) is None
    assert forms["Associated Press"] == new_name.removeprefix("The ")
    assert forms["apnews.com"] == new_initials.lower() + "news.com"
    # The same outlet is renamed the same way on every page of a run.
    assert OutletRenamer().forms("The Associated Press", ["AP"])["AP"] == new_initials
    # A name made only of kind words still changes.
    assert known_name(OutletRenamer().forms("The Guardian", ["Guardian"])["Guardian"]) is None


def test_the_page_and_its_key_are_renamed_alike() -> None:
    text = "LISBON, May 12 (AP) -- The vote passed.\n\nCopyright 2022 The Associated Press. See apnews.com/x"
    gold = {"stories": [{"id": "S1", "first": "LISBON, May 12 (AP) -- The vote passed.", "last": "See apnews.com/x",
                         "origin": "The Associated Press", "origin_aliases": ["AP", "apnews.com"],
                         "origin_evidence": ["LISBON, May 12 (AP)"]}]}
    page = unlist_outlets(StitchedPage("p1", "text", text, text, gold, ()), OutletRenamer())
    story = page.gold["stories"][0]
    assert "AP" not in page.content.split() and "Associated" not in page.content and "apnews" not in page.content
    assert story["first"] in page.content and story["last"] in page.content
    assert story["origin"] in page.content and story["origin_evidence"][0] in page.content
    assert "The vote passed." in page.content  # text that names no outlet is kept as it was
