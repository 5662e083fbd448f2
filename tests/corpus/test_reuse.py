"""Text reuse: passage alignment, the incremental candidate index, direction and clusters (invented news)."""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
import pickle
import random
import zlib

import pytest

from newsdesk.analysis.origin import find_evidence
from newsdesk.corpus.reuse import index as reuse_index
from newsdesk.corpus.reuse.align import Link, Passage, ReuseConfig, align, clusters, words
from newsdesk.corpus.reuse.direction import Side, direction, strong_cues
from newsdesk.corpus.reuse.index import ReuseIndex
from newsdesk.errors import ConfigError, StoreError

DATELINE = "KYIV, May 22 (Reuters) - "
BODY = (
    "Ukraine's president said on Sunday that talks with the grain exporters of the Black Sea region would "
    "resume next week, after a convoy of lorries carrying sunflower seed reached the port of Izmail overnight.\n\n"
    "Officials at the port said fourteen vessels were waiting to load and that the harbour master had "
    "extended working hours until the end of the month to clear the backlog of shipments.\n\n"
    "The agriculture ministry said exports in May were expected to reach about two million tonnes, "
    "roughly half of what the country shipped a year earlier before the blockade began."
)
STORY = DATELINE + BODY
WIRE_PAGE = "Reuters.com | World | Europe\n\n" + STORY + "\n\nReporting by Olena Harmash; Editing by Jane Merriman"
HEADER = "The Valley Gazette | Home | Local | Sport | Weather\nSubscribe to our daily newsletter\n\n"
LOCAL = (
    "\n\nIn other news, the town council voted on Tuesday to repaint the footbridge over the river Wensum "
    "in its original green, after residents complained that the grey chosen last spring looked like a prison fence. "
    "The work is due to start in August and should take about three weeks, the council said."
)
FOOTER = "\n\nShare this article on Facebook\nFollow us on Twitter"
COPY_PAGE = HEADER + STORY + LOCAL + FOOTER
OTHER = (
    "Heavy rain flooded dozens of homes in the north of the county on Friday, and firefighters used boats to "
    "reach an elderly couple trapped on the upper floor of their cottage near the old mill. The Environment "
    "Agency issued three flood warnings and said river levels would stay high through the weekend, while "
    "the county council opened the village hall as a rest centre for families who had to leave their homes."
)


def story_span(page: str) -> tuple[int, int]:
    """Where STORY sits in a page: from its first word to the end of its last word (the final '.' excluded)."""
    start = page.index(STORY)
    return start, start + len(STORY) - 1


def test_wire_story_inside_a_longer_page_is_one_passage_with_exact_offsets() -> None:
    passages = align(COPY_PAGE, WIRE_PAGE)
    assert len(passages) == 1
    p = passages[0]
    assert (p.a_start, p.a_end) == story_span(COPY_PAGE)
    assert (p.b_start, p.b_end) == story_span(WIRE_PAGE)
    assert p.similarity == 1.0
    assert COPY_PAGE[p.a_start:p.a_end] == WIRE_PAGE[p.b_start:p.b_end]


def test_rewrapped_lines_and_changed_letters_still_align_as_one_passage() -> None:
    mangled = (STORY.replace("talks with the", "talks\nwith the").replace("\n\n", " ")
               .replace("president", "presidnet").replace("fourteen", "fourtean").replace("tonnes", "tonnez")
               .replace("harbour master", "harbour\nmaster"))
    page = "Breaking | " + mangled + LOCAL
    passages = align(page, WIRE_PAGE)
    assert len(passages) == 1
    p = passages[0]
    assert (p.a_start, p.a_end) == (page.index("KYIV"), page.index(mangled) + len(mangled) - 1)
    assert (p.b_start, p.b_end) == story_span(WIRE_PAGE)
    assert 0.9 < p.similarity < 1.0


def test_unrelated_stories_share_nothing() -> None:
    assert align(WIRE_PAGE, OTHER) == []
    assert align(OTHER, LOCAL) == []


def test_empty_and_tiny_texts_align_to_nothing() -> None:
    assert align("", WIRE_PAGE) == []
    assert align("Breaking news.", "Breaking news.") == []


