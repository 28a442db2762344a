"""HTML in, article body text out: decode, prune, extract.

The only module that imports selectolax, trafilatura or lxml; ``cleaner.api``
imports it lazily, so text mode never pays for them.

1. :func:`cleaner.html.decoding.decode_page`: bytes to text (BOM, then the page's
   declared charset, then detection), for a caller that gives bytes.
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

from collections.abc import Sequence

import regex
import trafilatura
from selectolax.lexbor import LexborHTMLParser, SelectolaxError
from selectolax.lexbor import LexborNode as Node

from cleaner.errors import InputError, RuleError
from cleaner.html.decoding import decode_page
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
    encoding: str | None = None,
) -> Page:
    """The article body of an HTML page as plain text ('' when nothing is found), and
    what the selectors pruned.

    Bytes are decoded with :func:`~cleaner.html.decoding.decode_page` (in ``encoding``
    when given); nodes matching ``selectors`` are removed first. Nothing is fetched:
    ``url`` only informs trafilatura.
    """
    decoded = decode_page(html, encoding) if isinstance(html, bytes) else None
    read = (decoded.encoding, decoded.invalid) if decoded is not None else (None, 0)
    text = decoded.text if decoded is not None else html
    if not text.strip():
        return Page("", (), *read)
    page, pruned = prune_page(text, selectors)
    name = url or "<html>"
    try:
        body = _extract_text(page, url, name)
    except ValueError as exc:  # lxml refuses some documents (e.g. an XML declaration in a str)
        raise InputError(name, f"cannot parse the page as HTML ({exc})") from exc
    return Page(body, tuple(pruned), *read)


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
