"""Read and write documents on disk, keeping what a rewrite must not change.

A file is decoded into text plus the facts needed to write it back the same way:
its encoding, a byte-order mark, its newline style (LF, CRLF or CR) and whether
it ended with a newline. Writes are atomic: a temporary file in the same folder,
fsync, the original mode bits, then ``os.replace`` onto the real path (through
a symlink, onto its target), so a reader or a crash sees the old file or the
new one, never half of either. SIGINT and SIGTERM are held back while a file is
being replaced and delivered right after, so an interrupted batch leaves no
temporary file behind and every file whole (old or new).

Binary sniffing follows git: a NUL byte in the first 8,000 bytes marks a binary
file, which is skipped. NUL characters later in a file, or anywhere when the
caller says the input is text (``sniff=False``, the CLI's ``--text``), are kept
as ordinary characters.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from cleaner.errors import InputError, StreamWriteError, WriteError
from cleaner.io import signals

_BOM = "\ufeff"
_SNIFF_BYTES = 8000  # git's buffer_is_binary() looks this far
_PIECE = 1 << 20  # characters encoded and written at a time


@dataclass(frozen=True)
class Document:
    """The text of a file (newlines as ``\\n``, no BOM) and how it was stored.

    ``lossy``: some bytes were not valid in the encoding and were replaced
    (``errors="replace"``); writing the text back would lose them.
    """

    text: str
    name: str
    encoding: str = "utf-8"
    newline: str = "\n"
    bom: bool = False
    final_newline: bool = True
    lossy: bool = False

    def render(self, text: str) -> str:
        """``text`` (from the engine) in this file's conventions."""
        return "".join(self._rendered(text))

    def encoded(self, text: str) -> Iterator[bytes]:
        """:meth:`render` encoded, piece by piece: a file is written a piece at a
        time, so no second whole copy of a big file is held, encoded or not."""
        encoder = codecs.getincrementalencoder(self.encoding)()  # one BOM for UTF-16, not one a piece
        for piece in self._rendered(text):
            yield encoder.encode(piece)
        yield encoder.encode("", final=True)

    def _rendered(self, text: str) -> Iterator[str]:
        end = len(text)
        if not self.final_newline:
            while end and text[end - 1] == "\n":
                end -= 1
        if self.bom:
            yield _BOM
        for begin in range(0, end, _PIECE):
            piece = text[begin : min(end, begin + _PIECE)]
            yield piece if self.newline == "\n" else piece.replace("\n", self.newline)


def decode(
    data: bytes, name: str, *, encoding: str = "utf-8", errors: str = "strict", sniff: bool = True
) -> Document:
    """Decode file bytes into a Document; binary (when sniffing) or undecodable data is an InputError."""
    if sniff:
        _refuse_binary(data, name, encoding)
    lossy = False
    try:
        encoding = _with_byte_order(data, encoding)
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if errors != "replace":
            line, column = _position(data[: exc.start].decode(encoding, "replace"))
            raise InputError(
                name,
                f"not valid {encoding}: byte 0x{data[exc.start]:02x} (use --encoding or --errors replace)",
                line=line,
                column=column,
            ) from exc
        text, lossy = data.decode(encoding, "replace"), True
    except LookupError as exc:
        raise InputError(name, f"unknown encoding {encoding!r}") from exc
    return text_document(text, name, encoding=encoding, lossy=lossy)


def _refuse_binary(data: bytes, name: str, encoding: str) -> None:
    if b"\x00" in data[:_SNIFF_BYTES] and not encoding.lower().startswith(("utf-16", "utf-32")):
        wide = wide_unicode(data)
        if wide is not None:  # Windows' "Unicode" text: its NUL bytes are half its characters
            hint = f"read it with --encoding {wide}"
            raise InputError(name, f"saved as {wide.upper()} (it opens with a byte-order mark); {hint}")
        raise InputError(name, "looks like a binary file (NUL bytes); skipped")


