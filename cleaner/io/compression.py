"""Compressed JSONL as users have it: gzip, zstd, xz and bz2, told apart by content.

Input is recognised by its first bytes (its magic number), never by its name, so
``-`` can be compressed too and a misnamed file still reads. gzip, xz and bz2
come from the standard library; zstd from ``zstandard`` (the reference library's
own bindings). A known archive or compressed format that none of them reads (zip,
7z, lz4, ...) is an error that names it, rather than a flood of "not valid
UTF-8" lines.

Output is compressed when its name says so (``.gz``, ``.zst``, ``.xz``, ``.bz2``)
and written as one member (frame, stream) per call: each is complete, so a file
cut after any of them still decompresses, which is what lets a killed batch
resume where its last block ended (every decompressor reads members one after
another). The same records give the same bytes (gzip has no timestamp).
"""

from __future__ import annotations

import bz2
import contextlib
import gzip
import lzma
from collections.abc import Callable
from typing import BinaryIO

from cleaner.errors import InputError

MAGIC_BYTES = 8  # enough for every magic number below

_READERS: dict[bytes, str] = {
    b"\x1f\x8b": "gzip",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"\xfd7zXZ\x00": "xz",
    b"BZh": "bz2",
}
_UNREADABLE: dict[bytes, str] = {
    b"PK\x03\x04": "a zip archive",
    b"7z\xbc\xaf\x27\x1c": "a 7z archive",
    b"\x04\x22\x4d\x18": "lz4-compressed",
    b"\x89LZO": "lzop-compressed",
    b"\x5d\x00\x00": "lzma-compressed (legacy .lzma)",
    b"Rar!": "a rar archive",
    b"\x1f\x9d": "compress(1)-compressed (.Z)",
}
_SUFFIXES = {".gz": "gzip", ".zst": "zstd", ".xz": "xz", ".bz2": "bz2"}
# How output is compressed, one member at a time or as a stream: the same settings, so
# the same records give the same bytes either way (gzip: no timestamp).
_GZIP = {"compresslevel": 6, "mtime": 0}
_ZSTD_LEVEL = 3


def detect(head: bytes) -> str | None:
    """The compression of a stream starting with ``head`` that can be read, or None
    if it is not compressed; a format that cannot be read is an InputError (no name:
    the caller names the file)."""
    name = readable_compression(head)
    if name is not None:
        return name
    for magic, what in _UNREADABLE.items():
        if head.startswith(magic):
            raise InputError("", f"is {what}, which cannot be read: use plain, gzip, zstd, xz or bz2 JSONL")
    return None


def readable_compression(head: bytes) -> str | None:
    """The compression (gzip, zstd, xz, bz2) a stream starting with ``head`` is in, by its
    magic number; None for any other bytes."""
    return next((name for magic, name in _READERS.items() if head.startswith(magic)), None)


def decompressed(raw: BinaryIO, format: str) -> BinaryIO:
    """A stream of the decompressed bytes of ``raw`` (all members, one after another)."""
    if format == "gzip":
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if format == "xz":
        return lzma.LZMAFile(raw)  # type: ignore[return-value]
    if format == "bz2":
        return bz2.BZ2File(raw)  # type: ignore[return-value]
    return _ZstdFrames(raw)  # type: ignore[return-value]


# Compressed bytes given to zstd at a time. zstd makes up to about 32,000 bytes of
# one (a run of one byte), so one call's output stays under 2 MB even on a "bomb" of
# a single long line. Measured: 90 MB of JSONL read in 0.13 s (0.14 s with zstandard's
# stream_reader), a 600 MB line of one letter in a peak of 298 MB (293 MB).
_ZSTD_FEED = 64


class _ZstdFrames:
    """The decompressed bytes of a zstd stream, frame after frame, like a file's ``read``;
    a stream that ends inside a frame raises EOFError (as gzip, xz and bz2 do).

    zstandard's ``stream_reader`` (and ``read_to_iter``) return ``b""`` when the input
    ends, whether or not its frame was complete: a cut file read as a shorter, valid one.
    A ``decompressobj`` decodes one frame and says when it is whole (``eof``), handing
    on the bytes after it (``unused_data``) for the next frame's. A stream cut exactly
    between two frames is a valid zstd stream of fewer frames (``zstd -t`` accepts it
    too): nothing in it tells that more was meant to follow."""

    def __init__(self, raw: BinaryIO) -> None:
        import zstandard  # only when a zstd stream comes

        self._raw = raw
        self._context = zstandard.ZstdDecompressor()
        self._frame = self._context.decompressobj()
        self._in_frame = False  # bytes of the current frame were given, its end not yet seen
        self._out = b""
        self._at = 0

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` decompressed bytes (fewer at times); ``b""`` at the end."""
        while self._at >= len(self._out):
            if not self._decompress_more():
                return b""
        end = len(self._out) if size < 0 else self._at + size
        data = self._out[self._at : end]
        self._at += len(data)
        return data

    def _decompress_more(self) -> bool:
        data = self._raw.read(_ZSTD_FEED)
        if not data:
            if self._in_frame:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")
            return False
        pieces = []
        while data:
            self._in_frame = True
            pieces.append(self._frame.decompress(data))
            if not self._frame.eof:
                break
            data = self._frame.unused_data  # the start of the next frame, if any
            self._frame = self._context.decompressobj()
            self._in_frame = False
        self._out, self._at = b"".join(pieces), 0
        return True


def read_errors() -> tuple[type[BaseException], ...]:
    """What a corrupt or truncated compressed stream raises when read."""
    errors: list[type[BaseException]] = [OSError, EOFError, lzma.LZMAError]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - a dependency
        pass
    return tuple(errors)


def output_format(name: str) -> str | None:
    """The compression an output file's name asks for, or None."""
    for suffix, format in _SUFFIXES.items():
        if name.endswith(suffix):
            return format
    return None


def compressor(format: str | None) -> Callable[[bytes], bytes]:
    """A function turning bytes into one complete member of ``format`` (or leaving them)."""
    if format is None:
        return _same
    if format == "gzip":
        return lambda data: gzip.compress(data, **_GZIP)
    if format == "xz":
        return lzma.compress
    if format == "bz2":
        return bz2.compress
    import zstandard

    return zstandard.ZstdCompressor(level=_ZSTD_LEVEL).compress


def _same(data: bytes) -> bytes:
    return data


def writer(raw: BinaryIO, format: str | None) -> contextlib.AbstractContextManager[BinaryIO]:
    """A stream compressing into ``raw`` (left open), as one member, finished on exit."""
    if format is None:
        return contextlib.nullcontext(raw)
    if format == "gzip":
        return gzip.GzipFile(filename="", mode="wb", fileobj=raw, **_GZIP)  # type: ignore[return-value]
    if format == "xz":
        return lzma.LZMAFile(raw, mode="wb")  # type: ignore[return-value]
    if format == "bz2":
        return bz2.BZ2File(raw, mode="wb")  # type: ignore[return-value]
    import zstandard

    return zstandard.ZstdCompressor(level=_ZSTD_LEVEL).stream_writer(raw, closefd=False)  # type: ignore[return-value]
