"""A sentence that speaks of the site itself: its name, from its address or its
copyright line, or what it sells, which the page's own prose does not say."""

from __future__ import annotations

import pytest

from cleaner.learn.promo import promotes, site_names


@pytest.mark.parametrize(
    ("site", "lines", "names"),
    [
        ("valleygazette.co.uk", [], {"valleygazette"}),
        ("www.site.test", [], set()),  # a host under no known suffix: "www" names nothing
        ("example.co.uk", ["© 2026 Valley Gazette", "Home | News | Sport"], {"example", "valleygazette"}),
        (
            "nytimes.com",
            ["Copyright 2024 The New York Times Company"],
            {"nytimes", "newyorktimescompany", "newyorktimes"},
        ),
        (
            "example.com",
            ["© 2010-2024 Example News Group. All rights reserved."],
            {"example", "examplenewsgroup", "examplenews"},
        ),
        ("a.com", ["Copyright: all rights reserved"], set()),  # no name after the notice
    ],
)
def test_site_names(site: str, lines: list[str], names: set[str]) -> None:
    assert site_names(site, lines) == names


GAZETTE = site_names("example.co.uk", ["© 2026 Valley Gazette"])


@pytest.mark.parametrize(
    ("site", "line", "promo"),
    [
        # the site's name, from its copyright line or its address
        (GAZETTE, "The Valley Gazette app is free to download on iPhone and Android devices.", True),
        (GAZETTE, "Readers can now follow every Valley Gazette story on WhatsApp from today.", True),
        (GAZETTE, "This article contains affiliate links, and the Valley Gazette's owner may earn.", True),
        (
            site_names("theguardian.com", []),
            "The Guardian is free to read in every country of the world.",
            True,
        ),
        (site_names("bbc.co.uk", []), "BBC Sport has every goal of the season in its highlights.", True),
        (site_names("bbc.co.uk", []), "Every goal of the season is on the BBC in its highlights.", True),
        # what the site sells, named by no one else
        (GAZETTE, "Subscribers get unlimited access to every story and the e-edition for £1 a week.", True),
        # a report's sentence
        (
            GAZETTE,
            "The council has to save £12 million over the next three years after its grant was cut.",
            False,
        ),
        (GAZETTE, "The Valley council has to save £12 million over the next three years.", False),
        # a word of the name opening the sentence is no name ("Independent experts")
        (
            site_names("independent.co.uk", []),
            "Independent experts found the bridge unsafe last year.",
            False,
        ),
    ],
)
def test_promotes(site: frozenset[str], line: str, promo: bool) -> None:
    assert promotes(line, site, "the council met on tuesday to discuss the bridge.") is promo


def test_a_name_or_a_product_the_story_itself_says_is_its_topic() -> None:
    campaign = "The Valley Gazette has campaigned to keep every library of the county open since 2024."
    app = "The council's new app lets residents report a pothole from their phone in a minute."
    assert (
        promotes(campaign, GAZETTE, "the library was saved, and we thank the valley gazette campaign.")
        is False
    )
    assert promotes(campaign, GAZETTE, "the library was saved.") is True
    assert promotes(app, GAZETTE, "residents say the app does not work on older phones.") is False
    assert promotes(app, GAZETTE, "residents say the potholes are getting worse.") is True
