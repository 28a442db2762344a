"""HTML in, article body text out: decode, prune, extract.

The only module that imports selectolax, trafilatura or lxml; ``cleaner.api``
imports it lazily, so text mode never pays for them.

1. ``decode_html``: bytes to text (BOM, then the page's declared charset, then
   detection).
2. ``prune_html``: nodes matching the packs' CSS selectors are removed with
   selectolax. No selector lives here: they all come from ``prune`` rules, so a
   new one never needs a Python change.
3. ``extract_body``: trafilatura on the pruned page, offline, with the settings in
   ``_TRAFILATURA`` (chosen by measurement, see there).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

import regex
import trafilatura
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from cleaner.errors import InputError, RuleError

# trafilatura.extract keyword arguments. Measured on the dev pages of
# ../shared/eval (score.py --mode html, shingle F1 of the body):
# - include_comments=False: user comments are not article body; +0.010 F1 on
#   scrapinghub-aeb, +0.010 on l3s-gn1, +0.003 on wcxb.
# - favor_precision / favor_recall / include_tables=False / fast: each wins on one
#   dataset and loses more on another, so trafilatura's balanced defaults stay.
_TRAFILATURA = {
    "include_comments": False,
    "output_format": "txt",
    "with_metadata": False,
}

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


def decode_html(data: bytes) -> str:
    """Text of an HTML page: by its BOM, else its declared charset, else detection.

    A declared charset that cannot decode the bytes, or a single-byte charset declared
    on a page whose non-ASCII bytes are valid UTF-8 (a common mislabel), gives way to
    detection; undecodable bytes become U+FFFD as a last resort.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    declared = _declared_encoding(data)
    if declared is not None:
        text = _try_decode(data, declared)
        if text is not None and not (_is_single_byte(declared) and _is_utf8_text(data)):
            return text
    return _detect(data)


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
    return len("\u00e9".encode(encoding, "replace")) == 1


def _is_utf8_text(data: bytes) -> bool:
    """Non-ASCII bytes that all decode as UTF-8: almost never an accident."""
    return not data.isascii() and _try_decode(data, "utf-8") is not None


def _detect(data: bytes) -> str:
    text = _try_decode(data, "utf-8")
    if text is not None:
        return text
    from charset_normalizer import from_bytes  # a trafilatura dependency

    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", "replace")


def prune_html(html: str, selectors: Sequence[str]) -> str:
    """The page without the nodes that match any of ``selectors`` (CSS), as HTML.

    The page goes through lexbor's HTML5 parser even with no selector: trafilatura
    does better on its serialisation than on the raw markup, which its lxml parser
    sometimes mangles (a dev page it read as empty came out whole; +0.004 shingle F1
    on wcxb, +0.001 on l3s-gn1, no loss elsewhere).
    """
    tree = LexborHTMLParser(html)
    for selector in selectors:
        try:
            nodes = tree.css(selector)
        except SelectolaxError as exc:
            raise RuleError(f"prune selector {selector!r} is not valid CSS ({exc})") from exc
        for node in nodes:
            if node.tag not in ("html", "head", "body"):
                node.decompose()
    return tree.html or ""


def extract_body(
    html: str | bytes,
    *,
    url: str | None = None,
    selectors: Sequence[str] = (),
) -> str:
    """The article body of an HTML page as plain text ('' when nothing is found).

    Bytes are decoded with :func:`decode_html`; nodes matching ``selectors`` are
    removed first. Nothing is fetched: ``url`` only informs trafilatura.
    """
    text = decode_html(html) if isinstance(html, bytes) else html
    if not text.strip():
        return ""
    pruned = prune_html(text, selectors)
    try:
        body = trafilatura.extract(pruned, url=url, **_TRAFILATURA)
    except ValueError as exc:  # lxml refuses some documents (e.g. an XML declaration in a str)
        raise InputError(url or "<html>", f"cannot parse the page as HTML ({exc})") from exc
    return body or ""
