"""read.meta: what an HTML page's markup says about the site and where its story came from.

Republishing sites often say in machine-readable form what their text does not: the site's own
name (og:site_name, application-name, JSON-LD publisher), where the text lives (`<link
rel="canonical">`, og:url), Google News' `syndication-source` and `original-source` tags, and a
JSON-LD NewsArticle's `isBasedOn`, `sourceOrganization`, `publisher` and `author`. The same schema.org
properties given as microdata (`itemprop` inside an article's `itemscope`) are read alike, a Dublin Core
`dc.source` as the original source when no original-source tag names one, and `<meta name="author">`
with the authors. They are read into a `PageMeta`; weighing them as origin evidence is
`newsdesk.analysis.origin`'s.

Bounded: only the first `_MAX_TAGS` meta/link elements and `_MAX_SCRIPTS` JSON-LD scripts of at
most `_MAX_SCRIPT_CHARS` each are read, every value is cut to `_MAX_VALUE_CHARS` and every list to
`_MAX_NAMES`; JSON that does not parse, or is not the shape schema.org gives, is skipped silently.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

from newsdesk.model import PageMeta

log = logging.getLogger(__name__)

_MAX_TAGS = 400
_MAX_SCRIPTS = 8
_MAX_SCRIPT_CHARS = 100_000
_MAX_VALUE_CHARS = 300
_MAX_NAMES = 8
#: JSON-LD nests objects (@graph, publisher, author…); deeper than this is not a page's metadata.
_MAX_DEPTH = 6
_ARTICLE_TYPES = frozenset({"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
                            "blogposting", "webpage", "creativework", "liveblogposting", "opinionnewsarticle"})


def read_meta(tree: Any) -> PageMeta | None:
    """The page's metadata from a parsed HTML tree (lxml), or None when it carries none we read."""
    found: dict[str, str] = {}
    try:
        elements = tree.iter("meta", "link")
        for k, el in enumerate(elements):
            if k >= _MAX_TAGS:
                break
            _read_tag(el, found)
        based_on, organizations, publishers, authors = _json_ld(tree)
        micro = _microdata(tree)
    except (ValueError, TypeError, AttributeError):  # odd markup: no metadata, never a failed page
        log.debug("page metadata could not be read", exc_info=True)
        return None
    # The publisher is kept apart: a page that republishes may copy the original's JSON-LD with it.
    site = found.get("og:site_name") or found.get("application-name")
    author_tag = (found["author"],) if "author" in found else ()
    meta = PageMeta(site_name=site, canonical_url=found.get("canonical"), og_url=found.get("og:url"),
                    syndication_source=found.get("syndication-source"),
                    original_source=found.get("original-source") or found.get("dc.source"),
                    based_on=_merged(based_on, micro["isbasedon"]),
                    source_organizations=_merged(organizations, micro["sourceorganization"]),
                    publishers=_merged(publishers, micro["publisher"]),
                    authors=_merged(authors, micro["author"], author_tag))
    return None if meta == PageMeta() else meta


def _read_tag(el: Any, found: dict[str, str]) -> None:
    """One `<meta>` or `<link>`: the first value of each key we read is kept."""
    if el.tag == "link":
        rels = (el.get("rel") or "").casefold().split()
        href = _value(el.get("href"))
        if "canonical" in rels and href:
            found.setdefault("canonical", href)
        return
    key = (el.get("property") or el.get("name") or "").strip().casefold()
    content = _value(el.get("content"))
    key = _DC_SOURCE.get(key, key)
    if content and key in ("og:site_name", "application-name", "og:url", "syndication-source", "original-source",
                           "dc.source", "author"):
        found.setdefault(key, content)


#: Dublin Core's spellings of "the resource this one is derived from".
_DC_SOURCE = {"dcterms.source": "dc.source", "dc:source": "dc.source", "dcterms:source": "dc.source"}
#: The schema.org properties read from microdata, lower-cased (microdata property names are case-sensitive,
#: but pages spell them both ways).
_MICRODATA_PROPS = ("isbasedon", "sourceorganization", "publisher", "author")
_MAX_ITEMPROPS = 200


