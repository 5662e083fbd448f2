"""The schema both engines reach (`newsdesk.store.migrations`): the same tables, columns, primary keys,
unique constraints and indexes on SQLite and PostgreSQL, but for what `ENGINE_ONLY` says each keeps its
own way, and the same schema on a new store as on one migrated from every earlier version.

Also the builders of an old store, empty, at a given schema version (the other store tests use them to
fill an old store with pages). PostgreSQL runs start their own server (`tests/pg.py`) and skip, saying
why, where none can be started."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import psycopg
import pytest

from newsdesk.store import SCHEMA_VERSION, open_store
from newsdesk.store.migrations import ENGINE_ONLY, MIGRATIONS
from tests.pg import PostgresServer

EARLIER = range(1, SCHEMA_VERSION)


def build_sqlite_store(db: sqlite3.Connection, version: int) -> None:
    """The tables of a SQLite store of an earlier schema `version`, empty."""
    for step in MIGRATIONS[:version]:
        for statement in step.sql("sqlite"):
            db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(version),))


def build_postgres_store(url: str, version: int) -> None:
    """The tables of a PostgreSQL store of an earlier schema `version`, empty (diacritics kept)."""
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("SET search_path TO newsdesk")
        for step in MIGRATIONS[:version]:
            for statement in step.sql("postgresql"):
                db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('diacritics', 'kept'), ('schema_version', %s)", (str(version),))


def sqlite_schema(path: Path) -> set[str]:
    """Every table (not FTS5's shadow tables), column, primary key, unique constraint and index, named."""
    items: set[str] = set()
    with sqlite3.connect(path) as db:
        tables = [name for _, name, kind, *_ in db.execute("PRAGMA main.table_list")
                  if kind in ("table", "virtual") and not name.startswith("sqlite_")]
        for table in tables:
            items.add(f"table {table}")
            columns = db.execute(f"PRAGMA table_info({table})").fetchall()
            items.update(f"column {table}.{c[1]}" for c in columns)
            key = [c[1] for c in sorted(columns, key=lambda c: c[5]) if c[5]]
            if key:
                items.add(f"primary key {table} ({', '.join(key)})")
            for _, index, _, origin, _ in db.execute(f"PRAGMA index_list({table})"):
                if origin == "c":
                    items.add(f"index {index} on {table}")
                elif origin == "u":
                    names = [r[2] for r in db.execute(f"PRAGMA index_info({index})")]
                    items.add(f"unique {table} ({', '.join(names)})")
    return items


def postgres_schema(url: str) -> set[str]:
    """As `sqlite_schema`, for the tables of schema `newsdesk`."""
    items: set[str] = set()
    with psycopg.connect(url, autocommit=True) as db:
        for table, column in db.execute(
                "SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
                "WHERE n.nspname = 'newsdesk' AND c.relkind IN ('r', 'p')"):
            items.update({f"table {table}", f"column {table}.{column}"})
        for table, kind, columns in db.execute(
                "SELECT c.relname, k.contype, array_agg(a.attname ORDER BY u.ord) FROM pg_constraint k "
                "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "CROSS JOIN unnest(k.conkey) WITH ORDINALITY AS u(attnum, ord) "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum "
                "WHERE n.nspname = 'newsdesk' AND k.contype IN ('p', 'u') GROUP BY c.relname, k.oid, k.contype"):
            items.add(f"{'primary key' if kind == 'p' else 'unique'} {table} ({', '.join(columns)})")
        for index, table in db.execute(
                "SELECT i.relname, t.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                "WHERE n.nspname = 'newsdesk' AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
                "WHERE k.conindid = x.indexrelid)"):
            items.add(f"index {index} on {table}")
    return items


_ITEM_TABLE = re.compile(r"(?:table|column|primary key|unique) (\w+)|index \w+ on (\w+)")


def table_of(item: str) -> str:
    """The table a schema item belongs to ("column pages.id": pages)."""
    found = _ITEM_TABLE.match(item)
    assert found, item
    return found.group(1) or found.group(2)


def shared_part(items: set[str], engine: str) -> set[str]:
    """The items without what `ENGINE_ONLY` says this engine keeps its own way."""
    own = ENGINE_ONLY[engine]
    tables = {table_of(entry) for entry in own if entry.startswith("table ")}
    return {item for item in items if item not in own and table_of(item) not in tables}


def test_engine_only_names_only_what_is_there(tmp_path: Path, postgres_url: str) -> None:
    with open_store(tmp_path / "desk.db"):
        pass
    with open_store(postgres_url):
        pass
    found = {"sqlite": sqlite_schema(tmp_path / "desk.db"), "postgresql": postgres_schema(postgres_url)}
    for engine, own in ENGINE_ONLY.items():
        assert set(own) <= found[engine], engine


def test_both_engines_reach_the_same_schema(tmp_path: Path, postgres_url: str) -> None:
    with open_store(tmp_path / "desk.db"):
        pass
    with open_store(postgres_url):
        pass
    sqlite, postgres = sqlite_schema(tmp_path / "desk.db"), postgres_schema(postgres_url)
    assert shared_part(sqlite, "sqlite") == shared_part(postgres, "postgresql")
    # What the rule keeps is most of it: every facet and link table, with their keys and indexes.
    assert {"table place_keys", "primary key entity_names (name_key, page, entity_id)",
            "index entity_names_surname on entity_names", "unique pages (content_hash)"} <= shared_part(sqlite,
                                                                                                        "sqlite")


@pytest.mark.parametrize("version", EARLIER)
def test_a_sqlite_store_of_every_version_reaches_the_new_schema(tmp_path: Path, version: int) -> None:
    with open_store(tmp_path / "new.db"):
        pass
    with sqlite3.connect(tmp_path / "old.db") as db:
        build_sqlite_store(db, version)
    with open_store(tmp_path / "old.db") as store:
        assert store.status().schema_version == SCHEMA_VERSION
    assert sqlite_schema(tmp_path / "old.db") == sqlite_schema(tmp_path / "new.db")


@pytest.mark.parametrize("version", EARLIER)
def test_a_postgres_store_of_every_version_reaches_the_new_schema(postgres_server: PostgresServer,
                                                                   postgres_url: str, version: int) -> None:
    with open_store(postgres_url):
        pass
    old = postgres_server.create_database(f"old_{version}")
    build_postgres_store(old, version)
    with open_store(old) as store:
        assert store.status().schema_version == SCHEMA_VERSION
    assert postgres_schema(old) == postgres_schema(postgres_url)
