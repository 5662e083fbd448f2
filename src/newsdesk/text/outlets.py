"""outlets: how pages write the names of news organisations, and one name for each.

The table below is for *normalising*, not for finding: any name or domain in a credit line's outlet
slot is an outlet (`newsdesk.text.credit`), known or not. What the table adds is that "Associated Press",
"the AP" and apnews.com are one outlet, "AP", and that "the Guardian" is "The Guardian".

A domain the table does not know is matched to a name written elsewhere on the page when their
letters agree ("harbourgazette.com" → "Harbour Gazette"); failing that it is turned into a name by
its own words ("example-news.com" → "Example News").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

from publicsuffixlist import PublicSuffixList

#: Canonical name → (the ways pages write it, its domains). The canonical name is what `origin` carries.
OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Reuters": (("Reuters", "REUTERS", "Thomson Reuters"), ("reuters.com",)),
    "AP": (("AP", "Associated Press", "The Associated Press"), ("apnews.com", "ap.org")),
    "AFP": (("AFP", "Agence France-Presse", "Agence France Presse"), ("afp.com",)),
    "CNN": (("CNN", "CNN Wire"), ("cnn.com",)),
    "BBC": (("BBC", "BBC News", "BBC Sport", "BBC World Service"), ("bbc.co.uk", "bbc.com")),
    "Bloomberg": (("Bloomberg", "Bloomberg News"), ("bloomberg.com",)),
    "UPI": (("UPI", "United Press International"), ("upi.com",)),
    "dpa": (("dpa", "DPA", "Deutsche Presse-Agentur"), ("dpa.com",)),
    "Xinhua": (("Xinhua", "Xinhua News Agency"), ("xinhuanet.com", "news.cn")),
    "TASS": (("TASS", "Tass"), ("tass.com", "tass.ru")),
    "Interfax": (("Interfax",), ("interfax.com", "interfax.ru")),
    "RIA Novosti": (("RIA Novosti", "RIA"), ("ria.ru",)),
    "Ukrinform": (("Ukrinform",), ("ukrinform.net",)),
    "EFE": (("EFE",), ("efe.com",)),
    "ANSA": (("ANSA",), ("ansa.it",)),
    "Kyodo": (("Kyodo", "Kyodo News"), ("kyodonews.net",)),
    "Yonhap": (("Yonhap", "Yonhap News Agency"), ("yna.co.kr",)),
    "PTI": (("PTI", "Press Trust of India"), ("ptinews.com",)),
    "ANI": (("ANI",), ("aninews.in",)),
    "Anadolu": (("Anadolu", "Anadolu Agency"), ("aa.com.tr",)),
    "Al Jazeera": (("Al Jazeera",), ("aljazeera.com",)),
    "The Guardian": (("The Guardian", "the Guardian", "Guardian", "Guardian News & Media"),
                     ("theguardian.com", "guardian.co.uk")),
    "The New York Times": (("The New York Times", "the New York Times", "New York Times", "NYT"), ("nytimes.com",)),
    "The Washington Post": (("The Washington Post", "the Washington Post", "Washington Post"),
                            ("washingtonpost.com",)),
    "The Wall Street Journal": (("The Wall Street Journal", "Wall Street Journal", "WSJ"), ("wsj.com",)),
    "Financial Times": (("Financial Times", "the Financial Times", "FT"), ("ft.com",)),
    "The Independent": (("The Independent", "the Independent"), ("independent.co.uk",)),
    "The Telegraph": (("The Telegraph", "The Daily Telegraph"), ("telegraph.co.uk",)),
    "Daily Mail": (("Daily Mail", "MailOnline", "Mail Online"), ("dailymail.co.uk",)),
    "USA Today": (("USA Today", "USA TODAY"), ("usatoday.com",)),
    "Los Angeles Times": (("Los Angeles Times", "LA Times"), ("latimes.com",)),
    "The Conversation": (("The Conversation",), ("theconversation.com",)),
    "Business Insider": (("Business Insider", "Insider"), ("businessinsider.com", "insider.com")),
    "The Hill": (("The Hill",), ("thehill.com",)),
    "NPR": (("NPR",), ("npr.org",)),
    "Fox News": (("Fox News",), ("foxnews.com",)),
    "NBC News": (("NBC News", "NBC"), ("nbcnews.com",)),
    "CBS News": (("CBS News", "CBS"), ("cbsnews.com",)),
    "ABC News": (("ABC News",), ("abcnews.go.com",)),
    "Sky News": (("Sky News",), ("news.sky.com",)),
    "CNBC": (("CNBC",), ("cnbc.com",)),
    "Politico": (("Politico", "POLITICO"), ("politico.com", "politico.eu")),
    "Axios": (("Axios",), ("axios.com",)),
    "Deutsche Welle": (("Deutsche Welle", "DW"), ("dw.com",)),
    "Euronews": (("Euronews",), ("euronews.com",)),
    "France 24": (("France 24",), ("france24.com",)),
    "RFE/RL": (("RFE/RL", "Radio Free Europe/Radio Liberty", "Radio Free Europe"), ("rferl.org",)),
    "VOA": (("VOA", "Voice of America"), ("voanews.com",)),
    "The Kyiv Independent": (("The Kyiv Independent", "Kyiv Independent"), ("kyivindependent.com",)),
    "Kyiv Post": (("Kyiv Post",), ("kyivpost.com",)),
    "The Moscow Times": (("The Moscow Times", "Moscow Times"), ("themoscowtimes.com",)),
    "CBC News": (("CBC News", "CBC"), ("cbc.ca",)),
    "ABC (Australia)": (("ABC Australia",), ("abc.net.au",)),
    "Yahoo News": (("Yahoo News", "Yahoo"), ("news.yahoo.com", "yahoo.com")),
    "HuffPost": (("HuffPost", "Huffington Post", "The Huffington Post"), ("huffpost.com", "huffingtonpost.com")),
    "Newsweek": (("Newsweek",), ("newsweek.com",)),
}

_BY_NAME = {alias.casefold(): name for name, (aliases, _) in OUTLETS.items() for alias in (name, *aliases)}
_BY_DOMAIN = {domain: name for name, (_, domains) in OUTLETS.items() for domain in domains}

DOMAIN = r"(?i:https?://)?(?i:www\.)?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,10}(?:/[^\s]*)?"
_DOMAIN_ONLY = re.compile(rf"^{DOMAIN}$")


def all_aliases() -> list[str]:
    """Every written form of a known outlet, longest first (for a regular expression alternation)."""
    return sorted({alias for name, (aliases, _) in OUTLETS.items() for alias in (name, *aliases)},
                  key=len, reverse=True)


def is_domain(text: str) -> bool:
    return bool(_DOMAIN_ONLY.match(text.strip()))


def known_name(alias: str) -> str | None:
    """The canonical name of an outlet the table knows, as a page writes it; None otherwise."""
    return _BY_NAME.get(" ".join(alias.split()).casefold())


def domain_host(text: str) -> str:
    """"https://www.Example-News.com/world/x" → "example-news.com"."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", text.strip(), flags=re.IGNORECASE)
    return host.split("/", 1)[0].casefold().rstrip(".")


