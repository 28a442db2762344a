"""The worker pool: input order kept, and the input read only a bounded window ahead
(what keeps memory flat on an endless stream)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

from cleaner.api import Cleaner
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
