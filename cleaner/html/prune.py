"""Prune: the nodes matching the packs' CSS selectors removed from a page, before extraction.

``prune_page`` removes them with selectolax and reports each one that held text
(:class:`Pruned`), so that a prune rule's removals are recorded like any other rule's.
No selector lives here: they all come from ``prune`` rules, so a new one never needs a
Python change. A node in running text (an affiliate link or a tooltip inside a
sentence, or the whole text of a heading, a table cell or a glossary's term) is never
removed, whatever matched it: :mod:`cleaner.html.running_text`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property

from selectolax.lexbor import LexborHTMLParser, SelectolaxError
from selectolax.lexbor import LexborNode as Node

from cleaner.engine.words import count_words
from cleaner.errors import RuleError
from cleaner.html.named import names_notice, selected_words
from cleaner.html.page import Prune, Pruned
from cleaner.html.running_text import PHRASING, UNSEEN, in_running_text

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
_HEADINGS = "h2, h3, h4, h5, h6"
_TOGGLE = "[aria-expanded]"
_SECTION = f"{_HEADINGS}, {_TOGGLE}"
_CONTENTS = "ul, ol, table"  # what a card of the article holds beside its title
_QUESTION = ("?", "\uff1f", "\u061f")  # a heading that asks (Latin, full-width, Arabic)
_SERIES = 2  # sections alike before the last of a series
_PROSE_WORDS = 12  # a paragraph this long on either side of it
# what ends an introduction ("…as it appeared on the page:"), in Latin or CJK type
_COLONS = (":", "\uff1a")
_LANDMARKS = frozenset({"body", "main", "article"})  # where the search for prose beside a node stops
# What is no paragraph of prose, whatever its length: a heading's (a title: a long
# headline above a notice at the article's top is no prose before it), a menu's and a
# form control's.
_NO_PROSE = frozenset({"button", "select", "textarea", "h1", "h2", "h3", "h4", "h5", "h6", "nav"})
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
    page = _Page(LexborHTMLParser(html), [Prune(s) if isinstance(s, str) else s for s in selectors])
    pruned: list[Pruned] = []
    page.spared.update(_article_cards(page))
    for index, prune in enumerate(page.prunes):
        for node in _select(page.tree, prune):
            text = page.widget_text(node)
            if text is None:
                continue
            if _guarded(prune) and (
                node.mem_id in page.spared or _spared(node, prune, text, page) or _inside(node, page.spared)
            ):
                page.spared.add(node.mem_id)  # and what it holds: its parts carry its class's name
                continue
            node.decompose()
            if text:
                short = text if len(text) <= PRUNED_TEXT else text[: PRUNED_TEXT - 1] + "…"
                # words as the engine counts them, beside whose counts --max-loss puts them
                pruned.append(Pruned(index, short, len(text), len(text.split())))
    return page.tree.html or "", pruned


def _article_cards(page: _Page) -> set[int]:
    """The nodes (their ``mem_id``) of each series that a ``keep-sections`` rule matches
    and that holds most of its article: two or more siblings whose classes hold the same
    word of the rule's selectors, with more than :data:`_MAX_PRUNED_SHARE` of the words
    of their ``<article>`` or ``<main>``. A notice is short, and a page has one of a
    kind; a series of boxes a notice's class name matches over most of the article is
    the article's cards (a roundup's products in ``deal-item affiliate-link-box``, an
    explainer's cases in ``copyright-case``: QA round H, H1, where a roundup lost 75% of
    its words), the last one too, which has no prose after it to be a section by its
    heading (H1b). The rule's other nodes still go (the page's cookie banner), and so
    does a node whose class is made of the selectors' words alone (``disclaimer``,
    ``affiliate-disclosure``: :mod:`cleaner.html.named`), which is the notice itself (QA
    round AH, AH8, AH9). Asked of the page before anything is pruned; a node two
    selectors of the rule match counts once."""
    rules: dict[str, list[Prune]] = {}
    for index, prune in enumerate(page.prunes):
        if prune.keep_sections:
            rules.setdefault(prune.rule or f"#{index}", []).append(prune)
    cards: set[int] = set()
    for prunes in rules.values():
        taken: dict[int, Node] = {}
        for prune in prunes:
            for node in _select(page.tree, prune):
                if page.widget_text(node) is not None:
                    taken[node.mem_id] = node
        words = selected_words(p.selector for p in prunes)
        ids = set(taken)
        series: dict[tuple[int, str], list[Node]] = {}
        for node in taken.values():
            if node.parent is None or _inside(node, ids) or names_notice(node, words):
                continue  # a class of the selectors' words alone is the notice itself
            series.setdefault((node.parent.mem_id, _named_for(node, words)), []).append(node)
        for nodes in series.values():
            if len(nodes) >= _SERIES and _most_of_its_article(nodes):
                cards.update(node.mem_id for node in nodes)
    return cards


def _named_for(node: Node, words: re.Pattern[str] | None) -> str:
    """The word of the rule's selectors that ``node``'s class holds ("affiliate" in
    ``deal-item affiliate-link-box featured``), or its whole class: the cards of one
    series may differ in a class of their own ("featured", "affiliate-a", "affiliate-b")
    and in their tag (QA round AH, AH2, AH3)."""
    classes = node.attributes.get("class") or ""
    found = words.search(classes) if words is not None else None
    return found.group(0).lower() if found is not None else classes


def _most_of_its_article(nodes: list[Node]) -> bool:
    """Whether sibling ``nodes`` hold more than :data:`_MAX_PRUNED_SHARE` of the words of
    the ``<article>`` or ``<main>`` they are in: what the page around the article holds
    (menus, a cookie banner, a footer) does not dilute them. Boxes outside both (a cookie
    banner and its settings beside a short story) are the page's, never its article's
    cards (QA round AH, AH7, AH10)."""
    landmark = nodes[0].parent
    while landmark is not None and landmark.tag not in _LANDMARKS:
        landmark = landmark.parent
    if landmark is None or landmark.tag == "body":
        return False
    words = count_words(_text(landmark))
    return sum(count_words(_text(node)) for node in nodes) > _MAX_PRUNED_SHARE * words


class _Page:
    """A page being pruned, with what the guards ask of it, each worked out once, when
    first asked."""

    def __init__(self, tree: LexborHTMLParser, prunes: list[Prune]) -> None:
        self.tree = tree
        self.prunes = prunes
        self.spared: set[int] = set()  # sections, and nodes over their rule's word limit

    @cached_property
    def notice_words(self) -> re.Pattern[str] | None:
        """The class words the keep-introduced rules' selectors look for: a class made of
        them alone names the notice itself (:mod:`cleaner.html.named`)."""
        return selected_words(p.selector for p in self.prunes if p.keep_introduced)

    @cached_property
    def words(self) -> int:
        return count_words(_text(self.tree.body))

    @cached_property
    def headline(self) -> str | None:
        """The page's ``<h1>``, in the form :func:`_titled` compares."""
        h1 = self.tree.css_first("h1")
        return _folded(_text(h1)) if h1 is not None else None

    def widget_text(self, node: Node) -> str | None:
        """``node``'s text if a selector that matches it may remove it, else None: the
        page, the article or running text (:func:`_may_prune`), or a node holding more
        than :data:`_MAX_PRUNED_SHARE` of the page's words (a wrapper of the article
        that happens to match, not a widget)."""
        if node.parent is None or not _may_prune(node):
            return None
        text = _text(node)
        return text if count_words(text) <= _MAX_PRUNED_SHARE * self.words else None


