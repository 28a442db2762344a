"""The only code that prints: documents to stdout, messages to stderr.

Commands receive an :class:`Output` rather than calling ``print``, so tests can
capture everything a command says through one object.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from cleaner.errors import StreamWriteError

STDOUT = "<stdout>"  # how messages name standard output
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
_CLOSED = "nothing was written; give it a file or a pipe"


def _stdout() -> TextIO:
    """A process started with stdout closed (``>&-``, some daemons and cron jobs) has None
    there. A run that writes nothing there (``--in-place``, ``--check``, ``-o FILE``) goes
    on; one whose results would go there is stopped by :class:`_Closed` at its first
    write, where the null device would have lost them and reported success."""
    if sys.stdout is not None:
        return sys.stdout
    _hold(1)
    return _Closed()


def _stderr() -> TextIO:
    """Messages nobody can read are dropped and the run goes on (see :meth:`Output._say`)."""
    if sys.stderr is not None:
        return sys.stderr
    _hold(2)
    return _null()


def _hold(fd: int) -> None:
    """Point a closed standard descriptor at the null device: the next file the run
    opens would otherwise get its number, and whatever writes to it (a library, a
    worker process inheriting it) would write into that file."""
    try:
        os.fstat(fd)
    except OSError:
        null = os.open(os.devnull, os.O_WRONLY)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)


def _null() -> TextIO:
    return open(os.devnull, "w", encoding="utf-8")


@dataclass
class Output:
    """Where a command writes: ``out`` for results, ``err`` for messages."""

    out: TextIO = field(default_factory=_stdout)
    err: TextIO = field(default_factory=_stderr)

    def write(self, text: str) -> None:
        """Write a result verbatim (a cleaned document, a diff)."""
        self._guarded(self.out.write, text)

    def line(self, text: str = "") -> None:
        """One line of results on stdout."""
        self._guarded(self.out.write, text + "\n")

    def flush(self) -> None:
        """Hand what is buffered for stdout to the system: a full disk or a reader that
        went away shows here, not at exit."""
        self._guarded(self.out.flush)

    def refuse_closed_stdout(self, targets: Iterable[str | Path | None]) -> None:
        """Before a run: an output file that is standard output (``-o /dev/stdout``) while
        it is closed is an error, as ``-o -`` is (the null device held in its place would
        take the results and report success)."""
        if not isinstance(self.out, _Closed):
            return
        for target in targets:
            if target is not None and os.path.normpath(str(target)) in _STDOUT_NAMES:
                raise StreamWriteError(str(target), "standard output is closed", holds=_CLOSED)

    def _guarded(self, call: Callable[..., Any], *args: Any) -> None:
        """``call``, with a failure of stdout turned into a StreamWriteError naming it (a
        full disk, ``> /dev/full``); BrokenPipeError, the reader that went away, is left
        for the error handler's quiet exit. stdout is silenced first: Python's own flush at
        exit would fail on what is still buffered, after the message."""
        try:
            call(*args)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self.silence_out()
            raise StreamWriteError(STDOUT, exc.strerror or str(exc)) from exc

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
        """stdout as bytes, for data streams (JSONL); text written before is flushed first.
        A closed stdout is an error here, before the data is made (``batch -o - >&-``)."""
        if isinstance(self.out, _Closed):
            raise _closed()
        self.flush()
        return _BinaryOut(self)  # type: ignore[return-value]

    @property
    def err_is_terminal(self) -> bool:
        return hasattr(self.err, "isatty") and self.err.isatty()


class _BinaryOut:
    """stdout's bytes, written through :meth:`Output._guarded`."""

    def __init__(self, output: Output) -> None:
        self._output = output

    def write(self, data: bytes) -> int:
        self._output._guarded(self._output.out.buffer.write, data)  # type: ignore[attr-defined]
        return len(data)

    def flush(self) -> None:
        self._output.flush()


class _Closed(io.TextIOBase):
    """stdout of a process started without one: writing a result there is an error."""

    def write(self, text: str) -> int:
        if text:
            raise _closed()
        return 0


def _closed() -> StreamWriteError:
    return StreamWriteError(STDOUT, "it is closed", holds=_CLOSED)


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
