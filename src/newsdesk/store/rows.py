"""rows: one analysis as the rows of the store's facet tables, the same for every engine.

The rows are built from the `newsdesk.analysis/1` JSON, so what the tables say is exactly what the
kept JSON says. Page-level rows use the page's id; the engine adds its own integer key.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import orjson

from newsdesk.model import Analysis
from newsdesk.text.keys import translit_key

#: A title made from the page's first line is cut here: a listing shows one line.
TITLE_CHARS = 120


@dataclass(frozen=True, slots=True)
class PageRows:
    """Everything one page writes: the page row and a list of rows per facet table (tuples of the page
    key given to `page_rows`, then the columns of `COLUMNS` in order)."""

    id: str
    content_hash: str
    source: str
    url: str | None
    title: str
    date: str | None
    origins: tuple[str, ...]
    text: str
    analysis_json: str
    facets: dict[str, list[tuple[Any, ...]]]


#: The facet tables and their columns after the page key, in the order the tuples hold them. Only what a
#: query filters, groups or lists across pages is a table (schema 4): quotes and times are read from the
#: analysis JSON alone, and an entity's mentions are packed on its row (`packed_mentions`), not a row
#: each, so a page writes ~100 rows, not ~230.
COLUMNS: dict[str, tuple[str, ...]] = {
    "stories": ("idx", "start_pos", "end_pos", "origin", "title", "dateline_place", "dateline_date"),
    "entities": ("entity_id", "label", "type", "lat", "lon", "country", "gazetteer_id", "within_place",
                 "mention_count", "mentions"),
    # The entity's type and gazetteer id again: a name's facet is then answered from this table's indexes.
    "entity_names": ("entity_id", "name_key", "surname_key", "type", "gazetteer_id"),
    "claims": ("claim_id", "start_pos", "end_pos", "low", "high", "per", "unit", "kind", "story", "speaker",
               "speaker_text", "about", "same_as"),
    "events": ("idx", "event_date", "what", "start_pos", "end_pos", "story", "where_entity"),
}


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """One key for every spelling of a name: the linker's transliteration key ("Zelenskiy", "Zelensky"
    and "Зеленський" share one). Cached: a corpus names the same people and places on page after page,
    and the key is most of the cost of writing a page."""
    return translit_key(name)


@functools.lru_cache(maxsize=1 << 16)
def surname_key(name: str) -> str:
    """The key of a name's last word: "President Volodymyr Zelenskiy" is found by "Zelensky"."""
    words = name_key(name).split()
    return words[-1] if words else ""


_TITLE_SEPARATOR = re.compile(r"\s+(?:[|·•»›]|::|[-–—])\s+")
# A live blog's clock ("13.44 BST", "10:02", "2h ago"): a line that says when, not what.
_CLOCK_LINE = re.compile(r"^(?:\d{1,2}[.:]\d\d(?:\s*(?:[ap]\.?m\.?|[A-Z]{2,4}))?|\d+\s*(?:h|m|min|hrs?)\s+ago)\b",
                         re.IGNORECASE)


