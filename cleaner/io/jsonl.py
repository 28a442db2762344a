"""JSONL streams at the edges of a batch: blocks of whole lines in, bytes out.

Reading does no per-line work: the input is cut into blocks of about ``BLOCK``
bytes of whole lines, so the parent process of a batch only moves bytes and the
workers split, number, parse and clean. A plain file is not even read by the
parent: it looks for a line break near each block's end and hands on where the
block lies (a :class:`Span`). Reading the blocks and counting their lines, which
its workers then read again, cost the parent of a 2-worker batch of 435 MB
0.3-0.6 s of CPU, time the workers wait for. Compressed input is recognised by
its magic bytes (so ``-`` can be compressed too), output is compressed when its
name says so (:mod:`cleaner.io.compression`). A line longer than ``MAX_LINE`` is
not kept: it comes as a block of its own that says so. Output files are
written atomically: a temporary file beside the target, renamed over it only
when the run gets to the end, so a failed or interrupted run leaves the old file
(or none), never half of a new one. That also makes ``-o IN.jsonl`` safe.
"""

from __future__ import annotations

import codecs
import contextlib
import glob
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleaner.errors import InputError, StreamWriteError, WriteError
from cleaner.io import compression
from cleaner.io.files import CheckedWriter, open_stream, stream_target
from cleaner.io.output import Output

BLOCK = 1 << 20  # bytes per chunk handed to a worker: ~128 documents of 8 KB
# A longer line is an error for that line (its bytes are not kept): a stream with no
# line break must not fill memory. Records of web pages are rarely over 10 MB.
MAX_LINE = 256 << 20
HEAD = 200  # bytes of an over-long line kept for the --errors file
_SNIFF_BYTES = 8000  # where a NUL byte marks a binary file, as git decides
# Windows tools often start a UTF-8 file with a byte-order mark: read past at the start of
# the stream (it belongs to no record, and is not written out), an error on any other line.
_BOM = codecs.BOM_UTF8


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
    ``start`` is where the block begins in the decompressed input: a resumed batch
    starts reading there.

    A line longer than the limit (``max_line``) comes as a block of its own whose
    ``overlong`` is its length; ``data`` then holds only its first ``HEAD`` bytes,
    for the error report, and the rest was never kept.

    A block does not know the number of its first line: that would mean counting
    the lines of every block before it in the parent. Whoever takes the results in
    order numbers them (:meth:`cleaner.records.BlockResult.number_from`)."""

    position: int
    data: bytes = b""
    span: Span | None = None
    start: int = 0
    overlong: int = 0

    @property
    def length(self) -> int:
        if self.overlong:
            return self.overlong
        return self.span.length if self.span is not None else len(self.data)

    @property
    def end(self) -> int:
        """Where the next block begins in the decompressed input."""
        return self.start + self.length

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
def open_input(path: str, *, skip: int = 0, max_line: int = MAX_LINE) -> Iterator[Iterator[Block]]:
    """The blocks of ``path`` (``-``: standard input), decompressed if compressed,
    from ``skip`` bytes into the decompressed input on (the end of a block of an
    earlier run: blocks are cut the same from there). A line longer than
    ``max_line`` bytes is a block of its own (see :class:`Block`)."""
    name = input_name(path)
    raw = sys.stdin.buffer if path == "-" else _open_file(path)
    try:
        head = _peek(raw)
        try:
            format = compression.detect(head)
        except InputError as exc:
            raise InputError(name, exc.problem) from exc
        stream = compression.decompressed(raw, format) if format else raw
        yield _blocks(stream, raw, name, skip, max(max_line, BLOCK))
    finally:
        if raw is not sys.stdin.buffer:
            raw.close()


def _open_file(path: str) -> BinaryIO:
    """``path`` open for reading, if it is a file or a pipe. A named pipe is opened as
    stdin would be, waiting for its writer, and read as a stream; a device such as
    /dev/zero or /dev/urandom never ends, and a folder holds no lines.

    What the path is comes from ``stat``, not from opening it: a pipe opened without
    waiting (to look at it) and closed again loses what a writer that came in between
    wrote, and the open that follows then waits for a writer that has gone."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc
    kind = _not_a_stream(mode)
    if kind is not None:
        raise InputError(path, f"is {kind}, not a file of records; skipped")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc


def _not_a_stream(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def _peek(raw: BinaryIO) -> bytes:
    peek = getattr(raw, "peek", None)
    try:
        return peek(compression.MAGIC_BYTES)[: compression.MAGIC_BYTES] if peek is not None else b""
    except OSError:
        return b""


def _sniff(data: bytes, name: str) -> None:
    """JSON has no raw NUL byte (strings escape it): one among the first bytes means
    a binary file, named once instead of each of its "lines" being a bad record."""
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise InputError(name, "looks like a binary file (NUL bytes), not JSONL; skipped")


def _blocks(stream: BinaryIO, raw: BinaryIO, name: str, skip: int, max_line: int) -> Iterator[Block]:
    plain = _plain_file(stream, raw)
    if plain is not None:
        fd, size = plain
        head = os.pread(fd, _SNIFF_BYTES, 0)
        _sniff(head, name)
        if skip > size:
            raise InputError(name, "is shorter than when the run to resume read it")
        yield from _spans(fd, size, max(skip, len(_BOM) if head.startswith(_BOM) else 0), name, max_line)
    else:
        yield from _Cutter(_Reader(stream, raw, name), max_line).blocks(skip)


class _Reader:
    """Reads a stream (maybe decompressing), naming the file when it breaks."""

    def __init__(self, stream: BinaryIO, raw: BinaryIO, name: str) -> None:
        self.stream, self.raw, self.name = stream, raw, name
        self.sniffed = False

    def read(self) -> bytes:
        try:
            data = self.stream.read(BLOCK)
        except compression.read_errors() as exc:  # a truncated or corrupt compressed stream
            raise InputError(self.name, f"cannot be read: {exc}") from exc
        if not self.sniffed:
            self.sniffed = True
            _sniff(data, self.name)
        return data

    def position(self) -> int:
        return _tell(self.raw)


class _Cutter:
    """Cuts a stream into blocks as :func:`_spans` cuts a file: each ends at the first
    line break at or after ``BLOCK`` bytes from its start, so the cuts depend only on
    where the first block starts, and a resumed run cuts as the first run did.

    Memory stays under ``max_line`` plus two blocks, and time linear, however long
    a line is: each byte is searched for a line break once (``carry += data`` on a
    line with none was quadratic, and unbounded on 6 GB of gzipped zeros)."""

    def __init__(self, reader: _Reader, max_line: int) -> None:
        self.reader = reader
        self.max_line = max_line
        self.buffer = bytearray()
        self.eof = False

    def blocks(self, skip: int) -> Iterator[Block]:
        start = self._skip(skip) if skip else self._skip_bom()
        searched = 0
        while self.buffer or not self.eof:
            cut = self.buffer.find(b"\n", max(BLOCK - 1, searched)) if len(self.buffer) >= BLOCK else -1
            if cut < 0 and not self.eof:
                searched = max(searched, len(self.buffer))
            line_start = self.buffer.rfind(b"\n", 0, min(len(self.buffer), BLOCK - 1)) + 1
            line_end = cut if cut >= 0 else len(self.buffer)
            if line_end - line_start > self.max_line:
                if line_start:
                    yield Block(self.reader.position(), bytes(self.buffer[:line_start]), start=start)
                    start += line_start
                block = self._overlong(line_start, cut, start)
                start += block.overlong
                searched = 0
                yield block
            elif cut >= 0 or self.eof:
                end = cut + 1 if cut >= 0 else len(self.buffer)
                yield Block(self.reader.position(), bytes(self.buffer[:end]), start=start)
                del self.buffer[:end]
                start += end
                searched = 0
            else:
                self._more()

    def _more(self) -> None:
        data = self.reader.read()
        self.eof = not data
        self.buffer += data

    def _skip(self, skip: int) -> int:
        """Drop the first ``skip`` bytes (a resumed run's done blocks), a block at a time."""
        left = skip
        while left > 0:
            self._more()
            if self.eof:
                raise InputError(self.reader.name, "is shorter than when the run to resume read it")
            dropped = min(left, len(self.buffer))
            del self.buffer[:dropped]
            left -= dropped
        return skip

    def _skip_bom(self) -> int:
        """Drop a byte-order mark at the start of the stream (a resumed run skips it
        with the blocks it had done, as the first started after it)."""
        while len(self.buffer) < len(_BOM) and not self.eof:
            self._more()
        if not self.buffer.startswith(_BOM):
            return 0
        del self.buffer[: len(_BOM)]
        return len(_BOM)

    def _overlong(self, line_start: int, cut: int, start: int) -> Block:
        """The over-long line from ``line_start``: its head kept, the rest read
        (and dropped) up to its line break."""
        head = bytes(self.buffer[line_start : line_start + HEAD])
        if cut >= 0:
            length = cut + 1 - line_start
            del self.buffer[: cut + 1]
            return Block(self.reader.position(), head, start=start, overlong=length)
        length = len(self.buffer) - line_start
        self.buffer.clear()
        while not self.eof:
            self._more()
            cut = self.buffer.find(b"\n")
            if cut >= 0:
                length += cut + 1
                del self.buffer[: cut + 1]
                break
            length += len(self.buffer)
            self.buffer.clear()
        return Block(self.reader.position(), head, start=start, overlong=length)


_PROBE = 1 << 16  # bytes read at a time looking for the line break that ends a block


def _spans(fd: int, size: int, start: int, name: str, max_line: int) -> Iterator[Block]:
    """Blocks of the plain file ``fd`` of ``size`` bytes, from ``start`` on, each
    ending at the first line break after ``BLOCK`` bytes (or at the end of the file).
    The parent reads only the bytes it probes for line breaks, and the head of a
    block whose last line may be over-long, to find where that line starts."""
    while start < size:
        end, found = _line_break(fd, start + BLOCK - 1, size, name)
        stop = end - 1 if found else end  # the last line's line break is no part of it
        line_start = start
        if stop - start > max_line:
            head = Span(fd, start, min(BLOCK - 1, size - start), name).read()
            line_start = start + head.rfind(b"\n") + 1
        if stop - line_start > max_line:
            if line_start > start:
                yield Block(line_start, span=Span(fd, start, line_start - start, name), start=start)
            head = Span(fd, line_start, min(HEAD, end - line_start), name).read()
            yield Block(end, head, start=line_start, overlong=end - line_start)
        else:
            yield Block(end, span=Span(fd, start, end - start, name), start=start)
        start = end


def _line_break(fd: int, end: int, size: int, name: str) -> tuple[int, bool]:
    """Where the first line ending at or after ``end`` ends (exclusive), and whether
    it ends with a line break (or with the file)."""
    while end < size:
        probe = Span(fd, end, min(_PROBE, size - end), name).read()
        cut = probe.find(b"\n")
        if cut >= 0:
            return end + cut + 1, True
        end += len(probe)
    return size, False


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
    A name ending in ``.gz``, ``.zst``, ``.xz`` or ``.bz2`` is compressed so
    (:mod:`cleaner.io.compression`)."""
    if str(path) == "-":
        if output is None:
            raise InputError("-", "standard output cannot be used here; give a file name")
        yield output.binary_out
        return
    if stream_target(path):  # /dev/null, a named pipe: written to, never replaced
        yield from _open_stream(path)
        return
    target = Path(os.path.realpath(path))
    _remove_stale(target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(str(path), f"cannot be written: {exc.strerror or exc}") from exc
    written = False  # the caller's block ended: an OSError after it is this file's
    try:
        with os.fdopen(fd, "wb") as raw:
            with compression.writer(raw, compression.output_format(target.name)) as sink:
                yield CheckedWriter(sink, str(path))  # type: ignore[misc]
                written = True
            raw.flush()
            os.fsync(raw.fileno())
        install(tmp, target, str(path))
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if written and isinstance(exc, OSError):  # flushed or closed on a full disk
            raise WriteError(str(path), exc.strerror or str(exc)) from exc
        raise


def _open_stream(path: str | Path) -> Iterator[BinaryIO]:
    written = False  # as in open_output: an OSError after the caller's block is this file's
    form = compression.output_format(str(path))
    try:
        with open_stream(path) as raw, compression.writer(raw, form) as sink:
            yield CheckedWriter(sink, str(path), error=StreamWriteError)  # type: ignore[misc]
            written = True
    except OSError as exc:
        if written or isinstance(exc.__context__, WriteError):  # a full device, a reader gone
            raise StreamWriteError(str(path), exc.strerror or str(exc)) from exc
        raise


def _remove_stale(target: Path) -> None:
    """Remove the temporary files that runs killed while writing ``target`` left
    beside it (``.NAME.PID.*.tmp`` whose process is gone): SIGKILL leaves no
    chance to clean up, and each such run left its whole output behind."""
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for path in target.parent.glob(f"{glob.escape(prefix)}*.tmp"):
            pid = path.name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process: running
        return True
    return True


def install(tmp: str | Path, target: Path, name: str) -> None:
    """Rename the finished file ``tmp`` onto ``target``, with the mode bits of the file it
    replaces (a new file's under the umask); a failure is an InputError naming ``name``."""
    try:
        os.chmod(tmp, mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:  # e.g. the target is a folder
        raise InputError(name, f"cannot be written: {exc.strerror or exc}") from exc


def mode_for(target: Path) -> int:
    """The mode bits of the file being replaced, or a new file's under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def starts_a_line(path: str, offset: int) -> bool:
    """Whether ``offset`` bytes into the input ``path`` is where a line starts (after a
    line break, or at the end): where a resumed run may read on from. Told for a plain
    file, by the one byte before it; a compressed input would have to be read through
    to there, and is taken as it is (its checkpoint's checksum stands for it)."""
    try:
        with open(path, "rb") as handle:
            if compression.detect(_peek(handle)):
                return True
            size = os.fstat(handle.fileno()).st_size
            return 0 < offset <= size and (
                offset == size or os.pread(handle.fileno(), 1, offset - 1) == b"\n"
            )
    except (OSError, InputError):
        return False


def input_identity(path: str) -> tuple[str, int, int, int, int] | None:
    """What tells this input from any other, or a changed one: its real path, size,
    modification time, inode and device; None for stdin and pipes (not resumable)."""
    if path == "-":
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return (os.path.realpath(path), status.st_size, status.st_mtime_ns, status.st_ino, status.st_dev)
