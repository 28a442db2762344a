"""Blocks of records cleaned by a pool of processes, results back in input order.

Each worker compiles the rule packs once, in its initializer, and keeps the
:class:`Cleaner` for every block it is sent. The parent keeps at most
``WINDOW_PER_WORKER`` blocks per worker in flight (submitted but not yet
written), so memory stays flat however long the input stream is: ``Pool.imap``
would read the whole input ahead. One worker runs in the parent process with
the same code, which is what makes ``--workers 1`` and ``--workers N`` write the
same bytes: blocks are cut by the reader, not by the pool, and results are
taken in submission order.

A block's lines are numbered by the worker from 1, and by :func:`clean_blocks`,
which takes the results in order, from where the block starts in the input: the
parent never counts the lines of a block itself (:mod:`cleaner.io.jsonl`).

Workers start warm where the platform allows (Linux): the parent, which has
the packs compiled already, builds the RE2 scanner and forks the workers, which
inherit both. Started cold (from a forkserver), each worker paid ~0.15 s of
imports, ~0.1 s compiling the packs and ~0.45 s building the scanner: on two
workers, a sixth of the run's CPU (issue 5). The parent has no other
thread when it forks (the progress bar draws from the main thread), and the
workers leave signals and the standard streams to the parent. Forked workers also
share memory with the parent, where they leave their blocks' output
(:class:`_Slots`) instead of sending it through the pool's pipe.
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

from cleaner.api import Cleaner
from cleaner.batch.records import BlockResult, Fields, Problem, clean_block
from cleaner.errors import CleanerError
from cleaner.html.limits import HtmlLimits
from cleaner.io import jsonl, signals
from cleaner.io.jsonl import Block
from cleaner.packs.model import Pack
from cleaner.report.ledger import Tally
from cleaner.scan.translations import UserTranslations

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
    html_limits: HtmlLimits = field(default_factory=HtmlLimits)
    report: bool = False  # keep samples for --report


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_blocks(
    blocks: Iterable[Block], job: Job, workers: int, *, first_line: int = 1
) -> Iterator[tuple[Block, BlockResult]]:
    """Each block with its result, in input order, its lines numbered in the input
    from ``first_line`` (a resumed run starts after the lines done)."""
    line = first_line
    with contextlib.closing(_in_order(blocks, job, workers)) as results:
        for block, result in results:
            result.number_from(line)
            line += result.lines
            yield block, result


def _in_order(blocks: Iterable[Block], job: Job, workers: int) -> Iterator[tuple[Block, BlockResult]]:
    worker = _Worker(job)
    blocks = iter(blocks)
    ahead = list(itertools.islice(blocks, 2)) if workers > 1 else []
    if len(ahead) < 2:  # one worker, or one block: starting workers would cost more than it saves
        for block in itertools.chain(ahead, blocks):
            yield block, worker.clean(block)
        return
    window = workers * WINDOW_PER_WORKER
    if _FORK:
        # The first block is cleaned here, before the fork: the workers inherit the
        # scanner and RE2's automaton as far as that block built it, where each would
        # otherwise build its own from nothing.
        first = ahead.pop(0)
        yield first, worker.clean(first)
        worker.cleaner.prepare()  # built already, unless the block was short
        flush_standard_streams()
    pending: deque[tuple[Block, int, Future[_Cleaned]]] = deque()
    with contextlib.ExitStack() as stack:
        if _FORK:
            worker.slots = stack.enter_context(_Slots(window, _SLOT_PER_BLOCK * jsonl.BLOCK))
        try:
            # Ctrl-C while the workers are being started would leave some without a
            # manager to stop them, and the parent waiting for them at exit for ever.
            with signals.held():
                pool = stack.enter_context(stopped_on_error(_pool(job, worker, workers)))
                _widen_pipes(pool)
                pending.append((ahead[0], 0, _submit(pool, ahead[0], 0)))  # starts the workers
            # Block n goes to slot n % window: the slot's last block, n - window, was
            # taken (copied out) before block n was read.
            for n, block in enumerate(itertools.chain(ahead[1:], blocks), 1):
                pending.append((block, n % window, _submit(pool, block, n % window)))
                if len(pending) >= window:
                    done, slot, future = pending.popleft()
                    yield done, _result(future, worker.slots, slot)
            while pending:
                done, slot, future = pending.popleft()
                yield done, _result(future, worker.slots, slot)
        except BrokenProcessPool as exc:  # from submit, once the pool knows
            raise _died() from exc
        # Blocks still in flight are not cancelled on the way out: stopped_on_error kills
        # the workers, and the pool then fails every future it holds. A future cancelled
        # before that made Python 3.11's pool thread die with InvalidStateError (its
        # terminate_broken sets an exception on every future it holds), and that
        # traceback was printed under the "interrupted" message.


# fork copies the parent's compiled, warm cleaner into each worker; elsewhere (macOS,
# where fork is unsafe, and Windows, where it does not exist) workers start cold.
_FORK = sys.platform.startswith("linux")


def _pool(job: Job, worker: _Worker, workers: int) -> ProcessPoolExecutor:
    if _FORK:
        context = multiprocessing.get_context("fork")
        parent = os.getpid()
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(worker, parent))
    # forkserver: workers start from a clean process, not a fork of one that may be running threads
    context = multiprocessing.get_context("forkserver")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(job,))


@contextlib.contextmanager
def stopped_on_error(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """The pool, shut down at the end; on an error or an interrupt its workers are
    killed first: shutting down waits for the blocks in hand, and a block of HTML
    pages may keep a worker for minutes (each page up to ``--html-timeout``).
    ``cleaner learn``'s pool (:mod:`cleaner.learn.workers`) stops the same way."""
    with pool:
        try:
            yield pool
        except BaseException:
            _kill_workers(pool)
            raise


