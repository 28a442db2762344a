"""A markdown table's header row and the separator line under it: no rule's match.

trafilatura writes an HTML table as markdown: its first row, then a separator line
(``|---|---|``), then the other rows. A header row is often a list of short labels
("| Print | Email | RSS |", "| Facebook | Twitter |"), which is just what page-tool
and social rules look for; dropping it left the separator orphaned, so the table no
longer parsed and its figures had no labels. A header's words say nothing about
boilerplate, only its place does, so the engine keeps the header and its separator
whatever a rule says: no drop-line or strip takes them, and neither is the marker of
a cut, a member of a cluster or a block's start or end. A cut from a marker above the
table still takes all of it, header, separator and rows together.

Both lines are told as they stand when a rule looks at them. A rule never removes
either, and a cut that takes one takes the other (it starts at a marker, which
neither is), so what is a header in one pass is one in the next: cleaning stays
idempotent.

Two more things are told here. No drop-line rule takes a row under a header
(:class:`DataRows`): a data table's row can look like a layout row (the row under a
``rowspan`` cell starts with an empty cell, "|  | Winter Hours | © 2010 Faber |"), or
like a promo line (a UX study's "| Thanks for subscribing! | 41% |"). A rule with
``keep-data-rows`` also leaves a row written with bare pipes over a row of its width that stays
(:func:`in_bare_table`: a table exported as text, its header of words no menu when
the row under it is data), and an item of the article's own list
(:mod:`cleaner.engine.lists`). And a
separator left with no row of its table next to it (:func:`lone_separator`) goes
with the row a rule took: a one-cell footer box over "|---|" left the separator
alone in the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Sequence

from cleaner.engine.lines import Lines

# One cell of a separator: hyphens, maybe a colon at either end (alignment), spaces
# around. Each part takes characters the next cannot, so a match never backtracks
# (a line of a million spaces and pipes is read once).
_CELL = r"[ \t]*+:?-+:?[ \t]*+"
# GitHub's form: a leading pipe ("|---|", "| :-- |"), or two cells or more between
# pipes ("---|---"). One cell with a trailing pipe only ("- |") is a list item of
# trafilatura's, and a line of hyphens alone ("---") a rule or a heading's underline.
_SEPARATOR = re.compile(rf"\|{_CELL}(?:\|{_CELL})*+\|?|{_CELL}(?:\|{_CELL})++\|?")


def is_separator(line: str) -> bool:
    """Whether ``line`` is a markdown table's separator line (``|---|:--:|``)."""
    return "-" in line and _SEPARATOR.fullmatch(line.strip(" \t")) is not None


def heads_table(lines: Lines, i: int) -> bool:
    """Whether line ``i`` is a table's header row (a row of two filled cells or more
    directly above a separator line) or that separator. Only a line with a ``|`` can be
    either: the caller, which asks about every line a rule may match, tests that first.

    trafilatura writes a separator under the first row of every table, layout tables
    too: a one-cell row over one ("| Copyright © 2008 NAME. All rights reserved. |",
    "|---|") is an old page's footer box, not a header that labels columns."""
    if i + 1 < len(lines) and is_separator(lines[i + 1]):
        return _labels_columns(lines[i])
    return i > 0 and is_separator(lines[i]) and _labels_columns(lines[i - 1])


def _labels_columns(row: str) -> bool:
    """Whether ``row`` has two filled cells or more (split at its pipes)."""
    return sum(1 for cell in row.strip(" \t|").split("|") if cell.strip()) >= 2


def is_row(line: str) -> bool:
    """Whether ``line`` is a row (or separator) of a table as trafilatura writes one:
    it starts with a pipe."""
    return line.lstrip(" \t").startswith("|")


def _width(row: str) -> int:
    """A row's cells: its pipes less one, a pipe escaped in a cell's text (``\\|``)
    being no border. trafilatura writes every row of a table, and the separator
    under its header, as wide as the table (a ``rowspan`` or ``colspan`` cell leaves
    empty cells, never fewer), so rows of one width in a run are rows of one table."""
    return row.count("|") - row.count("\\|") - 1