def _select(tree: LexborHTMLParser, prune: Prune) -> list[Node]:
    try:
        return tree.css(prune.selector)
    except SelectolaxError as exc:
        raise RuleError(f"prune selector {prune.selector!r} is not valid CSS ({exc})") from exc


def _may_prune(node: Node) -> bool:
    """Whether ``node`` may go at all, whatever selector matched it."""
    if node.tag in ("html", "head", "body", "main") or node.css_first("h1") is not None:
        return False  # the page or the article itself (it holds the headline)
    if node.tag in _TABLE_PARTS and _in_data_table(node):
        return False  # a row or a cell alone: the rest of the table would shift under its headers
    return not in_running_text(node)  # a link or a span in a sentence: pruning it would cut words out


def _titled(node: Node, headline: str | None) -> bool:
    """Whether a heading in ``node`` is the page's own headline: a recipe card under its
    post ("Brown butter cookies" over its ingredients and method, in a ``<div
    class="cookie-recipe">`` that a cookie notice's selector matches), a review's box
    named as its review. The card tells the article's subject, at the article's end
    where no prose follows it; a notice's heading names the notice ("Use of cookies",
    "Affiliate disclosure"), never the story. The card holds the article's own lists or
    table (ingredients, steps, specifications): a copyright line under the post's title
    is a notice all the same (QA round U, U12). Only a notice's rule asks
    (``keep-sections``): a related list may well hold a card of the page itself, as on
    a wcxb page of the check half, whose related box stayed when every rule asked."""
    if not headline or node.css_first(_CONTENTS) is None:
        return False
    return any(_folded(_text(h)) == headline for h in node.css(_HEADINGS))


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


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
    return prune.max_words is not None or prune.keep_sections or prune.keep_introduced


