"""terminal: how the CLI writes for a person — colour only on a terminal, every line within the width.

    screen = Screen.of(out, args.color)        # colour: --color auto|always|never, NO_COLOR, a terminal or not
    console = screen.console(out)              # a rich console that keeps to it
    out = screen.fitted(out)                   # plain print() lines wrapped to the width, indent kept
    with JobProgress(err, "link", "pages", total, live=...) as bar:   # a long job's bar on stderr
        bar.update(done)

The conventions are those of well-behaved command-line tools (and of rich, which the views use):
colour and styles only when the output is a terminal, never when it is piped to a file or a pager,
unless `--color always`; `NO_COLOR` (https://no-color.org) turns colour off whatever the terminal;
the width is the terminal's (`COLUMNS` respected), or 100 columns when piped, so a saved view reads
the same in any editor. JSON output never goes through here: machines read it whole.

A reader that goes away (`newsdesk entity X | head`) ends the command quietly, as it ends `cat`:
`closed_pipe` points the standard output at /dev/null (Python's own flush at exit would raise again)
and gives the shell's status for it, 128 + SIGPIPE. Progress (`JobProgress`) is drawn on stderr, and
only on a terminal: a log or a pipe gets the result alone.
"""

from __future__ import annotations

import argparse
import io
import os
import select
import shutil
import signal
import textwrap
import time
from dataclasses import dataclass
from typing import TextIO, cast

from rich.console import Console
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

__all__ = ["CLOSED_PIPE_STATUS", "COLOR_CHOICES", "PIPE_WIDTH", "JobProgress", "Screen", "add_color_option",
           "add_progress_option", "closed_pipe", "is_terminal", "reader_gone"]

COLOR_CHOICES = ("auto", "always", "never")
#: The width of a view piped to a file or a pager.
PIPE_WIDTH = 100
#: No view is laid out narrower than this, however small the terminal says it is.
_MIN_WIDTH = 40


def add_color_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--color", choices=COLOR_CHOICES, default="auto",
                        help="colour and styles: auto (on a terminal, unless NO_COLOR is set), always or never")
    parser.add_argument("--no-color", dest="color", action="store_const", const="never",
                        help="the same as --color never")


def add_progress_option(parser: argparse.ArgumentParser,
                        help: str = "no progress bar (none is drawn when stderr is not a terminal)") -> None:
    parser.add_argument("--no-progress", action="store_true", help=help)


def is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream is no terminal
        return False


#: The exit status of a command whose reader closed the pipe: what a shell reports for `cat` ended so.
CLOSED_PIPE_STATUS = 128 + int(getattr(signal, "SIGPIPE", 13))


def reader_gone(out: TextIO) -> bool:
    """Whether `out` is a pipe (or socket) nobody reads any more: a BrokenPipeError from elsewhere (a
    worker's pipe, a connection) is a failure to report, not the reader's choice."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):
        return True  # no descriptor (a StringIO in tests): the error came from the stream itself
    if not hasattr(select, "poll"):
        return True
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & (select.POLLERR | select.POLLHUP) for _, events in poller.poll(0))


def closed_pipe(out: TextIO) -> int:
    """After a BrokenPipeError on `out`: point its file descriptor at /dev/null, so that the text still
    buffered (flushed by Python at exit) goes nowhere instead of raising again with a traceback; returns
    the status to exit with."""
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # no descriptor (a StringIO in tests): nothing buffered
        return CLOSED_PIPE_STATUS
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)
    return CLOSED_PIPE_STATUS


class _Console(Console):
    """rich's console, but a closed pipe is the command's to handle (rich's own handler exits with 1, and
    redirects the standard output whichever stream broke)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True  # nothing more to write to it, not even on the way out
        raise BrokenPipeError(32, "the reader closed the pipe")


@dataclass(frozen=True, slots=True)
class Screen:
    """Where a view goes: whether it may use colour, and how wide it may be."""

    color: bool
    width: int

    @classmethod
    def of(cls, out: TextIO, choice: str = "auto") -> Screen:
        terminal = is_terminal(out)
        if choice == "always":
            color = True
        elif choice == "never":
            color = False
        else:
            color = terminal and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns if terminal else PIPE_WIDTH
        return cls(color, max(_MIN_WIDTH, width))

    def console(self, out: TextIO) -> Console:
        return _Console(file=out, width=self.width, no_color=not self.color, force_terminal=self.color,
                       color_system="auto" if self.color else None, highlight=False, emoji=False,
                       soft_wrap=False)

    def fitted(self, out: TextIO) -> TextIO:
        return cast(TextIO, _Fitted(out, self.width))


