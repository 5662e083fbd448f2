"""sites: the names a page gives the republishing site and the outlets it credits — after its title's
separator ("Headline | Site"), in its navigation and footer, in its credit-shaped lines, in its markup
(og:site_name, JSON-LD publisher: `PageMeta`) — so that a domain can be read as the outlet it spells
and a credit naming the site itself is known for furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.model import PageMeta
from newsdesk.text.credit import OUTLET_NAME, Credit, name_before_tail
from newsdesk.text.outlets import (
    domain_host,
    domain_label,
    is_domain,
    letters,
    outlet_name,
    registered_domain,
    spells,
)

# A name in a wire dateline's slot, in brackets or between slashes before a dash: "(Harbour Wire) --",
# "/HarbourWire/ --". Only near a line's start, where datelines stand.
_DATELINE_SLOT = re.compile(r"^.{0,80}?(?:\(([A-Z][\w&.'’ -]{1,40})\)|/([A-Z][\w&.-]{1,30})/)\s*[-–—]")


def credit_outlet_names(lines: Iterable[str]) -> list[str]:
    """The outlet names (not domains) written in credit-shaped lines and in datelines: what a domain on
    the page may spell ("prnewswire.com" under "DENVER, May 2, 2022 /PRNewswire/ --")."""
    out = []
    for line in lines:
        for m in re.finditer(rf"(?:on|by|of|from|at|:|©|—|\|)\s+({OUTLET_NAME})", line):
            if not is_domain(m.group(1)):
                out.append(name_before_tail(m.group(1)))
        slot = _DATELINE_SLOT.match(line)
        if slot:
            out.append((slot.group(1) or slot.group(2)).strip())
    return out


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•»›:]{1,2}|[-–—])\s+")
_SITE_LINE = re.compile(r"^(?:about|contact|follow|subscribe\s+to|sign\s+up\s+(?:for|to)|more\s+from|latest\s+from|"
                        r"welcome\s+to|home|support|donate\s+to|advertise\s+(?:with|on)|"
                        # the site thanking its reader by its own name: "Thanks for reading Site!"
                        r"thanks?(?:\s+you)?\s+for\s+(?:reading|visiting|choosing|supporting)|"
                        r"you(?:['’]re|\s+are)\s+(?:reading|visiting))\b", re.IGNORECASE)


def _title_segments(title: str | None) -> list[str]:
    parts = _TITLE_SEPARATOR.split(title.strip()) if title else []
    return [p.strip() for p in parts[1:]] if len(parts) > 1 else []


def names_on_page(title: str | None, lines: Iterable[str]) -> list[str]:
    """Outlet names written on a page (in credit-shaped lines and after the title's separator): the
    names its domains may spell ("harbourgazette.com" is "Harbour Gazette" when the page says so)."""
    # Once each: a page's credit lines repeat the same few names, and every domain is checked against them.
    return list(dict.fromkeys([*_title_segments(title), *credit_outlet_names(lines)]))


def site_names(title: str | None, furniture: Iterable[str], credits: Iterable[Credit],
               site_lines: Iterable[str] = (), own: Iterable[str] = ()) -> set[str]:
    """The names of the republishing site itself, among the outlets its credits name.

    The site names itself after the separator of its page title ("Headline | Site"), in its
    navigation and footer ("About Site", "World | Site", "Home » Site") and in `site_lines`: lines
    that can only be the site's own (its masthead, its furniture: "Copyright Site 2022 - Terms",
    "More from Site", "… has not been edited by Site staff"), and in `own`: the names its markup
    gives itself (`own_site_names`). A credit naming that outlet is the site's own furniture, not
    where a story came from."""
    credits = list(credits)
    named = {o.name for c in credits for o in c.outlets}
    if not named:
        return set()

    site: set[str] = {name for name in named if any(same_site(name, mine) for mine in own)}
    # A name standing alone on a line and again in a copyright line: the site's masthead and footer.
    alone = {o.name for c in credits if c.family == "name_line" for o in c.outlets}
    site |= alone & {o.name for c in credits if c.family == "copyright" for o in c.outlets}
    for segment in _title_segments(title):
        name = outlet_name(segment)
        if name in named:
            site.add(name)
    # Where a site names itself: a short navigation line ("World | Site", "Home » Site"), or the
    # words right after "About", "Welcome to", "Follow" at the start of a line of any length.
    spots = [line for line in site_lines if len(line) <= 400]
    for line in furniture:
        opening = _SITE_LINE.match(line)
        if opening:
            spots.append(line[opening.end():opening.end() + 80])
        elif len(line.split()) <= 12 and re.search(r"\s[|»›·/]\s", line):
            spots.append(line)
    for name in named - site:
        key = letters(name)
        if len(key) >= 3 and any(key in letters(spot) for spot in spots):
            site.add(name)
    return site


def same_site(name: str, other: str) -> bool:
    """Whether two names (or domains) are one outlet: one canonical name, the same letters, or a domain
    spelling the other's name ("apnews.com" and "AP News", "harbourgazette.com" and "Harbour Gazette")."""
    a, b = outlet_name(name), outlet_name(other)
    if a is None or b is None:
        return False
    if a == b or (len(letters(a)) >= 3 and letters(a) == letters(b)):
        return True
    for domain, named in ((name, other), (other, name)):
        if is_domain(domain) and not is_domain(named) and spells(domain_label(domain_host(domain)), named):
            return True
    if is_domain(name) and is_domain(other):
        return registered_domain(name) == registered_domain(other)
    return False


def page_addresses(meta: PageMeta | None, url: str | None = None) -> tuple[set[str], list[str]]:
    """The sites (registered domains) a page's addresses show to be its own, and the addresses in its
    markup (canonical link, og:url) that point off it, in that order.

    The URL the page was fetched from is its own. Without it, canonical link and og:url on one site
    are most likely both the page's own address; on two sites, the one its og:site_name spells is
    its own and the other points off it, and when the name spells neither, which is which is not
    known (a site's name often does not spell its domain: "ctpost.com" for a "Connecticut Post")."""
    marked = [v for v in ((meta.canonical_url, meta.og_url) if meta else ()) if v and is_domain(domain_host(v))]
    if url and is_domain(domain_host(url)):
        own = {registered_domain(url)}
        return own, [v for v in marked if registered_domain(v) not in own]
    sites = {registered_domain(v) for v in marked}
    if len(sites) <= 1:
        return sites, []
    name = meta.site_name if meta else None
    mine = [v for v in marked if name and same_site(domain_host(v), name)]
    if len({registered_domain(v) for v in mine}) != 1:
        return set(), []
    own = {registered_domain(mine[0])}
    return own, [v for v in marked if registered_domain(v) not in own]


def own_site_names(meta: PageMeta | None, url: str | None = None) -> list[str]:
    """The names a page's markup and address give the site itself: the sites its addresses show to be
    its own (`page_addresses`), its og:site_name (or application-name), and its JSON-LD publisher
    where the page's canonical link is its own (a publisher on a page that points elsewhere may be
    the original's, copied with its markup)."""
    own, elsewhere = page_addresses(meta, url)
    names: list[str] = sorted(own)
    if meta is None:
        return names
    if meta.site_name:
        names.append(meta.site_name)
    canonical = meta.canonical_url
    own_canonical = canonical is not None and is_domain(domain_host(canonical)) and registered_domain(canonical) in own
    unsourced = canonical is None and not elsewhere and not meta.syndication_source and not meta.original_source
    if own_canonical or unsourced:
        names.extend(meta.publishers[:2])
    return list(dict.fromkeys(names))