def _kill_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the pool's workers, and let the pool see that they are gone.

    A worker killed while it sends a result larger than the pipe holds (learn's
    pages of a block) leaves the pool's thread that receives results waiting for
    the rest of it, and shutting down waits for that thread: no end of file ever
    came, because the parent holds a copy of the pipe's writing end too. ``learn
    -j2`` hung after Ctrl-C in most tries, its workers left as zombies. The parent
    never writes into that pipe: with its copy closed, a result cut short ends
    the pipe, the pool finds itself broken, fails the blocks in flight and
    reaps its workers. The pool's queues are private: where they differ, the
    workers are still killed."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, AttributeError):
            process.kill()
    with contextlib.suppress(OSError, AttributeError):
        pool._result_queue._writer.close()  # type: ignore[attr-defined]


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


def flush_standard_streams() -> None:
    """A forked worker flushes sys.stdout and sys.stderr when it exits: whatever the
    parent had buffered in them would be written once more by every worker."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


_SLOT_PER_BLOCK = 2  # a slot holds twice a block: cleaned records are rarely longer (JSON spacing may be)
_Cleaned = tuple[BlockResult, int | None]  # a worker's result, and the length of its output in its slot


class _Slots:
    """Memory shared by the parent and its forked workers, where each worker leaves
    the output of the block it cleaned, in the slot the parent chose for it.

    Through the pool's pipe, a block's output was copied four times on its way to
    the parent (pickled, written, read in pieces, unpickled): on a 2-worker batch of
    435 MB the parent's thread that receives results used 0.3-0.37 s of CPU, and
    0.13 s with the slots. Output too long for its slot still goes through the pipe."""

    def __init__(self, count: int, size: int) -> None:
        self._size = size
        # anonymous and shared (mmap's default): what a forked worker writes here the parent sees
        self._memory = mmap.mmap(-1, count * size)

    def __enter__(self) -> _Slots:
        return self

    def __exit__(self, *exc: object) -> None:
        self._memory.close()

    def put(self, slot: int, data: bytes) -> bool:
        """Leave ``data`` in ``slot``, if it fits."""
        if len(data) > self._size:
            return False
        start = slot * self._size
        self._memory[start : start + len(data)] = data
        return True

    def take(self, slot: int, length: int) -> bytes:
        start = slot * self._size
        return self._memory[start : start + length]


def _result(future: Future[_Cleaned], slots: _Slots | None, slot: int) -> BlockResult:
    try:
        result, length = future.result()
    except BrokenProcessPool as exc:
        raise _died() from exc
    if length is not None:
        assert slots is not None, "a worker used a slot the parent does not have"
        result.output = slots.take(slot, length)
    return result


def _died() -> CleanerError:
    return CleanerError("a worker process died (killed, or out of memory?); the batch stopped")


class _Worker:
    """A compiled cleaner and the job's settings."""

    def __init__(self, job: Job) -> None:
        self.job = job
        translations = UserTranslations()  # the parent builds the scanner: it reads and writes them
        self.cleaner = Cleaner(
            job.packs,
            defaults=False,
            timeout=job.timeout,
            translations=translations,
            html_limits=job.html_limits,
        )
        self.slots: _Slots | None = None  # set by the parent, for the workers it forks

    def clean(self, block: Block) -> BlockResult:
        tally = Tally(max_loss=self.job.max_loss, audit=self.job.audit, report=self.job.report)
        if block.overlong:
            return _overlong(block, tally)
        return clean_block(self.cleaner, block.read(), self.job.fields, tally)


def _overlong(block: Block, tally: Tally) -> BlockResult:
    """The result of a line too long to be read: one record that failed, left out."""
    reason = f"line of {block.overlong:,} bytes is longer than --max-line-mb allows; left out"
    tally.fail()
    problem = Problem(1, reason, block.data, passed_through=False)
    return BlockResult(records=1, problems=[problem], tally=tally, lines=1)


# The one piece of module state: the worker of *this worker process*, set once by
# the pool's initializer. Worker processes are what holds per-process state here;
# the parent never sets it.
_worker: _Worker | None = None


def _start(job: Job) -> None:
    """Initializer of a worker started cold: compile the packs. Its parent is the
    forkserver, which ends when the batch does."""
    _adopt(_Worker(job), os.getppid())


def _adopt(worker: _Worker, parent: int) -> None:
    """Initializer of every worker: keep ``worker`` (inherited from the parent by fork),
    and end when ``parent`` does, even killed with SIGKILL."""
    global _worker
    signals.become_worker(parent)
    _worker = worker


def _submit(pool: ProcessPoolExecutor, block: Block, slot: int) -> Future[_Cleaned]:
    """Send ``block`` to a worker, which leaves its output in ``slot`` if it can. A
    forked worker reads a block of a plain file itself (see :class:`~cleaner.io.jsonl.Span`);
    one started cold does not have the file open, and is sent the bytes."""
    if not _FORK and block.span is not None:
        block = replace(block, data=block.read(), span=None)
    return pool.submit(_clean, block, slot)


def _clean(block: Block, slot: int) -> _Cleaned:
    assert _worker is not None, "the pool initializer did not run"
    result = _worker.clean(block)
    if _worker.slots is not None and _worker.slots.put(slot, result.output):
        length, result.output = len(result.output), b""
        return result, length
    return result, None
