"""The worker pool: input order kept, and the input read only a bounded window ahead
(what keeps memory flat on an endless stream)."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cleaner.api import Cleaner
from cleaner.batch import workers
from cleaner.batch.records import Fields
from cleaner.batch.workers import WINDOW_PER_WORKER, Job, clean_blocks
from cleaner.errors import CleanerError
from cleaner.io import jsonl
from cleaner.io.jsonl import Block


def _job() -> Job:
    packs = Cleaner(defaults=True).packs
    return Job(packs=tuple(packs), timeout=1.0, fields=Fields(), max_loss=0.5, audit=False)


def _endless(read: list[int]) -> Iterator[Block]:
    """Blocks of one record each, numbered, for as long as anyone asks."""
    for n in itertools.count(1):
        read.append(n)
        text = f"Story {n}.\nFollow us on Twitter for the latest news.\n"
        yield Block(position=0, data=(json.dumps({"n": n, "text": text}) + "\n").encode())


def _n(block: Block) -> int:
    return json.loads(block.data)["n"]


@pytest.mark.parametrize("workers", [1, 2])
def test_an_endless_stream_is_read_only_a_window_ahead_and_in_order(workers: int) -> None:
    read: list[int] = []
    results = clean_blocks(_endless(read), _job(), workers)
    seen = []
    for block, result in itertools.islice(results, 40):
        seen.append(json.loads(result.output)["n"])
        assert _n(block) == seen[-1]
        assert len(read) <= len(seen) + workers * WINDOW_PER_WORKER
    results.close()  # type: ignore[attr-defined]
    assert seen == list(range(1, 41))


def _blocks(count: int) -> Iterator[Block]:
    for n in range(1, count + 1):
        text = f"Story {n}.\nFollow us on Twitter for the latest news.\n"
        yield Block(position=0, data=(json.dumps({"n": n, "text": text}) + "\n").encode())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only by fork")
def test_a_worker_that_dies_stops_the_batch_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    clean = workers._Worker.clean

    def dies_on_block_5(self: workers._Worker, block: Block) -> object:
        if _n(block) == 5 and os.getpid() != parent:
            os._exit(1)  # as the OOM killer would end it
        return clean(self, block)

    parent = os.getpid()
    monkeypatch.setattr(workers._Worker, "clean", dies_on_block_5)
    seen = []
    with pytest.raises(CleanerError, match="a worker process died"):
        for block, _ in clean_blocks(_blocks(20), _job(), 2):
            seen.append(_n(block))
    assert seen == list(range(1, len(seen) + 1)) and len(seen) <= 4  # in order, none after the lost block


def _sized(count: int) -> Iterator[Block]:
    """Blocks of one record each, of sizes from a few dozen bytes to a few kilobytes."""
    for n in range(1, count + 1):
        text = f"Story {n}.\n" + "word " * (n * 9) + "\nFollow us on Twitter for the latest news.\n"
        yield Block(position=0, data=(json.dumps({"n": n, "text": text}) + "\n").encode())


def test_outputs_come_back_whole_and_in_order_whether_or_not_they_fit_a_slot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forked workers leave their output in shared memory; what does not fit goes by pipe."""
    monkeypatch.setattr(jsonl, "BLOCK", 300)  # slots of 600 bytes
    one = [result.output for _, result in clean_blocks(_sized(60), _job(), 1)]
    two = [result.output for _, result in clean_blocks(_sized(60), _job(), 2)]
    assert two == one
    assert [json.loads(output)["n"] for output in one] == list(range(1, 61))
    assert min(map(len, one)) < 600 < max(map(len, one))
    assert all("Twitter" not in json.loads(output)["text"] for output in one)


def test_workers_started_cold_are_sent_the_bytes_of_a_plain_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where workers are not forked (macOS, Windows) they do not have the input open:
    the parent reads each block for them, and they send their output back by pipe."""
    monkeypatch.setattr(jsonl, "BLOCK", 300)
    source = tmp_path / "in.jsonl"
    source.write_bytes(b"".join(block.data for block in _sized(30)))

    def outputs(workers: int) -> list[bytes]:
        with jsonl.open_input(str(source)) as blocks:
            return [result.output for _, result in clean_blocks(blocks, _job(), workers)]

    one = outputs(1)
    monkeypatch.setattr(workers, "_FORK", False)
    assert outputs(2) == one
    assert [json.loads(line)["n"] for line in b"".join(one).splitlines()] == list(range(1, 31))


_HALF_SENT = """
import multiprocessing, os, signal, struct
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import wait
from cleaner.batch.workers import stopped_on_error

def send_half_and_die(fd):
    # a result announced as 1 MiB, 100 bytes of it written, then the worker is gone
    os.write(fd, struct.pack("!i", 1 << 20) + b"x" * 100)
    os.kill(os.getpid(), signal.SIGKILL)

pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
try:
    with stopped_on_error(pool):
        pool.submit(send_half_and_die, pool._result_queue._writer.fileno())
        wait([p.sentinel for p in pool._processes.values()])
        raise RuntimeError("stopped")
except RuntimeError:
    print("stopped")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks a worker")
def test_a_pool_whose_worker_died_halfway_through_a_result_still_stops() -> None:
    """Its thread that receives results waited for the rest of it for ever, and the
    pool's shutdown for that thread: ``learn -j2`` hung after Ctrl-C. Run apart, so
    that a hang fails the test rather than the suite (the timeout is that guard)."""
    run = subprocess.run([sys.executable, "-c", _HALF_SENT], capture_output=True, text=True, timeout=60)
    assert run.stdout == "stopped\n", run.stderr
