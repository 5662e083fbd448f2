"""A story's metadata lines (posting time, reading time, byline with a time) told from a story's own lines."""

from __future__ import annotations

import pytest

from newsdesk.analysis.meta_lines import is_metadata_line, is_posting_line


@pytest.mark.parametrize("line", [
    "Story by Tomas Varga • 21 min ago",   # a byline and a relative time, set apart by a separator
    "Harbour Desk • 4 min read",            # a desk and a reading time
    "Posted 3 hours ago",                    # a participle and a relative time
    "Updated 10:29 ET",                      # a participle and a clock time
    "Clip length 02:41",                     # a label and a playing time
    "By Ada Lindqvist | June 4, 2019",      # a byline and a calendar date, set apart
    "Last revised 5 minutes ago",
    "Last updated: 4 June 2019",             # a label, a colon and a date
    "Elif Demir · 9h",
])
def test_metadata_lines_are_found_whatever_their_words(line: str) -> None:
    assert is_metadata_line(line)


@pytest.mark.parametrize("line", [
    "Talks resume at 10:30",                  # a clause: a verb before the time
    "Harbour reopens on June 4",              # a headline may close on a bare date
    "The ferry leaves at 10:30.",             # a sentence
    "Posted 3 hours ago.",                    # a full stop makes it a sentence
    "Ten vessels were diverted in 3 hours",   # too many words, a clause
    "Top 5 harbours",                         # a count, no time
    "He went 1-for-8 from the line in 3 hours",
    "",
])
def test_a_storys_own_lines_with_times_are_not_metadata(line: str) -> None:
    assert not is_metadata_line(line)


@pytest.mark.parametrize("line", [
    "Posted by Wren Castellane on March 5, 2022",   # who posted it and when, any verb of posting
    "Filed by Harbour Desk on 24 February 2022",
    "By Ada Lindqvist | June 4, 2019",
    "Written by Tomas Varga at 10:30 am",
])
def test_posting_lines_say_who_filed_a_story_and_when(line: str) -> None:
    assert is_posting_line(line)


@pytest.mark.parametrize("line", [
    "The bill was passed by Congress on May 4",      # a clause around the date
    "Ferries were diverted by the storm on May 4",  # "by" and no name
    "Harbour reopens on June 4",                     # no "by" at all
    "Posted by Wren Castellane",                     # no date or time
])
def test_a_storys_own_lines_with_by_and_a_date_are_no_posting_lines(line: str) -> None:
    assert not is_posting_line(line)
