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
a page of unclosed paragraphs is not mistaken for a deep one.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleaner.errors import InputError
from cleaner.io.config import Setting


@dataclass(frozen=True)
class HtmlLimits:
    """Per page: bytes (characters of a decoded page), tags, and nesting depth.

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


_TAG = regex.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_FLAT = frozenset(
    b"area base br col embed hr img input link meta source track wbr "  # void elements
    # elements whose end tag is optional
    b"p li dt dd td th tr option optgroup rb rt rp thead tbody tfoot colgroup caption".split()
)


def check_page(html: str | bytes, name: str, limits: HtmlLimits) -> None:
    """Raise an InputError naming the page if it is over a limit."""
    data = html.encode("utf-8", "surrogatepass") if isinstance(html, str) else html
    if len(data) > limits.max_bytes:
        raise InputError(name, _over(f"{len(data):,} bytes", f"{limits.max_bytes:,}"))
    tags = data.count(b"<")
    if tags > limits.max_tags:
        raise InputError(name, _over(f"about {tags:,} tags", f"{limits.max_tags:,}"))
    depth = _depth(data, limits.max_depth)
    if depth > limits.max_depth:
        raise InputError(name, f"HTML page has elements nested over {limits.max_depth:,} deep; skipped")


def _over(what: str, limit: str) -> str:
    return f"HTML page has {what}, over the limit of {limit}; skipped"


def _depth(data: bytes, limit: int) -> int:
    """The deepest nesting of elements, counted up to just over ``limit``."""
    depth = deepest = 0
    for match in _TAG.finditer(data):
        closing, tag, selfclosed = match.groups()
        tag = tag.lower()
        if closing:
            depth = max(depth - 1, 0) if tag not in _FLAT else depth
        elif not selfclosed and tag not in _FLAT:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
    return deepest
