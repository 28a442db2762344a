"""The stop-at guard: the first line in a cut's reach that its rule names."""

from __future__ import annotations

import pytest

from cleaner.engine.stops import first_stop


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
