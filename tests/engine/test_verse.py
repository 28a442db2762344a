"""A short line a sentence runs through is the text's, not a label (cleaner.engine.verse)."""

from __future__ import annotations

import pytest

import cleaner

POEM = [
    "Coming Back",
    "After the war my father walked the forty miles from the station.",
    "My mother did not run to him.",
    "She put the kettle on. She said",
    "Thank you",
    "to no one in particular,",
    "to the kettle, to the road,",
    "and we were a family again.",
]


def test_a_verse_line_between_the_halves_of_a_sentence_stays() -> None:
    # QA round X, X2: "Thank you" is a thread's line for comments.thanks, alone
    text = "\n".join(POEM) + "\n"
    assert cleaner.clean(text) == text


@pytest.mark.parametrize(
    ("above", "below"),
    [
        ("She put the kettle on.", "to no one in particular,"),  # the line above ends its sentence
        ("She put the kettle on. She said", "To no one in particular,"),  # the line below opens one
        # a paragraph under it: an advertisement's label inside an article's paragraph
        (
            "She put the kettle on. She said",
            "to no one in particular, and nobody answered her, not the kettle, not the road, not us.",
        ),
    ],
)
def test_a_label_between_lines_that_do_not_run_on_still_goes(above: str, below: str) -> None:
    text = "\n".join([*POEM[:3], above, "Thank you", below]) + "\n"
    assert "Thank you\n" not in cleaner.clean(text)


def test_a_label_over_a_line_another_rule_drops_still_goes() -> None:
    # "print" opens in lower case, but it is a page tool: no verse goes on there
    text = "\n".join([*POEM[:3], "She put the kettle on. She said", "Thank you", "print"]) + "\n"
    assert cleaner.clean(text) == "\n".join([*POEM[:3], "She put the kettle on. She said"]) + "\n"
