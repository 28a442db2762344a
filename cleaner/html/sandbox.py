"""HTML extraction in a child process that is killed when a page takes too long.

The time goes to lexbor's and lxml's C code, where Python never gets control
back: no signal handler, alarm or thread can stop it, and ``timeout`` could not
stop a run on 1M nested divs in 20 minutes (issue 21). As datatrove's extractor
does, the page goes to a child process; the parent waits on the pipe for at most
the deadline, and kills the child (SIGKILL) if the answer has not come. The page
is then an InputError naming it, and the next page gets a new child.

The child is a fresh interpreter running :mod:`cleaner.html.worker`, started
with :mod:`subprocess` and not :mod:`multiprocessing`: a daemonic process (a
``multiprocessing.Pool`` worker) may start one, and it never runs the user's
``__main__`` again, as forkserver and spawn do (QA D, findings 3 and 4). It
imports the HTML stack once (a few tenths of a second, before any page's deadline
starts) and then serves its owner's pages for as long as the owner lives: a page
costs a round trip through the pipes, 0.1 ms of the parent's CPU (0.3 ms for a page
of 100 KB), against the 2-100 ms of extracting it.

Threads: a child answers one request at a time, so each thread extracting a page
takes an idle child, or starts one, and gives it back afterwards. Two threads
never share a pipe, where they would read each other's answers (QA D, finding
1), and they extract at the same time, as many children as threads busy at
once. The parent waits in ``poll``, where SIGINT and SIGTERM reach it at once,
and kills the child on the way out; the child also ends with its parent however
that ends (:mod:`cleaner.html.worker`).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from cleaner.errors import CleanerError, InputError
from cleaner.html.worker import MAIN_THREAD, OTHER_THREAD  # imports no lxml: serve() does

if TYPE_CHECKING:
    from cleaner.html.page import Page, Prune

_Request = tuple[str | bytes, str | None, tuple["str | Prune", ...], str | None]
_WORKER = "cleaner.html.worker"  # the module the child runs (tests give one that misbehaves on cue)
_STARTUP = 120.0  # seconds a new child may take to import the HTML stack, on a machine under load
_IDLE_FOR = 60.0  # seconds an idle child is kept: the threads that were busy at once may not come back
# The child talks on two pipes of its own, whose numbers it gets on its command line:
# not on its standard input and output, where whatever runs as Python starts (a
# sitecustomize, a .pth file) may print and break the first frame. Its first message
# is the parent's module path (as multiprocessing's spawn sends it), too long for a
# command line in a large deployment (one argument holds 128 KB on Linux).
_BOOT = (
    "import importlib, sys; from multiprocessing.connection import Connection; "
    "requests = Connection(int(sys.argv[1]), writable=False); sys.path[:] = requests.recv(); "
    "importlib.import_module(sys.argv[3]).main(requests, int(sys.argv[2]), sys.argv[4:])"
)


class Sandbox:
    """Child processes extracting pages, one page at a time each, owned by the process
    that made them; safe to share between threads."""

    def __init__(self) -> None:
        self._children = _Children()

    def __getstate__(self) -> dict[str, Any]:
        """A copy (pickled for another process) starts its own children."""
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__()  # type: ignore[misc]

    def extract(
        self,
        html: str | bytes,
        *,
        url: str | None,
        selectors: Sequence[str | Prune],
        timeout: float,
        encoding: str | None = None,
    ) -> Page:
        """``html``'s body and pruned nodes, as :func:`cleaner.html.extract.extract_page`
        gives them (bytes decoded there, in ``encoding`` when given, so within the
        deadline too), or an InputError if that takes more than ``timeout`` seconds."""
        name = url or "<html>"
        children = self._own()
        child = children.take(name)
        try:
            status, value = child.ask((html, url, tuple(selectors), encoding), timeout, name)
        except BaseException:  # out of time, dead, or Ctrl-C while it may be busy for minutes
            child.kill()
            raise
        children.give_back(child)
        if status == "ok":
            return value  # type: ignore[no-any-return]
        if status == "raise":
            raise value
        raise _rebuilt(value)

    def close(self) -> None:
        """Kill the children that are not extracting a page now, and forget them."""
        self._own().close()

    def _own(self) -> _Children:
        """This process's children: a fork of the owner starts with none of its own (the
        owner's are not ours to talk to, and a lock another thread held at the fork would
        never be released). Replaced in one assignment, without a lock: two threads of a
        fork that race here may each get a set of their own, and each is sound."""
        children = self._children
        if children.owner != os.getpid():
            children = self._children = _Children()
        return children


class _Children:
    """The idle children of one process, handed to one thread at a time. Each holds an
    interpreter with the HTML stack (some 30 MB): one that has been idle for
    ``_IDLE_FOR`` seconds is killed the next time a thread takes or gives back a child,
    so that a burst of 16 threads does not leave 16 of them for the process's life."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self._lock = threading.Lock()
        self._idle: list[tuple[float, _Child]] = []  # (when it was given back, the child), oldest first

    def take(self, name: str) -> _Child:
        with self._lock:
            stale = self._expire()
            child = None
            while self._idle and child is None:
                _, child = self._idle.pop()
                if not child.alive():
                    stale.append(child)  # died while idle (killed from outside): reaped, not reused
                    child = None
        for old in stale:
            old.kill()
        return child if child is not None else _Child(name)  # started outside the lock

    def give_back(self, child: _Child) -> None:
        with self._lock:
            self._idle.append((time.monotonic(), child))
            stale = self._expire()
        for old in stale:
            old.kill()

    def _expire(self) -> list[_Child]:
        """Take the children idle for too long out of the list (the caller holds the lock)."""
        limit = time.monotonic() - _IDLE_FOR
        keep = [entry for entry in self._idle if entry[0] >= limit]
        stale = [child for since, child in self._idle if since < limit]
        self._idle = keep
        return stale

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for _, child in idle:
            child.kill()


