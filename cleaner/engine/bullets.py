"""A line's list marker: how trafilatura and markdown scrapers write a list's items.

trafilatura writes an HTML list item as "- …"; other scrapers and markdown exports
write "* …" or "1. …". Two stages ask for it: the items of a list the article writes
(:mod:`cleaner.engine.lists`), and a cut's guard, for which a list's last teaser is
written as the list's other items, and the article's closing paragraph under a bulleted
list is not (:mod:`cleaner.engine.guard`).
"""

from __future__ import annotations

import regex

# A list item's marker, a space, then text: a bullet (hyphen, asterisk, plus, the
# typographic bullets, an en or em dash) or a number of up to three digits with a full
# stop or a bracket ("1.", "12)"). Group 1 is the bullet, group 2 the number's mark.
_MARKER = regex.compile(r"[ \t]*+(?:([-*+•◦▪‣\u2013\u2014])|\d{1,3}([.)]))[ \t]++\S")


def list_marker(line: str) -> str | None:
    """The marker of ``line`` as a list item ("-", "*", "•"…, "1." for any number with
    a full stop, "1)" with a bracket); None when the line is no list item."""
    found = _MARKER.match(line)
    if found is None:
        return None
    return found[1] or "1" + found[2]
