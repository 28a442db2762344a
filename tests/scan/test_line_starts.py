"""How the scanner splits relaxed patterns into line-start ones and the others.

The split only decides how fast lines are found (tests/test_scanner.py holds the
results to the plain engine); here, that patterns land where they should.
"""

from __future__ import annotations

import regex

from cleaner.scan.line_starts import by_start
from cleaner.scan.prefilter import relax


def _split(*patterns: str) -> tuple[list[str], list[str]]:
    return by_start([relax(regex.compile(p)).source for p in patterns])


def test_a_line_start_pattern_loses_its_anchor() -> None:
    starts, others = _split(r"^\s*Read more")
    assert len(starts) == 1 and not others
    assert not starts[0].startswith("(?m:^)")


def test_alternatives_are_split_one_by_one() -> None:
    starts, others = _split(r"^\s*Tags:|\bvia @\w+|^More:")
    assert len(starts) == 2
    assert len(others) == 1


def test_a_pattern_that_is_not_anchored_everywhere_stays_whole() -> None:
    # the anchor is inside one branch of a group, not in front of the whole alternative
    starts, others = _split(r"(?:^|[.!?]\s)(\d+)(?: \1)+")
    assert not starts and len(others) == 1


def test_a_line_start_pattern_that_opens_with_any_letter_goes_with_the_others() -> None:
    # a flattened menu: its first item may start with any character but a bar
    menu, comments = (relax(regex.compile(p)).source for p in (r"^[\s|]*[^|\s][^|]{0,30}\|", r"^\s*Comments"))
    starts, others = by_start([menu, comments])
    assert others == [menu]
    assert starts == [comments.removeprefix("(?m:^)")]


def test_bars_and_parentheses_inside_classes_are_characters() -> None:
    starts, others = _split(r"^[|(]x|y[)|]")
    assert len(starts) == 1 and len(others) == 1
