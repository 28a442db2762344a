"""A fenced code block (markdown's ```` ``` ```` or ``~~~``): no rule's match, no cut's.

An article about the web shows its boilerplate as code: a template with a "Follow
us on Twitter" link in it, a widget's markup with "Read more" inside. A rule that
took such a line out of the block left the code broken (``<div class="cta">`` and
``</div>`` with nothing between them). A fence is a mark no boilerplate carries: on
the evaluation pages (both halves, and ``sites/``) no line of any extracted body
opens one. So the engine keeps a fenced block whole, whatever the packs say: no
drop-line or strip takes a line of it (its fences included), none is a cut's marker,
a cluster's member or a block's start or end, and a cut from a marker above it ends
where the block opens (what follows stays, as where the article resumes; another
pass may find a later marker below the block). Unless the thread goes on under the
block: a reader's comment on a developer's blog holds a snippet, and the line right
after the block is one the cut's rule matches (a cluster's signature) or one a
drop-line rule takes ("Reply"), where an article resumes on its own lines. Then the
cut passes over the block, which stays, and goes on below it as far as its guard
lets it.

A block is told as CommonMark tells it: an opening fence of three backticks or more
(with an info string holding no backtick, ```` ```html ````) or three tildes or more,
indented by up to three spaces, then lines up to a closing fence of the same
character, at least as long, with nothing after it but spaces. A fence with no
closing one is no block: a stray ```` ``` ```` line would otherwise keep every line
below it, the page's tail included. Rules never remove a line of a block, so the
blocks of one pass are the blocks of the next, and cleaning stays idempotent.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_OPENING = re.compile(r" {0,3}(?P<fence>`{3,}(?=[^`]*$)|~{3,})")
_CLOSING = re.compile(r" {0,3}(?P<fence>`{3,}|~{3,})[ \t]*")


class Fences:
    """The fenced code blocks of a document's lines, each as the range of its lines
    (both fences included)."""

    __slots__ = ("_blocks", "_starts")

    def __init__(self, blocks: Sequence[range]) -> None:
        self._blocks = tuple(blocks)
        self._starts = [block.start for block in self._blocks]

    def __contains__(self, i: int) -> bool:
        """Whether line ``i`` is a line of a block (or one of its fences)."""
        k = bisect_right(self._starts, i) - 1
        return k >= 0 and i in self._blocks[k]

    def block_at(self, opening: int) -> range:
        """The block whose opening fence is line ``opening`` (one :meth:`first_opening` gave)."""
        return self._blocks[bisect_right(self._starts, opening) - 1]

    def first_opening(self, start: int, end: int) -> int | None:
        """The opening fence of the first block after line ``start`` and before ``end``
        (where a cut from ``start`` must end); None when no block opens there."""
        k = bisect_right(self._starts, start)
        if k < len(self._starts) and self._starts[k] < end:
            return self._starts[k]
        return None


def fences_of(text: str, lines: Sequence[str]) -> Fences | None:
    """The fenced blocks of ``lines`` (the lines of ``text``, as the engine holds
    them), None when there is none: the engine asks about every line a rule may
    match, and a test for None costs it nothing. Looked for only when ``text`` holds
    three backticks or tildes in a row, which most documents do not."""
    if "```" not in text and "~~~" not in text:
        return None
    blocks: list[range] = []
    opened: tuple[int, str] | None = None
    for i, line in enumerate(lines):
        if opened is None:
            match = _OPENING.match(line)
            if match is not None:
                opened = (i, match["fence"])
            continue
        match = _CLOSING.fullmatch(line)
        fence = opened[1]
        if match is not None and match["fence"][0] == fence[0] and len(match["fence"]) >= len(fence):
            blocks.append(range(opened[0], i + 1))
            opened = None
    return Fences(blocks) if blocks else None