def test_passages_shorter_than_the_minimum_are_dropped() -> None:
    sentence = "Officials at the port said fourteen vessels were waiting to load."
    assert align(OTHER + " " + sentence, LOCAL + " " + sentence) == []  # 65 shared characters < 150


def test_align_refuses_what_is_not_text() -> None:
    with pytest.raises(TypeError, match="a_text must be a str, not NoneType"):
        align(None, "text")  # type: ignore[arg-type]


def test_config_is_validated() -> None:
    with pytest.raises(ConfigError, match=r"reuse\.seed_words"):
        ReuseConfig(seed_words=0)
    with pytest.raises(ConfigError, match=r"reuse\.min_similarity"):
        ReuseConfig(min_similarity=1.5)
    with pytest.raises(ConfigError, match=r"reuse\.max_gap_words"):
        ReuseConfig(max_gap_words=-1)


# -- the index -------------------------------------------------------------------------------------

def test_index_is_incremental_and_reports_containment() -> None:
    index = ReuseIndex()
    assert index.add("wire", WIRE_PAGE) == []            # nothing before it
    assert index.add("flood", OTHER) == []               # unrelated
    found = index.add("gazette", COPY_PAGE)              # compared with the two pages before it
    assert [c.page_id for c in found] == ["wire"]
    cand = found[0]
    assert cand.shared >= 10
    assert cand.contained_old > 0.85                     # nearly all of the wire page is in the copy
    assert cand.contained_new < cand.contained_old       # the copy holds more than the wire story
    assert len(index) == 3 and "gazette" in index
    # a later copy of the story is aligned with its earliest holder only (the gazette holds nothing
    # more of it) …
    again = index.add("gazette-2", "Weekend edition\n\n" + STORY)
    assert [c.page_id for c in again] == ["wire"]
    # … unless every holder is asked for
    every = ReuseIndex(ReuseConfig(earliest_copies=False))
    for page_id, text in (("wire", WIRE_PAGE), ("flood", OTHER), ("gazette", COPY_PAGE)):
        every.add(page_id, text)
    assert {c.page_id for c in every.add("gazette-2", "Weekend edition\n\n" + STORY)} == {"wire", "gazette"}


def test_a_later_copy_holding_more_of_the_new_page_stays_a_candidate() -> None:
    """The earliest holder of the story is kept; a later page is kept too when it holds another story
    the new page also carries, and a page holding nothing new is not."""
    index = ReuseIndex()
    index.add("wire", WIRE_PAGE)
    index.add("flood", OTHER)
    index.add("digest", COPY_PAGE + "\n\n" + OTHER)            # both stories, after both sources
    index.add("gazette", COPY_PAGE)                             # the wire story again, nothing new
    found = index.add("roundup", "Morning roundup\n\n" + STORY + "\n\n" + OTHER)
    assert sorted(str(c.page_id) for c in found) == ["flood", "wire"]


def test_a_short_copied_passage_inside_a_long_page_is_a_candidate() -> None:
    index = ReuseIndex()
    index.add("wire", WIRE_PAGE)
    paragraph = BODY.split("\n\n")[1]  # one paragraph, 170 characters
    filler = " ".join(f"filler{k}" for k in range(1500))  # a long page of other things
    long_page = filler[:6000] + "\n\n" + paragraph + "\n\n" + filler[6000:]
    found = index.add("digest", long_page)
    assert [c.page_id for c in found] == ["wire"]
    assert found[0].contained_new < 0.1
    passages = align(long_page, WIRE_PAGE)
    assert len(passages) == 1
    assert long_page[passages[0].a_start:passages[0].a_end] == paragraph[:-1]


def test_empty_or_tiny_pages_have_no_candidates_and_raise_nothing() -> None:
    index = ReuseIndex()
    index.add("wire", WIRE_PAGE)
    assert index.add("empty", "") == []
    assert index.add("tiny", "Ukraine's president said on Sunday that talks would resume.") == []
    assert "empty" not in index and index.stats()["tiny"] == 2


def test_index_refuses_bad_input_by_name() -> None:
    index = ReuseIndex()
    index.add("wire", WIRE_PAGE)
    with pytest.raises(ValueError, match="'wire' was added already"):
        index.add("wire", WIRE_PAGE)
    with pytest.raises(TypeError, match="page 'x': text must be a str"):
        index.add("x", b"bytes")  # type: ignore[arg-type]


