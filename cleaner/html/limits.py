"""What an HTML page may cost, checked in C-speed passes before it is parsed.

Parsing and extraction run in lexbor's and lxml's C code, where no Python time
limit reaches, and their cost grows with the page's size and nesting: 200,000
nested divs took 113 s, a 24 MB page of 3 million ``<p>`` over five minutes, a
20 MB page 651 MB of memory (issue 21). A page over one of these limits is
refused, named, before any of that starts; what gets past them is still bounded
by the sandbox's deadline (:mod:`cleaner.html.sandbox`).

Depth is counted on start and end tags, as a browser would nest them but
cheaper: void elements (``<br>``, ``<img>``...), self-closed tags, and elements
whose end tag is optional (``<p>``, ``<li>``, ``<td>``...) do not deepen it, so
a page of unclosed paragraphs is not mistaken for a deep one. What those hold
is deeper all the same: a table counts as the four levels the parser makes of it
(``table > tbody > tr > td``, the ``<tbody>`` implied), a list as two (``ul > li``),
so that the limit is the depth of the tree that is parsed (70 nested layout tables
are 280 levels, not 70: QA round P, P5).
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import accumulate, repeat

from cleaner.errors import InputError
from cleaner.io.config import Setting


@dataclass(frozen=True)
class HtmlLimits:
    """Per page: bytes (characters of a decoded page), tags (start tags, so about one
    per element), and nesting depth.

    Checked when made, as :class:`cleaner.Cleaner`'s own arguments are: a value of
    the wrong type is a TypeError, one out of range a SettingError, here and not as
    the same failure on every page."""

    max_bytes: int = 10 << 20  # real article pages are well under 2 MB
    max_tags: int = 250_000
    max_depth: int = 1_000
    timeout: float = 30.0  # seconds of parsing and extraction, enforced by the sandbox

    def __post_init__(self) -> None:
        for name, setting in _FIELDS.items():
            setting.require(f"HtmlLimits.{name}", getattr(self, name))


_FIELDS = {
    "max_bytes": Setting(int, "a whole number", low=1),
    "max_tags": Setting(int, "a whole number", low=1),
    "max_depth": Setting(int, "a whole number", low=1),
    # the bounds of the other time limits: "inf" would overflow the wait on the sandbox
    "timeout": Setting(float, "a number of seconds", low=0.001, high=86400),
}


# The standard library's re, not regex: findall with this plain pattern is 2.8 times
# faster in re on the dev pages.
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_FLAT = frozenset(
    b"area base br col embed hr img input link meta source track wbr "  # void elements
    # elements whose end tag is optional
    b"p li dt dd td th tr option optgroup rb rt rp thead tbody tfoot colgroup caption".split()
)
# Levels an element makes with the parts inside it whose end tag is optional.
_LEVELS = {b"table": 4, b"ul": 2, b"ol": 2, b"dl": 2, b"menu": 2}
_MOST_LEVELS = max(_LEVELS.values())


def check_page(html: str | bytes, name: str, limits: HtmlLimits) -> None:
    """Raise an InputError naming the page if it is over a limit."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if len(data) > limits.max_bytes:
        raise InputError(name, _over(f"{len(data):,} bytes", f"{limits.max_bytes:,}"))
    tags = data.count(b"<") - data.count(b"</")  # an element with its end tag is one tag
    if tags > limits.max_tags:
        raise InputError(name, _over(f"about {tags:,} tags", f"{limits.max_tags:,}"))
    depth = _depth(data, limits.max_depth)
    if depth > limits.max_depth:
        raise InputError(name, f"HTML page has elements nested over {limits.max_depth:,} deep; skipped")


def _over(what: str, limit: str) -> str:
    return f"HTML page has {what}, over the limit of {limit}; skipped"


def _depth(data: bytes, limit: int) -> int:
    """The deepest nesting of elements; 0 for a page of too few tags to be deeper than
    ``limit`` (it is not scanned).

    One C-level pass lists the tags, and the depth is a running sum of +1 (start tag)
    and -1 (end tag) that never goes below 0 (a stray end tag closes nothing): that
    walk is the running sum minus the lowest running sum so far, when it is below 0.
    A Python loop over the tags cost 3.2 ms on an average dev page, this 1.25 ms."""
    if data.count(b"<") * _MOST_LEVELS <= limit:
        return 0
    flat, levels = _FLAT, _LEVELS
    steps = [
        -levels.get(name, 1) if end else 0 if closed else levels.get(name, 1)
        for end, tag, closed in _TAG.findall(data)
        if (name := tag.lower()) not in flat
    ]
    sums = list(accumulate(steps))
    return max(map(operator.sub, sums, map(min, accumulate(sums, min), repeat(0))), default=0)
