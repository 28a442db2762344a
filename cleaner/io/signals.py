"""How a run treats SIGINT and SIGTERM: both stop it, never in the middle of a write.

``sigterm_interrupts`` makes SIGTERM raise KeyboardInterrupt, as Ctrl-C does, for
the duration of a command (the error handler then says so and exits 130);
``held`` keeps both signals back while a file is being replaced, and they are
delivered as soon as it is in place.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TypeVar

T = TypeVar("T")
_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _swapped(apply: Callable[[], T], restore: Callable[[T], object], *, possible: bool) -> Iterator[None]:
    """Apply a process-wide setting for the block, then put the previous one back."""
    if not possible:
        yield
        return
    previous = apply()
    try:
        yield
    finally:
        restore(previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)


def sigterm_interrupts() -> contextlib.AbstractContextManager[None]:
    """While the block runs, SIGTERM raises KeyboardInterrupt, as SIGINT does.

    Only the main thread may set handlers; elsewhere (a library caller's worker
    thread) the process keeps whatever handling it had.
    """
    return _swapped(
        lambda: signal.signal(signal.SIGTERM, _interrupt),
        lambda previous: signal.signal(signal.SIGTERM, previous),
        possible=threading.current_thread() is threading.main_thread(),
    )


def held() -> contextlib.AbstractContextManager[None]:
    """Hold SIGINT and SIGTERM back until the block is over.

    A signal that arrives meanwhile is recorded and raised again on exit, so an
    interrupted run stops between two files, never while one is being replaced.
    The Python-level handlers are swapped rather than the thread's signal mask:
    the kernel may deliver a process signal to any thread that does not block
    it (a progress bar's, a pool's), and a mask on the main thread alone would
    then let it through.
    """
    return _recording(_STOPPING, possible=threading.current_thread() is threading.main_thread())


@contextlib.contextmanager
def _recording(signums: set[int], *, possible: bool) -> Iterator[None]:
    if not possible:
        yield
        return
    pending: list[int] = []

    def record(signum: int, frame: FrameType | None) -> None:
        pending.append(signum)

    previous = {signum: signal.signal(signum, record) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if pending:
            signal.raise_signal(pending[0])  # now to the handler that was there before
