"""Templates for lines whose digits (or spacing) vary."""

from __future__ import annotations

import regex

from cleaner.learn.rules import template


def test_a_template_matches_every_number_and_nothing_else() -> None:
    pattern = regex.compile(template("Comments (12)", "Comments (3)"))
    assert pattern.pattern == r"^\s*Comments \(\d+\)\s*$"
    assert pattern.search("Comments (4071)") and pattern.search("  Comments (0) ")
    assert not pattern.search("Comments (many)") and not pattern.search("No Comments (3) here")


def test_spacing_is_loose_only_when_it_varied() -> None:
    assert template("Page 1 of 2", "Page 2 of 7") == r"^\s*Page \d+ of \d+\s*$"
    loose = regex.compile(template("Page 1  of 2", "Page 1 of 2"))
    assert loose.search("Page 1 of 2") and loose.search("Page 3\tof 9")
