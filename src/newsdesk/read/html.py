"""read.html: the main content of an HTML page as blocks of text, with their layout hints, title and date.

HTML is reduced to its main content with trafilatura, then rebuilt as blocks: headings, paragraphs,
quotes, tables and captions separated by a blank line, items of one list by a single newline. Each block
is recorded in `Page.hints` with its exact offsets and layout kind. Figure captions, which trafilatura
drops, are kept and hinted `caption` so the cleaner can list them; credit lines and bylines, which it
drops as page metadata, are moved where the story shows them, and put back as lines of their own if the
extractor still drops them (`newsdesk.read.html_credits`); so are short lines it drops from between two
paragraphs it keeps, the seam between two stories (`newsdesk.read.html_gaps`). A page whose stories each
sit in a container of one kind (sibling `<article>`s) is read whole, not only its first story
(`_post_run`). The page title goes to `Page.title` (and a leading heading that repeats it is left out of
the text), the publication date (htmldate, from the markup only, never the network) to
`Page.reference_date`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import Document

from newsdesk.errors import ReadError
from newsdesk.model import PageMeta, Span
from newsdesk.read.dates import iso_date
from newsdesk.read.html_credits import HoistedCredit, credit_order, names_own_site, neighbour_texts, site_names
from newsdesk.read.html_gaps import GapLine, gap_lines, gap_order
from newsdesk.read.meta import read_meta
from newsdesk.text.credit import find_credit

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HtmlText:
    """What `extract_html` finds in a page: its text, a layout hint per block, its title and its date."""

    text: str
    hints: tuple[Span, ...]
    title: str | None
    #: The publication date the page's markup gives, if any.
    date: dt.date | None
    #: What the page's markup says about its site and its story's source (`newsdesk.read.meta`).
    meta: PageMeta | None = None


def extract_html(source: str, html: str, *, captions: bool) -> HtmlText:
    """The main content of `html`, `source` naming it in errors; with `captions`, figure captions kept
    as blocks of their own. Raises `ReadError` (ND-E007) for markup that cannot be parsed or holds no
    body text."""
    html = _flatten_deep(html)
    tree = trafilatura.load_html(html)
    if tree is None:
        # trafilatura refuses a lone fragment ("<p>x</p>"); a wrapper makes it a document.
        tree = trafilatura.load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise ReadError(source, "ND-E007", "is not HTML that can be parsed")
    meta = read_meta(tree)  # before the hoisting below changes the tree
    if captions:
        _hoist_captions(tree)
    run = _post_run(tree)
    credits = _hoist_credits(tree, site_names(_markup_title(tree), (meta.site_name,) if meta else ()), run)
    hoisted = {c.text for c in credits}
    gaps = [g for g in gap_lines(tree) if g.text not in hoisted]
    headings = _heading_texts(tree)
    if run:
        _wrap_run(run)
    try:
        document = _extract(tree, precision=True) or _extract(tree, precision=False)
    except Exception as exc:  # the extraction libraries failing on odd markup: this page fails, not the batch
        log.debug("extraction of %s failed", source, exc_info=True)
        raise ReadError(source, "ND-E007", f"HTML could not be extracted (trafilatura failed: "
                                           f"{type(exc).__name__})") from None
    if document is None:
        raise ReadError(source, "ND-E007", "HTML has no body text that could be extracted")
    blocks = _with_credits(_as_headings(list(_blocks(document.body)), headings), credits, gaps)
    title = _clean_title(document.title)
    if blocks and title and blocks[0].kind == "heading" and _same_words(blocks[0].text, title):
        blocks = blocks[1:]  # the headline is the title, kept in Page.title and not twice
    if not blocks:
        raise ReadError(source, "ND-E007", "HTML has no body text that could be extracted")
    text, hints = _join(blocks)
    date = iso_date(document.date) if isinstance(document.date, str) else None
    return HtmlText(text=text, hints=hints, title=title, date=date, meta=meta)


def _with_credits(blocks: list[_Block], credits: Sequence[HoistedCredit], gaps: Sequence[GapLine]) -> list[_Block]:
    """`blocks` with the credit lines and the short lines between paragraphs that the extractor dropped
    put back where the page shows them."""
    if not credits and not gaps:
        return blocks
    texts = [b.text for b in blocks]
    order = gap_order(credit_order(texts, credits), texts, gaps)
    return [blocks[k] if isinstance(k, int) else _Block(k, "paragraph") for k in order]


#: How many headings of the markup are remembered (a bound on huge pages).
_MAX_HEADINGS = 500


def _heading_texts(tree: HtmlElement) -> dict[str, str]:
    """The text of each heading element of the page (h1-h6), with its tag."""
    found: dict[str, str] = {}
    for k, el in enumerate(tree.iter("h1", "h2", "h3", "h4", "h5", "h6")):
        if k >= _MAX_HEADINGS:
            break
        text = _squeeze(el.text_content())
        if text:
            found.setdefault(text, str(el.tag))
    return found


def _as_headings(blocks: list[_Block], headings: dict[str, str]) -> list[_Block]:
    """`blocks` with each paragraph whose whole text is a heading of the markup hinted as that heading.

    When trafilatura's own pass finds too little it takes a fallback extractor's text, which keeps
    headings as plain paragraphs: a story's title then looks like its first line, and the seam
    between two stories loses its clearest cue."""
    return [_Block(b.text, "heading", detail=headings[b.text], tight=b.tight)
            if b.kind == "paragraph" and b.text in headings else b for b in blocks]


def _trafilatura_settings(*, precision: bool) -> dict[str, Any]:
    """trafilatura's options, built afresh for each call so that no shared dict can be changed.

    Chosen on the AEB benchmark (bench/aeb.py; F1 of the text as read, captions cut as hinted):
    precision mode 0.9705, balanced 0.9632, recall 0.9619 — precision drops the related-links, teaser and
    share blocks that cost most there. Tables stay (without: 0.9619, body text lost); `fast` skips the
    fallback extractors (0.9594). Comments never enter the body, so they are not extracted at all.
    `precision=False` is the balanced mode, the fallback for a page where precision finds nothing.
    """
    return {
        "favor_precision": precision,
        "include_comments": False,
        "include_tables": True,
        "include_images": False,
        "include_formatting": False,
        "include_links": False,
        "deduplicate": False,  # trafilatura's duplicate cache is process-wide state
        "with_metadata": True,
        # htmldate on the markup only: the date the page says it was first published, no slow scan
        "date_extraction_params": {"original_date": True, "extensive_search": False},
    }


# A private-use character marks caption paragraphs through trafilatura, which keeps no attributes.
_CAPTION_MARK = "\ue000"
# Caption-like containers trafilatura drops wholesale (its DISCARD_IMAGE_ELEMENTS) or hides inside <figure>.
_CAPTION_CLASS = re.compile(r"caption", re.IGNORECASE)
_CAPTION_TAGS = frozenset({"div", "p", "span", "section"})
_CAPTION_MAX_CHARS = 500  # longer "caption" containers are layout wrappers, not captions
_BLOCK_KINDS = {"p": "paragraph", "head": "heading", "quote": "quote"}


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    kind: str
    detail: str | None = None
    #: The separator before this block when it follows another (one newline between list items).
    tight: bool = False


# libxml2 drops every element nested deeper than 256 levels, text and all: a page nested deeper than
# this has its layout tags removed before parsing (headings, paragraphs and list items kept).
_MAX_DEPTH = 200
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr"})
_KEEP_FLAT = frozenset({"html", "head", "body", "title", "meta", "p", "h1", "h2", "h3", "h4", "h5", "h6",
                        "li", "br", "figcaption", "script", "style"})
_BLOCKISH = frozenset({"div", "section", "article", "main", "table", "tr", "td", "th", "ul", "ol", "blockquote",
                       "header", "footer", "aside", "nav", "figure", "dl", "dd", "dt", "pre", "form"})


def _flatten_deep(html: str) -> str:
    """`html` unchanged unless its tags nest deeper than `_MAX_DEPTH`; then without its layout tags
    (a block's end becomes a paragraph break), so the parser keeps every word. One pass, no recursion."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    if deepest <= _MAX_DEPTH:
        return html

    def keep(m: re.Match[str]) -> str:
        name = m.group(2).lower()
        if name in _KEEP_FLAT:
            return m.group(0)
        return "<p>" if m.group(1) and name in _BLOCKISH else " "

    return _TAG.sub(keep, html)



def _extract(tree: HtmlElement, *, precision: bool) -> Document | None:
    # bare_extraction copies a tree it is given, so `tree` can be extracted twice.
    settings = _trafilatura_settings(precision=precision)
    try:
        document = trafilatura.bare_extraction(tree, **settings)
    except AssertionError:
        # htmldate's date search (in the metadata pass) trips an lxml assertion on some broken markup
        # ("<svg><span></span><p>": drop_tree of an element without a parent): read the body without metadata.
        document = trafilatura.bare_extraction(tree, **{**settings, "with_metadata": False})
    if not isinstance(document, Document) or document.body is None or not "".join(document.body.itertext()).strip():
        return None
    return document


#: What XML text may not hold (C0 controls but tab and newlines, U+FFFE/U+FFFF): lxml refuses to set text
#: holding them, though its HTML parser keeps them in the text it read.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _hoist_captions(tree: HtmlElement) -> None:
    """Turn each caption into a marked paragraph placed before the figure that holds it.

    trafilatura deletes `<figure>` with everything in it and any `div`/`p`/`span` whose class or id
    says "caption"; moved out of those, a caption reaches the output as a paragraph, in page order.
    """
    if _CAPTION_MARK in "".join(tree.itertext()):
        log.debug("page already holds U+E000; captions left to trafilatura")
        return
    # outermost only: a caption with its credit inside ("… <span class=credit>(Image: AP)</span>") is one
    captions = [el for el in tree.iter() if _is_caption(el) and not any(_is_caption(a) for a in el.iterancestors())]
    for el in captions:
        text = " ".join(el.text_content().split())
        anchor = el
        for ancestor in el.iterancestors():
            if ancestor.tag == "figure" or _is_caption(ancestor, wrapper=True):
                anchor = ancestor
        if text and anchor.getparent() is not None:
            paragraph = etree.Element("p")
            paragraph.text = _CAPTION_MARK + _NOT_XML.sub("", text)
            anchor.addprevious(paragraph)
        _drop_keep_tail(el)


# Containers a credit line or byline sits in; trafilatura drops most of them as page metadata.
_CREDIT_TAGS = frozenset({"div", "p", "span", "small", "footer", "address", "cite", "em", "i", "section", "aside",
                          "header", "strong", "b", "time"})
_CREDIT_MAX_CHARS = 300
# Classes and ids of the metadata boxes around a story (its byline, source line, post footer).
_META_CLASS = re.compile(r"byline|author|source|credit|meta|footer|attribution|origin|via|dateline", re.IGNORECASE)
_CONTENT_ROOTS = frozenset({"article", "main", "body"})


def _markup_title(tree: HtmlElement) -> str | None:
    """The text of the page's `<title>`, if it has one."""
    title = next(tree.iter("title"), None)
    if title is None:
        return None
    return _squeeze(title.text_content()) or None


def _hoist_credits(tree: HtmlElement, own_site: frozenset[str], run: Sequence[Any] = ()) -> list[HoistedCredit]:
    """Turn each credit line and byline of a story into a plain paragraph where the story shows it.

    trafilatura drops bylines, source lines and post footers as page metadata, yet "Republished with
    permission of X" or "By Jane Doe, X" is the page saying where the story came from: evidence of
    its origin and a boundary between stories (`newsdesk.text.credit`). Only small elements whose whole text
    is a credit move, never the site's navigation or its page-wide header and footer. Returns each moved
    credit with the text around it, so that one the extractor then drops can be put back (`_with_credits`)."""
    candidates = []
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.tag not in _CREDIT_TAGS or len(el) > 4:
            continue
        text = " ".join("".join(el.itertext()).split())
        if not text or len(text) > _CREDIT_MAX_CHARS or find_credit(text) is None:
            continue
        candidates.append((el, text))
    if not candidates:
        return []
    placed = []
    chosen = {id(el) for el, _ in candidates}
    # lxml makes a new proxy object for an element each time it is reached, so ids are stable only
    # while a reference is held: `elements` holds them for the ids below.
    elements = list(tree.iter())
    order = {id(el): k for k, el in enumerate(elements)}
    page_container = _text_container(tree)
    posts = _post_containers(tree) or list(run)
    for el, text in candidates:
        # On a page of several posts, a credit goes with the text of its own post.
        post = next((p for p in posts if any(a is p for a in el.iterancestors())), None)
        container = _text_container(post) if post is not None else page_container
        ancestors = list(el.iterancestors())
        if any(id(a) in chosen for a in ancestors) or any(a.tag == "nav" for a in ancestors):
            continue  # outermost only; never navigation
        if run and names_own_site(text, own_site):
            # On a page made of a run of posts, read whole (`_wrap_run`), the site's own copyright line in
            # a post is the site's furniture, not that post's source: left where the extractor drops it.
            continue
        anchor = el
        for ancestor in ancestors:
            if ancestor.tag in _CONTENT_ROOTS or ancestor is container:
                break
            if ancestor.tag in ("footer", "aside", "header") or _META_CLASS.search(
                    f"{ancestor.get('class', '')} {ancestor.get('id', '')}"):
                anchor = ancestor
        chrome = anchor.tag in ("footer", "header") and not any(
            a.tag in ("article", "main") for a in anchor.iterancestors())
        if chrome or anchor.getparent() is None:
            continue  # the page's own header or footer: the site's furniture, not a story's credit
        paragraph = etree.Element("p")
        paragraph.text = _NOT_XML.sub("", text)
        inside = container is None or any(a is container for a in el.iterancestors())
        # On a page of several posts, a credit outside every post stays where it stands: no one post owns it.
        if inside or (post is None and posts) or not _same_story(el, container):
            anchor.addprevious(paragraph)
        elif order.get(id(el), 0) < order.get(id(container), 0):
            container.insert(0, paragraph)  # a byline above the story's text: its first paragraph
        else:
            container.append(paragraph)  # a credit in the post's footer: its last paragraph
        _drop_keep_tail(el)
        placed.append(paragraph)
    return [HoistedCredit(_squeeze(p.text or ""), *neighbour_texts(p), own_site=names_own_site(p.text or "", own_site))
            for p in placed if p.getparent() is not None]


# Containers of text that are not posts however often they repeat.
_NOT_POSTS = re.compile(r"comment|reply|respon|sidebar|widget|footer|related|nav|menu|share|social|ad[sv]?\b|promo",
                        re.IGNORECASE)
#: A post holds at least this many characters of paragraphs.
_POST_MIN_CHARS = 200
# Extracting each post of a multi-post page on its own was measured and left out: on AEB it took in
# the next articles of infinite-scroll pages, which AEB's gold does not count (F1 0.970 -> 0.963). A run
# of posts of one tag and class that holds the main text is read whole instead (`_post_run`): AEB's next
# articles and teasers differ from the story's container in class (AEB F1 0.9664 -> 0.9691).


def _post_containers(tree: HtmlElement) -> list[Any]:
    """Sibling elements of one kind and class, two or more, each holding a title and paragraphs: posts."""
    groups: dict[tuple[int, str, str], list[Any]] = {}
    elements = list(tree.iter("div", "article", "section", "li"))  # held: ids below stay theirs
    for el in elements:
        parent = el.getparent()
        classes = (el.get("class") or "").split()
        if parent is None or not classes or _NOT_POSTS.search(" ".join(classes) + " " + (el.get("id") or "")):
            continue
        groups.setdefault((id(parent), el.tag, classes[0]), []).append(el)
    best: list[Any] = []
    for members in groups.values():
        # A post has a title of its own: repeated blocks of text without one are parts of one story.
        rich = [m for m in members if _paragraph_chars(m) >= _POST_MIN_CHARS
                and next(m.iter("h1", "h2", "h3", "h4"), None) is not None]
        if len(rich) >= 2 and sum(map(_paragraph_chars, rich)) > sum(map(_paragraph_chars, best)):
            best = rich
    return best


#: Elements a run of like posts may be made of; an unclassed one counts only when it is an <article>
#: (self-contained by its markup), never a bare layout <div> or <section>.
_RUN_TAGS = frozenset({"article", "section", "div"})
#: Each member of a run holds at least a sentence of paragraph text (a story may be one paragraph long).
#: A sibling of the same kind with less makes it no run: lists of story cards beside a story have short
#: or empty cards among them (letting such siblings merely drop out of the run: AEB F1 0.9691 -> 0.9604).
_RUN_MEMBER_MIN_CHARS = 80
#: The class the merged run is given: one trafilatura's first choice of main container takes, so that it
#: reads the run whole before any part of one post (a member's "entry-content") or the first <article>.
_RUN_CLASS = "post"


def _post_run(tree: HtmlElement) -> list[Any]:
    """The run of like posts that holds the page's main text, if the page is one; else nothing.

    The extractor reads one container as the page's story: the first <article>, or the first element
    classed as a body. A page stitched from several stories often gives each its own container of one
    kind (sibling <article>s, or siblings of one tag and class); the extractor then reads the first and
    drops every other story whole. Such a run is two or more siblings of one tag and class, each holding
    paragraphs of text, one of them the container of most text (or an ancestor of it). A run the main text
    is not in (teasers, a list of related stories beside the story) is not one: on news sites those
    siblings differ from the story's own container in class."""
    container = _text_container(tree)
    if container is None:
        return []
    for member in [container, *container.iterancestors()]:
        parent = member.getparent()
        if parent is None or not isinstance(member.tag, str) or member.tag not in _RUN_TAGS:
            continue
        classes = member.get("class") or ""
        if not classes.strip() and member.tag != "article":
            continue
        if _NOT_POSTS.search(f"{classes} {member.get('id') or ''}"):
            continue
        run = [el for el in parent if el.tag == member.tag and (el.get("class") or "") == classes]
        if len(run) >= 2 and all(_paragraph_chars(el) >= _RUN_MEMBER_MIN_CHARS for el in run):
            return run
    return []


def _wrap_run(run: Sequence[Any]) -> None:
    """Wrap a run of posts (`_post_run`), from its first member to its last with whatever stands between
    them, in one container the extractor takes first, so that it reads every post. The members keep their
    text and lose their tag and class, so that none is taken for the story on its own; short furniture
    between them is marked as outside the main flow."""
    parent = run[0].getparent()
    if parent is None or any(el.getparent() is not parent for el in run):
        return  # the credit hoisting moved a member: leave the page as it was
    siblings = list(parent)
    first, last = siblings.index(run[0]), siblings.index(run[-1])
    wrapper = etree.Element("article")
    wrapper.set("class", _RUN_CLASS)
    parent.insert(first, wrapper)
    members = {id(el) for el in run}
    for el in siblings[first:last + 1]:
        wrapper.append(el)  # moves it, its tail with it
        if id(el) not in members and isinstance(el.tag, str) and len(el.text_content()) < _POST_MIN_CHARS:
            # What stands between two posts is the site's furniture ("Up next", its copyright line): it
            # stays out of the body, as it was outside every post; a line of it the extractor would have
            # kept between two stories comes back through `html_gaps` and `html_credits`, which judge it.
            el.tag = "aside"
    for el in run:
        el.tag = "div"
        el.attrib.pop("class", None)


def _paragraph_chars(el: Any) -> int:
    return sum(len("".join(p.itertext())) for p in el.iter("p"))


def _same_story(el: Any, container: Any) -> bool:
    """Whether a credit outside the text container belongs to the story in it: their nearest common
    ancestor holds no other story's text (on a page of several posts, each credit stays with its own)."""
    ancestors = list(container.iterancestors())  # held, so that their ids stay theirs (see _hoist_credits)
    around = {id(a) for a in ancestors}
    common = next((a for a in el.iterancestors() if id(a) in around), None)
    if common is None or common.tag in ("body", "html"):
        return False
    return _paragraph_chars(common) <= 1.5 * _paragraph_chars(container) + 200


def _text_container(tree: HtmlElement) -> Any:
    """The element whose own paragraphs hold most text: where the extractor finds the story, and so
    where a credit standing outside it must go to be kept."""
    best, best_chars = None, 0
    for el in tree.iter("div", "section", "article", "main", "td"):
        chars = sum(len("".join(p.itertext())) for p in el if isinstance(p.tag, str) and p.tag == "p")
        if chars > best_chars:
            best, best_chars = el, chars
    return best


def _is_caption(el: Any, *, wrapper: bool = False) -> bool:
    if not isinstance(el.tag, str):
        return False  # comments and processing instructions
    if el.tag == "figcaption":
        return True
    if el.tag not in _CAPTION_TAGS:
        return False
    if not _CAPTION_CLASS.search(f"{el.get('class', '')} {el.get('id', '')}"):
        return False
    return wrapper or len(el.text_content()) <= _CAPTION_MAX_CHARS


def _drop_keep_tail(el: Any) -> None:
    """Remove an element but keep the text that follows it, which belongs to its parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        # The parser may have kept control characters lxml refuses to set again (found by bench/fuzz.py).
        tail = _NOT_XML.sub("", el.tail)
        previous = el.getprevious()
        if previous is not None:
            previous.tail = _NOT_XML.sub("", previous.tail or "") + tail
        else:
            parent.text = _NOT_XML.sub("", parent.text or "") + tail
    parent.remove(el)


def _blocks(body: Any) -> Iterator[_Block]:
    """The blocks of trafilatura's XML body (p, head, list/item, quote, table), in order."""
    yield from _block(_squeeze(body.text or ""), "paragraph")
    for el in body:
        yield from _element_blocks(el, quote=False)
        yield from _block(_squeeze(el.tail or ""), "paragraph")


def _element_blocks(el: Any, *, quote: bool) -> Iterator[_Block]:
    tag = el.tag
    if tag == "list":
        # nested lists come out flat, in document order: each item's own text, then its sub-items
        tight = False
        for item in el.iter("item"):
            for block in _block(_inline_text(item, skip={"list"}), "quote" if quote else "list_item", tight=tight):
                tight = block.kind != "caption"
                yield block
        return
    if tag == "table":
        cells = ((_inline_text(cell).replace(_CAPTION_MARK, "").replace("\n", " ") for cell in row.iter("cell"))
                 for row in el.iter("row"))
        yield from _block("\n".join(row for row in (" | ".join(c for c in r if c) for r in cells) if row), "table")
        return
    if tag in ("quote", "div", "body") and any(child.tag in _CONTAINERS for child in el):
        loose = "quote" if quote or tag == "quote" else "paragraph"
        yield from _block(_squeeze(el.text or ""), loose)
        for child in el:
            yield from _element_blocks(child, quote=quote or tag == "quote")
            yield from _block(_squeeze(child.tail or ""), loose)
        return
    kind = "quote" if quote else _BLOCK_KINDS.get(tag, "paragraph")
    yield from _block(_inline_text(el), kind, detail=el.get("rend") if tag == "head" else None)


def _block(text: str, kind: str, *, detail: str | None = None, tight: bool = False) -> Iterator[_Block]:
    """A block of `text` (none if empty); one that starts with the caption mark is a caption."""
    if text.startswith(_CAPTION_MARK):
        kind, detail, tight = "caption", None, False
    text = text.replace(_CAPTION_MARK, "").strip()
    if text:
        yield _Block(text, kind, detail=detail, tight=tight)


_CONTAINERS = frozenset({"p", "head", "list", "quote", "table", "div", "code"})
_WHITESPACE = re.compile(r"\s+")


def _inline_text(el: Any, skip: frozenset[str] | set[str] = frozenset()) -> str:
    """The text of a block: `<lb/>` is a newline, any other run of white space (newlines of the HTML source
    included) one space, as a browser shows it."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.text:
            parts.append(_WHITESPACE.sub(" ", node.text))
        for child in node:
            if child.tag == "lb":
                parts.append("\n")
            elif child.tag not in skip:
                walk(child)
            if child.tail:
                parts.append(_WHITESPACE.sub(" ", child.tail))

    walk(el)
    lines = (_squeeze(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _join(blocks: Sequence[_Block]) -> tuple[str, tuple[Span, ...]]:
    parts: list[str] = []
    hints: list[Span] = []
    pos = 0
    for i, block in enumerate(blocks):
        if i:
            sep = "\n" if block.tight else "\n\n"
            parts.append(sep)
            pos += len(sep)
        parts.append(block.text)
        hints.append(Span(pos, pos + len(block.text), block.kind, detail=block.detail))
        pos += len(block.text)
    return "".join(parts), tuple(hints)


def _clean_title(title: str | None) -> str | None:
    title = _squeeze(title) if title else ""
    return title or None


def _same_words(a: str, b: str) -> bool:
    return re.findall(r"\w+", a.casefold()) == re.findall(r"\w+", b.casefold())


# ---------------------------------------------------------------------------------------------------------
# sources
