"""Whether an HTML node is part of running text, which no prune rule may remove.

A prune selector matches a class name ("affiliate", "tooltip", "related", "copyright"),
and sites put those names on words inside sentences as well as on boxes around the
article: review sites mark every product link ``affiliate-link``, glossaries wrap terms
in ``tooltip`` spans. Pruning such a node cuts words out of a sentence ("Our top pick is
the , which…"), which is worse than leaving a box in. So a node is running text, and
stays whatever selector matches it, when

1. it is inline and on one line: its tag, and the tag of every element in it, is HTML
   phrasing content (:data:`PHRASING`: ``a``, ``span``, ``em``, ``abbr``, ``sup``…) other
   than ``<br>``; a link wrapping ``<div>`` elements is a card, and a span holding lines (a
   glossary's pop-up: term, definition, "Learn more") a box, like any block; and either
2. its line has a word outside it and outside links: going out from the node, then from
   each inline ancestor, to the nearest block boundary either side, some text or inline
   element other than a link holds a letter or digit. Words of links beside it do not
   count: links beside links are menus, breadcrumbs and buttons ("See Packages" then
   "Links to Amazon"), and a sentence has words of its own; or
3. its line is the whole of a heading, a table cell, a table's caption or a definition
   list's term or description (:data:`STRUCTURE`): the block that ends its line is one of
   those and holds no other block. A review's ``<h2>`` or its comparison table's cells
   are often nothing but an affiliate link to the product, a glossary's ``<dt>`` nothing
   but a tooltip span; those words are the article's own structure, and pruning them
   leaves a heading, a row or an entry without its name ("|  | 30 h | 28 dB |"). A cell
   that holds blocks is a page's layout, not a table of the article: a breadcrumb or a
   copyright line on top of a layout table's column is still alone on its line.

Deciding by tag names and not by CSS ``display`` keeps it cheap and offline. An inline
node alone on its line elsewhere (a ``<small class="copyright">`` that is a footer's whole
paragraph, a button alone in its ``<div>``, the last crumb after a ">") is a box in all
but its tag, and may go.

On the train half of the dev pages, the guard gave back words cut out of sentences on 4
pages (an affiliate product name, glossary terms, a shop's product names) and kept a
breadcrumb on one; shingle F1 moved by less than 0.0001 on each dataset. Counting link
words and lines broken by ``<br>`` as running text also kept a glossary's pop-ups and
the captions under shop buttons on 3 wcxb pages (its F1 -0.0002). Rule 3 changed what
was pruned on no train page and on 2 check pages, and no dataset's F1 (the bundled
rules' related and copyright boxes are removed whole, with the headings inside them).

The cost is a few sibling steps per matched node: the scan stops at the first word and
at :data:`_MAX_SIBLINGS` siblings a side (a word further away shares no sentence with
the node), and never builds the text of a whole block; rule 3 walks the elements of the
one block that ends the node's line, and stops at the first block inside it.
"""

from __future__ import annotations

from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode as Node

# HTML's phrasing content (WHATWG "Kinds of content") that shows text, with the obsolete
# inline tags old pages still use. Custom and unknown elements count as blocks.
PHRASING = frozenset({
    "a", "abbr", "acronym", "audio", "b", "bdi", "bdo", "big", "blink", "br", "button",
    "canvas", "cite", "code", "data", "del", "dfn", "em", "embed", "font", "i", "iframe", "img",
    "input", "ins", "kbd", "label", "map", "mark", "math", "meter", "nobr", "object", "output",
    "picture", "progress", "q", "ruby", "rp", "rt", "s", "samp", "select", "small", "span",
    "strike", "strong", "sub", "sup", "svg", "textarea", "time", "tt", "u", "var", "video",
    "wbr",
})  # fmt: skip
# Elements that show no text: skipped on both counts (a script beside a link neither
# ends its line nor puts a word on it).
UNSEEN = frozenset({"script", "style", "template", "noscript", "link", "meta", "-comment"})
# Blocks whose one line is the article's structure, not a notice (rule 3 of the docstring).
# A ``<figcaption>`` is not one: alone in it, a span is a photo credit.
STRUCTURE = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "dt", "dd"})
_MAX_SIBLINGS = 20


def in_running_text(node: Node) -> bool:
    """Whether ``node`` is an inline element with words beside it on its line, or on the
    line of a heading, a table cell or a definition (see the module's docstring): the
    test every pruned node must fail."""
    if node.tag not in PHRASING or not _all_inline(node):
        return False
    current: Node | None = node
    while current is not None and (current is node or current.tag in PHRASING):
        if _word_beside(current, forward=False) or _word_beside(current, forward=True):
            return True
        current = current.parent
    return current is not None and current.tag in STRUCTURE and _one_line(current)


def _all_inline(node: Node) -> bool:
    return all(
        (d.tag in PHRASING and d.tag != "br") or d.tag in UNSEEN for d in node.traverse(include_text=False)
    )


def _one_line(block: Node) -> bool:
    """Whether ``block`` holds no block: a cell of a layout table holds a page's column."""
    inside = islice(block.traverse(include_text=False), 1, None)  # traverse yields block first
    return all(d.tag in PHRASING or d.tag in UNSEEN for d in inside)


def _word_beside(node: Node, *, forward: bool) -> bool:
    """A word in the siblings on one side of ``node``, before the first block one."""
    sibling = node.next if forward else node.prev
    for _ in range(_MAX_SIBLINGS):
        if sibling is None:
            return False
        if sibling.is_text_node:
            if _has_word(sibling.text_content or ""):
                return True
        elif sibling.tag == "a":
            pass  # see the module's docstring: a link's words are not the line's
        elif sibling.tag in PHRASING:
            if _has_word(sibling.text(deep=True)):
                return True
        elif sibling.tag not in UNSEEN:
            return False  # a block: the line ends here
        sibling = sibling.next if forward else sibling.prev
    return False


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)
