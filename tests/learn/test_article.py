"""Repeated lines that are article text: datelines, bylines, credits, quotes."""

from __future__ import annotations

import pytest

from cleaner.learn.article import article_reason
from cleaner.learn.thresholds import DEFAULT


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Updated January 5, 2010", "dateline"),
        ("3 March 2014 Last updated at 09:15 GMT", "dateline"),
        ("Wed Sep 9, 7:05 AM PT", "dateline"),
        ("By Jane Porter", "byline"),
        ("Interview by Dana Whitfield", "byline"),
        ("The Associated Press contributed to this report.", "credit"),
        ("Special to the Daily Example", "credit"),
        ('"We will rebuild the bridge," the mayor said.', "quote"),
        ("Story continues below", "continuation"),
        ("| | art |", "too few words"),
        ("ADVERTISEMENT", "too few words"),
        # chrome, whatever words it shares with the above
        ("You may also like these 5 stories", None),
        ("Copyright 2010 Reuters. All rights reserved.", None),
        ("Posted 3 hours ago", None),
        ("Powered By | Delivered By", None),
        ("Sign up for our newsletter", None),
    ],
)
def test_article_reason(line: str, reason: str | None) -> None:
    assert article_reason(line, DEFAULT) == reason
