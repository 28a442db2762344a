"""A matcher's regex values searched one by one, for the ``stop-at`` of a cut.

The engine joins a matcher's values into one alternation, ``(?:a)|(?:b)|...``: one
search a line for a rule's marker. A cut's ``stop-at`` is searched on every live line of
its reach, and there the alternation costs more than its parts: one value that is not
anchored at the line's start (a citation's "(Profile, 2015)" at its end) makes ``regex``
try every value at every position, and under a rule's case folding the values' own
scans add up. On the evaluation pages' lines, ``related.list-heading``'s five stop
values took 42.9 us a line as one alternation and 4 us one by one. A line stops the cut
when any value matches it, so the answer is the same.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex


class Alternatives:
    """Patterns searched in turn; ``search`` answers as one alternation of them would
    (a match, or None), each search under the same ``timeout``."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: Sequence[regex.Pattern[str]]) -> None:
        self.patterns = tuple(patterns)

    def search(self, text: str, timeout: float | None = None) -> regex.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.search(text, timeout=timeout)
            if found is not None:
                return found
        return None
