"""HTML in, article body text out: decode, prune, extract.

With :mod:`cleaner.html.prune`, the only module that imports selectolax, trafilatura
or lxml; ``cleaner.api`` imports it lazily, so text mode never pays for them.

1. ``decode_html``: bytes to text (BOM, then the page's declared charset, then
   detection).
2. ``prune_page`` (:mod:`cleaner.html.prune`): nodes matching the packs' CSS selectors
   are removed, and each one that held text is reported.
3. ``extract_page``: trafilatura on the pruned page, offline, with the settings in
   ``_TRAFILATURA`` (chosen by measurement, see there); a body that repeats itself is
   replaced by trafilatura's own extraction, without its fallbacks (``_extract_text``).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

import regex
import trafilatura

from cleaner.errors import InputError
from cleaner.html.page import Page, Prune
from cleaner.html.prune import prune_page
from cleaner.html.prune import selector_error as selector_error  # what ``rules check`` asks html_support()

# trafilatura.extract keyword arguments, chosen on the dev pages of ../shared/eval
# (shingle F1 of the body on scrapinghub-aeb / l3s-gn1 / wcxb; snippet F1 on
# trafilatura-eval); the first row is the raw page, the others go through the lexbor
# round trip below:
#   defaults                 0.952 / 0.902 / 0.925 / 0.917
#   include_comments=False   0.963 / 0.912 / 0.932 / 0.922   <- kept
#   ... + favor_precision    0.961 / 0.902 / 0.928 / 0.919
#   ... + favor_recall       0.963 / 0.904 / 0.932 / 0.917
#   ... + fast               0.971 / 0.891 / 0.922 / 0.926
#   ... + deduplicate        0.946 / 0.912 / 0.932 / 0.918
#   ... + include_tables=False (without the round trip) 0.963 / 0.914 / 0.916 / 0.911
# Comments are not article body; every other switch wins on one dataset and loses
# more on another, so trafilatura's balanced defaults stay.
_TRAFILATURA = {
    "include_comments": False,
    "output_format": "txt",
    "with_metadata": False,
}

# When its own extraction looks short, trafilatura tries readability and takes its text if
# it is more than twice as long. On a page that carries the article more than once (a
# hidden schema.org copy, an edition switcher), readability's pick is the wrapper of all
# the copies and the body comes out two or three times over (a scrapinghub-aeb train page:
# shingle precision 0.28). A body whose 4-word shingles repeat this much may be such a
# pick: trafilatura runs again with fast=True (its own extraction, no fallback) and that
# text is taken if it repeats itself less than half as much. On the 1,413 dev pages, 16
# bodies repeat over 0.3 (lists, tables, pages that do repeat); the fast text was taken on
# 4 of them: that aeb page (F1 0.56 -> 1.00) and 3 trafilatura-eval pages (snippets unchanged).
_REPEATED_SHARE = 0.3
_SHINGLE = 4
_WORD = regex.compile(r"\w+")

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

    A page that declares UTF-8 keeps it even with a few bad bytes (they become U+FFFD,
    as in a browser). A declared charset that cannot decode the bytes, or a single-byte
    charset declared on a page whose non-ASCII bytes are valid UTF-8 (a common
    mislabel), gives way to detection; undecodable bytes become U+FFFD as a last resort.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    declared = _declared_encoding(data)
    if declared == "utf-8":
        return data.decode("utf-8", "replace")
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
    """One character per byte: the 128 high bytes decode to 128 characters (a multi-byte
    codec such as Shift JIS or GBK pairs them up)."""
    return len(bytes(range(128, 256)).decode(encoding, "replace")) == 128


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


def extract_body(
    html: str | bytes,
    *,
    url: str | None = None,
    selectors: Sequence[str | Prune] = (),
) -> str:
    """The article body of an HTML page as plain text ('' when nothing is found)."""
    return extract_page(html, url=url, selectors=selectors).body


def extract_page(
    html: str | bytes,
    *,
    url: str | None = None,
    selectors: Sequence[str | Prune] = (),
) -> Page:
    """The article body of an HTML page as plain text ('' when nothing is found), and
    what the selectors pruned.

    Bytes are decoded with :func:`decode_html`; nodes matching ``selectors`` are
    removed first. Nothing is fetched: ``url`` only informs trafilatura.
    """
    text = decode_html(html) if isinstance(html, bytes) else html
    if not text.strip():
        return Page("")
    page, pruned = prune_page(text, selectors)
    try:
        body = _extract_text(page, url)
    except ValueError as exc:  # lxml refuses some documents (e.g. an XML declaration in a str)
        raise InputError(url or "<html>", f"cannot parse the page as HTML ({exc})") from exc
    return Page(body, tuple(pruned))


def _extract_text(page: str, url: str | None) -> str:
    """trafilatura's body of ``page``; if it repeats itself (see ``_REPEATED_SHARE``),
    its own extraction without fallbacks, when that repeats itself less than half as much."""
    body = trafilatura.extract(page, url=url, **_TRAFILATURA) or ""
    repeated = repeated_share(body)
    if repeated <= _REPEATED_SHARE:
        return body
    own = trafilatura.extract(page, url=url, fast=True, **_TRAFILATURA) or ""
    return own if own and repeated_share(own) < repeated / 2 else body


def repeated_share(text: str) -> float:
    """The share of ``text``'s 4-word shingles (lower-cased words) that repeat an earlier
    one: 0 for prose, 0.5 for a text written out twice, 0.67 three times."""
    words = _WORD.findall(text.lower())
    shingles = [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
    return 1 - len(set(shingles)) / len(shingles) if shingles else 0.0
