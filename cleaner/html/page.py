"""What an extraction returns: the body and the nodes pruned from the page.

Plain tuples in a module of their own: the sandbox's child pickles them, and the
parent that unpickles them imports this module, not :mod:`cleaner.html.extract`
with trafilatura, selectolax and lxml (0.3 s and 20 MB for every process that
cleans HTML, before its first page).
"""

from __future__ import annotations

from typing import NamedTuple


class Pruned(NamedTuple):
    """A node a selector removed, for the removal records: which selector (its index
    in the list given), the start of its text (whitespace made single spaces, at
    most :data:`cleaner.html.prune.PRUNED_TEXT` characters) and how many characters that text had."""

    index: int
    text: str
    chars: int
    words: int = 0  # all the node's words, which ``--max-loss`` counts as lost


class Prune(NamedTuple):
    """What a prune rule removes: nodes matching ``selector`` (CSS) that hold at most
    ``max_words`` words (None: any number) and, with ``keep_sections``, no heading or
    toggle with prose before and after it; with ``keep_introduced``, none that a
    paragraph of prose ending with a colon introduces, with prose after it. A rule for
    notices says what a notice is: a node longer than that, a section between the
    article's paragraphs or an example the article shows, is what its class name happens
    to match (a review's ``affiliate-product`` card, a ``cookie-recipe-card``, a guide's
    ``breadcrumb-example``), not what the rule is for; so is a series of boxes alike over
    most of their article (a roundup's product cards, an explainer's cases:
    :func:`cleaner.html.prune.prune_page`). ``rule`` names the rule (its selectors are one
    ``Prune`` each, and count together)."""

    selector: str
    max_words: int | None = None
    keep_sections: bool = False
    keep_introduced: bool = False
    rule: str = ""


class Page(NamedTuple):
    """The article body, and the text-bearing nodes pruned before extracting it; for a
    page given as bytes, the encoding that read it and how many bytes were not valid
    there (:class:`cleaner.html.decoding.Decoded`); the body's lines the page marks as
    quoted, code or a term."""

    body: str
    pruned: tuple[Pruned, ...] = ()
    encoding: str | None = None
    invalid: int = 0
    # lines of ``body`` (numbered from 0) the page marks as quoted, code or a term, which
    # no text rule may match (:mod:`cleaner.html.marked`)
    marked: tuple[int, ...] = ()
