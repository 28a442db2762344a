"""Templates for lines whose digits (or spacing) vary."""

from __future__ import annotations

import dataclasses

import regex

from cleaner.learn.counting import Counts, SiteCounts
from cleaner.learn.pages import read_page
from cleaner.learn.rules import site_rules, template
from cleaner.learn.thresholds import DEFAULT


def test_a_template_matches_every_number_and_nothing_else() -> None:
    pattern = regex.compile(template("Comments (12)", "Comments (3)"))
    assert pattern.pattern == r"^\s*Comments \(\d+\)\s*$"
    assert pattern.search("Comments (4071)") and pattern.search("  Comments (0) ")
    assert not pattern.search("Comments (many)") and not pattern.search("No Comments (3) here")


def test_spacing_is_loose_only_when_it_varied() -> None:
    assert template("Page 1 of 2", "Page 2 of 7") == r"^\s*Page \d+ of \d+\s*$"
    loose = regex.compile(template("Page 1  of 2", "Page 1 of 2"))
    assert loose.search("Page 1 of 2") and loose.search("Page 3\tof 9")


def _site(lines_on_two_pages: list[str]) -> SiteCounts:
    counts = Counts(DEFAULT)
    for n in range(10):
        prose = f"Story {'abcdefghij'[n]}: " + "the council met the farmers and the mayor spoke " * 3
        counts.add(read_page("\n".join([*(lines_on_two_pages if n < 2 else []), prose]), "a.com", DEFAULT))
    return counts.sites["a.com"]


def test_short_lines_need_short_min_pages_and_longer_ones_min_pages() -> None:
    site = _site(["Share this story with friends", "Share it"])
    few = dataclasses.replace(DEFAULT, min_pages=2, short_min_pages=3)
    learned = {r["drop-line"]["line"] for r in site_rules("a.com", site, few)[0]}
    assert learned == {"Share this story with friends"}
    assert site_rules("a.com", site, DEFAULT)[0] == []
