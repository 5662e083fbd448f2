"""browse: the listings across pages that `newsdesk serve` shows (entities, places, a timeline, claims),
written once for both engines as part of `sql.SQLStore`.

A `SearchQuery` given to them keeps the pages search would find (its text and facets, its dates on the
page date); its limit is not used.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store import (
    EntitySighting,
    EntitySummary,
    PlaceCount,
    SearchQuery,
    StoredClaim,
    TimelineDay,
    check_limit,
    claim_rows,
    entity_key_label,
)
from newsdesk.store.query import check_query_length
from newsdesk.store.rows import unpacked_mentions
from newsdesk.store.sql import SQLStore


class BrowseQueries(SQLStore):
    @property
    def _entity_rows(self) -> str:
        """Each page entity (`e.*`) with the key of the entity across pages it is part of (issue 27: one
        entity, one count, wherever it is shown): its corpus entity's (`newsdesk link`) gazetteer id, else
        its own, else the corpus entity's TYPE:label, else its own (a page not linked yet)."""
        return ("SELECT e.*, coalesce(c.gazetteer_id, e.gazetteer_id, coalesce(c.type, e.type) || ':' || "
                f"coalesce(c.label, e.label)){self.dialect.binary} AS key, coalesce(c.label, e.label) AS key_label, "
                "coalesce(c.type, e.type) AS key_type "
                "FROM entities e LEFT JOIN entity_links l ON l.page = e.page AND l.entity_id = e.entity_id "
                "LEFT JOIN corpus_entities c ON c.id = l.corpus_id")

    def _kept(self, query: SearchQuery, *, dates: bool = True) -> tuple[str, list[Any]]:
        """The pages a browse query keeps, as a condition on `p` (pages) and its parameters: the text as
        search reads it, every facet, and (with `dates`) the page date; "" when every page is kept."""
        check_query_length(query.text)
        where: list[str] = []
        params: list[Any] = []
        matched = self.dialect.text_match(query.text)
        if matched is not None:
            where.append(matched[0])
            params.extend(matched[1])
        for name, kind in ((query.entity, None), (query.place, "PLACE")):
            if name is not None:
                condition, values = self.dialect.in_list(
                    "p.pk", sorted(self._pages_named(name, kind, linked=not query.exact)), "bigint")
                where.append(condition)
                params.extend(values)
        if query.origin is not None:
            same = self.dialect.same_origin("s.origin")
            where.append(f"EXISTS (SELECT 1 FROM stories s WHERE s.page = p.pk AND {same})")
            params.append(query.origin.strip())
        if dates and query.date_from is not None:
            where.append("p.date >= ?")
            params.append(query.date_from.isoformat())
        if dates and query.date_to is not None:
            where.append("p.date <= ?")
            params.append(query.date_to.isoformat())
        return " AND ".join(where), params

    def _summaries(self, where: str, params: Sequence[Any], limit: int | None, rows: str = "",
                   row_params: Sequence[Any] = ()) -> list[EntitySummary]:
        """The entities (`_entity_rows`' keys) that have a page entity meeting `where` (on `g`; "": every
        one), each counted over all its page entities; `rows` narrows the page entities read first (an
        index-led condition)."""
        picked = f"WHERE g.key IN (SELECT key FROM g WHERE {where})" if where else ""
        # The label of a key is the one with most mentions on a page (ties: the greatest in code point order).
        found = self._read(
            f"WITH g AS ({self._entity_rows} {'WHERE ' + rows if rows else ''}) "
            f"SELECT g.key, {self.dialect.best_label('g.mention_count', 'g.key_label')}, min(g.key_type), "
            f"count(DISTINCT g.page), sum(g.mention_count) AS mentions FROM g {picked} GROUP BY g.key "
            f"ORDER BY mentions DESC, g.key {'LIMIT ?' if limit else ''}",
            [*row_params, *params, *([limit] if limit else [])])
        return [EntitySummary(key, label, kind, int(pages), int(mentions))
                for key, label, kind, pages, mentions in found]

    def entities(self, query: str | None = None, type: str | None = None, limit: int = 50) -> list[EntitySummary]:
        check_limit(limit)
        where: list[str] = []
        params: list[Any] = []
        if type is not None:
            where.append("g.key_type = ?")
            params.append(type)
        if query is not None:
            refs, values = self.dialect.refs(self._matches(query, type), "m")
            written = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = f"g.label {self.dialect.like} ? ESCAPE '\\'"
            where.append(f"({like} OR {like} OR (g.page, g.entity_id) IN (SELECT m.page, m.entity_id FROM {refs}))")
            params.extend([written + "%", "% " + written + "%", *values])
        return self._summaries(" AND ".join(where), params, limit)

    def entity_by_key(self, key: str, limit: int = 100) -> tuple[EntitySummary, list[EntitySighting]]:
        check_limit(limit)
        named = entity_key_label(key)
        # The page entities that may have the key, found through the indexes: those written so, and those
        # linked to a corpus entity of that name or gazetteer id.
        if named:
            rows = ("(e.page, e.entity_id) IN (SELECT page, entity_id FROM entities WHERE type = ? AND label = ? "
                    "UNION SELECT l.page, l.entity_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
                    "WHERE c.type = ? AND c.label = ?)")
            row_params = [*named, *named]
        else:
            rows = ("(e.page, e.entity_id) IN (SELECT page, entity_id FROM entities WHERE gazetteer_id = ? "
                    "UNION SELECT l.page, l.entity_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
                    "WHERE c.gazetteer_id = ?)")
            row_params = [key, key]
        summaries = self._summaries("g.key = ?", [key], None, rows, row_params)
        if not summaries:
            raise StoreError("ND-E022", f"no entity {key!r} in store {self.location}")
        found = self._read(
            f"WITH g AS ({self._entity_rows} WHERE {rows}) "
            "SELECT p.id, p.title, p.date, g.entity_id, g.label, g.type, g.lat, g.lon, g.gazetteer_id, g.mentions "
            "FROM g JOIN pages p ON p.pk = g.page WHERE g.key = ? "
            "ORDER BY p.date IS NULL, p.date DESC, p.pk LIMIT ?", [*row_params, key, limit])
        sightings = [EntitySighting(page_id, title, date, entity_id, label, kind, unpacked_mentions(packed), lat, lon,
                                    gid)
                     for page_id, title, date, entity_id, label, kind, lat, lon, gid, packed in found]
        return summaries[0], sightings

    def place_counts(self, query: SearchQuery, limit: int = 1000) -> list[PlaceCount]:
        check_limit(limit)
        kept, params = self._kept(query)
        pages = f"JOIN pages p ON p.pk = e.page AND {kept}" if kept else ""
        # Label and point of a key: those of its row with most mentions (a street's point is its town's,
        # which may differ between pages).
        rows = self._read(
            f"SELECT coalesce(e.gazetteer_id, 'label:' || lower(e.label)){self.dialect.binary} AS key, "
            f"{self.dialect.best_place()}, min(e.country), min(e.gazetteer_id), count(DISTINCT e.page), "
            f"sum(e.mention_count) AS mentions FROM entities e {pages} WHERE e.type = 'PLACE' AND e.lat IS NOT NULL "
            "GROUP BY key ORDER BY mentions DESC, key LIMIT ?", [*params, limit])
        places = []
        for key, *best, country, gid, count, mentions in rows:
            label, lat, lon = self.dialect.place_point(best)
            places.append(PlaceCount(key, label, lat, lon, country, gid, int(count), int(mentions)))
        return places

    def timeline(self, query: SearchQuery) -> list[TimelineDay]:
        kept, params = self._kept(query, dates=False)
        days: list[str] = [self.dialect.iso_day("day")]
        bounds: list[Any] = []
        if query.date_from is not None:
            days.append("day >= ?")
            bounds.append(query.date_from.isoformat())
        if query.date_to is not None:
            days.append("day <= ?")
            bounds.append(query.date_to.isoformat())
        rows = self._read(
            f"WITH kept AS (SELECT p.pk, p.date FROM pages p {'WHERE ' + kept if kept else ''}) "
            "SELECT day, sum(pages), sum(events), sum(claims) FROM ("
            " SELECT date AS day, count(*) AS pages, 0 AS events, 0 AS claims FROM kept GROUP BY date"
            " UNION ALL SELECT v.event_date, 0, count(*), 0 FROM events v JOIN kept ON kept.pk = v.page "
            "GROUP BY v.event_date"
            " UNION ALL SELECT kept.date, 0, 0, count(*) FROM claims c JOIN kept ON kept.pk = c.page GROUP BY kept.date"
            f") AS counted WHERE {' AND '.join(days)} GROUP BY day ORDER BY day", [*params, *bounds])
        return [TimelineDay(day, int(pages), int(events), int(claims)) for day, pages, events, claims in rows]

    def claims(self, query: SearchQuery, limit: int = 100) -> list[StoredClaim]:
        check_limit(limit)
        kept, params = self._kept(query)
        rows = self._read(
            "SELECT p.pk, p.id, p.title, p.date, c.claim_id, c.start_pos, c.end_pos, c.low, c.high, c.per, c.unit, "
            "c.kind, c.speaker, c.speaker_text, (SELECT label FROM entities s WHERE s.page = c.page "
            "AND s.entity_id = c.speaker), c.about, c.same_as FROM pages p JOIN claims c ON c.page = p.pk "
            f"{'WHERE ' + kept if kept else ''} ORDER BY {self.dialect.newest_first('p.date')}, p.pk DESC, "
            "c.start_pos LIMIT ?", [*params, limit])
        return claim_rows(rows, self._texts(row[0] for row in rows))
