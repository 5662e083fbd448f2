"""clean: mark what on a page is not article text, what is structure, and what is damaged.

Nothing is deleted: the cleaner returns spans into `Page.text`.

* `removed` — site furniture (`boilerplate`), left-over link text (`link_residue`), links to other
  stories (`teaser`), photo captions and credits (`caption`), later copies of a line (`duplicate`),
  lines naming where a story came from (`credit`: "© 2022 Reuters", "The post … appeared first on
  …", read by the grammar in `newsdesk.text.credit`; a credit naming the republishing site itself is
  `boilerplate`);
* `structure` — kept but not body text: `headline`, `subheading`, `highlights` (summary bullets),
  `byline`, `credits` (a wire's "Reporting by …" sign-off);
* `flags` — `truncated_start`, `truncated_end`, `unbalanced_quote`.

The unit of judgement is the block: a paragraph, or a line where the page puts one paragraph on a
line (republished pages mostly do). Each rule below looks at one block and its neighbours, because
furniture is recognised by its shape and place (a short unpunctuated line between paragraphs, a
repeated line, a credit in brackets at the end), not by the words of any one site: a story's
metadata line is a time and a few words that make no clause (`newsdesk.analysis.meta_lines`), a call
to action a bare imperative that introduces nothing below it (`line_shapes.calls_to_action`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.analysis.furniture_labels import NEIGHBOURS, is_widget_label
from newsdesk.analysis.furniture_threads import mark_comment_threads
from newsdesk.analysis.line_model import folded_counts, line_features, load_line_model
from newsdesk.analysis.line_shapes import (
    BOILERPLATE,
    BULLET,
    CAPTION_DEIXIS,
    CREDIT,
    CREDIT_LABEL,
    EDGE_FURNITURE,
    FIGURE_START,
    LINK_LINE,
    LINK_TAIL,
    RELATED_LABEL,
    SENTENCE_END,
    TEASER_PREFIX,
    WORD,
    Block,
    about_the_page,
    addresses_reader,
    calls_to_action,
    content_words,
    ends_sentence,
    fold,
    headline_like,
    is_bullet,
    is_menu,
    is_prose,
    line_views,
    page_blocks,
    word_count,
)
from newsdesk.analysis.meta_lines import is_metadata_line
from newsdesk.analysis.origin import match_dateline
from newsdesk.analysis.truncation import ellipsis_cut, glued_cut_starts, reads_as_title, runs_as_sentence
from newsdesk.analysis.truncation_start import lost_start
from newsdesk.errors import check_numbers
from newsdesk.model import Cleaning, Page, Span
from newsdesk.text.credit import Credit, copyright_holder, find_credit, find_tail_credit
from newsdesk.text.outlets import known_name, letters
from newsdesk.text.sites import names_on_page, own_site_names, site_names

#: A street address ("123 Letter Lane", "40 Harbour St."): a site prints its own in its footer, a story's
#: credit line never carries one.
_STREET_ADDRESS = re.compile(r"\b\d{1,5}\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|"
                             r"Boulevard|Blvd|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|Plaza|Parkway|Pkwy|Terrace|"
                             r"Row|Quay|Wharf|Close|Crescent|Highway|Hwy)\b\.?")
#: What a credit covers beside the text when it is a picture's caption.
_PICTURE_WORD = re.compile(r"(?i)\b(?:photos?|photographs?|pictures?|images?|video|footage|graphics?)\b")
#: The site's own furniture, which names the site where it names anyone.
_SITE_FURNITURE = frozenset({"removed:boilerplate", "removed:teaser", "removed:link_residue"})
_QUOTE_MARK = re.compile(r"[\"“”«»„]")
#: Credit families that say a story's original is the outlet's, elsewhere than on this site.
_ORIGINAL_ELSEWHERE = frozenset({"appeared_first", "published_on", "republished", "read_original", "source_label",
                                 "courtesy", "translated"})


def _names(line: str, name: str) -> bool:
    """Whether a line writes an outlet's name (its letters, folded and without "The", however spaced:
    "Daily Digest Now" in "Get the DailyDigestNow app"); four letters at least, as shorter ones occur by chance."""
    key = letters(name)
    return len(key) >= 4 and key in re.sub(r"[^a-z0-9]", "", line.casefold())


@dataclass(frozen=True, slots=True)
class CleanConfig:
    """The cleaner's knobs, defaults in one place."""

    #: Longest line (in words) still read as a headline, teaser or subheading rather than a sentence.
    headline_max_words: int = 20
    #: Longest unpunctuated line always read as a subheading; longer ones must share a word with the
    #: paragraphs below them, or they are teasers for another story.
    subheading_max_words: int = 6
    #: Longest block read as a photo caption when only its wording ("seen here") says so.
    caption_max_words: int = 45
    #: Longest description (in words, one sentence) before a credit for its picture and story read as a caption
    #: ("Officials at the site. Story and photo courtesy of X."): a longer one may be the story's last paragraph.
    caption_credit_max_words: int = 12
    #: A body block shorter than this (in words) is not judged cut off at its end: it may be a label.
    truncation_min_words: int = 6
    #: A repeated body paragraph is a duplicate from this many words on (shorter ones may repeat by design).
    duplicate_min_words: int = 20
    #: A page with more distinct repeated lines than this repeats by design (see `_mark_duplicates`).
    max_repeated_lines: int = 4
    #: How many blocks at each end of the page count as its top and bottom (nav and footer live there).
    edge_blocks: int = 4
    #: A paragraph of at least this many words (with a sentence in it) is article text: the page's
    #: top edge ends at the first.
    edge_paragraph_words: int = 20
    #: Longest line (in words) above the first paragraph read as furniture when it is no sentence.
    edge_line_words: int = 15
    #: The learned line model asked about lines the rules leave as text (`newsdesk.analysis.line_model`):
    #: `newsdesk:NAME` in newsdesk/models, a directory holding lines.json, or None for rules only.
    line_model: str | None = "newsdesk:lines"
    #: Fewest blocks on a page for the line model to be asked at all.
    line_model_min_blocks: int = 6

    def __post_init__(self) -> None:
        check_numbers(self, "clean", ("headline_max_words", "subheading_max_words", "caption_max_words",
                                      "caption_credit_max_words",
                                      "truncation_min_words", "edge_blocks", "duplicate_min_words",
                                      "max_repeated_lines", "edge_paragraph_words", "edge_line_words",
                                      "line_model_min_blocks"), whole=True)



