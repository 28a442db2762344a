"""The stop-at guard: the first line in a cut's reach that its rule names."""

from __future__ import annotations

import pytest

from cleaner.engine.stops import first_stop, heads_stop


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
