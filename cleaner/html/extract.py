"""HTML in, article body text out: decode, prune, extract.

The only module that imports selectolax, trafilatura or lxml; ``cleaner.api``
imports it lazily, so text mode never pays for them.

1. ``decode_html``: bytes to text (BOM, then the page's declared charset, then
   detection).
2. ``prune_page``: nodes matching the packs' CSS selectors are removed with
   selectolax, and each one that held text is reported (:class:`Pruned`), so that
   a prune rule's removals are recorded like any other rule's. No selector lives
   here: they all come from ``prune`` rules, so a new one never needs a Python change.
   A node in running text (an affiliate link or a tooltip inside a sentence, or the
   whole text of a heading, a table cell or a glossary's term) is never removed,
   whatever matched it: :mod:`cleaner.html.running_text`.
3. ``extract_page``: trafilatura on the pruned page, offline, with the settings in
   ``_TRAFILATURA`` (chosen by measurement, see there); a body that repeats itself is
   replaced by trafilatura's own extraction, without its fallbacks (``_extract_text``).
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence

import regex
import trafilatura
from selectolax.lexbor import LexborHTMLParser, SelectolaxError
from selectolax.lexbor import LexborNode as Node

from cleaner.errors import InputError, RuleError
from cleaner.html.page import Page, Prune, Pruned
from cleaner.html.running_text import in_running_text
from cleaner.html.tree import parse_page

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
# A generic selector such as [class*="related"] can also match a wrapper of the whole
# article ("post related-posts-enabled", <article class="url-breadcrumb">): a node that
# holds the page's <h1>, or more than this share of its words, is never pruned.
_MAX_PRUNED_SHARE = 0.5
# A data table is pruned whole or not at all: a row or a cell pruned alone (<tr
# class="affiliate-row">, <td class="affiliate-cell">) takes a product out of a comparison,
# or moves a row's other cells under the wrong headers. A layout table (one that holds
# tables, or of one column) is a page's grid: its columns of menus and ads may go, as on
# two 2008 news sites of the dev pages, where keeping them made trafilatura take a menu
# for the body, and its copyright boxes (two more).
# A node that holds one of these, with a paragraph of prose before and after it, is a
# section of the page (``keep-sections``): a heading, or a toggle that opens content folded
# away (an FAQ accordion's question, WAI-ARIA's "disclosure" pattern, hence classes named
# so). A notice has neither, or sits at an edge of the page: on the train half of the dev
# pages, the 17 nodes the notices matched that held a heading (cookie dialogs, an
# affiliate box that ends a finanztip.de article) or a toggle (a currency menu) all had no
# prose after them but one, and what was pruned changed on no page of either half.
_SECTION = "h2, h3, h4, h5, h6, [aria-expanded]"
_PROSE_WORDS = 12  # a paragraph this long on either side of it
_TABLE_PARTS = frozenset({"thead", "tbody", "tfoot", "tr", "td", "th"})
_TWO_COLUMNS = "td + td, td + th, th + td, th + th"
PRUNED_TEXT = 200  # characters of a pruned node's text kept in its removal record
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


def selector_error(selector: str) -> str | None:
    """Why selectolax refuses ``selector`` as CSS, or None. ``rules check`` asks, so
    that a bad selector is found before the first HTML page, not at it."""
    try:
        LexborHTMLParser("<p></p>").css(selector)
    except SelectolaxError as exc:
        return str(exc)
    return None


def prune_html(html: str, selectors: Sequence[str | Prune]) -> str:
    """The page without the nodes that match any of ``selectors`` (CSS), as HTML."""
    return prune_page(html, selectors)[0]


def prune_page(html: str, selectors: Sequence[str | Prune]) -> tuple[str, list[Pruned]]:
    """The page without the nodes that match any of ``selectors`` (CSS, or a
    :class:`Prune` with its word limit), as HTML, and each removed node that held text.

    The page goes through lexbor's HTML5 parser even with no selector: trafilatura
    does better on its serialisation than on the raw markup, which its lxml parser
    sometimes mangles (a dev page it read as empty came out whole; +0.004 shingle F1
    on wcxb, +0.001 on l3s-gn1, no loss elsewhere).
    """
    tree = LexborHTMLParser(html)
    page_words: int | None = None
    pruned: list[Pruned] = []
    spared: set[int] = set()  # nodes over their rule's word limit: sections, not notices
    for index, spec in enumerate(selectors):
        prune = Prune(spec) if isinstance(spec, str) else spec
        try:
            nodes = tree.css(prune.selector)
        except SelectolaxError as exc:
            raise RuleError(f"prune selector {prune.selector!r} is not valid CSS ({exc})") from exc
        for node in nodes:
            if node.parent is None or not _may_prune(node):
                continue
            if page_words is None:
                page_words = len(_words(tree.body))
            words = _words(node)
            if len(words) > _MAX_PRUNED_SHARE * page_words:
                continue  # a wrapper of the article that happens to match, not a widget
            if _guarded(prune) and (_section(node, prune, len(words)) or _inside(node, spared)):
                spared.add(node.mem_id)  # and what it holds: its parts carry its class's name
                continue
            node.decompose()
            if words:
                text = " ".join(words)
                short = text if len(text) <= PRUNED_TEXT else text[: PRUNED_TEXT - 1] + "…"
                pruned.append(Pruned(index, short, len(text), len(words)))
    return tree.html or "", pruned


def _may_prune(node: Node) -> bool:
    """Whether ``node`` may go at all, whatever selector matched it."""
    if node.tag in ("html", "head", "body", "main") or node.css_first("h1") is not None:
        return False  # the page or the article itself (it holds the headline)
    if node.tag in _TABLE_PARTS and _in_data_table(node):
        return False  # a row or a cell alone: the rest of the table would shift under its headers
    return not in_running_text(node)  # a link or a span in a sentence: pruning it would cut words out


def _in_data_table(node: Node) -> bool:
    """Whether ``node`` (a row or a cell) is in a table of data, not of a page's layout: a
    layout table holds the page's columns and the tables in them, or is one column of
    boxes (a footer's copyright notice), where no cell can shift under another's header."""
    table = node.parent
    while table is not None and table.tag != "table":
        table = table.parent
    if table is None:
        return True
    # css() counts the table itself; with no table inside, its cells' siblings are its own
    return len(table.css("table")) == 1 and table.css_first(_TWO_COLUMNS) is not None


def _guarded(prune: Prune) -> bool:
    return prune.max_words is not None or prune.keep_sections


def _section(node: Node, prune: Prune, words: int) -> bool:
    """Whether ``node`` is too long for ``prune``'s rule, or a section by its heading."""
    if prune.max_words is not None and words > prune.max_words:
        return True
    return (
        prune.keep_sections
        and node.css_first(_SECTION) is not None
        and _prose_beside(node, after=True)
        and _prose_beside(node, after=False)
    )


def _prose_beside(node: Node, *, after: bool) -> bool:
    """Whether a paragraph of prose comes after (or before) ``node``, outside it: a
    section sits between the article's paragraphs, a notice's box at an edge of the
    page, its top ("How we make money", "Medical disclaimer") or its end."""
    current: Node | None = node
    while current is not None and current.tag != "body":
        sibling = current.next if after else current.prev
        while sibling is not None:
            if not sibling.is_text_node:
                paragraphs = [sibling] if sibling.tag == "p" else sibling.css("p")
                if any(len(_words(p)) >= _PROSE_WORDS for p in paragraphs):
                    return True
            sibling = sibling.next if after else sibling.prev
        current = current.parent
    return False


def _inside(node: Node, spared: set[int]) -> bool:
    if not spared:
        return False
    parent = node.parent
    while parent is not None:
        if parent.mem_id in spared:
            return True
        parent = parent.parent
    return False


def _words(node: Node | None) -> list[str]:
    return node.text(separator=" ").split() if node is not None else []


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
    name = url or "<html>"
    try:
        body = _extract_text(page, url, name)
    except ValueError as exc:  # lxml refuses some documents (e.g. an XML declaration in a str)
        raise InputError(name, f"cannot parse the page as HTML ({exc})") from exc
    return Page(body, tuple(pruned))


def _extract_text(page: str, url: str | None, name: str) -> str:
    """trafilatura's body of ``page``; if it repeats itself (see ``_REPEATED_SHARE``),
    its own extraction without fallbacks, when that repeats itself less than half as much.
    The page is parsed here, not by trafilatura, to reach deeper (:mod:`cleaner.html.tree`);
    trafilatura works on a copy of the tree."""
    tree = parse_page(page, name)
    if tree is None:
        return ""
    body = trafilatura.extract(tree, url=url, **_TRAFILATURA) or ""
    repeated = repeated_share(body)
    if repeated <= _REPEATED_SHARE:
        return body
    own = trafilatura.extract(tree, url=url, fast=True, **_TRAFILATURA) or ""
    return own if own and repeated_share(own) < repeated / 2 else body


def repeated_share(text: str) -> float:
    """The share of ``text``'s 4-word shingles (lower-cased words) that repeat an earlier
    one: 0 for prose, 0.5 for a text written out twice, 0.67 three times."""
    words = _WORD.findall(text.lower())
    shingles = [tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1)]
    return 1 - len(set(shingles)) / len(shingles) if shingles else 0.0
