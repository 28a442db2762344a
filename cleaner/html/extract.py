"""HTML in, article body text out: decode, prune, extract.

With :mod:`cleaner.html.prune`, the only module that imports selectolax, trafilatura
or lxml; ``cleaner.api`` imports it lazily, so text mode never pays for them.

1. :func:`cleaner.html.decoding.decode_page`: bytes to text (BOM, then the page's
   declared charset, then detection), for a caller that gives bytes.
2. ``prune_page`` (:mod:`cleaner.html.prune`): nodes matching the packs' CSS selectors are removed with
   selectolax, and each one that held text is reported (:class:`Pruned`), so that
   a prune rule's removals are recorded like any other rule's. No selector lives
   here: they all come from ``prune`` rules, so a new one never needs a Python change.
   A node in running text (an affiliate link or a tooltip inside a sentence, or the
   whole text of a heading, a table cell or a glossary's term) is never removed,
   whatever matched it: :mod:`cleaner.html.running_text`.
3. ``extract_page``: trafilatura on the pruned page, offline, with the settings in
   ``_TRAFILATURA`` (chosen by measurement, see there); a body that repeats itself is
   replaced by trafilatura's own extraction, without its fallbacks (``_extract_text``).
4. :func:`cleaner.html.marked.marked_lines`: the body's lines the page marks as quoted,
   code or a glossary's term, which the text rules then leave.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex
import trafilatura

from cleaner.errors import InputError
from cleaner.html.decoding import decode_page
from cleaner.html.marked import marked_lines
from cleaner.html.page import Page, Prune
from cleaner.html.prune import prune_page
from cleaner.html.prune import selector_error as selector_error  # what ``rules check`` asks html_support()
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
    return Page(body, tuple(pruned), *read, marked=marked_lines(page, body))


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
