"""The stop-at guard: the first line in a cut's reach that its rule names."""

from __future__ import annotations

import pytest

from cleaner.engine.lines import lines_of
from cleaner.engine.stops import first_stop, heads_stop, led_in


@pytest.mark.parametrize(
    ("live", "named", "expected"),
    [
        ({1, 2, 3, 4}, {3}, 3),
        ({1, 2, 4}, {3, 4}, 4),  # a removed or blank line stops nothing
        ({1, 2, 3, 4}, {0, 5}, None),  # the cut's first line and lines past its end do not count
        ({1, 2, 3, 4}, set(), None),
    ],
)
def test_first_stop(live: set[int], named: set[int], expected: int | None) -> None:
    assert first_stop(0, 5, live.__contains__, named.__contains__) == expected


@pytest.mark.parametrize(
    ("live", "named", "expected"),
    [
        ({1, 2, 3}, {1}, True),  # the first line under the marker is one stop-at names
        ({2, 3}, {2}, True),  # a blank or removed line between them does not count
        ({1, 2, 3}, {2}, False),  # a line under another: the marker opens a cut
        ({1, 2, 3}, {0}, False),  # the marker itself
        (set(), {1}, False),  # nothing under it
    ],
)
def test_heads_stop(live: set[int], named: set[int], expected: bool) -> None:
    assert heads_stop(0, 4, live.__contains__, named.__contains__) is expected


LETTER = (
    "Other News\n"
    "- Clubs finish on Friday\n"
    "Thank you for your support this year. We will send the autumn dates home next month.\n"
    "Mrs K. Patel, Headteacher\n"
)


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        (LETTER, 10, 2),  # the closing paragraph leads into the sign-off and stays with it
        (LETTER, 30, 3),  # shorter than the rule's paragraph: the cut takes it
        (LETTER.replace("next month.", "next month"), 10, 3),  # no sentence's end: a title
    ],
)
def test_led_in(text: str, words: int, expected: int) -> None:
    lines = lines_of(text)
    assert led_in(lines, 0, 3, words, live=lambda j: True, own=lambda j: False) == expected


def test_led_in_leaves_a_line_the_rule_takes() -> None:
    lines = lines_of(LETTER)
    assert led_in(lines, 0, 3, 10, live=lambda j: True, own=lambda j: j == 2) == 3
