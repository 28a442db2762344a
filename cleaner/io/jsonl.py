"""JSONL streams at the edges of a batch: blocks of whole lines in, bytes out.

Reading does no per-line work: the input is cut into blocks of about ``BLOCK``
bytes of whole lines, so the parent process of a batch only moves bytes and the
workers split, number, parse and clean. A plain file is not even read by the
parent: it looks for a line break near each block's end and hands on where the
block lies (a :class:`Span`). Reading the blocks and counting their lines, which
its workers then read again, cost the parent of a 2-worker batch of 435 MB
0.3-0.6 s of CPU, time the workers wait for. gzip is recognised by its magic
bytes (so ``-`` can be compressed too); output is compressed when its name ends
in ``.gz``. Output files are written atomically: a temporary file beside the
target, renamed over it only when the run gets to the end, so a failed or
interrupted run leaves the old file (or none), never half of a new one. That also
makes ``-o IN.jsonl`` safe.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleaner.errors import InputError, WriteError
from cleaner.io.files import CheckedWriter
from cleaner.io.output import Output

BLOCK = 1 << 20  # bytes per chunk handed to a worker: ~128 documents of 8 KB
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Span:
    """``length`` bytes at ``offset`` in the open file ``fd``.

    A worker forked after the input was opened has the same file open under the
    same number, and reads its block there itself: sending the bytes through a
    pipe cost the parent and the workers of a 2-worker batch about a tenth of
    their CPU, in the parent's case time its workers waited for.
    """

    fd: int
    offset: int
    length: int
    name: str  # of the file, for errors

    def read(self) -> bytes:
        try:
            data = os.pread(self.fd, self.length, self.offset)
            while len(data) < self.length:  # pread may return less; nothing means the file shrank
                more = os.pread(self.fd, self.length - len(data), self.offset + len(data))
                if not more:
                    raise InputError(self.name, "was cut short while it was being read")
                data += more
        except OSError as exc:
            raise InputError(self.name, f"cannot be read: {exc.strerror or exc}") from exc
        return data


@dataclass(frozen=True)
class Block:
    """Whole lines of the input and how far into the (possibly compressed) input file
    the reader was when the block was cut. The lines are ``data``, or, in a plain
    file, where ``span`` says (``data`` is then empty: :meth:`read` reads them).

    A block does not know the number of its first line: that would mean counting
    the lines of every block before it in the parent. Whoever takes the results in
    order numbers them (:meth:`cleaner.records.BlockResult.number_from`)."""

    position: int
    data: bytes = b""
    span: Span | None = None

    @property
    def length(self) -> int:
        return self.span.length if self.span is not None else len(self.data)

    def read(self) -> bytes:
        """The block's lines: ``data``, or read from the file."""
        return self.data if self.span is None else self.span.read()


def dump_line(value: object) -> bytes:
    """One JSONL line: UTF-8 as is, but ASCII escapes when the value holds lone
    surrogates (JSON input may carry them; UTF-8 cannot)."""
    if _ascii_only(value):
        # The same bytes either way, and json's ASCII encoder is some 2.5 times as
        # fast: a changed record of 8 KB took 38 us to write, a quarter of its batch time.
        return (json.dumps(value) + "\n").encode("ascii")
    text = json.dumps(value, ensure_ascii=False)
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(value) + "\n").encode("ascii")


