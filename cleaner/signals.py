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
    """Hold SIGINT and SIGTERM back until the block is over (POSIX; elsewhere a no-op).

    A signal that arrives meanwhile is delivered on exit, so an interrupted run
    stops between two files, never while one is being replaced.
    """
    return _swapped(
        lambda: signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING),
        lambda previous: signal.pthread_sigmask(signal.SIG_SETMASK, previous),
        possible=hasattr(signal, "pthread_sigmask"),
    )