def site_page(k: int, footer: str) -> str:
    return f"Story number {k}. " + " ".join(f"word{k}x{i}" for i in range(60)) + footer


def test_a_short_boilerplate_line_on_many_pages_is_no_reuse() -> None:
    index = ReuseIndex()
    pages = [site_page(k, FOOTER) for k in range(12)]
    for k, page in enumerate(pages):
        assert index.add(f"p{k}", page, site="gazette.example") == []
    assert align(pages[0], pages[1]) == []


def test_a_sites_long_furniture_is_learnt_and_then_ignored() -> None:
    furniture = ("\n\nAbout us: The Valley Gazette has served the towns of the valley since 1887. Our newsroom is "
                 "independent and funded by readers like you. To report a correction, write to the editor at our "
                 "office on the High Street, or call the news desk any weekday between nine and five.")
    cfg = ReuseConfig()
    index = ReuseIndex(cfg)
    answers = [index.add(f"p{k}", site_page(k, furniture), site="gazette.example") for k in range(8)]
    learnt = cfg.site_boilerplate_pages - 1
    assert all(answers[k] == [] for k in range(learnt, 8))  # once learnt, the footer links nothing
    assert index.boilerplate > 0
    page = site_page(99, furniture)
    spans = index.furniture(page)
    # winnowing samples the shingles, so the marked stretch may stop a few words short of each end
    assert len(spans) == 1 and page.index("About us") <= spans[0][0] < page.index("About us") + 60
    assert len(page) - 60 < spans[0][1] <= len(page)
    ignore = index.furniture_shingles(page)
    assert align(page, site_page(98, furniture)) != []          # the text is shared …
    assert align(page, site_page(98, furniture), ignore=ignore) == []  # … but it is furniture
    # another site carrying the wire story is still found, furniture or not
    assert [c.page_id for c in index.add("wire", WIRE_PAGE + furniture, site="reuters.example")] == []
    assert [c.page_id for c in index.add("copy", COPY_PAGE, site="other.example")] == ["wire"]


def test_a_story_a_site_republishes_on_a_few_of_its_pages_is_not_its_furniture() -> None:
    """A content farm with 40 pages carries the wire story on 4 of them: that is reuse, not furniture
    (furniture is on a share of the site's pages: `site_boilerplate_share`); its footer, on all of
    them, is furniture."""
    furniture = ("\n\nAbout us: The Valley Gazette has served the towns of the valley since 1887. Our newsroom is "
                 "independent and funded by readers like you. To report a correction, write to the editor at our "
                 "office on the High Street, or call the news desk any weekday between nine and five.")
    index = ReuseIndex()
    index.add("wire", WIRE_PAGE, site="reuters.example")
    found = []
    for k in range(40):
        page = site_page(k, furniture) + ("\n\n" + STORY if k % 10 == 9 else "")
        found.append({c.page_id for c in index.add(f"p{k}", page, site="farm.example")})
    copies = [k for k in range(40) if k % 10 == 9]
    assert all("wire" in found[k] for k in copies)  # the fourth copy is still linked to the wire story
    assert all(not found[k] for k in range(40) if k not in copies and k >= 3)  # the footer links nothing
    assert index.boilerplate > 0


def test_a_story_held_by_many_pages_is_indexed_for_its_first_holders_only() -> None:
    """Past `max_holders` pages a story's fingerprints are not indexed again, yet every later copy still
    finds the wire story; the pages beyond are counted, so past `max_df` pages it is a stock phrase."""
    index = ReuseIndex(ReuseConfig(max_holders=3))
    index.add("wire", WIRE_PAGE)
    postings = [index.stats()["postings"]]
    for k in range(8):
        found = index.add(f"copy{k}", f"Edition {k}\n\n" + STORY)
        assert [c.page_id for c in found] == ["wire"]
        postings.append(index.stats()["postings"])
    added = [after - before for before, after in itertools.pairwise(postings)]
    assert added[0] > 10 and all(n <= 2 for n in added[2:])  # only the edition line once it has three holders
    stock = ReuseIndex(ReuseConfig(max_holders=2, max_df=5))
    for k in range(5):
        answer = stock.add(f"copy{k}", f"Edition {k}\n\n" + STORY)
    assert answer and stock.boilerplate == 0  # the fifth page of it: still reuse
    assert stock.add("copy5", "Edition 5\n\n" + STORY) == [] and stock.boilerplate > 0  # the sixth: stock


