"""Blocks of records cleaned by a pool of processes, results back in input order.

Each worker compiles the rule packs once, in its initializer, and keeps the
:class:`Cleaner` for every block it is sent. The parent keeps at most
``WINDOW_PER_WORKER`` blocks per worker in flight (submitted but not yet
written), so memory stays flat however long the input stream is: ``Pool.imap``
would read the whole input ahead. One worker runs in the parent process with
the same code, which is what makes ``--workers 1`` and ``--workers N`` write the
same bytes: blocks are cut by the reader, not by the pool, and results are
taken in submission order.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from cleaner.api import Cleaner
from cleaner.errors import CleanerError
from cleaner.jsonl import Block
from cleaner.ledger import Tally
from cleaner.records import BlockResult, Fields, clean_block
from cleaner.rules import Pack

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
    if workers <= 1:
        worker = _Worker(job)
        for block in blocks:
            yield block, worker.clean(block)
        return
    # forkserver: workers start from a clean process, not a fork of one that may be
    # running threads (the progress bar's); ~0.1 s to start, once per run.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,)) as pool:
        pending: deque[tuple[Block, Future[BlockResult]]] = deque()
        try:
            for block in blocks:
                pending.append((block, pool.submit(_clean, block)))
                if len(pending) >= workers * WINDOW_PER_WORKER:
                    done, future = pending.popleft()
                    yield done, _result(future)
            while pending:
                done, future = pending.popleft()
                yield done, _result(future)
        finally:
            for _, future in pending:
                future.cancel()


def _result(future: Future[BlockResult]) -> BlockResult:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise CleanerError("a worker process died (killed, or out of memory?); the batch stopped") from exc


class _Worker:
    """A compiled cleaner and the job's settings."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.cleaner = Cleaner(job.packs, defaults=False, timeout=job.timeout)

    def clean(self, block: Block) -> BlockResult:
        tally = Tally(max_loss=self.job.max_loss, audit=self.job.audit)
        return clean_block(self.cleaner, block.data, block.first_line, self.job.fields, tally)


# The one piece of module state: the worker of *this worker process*, set once by
# the pool's initializer. Worker processes are what holds per-process state here;
# the parent never sets it.
_worker: _Worker | None = None


def _start(job: Job) -> None:
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = _Worker(job)


def _clean(block: Block) -> BlockResult:
    assert _worker is not None, "the pool initializer did not run"
    return _worker.clean(block)
