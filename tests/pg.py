"""A throwaway PostgreSQL server for the store's tests: `initdb` into a temporary folder, a server on
a Unix socket there (no TCP port opened), password authentication, stopped and deleted at the end.

    server = PostgresServer.start()          # raises ServerUnavailable (say why) when it cannot
    url = server.create_database("desk")     # postgresql://newsdesk:…@/desk?host=…&port=…
    server.stop(); server.start_again()      # the same data, the same URL: a restarted server
    server.destroy()

initdb refuses to run as root: as root the server runs as the `postgres` user (else `nobody`), through
`runuser`, in a folder that user owns. The binaries are found through `$NEWSDESK_PG_BIN`,
`pg_config --bindir`, `/usr/lib/postgresql/<version>/bin` (newest first), then `PATH`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

USER = "newsdesk"
PASSWORD = "pg-test-Secret-42"
INSTALL_HINT = "PostgreSQL server binaries not found (apt install postgresql)"


class ServerUnavailable(Exception):
    """The server cannot be started here; the message says why (the tests skip with it)."""


def find_bindir() -> Path:
    """The folder of `initdb`, `pg_ctl` and `postgres`; ServerUnavailable when none has all three."""
    candidates: list[str] = []
    if os.environ.get("NEWSDESK_PG_BIN"):
        candidates.append(os.environ["NEWSDESK_PG_BIN"])
    if shutil.which("pg_config"):
        try:
            out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, timeout=10, check=False)
            candidates.append(out.stdout.strip())
        except (OSError, subprocess.SubprocessError):
            pass
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda p: int(v) if (v := Path(p).parent.name).isdigit() else 0, reverse=True)
    candidates.extend(versions)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb") or "").resolve().parent))
    for folder in candidates:
        if folder and all((Path(folder) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    raise ServerUnavailable(INSTALL_HINT)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    #: The user the server runs as when this process is root (initdb refuses root); None: this user.
    run_as: str | None

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = find_bindir()
        run_as = None
        if os.geteuid() == 0:
            run_as = next((u for u in ("postgres", "nobody") if _user_exists(u)), None)
            if run_as is None or shutil.which("runuser") is None:
                raise ServerUnavailable("running as root, and no non-root user (postgres, nobody) with runuser "
                                        "to run initdb as")
        root = Path(tempfile.mkdtemp(prefix="nd-pg-"))  # under /tmp: short enough for a socket path
        server = cls(bindir, root, _free_port(), run_as)
        try:
            server._init()
            server.start_again()
        except BaseException:
            server.destroy()
            raise
        return server

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        command = [*(["runuser", "-u", self.run_as, "--"] if self.run_as else []), *args]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                                  cwd=self.root, env={**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
        except (OSError, subprocess.SubprocessError) as exc:
            raise ServerUnavailable(f"{Path(args[0]).name} could not run: {exc}") from exc
        if done.returncode != 0:
            tail = " ".join((done.stderr or done.stdout).split())[-400:]
            raise ServerUnavailable(f"{Path(args[0]).name} failed ({done.returncode}): {tail}")
        return done

    def _init(self) -> None:
        self.socket_dir.mkdir()
        secret = self.root / "pwfile"
        secret.write_text(PASSWORD + "\n", encoding="utf-8")
        if self.run_as:
            entry = pwd.getpwnam(self.run_as)
            for path in (self.root, self.socket_dir, secret):
                os.chown(path, entry.pw_uid, entry.pw_gid)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER, f"--pwfile={secret}",
                  "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        secret.unlink()

    def start_again(self) -> None:
        """Start the server (again, after `stop`): the same data, socket and port."""
        options = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `fast` ends every session (their connections are lost) and shuts down cleanly."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def url(self, database: str, password: str | None = PASSWORD) -> str:
        secret = f":{password}" if password is not None else ""
        return f"postgresql://{USER}{secret}@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self, name: str) -> str:
        """A new empty database; its URL."""
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(ServerUnavailable):
                self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def wait_until(predicate: Callable[[], bool], seconds: float = 10.0) -> bool:
    """Poll `predicate()` until it is true (True) or `seconds` have passed (False)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False
