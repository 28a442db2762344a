"""The only code that prints: documents to stdout, messages to stderr.

Commands receive an :class:`Output` rather than calling ``print``, so tests can
capture everything a command says through one object.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO


def _stdout() -> TextIO:
    """A process started with a stream closed (``2>&-``, some daemons and cron jobs) has
    None there: what it would have carried goes to the null device, and the run goes on."""
    return sys.stdout if sys.stdout is not None else _null()


def _stderr() -> TextIO:
    return sys.stderr if sys.stderr is not None else _null()


def _null() -> TextIO:
    return open(os.devnull, "w", encoding="utf-8")


@dataclass
class Output:
    """Where a command writes: ``out`` for results, ``err`` for messages."""

    out: TextIO = field(default_factory=_stdout)
    err: TextIO = field(default_factory=_stderr)

    def write(self, text: str) -> None:
        """Write a result verbatim (a cleaned document, a diff)."""
        self.out.write(text)

    def line(self, text: str = "") -> None:
        """One line of results on stdout."""
        self.out.write(text + "\n")

    def message(self, text: str) -> None:
        """One line for the person at the terminal, on stderr."""
        self._say(text + "\n")

    def _say(self, text: str) -> None:
        """Write a message; if stderr's reader went away (``2>&1 | head -1``), the run
        goes on without its messages: a rewrite or a check stopped at the first file
        and reported as a success would be worse than messages unread."""
        try:
            self.err.write(text)
            self.err.flush()
        except (BrokenPipeError, ValueError):  # ValueError: the stream was closed
            self.err = _silenced(self.err)

    def silence_out(self) -> None:
        """Results nobody reads (stdout's reader went away): the rest goes nowhere."""
        self.out = _silenced(self.out)

    def error(self, text: str) -> None:
        self._say(f"error: {text}\n")

    def warning(self, text: str) -> None:
        self._say(f"warning: {text}\n")

    @property
    def binary_out(self) -> BinaryIO:
        """stdout as bytes, for data streams (JSONL); text written before is flushed first."""
        self.out.flush()
        return self.out.buffer  # type: ignore[attr-defined, no-any-return]

    @property
    def err_is_terminal(self) -> bool:
        return hasattr(self.err, "isatty") and self.err.isatty()


def _silenced(stream: TextIO) -> TextIO:
    """A sink for what nobody reads. When the stream is the process's stdout or stderr,
    its descriptor is pointed at the null device too, so that Python's own flush at
    exit does not fail on the broken pipe again."""
    if stream is sys.stdout or stream is sys.stderr:
        with contextlib.suppress(OSError, ValueError):
            fd = stream.fileno()
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, fd)
            os.close(null)
    return _null()
