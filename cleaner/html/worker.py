"""The HTML sandbox's process: it extracts the pages its parent sends, one at a time.

:mod:`cleaner.html.sandbox` starts it as a fresh interpreter (``python -c``) and not
as a ``multiprocessing`` child: a daemonic process (a ``multiprocessing.Pool``
worker) may not have those, and the forkserver and spawn methods run the user's
``__main__`` again in the child, a script's side effects included. The parent
writes requests and reads answers, as ``multiprocessing.connection`` frames them (a
length, then a pickle), on two pipes of their own, not on standard input and
output: whatever prints there (a start-up hook, a library) cannot break a frame.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from cleaner.errors import CleanerError
from cleaner.io import signals

READY = "ready"  # the first answer: the HTML stack is imported, the pages' deadlines can start
MAIN_THREAD, OTHER_THREAD = "main-thread", "other-thread"  # which thread of the parent started us


def main(requests: Connection, answers_fd: int, argv: Sequence[str]) -> None:
    """``requests``: the pipe the parent writes to (its module path was the first
    message); ``answers_fd``: the pipe it reads; ``argv``: the parent's process id, and
    which of its threads started this one."""
    parent, started_by = int(argv[0]), argv[1]
    _end_with(parent, started_by)
    serve(requests, Connection(answers_fd, readable=False))


def _end_with(parent: int, started_by: str) -> None:
    """End with the parent process: the kernel's signal on its death serves a child
    started by the parent's main thread; one started by another thread watches the
    parent's id (:func:`cleaner.io.signals.die_with_parent`: that signal would come when
    the starting thread ends, maybe in the middle of another thread's page)."""
    signals.become_worker(parent, watch=started_by != MAIN_THREAD)


def serve(requests: Connection, answers: Connection) -> None:
    """Say ready once the HTML stack is imported, then answer each request
    ``(html, url, selectors, encoding)`` until the parent closes the pipe."""
    from cleaner.html import extract  # looked up by attribute below: tests replace extract_page

    answers.send((READY, None))
    while True:
        try:
            html, url, selectors, encoding = requests.recv()
        except (EOFError, OSError):
            return
        try:
            page = extract.extract_page(html, url=url, selectors=selectors, encoding=encoding)
            answer: tuple[str, object] = ("ok", page)
        except CleanerError as exc:
            answer = ("error", _flat(exc))
        except Exception as exc:  # RecursionError, MemoryError...: the caller's one_document() names it
            answer = ("raise", exc if _picklable(exc) else RuntimeError(repr(exc)))
        answers.send(answer)


def _picklable(exc: BaseException) -> bool:
    try:
        pickle.dumps(exc)
    except Exception:
        return False
    return True


def _flat(exc: CleanerError) -> tuple[type[CleanerError], str, dict[str, Any]]:
    """An error as plain parts: the errors' constructors take other arguments than
    the message, so pickle could not build them again (the parent's ``_rebuilt`` does)."""
    return type(exc), str(exc), dict(vars(exc))
