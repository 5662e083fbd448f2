"""read.html_credits: credit lines and bylines the main-content extractor dropped, put back where the page shows them.

`newsdesk.read.html` moves each credit line out of the metadata box it sits in, to a plain paragraph
where its story shows it. The extractor may still drop that paragraph: a short line next to page
furniture ("PTI YEY DSN" above "Copyright © 2013 Site") fails its boilerplate tests, or a fallback
extractor that cuts short lines near the furniture wins. Yet the line is the page saying where a story
came from. So each moved credit is recorded with the text of the blocks around it in the markup, and
one missing from the extracted blocks goes back right after the block it followed (or before the one it
preceded), as a block of its own, never glued to a paragraph. A credit whose neighbours were both
dropped belonged to a part of the page the extractor left out (a sidebar, a widget): it stays out. So
does a dropped credit naming only the page's own site (its `<title>` site part, og:site_name): that is
the site's copyright furniture, and put back it would read as a story's source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsdesk.text.credit import find_credit

#: Elements whose text is a block of the page: the neighbours a credit is placed by.
_TEXT_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "figcaption", "td",
                          "dd", "dt"})
#: How many elements a search for a credit's neighbour walks before giving up (bounded on huge pages).
_MAX_STEPS = 400


@dataclass(frozen=True, slots=True)
class HoistedCredit:
    """A credit line moved to a paragraph of its own, and the text of the blocks before and after it."""

    text: str
    before: str | None
    after: str | None
    #: Whether every outlet the credit names is the page's own site (its copyright line, not a source).
    own_site: bool = False


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _block_text(el: Any) -> str | None:
    """The text of `el` when it is a block of the page's text (a paragraph, heading, item), else None."""
    if not isinstance(el.tag, str) or el.tag not in _TEXT_BLOCKS:
        return None
    text = _squeeze("".join(el.itertext()))
    return text or None


def neighbour_texts(el: Any) -> tuple[str | None, str | None]:
    """The text of the nearest block before `el` and after it, in document order (None at either end, or
    when none is found within `_MAX_STEPS` elements: the walk is bounded on huge pages)."""
    return _nearest(el, preceding=True), _nearest(el, preceding=False)


def _nearest(el: Any, *, preceding: bool) -> str | None:
    """The nearest block beside `el`, or beside its nearest ancestor that has one: the last block of a
    sibling before it, or the first of a sibling after it."""
    budget = [_MAX_STEPS]  # shared by every walk below
    for node in (el, *el.iterancestors()):
        for sibling in node.itersiblings(preceding=preceding):
            blocks = _outer_blocks(sibling, budget, first_only=not preceding)
            if blocks:
                return blocks[-1]
            if budget[0] <= 0:
                return None
    return None


def _outer_blocks(node: Any, budget: list[int], *, first_only: bool) -> list[str]:
    """The texts of the outermost blocks in `node` (itself included), in document order: a paragraph
    inside a list item is part of the item's block."""
    found: list[str] = []
    current = None
    for inner in node.iter():
        budget[0] -= 1
        if budget[0] < 0:
            break
        if current is not None and any(a is current for a in inner.iterancestors()):
            continue
        text = _block_text(inner)
        if text:
            found.append(text)
            current = inner
            if first_only:
                break
    return found


def credit_order(blocks: Sequence[str], credits: Sequence[HoistedCredit]) -> list[int | str]:
    """The extracted blocks (given by their texts, in order) with each credit missing from them put back:
    an int is the index of an extracted block, a str a credit put back as a block of its own. A credit
    already a block, or part of one, is left where the extractor put it."""
    texts = list(blocks)
    order: list[int | str] = list(range(len(texts)))
    for credit in credits:
        if not credit.text or credit.own_site or any(credit.text in text for text in texts):
            continue
        at = None
        if credit.before is not None:  # right after the block it followed (credits put back count)
            at = next((k + 1 for k, text in enumerate(texts) if text == credit.before), None)
        if at is None and credit.after is not None:
            at = next((k for k, text in enumerate(texts) if text == credit.after), None)
        if at is None:
            continue  # both neighbours dropped: the credit was in a part of the page the extractor left out
        texts.insert(at, credit.text)
        order.insert(at, credit.text)
    return order


# What separates a page title's headline from the site's name: "Ferry to stop | Island Notes".
_TITLE_SEPARATORS = re.compile(r"\s+[|\u2013\u2014\u00b7:»-]\s+")


def _name_key(name: str) -> str:
    """A name as compared: case, a leading "the" and all but letters and digits ignored."""
    words = re.findall(r"\w+", name.casefold())
    if words and words[0] == "the":
        words = words[1:]
    return "".join(words)


def site_names(title: str | None, named: Iterable[str | None]) -> frozenset[str]:
    """The keys of the names the page gives its own site: each part of its `<title>` (a title without a
    separator is all site name or all headline; either way a credit rarely repeats a headline) and the
    names its markup gives (og:site_name, application-name)."""
    parts = _TITLE_SEPARATORS.split(title) if title else []
    return frozenset(k for k in (_name_key(n) for n in (*parts, *named) if n) if k)


def names_own_site(text: str, own: frozenset[str]) -> bool:
    """Whether the credit line `text` names outlets and all of them are the page's own site."""
    credit = find_credit(text) if own else None
    if credit is None or not credit.outlets:
        return False
    return all(_name_key(outlet.name) in own for outlet in credit.outlets)
