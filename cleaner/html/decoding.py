"""An HTML page's bytes as text, and what reading them cost.

By its BOM, else its declared charset, else detection (charset-normalizer); or in the
encoding the user gives (``--encoding``), over the page's own word, when a guess went
wrong. Bytes not valid in the encoding used become U+FFFD, as in a browser, and are
counted (:attr:`Decoded.invalid`): a page that lost letters is then named, where it
used to pass for a clean one (QA round P, P1).

It runs in the sandbox's process, within a page's deadline (detection reads the whole
page, more than once); the encoding used and the count come back with the body
(:class:`cleaner.html.page.Page`), and the API puts them on the result. No trafilatura,
lxml or selectolax here: decoding is a job of its own.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

import regex

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
# What browsers do with these labels (WHATWG Encoding): Latin-1 and ASCII pages are
# decoded as windows-1252, and a UTF-16 label inside an ASCII-compatible page is UTF-8.
_ALIASES = {
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
}
_ESCAPED = regex.compile("[\udc80-\udcff]")  # a byte surrogateescape could not decode


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

    A page that declares UTF-8 keeps it even with bad bytes (they become U+FFFD, as in
    a browser, and are counted). A declared
    charset that cannot decode the bytes, or a single-byte charset declared on a page
    whose non-ASCII bytes are valid UTF-8 (a common mislabel), gives way to detection;
    undecodable bytes become U+FFFD as a last resort. Never raises for the bytes; an
    ``encoding`` Python does not know is a LookupError.
    """
    if encoding is not None:
        decoded = _decode(data, codecs.lookup(encoding).name)
        return decoded._replace(text=decoded.text.removeprefix("\ufeff"))
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], name)
    declared = _declared_encoding(data)
    if declared == "utf-8":
        # Even a page with no UTF-8 character at all (a Latin-1 page under a UTF-8
        # template): detection guesses short pages badly (the QA's German page of 332
        # bytes came out as cp775, "Br³cke"), where U+FFFD is counted and said, and
        # --encoding reads the page right.
        return _decode(data, "utf-8")
    if declared is not None:
        text = _try_decode(data, declared)
        if text is not None and not (_is_single_byte(declared) and _is_utf8_text(data)):
            return Decoded(text, declared)
    return _detect(data)


def _decode(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, "replace")
        return Decoded(text, encoding, _invalid_bytes(data, encoding, text))


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
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return _ALIASES.get(name, name)


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _is_single_byte(encoding: str) -> bool:
    """One character per byte: the 128 high bytes decode to 128 characters (a multi-byte
    codec such as Shift JIS or GBK pairs them up)."""
    return len(bytes(range(128, 256)).decode(encoding, "replace")) == 128


def _is_utf8_text(data: bytes) -> bool:
    """Non-ASCII bytes that all decode as UTF-8: almost never an accident."""
    return not data.isascii() and _try_decode(data, "utf-8") is not None


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
