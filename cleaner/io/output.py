"""The only code that prints: documents to stdout, messages to stderr.

Commands receive an :class:`Output` rather than calling ``print``, so tests can
capture everything a command says through one object.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from cleaner.errors import StreamWriteError

STDOUT = "<stdout>"  # how messages name standard output
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
_CLOSED = "nothing was written; give it a file or a pipe"
# What a terminal acts on rather than shows: control characters but the tab and the
# newline (C0, DEL, C1: they move the cursor, retitle the window, clear the screen),
# the line and paragraph separators (they start a line), and the bidirectional
# embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069, those rustc's
# text-direction lints flag, "Trojan Source": a terminal that orders text by direction
# shows the line reordered). Not every format character (Unicode Cf): soft hyphens, the
# marks LRM and RLM (which move at most the punctuation beside them), ZWJ and ZWNJ, an
# emoji flag's tags and the Arabic end-of-ayah sign are ordinary parts of text; escaped,
# they would clutter German, Hebrew or Arabic lines and break emoji.
_ACTING = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_SHOWN = {False: re.compile(rf"[{_ACTING}]"), True: re.compile(rf"[\n{_ACTING}]")}


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


def _is_stdout(target: str | Path | None) -> bool:
    return target is not None and os.path.normpath(str(target)) in _STDOUT_NAMES


def _is_side_file(target: str | Path | None) -> bool:
    """A file of the run's own (``--audit F``): not stdout, not the null device."""
    return target is not None and str(target) not in ("-", os.devnull) and not _is_stdout(target)


def _null() -> TextIO:
    return open(os.devnull, "w", encoding="utf-8")


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with what the terminal would act on escaped (``\\x1b``, ``\\u202e``): text
    from documents and file names never sends it escape sequences, nor reorders a line;
    ``one_line``: a newline too (a file name in a line of its own kind)."""
    return _SHOWN[one_line].sub(lambda found: _escaped(ord(found[0])), text)


def _escaped(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@dataclass
class Output:
    """Where a command writes: ``out`` for results, ``err`` for messages."""

    out: TextIO = field(default_factory=_stdout)
    err: TextIO = field(default_factory=_stderr)
    side_files: dict[str, str] = field(default_factory=dict)  # see expect_files

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

    def expect_files(self, targets: Mapping[str, str | Path | None]) -> None:
        """Before a run: the files it writes, by the option that names them. One that is
        standard output (``-o /dev/stdout``) while it is closed is an error, as ``-o -``
        is (the null device held in its place would take the results and report
        success). The others are noted: if stdout's reader leaves (``| head -1``), the run
        stops there without writing them, and :meth:`reader_left` says so."""
        for target in targets.values():
            if isinstance(self.out, _Closed) and _is_stdout(target):
                raise StreamWriteError(str(target), "standard output is closed", holds=_CLOSED)
        self.side_files = {option: str(target) for option, target in targets.items() if _is_side_file(target)}

    def reader_left(self) -> None:
        """stdout's reader went away: the results nobody reads go nowhere, the run ends
        quietly (as ruff's and ripgrep's do), but files it was asked for besides are not
        written, and a quiet end must not pass for them being there."""
        self.silence_out()
        if self.side_files:
            named = ", ".join(f"{option} {target}" for option, target in self.side_files.items())
            stopped = "note: standard output was closed by its reader; the run stopped there"
            self.message(f"{stopped}: {named} not written")

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
        """One line for the person at the terminal, on stderr; what it would act on in a
        file name or a document's text quoted there is shown escaped (:func:`visible`)."""
        self._say(visible(text) + "\n")

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
        self._say(f"error: {visible(text)}\n")

    def warning(self, text: str) -> None:
        self._say(f"warning: {visible(text)}\n")

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
