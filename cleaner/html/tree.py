"""The page as the lxml tree trafilatura extracts from, parsed as deep as libxml2 can.

trafilatura parses a page with libxml2's default limits, under which an element
nested 256 deep ends the parse: everything below it, and after it, is dropped
without an exception, so an article under 255 nested ``<div>``\\ s, or under 70 old
layout tables (``table > tbody > tr > td`` each), came out empty with exit 0 (QA
round P, P5). ``huge_tree`` (libxml2's XML_PARSE_HUGE) raises that to 2,048
levels, which :data:`cleaner.html.limits.HtmlLimits.max_depth` stays under; a page
deeper still is an InputError naming the cause, never an empty body. Otherwise the
tree is the one ``trafilatura.extract`` would make of the same string: its parser's
settings and its own repairs (``repair_faulty_html``: characters XML forbids, a
doctype libxml2 misreads).
"""

from __future__ import annotations

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, fromstring
from trafilatura.utils import repair_faulty_html

from cleaner.errors import InputError

PARSED_DEPTH = 2_048  # libxml2's limit with XML_PARSE_HUGE (256 without it)


def parse_page(page: str, name: str) -> HtmlElement | None:
    """``page`` as lxml's tree (None if it holds nothing); an InputError naming
    ``name`` if it is nested deeper than libxml2 parses."""
    page = repair_faulty_html(page, page[:50].lower())
    parser = _parser()  # one per page: its error log is this page's
    try:
        tree = fromstring(page, parser=parser)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree = fromstring(page.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:  # "Document is empty"
        return None
    limit = next((e for e in parser.error_log if e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT), None)
    if limit is not None:  # libxml2 stopped there: what follows would be lost without a word
        raise InputError(name, _beyond(limit.message))
    return tree


def _beyond(message: str) -> str:
    if "depth" in message:
        return f"HTML page has elements nested over {PARSED_DEPTH:,} deep, deeper than lxml parses; skipped"
    return f"HTML page is beyond what lxml parses ({message}); skipped"


def _parser() -> HTMLParser:
    """trafilatura's ``HTML_PARSER`` (trafilatura.utils), with ``huge_tree``."""
    return HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
