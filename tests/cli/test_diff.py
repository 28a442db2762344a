"""The unified diff of ``clean --diff``: every line ended, line ends kept, names quoted.

``tests/cli/test_clean_diff.py`` applies what the CLI prints with ``patch`` and ``git``."""

from __future__ import annotations

import pytest

from cleaner.cli.diff import unified_diff

NO_NEWLINE = "\\ No newline at end of file\n"

CASES = [
    pytest.param(
        "Hi.\nAd\nBye.\n", "Hi.\nBye.\n",
        "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n Hi.\n-Ad\n Bye.\n",
        id="lf",
    ),
    pytest.param(
        "Hi.\nAd\nBye.", "Hi.\nBye.",
        f"--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n Hi.\n-Ad\n Bye.\n{NO_NEWLINE}",
        id="no-final-newline",
    ),
    pytest.param(
        "Hi.\nAd", "Hi.",
        f"--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-Hi.\n-Ad\n{NO_NEWLINE}+Hi.\n{NO_NEWLINE}",
        id="last-line-loses-its-newline",
    ),
    pytest.param(
        "Hi.\r\nAd\r\nBye.\r\n", "Hi.\r\nBye.\r\n",
        "--- a/f\n+++ b/f\n@@ -1,3 +1,2 @@\n Hi.\r\n-Ad\r\n Bye.\r\n",
        id="crlf-kept",
    ),
    pytest.param(
        "Hi.\rAd\rBye.", "Hi.\rBye.",
        f"--- a/f\n+++ b/f\n@@ -1 +1 @@\n-Hi.\rAd\rBye.\n{NO_NEWLINE}+Hi.\rBye.\n{NO_NEWLINE}",
        id="cr-only-is-one-line-to-patch",
    ),
    pytest.param("Ad\n", "", "--- a/f\n+++ b/f\n@@ -1 +0,0 @@\n-Ad\n", id="all-removed"),
    pytest.param("Same\n", "Same\n", "", id="unchanged"),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after", "expected"), CASES)
def test_diff_lines(before: str, after: str, expected: str) -> None:
    assert unified_diff("f", before.encode(), after.encode()) == expected.encode()


def test_lines_are_the_file_bytes_in_its_own_encoding() -> None:
    latin = unified_diff("f", "Café.\nAd\n".encode("latin-1"), "Café.\n".encode("latin-1"))
    assert latin == b"--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n Caf\xe9.\n-Ad\n"


def test_each_diff_ends_its_last_line_so_the_next_header_starts_a_line() -> None:
    both = unified_diff("a.txt", b"Hi.\nAd", b"Hi.") + unified_diff("b.txt", b"Hi.\nAd\n", b"Hi.\n")
    assert b"\n--- a/b.txt\n+++ b/b.txt\n" in both


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("plain.txt", "--- a/plain.txt\n+++ b/plain.txt\n"),
        ("two words.txt", "--- a/two words.txt\t\n+++ b/two words.txt\t\n"),  # git's tab: patch stops there
        ("new\nline.txt", '--- "a/new\\nline.txt"\n+++ "b/new\\nline.txt"\n'),
        ('q"b\\\t\x1b.txt', '--- "a/q\\"b\\\\\\t\\033.txt"\n+++ "b/q\\"b\\\\\\t\\033.txt"\n'),
        ("café.txt", "--- a/café.txt\n+++ b/café.txt\n"),  # as git with core.quotePath off
    ],
)
def test_names_that_would_break_the_header_are_quoted_as_git_quotes_them(name: str, header: str) -> None:
    assert unified_diff(name, b"Ad\n", b"").startswith(header.encode())
