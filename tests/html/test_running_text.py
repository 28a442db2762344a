"""cleaner.html.running_text: which matched nodes are words of a sentence, kept by every prune."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from cleaner.html.running_text import in_running_text


def first_marked(html: str) -> bool:
    """Whether the first node of class "x" in ``html`` is running text."""
    node = LexborHTMLParser(f"<body><article>{html}</article></body>").css_first(".x")
    assert node is not None
    return in_running_text(node)


@pytest.mark.parametrize(
    "html",
    [
        '<p>Our favourite is the <a class="x" href="/k">Fold 600</a>, which packs flat.</p>',
        '<p>The <span class="x" title="Watts">W</span> rating matters less.</p>',
        # the words beside it may be in an element, or beside an inline ancestor
        '<p><b>Our pick:</b> <a class="x">Fold 600</a></p>',
        '<p>Try the <em><a class="x">Fold 600</a></em>.</p>',
        # text that shows nothing is neither a word nor the end of the line
        "<p>Boils <script>x()</script><!-- c --><sup class='x'>fast</sup></p>",
        # the whole text of a heading, a cell, a caption or a definition: the article's
        # structure, which pruning leaves nameless (a row with no product, a term-less entry)
        '<h2><a class="x" href="/k">Brewline Fold 600</a></h2><p>Our pick.</p>',
        '<table><tr><th><span class="x">Model</span></th></tr>'
        '<tr><td><a class="x" href="/k">Fold 600</a></td><td>4 min</td></tr></table>',
        '<table><tr><td>4 min</td><td> <em><a class="x" href="/k">Fold 600</a></em> </td></tr></table>',
        '<table><caption><span class="x">Boiling times</span></caption><tr><td>4 min</td></tr></table>',
        '<dl><dt><span class="x" title="Watts">W</span></dt><dd>Power drawn.</dd></dl>',
        '<dl><dt>Lid</dt><dd><a class="x" href="/lid">Spare lid</a></dd></dl>',
        # links beside it in the cell are the cell's too
        '<table><tr><td><a class="x" href="/k">Fold 600</a> <a href="/r">review</a></td></tr></table>',
    ],
)
def test_an_inline_node_in_a_sentence_or_filling_a_heading_or_a_cell_is_running_text(html: str) -> None:
    assert first_marked(html)


@pytest.mark.parametrize(
    "html",
    [
        # a block, whatever its class says
        '<div class="x"><p>We earn a commission when you buy through our links.</p></div>',
        '<p class="x">Prices were correct when we published.</p>',
        # a link wrapping blocks is a card: a block
        '<p>Seen:</p><a class="x"><div>Buy the Fold</div></a> and more',
        # an inline node that is the whole text of its line
        '<ul><li><a class="x">Buy the Fold 600</a></li></ul>',
        '<p>Kettles</p><div><a class="x" href="/shop">Check price</a></div>',
        '<figure><img src="k.jpg"><figcaption><span class="x">© Ines Moreau</span></figcaption></figure>',
        # a cell holding blocks is a layout table's column: its top line is a crumb or a notice
        '<table><tr><td><span class="x">Home &gt; Kettles</span><p>The story.</p></td></tr></table>',
        '<p><small class="x">© 2025 Kettle Club</small> ·</p>',
        '<p>Notes</p><span class="x">Hover</span><div>Boxed</div>',
        # words of links beside it are a menu's, a breadcrumb's or a button's
        '<li><a href="/">Home</a> &gt; <a href="/k">Kettles</a> &gt; <span class="x">Fold</span></li>',
        '<div><a class="btn">See prices</a> <span class="x">Links to the shop</span></div>',
        # a span holding lines is a pop-up box set inline, not words of the sentence
        '<p>Mind the <dfn>wattage</dfn><span class="x"><b>Wattage</b><br>Power drawn.</span> here</p>',
        # a word further than 20 siblings away shares no sentence with it
        f"<p>Far {'<br>' * 25}<span class='x'>alone</span></p>",
    ],
)
def test_a_block_or_a_node_alone_on_its_line_is_not_running_text(html: str) -> None:
    assert not first_marked(html)