def test_index_round_trips_through_its_saved_state() -> None:
    index = ReuseIndex(ReuseConfig(min_shared=3))
    index.add("wire", WIRE_PAGE, site="reuters.example")
    index.add("flood", OTHER, site="gazette.example")
    index.add(7, "too short to index")
    blob = index.to_bytes()
    state = json.loads(blob)
    assert (state["format"], state["version"]) == ("newsdesk.corpus.reuse.index", 1)
    assert state["ids"] == ["wire", "flood"] and state["sites"] == ["reuters.example", "gazette.example"]
    restored = ReuseIndex.from_bytes(blob)
    assert restored.config == index.config and restored.stats() == index.stats()
    assert restored.to_bytes() == blob
    expected = index.add("gazette", COPY_PAGE, site="gazette.example")
    assert [c.page_id for c in expected] == ["wire"]
    assert restored.add("gazette", COPY_PAGE, site="gazette.example") == expected
    with pytest.raises(TypeError, match="must be a str or an int"):
        index.add(("a", "tuple"), OTHER)  # type: ignore[arg-type]


def _old_index(text: str) -> bytes:
    return zlib.decompress(base64.b64decode("".join(text.split())))


#: Indexes pickled by newsdesk before the JSON state (ReuseConfig(min_shared=3); WIRE_PAGE on reuters.example,
#: then OTHER on gazette.example), made by `ReuseIndex.to_bytes` at commit 0e5cfab (the last before the modules
#: moved to newsdesk.corpus.reuse) and at e29badb (the first that stored an index: 12 settings, max_df 500,
#: no per-site page counts, no capped postings); zlib and base64 here.
PICKLED_0E5CFAB = _old_index(
    "eNrtmltIFFEYx2fcC+uau4IlbFpYIaxEW5bZBfOCD5LDrpsSPaROu+7ZnbF1Z5lLut5KSDM81cOeJBJMjC6CIFJQmVkPEUFEUZBp"
    "L/vQi+JbJBnCdnbWbY2k3uX8hpkz35z/N3ycc57+fBd017/tolRgVgC0SB4gnbWJQJEAywc8oHVvAYKb15tA0FgTi46rQRjld6NO"
    "ZIX6RiHg5X0Imv5MQjBNlVfEp1V9PbIyOsbCDFSWRuI1MFocGu3DZkbDaCpLPx5QsfdlMvv7mDLghlqW90ixRKht4UX8V53XLwge"
    "BKCBDSjNbiBKsTI4E0NxZoZWoJENunyAlXgZizOxJBiysY2CCGz4HYh8Iy6M9YpCs1vxeoGIC7MOUBnUb2iKQCAQCAQCgUAgEAgE"
    "wkYGQZ1qGODRI4eCAIURTOEL0eW+S6gGWRkNpIuRw+GoimLUB0PJyG2ntD0I0hVIxqqkAdEGELclaS5k4juVrDGBQCAQCAQCgUAg"
    "EAgb21zgclSjgMtVbQK92qKgNi9AswgUGYiSDbS6moN+gBgKmn2uNiDLIPmNVmCamqQaDGomQzF07FJgKhsUJJkP+CTE0ThyJqLV"
    "Rg1okICvGQTkWDMFVhjY2ngcF8SMishqoTO66OhKx1DKmG0pVFV+LidPPzD+ehZtNwkFnQZbbd67U5ro2HKkyLCjWFvtf350tmL2"
    "Q/6NrpJXkUfK/Ylxu79762S6Ml/bEXk8XZd+qOHFYsPOkw33znzOWLxVcrMv2DGyALh0g1h0d1J3ot/Zxi5f6ZYWRtseusMDZYPP"
    "un6UDH+v+6Q9rx2cMzzdbemerp4/nf/gWK94cJ8wmbmnf6pnRZ8dWgiHZ55U1xuP3G43K6blkcLxqejVCWkh9PLioLPpzpDl7Vz2"
    "pvLwl5ZIe67lp/VN09f3SyvOrJr2FcRZYIpyOOnqcNv+9nSYnMROxZYmuLo09JpxbaPIek0j/2okof+jSfwfn5lkIb3I7ZLceOd4"
    "X0AQgQddQ9CUCFiXKLpCyAGNrBJQ+3WwAG+7jsXHIIQPlOLuRbZfDNtu7g=="
)
PICKLED_E29BADB = _old_index(
    "eNrtml9IU1Ecx3fdH+bKTbCEpYUVwiRaGWZ/MEt8iLxsLiV6SL1t7mz32rY77p90808N0gxP9bDTiAQToz+CIFJQmVkPEUFE0UOm"
    "veyhF8XHkozBOrtzzUjqXc4H7j33d8/3nvvjd87Tl99F7Y3pnSoFWBgA7aIbiOesApBFwHABN+jYU47gprUmEDQ0pKITShBFZRHU"
    "jSxQ18oHPJwXQeOfHyG4QZHXpqcVfTOy0FraTMeOH42nc6A1ODTYhk20mlbbvlH0PuCCGoZziykx1LRzAl5J6/HxvBsBqGcCst8F"
    "BDH1a9ZIq1gTTcnQwASdXsCInITFBVgSDFmZVl4AVvwMBK4VJ8N4BN7vkj0eIOBkLDFVvuo3lIpAIBAIBAKBQCAQCATCegZBrWIY"
    "4NEthYIARRHM4SrQlf7LqAFZaDWkqpDdbq9LYpQbrZKQy6bS9CJI1SIJq7IGRBggdnPWXCjAVy6pMYFAIBAIBAKBQCAQCOvbXGCL"
    "FaOALVFsAp3SoqA0L0CTAGQJCKIVdDj9QR9AtAqavM4wkCSQfUfJMJcJ8qLEBbwiYikcOTLRSgsG1IvA6wcBKdUygRV6pjEdpwUp"
    "OyK+ks6MNjma6BrKGbMuhepqzheX6mLjb2bRNiNf3q23Npa+P61Oji3HK/XbqzT1vheHZ2tnP5bd7Kl+HX8sP5gYt/kiWybz5PnG"
    "rviT6aa8Ay0vF1t2nGq5f/Zz/uLt6lv9wa6RBcDm6YXKe5PakwOOMLN8NSIujIYfuaKxY4PPe35UD39v+qS5oBmc0z/bZY5M18+f"
    "KXt4pE/Yv5efLNg9MNWb0BWFFqLRmaf1zYZDdzpNsnF5pGJ8KnltQlwIvbo06Gi7O2R+N1e0sSb6pT3eWWL+aXnb9vXDUsJR2NCZ"
    "QKwZ5sgHs94Nu/Vv54YuzuxHqjTBldJQq8bV7SBrtYb8q12E+o8msz4+GdlE+pDLKbrwznHeAC8AN7qOoDETME5BcIaQHWoZvO8h"
    "fE5kVx+y/gKtPVyM"
)


