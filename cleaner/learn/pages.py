"""A page as the learner sees it: its site, a digest, and its lines with their keys.

A line's key is the line with its spacing collapsed and every run of digits read
as ``0``: "Comments (12)" and "Comments (3)" are one line of the site, written
later as one template. Lines that can never be boilerplate worth a rule (longer
than ``max_line_chars``, or without a letter: a rule on "* * *" would take a
section break out of articles) have no key and are not counted. Pure: no I/O.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from cleaner.engine.run import split_lines
from cleaner.learn.article import unspaced_words
from cleaner.learn.thresholds import Thresholds

_DIGITS = re.compile(r"\d+")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Page:
    """The non-blank lines of one page (stripped), each with its key or None."""

    site: str
    digest: int  # of the page's text: a page met twice is counted once
    lines: tuple[str, ...]
    keys: tuple[str | None, ...]
    words: tuple[int, ...]  # of each line


def read_page(text: str, site: str, thresholds: Thresholds) -> Page:
    """The page ``text`` of ``site``, its lines keyed."""
    limit = thresholds.max_line_chars
    lines: list[str] = []
    keys: list[str | None] = []
    words: list[int] = []
    # The engine's lines: str.splitlines also splits at U+2028, form feed and the
    # like, which stay inside a line when cleaning, so a rule learned on such a
    # piece of a line could never match it.
    for raw in split_lines(text):
        line = raw.strip()
        if not line:
            continue
        parts = line.split()  # once per line: splitting was a third of learning's time
        lines.append(line)
        # Chinese, Japanese, Thai: the engine counts characters (two Han characters a word).
        words.append(len(parts) if line.isascii() else len(parts) + unspaced_words(line))
        keys.append(_key(line, parts) if len(line) <= limit and _LETTER.search(line) else None)
    digest = hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return Page(site, int.from_bytes(digest, "big"), tuple(lines), tuple(keys), tuple(words))


def _key(line: str, parts: list[str]) -> str:
    """The line's key; the line itself when it is its own key (most are), so that the
    counting table holds one string for both."""
    key = _DIGITS.sub("0", " ".join(parts))
    return line if key == line else key
