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
"""

from __future__ import annotations

import re

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
