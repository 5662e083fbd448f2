"""Invented sentences for what TempEval-3 barely holds: clock times written as wire services and live
blogs write them, numbers that are not years, quotations that set their own day, hours "later" and days
of the month read out.

Each case: the sentence, the reference date (the page's), and every time expression the finder must
return as (covered text, TIMEX3 type, value); any other expression it returns is an error too. The
sentences are written for this file (no corpus text)."""

from __future__ import annotations

import datetime as dt

REFERENCE = dt.date(2022, 5, 23)

#: (sentence, [(text, type, value), ...])
CASES: list[tuple[str, list[tuple[str, str, str]]]] = [
    ("The ceasefire was due to start at 1200 GMT on Tuesday, the ministry said.",
     [("1200 GMT on Tuesday", "TIME", "2022-05-17T12:00")]),
    ("A curfew begins at 0900 local time across the region.", [("0900 local time", "TIME", "2022-05-23T09:00")]),
    ("Sirens sounded at 2215 GMT and again after midnight.",
     [("2215 GMT", "TIME", "2022-05-23T22:15"), ("midnight", "TIME", "2022-05-23T24:00")]),
    ("The convoy left the depot at 1430 hrs under escort.", [("1430 hrs", "TIME", "2022-05-23T14:30")]),
    ("13.44\nRescuers search the wreckage of a shopping centre.", [("13.44", "TIME", "2022-05-23T13:44")]),
    ("00:58 The mayor said power had been restored to most districts.", [("00:58", "TIME", "2022-05-23T00:58")]),
    ("Trading closed at 16.30 BST with the index slightly higher.", [("16.30 BST", "TIME", "2022-05-23T16:30")]),
    ("The camera records video at 1920 x 1200 pixels.", []),
    ("The new panel has a resolution of 2560×1440.", []),
    ("Police said 1500 people had gathered outside the court.", []),
    ("The team scored 2014 points over the season.", []),
    # a count with a thousands separator is one number ("000 years" is no duration)
    ("The dynasty ruled the valley for 2,000 years.", [("2,000 years", "DURATION", "P2000Y")]),
    ("Room 1200 of the hotel was booked under a false name.", []),
    ("Turnout stood at 13.44 percent by noon.", [("noon", "TIME", "2022-05-23T12:00")]),
    ("The fortress was built in 1390 and rebuilt in 1821.", [("1390", "DATE", "1390"), ("1821", "DATE", "1821")]),
    ("Fighting has continued since 2014, officials said.", [("2014", "DATE", "2014")]),
    ("“Today is March 1. Tomorrow I will wake up in a free city,” she wrote.",
     [("Today", "DATE", "2022-03-01"), ("March 1", "DATE", "2022-03-01"), ("Tomorrow", "DATE", "2022-03-02")]),
    ("“It is Sunday, February 27, and tomorrow we try again,” the volunteer said.",
     [("Sunday, February 27", "DATE", "2022-02-27"), ("tomorrow", "DATE", "2022-02-28")]),
    ("The talks resume tomorrow, a spokesman said.", [("tomorrow", "DATE", "2022-05-24")]),
    # hours from an untimed moment are a duration ("later" is TimeML's signal, outside the expression)
    ("Two hours later the generators failed again.", [("Two hours", "DURATION", "PT2H")]),
    # a day of the month read out, as broadcast transcripts write it
    ("The march is planned for Sunday, June fifth, organisers said.", [("Sunday, June fifth", "DATE", "2022-06-05")]),
    # a fiscal quarter is the calendar quarter holding most of its months (May to July: the second), and
    # the day it "ended" has passed
    ("Sales rose 4% in the quarter ended July 31, the company said.",
     [("the quarter", "DATE", "2021-Q2"), ("July 31", "DATE", "2021-07-31")]),
    # a past verb right before a day or a month dates what has happened, however near the coming one is
    ("Officials met on 3 June to discuss the plan.", [("3 June", "DATE", "2021-06-03")]),
    ("Talks collapsed in June and never resumed.", [("June", "DATE", "2021-06")]),
    # years "later" count from the last year the story named, not from the page's date
    ("She arrived in 2019 and left three years later.",
     [("2019", "DATE", "2019"), ("three years later", "DATE", "2022")]),
    # quarters as financial pages abbreviate them; a bare "Q3" only as a period ("in Q1"), not a label
    ("Revenue fell 3% in Q4 2021 and rose again in Q1.", [("Q4 2021", "DATE", "2021-Q4"), ("Q1", "DATE", "2022-Q1")]),
    ("See Q3 below for the details.", []),
    ("Revenue in the first quarter of fiscal 2023 rose.", [("the first quarter of fiscal 2023", "DATE", "2023-Q1")]),
    # a timetable told in the present ("ends Tuesday") is the coming day; a person's age is no duration
    ("The two-day summit ends Tuesday.", [("two-day", "DURATION", "P2D"), ("Tuesday", "DATE", "2022-05-24")]),
    ("The 40-year-old was charged on Friday.", [("Friday", "DATE", "2022-05-20")]),
    ("The tournament starts in November.", [("November", "DATE", "2022-11")]),
    # a number "at" which something happens is a clock time or a level, never a year; a 24-hour time
    # after "at" is a time, one that could be either half of the day needs its half named
    ("The plane left at 0600 GMT and landed at 1130.", [("0600 GMT", "TIME", "2022-05-23T06:00")]),
    ("The index closed at 2014, up three points.", []),
    ("At 3:30 in the morning the shelling began.", [("3:30 in the morning", "TIME", "2022-05-23T03:30")]),
    ("The last train left at 23:40, the operator said.", [("23:40", "TIME", "2022-05-23T23:40")]),
    ("The briefing starts at 3:30.", []),
]
