"""Blocks of records read into pages by a pool of processes, results in input order.

The same arrangement as :mod:`cleaner.batch.workers`, for a lighter job: a worker
parses a block's records and keys its lines, the parent counts them. Results are
taken in the order the blocks were read and at most ``WINDOW_PER_WORKER`` blocks
per worker are in flight, so any number of workers counts the same pages in the
same order (the same packs, byte for byte) and memory stays flat. Workers end with
their parent, and are killed when the parent stops on an error or a signal, with
the pieces batch's pool uses. One worker, or
an input of one block, runs in the parent with the same code. On Linux the
workers are forked with the reader (and its suffix list) built, and read a plain
file's blocks themselves; elsewhere they start from a fresh process and are sent
the bytes.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace

from cleaner.batch.workers import flush_standard_streams, stopped_on_error
from cleaner.errors import CleanerError
from cleaner.io import signals
from cleaner.io.jsonl import Block
from cleaner.learn.records import BlockPages, PageReader

WINDOW_PER_WORKER = 2
_FORK = sys.platform.startswith("linux")


def read_blocks(
    blocks: Iterable[Block], reader: PageReader, workers: int
) -> Iterator[tuple[Block, BlockPages]]:
    """Each block with its pages, in input order, problems numbered by input line."""
    line = 1
    with contextlib.closing(_in_order(blocks, reader, workers)) as results:
        for block, result in results:
            result.problems = [replace(p, line=p.line + line - 1) for p in result.problems]
            line += result.lines
            yield block, result


def _in_order(
    blocks: Iterable[Block], reader: PageReader, workers: int
) -> Iterator[tuple[Block, BlockPages]]:
    blocks = iter(blocks)
    ahead = list(itertools.islice(blocks, 2)) if workers > 1 else []
    if len(ahead) < 2:
        for block in itertools.chain(ahead, blocks):
            yield block, reader.read_block(block.read())
        return
    flush_standard_streams()
    pending: deque[tuple[Block, Future[BlockPages]]] = deque()
    window = workers * WINDOW_PER_WORKER
    try:
        with contextlib.ExitStack() as stack:
            # As in batch: Ctrl-C while the workers are being started (by the first
            # submit) would orphan some, or reach one before it ignores Ctrl-C.
            with signals.held():
                pool = stack.enter_context(stopped_on_error(_pool(reader, workers)))
                pending.append((ahead[0], _submit(pool, ahead[0])))
            for block in itertools.chain(ahead[1:], blocks):
                pending.append((block, _submit(pool, block)))
                if len(pending) >= window:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
    except BrokenProcessPool as exc:
        raise CleanerError("a worker process died (killed, or out of memory?); learning stopped") from exc
    # Pages in flight are not cancelled on the way out: see cleaner.batch.workers.


def _pool(reader: PageReader, workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("fork" if _FORK else "forkserver")
    # A worker started from the forkserver is not the parent's child: it watches the forkserver.
    parent = os.getpid() if _FORK else 0
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_adopt, initargs=(reader, parent))


def _submit(pool: ProcessPoolExecutor, block: Block) -> Future[BlockPages]:
    if not _FORK and block.span is not None:  # a fresh process does not have the file open
        block = replace(block, data=block.read(), span=None)
    return pool.submit(_read, block)


# The reader of *this worker process*, set once by the pool's initializer; the
# parent never sets it.
_reader: PageReader | None = None


def _adopt(reader: PageReader, parent: int) -> None:
    """Initializer of every worker: keep ``reader``, and end when the parent does, even
    killed by SIGKILL (``parent`` 0: the process that started this one)."""
    global _reader
    signals.become_worker(parent or os.getppid())
    _reader = reader


def _read(block: Block) -> BlockPages:
    assert _reader is not None, "the pool initializer did not run"
    return _reader.read_block(block.read())
