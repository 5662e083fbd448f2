"""split_credits: which story each credit line on a page names, for `newsdesk.analysis.split`.

A site puts its credit lines either under the stories they name or over them; where one stands between
two stories, the reading of the whole page under which no story gets two sources decides. A story's
header line ("Updated 10:29 ET", "Posted by Jane Doe on May 4") travels with the credits beside it: a
byline over such a line still opens the story below it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from newsdesk.analysis.meta_lines import is_metadata_line, is_posting_line
from newsdesk.model import Dateline, Evidence, Span
from newsdesk.text.credit import Credit
from newsdesk.text.outlets import letters

#: Credit families that name the story below them by habit, not by a word of their own grammar.
OPENING_FAMILIES = frozenset({"byline", "staff_byline", "name_line"})

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


def credit_form(text: str, credit: Credit) -> str:
    """What a credit line says around its outlet, whoever the outlet is: its family, the words before its
    first outlet and the mark right after it, case folded, figures as 0 ("From X | yesterday" and "From Y |
    2 hrs ago" are one form; "Source: X, May 4" another). A site prints one form of line in one place."""
    if not credit.outlets:
        return ""
    first = credit.outlets[0]
    lead = re.sub(r"\d", "0", " ".join(text[credit.start:first.start].casefold().split()))
    after = text[first.end:credit.end].lstrip()[:1]
    return f"{credit.family}:{lead}<>{after}"


def _outlet_keys(credit: Credit) -> set[str]:
    return {letters(o.name) for o in credit.outlets}


def credit_readings(units: list[SplitUnit], clusters: dict[int, list[Credit]], sides: dict[int, str],
                    chars_before: list[int], last_body: int, opens_stories: bool,
                    forms: Mapping[int, str] | None = None,
                    ) -> list[tuple[int, list[Credit], bool, bool, list[bool]]]:
    """Each credit cluster in page order with whether body text stands above and below it, and
    for each of its credits whether it names the story above (True) or below, under one
    convention of the page (`opens_stories`).

    `forms` (`credit_form` of each credit, by its start): a credit between two stories with nothing else to
    tell its side goes the way the lines of its form point where the page leaves no doubt (over the first
    story or under a headline: down; under the last story: up), on a site that mixes credits over and
    under its stories."""
    out: list[tuple[int, list[Credit], bool, bool, list[bool]]] = []
    last_cut = 0
    # each form's directions where its position decides them, with the outlets each names
    settled: dict[str, list[tuple[bool, set[str]]]] = {}
    open_credits: list[tuple[int, int]] = []  # (reading entry, credit) between two stories, side untold
    for at, cluster in sorted(clusters.items()):
        # A title between two credit lines is not a story: some body text must stand above.
        before = chars_before[at] - chars_before[last_cut] >= MIN_CREDITED_CHARS
        # Nor is a line or two of leftovers below the last credit: some body text must stand below too.
        after = last_body >= at and chars_before[-1] - chars_before[at] >= MIN_CREDITED_CHARS
        under_headline = at > 0 and units[at - 1].role.startswith("structure:")
        over_headline = at < len(units) and units[at].role.startswith("structure:")
        owners = credit_owners(cluster, before=before and not under_headline, after=after,
                               opens_stories=opens_stories and not over_headline)
        # A credit set against one side, with furniture on the other, names that side's story; but a
        # credit line whose grammar points down ("Full article from X below:") is not turned upwards by a
        # caption under it (a byline may sign a story at its foot, so its side still counts).
        for k, credit in enumerate(cluster):
            side = sides.get(credit.start)
            if side is not None and before and after and not (side == "above" and introduces(credit)):
                owners[k] = side == "above"
            elif before and after and not under_headline:
                open_credits.append((len(out), k))
            elif forms and credit.start in forms and credit.closes:
                settled.setdefault(forms[credit.start], []).append((owners[k], _outlet_keys(credit)))
        if before and after:
            last_cut = at
        out.append((at, cluster, before, after, owners))
    if forms:
        for entry, k in open_credits:
            credit = out[entry][1][k]
            # only other outlets' lines tell the site's habit: one holder's line under every story is the site's own
            way = {down for down, names in settled.get(forms.get(credit.start, ""), [])
                   if not names & _outlet_keys(credit)}
            if credit.closes and len(way) == 1:
                out[entry][4][k] = next(iter(way))
    return out


def settle_lone_credits(reading: list[tuple[int, list[Credit], bool, bool, list[bool]]], foot: int,
                        divided: Callable[[int, int], bool]) -> list[tuple[int, list[Credit], bool, bool, list[bool]]]:
    """The reading with each credit line between two stories that names one outlet moved to the other
    story where the story it was given already has another outlet's credit and the other story has
    none: a site may put some credits over their stories and some under them, and which side has no
    credit of its own tells which story a lone credit names. Not where the text of the story it was given
    is itself divided (`divided(a, b)`: a strong soft cue of a change of story between units a and b): its
    two outlets may be two stories still to be cut apart. Copyright lines below the last body text (`foot`:
    the first unit past it) count for no story here: they may be the site's own."""
    out = [(at, cluster, before, after, list(owners)) for at, cluster, before, after, owners in reading]
    # where each story of the reading starts, and the end of the last
    cuts = [0, *(at for at, _, before, after, _ in out if before and after), foot]

    def names_per_story() -> tuple[list[set[str]], list[int]]:
        named: list[set[str]] = [set()]
        story_of: list[int] = []  # for each between-stories cluster, the index of the story above it
        for at, cluster, before, after, owners in out:
            below: set[str] = set()
            for credit, names_above in zip(cluster, owners, strict=True):
                if at >= foot and credit.family == "copyright":
                    continue
                (named[-1] if names_above else below).update(letters(o.name) for o in credit.outlets)
            if before and after:
                story_of.append(len(named) - 1)
                named.append(below)
            else:
                story_of.append(-1)
                named[-1] |= below
        return named, story_of

    for k, (_, cluster, before, after, owners) in enumerate(out):
        outlets = {letters(o.name) for c in cluster for o in c.outlets}
        if not (before and after) or len(outlets) != 1 or len(set(owners)) != 1:
            continue
        named, story_of = names_per_story()
        above = story_of[k]
        given, other = (above, above + 1) if owners[0] else (above + 1, above)
        if named[given] - outlets and not named[other] and not divided(cuts[given], cuts[given + 1]):
            out[k] = (out[k][0], cluster, before, after, [not owners[0]] * len(owners))
    return out


def introduces(credit: Credit) -> bool:
    """Whether a credit line's own grammar says it introduces the text below it: a credit phrase that
    would close the story above, turned by a colon at its end ("Full article from X below:",
    "Original story:"); not a byline or name line, which open the story below only by habit."""
    return not credit.closes and credit.family not in OPENING_FAMILIES


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


def credit_side(blocks: Sequence[Span], j: int, text: str) -> str | None:
    """Which side the credit line `blocks[j]` is set against: "above" when body text runs right up to
    it and furniture follows it, "below" the other way round; None when both sides or neither touch
    body text. Other credits, captions and a story's header lines next to it are looked past: "By Jane Doe,
    Harbour Times" over "Updated 10:29 ET" over a paragraph is set against the story below."""

    def beside(k: int) -> bool:
        kind = blocks[k].kind
        if kind in ("removed:credit", "removed:caption"):
            return True  # a caption stands inside a story, as its credit does: the text past it is that story's
        line = text[blocks[k].start:blocks[k].end]
        return kind == "removed:boilerplate" and (is_metadata_line(line) or is_posting_line(line))

    def touches(step: int) -> bool:
        k = j + step
        while 0 <= k < len(blocks) and beside(k):
            k += step
        return 0 <= k < len(blocks) and not blocks[k].kind.startswith("removed:")

    above, below = touches(-1), touches(+1)
    if above == below:
        return None
    return "above" if above else "below"


#: Evidence that signs a story by where it stands: its dateline and the bylines given to it.
_SIGNING = frozenset({"dateline", "byline", "staff_byline"})


def repeated_site_copyrights(units: list[SplitUnit], credits: list[tuple[int, Credit]]) -> set[tuple[int, int]]:
    """Copyright lines of one holder printed under several stories of the page, where a story one of
    them closes carries another outlet's dateline, byline or credit line set over its text: the
    republishing site's own line, printed under every story whatever its source, not each story's
    credit (offsets of their outlets). A holder whose stories' signs agree with it, or carry none, is
    left to the other rules."""
    positions = sorted({at for at, _ in credits})
    by_holder: dict[str, list[tuple[int, Credit]]] = {}
    for at, credit in credits:
        if credit.family == "copyright" and credit.outlets:
            by_holder.setdefault(letters(credit.outlets[0].name), []).append((at, credit))
    out: set[tuple[int, int]] = set()
    for holder, lines in by_holder.items():
        if len({at for at, _ in lines}) < 2:
            continue
        for at, _ in lines:
            # the text this line closes: from the credit line above it (or the page's top) down to it
            top = max((p for p in positions if p < at), default=0)
            # another outlet's dateline, byline, or credit line set over the text (a story's copyright line
            # elsewhere may be the site's footer, the very question asked here)
            text_start = next((u.start for u in units[top:at] if u.role == "body"), None)
            others = {letters(e.agency) for u in units[top:at] for e in u.evidence
                      if e.weight >= 1.0 and (e.kind in _SIGNING or (
                          e.kind == "credit" and text_start is not None and e.start < text_start))} - {holder}
            if others:
                out |= {(o.start, o.end) for _, c in lines for o in c.outlets}
                break
    return out
