"""Shared fixtures. `store_location`: the engine a store's test runs on, a SQLite path, then a
PostgreSQL URL (a new database on a throwaway server, `tests/pg.py`); the PostgreSQL runs skip, saying
why, where no server can be started here. `pipeline`: one for the session (models load once).
`analyses`: the invented Kyiv, Kiev and Halden reports of `corpus_pages`, analysed; `store`: a store
on each engine holding them. `no_network`: fails a test that tries to connect anywhere."""

from __future__ import annotations

import datetime as dt
import itertools
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text
from newsdesk.store import Store, open_store
from tests.corpus_pages import DATES, HALDEN_AP, KIEV_CNN, KYIV_REUTERS
from tests.pg import PostgresServer, ServerUnavailable

_databases = itertools.count(1)

#: Test modules outside e2e/ and gates/ that start a JVM, a database or a server (`-m "not slow"` skips them).
_SLOW_MODULES = frozenset({"test_spark", "test_store_postgres", "test_store_schema", "test_serve_hardening",
                           "test_api_schema", "test_link_repro"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers by where a test lives: gates/ are quality gates over ../shared/data, e2e/ drive a browser,
    the CLI or whole benches; both are slow, as are the modules in `_SLOW_MODULES`."""
    for item in items:
        path = Path(str(item.fspath))
        if path.parent.name == "gates":
            item.add_marker(pytest.mark.gate)
        if path.parent.name in ("gates", "e2e") or path.stem in _SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One server for the session (started once; a test that stops it starts it again)."""
    try:
        server = PostgresServer.start()
    except ServerUnavailable as exc:
        pytest.skip(f"PostgreSQL store tests: {exc}")
    try:
        yield server
    finally:
        server.destroy()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> str:
    """The URL of a new, empty database (with the password in it, as a desk's URL would have)."""
    return postgres_server.create_database(f"desk_{next(_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a test's store is, for each engine: `open_store(store_location)`."""
    if request.param == "sqlite":
        return tmp_path / "desk.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def analyses(pipeline: Pipeline) -> dict[str, Analysis]:
    texts = {"kyiv": KYIV_REUTERS, "kiev": KIEV_CNN, "halden": HALDEN_AP}
    return {name: pipeline.analyze(page_from_text(f"{name}.txt", text,
                                                  ReadConfig(reference_date=dt.date.fromisoformat(DATES[name]))))
            for name, text in texts.items()}


@pytest.fixture
def store(store_location: Path | str, analyses: dict[str, Analysis]) -> Iterator[Store]:
    """The invented reports in a store, on each engine."""
    with open_store(store_location) as opened:
        opened.add(list(analyses.values()))
        yield opened


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Record and refuse any attempt to connect; the test fails if there was one."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network access in a test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    yield attempts
    assert not attempts, f"tried to reach {attempts}"