def letters(text: str) -> str:
    """A name's comparison key: its ASCII letters and digits, lower case, without a leading "the"
    ("The Harbour-Gazette" and "harbourgazette" agree)."""
    ascii_form = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"^the", "", re.sub(r"[^a-z0-9]", "", ascii_form))


def _plain(text: str) -> str:
    """ASCII letters and digits, lower case ("Harbour-Gazette" → "harbourgazette")."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold())


def spells(label: str, name: str) -> bool:
    """A domain's name spells an outlet's name: read left to right, the label is the name's words in
    order, each written out ("harbourgazette" for "Harbour Gazette") or a run of two or more of them as
    their initials ("nyt" for "New York Times", "hkdaily" for "Hong Kong Daily", "nytimes"), with the
    words that say only what kind of outlet it is left out or added ("sky" for "Sky News", "vpnews"
    for "Vornel Press") and words between the first and the last left out ("pinecrestrecord" for
    "Pinecrest Daily Record"). A leading "the" is dropped on both sides ("theguardian")."""
    key = _plain(label)
    words = tuple(w for w in (_plain(w) for w in re.findall(r"[\w'’]+", name)) if w)
    words = words[1:] if words[:1] == ("the",) else words
    if not words:
        return False
    # "theguardian" for "The Guardian", but "theatredaily" for "Theatre Daily"
    keys = {key, key[3:]} if key.startswith("the") else {key}
    return any(len(k) >= 2 and _segments(k, words) for k in keys)


@lru_cache(maxsize=4096)  # a page's credits ask about the same few domains and names again and again
def _segments(key: str, words: tuple[str, ...]) -> bool:
    """Whether `key` (a domain label's letters) reads as `words` (an outlet name's) under `spells`' rules:
    a search over (characters of the label read, words of the name read), each step reading one word
    written out, a run of initials, a kind word in the label, or passing over a word of the name."""
    n, size = len(words), len(key)
    # A state (i, j, named): the label's first i characters read as the name's first j words, `named`
    # whether any word that says which outlet (not a kind word) was read from the label.
    todo = [(0, 0, False)]
    seen = set(todo)
    while todo:
        i, j, named = todo.pop()
        if i == size and j == n:
            if named:
                return True
            continue
        steps: list[tuple[int, int, bool]] = []
        if j < n:
            word = words[j]
            if key.startswith(word, i):
                steps.append((i + len(word), j + 1, named or word not in KIND_WORDS))
            # a run of two or more words as their initials ("hk" for "Hong Kong")
            for k in range(j + 2, n + 1):
                initials = "".join(w[0] for w in words[j:k])
                if not key.startswith(initials, i):
                    break
                steps.append((i + len(initials), k, True))
            # a kind word anywhere, or a word between the first and the last, left out of the label
            if word in KIND_WORDS or 0 < j < n - 1:
                steps.append((i, j + 1, named))
        # a kind word the label adds ("apnews" for "AP")
        steps.extend((i + len(kind), j, named) for kind in KIND_WORDS if key.startswith(kind, i))
        for step in steps:
            if step not in seen:
                seen.add(step)
                todo.append(step)
    return False


def same_outlet(name: str, other: str) -> bool:
    """Whether two ways of naming a source are one outlet, as when the splitter compares the sources of
    neighbouring paragraphs: one name in the table ("apnews.com", "Associated Press" and "AP"), the same
    letters however cased or articled ("The Guardian", "Guardian", "STUFF"), a domain whose label spells the
    other's name (`spells`: "hkgnews.com" and "HKG News", "www.hkg-news.com", "HKGNews.com"; the TLD and
    "www." play no part), two domains of one name, or an acronym of the other's words ("VP" and
    "Vornel Press"). Two names that are neither are two outlets."""
    a, b = outlet_name(name), outlet_name(other)
    if a is None or b is None:
        return False
    if a == b or (len(letters(a)) >= 2 and letters(a) == letters(b)):
        return True
    domain_a, domain_b = is_domain(name.strip()), is_domain(other.strip())
    if domain_a and domain_b:
        # one site under two TLDs ("hkgnews.com", "hkgnews.net") is one outlet: the TLD says where, not who
        label = domain_label(domain_host(name))
        return registered_domain(name) == registered_domain(other) or (
            len(label) >= 4 and label == domain_label(domain_host(other)))
    if domain_a or domain_b:
        domain, named = (name, b) if domain_a else (other, a)
        return spells(domain_label(domain_host(domain)), named)
    return _acronym_of(a, b) or _acronym_of(b, a)


def _acronym_of(short: str, name: str) -> bool:
    """"VP" for "Vornel Press", "AFP" for "Agence France-Presse": a name in capitals, two to five letters,
    that is the initials of the other's words (a leading "the" and kind words may be left out)."""
    if not (short.isupper() and 2 <= len(short) <= 5 and short.isalpha()):
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", name) if w.casefold() != "the"]
    plain = [w for w in words if w.casefold() not in KIND_WORDS]
    return len(words) >= 2 and short.casefold() in {"".join(w[0] for w in ws).casefold() for ws in (words, plain)
                                                     if len(ws) >= 2}


