"""HTML extraction in a child process that is killed when a page takes too long.

The time goes to lexbor's and lxml's C code, where Python never gets control
back: no signal handler, alarm or thread can stop it, and ``timeout`` could not
stop a run on 1M nested divs in 20 minutes (issue 21). As datatrove's extractor
does, the page goes to a child process; the parent waits on the pipe for at most
the deadline, and kills the child (SIGKILL) if the answer has not come. The page
is then an InputError naming it, and the next page gets a new child.

The child lives as long as its owner: one fork per process and not one per page
(started from a process that has trafilatura imported, on Linux by fork, it is
ready at once). A page costs a round trip through the pipe: about 0.1 ms for a
page of 100 KB, against the 10-100 ms of extracting it. The parent waits in
``poll``, where SIGINT and SIGTERM reach it at once, and kills the child on the
way out; the child also ends with its parent however that ends
(:func:`cleaner.io.signals.die_with_parent`).
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from cleaner.errors import CleanerError, InputError
from cleaner.io import signals

if TYPE_CHECKING:
    from cleaner.html.extract import Page

_Request = tuple[str | bytes, str | None, tuple[str, ...]]


class Sandbox:
    """A child process extracting one page at a time, owned by the process that made it."""

    def __init__(self) -> None:
        self._owner = os.getpid()
        self._child: Any = None  # multiprocessing.Process
        self._pipe: Connection | None = None

    def __getstate__(self) -> dict[str, Any]:
        """A copy (pickled for another process) starts its own child."""
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def extract(
        self, html: str | bytes, *, url: str | None, selectors: Sequence[str], timeout: float
    ) -> Page:
        """``html``'s body and pruned nodes, as :func:`cleaner.html.extract.extract_page`
        gives them, or an InputError if that takes more than ``timeout`` seconds."""
        pipe = self._ready()
        try:
            pipe.send((html, url, tuple(selectors)))
            if not pipe.poll(timeout):
                self.close()
                raise InputError(url or "<html>", f"HTML extraction took over {timeout:g}s; skipped")
            status, value = pipe.recv()
        except (EOFError, OSError) as exc:  # the child died (out of memory?)
            self.close()
            raise InputError(url or "<html>", "HTML extraction failed: its process died") from exc
        except BaseException:  # Ctrl-C, SIGTERM: the child may be busy for minutes
            self.close()
            raise
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "raise":
            raise value
        raise _rebuilt(value)

    def _ready(self) -> Connection:
        if self._owner != os.getpid():  # a fork of the owner: the child is not ours to talk to
            self._owner, self._child, self._pipe = os.getpid(), None, None
        if self._child is None or not self._child.is_alive():
            ours, theirs = multiprocessing.Pipe()
            method = _start_method()
            child = multiprocessing.get_context(method).Process(
                target=_serve,
                args=(theirs, os.getpid() if method == "fork" else None),
                name="cleaner-html",
                daemon=True,
            )
            child.start()
            theirs.close()
            self._child, self._pipe = child, ours
        assert self._pipe is not None
        return self._pipe

    def close(self) -> None:
        """Kill the child (busy or not) and forget it."""
        if self._child is not None and self._owner == os.getpid():
            self._child.kill()
            self._child.join()
        if self._pipe is not None:
            self._pipe.close()
        self._child, self._pipe = None, None


def _start_method() -> str:
    """fork where it is safe: on Linux, from a process with one thread (another
    thread may hold a lock the child would then wait for for ever)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _serve(pipe: Connection, parent: int | None) -> None:
    """The child: extract the pages that come, until the parent goes (the owner, or
    the forkserver that started the child, which ends with the owner)."""
    signals.become_worker(os.getppid() if parent is None else parent)
    from cleaner.html.extract import extract_page

    while True:
        try:
            html, url, selectors = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            answer: tuple[str, object] = ("ok", extract_page(html, url=url, selectors=selectors))
        except CleanerError as exc:
            answer = ("error", _flat(exc))
        except Exception as exc:  # RecursionError, MemoryError...: the caller's one_document() names it
            answer = ("raise", exc if _picklable(exc) else RuntimeError(repr(exc)))
        pipe.send(answer)


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.dumps(exc)
    except Exception:
        return False
    return True


def _flat(exc: CleanerError) -> tuple[type[CleanerError], str, dict[str, Any]]:
    """An error as plain parts: the errors' constructors take other arguments than
    the message, so pickle could not build them again."""
    return type(exc), str(exc), dict(vars(exc))


def _rebuilt(parts: tuple[type[CleanerError], str, dict[str, Any]]) -> CleanerError:
    cls, message, fields = parts
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    vars(exc).update(fields)
    return exc
