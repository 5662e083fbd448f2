"""Shared by the geocoding tests: place names given as mentions, linked and placed by the Linker."""

from __future__ import annotations

from newsdesk.analysis.entities.gazetteer import Gazetteer
from newsdesk.analysis.entities.linker import Linker
from newsdesk.analysis.entities.mentions import Mentions
from newsdesk.model import Entity, EntityType, Mention, Story


def linked_places(gazetteer: Gazetteer, text: str, names: list[str],
                  stories: list[Story] | None = None) -> list[Entity]:
    """The PLACE entities the Linker makes of `names`, each found in `text` after the one before it."""
    found, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        kind: EntityType = "PLACE"
        found.append(Mention(start, start + len(name), name, kind, kind, 0))
        pos = start + len(name)
    return [e for e in Linker(gazetteer)(Mentions(tuple(found)), stories or [], text) if e.type == "PLACE"]
