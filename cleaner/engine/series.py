"""The ``spare-series`` guard of a cluster cut: a page signed alike from its top is
a series of entries, not an article with a thread under it.

A thread of reader comments is told by its signatures ("Posted by: NAME | DATE",
"NAME says"), but a live blog signs each of its entries the same way ("Posted by
NAME at 13:40"). What tells them apart is where the first signature stands: below
an article, a thread's signatures all come after it; a live blog has its first one
above where the cluster starts, under the text of its first entry. So the cut only
runs when no line above its start, below a paragraph of the page (``after``), is one
the rule matches. A signature above every paragraph is the post's own byline
("Posted by NAME | DATE" over the article, as blog engines print it over each
comment too): that page is an article with a thread, and its thread goes. So does a
forum page whose question is signed above its text, like its answers. The check
runs only when a cluster was found, over the lines the scanner already marked as the
rule's candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import regex


def signed_above(
    start: int, candidates: Iterable[int], member: Callable[[int], bool], after: int = -1
) -> bool:
    """Whether a line between ``after`` and ``start`` is a ``member`` of the cluster rule,
    trying only ``candidates`` (line numbers in order: the lines the rule may match)."""
    for i in candidates:
        if i >= start:
            return False
        if i > after and member(i):
            return True
    return False


def all_forms_differ(lines: Iterable[str]) -> bool:
    """Whether no two of ``lines`` are written in the same form: the same marks between
    their words ("Posted by: NAME | DATE, TIME" is ``:|,:`` whatever the name and date).
    A thread's template signs every comment alike; a guide that shows the formats of a
    signature ("Posted by NAME at TIME", "Posted by: NAME | DATE at TIME", "Submitted by
    NAME on DATE - TIME") shows each once (``max-run``)."""
    forms = [_MARKS.sub("", _IN_NAMES.sub("", line)) for line in lines]
    return len(set(forms)) == len(forms)


# What a signature's form is made of: its marks, not its words or figures, nor the marks
# inside a name ("Mary-Jane", "O'Neil", the initial of "J. Smith"): one template signs
# "Posted by: Tom | …" and "Posted by: J. O'Neil | …" alike (QA round S, S4).
_MARKS = regex.compile(r"[\w\s]++")
_IN_NAMES = regex.compile(r"(?<=\p{L})[-'\u2019](?=\p{L})|(?<=\b\p{Lu})\.(?=\s)")