class _Fitted(io.TextIOBase):
    """A text stream whose lines are wrapped to a width at word boundaries; a wrapped line keeps its
    indentation plus two columns, so a list item's continuation stays under the item."""

    def __init__(self, out: TextIO, width: int) -> None:
        super().__init__()
        self._out, self._width, self._pending = out, width, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            self._out.write(self._fit(line) + "\n")
        return len(text)

    def _fit(self, line: str) -> str:
        if len(line) <= self._width:
            return line
        indent = line[:len(line) - len(line.lstrip(" "))]
        return "\n".join(textwrap.wrap(line, self._width, initial_indent="", subsequent_indent=indent + "  ",
                                       break_long_words=True, break_on_hyphens=False)) if line.strip() else ""

    def flush(self) -> None:
        if self._pending:
            self._out.write(self._fit(self._pending))
            self._pending = ""
        self._out.flush()

    def isatty(self) -> bool:
        return is_terminal(self._out)


class JobProgress:
    """A long command's sign of life on stderr: on a terminal (`live`) a bar with the count, the rate,
    the time left and the time spent, gone when the job ends; elsewhere, with `log_every`, a line every
    so many seconds (a log of a long run), else nothing (a pipe or a log gets the result alone). With no
    total the bar pulses and the clock runs: the job is alive, its end unknown.

        with JobProgress(err, "export pages", "pages", total, live=show) as bar:
            bar.update(done)                    # or bar.update(done, rate=…) with the job's own rate
            bar.phase("export places", None, unit="places")   # a second stage, with its own count
    """

    def __init__(self, err: TextIO, label: str, unit: str, total: int | None = None, *, live: bool,
                 log_every: float | None = None) -> None:
        self.err, self.label, self.unit, self.total = err, label, unit, total
        self.log_every = log_every
        self.done = 0
        self.started = self.last_line = time.monotonic()
        self.progress: Progress | None = None
        self.task: TaskID | None = None
        if live:
            # No stdout redirection: the command's own output stream is written directly, after the bar.
            self.progress = Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[status]}"),
                                     TimeElapsedColumn(), console=_Console(file=err), transient=True,
                                     redirect_stdout=False, redirect_stderr=False)
            self.task = self.progress.add_task(label, total=total, status=self._status(0.0))

    def __enter__(self) -> JobProgress:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def phase(self, label: str, total: int | None, unit: str | None = None) -> None:
        """The next stage of the job, counted from 0."""
        self.label, self.total, self.done, self.unit = label, total, 0, unit or self.unit
        self.started = time.monotonic()
        if self.progress is not None and self.task is not None:
            self.progress.reset(self.task, description=label, status=self._status(0.0))
            self._set_total(total)

    def update(self, done: int, *, rate: float | None = None, total: int | None = None) -> None:
        self.done = done
        if total is not None:
            self.total = total
        if self.total is not None and done > self.total:
            self.total = None  # an estimate that fell short: a count without an end beats a wrong one
        seconds = time.monotonic() - self.started
        per_second = rate if rate is not None else done / seconds if seconds > 0 else 0.0
        if self.progress is not None and self.task is not None:
            self._set_total(self.total)
            self.progress.update(self.task, completed=done, status=self._status(per_second))
        elif self.log_every is not None and time.monotonic() - self.last_line >= self.log_every:
            self.last_line = time.monotonic()
            print(f"{self.label}: {self._status(per_second)}", file=self.err, flush=True)

    def _status(self, per_second: float) -> str:
        """"120/400 pages · 30% · 12.3 pages/s · 0:00:23 left", as much of it as is known."""
        if not self.done and not self.total:
            return ""  # nothing counted yet, no end known: the pulsing bar and the clock say it all
        parts = [f"{self.done}/{self.total} {self.unit}" if self.total else f"{self.done} {self.unit}"]
        if self.total:
            parts.append(f"{100 * self.done / self.total:.0f}%")
        if per_second > 0:
            parts.append(f"{per_second:.1f} {self.unit}/s")
            if self.total:
                left = round(max(0, self.total - self.done) / per_second)
                parts.append(f"{left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left")
        return " · ".join(parts)

    def _set_total(self, total: int | None) -> None:
        # Progress.update and reset read a None total as "unchanged": an unknown end is set on the task.
        assert self.progress is not None
        for task in self.progress.tasks:
            if task.id == self.task and task.total != total:
                task.total = total
