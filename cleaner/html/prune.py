"""Prune: the nodes matching the packs' CSS selectors removed from a page, before extraction.

``prune_page`` removes them with selectolax and reports each one that held text
(:class:`Pruned`), so that a prune rule's removals are recorded like any other rule's.
No selector lives here: they all come from ``prune`` rules, so a new one never needs a
Python change. A node in running text (an affiliate link or a tooltip inside a
sentence, or the whole text of a heading, a table cell or a glossary's term) is never
removed, whatever matched it: :mod:`cleaner.html.running_text`.
"""

from __future__ import annotations

from collections.abc import Sequence

from selectolax.lexbor import LexborHTMLParser, SelectolaxError
from selectolax.lexbor import LexborNode as Node

from cleaner.errors import RuleError
from cleaner.html.page import Prune, Pruned
from cleaner.html.running_text import in_running_text

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
