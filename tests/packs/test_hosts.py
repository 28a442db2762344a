"""A site pack's ``sources`` are read as a document's ``--source`` is: what selects a
site on one side names it on the other; what cannot name a site is an error."""

from __future__ import annotations

import pytest

from cleaner.packs.hosts import pack_source, source_host


@pytest.mark.parametrize(
    "entry",
    [
        "metro.co.uk",
        "metro.co.uk.",
        "https://metro.co.uk/",
        "https://metro.co.uk",
        "www.metro.co.uk:443",
        "*.metro.co.uk",
        "Metro.CO.uk",
        "//www.metro.co.uk/",
        "HTTPS://WWW.METRO.CO.UK:8443",
    ],
)
def test_a_source_written_as_a_document_source_names_the_same_site(entry: str) -> None:
    assert pack_source(entry) == "metro.co.uk" == source_host(entry.removeprefix("*."))


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("https://www.metro.co.uk/news/", "names a page, not a site: write only its host 'metro.co.uk'"),
        ("metro.co.uk/news", "'/news' would be ignored"),
        ("https://metro.co.uk/?page=2", "names a page"),
        ("news.*.metro.co.uk", "has a '*' inside"),
        ("metro.*", "has a '*' inside"),
        ("https://", "names no site ('https://')"),
        ("*.", "has a '*' inside"),
        ("metro co.uk", "names no site"),
        ("user@metro.co.uk", "names no site"),
        ("[::1]", "names no site"),
        ("www.", "names no site"),
    ],
)
def test_a_source_that_names_no_site_says_why(entry: str, problem: str) -> None:
    with pytest.raises(ValueError) as raised:
        pack_source(entry)
    assert problem in str(raised.value)


@pytest.mark.parametrize("entry", ["münchen.de", "xn--mnchen-3ya.de", "https://www.MÜNCHEN.de/"])
def test_an_internationalised_name_meets_its_punycode(entry: str) -> None:
    """Crawls write hosts in punycode, authors in Unicode: a pack for one is for both."""
    assert pack_source(entry) == "xn--mnchen-3ya.de"
    unicode, punycode = source_host("https://münchen.de/x"), source_host("https://xn--mnchen-3ya.de/x")
    assert unicode == punycode == "xn--mnchen-3ya.de"