@cache
def _suffixes() -> PublicSuffixList:
    # The Public Suffix List, as the package ships it (no download): it knows where a site's own name
    # sits under a country's registry ("bbc.co.uk", "abc.net.au") and under a hosting platform that
    # gives each site its own subdomain ("lanternstreet.blogspot.com", "x.substack.com"). Loaded once.
    return PublicSuffixList()


def registered_domain(text: str) -> str:
    """The site a host or URL belongs to, by the Public Suffix List: "https://news.example-news.co.uk/x"
    → "example-news.co.uk", "lanternstreet.blogspot.com" → itself; the host when the list says nothing."""
    host = domain_host(text).strip(".")
    registered = _suffixes().privatesuffix(host)
    return str(registered) if registered else host


def domain_label(host: str) -> str:
    """The registered name of a host: "news.example-news.co.uk" → "example-news",
    "lanternstreet.blogspot.com" → "lanternstreet"."""
    host = host.casefold().strip(".")
    registered = _suffixes().privatesuffix(host)
    if registered:
        return str(registered).split(".", 1)[0]
    labels = host.split(".")
    return labels[-2] if len(labels) >= 2 else labels[0]


#: Words that say what kind of outlet a name is, not which: a domain may leave them out ("sky.com" is
#: "Sky News", "lanternstreet" is "Lantern Street Blog").
KIND_WORDS = frozenset("news blog online network media tv radio magazine daily today live digital web".split())


