"""The reuse index's saved state: versioned JSON, and the pickles that versions before it wrote.

    blob = encode(index.state())                  # what `ReuseIndex.to_bytes` keeps in the store
    index = ReuseIndex.from_state(decode(blob))   # `ReuseIndex.from_bytes`; reads an older pickle too

The blob is versioned JSON, as the other linkers keep theirs (`newsdesk.corpus.entities`,
`newsdesk.corpus.events`): it names what the index holds (page ids, sites, postings, boilerplate), so the
index's classes and private attributes can change without a migration. Arrays (postings, hashes) are
base64 of their little-endian bytes: as JSON numbers they would take three times the room. Unlike the
other states it is not compressed: it is mostly 64-bit hashes, which zlib barely shrinks (measured on
5,000 synthetic pages, bench/reuse.py's: 8.6 MB, 5.7 MB with zlib) at 0.6 to 1.4 s a save, where the
JSON alone takes 0.15 s, and the store saves the index with every batch it links.

Versions before it pickled the index object. `decode` reads such a pickle once (the next save writes
JSON) with an unpickler that resolves only the classes an index pickle holds, under the module names
they had (`newsdesk.reuse_index.ReuseIndex`, `newsdesk.reuse.ReuseConfig`, and the `newsdesk.corpus.reuse`
names of the one version between), each mapped to a plain record of its pickled state, and numpy's
dtypes and array buffers: a blob naming anything else is refused, never run.
"""

from __future__ import annotations

import base64
import io
import json
import pickle
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from newsdesk.corpus.reuse.align import U64, ReuseConfig
from newsdesk.errors import ConfigError, StoreError

__all__ = ["FORMAT", "VERSION", "IndexState", "PageKey", "decode", "encode"]

I32 = npt.NDArray[np.int32]
#: What a page is called in the index: the store's page ids are strings; tests and benches number pages.
PageKey = str | int
FORMAT = "newsdesk.corpus.reuse.index"
VERSION = 1


@dataclass(frozen=True, slots=True, eq=False)
class IndexState:
    """Everything a `ReuseIndex` holds, by what it means: pages in the order they were indexed (`ids`),
    each page's site number (an index into `sites`, -1: none) and fingerprints indexed (`page_size`), the
    fingerprints known as boilerplate (`ignored`, sorted), those seen on pages beyond `max_holders` with
    how many (`unindexed`), tiny pages skipped, and the postings segments, oldest first, each its keys
    (sorted) and their page numbers."""

    config: ReuseConfig
    ids: tuple[PageKey, ...]
    sites: tuple[str, ...]
    page_site: I32
    page_size: I32
    ignored: U64
    unindexed: Mapping[int, int]
    tiny: int
    segments: tuple[tuple[U64, I32], ...]


def encode(state: IndexState) -> bytes:
    """The state as versioned JSON (UTF-8); `decode` reads it back."""
    unindexed = sorted(state.unindexed.items())
    document = {
        "format": FORMAT, "version": VERSION, "config": asdict(state.config), "ids": list(state.ids),
        "sites": list(state.sites), "page_site": _packed(state.page_site, np.int32),
        "page_size": _packed(state.page_size, np.int32), "ignored": _packed(state.ignored, np.uint64),
        "unindexed": {"keys": _packed(np.array([k for k, _ in unindexed], dtype=np.uint64), np.uint64),
                      "pages": _packed(np.array([n for _, n in unindexed], dtype=np.int64), np.int64)},
        "tiny": state.tiny,
        "segments": [{"keys": _packed(keys, np.uint64), "pages": _packed(pages, np.int32)}
                     for keys, pages in state.segments],
    }
    return json.dumps(document, separators=(",", ":")).encode()


def decode(blob: bytes) -> IndexState:
    """The state `encode` wrote, or the one in an index pickled by an older newsdesk; StoreError ND-E020
    (the store's state cannot be read) for anything else, a damaged blob or one of a newer version."""
    try:
        # A pickle (protocol 2 and later) opens with its PROTO opcode, JSON with "{".
        state = _unpickled(blob) if blob[:1] == pickle.PROTO else _from_json(blob)
        return _checked(state)
    except StoreError:
        raise
    except Exception as exc:  # damaged data fails in many ways (JSON, base64, pickle, numpy): each is this
        raise StoreError("ND-E020", f"reuse index: the stored state cannot be read ({type(exc).__name__}: "
                                    f"{exc})") from None