def _one_line(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= TITLE_CHARS else line[:TITLE_CHARS - 1].rstrip() + "…"


def page_title(analysis: Analysis) -> str:
    """The page's title (without the site's name after its separator), else its first story's
    headline, else its first line of body text; never furniture, a credit line or a live blog's
    clock. Cut to one line."""
    title = (analysis.page.title or "").strip()
    if title:
        parts = _TITLE_SEPARATOR.split(title)
        # "Headline | Site": the site's name is the last, shortest part.
        if len(parts) > 1 and len(parts[-1].split()) <= 5 and len(parts[0].split()) >= 3:
            title = " ".join(parts[:-1]) if len(parts) > 2 else parts[0]
        return _one_line(title)
    for story in analysis.stories:
        if story.title and story.title.strip():
            return _one_line(story.title)
    text = analysis.page.text
    noise = [(s.start, s.end) for s in analysis.cleaning.removed]
    fallback = None
    for block in analysis.cleaning.blocks:
        line = text[block.start:block.end].strip()
        if not line or any(a <= block.start and block.end <= b for a, b in noise) or block.kind.startswith("removed:"):
            continue
        if _CLOCK_LINE.match(line):
            continue
        if block.kind == "body":
            return _one_line(line)
        fallback = fallback or line
    if fallback:
        return _one_line(fallback)
    for line in text.splitlines():
        if line.strip():
            return _one_line(line)
    return "(empty page)"


def page_date(analysis: Analysis) -> str | None:
    """The reference date, else the earliest full date (YYYY-MM-DD) of a story's dateline."""
    if analysis.page.reference_date:
        return analysis.page.reference_date.isoformat()
    dates = sorted(s.dateline.date for s in analysis.stories
                   if s.dateline and s.dateline.date and s.dateline.date[:1].isdigit() and len(s.dateline.date) == 10)
    return dates[0] if dates else None


def packed_mentions(text: str, mentions: Iterable[tuple[int, int]]) -> str:
    """An entity's mentions as kept on its row: a JSON array of [start, end, text as written], by start."""
    return orjson.dumps([[s, e, text[s:e]] for s, e in sorted(mentions)]).decode()


def unpacked_mentions(packed: str | None) -> tuple[tuple[int, int, str], ...]:
    """The mentions `packed_mentions` kept, by start (a migrated row's order is SQLite's, so sorted here)."""
    if not packed:
        return ()
    return tuple(sorted((int(s), int(e), str(t)) for s, e, t in orjson.loads(packed)))


def page_rows(analysis: Analysis, digest: str, page_id: str, *, key: int | None = None,
              with_text: bool = True) -> PageRows:
    """The page's rows, each facet row with `key` (the engine's page key) first: built once, in the order
    the engine inserts them. `with_text=False`: `analysis_json` holds "" for the text (at its place, so
    the keys keep their order), for an engine that keeps the text beside the JSON."""
    data = analysis.to_json()
    text = analysis.page.text
    if not with_text:
        data["text"] = ""
    origins = tuple(dict.fromkeys(s.origin for s in analysis.stories if s.origin))
    stories: list[tuple[Any, ...]] = []
    entities: list[tuple[Any, ...]] = []
    names: list[tuple[Any, ...]] = []
    for idx, story in enumerate(analysis.stories):
        line = story.dateline
        stories.append((key, idx, story.start, story.end, story.origin, story.title,
                        line.place if line else None, line.date if line else None))
    for entity in analysis.entities:
        entities.append((key, entity.id, entity.label, entity.type, entity.lat, entity.lon, entity.country,
                         entity.gazetteer_id, entity.within, len(entity.mentions),
                         packed_mentions(text, entity.mentions)))
        person = entity.type == "PERSON"
        keys: dict[str, str] = {}
        for name in {text[s:e] for s, e in entity.mentions} | {entity.label}:
            spelt = name_key(name)
            if spelt:
                keys[spelt] = surname_key(name) if person else ""
        names.extend((key, entity.id, spelt, surname, entity.type, entity.gazetteer_id)
                     for spelt, surname in keys.items())
    claims = [(key, claim.id, claim.start, claim.end, claim.low, claim.high, claim.per, claim.unit, claim.kind,
               claim.story, claim.speaker, claim.speaker_text, claim.about, claim.same_as)
              for claim in analysis.claims]
    events = [(key, idx, event.date, event.what, event.start, event.end, event.story, event.where)
              for idx, event in enumerate(analysis.events)]
    facets: dict[str, list[tuple[Any, ...]]] = {"stories": stories, "entities": entities, "entity_names": names,
                                                "claims": claims, "events": events}
    return PageRows(id=page_id, content_hash=digest, source=analysis.page.source, url=analysis.page.url,
                    title=page_title(analysis), date=page_date(analysis), origins=origins, text=text,
                    analysis_json=orjson.dumps(data).decode(), facets=facets)
