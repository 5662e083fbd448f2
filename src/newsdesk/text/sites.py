"""sites: the names a page gives the republishing site and the outlets it credits — after its title's
separator ("Headline | Site"), in its navigation and footer, in its credit-shaped lines — so that a
domain can be read as the outlet it spells and a credit naming the site itself is known for furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdesk.text.credit import OUTLET_NAME, Credit
from newsdesk.text.outlets import is_domain, letters, outlet_name


def credit_outlet_names(lines: Iterable[str]) -> list[str]:
    """The outlet names (not domains) written in credit-shaped lines: what a domain on the page may spell."""
    out = []
    for line in lines:
        for m in re.finditer(rf"(?:on|by|of|from|at|:|©|—|\|)\s+({OUTLET_NAME})", line):
            if not is_domain(m.group(1)):
                out.append(m.group(1))
    return out


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•»›:]{1,2}|[-–—])\s+")
_SITE_LINE = re.compile(r"^(?:about|contact|follow|subscribe\s+to|sign\s+up\s+(?:for|to)|more\s+from|latest\s+from|"
                        r"welcome\s+to|home|support|donate\s+to|advertise\s+(?:with|on))\b", re.IGNORECASE)


def _title_segments(title: str | None) -> list[str]:
    parts = _TITLE_SEPARATOR.split(title.strip()) if title else []
    return [p.strip() for p in parts[1:]] if len(parts) > 1 else []


def names_on_page(title: str | None, lines: Iterable[str]) -> list[str]:
    """Outlet names written on a page (in credit-shaped lines and after the title's separator): the
    names its domains may spell ("harbourgazette.com" is "Harbour Gazette" when the page says so)."""
    # Once each: a page's credit lines repeat the same few names, and every domain is checked against them.
    return list(dict.fromkeys([*_title_segments(title), *credit_outlet_names(lines)]))


def site_names(title: str | None, furniture: Iterable[str], credits: Iterable[Credit],
               site_lines: Iterable[str] = ()) -> set[str]:
    """The names of the republishing site itself, among the outlets its credits name.

    The site names itself after the separator of its page title ("Headline | Site"), in its
    navigation and footer ("About Site", "World | Site", "Home » Site") and in `site_lines`: lines
    that can only be the site's own (its masthead, its furniture: "Copyright Site 2022 - Terms",
    "More from Site", "… has not been edited by Site staff"). A credit naming that outlet is the
    site's own furniture, not where a story came from."""
    named = {o.name for c in credits for o in c.outlets}
    if not named:
        return set()

    site: set[str] = set()
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
