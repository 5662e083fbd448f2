"""keys: the comparison keys of names, one definition for the page linker, the corpus linker and the store.

    skeleton("Zelenskiy") == skeleton("Zelensky") == "zlnsk"     # one word's transliteration key
    translit_key("Володимир Зеленський") == translit_key("Volodymyr Zelensky")

A stored name key is written by the store and matched by the corpus linker and by search: were the key
defined by a page stage, a change to that stage would silently change every stored key. It lives here,
below every layer that uses it, and changes only with a store migration.
"""
from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

#: A word of a name: a letter, then letters, digits, apostrophes, dots or hyphens ("O'Neill", "St.", "Al-Assad").
NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def skeleton(word: str) -> str:
    """A transliteration key: ASCII, lower case, vowels and y dropped after the first letter, doubled
    letters collapsed. Zelenskiy, Zelensky and Zelenskyy share `zlnsk`; Sievierodonetsk and
    Severodonetsk share `svrdntsk`; Kiev and Kyiv share `kv`; Ukraine `krn` ≠ Ukrainian `krnn`."""
    ascii_form = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    collapsed = re.sub(r"(.)\1+", r"\1", ascii_form)  # before dropping vowels: Ukrainian keeps its two n
    return collapsed[:1] + re.sub(r"[aeiouy'’-]", "", collapsed[1:])


def translit_key(name: str) -> str:
    """Case, diacritics and script folded, then transliteration vowels: one key for every spelling."""
    return " ".join(skeleton(w) for w in NAME_WORD.findall(anyascii(name)))
