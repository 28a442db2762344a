"""Fuzzing runs: the property tests' strategies with many more examples.

Run from the repository root (not part of the default test run, which only
collects ``tests/``)::

    .venv/bin/pytest fuzz/ -q                              # a few minutes: 2,000 examples each
    FUZZ_EXAMPLES=20000 .venv/bin/pytest fuzz/ -q -x       # longer
    .venv/bin/pytest fuzz/ -q --hypothesis-seed=1234       # replay one run

A failure prints the smallest input hypothesis found; add it as an ``@example``
to the matching test in ``tests/`` so that it stays fixed.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
