"""split: the separate reports a page was stitched from, each with its origin and dateline.

A boundary goes wherever the page switches from one report to another. The evidence, strongest
first:

0. a credit line ("The post … appeared first on X", "© 2022 X", "Source: X") closes the report
   above it, and a byline ("By Jane Doe, X") opens the report below it, wherever there is body
   text on both sides (`newsdesk.text.credit`); a caption may carry one after its description
   ("… Story and photo courtesy of X"). Which way a line between two reports points is read for
   the whole page (`split_credits`), then a lone credit goes to the side with no credit of its own;
1. a wire dateline opens a block ("KYIV, May 22 (Reuters) –"): a new report starts there, together
   with the headline, subheading or summary bullets right above it;
2. the outlet changes: the text before is signed or speaks of itself as one outlet ("a CNN
   correspondent"), the text after as another (a domain and the outlet it spells are one:
   `newsdesk.text.outlets.same_outlet`); the cut goes in between, where the other cues below
   are strongest. A cue of the text alone (not a credit or a dateline) must be backed by a cue
   below, since reports relay each other's reporting;
3. a transliteration changes ("Zelenskiy" throughout, then "Zelensky" throughout): a house style
   switch, weak on its own, so it needs a cue below to place the cut;
4. a block that starts mid-sentence or mid-quotation: a stitched page cut a report there;
5. the topic changes (lexical cohesion, see `newsdesk.analysis.segment`), helped a little by a heading or
   furniture in the gap, and much by a headline the paragraph below it takes up ("Blaze spreads to hills above
   Corinth" over "A second wildfire broke out … in the hills above Corinth") while the text above shares none of
   its words: two reports of one event share their words, so the topic model alone sees one story. The topic
   model is told where 0 and 1 already cut, and a paragraph of a line or two, too short for it to place,
   goes with the side it shares words with (else the story above: a report often closes on a short line,
   while its first paragraph names its who and what). A
   one-line paragraph right above a dateline that shares words with the report below is its title.
   Where nothing but the text stands in the gap (no heading, furniture, header line, credit or
   dateline), a cut is not made through what runs on across it (`newsdesk.analysis.split_continuity`):
   a sentence or quotation left open above and closed below, or, for a cut the topic alone asks for,
   names both sides keep writing (one report drifting from the shooting to the suspect's job).

Where a cut must fall between two outlets (2, 3), the gap is chosen by the soft cues, the cohesion of
the two sides, a headline or subheading opening the gap (the second report's title), and how the paragraph
after it opens (`line_shapes.opening_shape`: bringing in something new, "A bomb exploded…", or referring
back, "The police said…" after police were named), and
whether it names afresh someone the text above called by the bare name ("Pierre Thomas was placed…" after
"Thomas said…": a second report of the same event, `split_continuity.reintroduced_names`) or goes on by the bare
name about someone the text above named in full ("Quill said…" after "Mara Quill said…": the same report,
`split_continuity.carried_names`).

Subheadings alone never cut: a report has subheadings. A story's origin comes only from its own
evidence (`newsdesk.analysis.origin`); with none, it is None.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from newsdesk.analysis.line_shapes import SENTENCE_END, is_bullet, opening_shape, word_count
from newsdesk.analysis.meta_lines import is_metadata_line, is_posting_line
from newsdesk.analysis.origin import decide_origin, find_evidence, match_dateline, origin_scores, page_evidence
from newsdesk.analysis.segment import STOPWORDS, TopicSegmenter
from newsdesk.analysis.split_continuity import (
    block_names,
    carried_names,
    carries_across,
    carries_on,
    lower_case_words,
    names_run_through,
    paragraph_names,
    proper_names,
    reintroduced_names,
)
from newsdesk.analysis.split_credits import (
    SplitUnit,
    credit_form,
    credit_readings,
    credit_side,
    credits_open_stories,
    repeated_site_copyrights,
    settle_lone_credits,
    two_source_stories,
)
from newsdesk.errors import check_numbers
from newsdesk.model import Cleaning, Evidence, Page, Span, Story
from newsdesk.text.credit import Credit, copyright_holder, find_credit
from newsdesk.text.keys import skeleton
from newsdesk.text.outlets import KIND_WORDS, same_outlet
from newsdesk.text.sites import names_on_page

#: Credit families whose grammar names the text itself ("Story and photo courtesy of X", "This article first ran
#: in X"), not a picture: the only ones a caption's sentence is read for.
_STORY_CREDITS = frozenset({"courtesy", "published_on", "republished", "appeared_first", "read_original"})


def caption_credit(caption: str, offset: int, names: Collection[str] = ()) -> Credit | None:
    """The story's credit a caption carries after its description ("Officials at the site. Story and photo
    courtesy of X."), or None: a sentence past the first that is a credit line naming the text, not a
    photo credit ("Photo: Jane Doe/X", "Credit: X")."""
    for m in _CAPTION_SENTENCE.finditer(caption):
        if m.start() == 0:
            continue
        credit = find_credit(m.group(), offset + m.start(), names)
        if credit is not None and credit.family in _STORY_CREDITS:
            return credit
    return None


#: A caption's sentences: each up to a full stop, question or exclamation mark and the space after it.
_CAPTION_SENTENCE = re.compile(r"[^\s].*?(?:[.!?](?=\s|$)|$)")


class TopicScorer(Protocol):
    """Scores every gap between consecutive blocks: how strongly the topic changes there, in [0, 1]."""

    def scores(self, blocks: Sequence[str], known: Collection[int] = ...) -> list[float]: ...


@dataclass(frozen=True, slots=True)
class SplitConfig:
    """The splitter's knobs and the weights of its soft cues, defaults in one place."""

    #: A soft cut is made where the soft cues add up to this.
    cut_threshold: float = 0.6
    #: Weight of the topic-change score (in [0, 1]) among the soft cues.
    topic_weight: float = 1.0
    #: A block that starts mid-sentence or mid-quotation.
    truncation_weight: float = 0.8
    #: The block before ends cut off mid-sentence.
    cut_end_weight: float = 0.15
    #: A heading, headline or summary bullets open the block.
    heading_weight: float = 0.1
    #: A headline or subheading that the paragraph below it takes up (`Splitter._echoed_heading`: "Second climber
    #: dies at Mt Cook" over "Two men have died in separate climbing accidents at Mt Cook"): a report's headline,
    #: which its lead restates, not a section heading ("What happens next"), which names nothing the text does.
    headline_weight: float = 0.9
    #: Removed furniture (teasers, captions…) sits in the gap.
    furniture_weight: float = 0.1
    #: A story's metadata line ("Story by Jane Doe • 2 hours ago", "Updated 10:29 ET") sits in the gap,
    #: above the block and any heading over it: the header a site prints over each story.
    header_weight: float = 0.4
    #: A cut placed only on a spelling switch needs at least this much soft evidence.
    spelling_support: float = 0.3
    #: Blocks beyond the evidence on each side used to place a cut that must fall between two outlets.
    cohesion_window: int = 3
    #: Weight of that placement's posterior (in [0, 1]) against the soft cues.
    cohesion_weight: float = 0.5
    #: A story made by a soft cut keeps at least this many body characters on each side.
    min_story_chars: int = 300
    #: ... except a piece opened by a block cut off at its start, which keeps at least this many.
    truncated_story_chars: int = 120
    #: What a soft cut needs beyond `cut_threshold` inside a span a credit line closes or a byline opens.
    credited_extra: float = 0.4
    #: An outlet change told only by the text's own cues needs at least this much soft evidence.
    agency_change_support: float = 0.15
    #: A paragraph of at most this many words is too short for the topic model to place on one side of
    #: a boundary next to it (`Splitter._fold_short_blocks`); 0 turns that off.
    short_block_words: int = 15
    #: Weight, in placing a cut that must fall between two outlets, of how the paragraph after a gap
    #: opens (`opening_shape`: +1 it brings in something new, -1 it carries on the text above).
    opening_weight: float = 0.2
    #: Weight, in placing a cut that must fall between two outlets, of a paragraph whose first sentence names in
    #: full someone the text above it wrote by the bare name (`split_continuity.reintroduced_names`).
    reintroduction_weight: float = 0.6
    #: Weight against placing such a cut before a paragraph that refers back by the bare name to someone the text
    #: above it named in full (`split_continuity.carried_names`: "Mara Quill said …" then "Quill said …").
    carried_name_weight: float = 0.6
    #: Weight, in placing a cut that must fall between two outlets, of a headline or subheading opening the gap:
    #: two reports of one event share their words, so the topic model cannot place the cut, while the second
    #: report's headline stands right above it ("Second climber dies at Mt Cook" over its first paragraph).
    heading_placement_weight: float = 0.4
    #: What a cut asked for by the topic alone needs beyond `cut_threshold` where the paragraph after it repeats
    #: a proper name of the story above (`split_continuity`): a report keeps naming its own people.
    continuity_extra: float = 0.4
    #: A cut the topic alone asks for, with nothing else in the gap, is not made where the two sides share at
    #: least this many names (`split_continuity.names_run_through`; 0 turns that off) ...
    continuity_names: int = 2
    #: ... or share one name written in at least this many paragraphs of the two together.
    continuity_mentions: int = 4

    def __post_init__(self) -> None:
        check_numbers(self, "split", ("cut_threshold", "topic_weight", "truncation_weight", "cut_end_weight",
                                      "heading_weight", "headline_weight", "furniture_weight", "header_weight",
                                      "spelling_support", "cohesion_weight", "agency_change_support", "credited_extra",
                                      "opening_weight", "continuity_extra", "reintroduction_weight",
                                      "carried_name_weight", "heading_placement_weight"))
        check_numbers(self, "split", ("cohesion_window",), whole=True, minimum=1)
        check_numbers(self, "split", ("min_story_chars", "truncated_story_chars", "short_block_words",
                                      "continuity_names", "continuity_mentions"), whole=True)


