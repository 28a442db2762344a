"""Which lines of an extracted body the page marks as quoted, as code or as a term: no
text rule's match.

trafilatura's text keeps the words of a ``<blockquote>``, a ``<pre>`` block, a glossary's
``<dt>`` and a table's ``<caption>``, but not the mark: "Oops! Something went wrong while
submitting the form." quoted by an article on form errors, a consent line shown in a
``<pre><code>`` block, or "Read more" as a term a glossary defines, read to the text rules
as the page's own chrome, and went (leaving the glossary's definition under no term). The
page says what they are, so the lines that come from them are told to the engine, which
lets no rule match them (``run_plan``'s ``marked``); the text itself stays as trafilatura
wrote it.

A line is told by its text, not by where trafilatura took it from (its text output keeps
no trace of the element): a line is marked when its words, spaces and a list item's
"- " aside, are those of a line of such an element (a ``<pre>``'s line, a quotation's
paragraph, a term or a caption), and the body holds no more lines of those words than
the page has marked lines of them. A share bar's "Share this" and a glossary's term
"Share this" on one page are two lines for one term: neither is marked, and the rules
see them as before. A quotation's paragraph with more than half of its words in links
is no quotation but a site's "Read more: <a>…</a>" box set in a ``<blockquote>`` (a
news site of the dev pages' train half does so), and stays the rules' to take. So is a
quotation whose every paragraph is a call to the reader in the site's own voice, an
imperative whose object is the site ("Sign up for our newsletter…", "Follow us on
Twitter…"): a CMS sets its in-article callouts in ``<blockquote class="wp-block-quote">``
(QA round S, S10). An article that quotes such a call says so around it: a quotation under
a paragraph ending with a colon, or one that names its source (a ``<cite>`` or a
``<footer>`` in it), stays marked.

The cost is a second parse of the pruned page (lexbor, a few milliseconds), only for a
page that holds one of those elements.
"""

from __future__ import annotations

from collections import Counter

import regex
from selectolax.lexbor import LexborHTMLParser
from selectolax.lexbor import LexborNode as Node

from cleaner.engine.run import split_lines
from cleaner.engine.words import count_words
from cleaner.html.prune import colon_led, paragraphs

_MARKED = "blockquote, pre, dt, caption"
_ANY_MARKED = regex.compile(r"<(?:blockquote|pre|dt|caption)\b", regex.IGNORECASE)
_LIST_ITEM = regex.compile(r"^\s*-\s+")  # how trafilatura writes a list item (and a <dt>)
_LETTER = regex.compile(r"\w")
# A call in the site's voice: a capitalised first word that is no pronoun (an imperative:
# "Sign", "Follow", "Join"), then "us" or "our" within its first five words. A speaker's
# "We cannot keep five centres open" or "Our residents deserve better" is none.
_SITE_CALL = regex.compile(
    r"\W*+(?!(?:I|We|Our|Us|You|Your|They|Their|He|His|She|Her|It|Its)\b)\p{Lu}\p{Ll}*+"
    r"(?:\s++\S++){0,3}?\s++(?:us|our)\b"
)
_SOURCE = "cite, footer"


def marked_lines(html: str, body: str) -> tuple[int, ...]:
    """The numbers (from 0, as the engine splits lines) of ``body``'s lines that come from a
    quotation, a code block, a term or a caption of ``html`` (see the module's docstring)."""
    if not _ANY_MARKED.search(html):
        return ()
    marked = Counter(_key(text) for node in LexborHTMLParser(html).css(_MARKED) for text in _lines(node))
    marked.pop("", None)
    if not marked:
        return ()
    keys = [_key(_LIST_ITEM.sub("", line, count=1)) for line in split_lines(body)]
    seen = Counter(keys)
    return tuple(n for n, key in enumerate(keys) if key in marked and seen[key] <= marked[key])


def _lines(node: Node) -> list[str]:
    """The lines ``node`` gives in trafilatura's text: each of a ``<pre>`` block's, each
    paragraph of a quotation, the whole of a term or a caption."""
    if node.tag == "pre":
        return node.text(deep=True).split("\n")
    if node.tag == "blockquote":  # a quotation is words; a link in one is a "Read more" box
        texts = [
            text for text, linked in paragraphs(node.iter(include_text=True)) if not _linked(text, linked)
        ]
        return [] if texts and _site_calls(node, texts) else texts
    return [node.text(deep=True)]


def _site_calls(node: Node, texts: list[str]) -> bool:
    """Whether the quotation ``node``, of paragraphs ``texts``, is the site's callout: each
    paragraph a call in its own voice, no colon introducing it, no source named in it."""
    if not all(_SITE_CALL.match(text) for text in texts) or node.css_first(_SOURCE) is not None:
        return False
    return colon_led(node) is None


def _linked(text: str, linked: str) -> bool:
    """More than half of the paragraph's words are in links (as a list of links is no
    prose in :func:`cleaner.html.prune.paragraphs`' callers)."""
    return 2 * count_words(linked) > count_words(text)


def _key(text: str) -> str:
    """``text`` without its spaces, when it holds a letter or a digit: trafilatura and
    lexbor space the words of inline elements differently."""
    return "".join(text.split()) if _LETTER.search(text) else ""
