"""query: what a user types, turned into what an engine reads, the same way for every engine.

Search text is words, "quoted phrases" and OR between them (as a web search box reads it); every
word is matched as a word, so punctuation a user types ("U.S.", "Kherson-based") never becomes query
syntax. Snippets come back with private-use marks around matches; `marks_of` turns those into offsets.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable

from newsdesk.errors import StoreError
from newsdesk.store.rows import name_key, surname_key, unpacked_mentions

#: (page key, entity id) of an entity in the store.
EntityRef = tuple[int, str]

#: Private-use characters around each match in a snippet: they never occur in news text, so the
#: reader can turn them into marks (`SearchHit.marks`) without guessing.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
#: A query longer than this is refused: no reader types it, and it would only cost time.
MAX_QUERY_CHARS = 1_000

_PART = re.compile(r'"([^"]*)"?|(\S+)')


def check_query_length(text: str) -> None:
    """StoreError (ND-E021) for a query text longer than `MAX_QUERY_CHARS`."""
    if len(text) > MAX_QUERY_CHARS:
        raise StoreError("ND-E021", f"search query of {len(text)} characters: at most {MAX_QUERY_CHARS} are allowed")


def fold(text: str) -> str:
    """Case and diacritics folded (no other change of script), as the full text compares words."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def query_parts(text: str) -> list[tuple[str, bool]]:
    """The query's parts in order: (words, is_operator). A phrase is one part; "OR" is an operator."""
    parts: list[tuple[str, bool]] = []
    for phrase, word in _PART.findall(text):
        if word == "OR":
            if parts and not parts[-1][1]:
                parts.append(("OR", True))
            continue
        words = " ".join(re.findall(r"\w+", phrase or word))
        if words:
            parts.append((words, False))
    if parts and parts[-1][1]:
        parts.pop()
    return parts


def fts_terms(text: str) -> str:
    """The query in SQLite FTS5 syntax: each part a quoted phrase, ANDed unless OR stands between."""
    out: list[str] = []
    for words, operator in query_parts(text):
        out.append("OR" if operator else '"' + words.replace('"', '""') + '"')
    return " ".join(out)


def tsquery_terms(text: str) -> str:
    """The query in PostgreSQL `websearch_to_tsquery` syntax, with the same reading as `fts_terms`."""
    out: list[str] = []
    for words, operator in query_parts(text):
        # A lone word "or" would be websearch_to_tsquery's operator: quoted, it is a word as in FTS5.
        out.append("or" if operator else f'"{words}"' if " " in words or words.lower() == "or" else words)
    return " ".join(out)


def marks_of(snippet: str | None) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the engine's match marks from a snippet; the `[start, end)` of each match in what is left."""
    if not snippet:
        return "", ()
    plain: list[str] = []
    marks: list[tuple[int, int]] = []
    length, opened = 0, -1
    for piece in re.split(f"([{MARK_OPEN}{MARK_CLOSE}])", snippet):
        if piece == MARK_OPEN:
            opened = length
        elif piece == MARK_CLOSE:
            if opened >= 0 and length > opened:
                marks.append((opened, length))
            opened = -1
        else:
            plain.append(piece)
            length += len(piece)
    return "".join(plain), tuple(marks)


def name_keys(name: str) -> tuple[str, str]:
    """The keys a typed name is looked up by: the whole name's and its surname's."""
    return name_key(name), surname_key(name)


def match_entities(name: str, by_key: Callable[[str, str], set[EntityRef]],
                   same_places: Callable[[set[EntityRef]], set[EntityRef]]) -> list[EntityRef]:
    """Every entity one typed name matches, the same way on every engine: the whole name's key, else
    its surname's key among people ("Volodymyr Zelensky" finds a page that only says "Zelensky"), else
    a one-word name as a surname; then every place sharing a gazetteer id with a matched place
    ("Київ" finds "Kiev"). `by_key(column, key)` looks one key up in `entity_names`."""
    full, surname = name_keys(name)
    if not full:
        raise StoreError("ND-E021", f"entity name {name!r} has no letters to look up")
    found = by_key("name_key", full)
    if not found and surname and surname != full:
        found = by_key("surname_key", surname)
    if not found and " " not in full:
        found = by_key("surname_key", full)
    if found:
        found |= same_places(found)
    return sorted(found)


