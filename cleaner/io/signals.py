"""How a run treats SIGINT and SIGTERM: both stop it, never in the middle of a write.

``sigterm_interrupts`` makes SIGTERM raise KeyboardInterrupt, as Ctrl-C does, for
the duration of a command (the error handler then says so and exits 130);
``held`` keeps both signals back while a file is being replaced, and they are
delivered as soon as it is in place. ``die_with_parent`` makes a worker process
end with the process that started it, however that one ended; ``become_worker``
is what every worker process (batch's, learn's, the HTML sandbox) does first.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
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


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_ORPHAN_POLL = 0.5  # seconds between two looks at the parent where prctl is missing


def die_with_parent(parent: int, *, watch: bool = False) -> None:
    """End this process (a worker) when ``parent`` dies, even by SIGKILL.

    A worker blocked reading its next block never sees the parent go: the other
    workers, forked from the same parent, hold the pipe open, so no end of file
    comes, and two workers of a killed batch waited for ever (issue 21). On Linux
    the kernel sends SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``,
    through ctypes); elsewhere a daemon thread looks at the parent's id twice a
    second. A parent that died before this ran is caught by the look at
    ``getppid`` that follows the prctl.

    ``watch``: the thread only, no prctl. The kernel's signal comes when the *thread*
    that started this process ends, which for a process started from any thread but
    the main one may be long before the parent ends (a thread pool's shutdown).
    """
    if watch or not _kill_on_parent_death():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="orphan-watch").start()
    if os.getppid() != parent:
        os._exit(1)


def become_worker(parent: int, *, watch: bool = False) -> None:
    """Set up a worker process: it ends with ``parent`` (:func:`die_with_parent`, and
    ``watch`` there), leaves Ctrl-C to the parent, which stops it, and takes SIGTERM's
    default action rather than the parent's handler, if it inherited one."""
    die_with_parent(parent, watch=watch)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _kill_on_parent_death() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_ORPHAN_POLL)
    os._exit(1)
