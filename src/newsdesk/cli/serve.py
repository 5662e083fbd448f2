"""The `newsdesk serve` command: the HTTP API and the web desk over a store, run by uvicorn.

    newsdesk serve [--db DB] [--host 127.0.0.1] [--port 8750] [--token-env NEWSDESK_TOKEN]

Reads are open to whoever reaches the address; writes (`POST /pages`) need the bearer token held in
the environment variable `--token-env` names. Without that variable set the server answers writes
with 403; naming a variable with `--token-env` that is not set is an error (writes were asked for).
Like `cli.py`, this module only parses, prints and maps errors to exit codes; the work is in `serve`.
"""

from __future__ import annotations

import argparse
import dataclasses
import ipaddress
import json
import os
from typing import Any, TextIO

from newsdesk.errors import ConfigError
from newsdesk.serve.config import ServeConfig

DEFAULT_PORT = 8750
DEFAULT_TOKEN_ENV = "NEWSDESK_TOKEN"


def add_serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = commands.add_parser(
        "serve", help="the HTTP API and the web desk over the store",
        description="Serve the store over HTTP: the web desk at /, the API described at /openapi.json. "
                    f"Writes (POST /pages) need the bearer token in ${DEFAULT_TOKEN_ENV} (or --token-env).")
    serve.add_argument("--db", metavar="DB",
                       help="the store: a SQLite file or postgresql://… (default: $NEWSDESK_DB, "
                            "else ~/.local/share/newsdesk/desk.db)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: %(default)s, this machine only)")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="the port (default: %(default)s)")
    serve.add_argument("--token-env", metavar="VAR",
                       help=f"the environment variable holding the write token (default: {DEFAULT_TOKEN_ENV}; "
                            "naming one that is not set is an error)")
    serve.add_argument("--max-body-mb", type=float, default=ServeConfig().max_body_bytes / 2**20,
                       help="refuse request bodies larger than this many MB (default: %(default)g)")
    serve.add_argument("--threads", type=int, default=ServeConfig().store_threads,
                       help="threads reading the store, each with its own connection (default: %(default)s)")
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes, each with its own threads and connections (default: %(default)s)")
    serve.add_argument("--analysis-slots", type=int, default=ServeConfig().analysis_slots,
                       help="analyses at once in each server process, each in a process of its own "
                            "(default: %(default)s)")
    serve.add_argument("--analysis-seconds", type=float, default=ServeConfig().analysis_seconds,
                       help="a page's analysis time budget: past it the analysis is stopped and the request "
                            "answered 422 (default: %(default)g)")
    serve.add_argument("--max-connections", type=int, default=ServeConfig().max_connections,
                       help="open connections at most, each server process; more are answered 503 and closed "
                            "(default: %(default)s)")
    serve.add_argument("--access-log", action="store_true", help="log every request to standard output")


def run_serve(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import uvicorn  # imported here: only this command needs the server

    from newsdesk.serve.app import ENV_CONFIG, ENV_DB, ENV_TOKEN_VAR, create_app
    from newsdesk.serve.desk import desk_of
    from newsdesk.serve.guard import uvicorn_options

    if not 0 < args.port < 65536:
        raise ConfigError("ND-E011", f"--port must be from 1 to 65535, not {args.port}")
    if args.max_body_mb <= 0:
        raise ConfigError("ND-E011", f"--max-body-mb must be more than 0, not {args.max_body_mb:g}")
    variable = args.token_env or DEFAULT_TOKEN_ENV
    token = os.environ.get(variable) or None
    if args.token_env and token is None:
        raise ConfigError("ND-E011", f"--token-env {args.token_env}: the variable is not set (or empty); set it "
                                     "to the write token, or leave --token-env out to serve reads only")
    if args.workers < 1:
        raise ConfigError("ND-E011", f"--workers must be at least 1, not {args.workers}")
    config = ServeConfig(max_body_bytes=int(args.max_body_mb * 2**20), store_threads=args.threads,
                         analysis_slots=args.analysis_slots, analysis_seconds=args.analysis_seconds,
                         max_connections=args.max_connections)
    app = create_app(args.db, token=token, config=config)  # here, in any case: a wrong store or token stops it now
    pool = desk_of(app).pool
    writes = f"writes need the token in ${variable}" if token else f"reads only (no ${variable}: writes answer 403)"
    print(f"newsdesk: serving {pool.where} ({pool.engine}) at http://{_url_host(args.host)}:{args.port}/ — {writes}",
          file=err, flush=True)
    if not _loopback(args.host):
        print(f"newsdesk: {args.host} is reachable from other machines: anyone there can read this store",
              file=err, flush=True)
    # Connection limits (issue 24): a request head must arrive in config.header_seconds, an idle
    # keep-alive connection closes after config.keep_alive_seconds, open connections are capped at
    # config.max_connections, a head at config.max_head_bytes; a body must arrive in config.body_seconds.
    limits = _descriptor_limit()
    if limits is not None and config.max_connections > limits - 64:
        raise ConfigError("ND-E011", f"--max-connections {config.max_connections} does not fit this process's "
                                     f"limit of {limits} open files (ulimit -n): at most {max(1, limits - 64)}")
    options: dict[str, Any] = {"host": args.host, "port": args.port, "log_level": "warning",
                               "access_log": args.access_log, **uvicorn_options(config)}
    if args.workers == 1:
        uvicorn.run(app, **options)
        return 0
    # Several processes: uvicorn starts each by import string, and each builds its app from these.
    pool.close()
    os.environ[ENV_DB] = str(args.db or "")
    os.environ[ENV_CONFIG] = json.dumps(dataclasses.asdict(config))
    os.environ[ENV_TOKEN_VAR] = variable
    uvicorn.run("newsdesk.serve.app:app_from_environment", factory=True, workers=args.workers, **options)
    return 0


def _descriptor_limit() -> int | None:
    """This process's limit of open files, None where it cannot be read."""
    try:
        import resource
    except ImportError:  # not on this system
        return None
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    return None if soft == resource.RLIM_INFINITY else int(soft)


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host
