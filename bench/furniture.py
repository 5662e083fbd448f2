"""Furniture bench: lines in which a site speaks to its reader or of its page, set between a story's
paragraphs, and whether the cleaner removes them while keeping every paragraph.

    python -m bench.furniture

The lines are invented here, in two sets. `built_with` is the set the grammar in
`newsdesk.analysis.line_shapes` (`addresses_reader`, `about_the_page`) was written against;
`written_apart` was written after it and never used to change a rule: its figure is the one that
says whether the grammar reads furniture phrased as nobody showed it. Each line is set after the
story's second and after its fifth paragraph of an invented flood report. Needs no external data.
Prints its figures last, as one JSON line.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a file (`python bench/furniture.py`): the package `bench` is beside it
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.common import last_line
from newsdesk.analysis.clean import Cleaner
from newsdesk.model import Page

TITLE = "Floods recede in northern province as rescuers reach cut-off villages"
PARAGRAPHS = [
    "Officials in the northern province said on Tuesday that floodwaters had begun to recede after three days of "
    "heavy rain, allowing rescue teams to reach villages that had been cut off since the weekend.",
    "The regional governor told reporters that at least 14 people had died and more than 2,000 had been moved to "
    "temporary shelters in schools and sports halls across the province.",
    "Engineers were inspecting two bridges on the main highway, which remained closed to traffic, while farmers "
    "counted the cost of flooded fields just weeks before the harvest was due to begin.",
    "Forecasters warned that more rain was expected later in the week, and the national weather service kept its "
    "highest alert level in place for the river valleys in the east of the region.",
    "Aid groups said clean drinking water was the most urgent need, as several treatment plants had been damaged "
    "and wells in low-lying areas were contaminated.",
]
BUILT_WITH = """Share this article
Share on Facebook Share on Twitter Share via Email
Click to share on WhatsApp (Opens in new window)
Advertisement
Story continues below advertisement
Skip to main content
Posted in World News | Tagged floods, weather
Filed under: Asia, Disasters
Listen to this article
Reading time: 3 minutes
Updated 5 hours ago
Comments (12)
Print this page
Report an error
Trending now
Most read
Related Articles
You may also like
Recommended for you
Sign up for our weekly newsletter and get the top stories in your inbox.
Subscribe to our YouTube channel for more videos.
We use cookies to give you the best experience. By continuing to browse you agree to our use of cookies.
Accept all cookies
Leave a comment
Join the conversation
Comments are closed.
Please read our community guidelines before commenting.
Your email address will not be published.
Have a news tip? Email us at tips@example.org
Got a story? Contact our newsroom.
Download our app for breaking news alerts.
Enable notifications to get the latest updates.
Support independent journalism. Donate today.
Become a member for just $5 a month.
This article is for subscribers only.
Already a subscriber? Log in
Photo: Reuters
Image source: Getty Images
Watch: Floodwaters sweep through village
READ MORE: Storm leaves thousands without power
Next article
Previous post
Tags: floods, rain, rescue
About the author: Jane Doe covers climate for the site.
Follow us on Instagram
Copy link
Email this story
Show comments
Loading comments...
Back to top
All times are local.""".splitlines()
WRITTEN_APART = """Like what you read? Share it with your friends.
Never miss a story: turn on push notifications.
Get the best of our journalism delivered to your inbox.
Don't have an account? Register now.
Want more news like this? Follow our Telegram channel.
Help us keep this site free. Make a contribution.
We want to hear from you. Send your photos and videos to our team.
Join our WhatsApp community for daily updates.
This page was last reviewed in January.
This video can not be played
Click the bell icon to get notified.
Read our privacy notice to find out more.
Create a free account to continue reading.
You have reached your limit of free articles this month.
Thanks for reading! Consider supporting our work.
Listen to our podcast wherever you get your podcasts.
For the latest news, visit our homepage.
Found a typo? Let us know.
Write to the editor at letters@example.org
Keep up with the latest headlines on our live blog.""".splitlines()


def score(lines: list[str], cleaner: Cleaner, positions: tuple[int, ...]) -> dict[str, float]:
    found = placed = 0
    body_lost = 0
    for line in lines:
        for pos in positions:
            blocks = [TITLE, *PARAGRAPHS]
            blocks.insert(pos, line)
            text = "\n\n".join(blocks)
            cleaning = cleaner(Page("furniture.txt", text))
            at = text.index(line)
            placed += 1
            found += any(r.start <= at < r.end for r in cleaning.removed)
            body_lost += sum(any(r.start <= text.index(p) < r.end for r in cleaning.removed) for p in PARAGRAPHS)
    return {"lines": placed, "found": round(found / max(1, placed), 4), "paragraphs_lost": body_lost}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    started = time.perf_counter()
    cleaner = Cleaner()
    positions = (3, 6)  # after the second paragraph, and after the last
    figures = {name: score(lines, cleaner, positions) for name, lines in
               (("built_with", BUILT_WITH), ("written_apart", WRITTEN_APART))}
    for name, f in figures.items():
        print(f"{name:14} {f['found']:.3f} of {f['lines']} placed lines removed, "
              f"{f['paragraphs_lost']} paragraphs lost",
              file=sys.stderr)
    last_line({"bench": "furniture", **figures, "seconds": round(time.perf_counter() - started, 2)})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
