"""The time limits of cleaning one document: per pattern call, and for the whole run.

Each pattern call on a line gets ``timeout`` seconds per started million characters
of the line (a linear pattern needs longer on a longer line), and the whole document
gets a budget: by default ``DOCUMENT_TIMEOUT_FACTOR`` times ``timeout`` per started
100,000 characters of the document, some 100 times what the bundled packs need on
ordinary text and still several times on a document of two-character lines. So
many lines, each just under the per-call limit, cannot hang a pipeline either.
"""

from __future__ import annotations

import time

from cleaner.errors import RuleTimeoutError

DOCUMENT_TIMEOUT_FACTOR = 20  # a document: this many line timeouts per started DOCUMENT_CHUNK characters
DOCUMENT_CHUNK = 100_000
_MILLION = 1_000_000


class TimeBudget:
    """The time limits of one document: per pattern call, and for the whole run.

    It also keeps the time each rule spent, so that a spent budget is blamed on the
    rule that used most of it, not on whichever rule happened to run last.
    """

    def __init__(self, timeout: float, document_timeout: float | None, size: int) -> None:
        self.timeout = timeout
        if document_timeout is None:
            document_timeout = DOCUMENT_TIMEOUT_FACTOR * timeout * (1 + size // DOCUMENT_CHUNK)
        self.document_timeout = document_timeout
        self.deadline = time.monotonic() + document_timeout
        self.spent: dict[str, float] = {}
        self._started = 0.0

    def limit(self, rule_id: str, line: str) -> float:
        """Seconds the next pattern call on ``line`` may take; raises once the budget is spent."""
        self._started = time.monotonic()
        left = self.deadline - self._started
        if left <= 0:
            raise self.expired(rule_id)
        return min(self.timeout * (1 + len(line) // _MILLION), left)

    def stop(self, rule_id: str) -> None:
        """The pattern call that ``limit`` allowed is over: book its time."""
        self.spent[rule_id] = self.spent.get(rule_id, 0.0) + time.monotonic() - self._started

    def expired(self, rule_id: str) -> RuleTimeoutError:
        """The error for a pattern call that ran out of time, per line or per document."""
        self.stop(rule_id)
        if time.monotonic() >= self.deadline:
            culprit = max(self.spent, key=self.spent.__getitem__)
            return RuleTimeoutError(culprit, self.document_timeout, whole_document=True)
        return RuleTimeoutError(rule_id, self.timeout)
