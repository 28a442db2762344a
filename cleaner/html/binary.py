"""Files that are no HTML page at all, told by their first bytes (magic numbers).

Every byte string decodes to some text with U+FFFD in it, and trafilatura makes a
"body" of that text: a gzip-compressed page saved as ``.html`` (what ``wget`` or
``curl`` without ``--compressed`` store when a server sends gzip) or an image named
``.html`` came out as a kilobyte of U+FFFD, exit 0 (QA round P, P6). Text mode
refuses a binary file by its NUL bytes, as git does; a page may carry a NUL byte
and still be a page (a stray one in its title), and UTF-16 pages are half NUL
bytes, so here the formats are named by what they start with instead, and the
error says which. A compressed page is refused like the others, not unpacked:
``clean`` reads no compressed file (a ``.txt.gz`` is binary to it too); only
``batch`` reads compressed JSONL, the container of its records.

A magic number that is printable text (``GIF89a``, ``%PDF-``, ``wOFF``) is also how a
sentence may begin ("GIF89a added animation in 1989"): such a file is named only with
a second sign of binary data, a control byte in its first kilobyte (every real GIF and
web font has one there, in its sizes or palette), or for a PDF its binary comment line
or its ``%%EOF`` end (QA round Q, Q13).
"""

from __future__ import annotations

import re

from cleaner.errors import InputError

_COMPRESS_Z = b"\x1f\x9d"  # compress(1), which batch cannot read; the others: io.compression
_FORMATS = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF87a": "a GIF image",
    b"GIF89a": "a GIF image",
    b"II*\x00": "a TIFF image",
    b"MM\x00*": "a TIFF image",
    b"\x00\x00\x01\x00": "an icon (.ico)",
    b"%PDF-": "a PDF document",
    b"PK\x03\x04": "a zip archive (or an office document)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "an old office document",
    b"7z\xbc\xaf\x27\x1c": "a 7z archive",
    b"Rar!\x1a\x07": "a rar archive",
    b"wOFF": "a web font",
    b"wOF2": "a web font",
    b"\x7fELF": "a program (ELF)",
    b"\x00asm": "WebAssembly",
    b"SQLite format 3\x00": "an SQLite database",
}
_TEXT_BYTES = b"\t\n\x0c\r" + bytes(range(0x20, 0x7F)) + bytes(range(0x80, 0x100))
_SECOND_SIGN_BYTES = 1024
# the line a PDF writer puts after the header so that tools take the file for binary
_PDF_BINARY_LINE = re.compile(rb"%PDF-[^\r\n]*(?:\r\n|\r|\n)%[\x80-\xff]{4}")
# Formats whose mark comes after a size field: RIFF containers and ISO media files.
_AT_EIGHT = {b"WEBP": "a WebP image", b"AVI ": "an AVI video", b"WAVE": "a WAV recording"}
_AT_FOUR = {b"ftyp": "a video or image (MP4, MOV, HEIC)"}


def refuse_binary(data: bytes, name: str) -> None:
    """Raise an InputError naming ``name`` if ``data`` is a known binary format."""
    # imported here: io.compression brings gzip, bz2 and lzma, which `import cleaner` need not
    from cleaner.io.compression import readable_compression

    compressed = readable_compression(data) or ("compress (.Z)" if data.startswith(_COMPRESS_Z) else None)
    if compressed is not None:
        raise InputError(
            name, f"is {compressed}-compressed data, not an HTML page: decompress it first; skipped"
        )
    what = binary_format(data)
    if what is not None:
        raise InputError(name, f"is {what}, not an HTML page; skipped")


def binary_format(data: bytes) -> str | None:
    """What ``data`` is, by its first bytes, if a binary format other than compressed
    data; None for anything else."""
    for magic, what in _FORMATS.items():
        if data.startswith(magic):
            return what if not _is_text(magic) or _binary_sign(data) else None
    if data.startswith(b"RIFF") and data[8:12] in _AT_EIGHT:
        return _AT_EIGHT[data[8:12]]
    return _AT_FOUR.get(data[4:8])


def _is_text(magic: bytes) -> bool:
    return magic.isascii() and not magic.translate(None, _TEXT_BYTES)


def _binary_sign(data: bytes) -> bool:
    """A second sign that ``data`` is no text: a control byte (neither tab, newline,
    form feed nor carriage return) in the first kilobyte, a PDF's binary comment line,
    or a PDF's ``%%EOF`` in the last kilobyte."""
    head = data[:_SECOND_SIGN_BYTES]
    return (
        bool(head.translate(None, _TEXT_BYTES))
        or _PDF_BINARY_LINE.match(head) is not None
        or (b"%%EOF" in data[-_SECOND_SIGN_BYTES:])
    )
