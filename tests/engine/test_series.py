"""The spare-series guard: is a line above a cluster's start one the rule matches?"""

from __future__ import annotations

import pytest

from cleaner.engine.series import all_forms_differ, signed_above


@pytest.mark.parametrize(
    ("start", "candidates", "members", "expected"),
    [
        (5, [1, 6, 7], {1, 6, 7}, True),  # the first entry signed above the cluster
        (5, [6, 7, 8], {6, 7, 8}, False),  # every signature is in the thread
        (5, [2, 6, 7], {6, 7}, False),  # a candidate above that the rule does not match
        (5, [5, 6], {5, 6}, False),  # the start itself is not above it
        (5, [], set(), False),
    ],
)
def test_signed_above(start: int, candidates: list[int], members: set[int], expected: bool) -> None:
    assert signed_above(start, candidates, members.__contains__) is expected


def test_stops_asking_at_the_start() -> None:
    asked: list[int] = []

    def member(i: int) -> bool:
        asked.append(i)
        return False

    assert not signed_above(3, [0, 2, 4, 9], member)
    assert asked == [0, 2]


def test_only_lines_below_the_first_paragraph_count() -> None:
    # A byline above every paragraph (line 0, the paragraph at 1) signs the post, not an entry.
    assert not signed_above(5, [0, 6, 7], {0, 6, 7}.__contains__, after=1)
    assert signed_above(5, [0, 3, 6], {0, 3, 6}.__contains__, after=1)


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # the formats a guide shows: each once
        (
            [
                "Posted by Ann at 10:15 am",
                "Posted by: Tom | March 3, 2024 at 11:02 AM",
                "By Jo on 12/04/2024",
            ],
            True,
        ),
        # a thread's template: the same marks whatever the name, date and time
        (["Posted by: Ann | 3 March, 10:15", "Posted by: tom99 | 4 March, 11:02"], False),
        (["Ann says", "March 3, 2024 at 10:15 am | Reply", "Tom says"], False),
        # ...whatever marks the names hold (QA round S, S4)
        (
            [
                "Posted by: Tom | 3 March, 10:15",
                "Posted by: Mary-Jane | 3 March, 10:40",
                "Posted by: J. O'Neil | 3 March, 11:02",
            ],
            False,
        ),
    ],
)
def test_all_forms_differ(lines: list[str], expected: bool) -> None:
    assert all_forms_differ(lines) is expected
