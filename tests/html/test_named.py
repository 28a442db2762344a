"""A class made of the notice's words alone names the notice, not an example of it."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from cleaner.html.named import names_notice, selected_words

WORDS = selected_words(['[class*="disclosure" i]', '[class*="affiliate" i]:not(a)', ".cookie"])


def _node(html: str) -> LexborNode:
    node = LexborHTMLParser(f"<html><body><article>{html}</article></body></html>").css_first("#n")
    assert node is not None
    return node


@pytest.mark.parametrize(
    "html",
    [
        '<div id="n" class="affiliate-disclosure"><p>x</p></div>',
        '<div id="n" class="box affiliateDisclosure"><p>x</p></div>',  # one class of its own suffices
        '<p id="n" class="cookie_2">x</p>',
    ],
)
def test_a_class_of_the_notice_words_alone_names_the_notice(html: str) -> None:
    assert names_notice(_node(html), WORDS)


@pytest.mark.parametrize(
    "html",
    [
        '<div id="n" class="disclosure-example"><p>x</p></div>',  # the page says it is an example
        '<p id="n" class="post-disclaimer">x</p>',  # "disclaimer" is no word the selectors name
        '<blockquote id="n" class="affiliate-disclosure"><p>x</p></blockquote>',  # a quotation
        '<pre><code id="n" class="disclosure">x</code></pre>',
        '<div id="n"><p>x</p></div>',
    ],
)
def test_a_class_with_a_word_of_its_own_or_a_quotation_does_not(html: str) -> None:
    assert not names_notice(_node(html), WORDS)


def test_selectors_that_name_no_class_word_give_no_words() -> None:
    assert selected_words(["nav", "footer > p"]) is None
    assert not names_notice(_node('<div id="n" class="nav">x</div>'), None)
