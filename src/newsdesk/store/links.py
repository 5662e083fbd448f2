"""links: pages linked to each other (issue 8) — copied passages, corpus entities, event clusters —
written by `newsdesk.jobs.link.link_pages` batch by batch and read back, written once for both engines
as part of `sql.SQLStore`."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.store import (
    ClusterStory,
    CorpusEntityRow,
    EventClusterSummary,
    LinkBatch,
    LinkPage,
    PageLinks,
    ReusePassage,
    check_limit,
    reuse_passages,
)
from newsdesk.store.sql import SQLStore, upsert

#: The columns of each table a batch of links writes, and the key a row replaces its old row by.
LINK_TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "reuse_passages": (("page", "start_pos", "end_pos", "source", "source_start", "source_end", "copied",
                        "similarity", "clues", "copy_cluster"), ("page", "start_pos", "source", "source_start")),
    "corpus_entities": (("id", "label", "type", "pages", "mentions", "first_seen", "last_seen", "gazetteer_id"),
                        ("id",)),
    "entity_links": (("page", "entity_id", "corpus_id"), ("page", "entity_id")),
    "event_clusters": (("id", "title", "first_date", "last_date", "size", "topic"), ("id",)),
    "event_members": (("page", "story", "cluster_id"), ("page", "story")),
    "link_state": (("key", "value"), ("key",)),
}


def link_upsert(table: str) -> str:
    columns, key = LINK_TABLES[table]
    return upsert(table, columns, key)


class LinkQueries(SQLStore):
    def link_state(self) -> dict[str, bytes]:
        return {str(k): bytes(v) for k, v in self._read("SELECT key, value FROM link_state")}

    def _link_pages(self, where: str, params: list[Any]) -> list[LinkPage]:
        rows = self._read(f"SELECT p.pk, p.id, p.source, p.url, p.date, {self.analysis_columns} FROM pages p "
                          f"{self.analysis_join} WHERE {where}", params)
        return [LinkPage(int(pk), page_id, source, url, date, self._analysis(*kept))
                for pk, page_id, source, url, date, *kept in rows]

    def unlinked(self, after: int, limit: int) -> list[LinkPage]:
        return self._link_pages("p.pk > ? ORDER BY p.pk LIMIT ?", [after, limit])

    def link_pages(self, page_ids: Iterable[str]) -> dict[str, LinkPage]:
        where, params = self.dialect.in_list("p.id", sorted(set(page_ids)))
        return {page.id: page for page in self._link_pages(where, params)}

    def reuse_spans(self, page_ids: Iterable[str]) -> list[tuple[str, int, int, int]]:
        where, params = self.dialect.in_list("id", sorted(set(page_ids)))
        rows = self._read(
            f"WITH w AS (SELECT pk, id FROM pages WHERE {where}) "
            "SELECT w.id, r.start_pos, r.end_pos, r.copy_cluster FROM w JOIN reuse_passages r ON r.page = w.pk "
            "UNION ALL SELECT w.id, r.source_start, r.source_end, r.copy_cluster FROM w "
            "JOIN reuse_passages r ON r.source = w.pk", params)
        return [(str(i), int(s), int(e), int(c)) for i, s, e, c in rows]

    def save_links(self, batch: LinkBatch) -> None:
        self._in_write(lambda: self._write_links(batch),
                       lambda why: f"store {self.location}: the links of pages up to key {batch.watermark} were not "
                                   f"written ({why}); links written before are kept")

    def _write_links(self, batch: LinkBatch) -> None:
        ids = {r.page_id for r in batch.passages} | {r.source_id for r in batch.passages}
        ids |= {page for page, _, _ in batch.entity_links} | {page for page, _, _ in batch.members}
        where, params = self.dialect.in_list("id", sorted(ids))
        pk = {str(i): int(k) for i, k in self._execute(f"SELECT id, pk FROM pages WHERE {where}", params)}
        if ids - set(pk):
            raise StoreError("ND-E023", f"store {self.location}: links name pages that are not stored: "
                                        f"{sorted(ids - set(pk))[:3]}")
        # A passage is stored once, in either orientation: re-deciding its direction replaces the reverse row.
        self._executemany(
            "DELETE FROM reuse_passages WHERE page = ? AND start_pos = ? AND source = ? AND source_start = ?",
            [(pk[r.source_id], r.source_start, pk[r.page_id], r.start) for r in batch.passages])
        self._executemany(link_upsert("reuse_passages"),
                          [(pk[r.page_id], r.start, r.end, pk[r.source_id], r.source_start, r.source_end, r.copied,
                            r.similarity, json.dumps(list(r.clues), ensure_ascii=False), r.copy_cluster)
                           for r in batch.passages])
        self._executemany("UPDATE reuse_passages SET copy_cluster = ? WHERE copy_cluster = ?",
                          [(to, old) for old, to in batch.merges])
        self._executemany(link_upsert("corpus_entities"),
                          [(e.id, e.label, e.type, e.pages, e.mentions, e.first_seen, e.last_seen, e.gazetteer_id)
                           for e in batch.entities])
        self._executemany(link_upsert("entity_links"),
                          [(pk[page], local, corpus) for page, local, corpus in batch.entity_links])
        if batch.all_clusters:
            self._execute("DELETE FROM event_clusters")
        self._executemany(link_upsert("event_clusters"),
                          [(c.id, c.title, c.first, c.last, c.size, c.topic) for c in batch.clusters])
        self._executemany(link_upsert("event_members"),
                          [(pk[page], story, cluster) for page, story, cluster in batch.members])
        self._executemany(link_upsert("link_state"), [*batch.states, ("watermark", str(batch.watermark).encode())])

    def reuse(self, page_id: str) -> list[ReusePassage]:
        page = self.page(page_id)
        rows = self._read(
            "WITH me AS (SELECT pk FROM pages WHERE id = ?) "
            "SELECT 1, r.copied, r.start_pos, r.end_pos, o.id, o.title, o.date, o.origins, o.url, r.source_start, "
            "r.source_end, r.similarity, r.clues, r.copy_cluster FROM me JOIN reuse_passages r ON r.page = me.pk "
            "JOIN pages o ON o.pk = r.source UNION ALL "
            "SELECT 0, r.copied, r.source_start, r.source_end, o.id, o.title, o.date, o.origins, o.url, "
            "r.start_pos, r.end_pos, r.similarity, r.clues, r.copy_cluster FROM me "
            "JOIN reuse_passages r ON r.source = me.pk JOIN pages o ON o.pk = r.page", (page.id,))
        return reuse_passages(page.id, rows, page.analysis.get("text", ""))

    def events(self, limit: int = 50, query: str | None = None) -> list[EventClusterSummary]:
        check_limit(limit)
        words = (query or "").split()
        where = ("WHERE " + " AND ".join(f"c.title {self.dialect.like} ?" for _ in words)) if words else ""
        clusters = self._read(f"SELECT id, title, first_date, last_date, size, topic FROM event_clusters c {where} "
                              "ORDER BY last_date IS NULL, last_date DESC, CAST(substr(id, 3) AS BIGINT) DESC LIMIT ?",
                              [*(f"%{w}%" for w in words), limit])
        wanted, params = self.dialect.in_list("m.cluster_id", [c[0] for c in clusters])
        members: dict[str, list[tuple[str, str, str | None]]] = {}
        for cluster, page_id, title, date, _pk in self._read(
                # Ordered outside the DISTINCT: PostgreSQL orders a DISTINCT select only by what it selects.
                "SELECT * FROM (SELECT DISTINCT m.cluster_id, p.id, p.title, p.date, p.pk FROM event_members m "
                f"JOIN pages p ON p.pk = m.page WHERE {wanted}) d ORDER BY d.date IS NULL, d.date DESC, d.pk DESC",
                params):
            members.setdefault(cluster, []).append((page_id, title, date))
        stories: dict[str, list[ClusterStory]] = {}
        for row in self._read(
                "SELECT m.cluster_id, p.id, s.idx, s.start_pos, s.end_pos, s.title, s.origin, "
                "COALESCE(s.dateline_date, p.date) FROM event_members m JOIN pages p ON p.pk = m.page "
                f"JOIN stories s ON s.page = m.page AND s.idx = m.story WHERE {wanted} "
                "ORDER BY p.date IS NULL, p.date DESC, p.pk DESC, s.idx", params):
            stories.setdefault(row[0], []).append(ClusterStory(*row[1:]))
        return [EventClusterSummary(i, t, f, last, int(n), topic, tuple(members.get(i, ())), tuple(stories.get(i, ())))
                for i, t, f, last, n, topic in clusters]

    def corpus_entities(self, name: str, limit: int = 20) -> list[CorpusEntityRow]:
        check_limit(limit)
        refs, params = self.dialect.refs(self._matches(name, None), "m")
        rows = self._read(
            # Pages and mentions counted from the links as they are now, as `/entities` counts them (the
            # linker's own tallies are of the pages as it saw them).
            "SELECT c.id, c.label, c.type, count(DISTINCT l.page), sum(e.mention_count) AS mentions, c.first_seen, "
            "c.last_seen, c.gazetteer_id FROM corpus_entities c JOIN entity_links l ON l.corpus_id = c.id "
            "JOIN entities e ON e.page = l.page AND e.entity_id = l.entity_id "
            f"WHERE c.id IN (SELECT k.corpus_id FROM {refs} JOIN entity_links k "
            "ON k.page = m.page AND k.entity_id = m.entity_id) GROUP BY c.id ORDER BY mentions DESC, c.id LIMIT ?",
            [*params, limit])
        return [CorpusEntityRow(*row) for row in rows]

    def page_links(self, page_ids: Iterable[str]) -> dict[str, PageLinks]:
        where, params = self.dialect.in_list("p.id", sorted(set(page_ids)))
        counts: dict[str, list[int]] = {}
        clusters: dict[str, set[int]] = {}
        for page_id, side, copied, cluster in self._read(
                f"WITH w AS (SELECT p.pk, p.id FROM pages p WHERE {where}) "
                "SELECT w.id, 0, r.copied, r.copy_cluster FROM w JOIN reuse_passages r ON r.page = w.pk UNION ALL "
                "SELECT w.id, 1, r.copied, r.copy_cluster FROM w JOIN reuse_passages r ON r.source = w.pk", params):
            tally = counts.setdefault(page_id, [0, 0, 0])
            tally[int(side) if copied else 2] += 1
            clusters.setdefault(page_id, set()).add(int(cluster))
        events: dict[str, list[str]] = {}
        for page_id, cluster in self._read(
                "SELECT p.id, m.cluster_id FROM pages p JOIN event_members m ON m.page = p.pk "
                f"WHERE {where} ORDER BY m.story", params):
            if cluster not in events.setdefault(page_id, []):
                events[page_id].append(cluster)
        out: dict[str, PageLinks] = {}
        for page_id in counts.keys() | events.keys():
            copied_from, copied_by, unknown = counts.get(page_id, [0, 0, 0])
            out[page_id] = PageLinks(copied_from, copied_by, unknown, tuple(sorted(clusters.get(page_id, ()))),
                                     tuple(events.get(page_id, ())))
        return out
