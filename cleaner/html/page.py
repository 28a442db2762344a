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
    most :data:`cleaner.html.extract.PRUNED_TEXT` characters) and how many characters that text had."""

    index: int
    text: str
    chars: int


class Page(NamedTuple):
    """The article body, and the text-bearing nodes pruned before extracting it."""

    body: str
    pruned: tuple[Pruned, ...] = ()
