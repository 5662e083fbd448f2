"""terminal: how the CLI writes for a person — colour only on a terminal, every line within the width.

    screen = Screen.of(out, args.color)        # colour: --color auto|always|never, NO_COLOR, a terminal or not
    console = screen.console(out)              # a rich console that keeps to it
    out = screen.fitted(out)                   # plain print() lines wrapped to the width, indent kept

The conventions are those of well-behaved command-line tools (and of rich, which the views use):
colour and styles only when the output is a terminal, never when it is piped to a file or a pager,
unless `--color always`; `NO_COLOR` (https://no-color.org) turns colour off whatever the terminal;
the width is the terminal's (`COLUMNS` respected), or 100 columns when piped, so a saved view reads
the same in any editor. JSON output never goes through here: machines read it whole.
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import textwrap
from dataclasses import dataclass
from typing import TextIO, cast

from rich.console import Console

__all__ = ["COLOR_CHOICES", "PIPE_WIDTH", "Screen", "add_color_option"]

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


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream is no terminal
        return False


@dataclass(frozen=True, slots=True)
class Screen:
    """Where a view goes: whether it may use colour, and how wide it may be."""

    color: bool
    width: int

    @classmethod
    def of(cls, out: TextIO, choice: str = "auto") -> Screen:
        terminal = _is_terminal(out)
        if choice == "always":
            color = True
        elif choice == "never":
            color = False
        else:
            color = terminal and not os.environ.get("NO_COLOR")
        width = shutil.get_terminal_size((PIPE_WIDTH, 24)).columns if terminal else PIPE_WIDTH
        return cls(color, max(_MIN_WIDTH, width))

    def console(self, out: TextIO) -> Console:
        return Console(file=out, width=self.width, no_color=not self.color, force_terminal=self.color,
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
        return _is_terminal(self._out)