class _Child:
    """One worker process and the two pipes to it."""

    def __init__(self, name: str) -> None:
        self._process, self._requests, self._answers = _started()
        # killed when forgotten and at exit, whatever the caller did
        self._end = weakref.finalize(self, _end, self._process, os.getpid(), self._requests, self._answers)
        try:
            self._wait_until_ready(name)
        except BaseException:
            self.kill()
            raise

    def _wait_until_ready(self, name: str) -> None:
        try:
            if not self._answers.poll(_STARTUP):
                raise InputError(name, f"HTML extraction failed: its process did not start in {_STARTUP:g}s")
            self._answers.recv()  # worker.READY: the HTML stack is imported
        except (EOFError, OSError) as exc:
            raise InputError(name, "HTML extraction failed: its process died as it started") from exc

    def alive(self) -> bool:
        return self._process.poll() is None

    def ask(self, request: _Request, timeout: float, name: str) -> tuple[str, Any]:
        """The child's answer to ``request``, or an InputError if it does not come within
        ``timeout`` seconds or the child dies (out of memory?) first."""
        try:
            self._requests.send(request)
            if not self._answers.poll(timeout):
                raise InputError(name, f"HTML extraction took over {timeout:g}s; skipped")
            return self._answers.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError) as exc:
            raise InputError(name, "HTML extraction failed: its process died") from exc

    def kill(self) -> None:
        """Kill the process, busy or not, and close the pipes."""
        self._end()


def _started() -> tuple[subprocess.Popen[bytes], Connection, Connection]:
    """A worker process, the pipe for requests to it and the pipe for its answers."""
    if not sys.executable:
        raise CleanerError("HTML extraction needs a Python interpreter, and sys.executable is empty")
    started_by = MAIN_THREAD if threading.current_thread() is threading.main_thread() else OTHER_THREAD
    their_in, our_out = os.pipe()
    our_in, their_out = os.pipe()
    # the parent's -I, -E, -S...: the child runs no start-up hook the parent did not
    flags = subprocess._args_from_interpreter_flags()  # what multiprocessing's spawn gives its children
    command = [
        sys.executable, *flags, "-c", _BOOT,
        str(their_in), str(their_out), _WORKER, str(os.getpid()), started_by,
    ]  # fmt: skip
    try:
        # a group of its own: Ctrl-C at a terminal is the parent's, which kills it, and
        # must not reach it while its Python starts, before it can ignore SIGINT
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # a start-up hook's print, a library's: nowhere
            pass_fds=(their_in, their_out),
            process_group=0,
        )
    except BaseException:
        os.close(our_out)
        os.close(our_in)
        raise
    finally:
        os.close(their_in)
        os.close(their_out)
    requests = Connection(our_out, readable=False)
    with contextlib.suppress(OSError):  # it died at once: the wait for it to be ready says so
        requests.send(_module_path())
    return process, requests, Connection(our_in, writable=False)


def _module_path() -> list[str]:
    """The parent's ``sys.path``, absolute, after the folder this cleaner was imported
    from: a relative entry (a checkout's ``''``) means the folder the parent is in now,
    which may not be where it imported cleaner from (``os.chdir`` since)."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # cleaner/, from cleaner/html/
    root = os.path.dirname(package)
    return [root, *(os.path.abspath(entry) if isinstance(entry, str) else str(entry) for entry in sys.path)]


def _end(process: subprocess.Popen[bytes], owner: int, *pipes: Connection) -> None:
    for pipe in pipes:
        pipe.close()
    if os.getpid() == owner:  # in a fork, the process is the owner's, still at work
        process.kill()
        process.wait()


def _rebuilt(parts: tuple[type[CleanerError], str, dict[str, Any]]) -> CleanerError:
    """An error the child flattened (:func:`cleaner.html.worker._flat`), built again."""
    cls, message, fields = parts
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    vars(exc).update(fields)
    return exc
