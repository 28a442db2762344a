"""The lines of a document as offsets into its text, and which lines of one pass
become which lines of the next.

A list with one ``str`` per line costs about 60 bytes a line on top of the text:
two million short lines took fifteen times their size. Here a line costs 4 bytes
(its start offset) and becomes a ``str`` only when the engine looks at it, which,
with the scanner, is a candidate line or a line at an edge. The output is cut from
the text in a few large slices, one per run of kept lines, not joined line by line.
Texts under a megabyte, nearly every document, stay a plain list of lines: there
the list is faster and its cost does not matter.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import accumulate, islice
from operator import add
from typing import TypeAlias

LONG = 1 << 20  # characters from which a text's lines are kept as offsets
_CHUNK = 1 << 20  # characters split at a time while finding line starts: bounds the pieces alive at once
Lines: TypeAlias = "ListLines | OffsetLines"
_plus_one = partial(add, 1)  # a line's length with its \n, without a Python-level call per line


def _starts(text: str) -> array[int]:
    """Where each line of ``text`` starts, then one past the end of the last line
    (counting its ``\\n``, which a final line without one is taken to have)."""
    starts = array("I" if len(text) < (1 << 32) - 1 else "Q", [0])
    for begin in range(0, len(text), _CHUNK):
        pieces = text[begin : begin + _CHUNK].split("\n")
        # every piece but the chunk's last ends at a line break inside this chunk
        starts.extend(islice(accumulate(map(_plus_one, map(len, pieces[:-1])), initial=begin), 1, None))
    if text and not text.endswith("\n"):
        starts.append(len(text) + 1)
    return starts


def lines_of(text: str) -> Lines:
    """The lines of ``text`` (split on ``\\n``; a final ``\\n`` makes no extra empty
    line), as a sequence of ``str`` that the engine may rewrite line by line.

    ``text`` must already have its line breaks normalised to ``\\n``. A text of less
    than a megabyte (nearly every document) is a plain list: a list is indexed in C,
    and finding the offsets cost more than the list they save. A longer one is kept
    as offsets.
    """
    return ListLines(text) if len(text) < LONG else OffsetLines(text)


class ListLines(list[str]):
    """The lines of a short text, one ``str`` each; see :func:`lines_of`."""

    __slots__ = ("first_rewritten", "text")

    def __init__(self, text: str) -> None:
        pieces = text.split("\n")
        if pieces[-1] == "":
            pieces.pop()
        super().__init__(pieces)
        self.text = text
        self.first_rewritten = len(pieces)  # lines before this one read as in ``text``

    def __setitem__(self, i: int, line: str) -> None:  # type: ignore[override]
        """Rewrite line ``i`` (a strip cut something out of it)."""
        super().__setitem__(i, line)
        self.first_rewritten = min(self.first_rewritten, i)

    def before(self, i: int) -> tuple[str, int]:
        """(text, end): the lines before line ``i`` are ``text[:end]``, without a
        copy when none of them was rewritten."""
        if i <= self.first_rewritten:
            return self.text, min(sum(map(len, self[:i])) + i, len(self.text))
        text = "\n".join(self[:i])
        return text, len(text)

    def cuts(self, runs: Sequence[range]) -> list[tuple[int, int] | str]:
        """The lines of ``runs``, each ending in ``\\n``, a string per run."""
        return ["\n".join(self[run.start : run.stop]) + "\n" for run in runs]


class OffsetLines:
    """The lines of a long text, as offsets into it; see :func:`lines_of`."""

    __slots__ = ("_rewritten", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = _starts(text)
        self._rewritten: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> str:
        line = self._rewritten.get(i)
        if line is None:
            line = self.text[self._starts[i] : self._starts[i + 1] - 1]
        return line

    def __setitem__(self, i: int, line: str) -> None:
        """Rewrite line ``i`` (a strip cut something out of it)."""
        self._rewritten[i] = line

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))

    def before(self, i: int) -> tuple[str, int]:
        """(text, end): the lines before line ``i`` are ``text[:end]``, without a
        copy when none of them was rewritten."""
        if any(k < i for k in self._rewritten):
            text = "\n".join(islice(self, i))
            return text, len(text)
        return self.text, min(self._starts[i], len(self.text))

    def cuts(self, runs: Sequence[range]) -> list[tuple[int, int] | str]:
        """What the lines of ``runs`` are made of, in order, each line ending in
        ``\\n``: spans of the text (a span per stretch of lines as they were) and
        the rewritten lines in between. :func:`assemble` makes them one string; the
        store can be let go first."""
        cuts: list[tuple[int, int] | str] = []
        rewritten = sorted(self._rewritten)
        starts = self._starts
        for run in runs:
            begin = run.start
            for i in islice(rewritten, bisect_right(rewritten, run.start - 1), None):
                if i >= run.stop:
                    break
                cuts += [(starts[begin], starts[i]), self._rewritten[i] + "\n"]
                begin = i + 1
            if begin < run.stop:
                cuts.append((starts[begin], starts[run.stop]))
                if starts[run.stop] > len(self.text):  # the text's last line, without its \n
                    cuts.append("\n")
        return cuts


def live_lines(indices: Iterable[int], live: Callable[[int], bool]) -> Iterator[int]:
    """Those of ``indices`` (line numbers, in the order to look) that are live lines,
    ones ``live`` tells are neither blank nor removed."""
    return (j for j in indices if live(j))


def first_live(indices: Iterable[int], live: Callable[[int], bool]) -> int | None:
    """The first of ``indices`` that is a live line (:func:`live_lines`); None if none is."""
    return next(live_lines(indices, live), None)


def assemble(text: str, cuts: Iterable[tuple[int, int] | str]) -> str:
    """The string that ``cuts`` (of :class:`ListLines` or :class:`OffsetLines`)
    describe, cut from ``text``."""
    return "".join(cut if isinstance(cut, str) else text[cut[0] : cut[1]] for cut in cuts)


class LineMap:
    """Which line of the previous pass each line of the next one is: the kept lines,
    as runs, numbered from 0 again."""

    __slots__ = ("_firsts", "_runs")

    def __init__(self, runs: Sequence[range]) -> None:
        self._runs = tuple(runs)
        self._firsts = tuple(
            accumulate((len(r) for r in self._runs), initial=0)
        )  # new number of each run's start

    def __len__(self) -> int:
        return self._firsts[-1]

    def old(self, new: int) -> int:
        """The previous pass's number of line ``new``."""
        k = bisect_right(self._firsts, new) - 1
        return self._runs[k].start + new - self._firsts[k]

    def new(self, olds: Iterable[int]) -> Iterator[tuple[int, int]]:
        """(old, new) for each of ``olds`` that was kept."""
        starts = [r.start for r in self._runs]
        for old in olds:
            k = bisect_right(starts, old) - 1
            if k >= 0 and old < self._runs[k].stop:
                yield old, self._firsts[k] + old - self._runs[k].start
