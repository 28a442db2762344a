"""Blocks of records cleaned by a pool of processes, results back in input order.

Each worker compiles the rule packs once, in its initializer, and keeps the
:class:`Cleaner` for every block it is sent. The parent keeps at most
``WINDOW_PER_WORKER`` blocks per worker in flight (submitted but not yet
written), so memory stays flat however long the input stream is: ``Pool.imap``
would read the whole input ahead. One worker runs in the parent process with
the same code, which is what makes ``--workers 1`` and ``--workers N`` write the
same bytes: blocks are cut by the reader, not by the pool, and results are
taken in submission order.

Workers start warm where the platform allows (Linux): the parent, which has
the packs compiled already, builds the RE2 scanner and forks the workers, which
inherit both. Started cold (from a forkserver), each worker paid ~0.15 s of
imports, ~0.1 s compiling the packs and ~0.45 s building the scanner: on two
workers, a sixth of the run's CPU (issue 5). The parent has no other
thread when it forks (the progress bar draws from the main thread), and the
workers leave signals and the standard streams to the parent.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from cleaner import signals
from cleaner.api import Cleaner
from cleaner.errors import CleanerError
from cleaner.jsonl import Block
from cleaner.ledger import Tally
from cleaner.records import BlockResult, Fields, clean_block
from cleaner.rules import Pack
from cleaner.translations import UserTranslations

WINDOW_PER_WORKER = 2


@dataclass(frozen=True)
class Job:
    """Everything a worker needs, sent once when it starts: the packs (already
    loaded and validated by the parent, so workers never re-read YAML) and settings."""

    packs: Sequence[Pack]
    timeout: float
    fields: Fields
    max_loss: float
    audit: bool


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_blocks(blocks: Iterable[Block], job: Job, workers: int) -> Iterator[tuple[Block, BlockResult]]:
    """Each block with its result, in input order."""
    worker = _Worker(job)
    blocks = iter(blocks)
    ahead = list(itertools.islice(blocks, 2)) if workers > 1 else []
    if len(ahead) < 2:  # one worker, or one block: starting workers would cost more than it saves
        for block in itertools.chain(ahead, blocks):
            yield block, worker.clean(block)
        return
    if _FORK:
        # The first block is cleaned here, before the fork: the workers inherit the
        # scanner and RE2's automaton as far as that block built it, where each would
        # otherwise build its own from nothing.
        first = ahead.pop(0)
        yield first, worker.clean(first)
        worker.cleaner.prepare()  # built already, unless the block was short
        _flush_standard_streams()
    pending: deque[tuple[Block, Future[BlockResult]]] = deque()
    with contextlib.ExitStack() as stack:
        try:
            # Ctrl-C while the workers are being started would leave some without a
            # manager to stop them, and the parent waiting for them at exit for ever.
            with signals.held():
                pool = stack.enter_context(_pool(job, worker, workers))
                _widen_pipes(pool)
                pending.append((ahead[0], _submit(pool, ahead[0])))  # starts the workers
            for block in itertools.chain(ahead[1:], blocks):
                pending.append((block, _submit(pool, block)))
                if len(pending) >= workers * WINDOW_PER_WORKER:
                    done, future = pending.popleft()
                    yield done, _result(future)
            while pending:
                done, future = pending.popleft()
                yield done, _result(future)
        except BrokenProcessPool as exc:  # from submit, once the pool knows
            raise _died() from exc
        finally:
            for _, future in pending:
                future.cancel()


# fork copies the parent's compiled, warm cleaner into each worker; elsewhere (macOS,
# where fork is unsafe, and Windows, where it does not exist) workers start cold.
_FORK = sys.platform.startswith("linux")


def _pool(job: Job, worker: _Worker, workers: int) -> ProcessPoolExecutor:
    if _FORK:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(worker,))
    # forkserver: workers start from a clean process, not a fork of one that may be running threads
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,))


_PIPE_BYTES = 1 << 20  # Linux's limit for an unprivileged process (/proc/sys/fs/pipe-max-size)


def _widen_pipes(pool: ProcessPoolExecutor) -> None:
    """Make the pipes that carry blocks to the workers and results back hold a whole
    block: through the default 64 KiB, a 1 MiB block took sixteen rounds of
    wake-ups between the two processes, and moving blocks cost a third more CPU
    (the parent's share of it is time its workers wait). The pool's queues are
    private, so this is only attempted: without it the pool still works."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is None:
        return
    try:
        ends = (pool._call_queue._writer, pool._result_queue._reader)  # type: ignore[attr-defined]
        for end in ends:
            fcntl.fcntl(end.fileno(), set_size, _PIPE_BYTES)
    except (AttributeError, OSError):
        pass  # another Python's pool, or a lower limit: the default size, slower


def _flush_standard_streams() -> None:
    """A forked worker flushes sys.stdout and sys.stderr when it exits: whatever the
    parent had buffered in them would be written once more by every worker."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def _result(future: Future[BlockResult]) -> BlockResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise _died() from exc


def _died() -> CleanerError:
    return CleanerError("a worker process died (killed, or out of memory?); the batch stopped")


class _Worker:
    """A compiled cleaner and the job's settings."""

    def __init__(self, job: Job) -> None:
        self.job = job
        translations = UserTranslations()  # the parent builds the scanner: it reads and writes them
        self.cleaner = Cleaner(job.packs, defaults=False, timeout=job.timeout, translations=translations)

    def clean(self, block: Block) -> BlockResult:
        tally = Tally(max_loss=self.job.max_loss, audit=self.job.audit)
        return clean_block(self.cleaner, block.data, block.first_line, self.job.fields, tally)


# The one piece of module state: the worker of *this worker process*, set once by
# the pool's initializer. Worker processes are what holds per-process state here;
# the parent never sets it.
_worker: _Worker | None = None


def _start(job: Job) -> None:
    """Initializer of a worker started cold: compile the packs."""
    _adopt(_Worker(job))


def _adopt(worker: _Worker) -> None:
    """Initializer of every worker: keep ``worker`` (inherited from the parent by fork)."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler, if inherited
    _worker = worker


def _submit(pool: ProcessPoolExecutor, block: Block) -> Future[BlockResult]:
    """Send ``block`` to a worker: where it lies in the input file, if a forked
    worker can read it there (see :class:`~cleaner.jsonl.Span`), else its bytes."""
    if _FORK and block.span is not None:
        return pool.submit(_clean, replace(block, data=b""))
    return pool.submit(_clean, block)


def _clean(block: Block) -> BlockResult:
    assert _worker is not None, "the pool initializer did not run"
    if block.span is not None and not block.data:
        block = replace(block, data=block.span.read())
    return _worker.clean(block)
