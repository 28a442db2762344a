"""The ``stop-at`` guard of a cut: lines its rule names as no part of what it cuts.

``stop-at-prose`` tells the article by its shape (long lines, sentences); some lines
that end a cut's reach have no such shape, but a form the pack can name. A council's
"Have your say" heads a consultation's details ("Online: council.gov.uk/plan",
"Closing date: 14 March"), short lines like a thread's, and none of them is a
reader's comment. So a cut ends before the first line its ``stop-at`` matcher
matches, and what follows stays, as where the article resumes. When that line is the
first under the marker, the marker heads it ("Quick links" over "Council tax: 01234 567
200", "Have your say" over "Residents can comment until 15 August."): it is the title of
the article's section, and no cut opens there (:func:`heads_stop`). A paragraph just
above it leads into it and stays with it (:func:`led_in`): a newsletter's closing
paragraph over the head teacher's sign-off.
"""

from __future__ import annotations

from collections.abc import Callable

from cleaner.engine.guard import heads_section
from cleaner.engine.lines import Lines, first_live


def first_stop(start: int, end: int, live: Callable[[int], bool], stops: Callable[[int], bool]) -> int | None:
    """The first ``live`` line after ``start`` and before ``end`` that ``stops`` the
    cut; None when none does."""
    return next((j for j in range(start + 1, end) if live(j) and stops(j)), None)


def heads_stop(at: int, end: int, live: Callable[[int], bool], stops: Callable[[int], bool]) -> bool:
    """Whether the first ``live`` line under the marker at ``at`` (before ``end``) is one
    that ``stops`` the cut: then the marker is the title of what the article says there."""
    below = first_live(range(at + 1, end), live)
    return below is not None and stops(below)


def led_in(
    lines: Lines,
    start: int,
    stop: int,
    words: int,
    *,
    live: Callable[[int], bool],
    own: Callable[[int], bool],
) -> int:
    """Where a cut from ``start`` that ``stop-at`` ends at ``stop`` ends: before the line
    just above, when it is a paragraph of ``words`` words or more that ends as a sentence
    ("Thank you for your support this year. We will send ..." over "Mrs K. Patel,
    Headteacher"): the article's, leading into what the rule names. A list's title does
    not end so."""
    above = first_live(range(stop - 1, start, -1), live)
    if above is None or own(above) or not heads_section(lines[above], words):
        return stop
    return above
