"""An HTML page's bytes as text, and what reading them cost.

By its BOM, else its declared charset, else detection (charset-normalizer); or in the
encoding the user gives (``--encoding``), over the page's own word, when a guess went
wrong. Bytes not valid in the encoding used become U+FFFD, as in a browser, and are
counted (:attr:`Decoded.invalid`): a page that lost letters is then named, where it
used to pass for a clean one (QA round P, P1).

A declared charset is read as a browser reads it (the WHATWG Encoding Standard, whose
table of labels webencodings holds), and kept, not set aside for a guess when a few of
its bytes do not fit: a windows-1252 page with one
stray 0x81 byte was read as ISO-8859-13 or cp1250, every accent of the article changed
and nothing said (QA round Q, Q15). Only a page whose bytes are all valid UTF-8 is read
as UTF-8 over a legacy declaration (a template's label over a UTF-8 body), which reads
every letter as written.

It runs in the sandbox's process, within a page's deadline (detection reads the whole
page, more than once); the encoding used and the count come back with the body
(:class:`cleaner.html.page.Page`), and the API puts them on the result. No trafilatura,
lxml or selectolax here: decoding is a job of its own.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

import regex
import webencodings

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">
# and <?xml version="1.0" encoding="x"?>, within the first bytes of the page.
_DECLARED = regex.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([\w.:-]{1,40})""",
    regex.IGNORECASE,
)
_PRESCAN_BYTES = 8192  # the HTML spec scans 1024; real pages put the meta further down
# Where Python's codec for a WHATWG encoding (webencodings' choice) reads less than a
# browser: WHATWG's GBK decoder is GB18030's (a GB2312 page with one GBK-only character
# is a valid page), and a UTF-16 label found in a page's ASCII-compatible bytes is UTF-8
# (the HTML standard's prescan says so).
_BROWSER_CODECS = {"gbk": "gb18030", "utf-16le": "utf-8", "utf-16be": "utf-8"}
_ESCAPED = regex.compile("[\udc80-\udcff]")  # a byte surrogateescape could not decode
# The bytes 0x80-0x9F that Microsoft's code pages leave undefined (0x81, 0x8D, 0x8F,
# 0x90 and 0x9D in windows-1252; 0x98 in windows-1251) are U+0080-U+009F in a browser
# (the WHATWG index of each windows-* encoding), and Python's codecs refuse them. They
# are told apart after a surrogateescape decoding, where each byte a single-byte codec
# refuses is one surrogate: no error handler registered for the whole process, and no
# codec table copied from Python's encodings package.
_C1_GAPS = {0xDC00 + byte: byte for byte in range(0x80, 0xA0)}


class Decoded(NamedTuple):
    """A page's text, the codec that read it (Python's name), and how many of its bytes
    were not valid there and became U+FFFD."""

    text: str
    encoding: str
    invalid: int = 0


def decode_page(data: bytes, encoding: str | None = None) -> Decoded:
    """The text of an HTML page: in ``encoding`` when given (a BOM then read as the
    codec reads it, any U+FEFF left dropped), else by its BOM, else its declared
    charset, else detection.

    A declared charset is kept, as a browser keeps it, even with bytes not valid in
    it: they become U+FFFD and are counted, and ``--encoding`` reads the page right.
    The one exception is a page whose non-ASCII bytes are all valid UTF-8 under a
    single-byte charset, or under a multi-byte one that cannot read them: a common
    mislabel, read as UTF-8. Never raises for the bytes; an ``encoding`` Python does
    not know is a LookupError.
    """
    if encoding is not None:
        decoded = _decode(data, codecs.lookup(encoding).name)
        return decoded._replace(text=decoded.text.removeprefix("\ufeff"))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name)
    declared = _declared_encoding(data)
    if declared is None:
        return _detect(data)
    decoded = _decode(data, declared)
    if declared != "utf-8" and (decoded.invalid or _is_single_byte(declared)):
        text = _utf8_text(data)
        if text is not None:
            return Decoded(text, "utf-8")
    return decoded


def _decode(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        if _is_single_byte(encoding):
            return _decode_single_byte(data, encoding)
        text = data.decode(encoding, "replace")
        return Decoded(text, encoding, _invalid_bytes(data, encoding, text))


def _decode_single_byte(data: bytes, encoding: str) -> Decoded:
    """A single-byte page as a browser reads it: an undefined byte 0x80-0x9F is the
    control character of its number (:data:`_C1_GAPS`), any other becomes U+FFFD."""
    text = data.decode(encoding, "surrogateescape").translate(_C1_GAPS)
    invalid = len(_ESCAPED.findall(text))
    return Decoded(_ESCAPED.sub("\ufffd", text) if invalid else text, encoding, invalid)


def _invalid_bytes(data: bytes, encoding: str, replaced: str) -> int:
    """How many bytes ``encoding`` could not decode: surrogateescape keeps each as a lone
    surrogate (``replace`` makes one U+FFFD of a run of them). A codec that finds an
    invalid byte under 0x80 (UTF-16's odd last one) refuses that: its U+FFFDs are counted."""
    try:
        escaped = data.decode(encoding, "surrogateescape")
    except UnicodeDecodeError:
        return replaced.count("\ufffd")
    return len(_ESCAPED.findall(escaped))


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARED.search(data[:_PRESCAN_BYTES])
    if match is None:
        return None
    label = (match.group(1) or match.group(2)).decode("ascii", "replace")
    found = webencodings.lookup(label)  # a browser's reading of the label, or None
    if found is None:
        return None
    try:  # webencodings' own x-user-defined codec is none of Python's
        return codecs.lookup(_BROWSER_CODECS.get(found.name, found.codec_info.name)).name
    except LookupError:
        return None


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_single_byte(encoding: str) -> bool:
    """One character per byte: the 128 high bytes decode to 128 characters, most of
    them real ones (a multi-byte codec such as Shift JIS or GBK pairs them up; UTF-8,
    UTF-7 and ISO-2022 refuse each of them alone, 128 U+FFFD)."""
    text = bytes(range(128, 256)).decode(encoding, "replace")
    return len(text) == 128 and text.count("\ufffd") < 64


def _utf8_text(data: bytes) -> str | None:
    """The text of ``data`` when its non-ASCII bytes all decode as UTF-8 (almost never an
    accident), decoded once; None for ASCII or anything else."""
    return None if data.isascii() else _try_decode(data, "utf-8")


def _detect(data: bytes) -> Decoded:
    text = _try_decode(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    # Chosen for its guess of legacy charsets from the bytes alone (trafilatura, which
    # depends on it, guesses with it too); imported here, on the pages that need it.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return Decoded(str(best), codecs.lookup(best.encoding).name)
    return _decode(data, "utf-8")
