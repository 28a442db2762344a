"""The only code that prints: documents to stdout, messages to stderr.

Commands receive an :class:`Output` rather than calling ``print``, so tests can
capture everything a command says through one object.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO


def _stdout() -> TextIO:
    return sys.stdout


def _stderr() -> TextIO:
    return sys.stderr


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
        self.err.write(text + "\n")

    def error(self, text: str) -> None:
        self.err.write(f"error: {text}\n")

    def warning(self, text: str) -> None:
        self.err.write(f"warning: {text}\n")

    @property
    def binary_out(self) -> BinaryIO:
        """stdout as bytes, for data streams (JSONL); text written before is flushed first."""
        self.out.flush()
        return self.out.buffer  # type: ignore[attr-defined, no-any-return]

    @property
    def err_is_terminal(self) -> bool:
        return hasattr(self.err, "isatty") and self.err.isatty()
