"""Counting lines per site in bounded memory: caps, duplicates, pruning."""

from __future__ import annotations

import dataclasses

from cleaner.learn.counting import Counts
from cleaner.learn.pages import read_page
from cleaner.learn.thresholds import DEFAULT


def _page(text: str, site: str = "a.com"):
    return read_page(text, site, DEFAULT)


def test_a_line_counts_once_per_page_and_keeps_a_second_spelling() -> None:
    counts = Counts(DEFAULT)
    counts.add(_page("Comments (3)\nComments (3)\nA first story about the river."))
    counts.add(_page("Comments (12)\nA second story about the road."))
    entry = counts.sites["a.com"].table["Comments (0)"]
    assert (entry.pages, entry.first, entry.other) == (2, "Comments (3)", "Comments (12)")


def test_the_same_page_twice_is_counted_once() -> None:
    counts = Counts(DEFAULT)
    for _ in range(3):
        counts.add(_page("Share this\nThe same story again."))
    site = counts.sites["a.com"]
    assert (site.pages, site.duplicates, site.table["Share this"].pages) == (1, 2, 1)


def _counted(texts: list[str], **thresholds: int) -> Counts:
    counts = Counts(dataclasses.replace(DEFAULT, **thresholds))
    for text in texts:
        counts.add(_page(text))
    return counts


def test_a_site_is_counted_on_its_first_pages_only() -> None:
    site = _counted([f"Share this\nStory number {'x' * n}." for n in range(5)], max_site_pages=2).sites[
        "a.com"
    ]
    assert (site.pages, site.uncounted, site.table["Share this"].pages) == (2, 3, 2)


def test_a_full_table_forgets_lines_seen_once_first() -> None:
    counts = _counted(
        [f"Share this\nStory {'x' * n} alone\nOther {'y' * n} line" for n in range(8)], table_cap=10
    )
    table = counts.sites["a.com"].table
    assert counts.entries <= 10 and counts.pruned > 0
    assert table["Share this"].pages == 8
    assert counts.entries == len(table)


def test_lines_without_letters_or_too_long_are_not_counted() -> None:
    page = _page("* * *\n2010\n" + "word " * (DEFAULT.max_line_chars // 5 + 1) + "\nKept line")
    assert page.keys == (None, None, None, "Kept line")


def test_a_short_line_is_a_topic_on_pages_whose_own_prose_says_it() -> None:
    article = (
        "A long story about the election in the city where the Green Party candidate spoke"
        " to all the voters at the hall."
    )
    other = "Another long story about the weather and the roads and the schools of the city in the winter."
    footer = (
        "Terms: the Story Tools and the Green Party links on this site are ours, and so is"
        " this whole line of legal text."
    )
    counts = _counted(
        [
            f"Story Tools\n{article}\n| · | Green Party |\n{footer}",
            f"Story Tools\n{other}\n| · | Green Party |\n{footer}",
            f"Story Tools\n{article} Again.\n| · | Green Party |\n{footer}",
        ]
    )
    table = counts.sites["a.com"].table
    assert (table["| · | Green Party |"].topic_pages, table["| · | Green Party |"].pages) == (2, 3)
    # the footer is the site's own from the second page on: its words are no article's
    assert table["Story Tools"].topic_pages == 1


def test_a_sentence_counts_as_amid_prose_between_paragraphs_only() -> None:
    background = "The county must find savings of £9 million by 2027 as its grant has fallen by a quarter."
    credit = "This report is part of the Shire Public Interest Reporting Service."

    def paragraph(topic: str) -> str:
        return f"A long paragraph of the story about the {topic} and the roads and the schools of the shire."

    counts = _counted(
        [
            # the first page a line is on never counts: a line seen once is never learned
            f"{paragraph('budget')}\n{background}\nMost Read\n{credit}\n{paragraph('vote')}",
            # between two paragraphs, passing over a credit (article text the site repeats)
            f"{paragraph('bus lanes')}\n{background}\n{credit}\n{paragraph('bridge')}",
            f"{paragraph('fire station')}\n{background}\n{paragraph('depot')}",
            # under a box's heading the site repeats (chrome); at the page's end
            f"{paragraph('library')}\nMost Read\n{background}\n{paragraph('museum')}",
            f"{paragraph('harbour')}\n{background}",
        ]
    )
    entry = next(e for e in counts.sites["a.com"].table.values() if e.first == background)
    assert (entry.pages, entry.amid_prose_pages) == (5, 2)
