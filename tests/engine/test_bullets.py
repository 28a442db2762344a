"""A line's list marker, as trafilatura and markdown scrapers write a list's items."""

from __future__ import annotations

import pytest

from cleaner.engine.bullets import list_marker


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("- Ashford · Mon", "-"),
        ("* Ashford", "*"),
        ("  • Ashford", "•"),
        ("\u2013 Ashford", "\u2013"),
        ("1. Ashford", "1."),
        ("12) Ashford", "1)"),
        ("Ashford · Mon", None),
        ("-Ashford", None),  # no space after the mark
        ("2024. A year to forget", None),  # four digits: a year, no list number
        ("-- ", None),
    ],
)
def test_list_marker(line: str, marker: str | None) -> None:
    assert list_marker(line) == marker
