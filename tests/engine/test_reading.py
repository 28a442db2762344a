"""What patterns read of a line: a no-break space as a space, no zero-width mark at its start."""

from __future__ import annotations

import pytest

from cleaner.engine.reading import as_written, read, read_text, readings


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


def test_a_text_is_read_line_by_line_and_keeps_its_lines() -> None:
    text = "Body\u00a0one.\n\u200bRead more\n\ufeff\u2060Next\nRead\u200bon\n"
    assert read_text(text) == "Body one.\nRead more\nNext\nRead\u200bon\n"


@pytest.mark.parametrize(("text", "written"), [("Plain text.\n", True), ("Café “quoted”.", True)])
def test_most_texts_are_read_as_written(text: str, written: bool) -> None:
    assert as_written(text) is written
    assert read_text(text) is text


@pytest.mark.parametrize("char", ["\u00a0", "\u202f", "\u200b", "\u2060", "\ufeff"])
def test_a_text_with_such_a_character_is_read(char: str) -> None:
    assert not as_written(f"a{char}b")


def test_a_line_is_read_as_written_then_as_read_when_that_differs() -> None:
    assert readings("Read more") == [("Read more", 0)]
    assert readings("\u200bRead\u00a0more") == [("\u200bRead\u00a0more", 0), ("Read more", 1)]
