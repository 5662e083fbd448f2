"""split_credits: which story each credit line on a page names, for `newsdesk.analysis.split`.

A site puts its credit lines either under the stories they name or over them; where one stands between
two stories, the reading of the whole page under which no story gets two sources decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.model import Dateline, Evidence
from newsdesk.text.credit import Credit

#: Body text a credit line must close for it to end a story (less is a title between two credits).
MIN_CREDITED_CHARS = 120


@dataclass(slots=True)
class SplitUnit:
    """A kept block (body or structure) with what the splitter knows about it."""

    start: int
    end: int
    text: str
    role: str  # body, or structure:<kind>
    dateline: Dateline | None = None
    evidence: list[Evidence] = field(default_factory=list)
    cut_start: bool = False  # starts mid-sentence or mid-quotation
    cut_end: bool = False
    furniture_before: bool = False


def credit_readings(units: list[SplitUnit], clusters: dict[int, list[Credit]], sides: dict[int, str],
                     chars_before: list[int], last_body: int, opens_stories: bool,
                     ) -> list[tuple[int, list[Credit], bool, bool, list[bool]]]:
    """Each credit cluster in page order with whether body text stands above and below it, and
    for each of its credits whether it names the story above (True) or below, under one
    convention of the page (`opens_stories`)."""
    out = []
    last_cut = 0
    for at, cluster in sorted(clusters.items()):
        # A title between two credit lines is not a story: some body text must stand above.
        before = chars_before[at] - chars_before[last_cut] >= MIN_CREDITED_CHARS
        # Nor is a line or two of leftovers below the last credit: some body text must stand below too.
        after = last_body >= at and chars_before[-1] - chars_before[at] >= MIN_CREDITED_CHARS
        under_headline = at > 0 and units[at - 1].role.startswith("structure:")
        over_headline = at < len(units) and units[at].role.startswith("structure:")
        owners = credit_owners(cluster, before=before and not under_headline, after=after,
                               opens_stories=opens_stories and not over_headline)
        # A credit set against one side, with furniture on the other, names that side's story.
        for k, credit in enumerate(cluster):
            side = sides.get(credit.start)
            if side is not None and before and after:
                owners[k] = side == "above"
        if before and after:
            last_cut = at
        out.append((at, cluster, before, after, owners))
    return out


def two_source_stories(reading: list[tuple[int, list[Credit], bool, bool, list[bool]]]) -> int:
    """How many stories a reading of the credits gives two outlets."""
    named: list[set[str]] = [set()]
    for _, cluster, before, after, owners in reading:
        below: set[str] = set()
        for credit, names_above in zip(cluster, owners, strict=True):
            (named[-1] if names_above else below).update(o.name for o in credit.outlets)
        if before and after:
            named.append(below)
        else:
            named[-1] |= below
    return sum(len(names) > 1 for names in named)


def credits_open_stories(units: list[SplitUnit], clusters: dict[int, list[Credit]], body: list[int]) -> bool:
    """Whether this page puts its credit lines at the top of its stories: a site is consistent,
    so where its credits stand unambiguously (under a headline, above the first story, below
    the last) tells where it puts the ones standing between two stories."""
    tops = bottoms = 0
    for at, cluster in clusters.items():
        if not any(c.closes for c in cluster):
            continue
        if (at > 0 and units[at - 1].role.startswith("structure:")) or not (body and body[0] < at):
            tops += 1
        elif not (body and body[-1] >= at) or (at < len(units) and units[at].role.startswith("structure:")):
            bottoms += 1  # below the last story, or right above the next story's headline
    return tops > bottoms


def credit_owners(cluster: list[Credit], *, before: bool, after: bool, opens_stories: bool) -> list[bool]:
    """For each credit of a cluster (lines with no kept text between them), whether it names the
    story above it (True) or below it (False).

    A closing credit ends the story above, and bylines before it sign that story with it; what
    follows it opens the story below, and so does a second outlet's credit (a story has one
    source). With no body above, on a page whose credits open its stories, or right under a
    headline, the credits name the story below; with no body below, the story above."""
    if not after:
        return [True] * len(cluster)
    if not before or opens_stories:
        return [False] * len(cluster)
    last_closing = max((k for k, c in enumerate(cluster) if c.closes), default=-1)
    if last_closing < 0:
        # Bylines only, between two stories: the last opens the story below, and one naming
        # another outlet cannot sign that story too (a story has one source), so it signs the
        # story above.
        below = {o.name for o in cluster[-1].outlets}
        return [k < len(cluster) - 1 and bool({o.name for o in c.outlets} - below) for k, c in enumerate(cluster)]
    owners: list[bool] = []
    names_above: set[str] = set()
    going_above = True
    for k, credit in enumerate(cluster):
        names = {o.name for o in credit.outlets}
        if going_above and names_above and names and not names & names_above:
            going_above = False
        if k > last_closing:
            going_above = False
        owners.append(going_above)
        if going_above:
            names_above |= names
    return owners