@pytest.mark.parametrize(("blob", "config"), [(PICKLED_0E5CFAB, ReuseConfig(min_shared=3)),
                                              (PICKLED_E29BADB, ReuseConfig(min_shared=3, max_df=500))])
def test_an_index_pickled_by_an_older_newsdesk_migrates_on_loading(blob: bytes, config: ReuseConfig) -> None:
    old = ReuseIndex.from_bytes(blob)
    assert old.config == config  # the stored settings rule; knobs added since take their defaults
    fresh = ReuseIndex(config)
    fresh.add("wire", WIRE_PAGE, site="reuters.example")
    fresh.add("flood", OTHER, site="gazette.example")
    assert old.stats() | {"segments": 0} == fresh.stats() | {"segments": 0}
    assert old.to_bytes()[:1] == b"{"  # saved again as JSON
    assert ReuseIndex.from_bytes(old.to_bytes()).add("gazette", COPY_PAGE, site="gazette.example") \
        == fresh.add("gazette", COPY_PAGE, site="gazette.example") != []


def test_a_damaged_or_foreign_state_is_a_store_error_and_runs_nothing() -> None:
    good = ReuseIndex()
    good.add("wire", WIRE_PAGE)
    state = json.loads(good.to_bytes())
    damaged = [b"not an index", b"", good.to_bytes()[:-40], PICKLED_0E5CFAB[:-30],
               json.dumps({**state, "version": 2}).encode(), json.dumps({**state, "ids": []}).encode(),
               json.dumps({**state, "config": {"min_shared": 0}}).encode(),
               pickle.dumps(("something", 1)), pickle.dumps(("newsdesk.reuse_index/1", 1))]
    for blob in damaged:
        with pytest.raises(StoreError, match=r"ND-E020.*reuse index: the stored state cannot be read"):
            ReuseIndex.from_bytes(blob)
    # A pickle naming anything but the index's own classes is refused before it is called.
    with pytest.raises(StoreError, match=r"posix\.system is not part of a pickled reuse index"):
        ReuseIndex.from_bytes(b"\x80\x04cposix\nsystem\n\x8c\x04true\x85R.")


