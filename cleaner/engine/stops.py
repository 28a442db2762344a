"""The ``stop-at`` guard of a cut: lines its rule names as no part of what it cuts.

``stop-at-prose`` tells the article by its shape (long lines, sentences); some lines
that end a cut's reach have no such shape, but a form the pack can name. A council's
"Have your say" heads a consultation's details ("Online: council.gov.uk/plan",
"Closing date: 14 March"), short lines like a thread's, and none of them is a
reader's comment. So a cut ends before the first line its ``stop-at`` matcher
matches, and what follows stays, as where the article resumes.
"""

from __future__ import annotations

from collections.abc import Callable


def first_stop(start: int, end: int, live: Callable[[int], bool], stops: Callable[[int], bool]) -> int | None:
    """The first ``live`` line after ``start`` and before ``end`` that ``stops`` the
    cut; None when none does."""
    return next((j for j in range(start + 1, end) if live(j) and stops(j)), None)
