"""The ``spare-series`` guard of a cluster cut: a page signed alike from its top is
a series of entries, not an article with a thread under it.

A thread of reader comments is told by its signatures ("Posted by: NAME | DATE",
"NAME says"), but a live blog signs each of its entries the same way ("Posted by
NAME at 13:40"), and so does a forum page its question and every answer. What
tells them apart is where the first signature stands: below an article, a
thread's signatures all come after it; a series of entries has its first one
above where the cluster starts, in the page's own part (the first entry, the
question). So the cut only runs when no line above its start is one the rule
matches. The check runs only when a cluster was found, over the lines the
scanner already marked as the rule's candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable


def signed_above(start: int, candidates: Iterable[int], member: Callable[[int], bool]) -> bool:
    """Whether a line before ``start`` is a ``member`` of the cluster rule, trying only
    ``candidates`` (line numbers in order: the lines the rule may match)."""
    for i in candidates:
        if i >= start:
            return False
        if member(i):
            return True
    return False