class Cleaner:
    """Finds noise, structure and defects; built once, used for many pages (it holds no page state)."""

    def __init__(self, config: CleanConfig | None = None) -> None:
        self.config = config or CleanConfig()
        self.line_model = load_line_model(self.config.line_model) if self.config.line_model else None

    def __call__(self, page: Page) -> Cleaning:
        text = page.text
        blocks = page_blocks(page)
        removed: list[Span] = []
        structure: list[Span] = []
        credit_spans, credits = self._mark_credits(page, blocks)
        self._mark_furniture(blocks)
        self._mark_duplicates(blocks)
        self._mark_related_lists(blocks)
        self._mark_highlights(blocks)
        self._mark_edges(blocks)
        self._mark_link_headlines(blocks)
        self._mark_calls(blocks)
        self._mark_labels(blocks)
        mark_comment_threads(blocks)  # readers' replies, told by repetition and place, after the line rules
        self._mark_learned(blocks)
        self._mark_headings(blocks)
        self._mark_site_copyrights(blocks, credits)
        for b in blocks:
            kind = b.role.partition(":")[2]
            if b.role.startswith("removed:"):
                removed.append(Span(b.start, b.end, kind))
            elif b.role.startswith("structure:"):
                structure.append(Span(b.start, b.end, kind))
        removed.extend(self._link_tails(blocks))
        removed.extend(credit_spans)
        flags = self._flags(text, blocks, removed)
        return Cleaning(removed=tuple(sorted(removed, key=lambda s: (s.start, s.end))),
                        structure=tuple(structure), flags=tuple(flags),
                        blocks=tuple(Span(b.start, b.end, b.role) for b in blocks))

    def _mark_credits(self, page: Page, blocks: list[Block]) -> tuple[list[Span], dict[int, Credit]]:
        """Credit lines (whole blocks) and credits that end a paragraph; returns the latter's spans, and the
        former's credits by block.

        A credit that names the republishing site itself (its name in the page title or in other
        furniture) is the site's own furniture, not a story's credit. So is a copyright line set off
        from every story by other furniture at the top or the bottom of the page, or one giving the
        holder's street address: a footer. A short description ending in a credit for its picture and
        the story ("Officials at the site. Story and photo courtesy of X.") is a caption, which carries
        the story's credit (`newsdesk.analysis.split.caption_credit`)."""
        short = [b.text for b in blocks if len(b.text) <= 600]
        names = names_on_page(page.title, short)
        found: dict[int, Credit] = {}
        for i, b in enumerate(blocks):
            # "Related: <headline>" links to another story: its words name no source, whatever they are.
            if b.hint == "heading" or len(b.text) > 600 or TEASER_PREFIX.match(" ".join(b.text.split())):
                continue
            credit = find_credit(b.text, b.start, names)
            if credit is not None:
                found[i] = credit
        # The site's own lines: its furniture (by shape), and its masthead, the page's first line when short.
        own = [b.text for i, b in enumerate(blocks) if i not in found and self._furniture_shape(b.text)]
        # Not where the page's credit lines say a story's original is that outlet's ("Publisher: X", "View the
        # original article at x.org"): a site never sends its reader to itself for the original, so its first
        # line is then the publisher's name over the first story, as aggregators print it.
        elsewhere = {letters(o.name) for c in found.values() if c.family in _ORIGINAL_ELSEWHERE for o in c.outlets}
        if (blocks and 0 not in found and word_count(blocks[0].text) <= 4 and not ends_sentence(blocks[0].text)
                and letters(blocks[0].text) not in elsewhere):
            own.append(blocks[0].text)
        # The page's markup (og:site_name, its own canonical address) names the site too.
        site = site_names(page.title, [b.text for i, b in enumerate(blocks) if i not in found and len(b.text) <= 600],
                          found.values(), own, own=own_site_names(page.meta, page.url))
        body_like = [i for i, b in enumerate(blocks) if i not in found and not self._furniture_shape(b.text)]
        first_body, last_body = (body_like[0], body_like[-1]) if body_like else (len(blocks), -1)
        footers: set[int] = set()
        for i, credit in found.items():
            footer = credit.family == "copyright" and (
                (i > last_body and i - 1 not in found and i - 1 != last_body) or i < first_body - 1
                or _STREET_ADDRESS.search(blocks[i].text) is not None)
            # "By Site Staff" above the page's first story: the site signing its own page, unless the
            # outlet is one a table knows ("By Reuters Staff") or another credit on the page names it
            # too ("… on behalf of Harbour Gazette"): a second, independent credit says it is the
            # story's outlet, known to a table or not. A staff byline naming the site (masthead, title,
            # footer, markup) is the site's anyway: the marking below checks that.
            signed_by_known = bool(credit.outlets) and all(known_name(o.name) for o in credit.outlets)
            if credit.family == "staff_byline" and i < first_body and not signed_by_known:
                signed_by_known = self._credited_elsewhere(credit, i, found)
            if footer or (credit.family == "staff_byline" and i < first_body and not signed_by_known):
                footers.add(i)
                site |= {o.name for o in credit.outlets}
        # The site's name, once known from its footer, is the site's wherever it stands on the page.
        for i, credit in found.items():
            mine = {o.name for o in credit.outlets}
            blocks[i].role = "removed:boilerplate" if (mine & site or i in footers) else "removed:credit"
        holders = {copyright_holder(b.text) for i, b in enumerate(blocks) if i not in found and len(b.text) <= 300}
        self._mark_masthead(blocks, site | {h for h in holders if h})
        tails: list[Span] = []
        for b in blocks:
            if b.role != "body":
                continue
            credit = find_tail_credit(b.text, b.start, names)
            if credit is None or {o.name for o in credit.outlets} & site:
                continue
            if self._captions_picture(b, credit):
                b.role = "removed:caption"
            elif len(b.text) > 80:
                tails.append(Span(credit.start, b.end, "credit"))
        return tails, found

    def _captions_picture(self, block: Block, credit: Credit) -> bool:
        """Whether a block is a picture's description followed by a credit that covers the picture too
        ("Officials at the site. Story and photo courtesy of X."): a caption, however short."""
        described = block.text[:credit.start - block.start]
        credited = block.text[credit.start - block.start:]
        one_sentence = not SENTENCE_END.search(described.rstrip().rstrip(".!?"))
        return (_PICTURE_WORD.search(credited) is not None and not _QUOTE_MARK.search(described) and one_sentence
                and 0 < word_count(described) <= self.config.caption_credit_max_words)

    def _mark_site_copyrights(self, blocks: list[Block], credits: dict[int, Credit]) -> None:
        """A copyright line whose holder the page's own furniture at its top or bottom names ("Download the
        WBDL weather app", "Get the Site app") is the site's footer, wherever it stands: printed right under
        a story, it is no credit of that story."""
        reach = self.config.edge_blocks + 2
        edges = [b for b in (*blocks[:reach], *blocks[-reach:]) if b.role in _SITE_FURNITURE]
        if not edges:
            return
        for i, credit in credits.items():
            if credit.family != "copyright" or blocks[i].role != "removed:credit" or not credit.outlets:
                continue
            if all(any(_names(b.text, o.name) for b in edges) for o in credit.outlets):
                blocks[i].role = "removed:boilerplate"

    @staticmethod
    def _credited_elsewhere(credit: Credit, index: int, found: dict[int, Credit]) -> bool:
        """Whether a credit of another kind, in another block, names one of this credit's outlets."""
        keys = {letters(o.name) for o in credit.outlets} - {""}
        return any(j != index and other.family not in ("staff_byline", "copyright")
                   and keys & {letters(o.name) for o in other.outlets} for j, other in found.items())

    def _mark_masthead(self, blocks: list[Block], site: set[str]) -> None:
        """The site's name at the top of the page, and a tagline right under it, are its masthead."""
        names = {letters(name) for name in site if len(letters(name)) >= 3}
        if not names:
            return
        for i, b in enumerate(blocks[:self.config.edge_blocks + 2]):
            if b.role != "body" or letters(b.text) not in names:
                continue
            b.role = "removed:boilerplate"
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is not None and nxt.role == "body" and word_count(nxt.text) <= 8 and not ends_sentence(nxt.text):
                nxt.role = "removed:boilerplate"

    @staticmethod
    def _furniture_shape(text: str) -> bool:
        line = " ".join(text.split())
        return bool(BOILERPLATE.match(line) or LINK_LINE.match(line) or EDGE_FURNITURE.match(line))

    def _mark_furniture(self, blocks: list[Block]) -> None:
        cfg = self.config
        n = len(blocks)
        for i, b in enumerate(blocks):
            if b.role != "body":
                continue
            line = " ".join(b.text.split())
            at_edge = i < cfg.edge_blocks or i >= n - cfg.edge_blocks
            # A line in which the site speaks to its reader or of its page, by grammar, not by its words.
            spoken = b.hint != "heading" and (addresses_reader(line) or about_the_page(line))
            # A story's metadata line ("Story by Jane Doe • 2 hours ago", "Published 3 hours ago"): a time
            # and a few words that make no clause, however the site words it.
            if BOILERPLATE.match(line) or (at_edge and EDGE_FURNITURE.match(line)) or (
                    b.hint != "table" and (is_menu(line) or is_metadata_line(line))) or spoken:
                b.role = "removed:boilerplate"
            elif LINK_LINE.match(line):
                b.role = "removed:link_residue"
            elif b.hint == "caption" or self._is_caption(line):
                b.role = "removed:caption"
            elif TEASER_PREFIX.match(line) and word_count(line) <= cfg.headline_max_words + 5 and (
                    headline_like(line, cfg.headline_max_words + 5, single=False) or line.endswith("?")):
                b.role = "removed:teaser"

    def _is_caption(self, line: str) -> bool:
        if CREDIT.search(line) or CREDIT_LABEL.search(line):
            # A credit in a long, many-sentence paragraph is a sentence about a photographer, not a caption.
            return word_count(line) <= self.config.caption_max_words + 15
        one_sentence = not SENTENCE_END.search(line)
        return bool(CAPTION_DEIXIS.search(line)) and one_sentence and word_count(line) <= self.config.caption_max_words

    def _mark_duplicates(self, blocks: list[Block]) -> None:
        """Repeated lines. A headline-like line shown exactly twice is a teaser (a link to another story
        rendered twice, as image text and as link text): both copies are teasers, the second also a
        copy. A later copy of furniture or of a whole paragraph is a duplicate. Lines that recur three
        times or more, headings and list items the reader marked, and short sentences are left alone:
        a meal plan repeats its labels, an interview its questions. A credit line is never a copy: a
        site that credits one outlet for several stories prints the same line under each."""
        groups: dict[str, list[Block]] = {}
        for b in blocks:
            key = fold(b.text)
            if len(key) >= 12:  # "Advertisement", "Share": too short to call a copy of anything
                groups.setdefault(key, []).append(b)
        repeated = [copies for copies in groups.values() if len(copies) >= 2]
        # Many different lines repeating is a page built of repetition (a plan, a table, a Q&A series),
        # not furniture: only copies of furniture are duplicates there.
        structured = len(repeated) > self.config.max_repeated_lines
        for copies in repeated:
            if structured and not copies[0].role.startswith("removed:"):
                continue
            first, later = copies[0], copies[1:]
            if first.role == "removed:credit":
                continue  # a credit line repeats under each story it signs: every copy is a credit
            labelled = any(c.hint in ("heading", "list_item", "table") for c in copies)
            teaser = (len(copies) == 2 and not labelled and first.role == "body"
                      and (headline_like(first.text, self.config.headline_max_words, single=False)
                           or (first.text.endswith("?") and word_count(first.text) <= self.config.headline_max_words)))
            if teaser:
                first.role = "removed:teaser"
            elif (len(copies) >= 3 and not labelled and first.role == "body" and word_count(first.text) <= 12
                  and not ends_sentence(first.text)):
                # A short line that is no sentence, shown three times or more between a page's stories
                # (a share bar, a sign-up line): the site's furniture, whatever its words.
                first.role = "removed:boilerplate"
            if teaser or first.role.startswith("removed:") or word_count(first.text) >= self.config.duplicate_min_words:
                for copy in later:
                    copy.role = "removed:duplicate"

    def _mark_related_lists(self, blocks: list[Block]) -> None:
        """The headlines listed under a "Related posts" or "You may also like" label are teasers."""
        cfg = self.config
        for i, b in enumerate(blocks):
            # the label, read as furniture already, or not yet ("More stories" alone on its line)
            if not (b.role in ("removed:boilerplate", "body") and RELATED_LABEL.match(" ".join(b.text.split()))):
                continue
            marked: bool | None = None  # whether the list's items are bullets or list items
            for item in blocks[i + 1:]:
                line = BULLET.sub("", item.text, count=1).strip()
                short = word_count(line) <= cfg.headline_max_words + 5
                bulleted = is_bullet(item.text) or item.hint == "list_item"
                # Once the list has begun, a headline in sentence case ("Putin may ramp up his war – here's how
                # Nato should respond") set tight under its items continues it: a short line that ends in no
                # full stop is no paragraph. After a blank line it may be the next story's title.
                continued = (marked is not None and not item.blank_before and not ends_sentence(line)
                             and not line.endswith((":", ",")))
                listed = item.role in ("body", "removed:duplicate") and short and (
                    bulleted or headline_like(line, cfg.headline_max_words + 5, single=False) or line.endswith("?")
                    or continued)
                # A list keeps one shape: a plain line after bulleted items is what follows the list.
                if not listed or (marked is not None and bulleted != marked):
                    break
                marked = bulleted
                item.role = "removed:teaser"
            if marked is not None and b.role == "body":
                b.role = "removed:boilerplate"  # a label over a list of links is the site's furniture

    def _mark_edges(self, blocks: list[Block]) -> None:
        """Short lines above the page's first paragraph that are not sentences: the site's masthead,
        tagline and menus, whatever their words. The headline (the last title-like line above the
        paragraph) and a standfirst (a sentence) stay. Below the last paragraph the same rule would
        take real text (a closing list, a poll, a sign-off: measured on AEB's pages), so the bottom is
        left to the furniture, credit and related-list rules."""
        cfg = self.config
        paragraphs = [i for i, b in enumerate(blocks)
                      if b.role == "body" and word_count(b.text) >= cfg.edge_paragraph_words
                      and SENTENCE_END.search(b.text + " A")]
        if not paragraphs:
            return
        first = paragraphs[0]
        headline_kept = False
        for b in reversed(blocks[:first]):
            if b.role != "body" or b.hint in ("heading", "list_item"):
                headline_kept = headline_kept or b.role.startswith("structure:") or b.hint == "heading"
                continue
            words = word_count(b.text)
            if ends_sentence(b.text) and words >= 6:
                continue  # a standfirst, or a paragraph of its own
            if not headline_kept and headline_like(b.text, cfg.headline_max_words):
                headline_kept = True
                continue
            if words <= cfg.edge_line_words and not is_bullet(b.text):
                b.role = "removed:boilerplate"

    def _mark_highlights(self, blocks: list[Block]) -> None:
        """Runs of short bullets, most of them unpunctuated like headlines, are summary highlights."""
        i = 0
        while i < len(blocks):
            j = i
            while j < len(blocks) and blocks[j].role == "body" and is_bullet(blocks[j].text):
                j += 1
            run = blocks[i:j]
            if run:
                titles = sum(headline_like(BULLET.sub("X", b.text, count=1), self.config.headline_max_words)
                             or word_count(b.text) <= 12 for b in run)
                if titles * 3 >= len(run) * 2:
                    for b in run:
                        b.role = "structure:highlights"
                i = j
            else:
                i += 1

    def _mark_link_headlines(self, blocks: list[Block]) -> None:
        """Headline-like lines right above a "Read the full story" link are that link's headlines."""
        for i, b in enumerate(blocks):
            if b.role != "removed:link_residue":
                continue
            j = i - 1
            while j >= 0 and blocks[j].role == "body" and headline_like(blocks[j].text, self.config.headline_max_words,
                                                                        single=False):
                blocks[j].role = "removed:teaser"
                j -= 1

    def _mark_calls(self, blocks: list[Block]) -> None:
        """Short imperative lines calling the reader to act ("Download the KVLA app"), unless they
        introduce the paragraphs below them (a how-to's subheading: "Choose the right shoes")."""
        for i, b in enumerate(blocks):
            if (b.role == "body" and b.hint not in ("heading", "list_item") and calls_to_action(b.text)
                    and not self._introduces(b, blocks[i + 1:])):
                b.role = "removed:boilerplate"

    def _mark_labels(self, blocks: list[Block]) -> None:
        """A template's labels among a story's paragraphs ("Now playing", "Editor: Jane Doe"): a few
        words that make no clause and share nothing with the paragraphs around them
        (`furniture_labels`). Above the page's first paragraph the edge rule decides instead."""
        body = [i for i, b in enumerate(blocks) if b.role == "body"]
        seen_paragraph = False
        for k, i in enumerate(body):
            b = blocks[i]
            if word_count(b.text) >= self.config.edge_paragraph_words:
                seen_paragraph = True
                continue
            if not seen_paragraph or b.hint in ("heading", "list_item", "table") or (
                    match_dateline(b.text, b.start, None) is not None):
                continue
            around = [blocks[j].text for j in body[max(0, k - NEIGHBOURS):k] + body[k + 1:k + 1 + NEIGHBOURS]]
            if is_widget_label(b.text, around):
                b.role = "removed:boilerplate"

    def _mark_learned(self, blocks: list[Block]) -> None:
        """Lines the rules left as text that the learned model calls furniture with confidence.

        Furniture is told by its place among other lines, so a page of a few blocks gives the model
        nothing to go on; and what it may take is limited to what furniture looks like: no sentence
        of a dozen words or more, no running prose (a sentence cut short), no line the reader marked
        as a heading, and no headline-like line that the paragraphs below it are about (a story's own
        title, not a link to another story).
        A credit line the grammar could not read names no outlet, so it is only furniture here."""
        model = self.line_model
        if model is None or len(blocks) < self.config.line_model_min_blocks:
            return
        views = line_views(blocks)
        counts = folded_counts(views)
        for i, b in enumerate(blocks):
            if b.role != "body" or b.hint == "heading" or is_prose(b.text) or (
                    ends_sentence(b.text) and word_count(b.text) >= 12):
                continue
            probs = model.probabilities(line_features(views, i, counts))
            best = max(probs, key=lambda c: probs[c])
            if best == "body" or probs[best] < model.threshold:
                continue
            if best == "teaser" and headline_like(b.text, self.config.headline_max_words) and self._introduces(
                    b, blocks[i + 1:]):
                continue
            b.role = "removed:" + ("boilerplate" if best == "credit" else best)

    def _mark_headings(self, blocks: list[Block]) -> None:
        """Unpunctuated short lines: the page's headline, subheadings inside a story, or teasers."""
        cfg = self.config
        body_seen = False
        for i, b in enumerate(blocks):
            if b.role != "body":
                body_seen = body_seen or b.role.startswith("structure:")
                continue
            if match_dateline(b.text, b.start, None) is None and (
                    b.hint == "heading" or headline_like(b.text, cfg.headline_max_words)):
                nxt = next((x for x in blocks[i + 1:] if not x.role.startswith("removed:")), None)
                followed_by_body = nxt is not None and not headline_like(nxt.text, cfg.headline_max_words)
                words = word_count(b.text)
                prev = next((x for x in reversed(blocks[:i]) if not x.role.startswith("removed:")), None)
                runs_on = prev is not None and prev.role == "body" and words >= 8
                if not body_seen:
                    b.role = "structure:headline"
                elif b.hint is None and runs_on and (is_prose(b.text) or runs_as_sentence(b.text)):
                    # Written as running prose right under a paragraph: the story's last sentence, cut
                    # short, whatever it shares with the text below (a subheading is headline-ese).
                    body_seen = True
                    continue
                elif b.hint == "heading" or (followed_by_body and (
                        words <= cfg.subheading_max_words or self._introduces(b, blocks[i + 1:]))):
                    b.role = "structure:subheading"
                elif b.hint is None:
                    if runs_on and prev is not None and (
                            len(content_words(b.text) & content_words(prev.text)) >= 2
                            or b.text.count("“") > b.text.count("”")):
                        # It goes on with the paragraph above it, names and all, or opens a quotation it
                        # never closes: the story's last sentence, cut short, not a headline.
                        body_seen = True
                        continue
                    # A headline-like line that is not a short label and shares nothing with the text
                    # below it: a link to another story, left behind by the page it was copied from.
                    b.role = "removed:teaser"
                continue
            body_seen = True

    @staticmethod
    def _introduces(heading: Block, following: list[Block]) -> bool:
        """A subheading is about the paragraphs it opens: it shares a content word with the next two."""
        body = [b.text for b in following if b.role == "body"][:2]
        return bool(content_words(heading.text) & content_words(" ".join(body)))

    @staticmethod
    def _link_tails(blocks: list[Block]) -> list[Span]:
        out = []
        for b in blocks:
            if b.role != "body":
                continue
            for m in LINK_TAIL.finditer(b.text):
                group = m.lastindex or 0
                out.append(Span(b.start + m.start(group), b.start + m.end(group), "link_residue"))
        return out

    # -- defects
    def _flags(self, text: str, blocks: list[Block], removed: list[Span]) -> list[Span]:
        flags: list[Span] = []
        body = [b for b in blocks if b.role == "body"]
        tails = {s.start: s for s in removed if s.kind == "link_residue"}
        previous: Block | None = None
        position = {id(x): k for k, x in enumerate(blocks)}
        for index, b in enumerate(body):
            stripped = b.text.lstrip("\"'“‘([ ")
            # News style spells out a number that opens a sentence (years aside): a paragraph that
            # opens "60 people spent…" lost the words before the figure.
            # An outlet that writes its name in lower case ("dpa could not verify…") starts a sentence.
            first_word = stripped.split(maxsplit=1)[0] if stripped else ""
            # A sentence's tail opens on a word; a token of code or an address is link residue
            # ("javascript:void(0)"), not a sentence cut short.
            starts_low = _OPENING_WORD.match(stripped) is not None and (
                (stripped[0].islower() and known_name(first_word) is None)
                or FIGURE_START.match(stripped) is not None or _CUT_COMPOUND.match(stripped) is not None
                or lost_start(stripped))  # the tail of a cut apposition
            # A page (or paragraph) that opens in lower case lost its first words, unless it goes on
            # with the paragraph right above it: not across a title, a credit line or other furniture.
            cut_off = previous is None or ends_sentence(previous.text) or headline_like(
                previous.text, self.config.headline_max_words) or any(
                x.role.startswith("removed:") for x in blocks[position[id(previous)] + 1:position[id(b)]])
            if starts_low and (index == 0 or cut_off):
                flags.append(Span(b.start, b.start + _first_sentence_len(b.text), "truncated_start"))
            for at in glued_cut_starts(b.text, self.config.headline_max_words):
                flags.append(Span(b.start + at, b.start + at + _first_sentence_len(b.text[at:]), "truncated_start"))
            flags.extend(self._quote_flags(b, blocks))
            # Link text left at the end of a paragraph ("… invasion. read more") is not where it ends.
            end_text, linked = b.text, False
            for start, tail in tails.items():
                if b.start <= start < b.end and not text[tail.end:b.end].strip():
                    end_text, linked = text[b.start:start], True
            end_text = end_text.rstrip()
            # A title, standfirst or teaser set off from the paragraphs above it stops without a full
            # stop too. Right under a paragraph it is a story's last sentence, and one that ends in link
            # text ("[…]", "Read more") is an excerpt: cut wherever they stop.
            at = position[id(b)]
            under_text = at > 0 and blocks[at - 1].role == "body"
            if (word_count(end_text) >= self.config.truncation_min_words and not ends_sentence(end_text)
                    and end_text[-1:].isalnum() and (linked or under_text or not reads_as_title(end_text))):
                last = WORD.findall(end_text)[-1]
                cut = b.start + len(end_text)
                flags.append(Span(cut - len(last), cut, "truncated_end"))
            elif word_count(end_text) >= self.config.truncation_min_words:
                # An excerpt's closing ellipsis ("… which…", "[…]"): the page cut the story there.
                nxt = body[index + 1].text.lstrip() if index + 1 < len(body) else ""
                # the next block, when it is body text with nothing between: it may go on with the sentence
                adjacent = nxt if at + 1 < len(blocks) and blocks[at + 1].role == "body" else ""
                word_at = ellipsis_cut(end_text, quotation_continues=nxt.startswith(("“", '"')), next_text=adjacent)
                if word_at is not None:
                    flags.append(Span(b.start + word_at, b.start + len(end_text), "truncated_end"))
            previous = b
        return flags

    @staticmethod
    def _quote_flags(b: Block, blocks: list[Block]) -> list[Span]:
        """Curly double quotes must pair up. A closing mark with no opening one means the start of
        the quotation (and of the paragraph) was cut; an opening mark never closed is fine only when
        the next paragraph reopens the quotation (the convention for quotes over several paragraphs)."""
        out: list[Span] = []
        depth, opened_at = 0, -1
        for m in re.finditer(r"[“”]|(?<![\w.,!?])\"(?=\w)|(?<=[\w.,!?])\"", b.text):
            mark = m.group()
            opening = mark == "“" or (mark == '"' and m.end() < len(b.text) and b.text[m.end()].isalnum()
                                      and (m.start() == 0 or not b.text[m.start() - 1].isalnum()))
            if opening:
                depth, opened_at = depth + 1, m.start()
            elif depth:
                depth -= 1
            else:
                out.append(Span(b.start, b.start + m.end(), "unbalanced_quote"))
                if m.start() < _first_sentence_len(b.text):
                    out.append(Span(b.start, b.start + m.end(), "truncated_start"))
        if depth:
            position = blocks.index(b)
            nxt = next((x for x in blocks[position + 1:] if x.role == "body"), None)
            if nxt is None or nxt.text.lstrip()[:1] not in "“\"":
                out.append(Span(b.start + opened_at, b.end, "unbalanced_quote"))
        return out




#: A paragraph opening on the second half of a hyphenated compound ("-magnitude earthquake jolted …"):
#: the words before the hyphen were cut. A list's dash is followed by a space.
_CUT_COMPOUND = re.compile(r"^[-‐‑][a-z]")

#: A word (or figure), then white space: how a sentence, cut or whole, opens; code and addresses
#: ("javascript:void(0)", "example.com/news") run on without a space.
_OPENING_WORD = re.compile(r"^[^\s:/()=]+:?(?:\s|$)")


def _first_sentence_len(text: str) -> int:
    """Up to the first sentence's end, its closing quotation marks and brackets included."""
    m = SENTENCE_END.search(text)
    return m.start() + len(m.group().rstrip()) if m else len(text)


def clean(page: Page, config: CleanConfig | None = None) -> Cleaning:
    """Clean one page with a throw-away `Cleaner` (build a `Cleaner` once for many pages)."""
    return Cleaner(config)(page)