def wide_unicode(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` if ``data`` opens with one of their byte-order marks."""
    # UTF-32's marks first: UTF-32 LE's begins with UTF-16 LE's
    return next((family for family in ("utf-32", "utf-16") if data.startswith(_marks(family))), None)


def _marks(family: str) -> tuple[bytes, ...]:
    """The byte-order marks of ``utf-16`` or ``utf-32`` (:data:`_BOMS`)."""
    return tuple(mark for mark, _ in _BOMS[family])


def _position(before: str) -> tuple[int, int]:
    """Line and column (from 1, in characters, lines cut at ``\\n``, ``\\r\\n`` or ``\\r``
    as the engine cuts them) of what follows the text ``before``: a place an editor
    goes to, where a byte offset into the file was easily taken for a column."""
    lines = before.removeprefix(_BOM).replace("\r\n", "\n").replace("\r", "\n")
    return lines.count("\n") + 1, len(lines) - lines.rfind("\n")


_BOMS = {
    "utf-16": ((codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le")),
    "utf-32": ((codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF32_LE, "utf-32-le")),
}


def _with_byte_order(data: bytes, encoding: str) -> str:
    """``utf-16`` or ``utf-32`` made ``-le`` or ``-be`` by the file's BOM (without one:
    the machine's order, as Python reads it). Their codecs take the BOM away on reading
    and always write one: a file without one came back with one. Decoded in a fixed
    order, the BOM stays in the text, is noted like UTF-8's, and written back only if
    it was there."""
    name = codecs.lookup(encoding).name
    if name not in _BOMS:
        return encoding
    for bom, ordered in _BOMS[name]:
        if data.startswith(bom):
            return ordered
    return f"{name}-{'le' if sys.byteorder == 'little' else 'be'}"


def text_document(text: str, name: str, *, encoding: str = "utf-8", lossy: bool = False) -> Document:
    """``text`` as a Document: its BOM, line-end style and final newline noted, its
    line ends made ``\\n``. Also for text that was never a file (a JSONL record's
    field), so that what the engine gives back can be stored as that text was."""
    bom = text.startswith(_BOM)
    if bom:
        text = text[1:]
    newline = _newline_style(text)
    final_newline = text.endswith(("\n", "\r")) or not text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(text, name, encoding, newline, bom, final_newline, lossy)


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    if crlf > lf and crlf >= cr:
        return "\r\n"
    if cr > lf:
        return "\r"
    return "\n"


def read_document(
    path: str | Path, *, encoding: str = "utf-8", errors: str = "strict", sniff: bool = True
) -> Document:
    """Read a file (``-`` for standard input) into a Document."""
    name = str(path)
    data = read_bytes(path, sniff=encoding if sniff else None)
    return decode(data, "<stdin>" if name == "-" else name, encoding=encoding, errors=errors, sniff=sniff)


def read_bytes(path: str | Path, *, sniff: str | None = None, limit: int | None = None) -> bytes:
    """The bytes of a regular file (``-``: all of standard input).

    ``sniff``: the encoding the text is in, when a binary input is to be refused (see
    :func:`decode`). A file is read whole before that; standard input is refused after
    its first 8,000 bytes, so ``< /dev/zero`` is not read until memory runs out.
    ``limit``: standard input longer than this many bytes is an InputError once that
    many are read (an HTML page over ``--html-max-mb``; a file's size is checked later).

    What the file is gets decided before anything is read: a named pipe would
    block until someone writes to it (for ever, in a folder of files), and a device
    such as /dev/zero or /dev/urandom would be read until memory runs out. The
    file is opened without waiting (``O_NONBLOCK``), looked at with ``fstat``, and
    anything but a regular file is an InputError naming it.
    """
    name = str(path)
    if name == "-":
        return _read_stdin(sniff, limit)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(name, exc.strerror or str(exc)) from exc
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(name, f"is {_kind(mode)}, not a regular file; skipped")
        try:
            return handle.read()
        except OSError as exc:
            raise InputError(name, exc.strerror or str(exc)) from exc


def _read_stdin(sniff: str | None, limit: int | None) -> bytes:
    stdin = sys.stdin.buffer
    try:
        head = b""
        while len(head) < _SNIFF_BYTES and (piece := stdin.read(_SNIFF_BYTES - len(head))):
            head += piece
        if sniff is not None and wide_unicode(head) is None:
            # a UTF-16 stream is no /dev/zero: it may be a page (QA round Q, Q7), and if it
            # is text, decode() names the option that reads it
            _refuse_binary(head, "<stdin>", sniff)
        if limit is None:
            return head + stdin.read()
        data = head + stdin.read(max(limit + 1 - len(head), 0))
        if len(data) > limit:
            raise InputError("<stdin>", f"is over {limit:,} bytes; skipped")
        return data
    except MemoryError:
        raise InputError("<stdin>", "is too large to be held in memory") from None


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "a special file"


class Stamp(NamedTuple):
    """What tells a file apart from the same path rewritten by someone else."""

    inode: int
    size: int
    mtime_ns: int


def file_stamp(path: str | Path) -> Stamp | None:
    """The stamp of the file at ``path`` (through symlinks); None if there is none.
    Taken before a file is read, and compared before it is replaced."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return Stamp(status.st_ino, status.st_size, status.st_mtime_ns)


def check_outputs(
    targets: dict[str, str | Path | None], inputs: Iterable[str | Path], *, stdout: str | None = None
) -> None:
    """An InputError, before anything is read or written, for a file a run would write
    (``targets``: the option that names it, and the name) that it cannot: one that is
    one of its ``inputs`` (through links: ``--report page.txt`` would put the review
    page where the article was, even under ``--check``), one named by two options, a
    folder, or one in a folder that does not exist. Found at the end of a long run,
    these cost the run; found first, they cost nothing. ``-`` (standard output) is for
    the option ``stdout`` only (batch's ``-o``): any other would be mixed into the
    results there, dropped, or written as a file called ``-``."""
    seen = {}
    for name in inputs:
        with contextlib.suppress(OSError, ValueError):
            status = os.stat(name)
            if stat.S_ISREG(status.st_mode):
                seen.setdefault((status.st_dev, status.st_ino), f"an input of this run ({name})")
    for option, target in targets.items():
        if target is None or (str(target) == "-" and option == stdout):
            continue
        if str(target) == "-":
            raise InputError("-", f"{option} needs a file name, not '-' (/dev/stdout writes it there)")
        key = _identity(target)
        if key in seen:
            raise InputError(str(target), f"{option} names {seen[key]}; give another file")
        if key is not None:
            seen[key] = f"the file of {option} too"


def _identity(target: str | Path) -> tuple[int, int] | str | None:
    """The file ``target`` names (device and inode, or the real path of one to be made;
    None for a device or a pipe, which two options may both name: ``/dev/null``); an
    InputError if it cannot be written as a file (see :func:`stream_target`)."""
    if stream_target(target):
        return None
    real = Path(os.path.realpath(target))  # where write_atomic will write
    for name in (target, real):  # real: "nosuch/../page.txt" cannot be stat'ed, but is page.txt
        with contextlib.suppress(OSError, ValueError):
            status = os.stat(name)
            return (status.st_dev, status.st_ino)
    if not real.parent.is_dir():
        raise InputError(str(target), f"cannot be written: there is no folder {real.parent}")
    return str(real)


def write_atomic(
    path: str | Path, data: bytes | Iterable[bytes], *, expected: Stamp | None = None, durable: bool = True
) -> None:
    """Replace the file at ``path`` with ``data`` (bytes, or pieces of them), all at
    once, keeping its mode bits, owner, group and extended attributes.

    ``durable=False`` skips the fsync: a reader still sees the old file or the new
    one, but a crash of the machine may lose the new one. For files written by the
    hundred that a rerun writes again (``learn``'s packs: one fsync per pack was 8 s
    of an 11 s run).

    A symlink is followed: its target is rewritten and the link stays a link. A
    read-only file (no write permission for this process) is refused. A
    file with hard links is refused (a WriteError): a new file renamed over one of
    its names would leave the others with the old text, and writing into it in
    place would not be atomic. So is a file whose owner or attributes cannot be
    carried over, and, when ``expected`` is given, one that is no longer that
    :class:`Stamp` (someone else changed it since it was read): it is not overwritten.
    A device or a pipe (``--report /dev/null``) is written to, never replaced
    (:func:`stream_target`).
    """
    if expected is None and stream_target(path):
        _write_stream(path, [data] if isinstance(data, bytes) else data)
        return
    target = Path(os.path.realpath(path))
    with signals.held():
        try:
            old: os.stat_result | None = target.stat()
        except FileNotFoundError:
            old = None
        if old is not None and (not old.st_mode & 0o222 or not os.access(target, os.W_OK)):
            # the rename would get past the file's own permission (as `sed -i` does); a
            # file made read-only (chmod a-w: root may write it, but it was made so to stay)
            # is meant to stay as it is
            raise WriteError(str(path), "it is read-only")
        if old is not None and old.st_nlink > 1:
            raise WriteError(
                str(path), f"it has {old.st_nlink} hard links, whose other names would keep the old text"
            )
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                for piece in [data] if isinstance(data, bytes) else data:
                    handle.write(piece)
                if durable:
                    handle.flush()
                    os.fsync(handle.fileno())
            _keep_metadata(tmp, target, old, str(path))
            if expected is not None and file_stamp(target) != expected:
                raise WriteError(str(path), "it was changed by someone else since it was read")
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def stream_target(path: str | Path) -> bool:
    """Whether ``path`` is written to as a stream rather than replaced: a character
    device or a pipe (``/dev/null``, ``/dev/stdout``, a named pipe). Renaming a new file
    over one would put a file where the device was (as root, in place of /dev/null).
    Any other file that is not a regular file (a folder, a socket) is an InputError.
    The kernel follows the path, so ``/dev/stdout`` on a pipe is that pipe."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    if stat.S_ISREG(mode):
        return False
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    raise InputError(str(path), f"cannot be written: it is {_kind(mode)}")


@contextlib.contextmanager
def open_stream(path: str | Path) -> Iterator[BinaryIO]:
    """A device or a pipe (see :func:`stream_target`) opened for writing, flushed at the
    end of the block; one that cannot be opened is an InputError naming it.

    A pipe whose reader left fails its close too (what was buffered is lost): that
    failure is dropped, so that it neither hides the error already on its way nor ends
    the run as a closed standard output would. The caller turns the OSErrors of its
    writes and of the flush into the error it reports."""
    try:
        fd = os.open(path, os.O_WRONLY)
    except OSError as exc:
        raise InputError(str(path), f"cannot be written: {exc.strerror or exc}") from exc
    raw = os.fdopen(fd, "wb")
    try:
        yield raw
        raw.flush()
    finally:
        with contextlib.suppress(OSError):
            raw.close()


def _write_stream(path: str | Path, pieces: Iterable[bytes]) -> None:
    try:
        with open_stream(path) as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise StreamWriteError(str(path), exc.strerror or str(exc)) from exc


def _keep_metadata(tmp: str, target: Path, old: os.stat_result | None, name: str) -> None:
    """Give the new file ``tmp`` the old file's owner, group, mode bits and extended
    attributes (ACLs and SELinux labels are among them); a new file gets 0o644."""
    if old is None:
        os.chmod(tmp, 0o644)
        return
    new = os.stat(tmp)
    if (new.st_uid, new.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.chown(tmp, old.st_uid, old.st_gid)  # before chmod: chown clears set-id bits
        except PermissionError as exc:
            raise WriteError(name, f"its owner and group cannot be kept ({exc.strerror})") from exc
    os.chmod(tmp, stat.S_IMODE(old.st_mode))
    _copy_xattrs(target, tmp, name)


def _copy_xattrs(source: Path, tmp: str, name: str) -> None:
    if not hasattr(os, "listxattr"):  # not on Linux: nothing to carry over here
        return
    try:
        keys = os.listxattr(source)
    except OSError:  # a file system without them
        return
    for key in keys:
        try:
            value = os.getxattr(source, key)
            with contextlib.suppress(OSError):
                if os.getxattr(tmp, key) == value:  # the folder gave it already (an SELinux label)
                    continue
            os.setxattr(tmp, key, value)
        except OSError as exc:
            raise WriteError(name, f"its extended attribute {key} cannot be kept ({exc.strerror})") from exc


class CheckedWriter:
    """A binary stream whose failed writes (disk full, a disk gone) are a WriteError
    naming the file, not an OSError: a batch's output, audit or errors file that
    cannot be written stops the run with exit 2 and that file's name, where an
    OSError was a traceback (exit 3). Only its writes are checked, so an OSError
    of something else (the standard output gone) is not blamed on this file.
    ``error``: StreamWriteError for a device or a pipe, which keeps no old content."""

    def __init__(self, stream: BinaryIO, name: str, *, error: type[WriteError] = WriteError) -> None:
        self._stream = stream
        self.name = name
        self._error = error

    def write(self, data: bytes) -> int:
        try:
            return self._stream.write(data)
        except OSError as exc:
            raise self._error(self.name, exc.strerror or str(exc)) from exc


def write_document(path: str | Path, document: Document, text: str, *, expected: Stamp | None = None) -> None:
    """Write engine output back to ``path`` in the document's own conventions;
    ``expected``: the file's stamp before it was read (see :func:`write_atomic`).

    A failure (disk full, no permission) is a WriteError naming the file, whose old
    content is still whole. A lossy document is never written: its replaced bytes
    would be gone for good.
    """
    if document.lossy:
        raise WriteError(document.name, f"it has bytes that are not valid {document.encoding}")
    try:
        write_atomic(path, document.encoded(text), expected=expected)
    except OSError as exc:
        raise WriteError(document.name, exc.strerror or str(exc)) from exc
