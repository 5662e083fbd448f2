"""Shared by the tests that start a real server: a Python program serving on a socket bound here (no port
race), waited for until it answers, stopped at the end."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def served(program: str, argv: Callable[[int], list[str]], log_path: Path, stop_seconds: float = 10) -> Iterator[str]:
    """Runs `python -c program *argv(fd)`, where fd is a listening socket the program serves on; yields the
    base URL once /openapi.json answers (fails the test with the server's log if it never does)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    log = log_path.open("w")
    process = subprocess.Popen([sys.executable, "-c", program, *argv(listener.fileno())],
                               pass_fds=[listener.fileno()], stdout=log, stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONWARNINGS": "ignore"})
    listener.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/openapi.json", timeout=2).close()
            break
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log.close()
                pytest.fail(f"the server did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=stop_seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
