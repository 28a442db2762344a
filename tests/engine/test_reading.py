"""What patterns read of a line: a no-break space as a space, no zero-width mark at its start."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine.reading import as_written, lines_read_otherwise, read, readings


@pytest.mark.parametrize(
    ("line", "seen", "skipped"),
    [
        ("Follow us on\u00a0Facebook", "Follow us on Facebook", 0),
        ("Lire aussi\u202f: le budget", "Lire aussi : le budget", 0),
        ("\u200bFollow us on Facebook", "Follow us on Facebook", 1),
        ("\u2060\ufeff\u200bRead\u00a0more", "Read more", 3),
        # only at the start: a mark inside a line is a character of it
        ("Read\u200bmore", "Read\u200bmore", 0),
        (" \u200bRead more", " \u200bRead more", 0),
        ("Read more", "Read more", 0),
    ],
)
def test_what_patterns_read_of_a_line(line: str, seen: str, skipped: int) -> None:
    assert read(line) == (seen, skipped)
    assert line[skipped:].replace("\u00a0", " ").replace("\u202f", " ") == seen  # same offsets past the marks


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            "Body\u00a0one.\n\u200bRead more\n\ufeff\u2060Next\nRead\u200bon\nPlain\n",
            [(0, "Body one."), (1, "Read more"), (2, "Next")],
        ),
        ("\u200bFirst\u00a0line", [(0, "First line")]),
        ("a\n\nb\u202fc\u00a0d\u00a0e\nf\n\u200b", [(2, "b c d e"), (4, "")]),
        ("Plain text.\n", []),
    ],
)
def test_the_lines_of_a_text_that_read_otherwise(text: str, lines: list[tuple[int, str]]) -> None:
    assert lines_read_otherwise(text) == lines


@pytest.mark.parametrize(("text", "written"), [("Plain text.\n", True), ("Café “quoted”.", True)])
def test_most_texts_are_read_as_written(text: str, written: bool) -> None:
    assert as_written(text) is written
    assert lines_read_otherwise(text) == []


@pytest.mark.parametrize("char", ["\u00a0", "\u202f", "\u200b", "\u2060", "\ufeff"])
def test_a_text_with_such_a_character_is_read(char: str) -> None:
    assert not as_written(f"a{char}b")


def test_a_line_is_read_as_written_then_as_read_when_that_differs() -> None:
    assert readings("Read more") == [("Read more", 0)]
    assert readings("\u200bRead\u00a0more") == [("\u200bRead\u00a0more", 0), ("Read more", 1)]


@given(st.text(alphabet="ab \n\u00a0\u202f\u200b\u2060\ufeff", max_size=40))
def test_the_lines_that_read_otherwise_are_those_whose_reading_differs(text: str) -> None:
    lines = text.split("\n")
    expected = [(k, read(line)[0]) for k, line in enumerate(lines) if read(line)[0] != line]
    assert lines_read_otherwise(text) == expected