_NAME = re.compile(r"\b[A-Z][a-z’'-]{3,}(?:[A-Z][a-z]+)?\b")

#: A sum of soft cues within this of a bar reaches it: the topic model's posterior of a certain boundary comes out
#: a hair under 1 (.99999…), and a cut it is sure of must pass a bar set at 1.
_CERTAIN = 1e-3

_ARTICLES = frozenset({"a", "an", "the"})

#: A heading of fewer words is not read as a report's headline (`Splitter._echoed_heading`).
_HEADLINE_WORDS = 4

#: Evidence of where a story sits and who signed it (not of what its text says).
_POSITIONAL = frozenset({"credit", "byline", "dateline"})


class Splitter:
    """Cuts a cleaned page into stories; built once, used for many pages (it holds no page state)."""

    def __init__(self, topics: TopicScorer | None = None, config: SplitConfig | None = None) -> None:
        self.topics = topics
        self.config = config or SplitConfig()

    def __call__(self, page: Page, cleaning: Cleaning) -> list[Story]:
        units, credits, sides = self._units(page, cleaning)
        if not units:
            return []
        headers = self._story_headers(page.text, cleaning, units)
        site_footer = any(s.kind == "boilerplate" and copyright_holder(page.text[s.start:s.end])
                          for s in cleaning.removed)
        footer = self._footer_credits(units, credits, site_footer)
        forms = {credit.start: credit_form(page.text, credit) for _, credit in credits}
        cuts, site_footer_credits = self._cuts(units, credits, sides, footer, headers, forms)
        if (footer and len(cuts) > 1) or site_footer_credits:
            # Several stories and one copyright line at the bottom: it cannot be every story's
            # credit, and whether it is the last story's or the site's, the page does not say.
            # A copyright footer under a story that is signed already is the site's: no story's.
            for k, unit in enumerate(units):
                drop = site_footer_credits | (footer if k >= cuts[-1][0][0] else set())
                unit.evidence = [e for e in unit.evidence if (e.start, e.end) not in drop]
        # The page's markup speaks for the whole page: it is a story's evidence only where the page
        # holds one story (on a page of several, which one it means the markup does not say).
        marked = page_evidence(page.meta, page.url, units[0].start) if len(cuts) == 1 else []
        return [self._story(units[a:b], reasons, marked) for (a, b), reasons in cuts]

    # -- what each kept block carries
    def _units(self, page: Page, cleaning: Cleaning,
               ) -> tuple[list[SplitUnit], list[tuple[int, Credit]], dict[int, str]]:
        """The kept blocks; each credit with the index of the unit it stands before; and which side each
        credit touches, by its start ("above": body text runs up to it and furniture follows it;
        "below": the other way round)."""
        text = page.text
        removed_by_start = sorted(cleaning.removed, key=lambda s: s.start)
        removed_starts = [s.start for s in removed_by_start]
        credit_spans = [s for s in removed_by_start if s.kind == "credit"]
        credit_starts = [s.start for s in credit_spans]
        names = names_on_page(page.title, [text[b.start:b.end] for b in cleaning.blocks if b.end - b.start <= 600])
        units: list[SplitUnit] = []
        credits: list[tuple[int, Credit]] = []
        sides: dict[int, str] = {}
        last_end = 0
        blocks = cleaning.blocks
        for j, block in enumerate(blocks):
            if block.kind in ("removed:credit", "removed:caption"):
                line = text[block.start:block.end]
                credit = find_credit(line, block.start, names) if block.kind == "removed:credit" else \
                    caption_credit(line, block.start, names)
                if credit is not None:
                    credits.append((len(units), credit))
                    side = credit_side(blocks, j, text)
                    if side is not None:
                        sides[credit.start] = side
            if block.kind.startswith("removed:"):
                continue
            unit = SplitUnit(block.start, block.end, text[block.start:block.end], block.kind)
            # Any removed span starting in [last_end, block.start): found by bisection, pages can have thousands.
            unit.furniture_before = bool(units) and bisect.bisect_left(removed_starts, last_end) < bisect.bisect_left(
                removed_starts, block.start)
            last_end = block.end
            if unit.role == "body":
                found = match_dateline(unit.text, unit.start, page.reference_date)
                if found:
                    unit.dateline = found.dateline
                    if found.evidence:
                        unit.evidence.append(found.evidence)
                removed_here = removed_by_start[bisect.bisect_left(removed_starts, unit.start):
                                                bisect.bisect_left(removed_starts, unit.end)]
                unit.evidence.extend(e for e in find_evidence(unit.text, unit.start)
                                     if not any(s.start <= e.start < s.end and s.kind != "link_residue"
                                                for s in removed_here))
                lo = bisect.bisect_left(credit_starts, unit.start)
                for span in credit_spans[lo:bisect.bisect_left(credit_starts, unit.end)]:
                    # a credit that ends this paragraph closes its story here
                    if unit.start <= span.start < unit.end:
                        credit = find_credit(text[span.start:span.end], span.start, names)
                        if credit is not None:
                            credits.append((len(units) + 1, credit))
                            sides[credit.start] = "above"
            units.append(unit)
        for flag in cleaning.flags:
            for unit in units:
                if unit.start <= flag.start < unit.end:
                    if flag.kind == "truncated_start" and flag.start == unit.start:
                        unit.cut_start = True
                    elif flag.kind == "truncated_end":
                        unit.cut_end = True
        return units, credits, sides

    # -- where the cuts go
    def _cuts(self, units: list[SplitUnit], credits: list[tuple[int, Credit]], sides: dict[int, str],
              footer: set[tuple[int, int]], headers: Collection[int] = (), forms: Mapping[int, str] | None = None,
              ) -> tuple[list[tuple[tuple[int, int], tuple[str, ...]]], set[tuple[int, int]]]:
        """Where stories start, with why; and the outlets (offsets) of the copyright lines found to be
        the site's footer (`_site_copyrights`), which sign no story."""
        cfg = self.config
        n = len(units)
        reasons: dict[int, list[str]] = {0: ["page_start"]}

        def cut(index: int, why: str) -> None:
            reasons.setdefault(self._attach_headings(units, index), []).append(why)

        self._credit_cuts(units, credits, sides, cut, headers, forms)
        for i, unit in enumerate(units):
            if i and unit.dateline is not None:
                # Summary bullets right above a dateline are that story's highlights, as wires print them.
                top = i
                while top > 1 and units[top - 1].role == "body" and is_bullet(units[top - 1].text) and (
                        word_count(units[top - 1].text) <= 30):
                    top -= 1
                cut(top, "dateline")
        # The topic model is told where credits and datelines already cut: a boundary it knows of
        # draws no mass onto the gaps around it, and the pieces between are weighed on their own.
        cues = self.gap_cues(units, known=set(reasons) - {0}, headers=headers)
        soft = self._weigh(cues)
        self._lift_titles(units, reasons)
        site_copyrights = self._site_copyrights(units, credits, sides, max(reasons)) | repeated_site_copyrights(
            units, credits)
        footer = footer | site_copyrights
        body_text = "\n".join(u.text for u in units if u.role == "body")
        lower_words = lower_case_words(body_text)
        page_names = proper_names(body_text, lower_words)
        # a surname of three letters ("Lee", "Orr") names someone as well as a longer one, where a name is asked
        # for by its form in full and then bare; the other continuity cues keep to four letters
        short_names = proper_names(body_text, lower_words, shortest=3)
        # The outlet changes between two pieces of strong evidence: one cut in between, at the best gap.
        # A copyright line at the page's foot may be the site's own: it cannot force a cut above it.
        strong = [(i, e.agency, e.kind in _POSITIONAL) for i, u in enumerate(units) for e in u.evidence
                  if e.weight >= 1.0 and (e.start, e.end) not in footer]
        for (a, agency_a, signed_a), (b, agency_b, signed_b) in itertools.pairwise(strong):
            # Two outlets in one block cannot be cut apart here; decide_origin will say it is unsure.
            # One outlet however it is cased or articled ("Stuff" and "STUFF", "The Guardian" and "Guardian"),
            # and a domain is the outlet it spells ("hkgnews.com" and "HKG News"): no change of source.
            if a < b and not any(a < c <= b for c in reasons) and not same_outlet(agency_a, agency_b):
                best = self._best_gap(units, a, b, soft, (short_names, lower_words))
                # A cue of the text alone may be another outlet's reporting relayed: it needs support.
                if (signed_a and signed_b) or soft[best] >= cfg.agency_change_support:
                    cut(best, "agency_change")
        for a, b in self._spelling_switches(units):
            if any(a < c <= b for c in reasons):
                continue
            best = self._best_gap(units, a, b, soft, (short_names, lower_words))
            if soft[best] >= cfg.spelling_support:
                cut(best, "spelling_change")
        # Soft cuts, strongest first, while both sides keep enough body text. A credit line that
        # closes a story, or a byline that opens one, says where that story ends or begins: inside
        # the span it signs, a soft cue must be stronger, except a block cut off at its start (a
        # stitched page cut a report there, whoever signed the text around it).
        closing = {c for c, why in reasons.items() if "credit" in why}
        outlet_words = self._outlet_words(units)
        # Each paragraph's names, read once: every candidate cut compares the two sides it would part.
        unit_names = [paragraph_names(u.text, page_names, lower_words) if u.role == "body" else frozenset[str]()
                      for u in units]
        opening = {c for c, why in reasons.items() if "byline" in why}
        # A credit at the page's foot signs the last story as a credit cut signs the one above it.
        foot_closers = [i for i, credit in credits if credit.closes and sides.get(credit.start) != "below"
                        and not any((o.start, o.end) in footer for o in credit.outlets)]
        for g in sorted(range(1, n), key=lambda g: -soft[g]):
            if soft[g] < cfg.cut_threshold:
                break
            at = self._attach_headings(units, g)
            if at in reasons or not self._room_for(units, sorted(reasons), at):
                continue
            before = max(c for c in reasons if c < at)
            after = min((c for c in reasons if c > at), default=n)
            signed = after in closing or before in opening or (after == n and any(i >= at for i in foot_closers))
            if signed and soft[g] < cfg.cut_threshold + cfg.credited_extra - _CERTAIN and not units[g].cut_start:
                continue
            why = "truncation" if units[g].cut_start else "topic"
            if why == "topic" and soft[g] < cfg.cut_threshold + cfg.continuity_extra and \
                    carries_on(units, before, at, page_names, lower_words):
                continue
            # Nothing in the gap but the text itself (no heading, furniture, header line, credit or
            # dateline): the cut must not part what runs through it.
            bare = at == g and not any(cues[g].get(k) for k in ("heading", "furniture", "header", "cut_end"))
            if bare and self._runs_through(units, before, at, min((c for c in reasons if c > at), default=n),
                                           why, unit_names, outlet_words):
                continue
            reasons[at] = [why]
        starts = sorted(reasons)
        return [((a, b), tuple(reasons[a])) for a, b in zip(starts, [*starts[1:], n], strict=False)], site_copyrights

    @classmethod
    def _story_headers(cls, text: str, cleaning: Cleaning, units: list[SplitUnit]) -> set[int]:
        """Units where a story's header opens: a metadata or posting line ("Story by Jane Doe • 2 hours
        ago", "Posted by Jane Doe on May 4, 2013") the cleaner removed between a body block and the
        next one, with any heading below it, is the header a site prints over each story; the gap
        opens at that heading.
        Above the page's first body text it says nothing (the page's own header)."""
        body = [i for i, u in enumerate(units) if u.role == "body"]
        meta = [b.start for b in cleaning.blocks
                if b.kind == "removed:boilerplate" and (is_metadata_line(text[b.start:b.end])
                                                        or is_posting_line(text[b.start:b.end]))]
        out: set[int] = set()
        for above, below in itertools.pairwise(body):
            lo, hi = units[above].end, units[below].start
            k = bisect.bisect_left(meta, lo)
            if k < len(meta) and meta[k] < hi:
                out.add(cls._attach_headings(units, below))
        return out

    def _lift_titles(self, units: list[SplitUnit], reasons: dict[int, list[str]]) -> None:
        """A dateline opens a report's first paragraph: a one-line paragraph right above it (headings
        aside) that shares more words with the report below than with the text above is that
        report's title or standfirst, one the cleaner took for body text (a headline put as a
        question, say), so the report starts there."""
        for at in sorted(reasons):
            j = at - 1
            if j < 1 or "dateline" not in reasons[at] or j in reasons or units[j].role != "body":
                continue
            line = units[j].text
            # a title: one phrase, not closed by a full stop (a question may be one)
            if (word_count(line) <= self.config.short_block_words and not units[j].cut_start
                    and not SENTENCE_END.search(line.strip()) and not line.rstrip("”’\"' ").endswith(".")):
                above, below = self._shared_words(units, j)
                if below > above:
                    reasons[self._attach_headings(units, j)] = reasons.pop(at)

    def _shared_words(self, units: list[SplitUnit], j: int, reach: int = 2) -> tuple[int, int]:
        """How many of unit j's content words the `reach` body blocks above it use, and the ones below."""
        own = set(self._words(units[j].text)) - STOPWORDS
        above = [u for u in units[:j] if u.role == "body"][-reach:]
        below = [u for u in units[j + 1:] if u.role == "body"][:reach]
        return (len(own & {w for u in above for w in self._words(u.text)}),
                len(own & {w for u in below for w in self._words(u.text)}))

    @staticmethod
    def _footer_credits(units: list[SplitUnit], credits: list[tuple[int, Credit]],
                        site_footer: bool) -> set[tuple[int, int]]:
        """Copyright lines below the last body text on a page where no story above carries a credit
        of its own and the site has no copyright footer of its own elsewhere: the site's footer as
        likely as the last story's credit (offsets of their outlets)."""
        body = [i for i, u in enumerate(units) if u.role == "body"]
        if not body:
            return set()
        tail = [c for at, c in credits if at > body[-1]]
        above = [c for at, c in credits if at <= body[-1]]
        if tail and not above and all(c.family == "copyright" for c in tail) and not site_footer:
            return {(o.start, o.end) for c in tail for o in c.outlets}
        return set()

    @staticmethod
    def _site_copyrights(units: list[SplitUnit], credits: list[tuple[int, Credit]], sides: dict[int, str],
                         last_start: int) -> set[tuple[int, int]]:
        """Copyright lines at the page's foot, below all body text and set off from it by furniture (or right
        under the text of a story credited by a line over its text), under a last story already signed by
        another outlet (its own byline, credit or dateline): the site's footer, not a second source of that
        story, so they cannot cut it (offsets of their outlets). Any other copyright line right under the
        text, or under an unsigned story, may be the story's own credit and is left to the other rules."""
        body = [i for i, u in enumerate(units) if u.role == "body"]
        if not body:
            return set()
        tail = [c for at, c in credits if at > body[-1] and c.family == "copyright"]
        offsets = {(o.start, o.end) for c in tail for o in c.outlets}
        signing = [e for u in units[last_start:] for e in u.evidence
                   if (e.kind in _POSITIONAL or e.kind == "staff_byline") and e.weight >= 1.0
                   and (e.start, e.end) not in offsets]
        # A story credited over its text (a credit line or byline above its first block) has its credit: another
        # holder's copyright right under its text is the site's too. Else only one set off by furniture.
        top = units[next((k for k in body if k >= last_start), body[-1])].start
        over = any(e.start < top for e in signing)
        tail = [c for c in tail if over or sides.get(c.start) != "above"]
        signed = {e.agency for e in signing}
        out: set[tuple[int, int]] = set()
        for credit in tail:
            if signed and not any(same_outlet(o.name, name) for o in credit.outlets for name in signed):
                out |= {(o.start, o.end) for o in credit.outlets}
        return out

    def _credit_cuts(self, units: list[SplitUnit], credits: list[tuple[int, Credit]], sides: dict[int, str],
                     cut: Callable[[int, str], None], headers: Collection[int] = (),
                     forms: Mapping[int, str] | None = None) -> None:
        """A credit closes the story above it (a byline opens the one below) where body text stands
        on both sides; its outlet becomes evidence of the story it names."""
        body = [i for i, u in enumerate(units) if u.role == "body"]
        # Body characters before each unit, so that each credit's question is answered in O(1).
        chars_before = [0]
        for u in units:
            chars_before.append(chars_before[-1] + (len(u.text) if u.role == "body" else 0))
        last_body = body[-1] if body else -1
        last_cut = 0
        # Credit lines with no kept text between them are one sign-off ("Jane Doe, Reuters" over
        # "© 2022 Reuters"): together they close the story above, unless all of them are bylines.
        clusters: dict[int, list[Credit]] = {}
        for at, credit in credits:
            clusters.setdefault(at, []).append(credit)
        # Where the site puts its credits (above or below the stories they name): the reading under
        # which no story is credited to two outlets (a story has one source), else the page's votes.
        votes = credits_open_stories(units, clusters, body)
        readings = {opens: credit_readings(units, clusters, sides, chars_before, last_body, opens, forms)
                    for opens in (False, True)}
        conflicts = {opens: two_source_stories(reading) for opens, reading in readings.items()}
        opens_stories = votes if conflicts[True] == conflicts[False] else conflicts[True] < conflicts[False]
        foot = last_body + 1
        untold: list[float] = []

        def divided(a: int, b: int) -> bool:
            # the soft cues of the page told nothing of the credits, read once and only when asked
            if not untold:
                untold.extend(self._soft_scores(units, headers=headers))
            return any(untold[g] >= self.config.cut_threshold for g in range(a + 1, min(b, len(units))))

        for at, cluster, before, after, owners in settle_lone_credits(readings[opens_stories], foot, divided):
            if before and after:
                # "credit": a credit closes the story above; "byline": one opens the story below.
                if any(owners):
                    cut(at, "credit")
                if not all(owners):
                    cut(at, "byline")
                last_cut = at
            elif after and not all(owners):
                cut(last_cut, "byline")  # a byline under a headline: the story opened at the last cut is signed
            above = units[at - 1] if at > 0 else None
            below = units[min(at, len(units) - 1)]
            for credit, names_above in zip(cluster, owners, strict=True):
                owner = above if names_above and above is not None else below
                kind = "staff_byline" if credit.family == "staff_byline" else "credit" if credit.closes else "byline"
                for outlet in credit.outlets:
                    owner.evidence.append(Evidence(outlet.start, outlet.end, kind, outlet.name,
                                                   credit.weight / len(credit.outlets), credit.why))

    def _best_gap(self, units: list[SplitUnit], a: int, b: int, soft: list[float],
                  names: tuple[set[str], set[str]] = (set(), set())) -> int:
        """Where in (a, b] a cut that must be there goes: the strongest soft cue plus the posterior of
        the cut's position given that there is exactly one cut in the span.

        The posterior is Utiyama and Isahara's (2001) model with two segments: each side's words
        come from its own Laplace-smoothed unigram model, so P(cut at g) ∝ L(left) · L(right). The
        span is widened by a few blocks each side, which are known to belong to either side. A paragraph that
        names afresh someone the text above it in the span named bare opens a report, and one that goes on
        by the bare name about someone named in full above it does not (`names`: the page's proper names and
        its lower-case words, `split_continuity.reintroduced_names`, `split_continuity.carried_names`)."""
        window = self.config.cohesion_window
        lo, hi = max(0, a - window + 1), min(len(units), b + window)
        words = [self._words(u.text) if u.role == "body" else [] for u in units[lo:hi]]
        vocabulary = len({w for ws in words for w in ws}) or 1

        # L(bag) = Σ n·log((n+1)/(T+V)) = Σ n·log(n+1) − T·log(T+V): the first sum and T are kept as
        # blocks move from the right side to the left, so every gap costs its own words, not the span's.
        left: Counter[str] = Counter(w for ws in words[: a + 1 - lo] for w in ws)
        right: Counter[str] = Counter(w for ws in words[a + 1 - lo:] for w in ws)
        sums = [sum(n * math.log(n + 1) for n in side.values()) for side in (left, right)]
        totals = [sum(left.values()), sum(right.values())]

        def move(word: str) -> None:
            for k, side, step in ((0, left, 1), (1, right, -1)):
                n = side[word]
                sums[k] += (n + step) * math.log(n + step + 1) - n * math.log(n + 1)
                side[word] = n + step
                totals[k] += step

        gaps = list(range(a + 1, b + 1))
        gains = []
        for g in gaps:
            if g > a + 1:
                for w in words[g - 1 - lo]:
                    move(w)
            gains.append(sums[0] - totals[0] * math.log(totals[0] + vocabulary)
                         + sums[1] - totals[1] * math.log(totals[1] + vocabulary))
        top = max(gains)
        weights = [math.exp(x - top) for x in gains]
        norm = sum(weights)
        posterior = [w / norm for w in weights]
        weight, opening = self.config.cohesion_weight, self.config.opening_weight
        shapes = [self._opening(units, g) for g in gaps]
        page_names, lower_words = names
        fresh = [0.0] * len(gaps)
        carried = [0.0] * len(gaps)
        if page_names:
            for k, g in enumerate(gaps):
                if units[g].role != "body" or units[g].cut_start:
                    continue
                above = "\n".join(u.text for u in units[lo:g] if u.role == "body")
                fresh[k] = float(bool(reintroduced_names(above, units[g].text, page_names, lower_words)))
                # a paragraph going on about someone named in full above it ("Mara Quill …" then "Quill said") is the
                # same report, however its vocabulary shifts (a caption or an advert between them changes nothing);
                # one that names someone afresh opens a report whoever else it names bare
                carried[k] = float(units[g - 1].role == "body" and not fresh[k]
                                   and bool(carried_names(above, units[g].text, page_names, lower_words)))
        again, back = self.config.reintroduction_weight, self.config.carried_name_weight
        headed = [self.config.heading_placement_weight * float(units[g].role.startswith("structure:")) for g in gaps]
        best = max(range(len(gaps)), key=lambda k: (soft[gaps[k]] + weight * posterior[k] + opening * shapes[k]
                                                    + again * fresh[k] - back * carried[k] + headed[k], -k))
        return gaps[best]

    @staticmethod
    def _opening(units: list[SplitUnit], g: int) -> int:
        """`opening_shape` of the paragraph after gap g (0 for a heading, which is a cue of its own)."""
        unit = units[g]
        if unit.role != "body" or unit.cut_start:
            return 0
        before = units[g - 1].text if g > 0 and units[g - 1].role == "body" else ""
        return opening_shape(unit.text, before)

    def _words(self, text: str) -> list[str]:
        if isinstance(self.topics, TopicSegmenter):
            return self.topics.words(text)
        return [w.removesuffix("s") for w in re.findall(r"[a-z]{3,}", text.casefold())]

    def _soft_scores(self, units: list[SplitUnit], known: Collection[int] = (),
                     headers: Collection[int] = ()) -> list[float]:
        """The soft evidence for a cut before each unit (index 0 unused): the gap's cues, weighed."""
        return self._weigh(self.gap_cues(units, known, headers))

    def _weigh(self, cues: list[dict[str, float]]) -> list[float]:
        cfg = self.config
        weights = {"topic": cfg.topic_weight, "cut_start": cfg.truncation_weight, "cut_end": cfg.cut_end_weight,
                   "heading": cfg.heading_weight, "furniture": cfg.furniture_weight, "header": cfg.header_weight,
                   "headline": cfg.headline_weight}
        return [sum(weights[name] * value for name, value in gap.items()) for gap in cues]

    def _runs_through(self, units: list[SplitUnit], start: int, at: int, end: int, why: str,
                      unit_names: Sequence[frozenset[str]], outlet_words: Collection[str]) -> bool:
        """Whether the text runs on through the gap before unit `at`, between the story from `start` and the
        text up to `end`: the paragraph after it closes a sentence or quotation the text above left open
        (`carries_across`), or, for a cut only the topic model asks for, both sides keep naming the same
        people and places (`names_run_through`: one report drifting from the shooting to the suspect's job
        names them again; a second report of another event does not)."""
        above = [k for k in range(start, at) if units[k].role == "body"]
        below = [k for k in range(at, end) if units[k].role == "body"]
        if not above or not below:
            return False
        if not units[at - 1].cut_end and carries_across("\n".join(units[k].text for k in above), units[below[0]].text):
            return True
        cfg = self.config
        if why != "topic" or cfg.continuity_names <= 0:
            return False
        return bool(names_run_through(block_names(unit_names[k] for k in above),
                                      block_names(unit_names[k] for k in below),
                                      distinct=cfg.continuity_names, mentions=cfg.continuity_mentions,
                                      ignore=outlet_words))

    @staticmethod
    def _outlet_words(units: list[SplitUnit]) -> set[str]:
        """The words of the outlets the page's evidence names, as named and as written ("AP", "Associated
        Press"), and the words that say what kind of outlet a name is: a story names its outlet ("told The
        Associated Press"), which says who reports, not what about."""
        names = [name for u in units for e in u.evidence
                 for name in (e.agency, u.text[max(0, e.start - u.start):max(0, e.end - u.start)])]
        return {w.casefold() for name in names for w in re.findall(r"[^\W\d_]+", name)} | KIND_WORDS

    def gap_cues(self, units: list[SplitUnit], known: Collection[int] = (),
                 headers: Collection[int] = ()) -> list[dict[str, float]]:
        """The soft cues of the gap before each unit (index 0 empty), each in [0, 1]. `known`: units
        where a story is already known to start (the topic model is conditioned on them); `headers`:
        units a story's metadata line stands above (`_story_headers`).

        Their weights are set by hand: fit by `train/split/train_gaps.py` on one page builder's pages,
        they did worse on the other builder's than these (gap F1 .435 vs .467 and .511 vs .789)."""
        body = [i for i, u in enumerate(units) if u.role == "body"]
        topic = [0.0] * len(units)
        if self.topics is not None and len(body) >= 3:
            # a known start at unit c is the gap before the first body unit at or after it
            known_gaps = {bisect.bisect_left(body, c) for c in known} - {0, len(body)}
            scores = self.topics.scores([units[i].text for i in body], known_gaps)
            scores = self._fold_short_blocks(units, body, scores, known_gaps)
            for k, value in enumerate(scores, start=1):
                # The gap before body unit k opens at the first structure block right above it.
                topic[self._attach_headings(units, body[k])] = max(0.0, min(1.0, value))
        out: list[dict[str, float]] = [{}]
        for i in range(1, len(units)):
            u, before = units[i], units[i - 1]
            out.append({"topic": topic[i], "cut_start": float(u.cut_start), "cut_end": float(before.cut_end),
                        "heading": float(u.role.startswith("structure:")), "furniture": float(u.furniture_before),
                        "header": float(i in headers), "headline": float(self._echoed_heading(units, i))})
        return out

    def _echoed_heading(self, units: list[SplitUnit], i: int) -> bool:
        """Whether unit i is a heading between two paragraphs that the paragraph right below it takes up (at least
        two of its content words) while the two paragraphs above it share none of them: the headline of the report
        that paragraph opens. A section heading inside a report goes on from the text above it or names too little
        ("What happens next"); one of fewer than `_HEADLINE_WORDS` words, one opened by a pronoun or preposition,
        or a sentence is not read as a headline."""
        unit = units[i]
        if not unit.role.startswith("structure:") or units[i - 1].role != "body" or \
                word_count(unit.text) < _HEADLINE_WORDS:
            return False
        # a sentence is text, not a headline; a section heading goes on from the text above it, a headline does not
        if SENTENCE_END.search(unit.text.strip()) or unit.text.rstrip("”’\"' ").endswith("."):
            return False
        # a headline names its subject first; a heading opened by a pronoun or a preposition ("It started with the
        # polar bears", "About the company") goes on from the text above it
        first = unit.text.split(maxsplit=1)[0].casefold()
        if first in STOPWORDS and first not in _ARTICLES:
            return False
        above = self._shared_words(units, i)[0]
        below = self._shared_words(units, i, reach=1)[1]
        return below >= 2 and above == 0

    def _fold_short_blocks(self, units: list[SplitUnit], body: list[int], scores: list[float],
                           known_gaps: set[int]) -> list[float]:
        """The topic posterior with the mass on both sides of a short paragraph given to one side.

        A paragraph of a line or two carries too few words for the topic model to tell which of its
        neighbours it goes with, so a boundary next to it has its posterior split over the gap
        before it and the gap after it, and neither may be strong enough to cut. It is one boundary:
        the paragraph goes with the side it shares more content words with, and where its words
        tell nothing, with the story above (a report's closing line is often a short one, while its
        opening paragraph carries the story's who and what)."""
        out = list(scores)
        limit = self.config.short_block_words
        for k in range(1, len(body) - 1):
            i = body[k]
            unit = units[i]
            # only a paragraph set directly between two paragraphs, with no other cue of its own
            if (body[k - 1] != i - 1 or body[k + 1] != i + 1 or word_count(unit.text) > limit or unit.cut_start
                    or unit.dateline is not None or k in known_gaps or k + 1 in known_gaps):
                continue
            above, below = self._shared_words(units, i)
            before, after = k - 1, k  # indices into scores of the gaps before and after the paragraph
            if below > above:
                out[before], out[after] = min(1.0, out[before] + out[after]), 0.0
            else:
                out[after], out[before] = min(1.0, out[before] + out[after]), 0.0
        return out

    @staticmethod
    def _attach_headings(units: list[SplitUnit], index: int) -> int:
        """A story starts at the headline, subheading or bullets right above its first block."""
        while index > 0 and units[index - 1].role.startswith("structure:"):
            index -= 1
        return index

    def _room_for(self, units: list[SplitUnit], starts: list[int], at: int) -> bool:
        before = max((s for s in starts if s < at), default=0)
        after = min((s for s in starts if s > at), default=len(units))

        def body_chars(a: int, b: int) -> int:
            return sum(len(u.text) for u in units[a:b] if u.role == "body")

        need = self.config.min_story_chars
        # A block that starts mid-sentence or mid-quotation was cut from another text: the piece it
        # opens may be short (a stitched fragment), as long as it is more than a line.
        after_need = min(need, self.config.truncated_story_chars) if units[at].cut_start else need
        return body_chars(before, at) >= need and body_chars(at, after) >= after_need

    @staticmethod
    def _spelling_switches(units: list[SplitUnit]) -> list[tuple[int, int]]:
        """Spans (a, b]: one spelling of a name is used up to unit a, another from unit b on, never mixed."""
        seen: dict[str, dict[str, list[int]]] = {}
        for i, u in enumerate(units):
            if u.role != "body":
                continue
            for m in _NAME.finditer(u.text):
                key = skeleton(m.group())
                if len(key) >= 4:
                    seen.setdefault(key, {}).setdefault(m.group(), []).append(i)
        out = []
        for forms in seen.values():
            if len(forms) != 2:
                continue
            (_, first), (_, second) = sorted(forms.items(), key=lambda kv: kv[1][0])
            if max(first) < min(second):
                out.append((max(first), min(second)))
        return out

    # -- one story
    @staticmethod
    def _story(units: Sequence[SplitUnit], reasons: tuple[str, ...], page_cues: Sequence[Evidence] = ()) -> Story:
        evidence = sorted((*(e for u in units for e in u.evidence), *page_cues), key=lambda e: e.start)
        origin, support = decide_origin(evidence)
        dateline = next((u.dateline for u in units[:4] if u.dateline is not None), None)
        first = units[0]
        title = first.text if first.role in ("structure:headline", "structure:subheading") else None
        return Story(start=units[0].start, end=units[-1].end, title=title, origin=origin,
                     evidence=tuple(support), dateline=dateline, boundary=reasons,
                     candidates=tuple(origin_scores(evidence)))


def split(page: Page, cleaning: Cleaning, topics: TopicScorer | None = None,
          config: SplitConfig | None = None) -> list[Story]:
    """Split one page with a throw-away `Splitter` (build a `Splitter` once for many pages)."""
    return Splitter(topics, config)(page, cleaning)


def body_spans(cleaning: Cleaning) -> list[Span]:
    """The blocks that are body text (not removed, not structure)."""
    return [b for b in cleaning.blocks if b.kind == "body"]
