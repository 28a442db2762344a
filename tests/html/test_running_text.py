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
    ],
)
def test_an_inline_node_with_words_beside_it_is_running_text(html: str) -> None:
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
