"""The worker pool: input order kept, and the input read only a bounded window ahead
(what keeps memory flat on an endless stream)."""

from __future__ import annotations

import itertools
import json
import os
import sys
from collections.abc import Iterator

import pytest

from cleaner import workers
from cleaner.api import Cleaner
from cleaner.errors import CleanerError
from cleaner.jsonl import Block
from cleaner.records import Fields
from cleaner.workers import WINDOW_PER_WORKER, Job, clean_blocks


def _job() -> Job:
    packs = Cleaner(defaults=True).packs
    return Job(packs=tuple(packs), timeout=1.0, fields=Fields(), max_loss=0.5, audit=False)


def _endless(read: list[int]) -> Iterator[Block]:
    """Blocks of one record each, numbered, for as long as anyone asks."""
    for n in itertools.count(1):
        read.append(n)
        text = f"Story {n}.\nFollow us on Twitter for the latest news.\n"
        yield Block(first_line=n, data=(json.dumps({"n": n, "text": text}) + "\n").encode(), position=0)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_endless_stream_is_read_only_a_window_ahead_and_in_order(workers: int) -> None:
    read: list[int] = []
    results = clean_blocks(_endless(read), _job(), workers)
    seen = []
    for block, result in itertools.islice(results, 40):
        seen.append(json.loads(result.output)["n"])
        assert block.first_line == seen[-1]
        assert len(read) <= len(seen) + workers * WINDOW_PER_WORKER
    results.close()  # type: ignore[attr-defined]
    assert seen == list(range(1, 41))


def _blocks(count: int) -> Iterator[Block]:
    for n in range(1, count + 1):
        text = f"Story {n}.\nFollow us on Twitter for the latest news.\n"
        yield Block(first_line=n, data=(json.dumps({"n": n, "text": text}) + "\n").encode(), position=0)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers inherit the patch only by fork")
def test_a_worker_that_dies_stops_the_batch_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    clean = workers._Worker.clean

    def dies_on_block_5(self: workers._Worker, block: Block) -> object:
        if block.first_line == 5 and os.getpid() != parent:
            os._exit(1)  # as the OOM killer would end it
        return clean(self, block)

    parent = os.getpid()
    monkeypatch.setattr(workers._Worker, "clean", dies_on_block_5)
    seen = []
    with pytest.raises(CleanerError, match="a worker process died"):
        for block, _ in clean_blocks(_blocks(20), _job(), 2):
            seen.append(block.first_line)
    assert seen == list(range(1, len(seen) + 1)) and len(seen) <= 4  # in order, none after the lost block