def _microdata(tree: Any) -> dict[str, tuple[str, ...]]:
    """The names (or, for isBasedOn, URLs) that microdata gives for an article's source properties.

    Only properties of an article item count (an `itemscope` whose `itemtype` is a schema.org article
    type): a comment's or a related post's author is not the page's."""
    found: dict[str, list[str]] = {prop: [] for prop in _MICRODATA_PROPS}
    seen = 0
    for el in tree.iter():
        if not isinstance(el.tag, str) or el.get("itemprop") is None:
            continue
        seen += 1
        if seen > _MAX_ITEMPROPS:
            break
        props = [p for p in (el.get("itemprop") or "").casefold().split() if p in found]
        if not props or not _in_article_item(el):
            continue
        value = _item_value(el, url=props == ["isbasedon"])
        if value:
            for prop in props:
                found[prop].append(value)
    return {prop: tuple(_unique(values)) for prop, values in found.items()}


def _in_article_item(el: Any) -> bool:
    """Whether the nearest item scope around `el` is an article's."""
    scope = next((a for a in el.iterancestors() if a.get("itemscope") is not None), None)
    if scope is None:
        return False
    kind = (scope.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].casefold()
    return kind in _ARTICLE_TYPES


def _item_value(el: Any, *, url: bool) -> str | None:
    """A microdata property's value: an item's `name` property, else a link's address (for a URL),
    a `content` attribute, or the element's text."""
    if el.get("itemscope") is not None:
        name = next((d for d in el.iterdescendants() if isinstance(d.tag, str)
                     and "name" in (d.get("itemprop") or "").split()), None)
        if name is not None:
            return _value(name.get("content") or name.text_content())
    if url and el.get("href"):
        return _value(el.get("href"))
    return _value(el.get("content") or el.text_content())


def _merged(*groups: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_unique([v for group in groups for v in group]))


def _value(raw: object) -> str | None:
    if not isinstance(raw, str):
        return None
    text = " ".join(raw.split())[:_MAX_VALUE_CHARS]
    return text or None


def _json_ld(tree: Any) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """isBasedOn (URLs or names), sourceOrganization, publisher and author names of the page's articles."""
    based_on: list[str] = []
    organizations: list[str] = []
    publishers: list[str] = []
    authors: list[str] = []
    scripts = [s for s in tree.iter("script") if (s.get("type") or "").strip().casefold() == "application/ld+json"]
    for script in scripts[:_MAX_SCRIPTS]:
        raw = script.text or ""
        if len(raw) > _MAX_SCRIPT_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):  # malformed JSON-LD is common and says nothing
            continue
        for item in _items(data, 0):
            types = item.get("@type")
            kinds = {t.casefold() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            if not kinds & _ARTICLE_TYPES:
                continue
            based_on.extend(_refs(item.get("isBasedOn")))
            organizations.extend(_names(item.get("sourceOrganization")))
            publishers.extend(_names(item.get("publisher")))
            authors.extend(_names(item.get("author")))
    return tuple(_unique(based_on)), tuple(_unique(organizations)), tuple(_unique(publishers)), tuple(_unique(authors))


def _items(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    """The objects of a JSON-LD document: top-level ones, list members and `@graph` members."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for member in data[:50]:
            yield from _items(member, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _items(data["@graph"], depth + 1)


def _names(value: Any) -> list[str]:
    """The names in a schema.org Organization/Person value: a string, an object with a name, or a list."""
    out: list[str] = []
    for member in value[:_MAX_NAMES] if isinstance(value, list) else [value]:
        name = member.get("name") if isinstance(member, dict) else member
        if isinstance(name, list):
            name = next((n for n in name if isinstance(n, str)), None)
        text = _value(name)
        if text:
            out.append(text)
    return out


def _refs(value: Any) -> list[str]:
    """What an `isBasedOn` value points at: a URL, or a CreativeWork's url, else its publisher's or own name."""
    out: list[str] = []
    for member in value[:_MAX_NAMES] if isinstance(value, list) else [value]:
        if isinstance(member, dict):
            ref = _value(member.get("url")) or next(iter(_names(member.get("publisher"))), None)
        else:
            ref = _value(member)
        if ref:
            out.append(ref)
    return out


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))[:_MAX_NAMES]