#: Other spellings a query word may take (the store's own), and alternatives a query may grow to.
MAX_VARIANTS = 4
MAX_ALTERNATIVES = 16
#: Entities whose spellings are read for one query word (a common name is on thousands of pages).
SPELLING_REFS = 500


def name_variants(part: str, spellings: Iterable[str]) -> list[str]:
    """The spellings the store holds of the name `part` types, other than `part` itself: whole mentions
    with the same name key ("Sievierodonetsk" for "Severodonetsk"), or for a one-word part the words of
    longer mentions that share its key ("Zelenskiy" in "Volodymyr Zelenskiy" for "Zelensky")."""
    key = name_key(part)
    if not key:
        return []
    found: set[str] = set()
    for text in spellings:
        if " " in part or " " not in text:
            if name_key(text) == key:
                found.add(" ".join(text.split()))
            continue
        found.update(w for w in re.findall(r"\w[\w'’-]*", text) if name_key(w) == key)
    same = part.casefold()
    return sorted((v for v in found if v.casefold() != same), key=str.casefold)[:MAX_VARIANTS]


def expand_with_variants(text: str, variants_of: Callable[[str], list[str]]
                         ) -> tuple[str, dict[str, str]]:
    """The query with each part that names something in the store also matching the store's other
    spellings of it, as OR alternatives in the query's own syntax; and each variant (case-folded) →
    the words the user typed. Alternatives beyond `MAX_ALTERNATIVES` are not added (the typed words
    always are)."""
    alternatives: list[list[str]] = [[]]
    for words, operator in query_parts(text):
        if operator:
            alternatives.append([])
        else:
            alternatives[-1].append(words)
    typed_for: dict[str, str] = {}
    out: list[str] = []
    for parts in (a for a in alternatives if a):
        choices = []
        for words in parts:
            variants = variants_of(words)
            typed_for.update((v.casefold(), words) for v in variants)
            choices.append([words, *variants])
        combos = itertools.islice(itertools.product(*choices), MAX_ALTERNATIVES)
        out += [" ".join(f'"{w}"' for w in combo) for combo in combos]
    return " OR ".join(out), typed_for


def matched_variants(snippet: str, marks: Iterable[tuple[int, int]], typed_for: dict[str, str]
                     ) -> tuple[tuple[str, str], ...]:
    """(spelling found, words typed) for each mark of a snippet that is a variant, once each."""
    seen: dict[str, str] = {}
    for start, end in marks:
        word = snippet[start:end]
        if word.casefold() in typed_for and word not in seen:
            seen[word] = typed_for[word.casefold()]
    return tuple(seen.items())


def facet_snippet(snippet: str, title: str) -> str:
    """A facet-only hit's snippet: the text after the page's title (the title is shown apart), cut to
    its first sentence or 200 characters."""
    text = snippet.lstrip()
    stem = title.rstrip("…. ").strip()
    if stem and text.startswith(stem):
        # The title is the text's first line, or its first sentence cut short: what follows it.
        rest = text[len(stem):]
        if title.rstrip().endswith(("…", "...")):
            cut = re.search(r"[.!?][\"”’)]*\s", rest)
            rest = rest[cut.end():] if cut else ""
        text = rest.lstrip() or text
    end = re.search(r"[.!?][\"”’)]*\s", text)
    return text[:end.end()].strip() if end and end.end() <= 200 else text[:200]


def store_spellings(name: str, matches: Callable[[str], list[EntityRef]],
                    packed_mentions: Callable[[list[EntityRef]], Iterable[str | None]]) -> list[str]:
    """The store's other spellings of what `name` names, for search's variants, the same way on every
    engine: `matches` finds the entities (`match_entities` behind it), `packed_mentions` reads their
    packed mentions (the engine's SQL), at most `SPELLING_REFS` of them."""
    try:
        refs = matches(name)[:SPELLING_REFS]
    except StoreError:
        return []  # no letters to look up: nothing to add to the words typed
    if not refs:
        return []
    return name_variants(name, {t for packed in packed_mentions(refs) for _, _, t in unpacked_mentions(packed)})
