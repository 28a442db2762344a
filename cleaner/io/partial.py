"""Output files of a batch that outlive the batch: written beside their target,
kept when the run is killed, taken up again by the next run.

A file of a run is written to ``.NAME.partial`` beside its target, a block at a
time (compressed blocks as complete members, see :mod:`cleaner.io.compression`),
and renamed onto the target only when the run gets to the end, so the target is
the old file or the whole new one, as before. What the run has done so far is
described in ``.NAME.resume`` beside the output (a :class:`Checkpoint`),
replaced after each block, once that block's bytes are in the partial files. A
run killed at any point (SIGKILL, the OOM killer, a reboot of the machine that
does not lose what the kernel had been given) leaves a checkpoint whose sizes the
partial files have at least; the next run checks their bytes up to those sizes
against the CRC-32 it records, cuts them back there and goes on. Bytes a disk never
wrote because the machine lost power are not covered: the files are synced only at
the end.

Each partial file is locked (``flock``) while a run writes it: a second run on
the same output is refused rather than mixed in, and a lock left by a killed run
goes with its process.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no locks, and a second run on the same output is not caught
    fcntl = None  # type: ignore[assignment]

from cleaner.errors import InputError, StreamWriteError, WriteError
from cleaner.io import compression
from cleaner.io.files import stream_target
from cleaner.io.jsonl import install


class Partial:
    """One output file being written beside its target."""

    def __init__(self, target: str | Path) -> None:
        self.name = str(target)
        self.target = Path(os.path.realpath(target))
        self.path = self.target.parent / f".{self.target.name}.partial"
        self._compress = compression.compressor(compression.output_format(self.target.name))
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise InputError(self.name, f"cannot be written: {exc.strerror or exc}") from exc
        self._handle = os.fdopen(fd, "r+b")
        self._crc = 0  # of the bytes written so far (zlib.crc32: damage, not an adversary)
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                self._handle.close()
                raise InputError(
                    self.name, "is being written by another run; try again when it ends"
                ) from exc

    def start_at(self, size: int, crc: int | None = None) -> bool:
        """Go on from ``size`` bytes (0: from nothing); False if the file is shorter, or
        if its first ``size`` bytes are not those the checkpoint saw (``crc``): a partial
        file changed since, by a tool or a damaged disk, would end up in the output."""
        self._handle.seek(0, os.SEEK_END)
        if self._handle.tell() < size:
            return False
        self._handle.seek(0)
        self._crc, left = 0, size
        while left:
            chunk = self._handle.read(min(left, 1 << 20))
            self._crc, left = zlib.crc32(chunk, self._crc), left - len(chunk)
        if crc is not None and crc != self._crc:
            return False
        self._handle.truncate(size)
        self._handle.seek(size)
        return True

    def write(self, data: bytes) -> None:
        if data:
            packed = self._compress(data)
            try:
                self._handle.write(packed)
            except OSError as exc:  # disk full, quota: the target keeps its old content
                raise self._failed(exc) from exc
            self._crc = zlib.crc32(packed, self._crc)

    def crc(self) -> int:
        """The CRC-32 of the bytes written so far: what a checkpoint records with the size."""
        return self._crc

    def size(self) -> int:
        """Bytes written so far, handed to the kernel: what a checkpoint may count on."""
        self._flush()
        return self._handle.tell()

    def _flush(self) -> None:
        try:
            self._handle.flush()
        except OSError as exc:
            raise self._failed(exc) from exc

    def _failed(self, exc: OSError) -> WriteError:
        return WriteError(self.name, exc.strerror or str(exc))

    def commit(self) -> None:
        """Replace the target with the finished file."""
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise InputError(self.name, f"cannot be written: {exc.strerror or exc}") from exc
        install(self.path, self.target, self.name)

    def discard(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)

    def close(self) -> None:
        """Close the file; what it still buffered after a failed write (a full disk) fails
        again here, and is dropped: the error that stops the run is already on its way."""
        with contextlib.suppress(OSError):
            self._handle.close()


class Streamed(Partial):
    """An output that is a device or a pipe (``-o /dev/null``, ``-o /dev/stdout``, a named
    pipe), written to as it goes: no partial file beside it, no rename over it, no lock,
    and nothing to take up again (a checkpoint counts none of its bytes).

    A failed write is a StreamWriteError naming it (``/dev/full``). ``reader_may_leave``
    (the batch's own output, as ``-o -``): a pipe whose reader went away
    (``-o /dev/stdout | head -1``) raises BrokenPipeError, which ends the run quietly."""

    def __init__(self, target: str | Path, *, reader_may_leave: bool = False) -> None:
        self.name = str(target)
        self.reader_may_leave = reader_may_leave
        self._crc = 0
        self.target = self.path = Path(target)
        self._compress = compression.compressor(compression.output_format(self.target.name))
        try:
            self._handle = os.fdopen(os.open(self.path, os.O_WRONLY), "wb")
        except OSError as exc:
            raise InputError(self.name, f"cannot be written: {exc.strerror or exc}") from exc

    def start_at(self, size: int, crc: int | None = None) -> bool:
        return size == 0

    def crc(self) -> int:
        return 0

    def size(self) -> int:
        self._flush()
        return 0

    def commit(self) -> None:
        self._flush()

    def _failed(self, exc: OSError) -> WriteError:
        if isinstance(exc, BrokenPipeError) and self.reader_may_leave:
            raise exc
        return StreamWriteError(self.name, exc.strerror or str(exc))

    def discard(self) -> None:
        pass


def output_file(target: str | Path, *, reader_may_leave: bool = False) -> Partial:
    """The run's file for ``target``: written beside it and renamed onto it at the end,
    or, for a device or a pipe, written to as it goes (:func:`stream_target`; see
    :class:`Streamed` for ``reader_may_leave``)."""
    if stream_target(target):
        return Streamed(target, reader_may_leave=reader_may_leave)
    return Partial(target)


class Checkpoint:
    """``.NAME.resume`` beside the output: a JSON object, replaced whole each time, with
    a SHA-256 of its own content. A checkpoint damaged in any way (a disk error, a sync
    tool, a hand edit: an offset moved into the middle of a record) no longer matches
    it, and is not trusted: a run taken up from a wrong offset would lose records."""

    def __init__(self, target: str | Path) -> None:
        real = Path(os.path.realpath(target))
        self.path = real.parent / f".{real.name}.resume"

    def load(self) -> dict[str, Any] | None:
        """What the last run recorded, or None (none, not readable, or not what was
        written: start over)."""
        try:
            state = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if not isinstance(state, dict) or state.pop(_CHECK, None) != _checksum(state):
            return None
        return state

    def save(self, state: dict[str, Any]) -> None:
        """Replace the checkpoint (a file of its own, renamed: never half-written)."""
        tmp = self.path.with_name(self.path.name + ".new")
        try:
            tmp.write_bytes(json.dumps({**state, _CHECK: _checksum(state)}).encode("utf-8"))
            os.replace(tmp, self.path)
        except OSError as exc:  # disk full: the last checkpoint stands
            raise WriteError(str(self.path), exc.strerror or str(exc)) from exc

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)


_CHECK = "sha256"


def _checksum(state: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(state, sort_keys=True).encode("utf-8")).hexdigest()