def _packed(array: npt.NDArray[Any], dtype: type[np.generic]) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=np.dtype(dtype).newbyteorder("<")).tobytes()).decode()


def _unpacked(text: object, dtype: type[np.generic]) -> npt.NDArray[Any]:
    if not isinstance(text, str):
        raise ValueError(f"an array is stored as base64 text, not {type(text).__name__}")
    raw = base64.b64decode(text, validate=True)
    # A copy in native byte order: the index writes into some of its arrays.
    return np.frombuffer(raw, dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)


def _from_json(blob: bytes) -> IndexState:
    document = json.loads(blob)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} state")
    if document.get("version") != VERSION:
        raise ValueError(f"version {document.get('version')!r}; this newsdesk reads version {VERSION}")
    config = document["config"]
    known = {f.name for f in fields(ReuseConfig)}
    if not isinstance(config, dict) or not set(config) <= known:
        raise ValueError(f"unknown reuse settings {sorted(set(config) - known)}")
    unindexed = document["unindexed"]
    keys, counts = _unpacked(unindexed["keys"], np.uint64), _unpacked(unindexed["pages"], np.int64)
    if len(keys) != len(counts):
        raise ValueError("unindexed fingerprints and their counts differ in length")
    return IndexState(
        _config(config), tuple(document["ids"]), tuple(document["sites"]),
        _unpacked(document["page_site"], np.int32), _unpacked(document["page_size"], np.int32),
        _unpacked(document["ignored"], np.uint64), dict(zip(keys.tolist(), counts.tolist(), strict=True)),
        document["tiny"],
        tuple((_unpacked(s["keys"], np.uint64), _unpacked(s["pages"], np.int32)) for s in document["segments"]))


def _config(values: Mapping[str, object]) -> ReuseConfig:
    """Settings saved by name; a knob added since takes its default."""
    try:
        return ReuseConfig(**values)  # type: ignore[arg-type]
    except ConfigError as exc:
        raise ValueError(f"the saved reuse settings are not valid: {exc}") from None


def _checked(state: IndexState) -> IndexState:
    """The state, when its parts fit each other (the index would fail later, far from the cause, if not)."""
    pages = len(state.ids)
    if not all(isinstance(i, str | int) and not isinstance(i, bool) for i in state.ids):
        raise ValueError("a page id is neither a string nor a whole number")
    if len(set(state.ids)) != pages:
        raise ValueError("a page id is listed twice")
    if not all(isinstance(s, str) for s in state.sites):
        raise ValueError("a site is not a string")
    if len(state.page_site) != pages or len(state.page_size) != pages:
        raise ValueError(f"{pages} pages but {len(state.page_site)} site numbers and {len(state.page_size)} sizes")
    if pages and not (state.page_site.min() >= -1 and state.page_site.max() < len(state.sites)):
        raise ValueError("a page's site number names no site")
    if isinstance(state.tiny, bool) or not isinstance(state.tiny, int) or state.tiny < 0:
        raise ValueError(f"tiny pages {state.tiny!r} is not a count")
    for keys, numbers in state.segments:
        if len(keys) != len(numbers) or not len(keys):
            raise ValueError("a postings segment is empty, or its keys and pages differ in length")
        if bool((keys[1:] < keys[:-1]).any()) or numbers.min() < 0 or numbers.max() >= pages:
            raise ValueError("a postings segment is not sorted by key, or names a page not indexed")
    return state


# -- pickles written before the JSON state


class _Pickled:
    """An object of a class an old index pickle names: only its pickled state, kept as it was."""

    __slots__ = ("state",)

    def __setstate__(self, state: object) -> None:
        self.state = state


class _PickledIndex(_Pickled):
    __slots__ = ()


class _PickledPostings(_Pickled):
    __slots__ = ()


class _PickledSegment(_Pickled):
    __slots__ = ()


class _PickledConfig(_Pickled):
    __slots__ = ()


def _frombuffer(buffer: bytes, dtype: np.dtype[Any], shape: tuple[int, ...], order: str) -> npt.NDArray[Any]:
    """numpy's own rebuilding of a pickled array (protocol 5), under whichever module name numpy gave it."""
    return np.frombuffer(buffer, dtype=dtype).reshape(shape, order="F" if order == "F" else "C")


