"""Which alternatives of a relaxed pattern start at the start of a line.

The scanner (:mod:`cleaner.scan.scanner`) searches those behind a literal line break,
where RE2 skips from one line break to the next with memchr; the others need a
search that reads every byte. This module reads the RE2 sources that
:mod:`cleaner.scan.prefilter` writes, a small dialect of our own in which every
character is a ``\\x{..}`` escape, so that parentheses and bars are only syntax.
How a pattern is split only decides how fast its lines are found, never whether.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

_ANCHOR = "(?m:^)"
_BROAD = 40  # a line-start pattern whose first character may be this many letters is searched with the others
_LEADING_RUN = re.compile(r"\(\?:\[[^\]]*\]\)\{0,\}")  # "(?:[class]){0,}" in front: a run of spaces, bars
_REPEAT = re.compile(r"\{(\d+),\d*\}")
_STRUCTURE = re.compile(r"\[[^\]]*\]|[()|]")  # a class, or a character of the syntax
_RANGE = re.compile(r"\\x\{([0-9A-F]+)\}(?:-\\x\{([0-9A-F]+)\})?")


def by_start(sources: Sequence[str]) -> tuple[list[str], list[str]]:
    """The alternatives of ``sources`` that start at the start of a line (without
    that anchor) and open narrowly, and the others."""
    starts, others = [], []
    for source in sources:
        for alternative in _alternatives(source):
            rest = alternative[len(_ANCHOR) :]
            if alternative.startswith(_ANCHOR) and _narrow(_LEADING_RUN.sub("", rest, count=1)):
                starts.append(rest)
            else:
                others.append(alternative)
    return starts, others


def _narrow(source: str) -> bool:
    """Whether ``source`` (past a line's leading run of spaces or bars) opens with
    one of a few characters: a line-start pattern that opens with "any letter"
    (a flattened menu: ``[^|]{0,30}\\|...``) keeps the automaton awake through every
    line, where one that opens with a word lets RE2 skip to the next line break.
    Only a matter of speed: the line is found either way."""
    if not source:
        return False
    if source.startswith("\\x{"):
        return True
    if source.startswith("["):
        end = source.index("]")
        return _letters(source[: end + 1]) < _BROAD and _then(source, end + 1)
    if source.startswith("(?:"):
        end = _closing(source, 0)
        return all(_narrow(a) for a in _alternatives(source[3:end])) and _then(source, end + 1)
    return False


def _then(source: str, end: int) -> bool:
    """A part that may be skipped (``{0,...}``) leaves what follows to open the match too."""
    match = _REPEAT.match(source, end)
    if match is None:
        return True
    return match.group(1) != "0" or _narrow(source[match.end() :])


def _letters(char_class: str) -> int:
    """How many of the 52 ASCII letters a class of our dialect takes in."""
    if char_class.startswith("[^"):
        return 52
    taken = 0
    for low, high in _RANGE.findall(char_class):
        a, b = int(low, 16), int(high or low, 16)
        taken += sum(1 for c in range(max(a, 0x41), min(b, 0x7A) + 1) if chr(c).isalpha())
    return taken


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a source, groups around the whole of one opened."""
    parts, last = [], 0
    for i, char, depth in _syntax(source):
        if char == "|" and depth == 0:
            parts.append(source[last:i])
            last = i + 1
    parts.append(source[last:])
    if len(parts) > 1:
        return [alternative for part in parts for alternative in _alternatives(part)]
    if source.startswith("(?:") and _closing(source, 0) == len(source) - 1:
        return _alternatives(source[3:-1])
    return [source]


def _closing(source: str, opening: int) -> int:
    """The index of the parenthesis that closes the one at ``opening``."""
    for i, char, depth in _syntax(source, opening):
        if char == ")" and depth == 0:
            return i
    return -1


def _syntax(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, character, depth after it) of the parentheses and bars from ``start``
    on, outside classes (which hold only escapes, ranges and ``^``), depth counted
    from ``start``."""
    depth = 0
    for match in _STRUCTURE.finditer(source, start):
        char = match.group()
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char != "|":
            continue  # a class
        yield match.start(), char, depth


def either(sources: Sequence[str]) -> str:
    return "(?:" + "|".join(f"(?:{s})" for s in sources) + ")"