class DataRows:
    """Which rows of a document's tables lie under a table's header: data, not layout.

    A row is a data row when the lines above it, up to a separator under a header
    (:func:`heads_table`), are rows of its own width: trafilatura writes one table as
    consecutive lines, its rows all of the table's width. A line that is no row (a
    paragraph, a blank line), a row of another width (another table, written right
    after this one) or a separator under a one-cell row (a layout box's) ends the
    search: the row is no data row. Lines a rule has removed are passed over, as the
    next pass will not see them: a block that took a table's header takes the
    protection of the rows under it with it, in this pass as in the next.

    What is learnt about a line holds for the whole pass: rules remove rows, never a
    header or a separator, and what the search passed over leads to the same answer
    from any row below it. So every line is looked at once a pass, however many rows
    are asked about (a table of 100,000 rows is no 100,000 walks to its top).
    """

    def __init__(self, lines: Lines, removed: Sequence[int]) -> None:
        self._lines = lines
        self._removed = removed
        self._known: dict[int, tuple[int, bool]] = {}  # line -> (width of its run, data or not)

    def __contains__(self, i: int) -> bool:
        line = self._lines[i]
        if not is_row(line) or is_separator(line):
            return False  # a separator is never learnt about: the rows under it stop there
        width, known, removed, lines = _width(line), self._known, self._removed, self._lines
        passed = [i]
        data = False
        j = i - 1
        while j >= 0:
            if j in known:
                data = known[j] == (width, True)
                break
            if removed[j]:
                passed.append(j)
                j -= 1
                continue
            above = lines[j]
            if not is_row(above) or _width(above) != width:
                break
            if is_separator(above):
                data = heads_table(lines, j)
                break
            passed.append(j)
            j -= 1
        for k in passed:
            known[k] = (width, data)
        return data


def bare_width(line: str) -> int:
    """The cells of a row written with bare pipes, as a text export writes a table
    ("Today | Tonight | Tomorrow": no pipe at its start, a space either side of each);
    0 for any other line."""
    if " | " not in line or is_row(line):
        return 0
    return line.count("|") - line.count("\\|") + 1


def in_bare_table(
    lines: Lines, removed: Sequence[int], i: int, *, own: Callable[[int], bool], others: Callable[[int], bool]
) -> bool:
    """Whether line ``i``, a row written with bare pipes, heads a row of its width: the
    nearest line below that stays is one, and neither the rule asking (``own``) nor any
    other drop-line rule (``others``) takes it. A forecast's "Today | Tonight |
    Tomorrow" over "Sunny spells | Clear, frost | Rain later" is a table's header; a
    menu's row has no such row under it, or one taken as well (two menus of one width).

    Only the row below counts: a row of words heads the data under it, and a footer
    menu right under a table's last row ("Brook Lane | 8am | 6pm" over "Home | News |
    Sport") heads nothing. What the rule asks is told from each line alone, so the
    answer is the same in the next pass."""
    width = bare_width(lines[i])
    if width < 2:
        return False
    j = _kept_next(removed, i, 1, ())
    return j is not None and bare_width(lines[j]) == width and not own(j) and not others(j)


def lone_separator(lines: Lines, removed: Sequence[int], i: int, gone: Container[int] = ()) -> bool:
    """Whether line ``i`` is a separator with no row of its table left next to it (the
    nearest lines above and below that stay are no rows with cells), and no header
    above it: what it separated is gone.

    ``gone``: separators already found lone and removed. Beyond one of them no row is
    left (that is why it went), so the search stops there: a stack of a thousand
    one-cell boxes over separators is no thousand walks over the lines gone before."""
    line = lines[i]
    if not is_separator(line) or heads_table(lines, i):
        return False
    return not any(
        _holds_cells(lines[j])
        for j in (_kept_next(removed, i, -1, gone), _kept_next(removed, i, 1, gone))
        if j is not None
    )


def _holds_cells(line: str) -> bool:
    """A row with cells, not another table's separator (a stack of one-cell boxes over
    separators leaves only separators when its rows go: none is any table's)."""
    return is_row(line) and not is_separator(line)


def _kept_next(removed: Sequence[int], i: int, step: int, gone: Container[int]) -> int | None:
    """The nearest line from ``i`` in the direction ``step`` that is not removed (None:
    none, or a lone separator that went comes first)."""
    j = i + step
    while 0 <= j < len(removed) and removed[j]:
        if j in gone:
            return None
        j += step
    return j if 0 <= j < len(removed) else None
