"""Where a batch got to, so that a killed run goes on from there (datatrove keeps the
tasks it completed and skips them on a rerun; here the unit is a block).

After each block, in input order, the run records how far into the decompressed
input it is, how many lines it has passed, its counts and statistics, and the size
and CRC-32 of each of its partial files (:mod:`cleaner.io.partial`). A rerun with the same
input, options and packs (the same :func:`run_digest`) cuts the partial files back
to those sizes and reads on from that offset: the input is cut into the same
blocks from there (:mod:`cleaner.io.jsonl`), each record is cleaned alone, and so
the files come out byte for byte as an uninterrupted run writes them. Only the
blocks in flight when the run died are cleaned again.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.metadata
import json
from dataclasses import dataclass, field
from typing import Any

from cleaner.report.stats import RuleCount, Stats

_VERSION = 2  # of the checkpoint's layout (2: the partial files' CRC-32)


@dataclass
class Done:
    """What the blocks done so far amount to."""

    offset: int = 0  # bytes of decompressed input
    lines: int = 0
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    stats: Stats = field(default_factory=Stats)
    sizes: dict[str, int] = field(default_factory=dict)  # bytes in each partial file, by role
    crcs: dict[str, int] = field(default_factory=dict)  # CRC-32 of those bytes, by role

    def to_json(self, digest: str) -> dict[str, Any]:
        state = dataclasses.asdict(self)
        state["stats"]["rules"] = list(state["stats"]["rules"].items())  # keep their order
        return {"version": _VERSION, "digest": digest, **state}

    @classmethod
    def from_json(cls, state: dict[str, Any], digest: str) -> Done | None:
        """The state a checkpoint holds, if it was written by a run of the same digest."""
        if state.get("version") != _VERSION or state.get("digest") != digest:
            return None
        try:
            stats = dict(state["stats"])
            rules = {rule_id: RuleCount(**count) for rule_id, count in stats.pop("rules")}
            return cls(
                offset=int(state["offset"]),
                lines=int(state["lines"]),
                changed=int(state["changed"]),
                unchanged=int(state["unchanged"]),
                failed=int(state["failed"]),
                stats=Stats(**stats, rules=rules),
                sizes={str(role): int(size) for role, size in state["sizes"].items()},
                crcs={str(role): int(crc) for role, crc in state["crcs"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def run_digest(identity: object, settings: object) -> str:
    """A digest of the input's identity (path, size, modification time, inode) and of
    every setting that shapes the output: a checkpoint of another run never matches."""
    try:
        version = importlib.metadata.version("cleaner")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        version = "unknown"
    text = json.dumps([version, repr(identity), repr(settings)])
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
