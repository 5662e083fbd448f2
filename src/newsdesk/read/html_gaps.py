"""read.html_gaps: short lines the extractor drops from between two paragraphs it keeps, put back.

On a page stitched from several stories, what sits between two of them is often a short line of page
furniture ("Sponsored", a newsletter prompt, "Like this: Like Loading...") with no heading or credit
around it. The extractor drops it, and the two stories' paragraphs then meet with nothing between them:
the cue that one story ended is gone. On a text page the same line is kept and the cleaner removes it
as noise, marking the seam. So a short, link-poor element with no block inside it, lying between two
blocks of text, is recorded with the texts of those blocks; one the extractor dropped goes back only
when both neighbours were kept and are still next to each other, i.e. when it sat inside the body the
extractor chose, never in a sidebar, a menu or a list of links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.read.html_credits import neighbour_texts

#: Elements a dropped interstitial line may be (not inline text of a paragraph, not a list or table). An
#: `<aside>` (or role "complementary") is by its markup outside the main flow: dropping it is right.
_LINE_TAGS = frozenset({"div", "p", "section", "span", "small", "ins"})
#: Elements inside which nothing is the body's: the site's navigation, forms, scripts, page header.
_NEVER_INSIDE = frozenset({"nav", "aside", "form", "script", "style", "noscript", "template", "select", "button",
                           "head"})
_NOT_MAIN_ROLES = frozenset({"complementary", "navigation", "banner", "contentinfo", "menu", "menubar", "dialog"})
_BLOCKS_INSIDE = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
                            "article", "aside", "blockquote", "figure", "header", "footer", "main"})
#: Longer than this it is not a line of furniture (a dropped paragraph of text is the extractor's call).
_MAX_CHARS = 160
#: A line mostly made of links is navigation or a list of teasers: not put back.
_MAX_LINK_SHARE = 0.5
_MAX_LINES = 200
#: How many candidate elements are looked at (a bound on huge pages; the body's lines come early enough).
_MAX_CANDIDATES = 5000


@dataclass(frozen=True, slots=True)
class GapLine:
    """A short line between two blocks of text, with the texts of those blocks."""

    text: str
    before: str
    after: str


def gap_lines(tree: Any) -> list[GapLine]:
    """The short, link-poor lines of `tree` that stand between two blocks of text, in document order."""
    found: list[GapLine] = []
    for k, el in enumerate(tree.iter(*_LINE_TAGS)):
        if len(found) >= _MAX_LINES or k >= _MAX_CANDIDATES:
            break
        if any(isinstance(d.tag, str) and d.tag in _BLOCKS_INSIDE for d in el.iterdescendants()):
            continue
        text = " ".join("".join(el.itertext()).split())
        if not text or len(text) > _MAX_CHARS:
            continue
        if el.tag in ("span", "small") and _inside_text_block(el):
            continue  # inline text of a paragraph, which the extractor keeps or drops with it
        if any(isinstance(a.tag, str) and (a.tag in _NEVER_INSIDE or (a.get("role") or "").strip() in _NOT_MAIN_ROLES)
               for a in (el, *el.iterancestors())):
            continue
        links = sum(len(" ".join("".join(a.itertext()).split())) for a in el.iter("a"))
        if links > _MAX_LINK_SHARE * len(text):
            continue
        before, after = neighbour_texts(el)
        if before and after:
            found.append(GapLine(text, before, after))
    return found


def _inside_text_block(el: Any) -> bool:
    return any(isinstance(a.tag, str) and a.tag in ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "figcaption")
               for a in el.iterancestors())


def gap_order(order: Sequence[int | str], texts: Sequence[str], lines: Sequence[GapLine]) -> list[int | str]:
    """`order` (indexes of extracted blocks, whose texts are `texts`, and lines put back, as str) with each
    dropped gap line put back between its two neighbours, where only lines put back separate them."""
    out = list(order)
    shown = [texts[k] if isinstance(k, int) else k for k in out]
    for line in lines:
        if any(line.text in text for text in shown):
            continue  # kept by the extractor, or part of a kept block
        for k, text in enumerate(shown):
            if text != line.before:
                continue
            j = k + 1
            while j < len(out) and isinstance(out[j], str):
                j += 1  # past the lines already put back after the same block
            if j < len(out) and shown[j] == line.after:
                out.insert(j, line.text)
                shown.insert(j, line.text)
                break
    return out