def outlet_name(surface: str, names_on_page: Iterable[str] = ()) -> str | None:
    """One name for an outlet however it is written; None when `surface` cannot be an outlet's name.

    A known alias or domain gives the table's name. An unknown domain takes the name of an outlet
    written on the same page whose letters it spells, else its own words, title-cased. An unknown name
    is kept as written, with "the" capitalised and possessives and trailing punctuation dropped."""
    text = " ".join(surface.split()).strip(" \t.,;:|-–—'\"“”‘’()[]")
    text = re.sub(r"['’]s?$", "", text)
    if not text:
        return None
    known = known_name(text)
    if known:
        return known
    if is_domain(text):
        host = domain_host(text)
        for candidate in (host, *[".".join(host.split(".")[k:]) for k in range(1, host.count("."))]):
            if candidate in _BY_DOMAIN:
                return _BY_DOMAIN[candidate]
        label = domain_label(host)
        for name in names_on_page:
            if not is_domain(name) and spells(label, name):
                return outlet_name(name)
        words = [w for w in re.split(r"[-_]+", label) if w]
        if len(words) < 2:
            # "gridwireweekly.com": where its words part is not known, the host is the honest name.
            return host
        # "nbc-news" → "NBC News": a short word without a vowel is an acronym.
        return " ".join(w.upper() if len(w) <= 4 and not re.search(r"[aeiou]", w) else w.capitalize()
                        for w in words)
    if text.isupper() and len(text.replace(" ", "")) > 5 and " " in text:
        # "NEW YORK DAILY NEWS" in a shouting byline is "New York Daily News"; short capitals are acronyms.
        text = " ".join(w if len(w) <= 4 and not re.search(r"[AEIOU]", w) else w.capitalize() for w in text.split())
        text = re.sub(r"\b(Of|And)\b", lambda m: m.group().lower(), text)
    if text[:4].casefold() == "the ":
        text = "The " + text[4:]
    return text