def test_index_counts_exactly_what_a_brute_force_count_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """Through buffer flushes, segment merges, the filter and a round trip through the saved state."""
    monkeypatch.setattr(reuse_index, "_BUFFER_POSTINGS", 300)  # flush and merge often
    rng = random.Random(3)
    vocabulary = [f"v{i}" for i in range(60)]  # small: pages share many shingles
    cfg = ReuseConfig(max_df=10**9, min_shared=1, max_candidates=10**6, site_boilerplate_pages=10**6,
                      earliest_copies=False)
    index = ReuseIndex(cfg)
    seen: list[tuple[int, set[int]]] = []
    for k in range(600):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(30, 120)))
        mine = set(reuse_index.fingerprints(words(text), cfg).tolist())
        found = {c.page_id: c.shared for c in index.add(k, text)}
        assert found == {j: len(mine & theirs) for j, theirs in seen if mine & theirs}
        seen.append((k, mine))
        if k == 300:
            index = ReuseIndex.from_bytes(index.to_bytes())
    assert index.stats()["segments"] >= 1


# -- direction ---------------------------------------------------------------------------------------

def one_passage(a: str, b: str) -> Passage:
    passages = align(a, b)
    assert len(passages) == 1
    return passages[0]


def test_direction_the_side_with_the_wire_dateline_is_the_source() -> None:
    """On the agency's own site the dateline makes it the source; on a page whose site is not known it is
    weak evidence alone (a farm may add a dateline as well as strip one)."""
    copy = HEADER + BODY + LOCAL  # the dateline was dropped
    verdict = direction(Side(copy, site="valleygazette.example"), Side(WIRE_PAGE, site="reuters.com"),
                        one_passage(copy, WIRE_PAGE))
    assert verdict.verdict == "a_copied_b"
    assert ("origin", "b") in [(c.rule, c.source) for c in verdict.evidence]
    assert "Reuters" in next(c.detail for c in verdict.evidence if c.rule == "origin")
    weak = direction(Side(copy), Side(WIRE_PAGE), one_passage(copy, WIRE_PAGE))
    assert weak.verdict == "unknown" and ("origin", "b") in [(c.rule, c.source) for c in weak.evidence]


def test_direction_both_carrying_the_dateline_is_no_evidence() -> None:
    verdict = direction(Side(COPY_PAGE), Side(WIRE_PAGE), one_passage(COPY_PAGE, WIRE_PAGE))
    assert verdict.verdict == "unknown" and not any(c.rule == "origin" for c in verdict.evidence)


def test_direction_the_side_whose_story_names_the_agency_is_the_source() -> None:
    a, b = HEADER + BODY, BODY + LOCAL
    verdict = direction(Side(a, origin="AP", site="apnews.com"), Side(b, site="farm.example"), one_passage(a, b))
    assert verdict.verdict == "b_copied_a"
    verdict = direction(Side(a), Side(b, has_dateline=True), one_passage(a, b))
    assert ("origin", "b") in [(c.rule, c.source) for c in verdict.evidence]


def test_direction_the_earlier_date_is_the_source() -> None:
    a, b = HEADER + BODY, BODY + LOCAL
    verdict = direction(Side(a, date=dt.date(2022, 5, 24)), Side(b, date=dt.date(2022, 5, 22)), one_passage(a, b))
    assert verdict.verdict == "a_copied_b"
    assert verdict.evidence[0].rule == "date"
    same_day = direction(Side(a, date=dt.date(2022, 5, 22)), Side(b, date=dt.date(2022, 5, 22)), one_passage(a, b))
    assert same_day.verdict == "unknown"


