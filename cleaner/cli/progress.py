"""A progress bar for long batches: records, megabytes, rate and time left.

Shown on stderr only when stderr is a terminal; otherwise nothing is drawn and
nothing is imported. rich draws it: it is already installed with typer (so no new
dependency), keeps the bar on stderr while stdout carries data, and is imported
lazily so that a run without a terminal (and text-mode startup) never pays the
~0.1 s it takes to import. The bar is redrawn from the caller's thread (at most
:data:`REDRAW` times a second), not by rich's refresh thread: batch workers are
forked, and a process should have one thread when it forks.
"""

from __future__ import annotations

import io
import time
from contextlib import AbstractContextManager
from types import TracebackType
from typing import Any

from cleaner.io.output import Output

REDRAW = 10  # redraws per second at most


class Progress(AbstractContextManager["Progress"]):
    """Progress over an input of ``total`` bytes (None: unknown, no bar or ETA)."""

    def __init__(self, output: Output, total: int | None) -> None:
        self._output = output
        self._total = total
        self._bar: Any = None
        self._task: Any = None
        self._start = time.monotonic()
        self._drawn = 0.0  # when the bar was last redrawn
        self._stream = output.err  # where messages go while no bar is drawn

    def __enter__(self) -> Progress:
        if self._output.err_is_terminal:
            self._bar, self._task = _rich_bar(self._output, self._total)
            self._bar.start()
            # Messages (a record that failed) go through the bar's console, which prints
            # them above the bar and draws it again, instead of onto the bar's line.
            self._stream = self._output.err
            self._output.err = _AboveBar(self._bar.console)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._output.err.flush()
            self._output.err = self._stream
            self._bar.stop()

    def update(self, *, records: int, data_bytes: int, position: int) -> None:
        """Totals so far: records done, bytes of JSONL done, position in the input file."""
        if self._bar is None:
            return
        now = time.monotonic()
        elapsed = max(now - self._start, 1e-6)
        self._bar.update(
            self._task,
            completed=position if self._total else data_bytes,
            records=records,
            mb=data_bytes / 1e6,
            rate=records / elapsed,
        )
        if now - self._drawn >= 1 / REDRAW:
            self._drawn = now
            self._bar.refresh()


class _AboveBar(io.TextIOBase):
    """A text stream whose whole lines the bar's console prints above the bar."""

    def __init__(self, console: Any) -> None:
        self._console = console
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            self._console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
        return len(text)

    def flush(self) -> None:
        if self._pending:
            self.write("\n")

    def isatty(self) -> bool:
        return True


def _rich_bar(output: Output, total: int | None) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.progress import Progress as RichProgress

    columns = [
        TextColumn("{task.fields[records]:,} records"),
        TextColumn("{task.fields[mb]:,.1f} MB"),
        TextColumn("{task.fields[rate]:,.0f} rec/s"),
    ]
    if total:
        columns[:0] = [BarColumn()]
        columns += [TimeRemainingColumn()]
    else:
        columns += [TimeElapsedColumn()]
    bar = RichProgress(*columns, console=Console(file=output.err), transient=False, auto_refresh=False)
    task = bar.add_task("batch", total=total, records=0, mb=0.0, rate=0.0)
    return bar, task