def _spared(node: Node, prune: Prune, text: str, page: _Page) -> bool:
    """Whether ``node`` is too long for ``prune``'s rule, an example the article
    introduces (not one the page names as the notice itself, :mod:`cleaner.html.named`),
    or (``keep-sections``) a section: by its heading, with prose on both sides of it or as
    the last of a series of them, or titled as the page."""
    if prune.max_words is not None and count_words(text) > prune.max_words:
        return True
    if prune.keep_introduced and _introduced(node) and not names_notice(node, page.notice_words):
        return True
    if not prune.keep_sections:
        return False
    if _titled(node, page.headline):
        return True
    return (
        node.css_first(_SECTION) is not None
        and _prose_beside(node, after=False)
        and (_prose_beside(node, after=True) or _follows_its_kind(node, page.spared))
    )


def _follows_its_kind(node: Node, spared: set[int]) -> bool:
    """Whether ``node`` is the last of a series of sections: it holds a toggle or asks a
    question in a heading, and the two elements just before it have its tag and class
    and were ``spared`` as sections (an FAQ's last accordion, named "faq-disclosure" like
    the others, at the end of the page, its question in a plain ``<h3>`` or a button with
    no ``aria-expanded``: QA round V, V4). Two boxes alike at the page's end are notices
    (QA rounds U and W: disclaimers with headings, an ads explainer's "Why do we show
    ads?" and "How do we make money?", one with a "Read more" toggle): the first is kept
    when the second's words count as prose after it, the second goes."""
    if node.css_first(_TOGGLE) is None and not any(_text(h).endswith(_QUESTION) for h in node.css(_HEADINGS)):
        return False
    before, alike = node, 0
    while alike < _SERIES:
        before = before.prev
        while before is not None and before.is_text_node:
            before = before.prev
        if not (
            before is not None
            and before.tag == node.tag
            and before.attributes.get("class") == node.attributes.get("class")
            and before.mem_id in spared
        ):
            return False
        alike += 1
    return True


def _introduced(node: Node) -> bool:
    """Whether the article introduces ``node`` (``keep-introduced``): the paragraph just
    before it is prose that ends with a colon ("The form our lawyers recommend is:"), and
    prose comes after it. A guide about page furniture shows its examples so, between
    its paragraphs (a ``breadcrumb-example``, a ``disclosure-example``); a notice or a
    breadcrumb is not announced by the article's own sentence. A label ("Vous êtes
    ici :", "Please leave your comments below:", "You may also be interested in:") is
    short: on the train half of the dev pages, every node the bundled rules prune under
    a line ending with a colon is under one of fewer than 12 words."""
    lead = colon_led(node)
    return lead is not None and _is_prose(*lead) and _prose_beside(node, after=True)


def colon_led(node: Node) -> tuple[str, str] | None:
    """The paragraph just before ``node`` (:func:`_paragraph_before`) when it ends with a
    colon ("…as it appeared on the page:", "Its appeal reads:"): what introduces it."""
    lead = _paragraph_before(node)
    return lead if lead is not None and lead[0].rstrip().endswith(_COLONS) else None


