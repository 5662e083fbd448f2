"""query: what a user types, turned into what an engine reads, the same way for every engine.

Search text is words, "quoted phrases" and OR between them (as a web search box reads it); every
word is matched as a word, so punctuation a user types ("U.S.", "Kherson-based") never becomes query
syntax. Snippets come back with private-use marks around matches; `marks_of` turns those into offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsdesk.errors import StoreError
from newsdesk.store.rows import name_key, surname_key

#: (page key, entity id) of an entity in the store.
EntityRef = tuple[int, str]

_PART = re.compile(r'"([^"]*)"?|(\S+)')


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
    from newsdesk.store import MARK_CLOSE, MARK_OPEN

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