def test_direction_strong_clues_that_disagree_give_unknown() -> None:
    copy = HEADER + BODY + LOCAL
    verdict = direction(Side(copy, date=dt.date(2022, 5, 20), site="valleygazette.example"),
                        Side(WIRE_PAGE, date=dt.date(2022, 5, 22), site="reuters.com"),
                        one_passage(copy, WIRE_PAGE))
    assert verdict.verdict == "unknown"
    assert {"origin", "date"} <= {c.rule for c in verdict.evidence}


def test_direction_a_copy_cut_off_mid_sentence_at_the_end_of_its_page_is_the_copy() -> None:
    full = HEADER + BODY + LOCAL
    cut = "Latest | " + BODY[:BODY.index("roughly half") + len("roughly half")]
    verdict = direction(Side(full), Side(cut), one_passage(full, cut))
    assert verdict.verdict == "b_copied_a"
    assert "truncation" in [c.rule for c in verdict.evidence]
    # cut at the end of a sentence: no clue
    whole = "Latest | " + BODY
    assert direction(Side(full), Side(whole), one_passage(full, whole)).verdict == "unknown"


def test_direction_a_copy_with_furniture_inside_the_story_is_the_copy() -> None:
    first, rest = BODY.split("\n\n", 1)
    ad = "\n\nREAD MORE: Ten best beaches\n\n"
    copy = first + ad + rest
    start = copy.index(ad) + 2
    furniture = ((start, start + len("READ MORE: Ten best beaches")),)
    verdict = direction(Side(copy, furniture=furniture), Side(BODY), one_passage(copy, BODY))
    assert verdict.verdict == "a_copied_b"
    assert [c.rule for c in verdict.evidence] == ["furniture"]


def test_direction_without_evidence_is_unknown() -> None:
    a, b = HEADER + BODY, BODY + LOCAL
    assert direction(Side(a), Side(b), one_passage(a, b)).verdict == "unknown"


def test_a_pages_wire_marks_found_once_are_those_found_in_the_passage() -> None:
    """`strong_cues` searches only around outlet names: it finds what `find_evidence` finds at wire-mark
    weight, and `direction` given them says what it says searching the passage itself."""
    told = ("\n\nA Reuters witness saw the grain corridor open on Tuesday, and the Associated Press could not "
            "independently verify the port's account that repairs had begun.\n\n"
            "(Reporting by Olena Harmash; Editing by Jane Merriman)\n")
    page = COPY_PAGE + told + " ".join(f"filler{k}" for k in range(400))
    expected = tuple(c for c in find_evidence(page, 0) if c.weight >= 1.5)
    assert len(expected) >= 2 and strong_cues(page) == expected
    assert strong_cues(OTHER) == ()
    start = page.index("A Reuters witness")
    passage = Passage(start, start + len(told) - 4, 0, len(told) - 4, 1.0)
    plain = Side("x" * len(told))
    searched = direction(Side(page), plain, passage)
    given = direction(Side(page, cues=strong_cues(page)), plain, passage)
    assert given == searched and given.verdict == "b_copied_a"


def test_direction_refuses_a_passage_outside_its_text() -> None:
    with pytest.raises(ValueError, match="side b: passage"):
        direction(Side(WIRE_PAGE), Side("short"), Passage(0, 10, 0, 50, 1.0))


# -- clusters ----------------------------------------------------------------------------------------

def test_clusters_group_the_copies_of_one_passage() -> None:
    pages = {"wire": WIRE_PAGE, "gazette": COPY_PAGE, "digest": "Digest\n\n" + STORY + "\n\n" + OTHER}
    links = [Link("gazette", "wire", one_passage(pages["gazette"], pages["wire"])),
             Link("digest", "wire", one_passage(pages["digest"], pages["wire"])),
             Link("digest", "gazette", one_passage(pages["digest"], pages["gazette"]))]
    groups = clusters(links)
    assert len(groups) == 1
    assert sorted(str(c.page_id) for c in groups[0]) == ["digest", "gazette", "wire"]
    for copy in groups[0]:
        assert pages[str(copy.page_id)][copy.start:copy.end] == STORY[:-1]
    assert clusters([]) == []
    with pytest.raises(ConfigError, match="min_overlap"):
        clusters(links, min_overlap=0)