def _ascii_only(value: object) -> bool:
    """No string in ``value`` (a decoded JSON value) holds a character beyond ASCII
    (``str.isascii`` is a flag lookup). Walked with a stack, not recursion: JSON
    nested as deep as the parser allows must not overflow Python's stack here."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii():
                return False
        elif isinstance(item, dict):
            for key, inner in item.items():
                if not (isinstance(key, str) and key.isascii()):
                    return False
                stack.append(inner)
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return True


def input_name(path: str) -> str:
    return "<stdin>" if path == "-" else path


def input_size(path: str) -> int | None:
    """Size of the input file in bytes (None for stdin or a pipe): the progress total."""
    if path == "-":
        return None
    with contextlib.suppress(OSError):
        if Path(path).is_file():
            return Path(path).stat().st_size
    return None


@contextlib.contextmanager
def open_input(path: str) -> Iterator[Iterator[Block]]:
    """The blocks of ``path`` (``-``: standard input), decompressed if gzip."""
    try:
        raw: BinaryIO = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    try:
        stream = _decompressed(raw)
        yield _blocks(stream, raw, input_name(path))
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _decompressed(raw: BinaryIO) -> BinaryIO:
    peek = getattr(raw, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def _blocks(stream: BinaryIO, raw: BinaryIO, name: str) -> Iterator[Block]:
    plain = _plain_file(stream, raw)
    if plain is not None:
        yield from _spans(*plain, raw.tell(), name)
        return
    carry = b""
    line = 1  # counted only to say where a broken stream broke: blocks carry no numbers
    while True:
        try:
            data = stream.read(BLOCK)
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            raise InputError(name, f"cannot be read: {exc}", line=line) from exc
        if not data:
            break
        cut = data.rfind(b"\n")
        if cut < 0:  # one line longer than a block: keep reading until it ends
            carry += data
            continue
        block = carry + data[: cut + 1]
        carry = data[cut + 1 :]
        yield Block(_tell(raw), block)
        line += block.count(b"\n")
    if carry:
        yield Block(_tell(raw), carry)


_PROBE = 1 << 16  # bytes read at a time looking for the line break that ends a block


def _spans(fd: int, size: int, start: int, name: str) -> Iterator[Block]:
    """Blocks of the plain file ``fd`` of ``size`` bytes, from ``start`` on, each
    ending at the first line break after ``BLOCK`` bytes (or at the end of the file)."""
    while start < size:
        end = start + BLOCK - 1  # where the block's last byte, a line break, may lie
        while end < size:
            probe = Span(fd, end, min(_PROBE, size - end), name).read()
            cut = probe.find(b"\n")
            if cut >= 0:
                end += cut
                break
            end += len(probe)
        end = min(end + 1, size)
        yield Block(end, span=Span(fd, start, end - start, name))
        start = end


def _plain_file(stream: BinaryIO, raw: BinaryIO) -> tuple[int, int] | None:
    """The descriptor and size of the input if it is read as it is from a regular
    file (not decompressed, not a pipe): then its blocks can be read by offset."""
    if stream is not raw:
        return None
    try:
        fd = raw.fileno()
        status = os.fstat(fd)
    except (OSError, ValueError, AttributeError):  # io.UnsupportedOperation is an OSError
        return None
    return (fd, status.st_size) if stat.S_ISREG(status.st_mode) else None


def _tell(raw: BinaryIO) -> int:
    try:
        return raw.tell()
    except OSError:  # a pipe
        return 0


@contextlib.contextmanager
def open_output(path: str | Path, output: Output | None = None) -> Iterator[BinaryIO]:
    """A binary stream for ``path``: ``output``'s stdout for ``-``; otherwise a temporary file in
    the same folder that replaces ``path`` only if the block ends without an error.
    A name ending in ``.gz`` is gzip-compressed (level 6, no timestamp, so the same
    records give the same bytes)."""
    if str(path) == "-":
        if output is None:
            raise InputError("-", "standard output cannot be used here; give a file name")
        yield output.binary_out
        return
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(str(path), f"cannot be written: {exc.strerror or exc}") from exc
    written = False  # the caller's block ended: an OSError after it is this file's
    try:
        with os.fdopen(fd, "wb") as raw:
            if target.name.endswith(".gz"):
                with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=6, mtime=0) as gz:
                    yield CheckedWriter(gz, str(path))  # type: ignore[misc]
                    written = True
            else:
                yield CheckedWriter(raw, str(path))  # type: ignore[misc]
                written = True
            raw.flush()
            os.fsync(raw.fileno())
        _commit(tmp, target, str(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if written and isinstance(exc, OSError):  # flushed or closed on a full disk
            raise WriteError(str(path), exc.strerror or str(exc)) from exc
        raise


def _commit(tmp: str, target: Path, name: str) -> None:
    try:
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:  # e.g. the target is a folder
        raise InputError(name, f"cannot be written: {exc.strerror or exc}") from exc


def _mode_for(target: Path) -> int:
    """The mode bits of the file being replaced, or a new file's under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