def _paragraph_before(node: Node) -> tuple[str, str] | None:
    """The paragraph that comes just before ``node`` (see :func:`paragraphs`; a heading
    or a menu there is an empty one), in its ``<article>`` or ``<main>``, or None."""
    current: Node | None = node
    while current is not None and current.tag not in _LANDMARKS:
        before = list(paragraphs(reversed(list(_siblings(current, after=False)))))
        if before:
            return before[-1]
        current = current.parent
    return None


def _prose_beside(node: Node, *, after: bool) -> bool:
    """Whether a paragraph of prose comes after (or before) ``node``, outside it: a
    section sits between the article's paragraphs, a notice's box at an edge of the
    page, its top ("How we make money", "Medical disclaimer") or its end. A paragraph
    is one however the page marks it up (:func:`paragraphs`), and in the node's
    ``<article>`` or ``<main>`` when it is in one: below the article, a site's footer
    or cookie note is no article prose (a finanztip.de train page's affiliate note,
    the last box of its ``<main>``, above a cookie note of 43 words in a ``<div>``)."""
    current: Node | None = node
    while current is not None and current.tag not in _LANDMARKS:
        if any(_is_prose(*p) for p in paragraphs(_siblings(current, after=after))):
            return True
        current = current.parent
    return False


def _siblings(node: Node, *, after: bool) -> Iterator[Node]:
    sibling = node.next if after else node.prev
    while sibling is not None:
        yield sibling
        sibling = sibling.next if after else sibling.prev


def paragraphs(nodes: Iterable[Node]) -> Iterator[tuple[str, str]]:
    """The text of each paragraph in ``nodes`` and the elements in them, and the part of
    it in links, however the page marks it up: a ``<p>``, but also a ``<div>``'s own
    text, a list item, a cell, or text between two ``<br>`` (a blank line) or beside a
    block, as page builders, forums and older sites write articles. What ends a
    paragraph is a block element (any tag that is not HTML phrasing content) or two
    ``<br>`` in a row; one ``<br>`` is a line break inside it (a stanza, an address).
    The words of :data:`_NO_PROSE` (headings, menus, form controls) and of elements
    that show no text are left out; a heading or a menu is an empty paragraph, no prose
    but in its place (it parts an introduction from what comes after it). Walked with a
    stack, not recursion: a page may nest blocks a thousand deep."""
    stack: list[tuple[Iterator[Node], bool, bool]] = [(iter(nodes), True, False)]  # (children, block, link)
    words: list[str] = []
    linked: list[str] = []
    breaks = 0  # <br> in a row since the last word
    while stack:
        children, block, link = stack[-1]
        child = next(children, None)
        inner: Node | None = None  # an element to walk into
        if child is None:
            stack.pop()
            ends = block
        elif child.is_text_node:
            if (text := child.text_content or "").strip():
                words.append(text)
                linked += [text] if link else []
                breaks = 0
            continue
        elif child.tag == "br":
            breaks += 1
            ends = breaks == 2
        elif child.tag in UNSEEN:
            continue
        else:
            ends = child.tag not in PHRASING  # a block, walked into or not
            inner = None if child.tag in _NO_PROSE else child
        if ends and words:
            yield " ".join(words), " ".join(linked)
            words, linked = [], []
        if ends and child is not None and inner is None and child.tag in _NO_PROSE:
            yield "", ""  # a heading's or a menu's place
        if inner is not None:
            stack.append((inner.iter(include_text=True), ends, link or inner.tag == "a"))


def _is_prose(text: str, linked: str) -> bool:
    """A paragraph of :data:`_PROSE_WORDS` or more, at most half of them in links: a list
    of links (a menu, related articles, a teaser card) is no prose, a sentence with a
    link or two is."""
    words = count_words(text)
    return words >= _PROSE_WORDS and 2 * count_words(linked) <= words


def _inside(node: Node, spared: set[int]) -> bool:
    if not spared:
        return False
    parent = node.parent
    while parent is not None:
        if parent.mem_id in spared:
            return True
        parent = parent.parent
    return False


def _text(node: Node | None) -> str:
    """``node``'s text, whitespace made single spaces."""
    return " ".join(node.text(separator=" ").split()) if node is not None else ""