#: The tag each old pickle was saved with, beside the index.
_PICKLE_TAGS = ("newsdesk.reuse_index/1", "newsdesk.corpus.reuse.index/1")
#: Everything an index pickle names, and what it is read as.
_PICKLED_CLASSES: dict[tuple[str, str], object] = {
    **{(module, "ReuseIndex"): _PickledIndex for module in ("newsdesk.reuse_index", "newsdesk.corpus.reuse.index")},
    **{(module, "_Postings"): _PickledPostings for module in ("newsdesk.reuse_index", "newsdesk.corpus.reuse.index")},
    **{(module, "_Segment"): _PickledSegment for module in ("newsdesk.reuse_index", "newsdesk.corpus.reuse.index")},
    **{(module, "ReuseConfig"): _PickledConfig for module in ("newsdesk.reuse", "newsdesk.corpus.reuse.align")},
    ("numpy", "dtype"): np.dtype,
    ("numpy._core.numeric", "_frombuffer"): _frombuffer,  # numpy 2
    ("numpy.core.numeric", "_frombuffer"): _frombuffer,   # numpy 1
}
#: The settings an old pickle holds, in their order then (a knob was added in the middle once).
_PICKLED_SETTINGS: dict[int, tuple[str, ...]] = {
    12: ("seed_words", "max_gap_words", "min_chars", "min_similarity", "max_seed_repeats", "min_page_words",
         "winnow_window", "max_fingerprints", "min_shared", "site_boilerplate_pages", "max_df", "max_candidates"),
    13: ("seed_words", "max_gap_words", "min_chars", "min_similarity", "max_seed_repeats", "min_page_words",
         "winnow_window", "max_fingerprints", "min_shared", "site_boilerplate_pages", "site_boilerplate_share",
         "max_df", "max_candidates"),
    15: ("seed_words", "max_gap_words", "min_chars", "min_similarity", "max_seed_repeats", "min_page_words",
         "winnow_window", "max_fingerprints", "min_shared", "site_boilerplate_pages", "site_boilerplate_share",
         "max_df", "max_candidates", "earliest_copies", "max_holders"),
}


class _IndexUnpickler(pickle.Unpickler):
    """Resolves the names in `_PICKLED_CLASSES` and no other."""

    def find_class(self, module: str, name: str) -> Any:
        found = _PICKLED_CLASSES.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a pickled reuse index")
        return found


def _unpickled(blob: bytes) -> IndexState:
    """The state of an index pickled by an older newsdesk (the pickle is read, its objects never built)."""
    loaded = _IndexUnpickler(io.BytesIO(blob)).load()
    if not (isinstance(loaded, tuple) and len(loaded) == 2 and loaded[0] in _PICKLE_TAGS
            and isinstance(loaded[1], _PickledIndex) and isinstance(loaded[1].state, dict)):
        raise ValueError("not a pickled reuse index")
    held: dict[str, Any] = loaded[1].state
    ids = tuple(held["_ids"])
    sites: dict[str, int] = held["_sites"]
    if sorted(sites.values()) != list(range(len(sites))):
        raise ValueError("the sites are not numbered 0, 1, …")
    postings = held["_postings"]
    if not isinstance(postings, _PickledPostings) or not isinstance(postings.state, dict):
        raise ValueError("the postings are not pickled postings")
    segments = []
    for segment in postings.state["segments"]:
        if not isinstance(segment, _PickledSegment) or not isinstance(segment.state, tuple) or len(segment.state) != 2:
            raise ValueError("a postings segment is not a pickled segment")
        keys, pages = segment.state
        segments.append((np.asarray(keys, dtype=np.uint64), np.asarray(pages, dtype=np.int32)))
    return IndexState(
        _pickled_config(held["config"]), ids, tuple(sorted(sites, key=sites.__getitem__)),
        np.array(held["_page_site"][:len(ids)], dtype=np.int32),
        np.array(held["_page_size"][:len(ids)], dtype=np.int32),
        np.array(sorted(held["_ignored"]), dtype=np.uint64),
        dict(held.get("_unindexed", {})),  # pickled before postings were capped at `max_holders`: none
        held["_tiny"], tuple(segments))


def _pickled_config(config: object) -> ReuseConfig:
    """Pickled settings are their values in field order: named here by that order's version."""
    if not isinstance(config, _PickledConfig) or not isinstance(config.state, list):
        raise ValueError("the settings are not pickled reuse settings")
    names = _PICKLED_SETTINGS.get(len(config.state))
    if names is None:
        raise ValueError(f"no version of the reuse settings had {len(config.state)} of them")
    return _config(dict(zip(names, config.state, strict=True)))
