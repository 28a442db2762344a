"""How the engine counts words for its guards (``max-words``, ``min-words-before``,
``stop-at-prose``).

A word is a run of non-space characters, except in the scripts written without
spaces between words: there a paragraph was one word, so no line of a Chinese,
Japanese or Thai story was ever prose to ``stop-at-prose`` (a cut that fired ran to
the end of the page), ``min-words-before`` counted paragraphs and ``max-words``
took a whole paragraph for a short line. In those scripts characters count instead:

- two Han or kana characters make a word. Word segmenters cut running Chinese
  (jieba) and Japanese (MeCab) into words of one to two characters, 1.5 to 2 on
  average, most often two, and translators reckon 1.5 to 2 Chinese characters to
  an English word; a character a word (as BERT's tokeniser splits them) would make
  a 30-character headline a 30-word paragraph, and stop a cut at every title of a
  link list;
- four code points of Thai, Lao, Khmer or Myanmar make a word: their vowel signs
  and tone marks are code points of their own, a syllable is two or three of them
  and a word one or two syllables.

Punctuation, digits and Latin letters glued to such characters ("iPhone手机",
"2024年") belong to the word they touch. Korean, Hindi, Arabic and the others put
spaces between words and count as before.

Every run of non-space characters is still a word at least, so a text counts at
least as many words as it did: the old count (fast, ``\\S`` runs) answers "enough"
for every English line that has them, and only a line short of them, holding such
characters, is counted again. ``k`` words still take ``2k - 1`` characters at least (a run of
characters of these scripts, or of others glued to them, holds half as many words
as characters, rounded up), so a shorter line is never counted.
"""

from __future__ import annotations

import functools
import re

import regex

# Han (ideographs, radicals, iteration marks, Hangzhou numerals) and kana (with the
# prolonged sound mark and the middle dot, and the half-width forms): two a word.
_PAIRED = (
    "\u2e80-\u2fdf"
    "\u3005-\u3007\u3021-\u3029\u3038-\u303b"
    "\u3041-\u30ff\u31f0-\u31ff"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uff66-\uff9f"
    "\U00020000-\U0003ffff"
)
# Thai, Lao, Myanmar, Khmer: four code points a word.
_QUARTERED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED = _PAIRED + _QUARTERED
_OTHER = rf"[^\s{_UNSPACED}]"
# One word: a run of other characters that no such character follows (a word as
# everywhere); or such characters, two of Han or kana, or up to four of the others,
# with what is glued to them. Atomic: one way to count, no backtracking.
_WORD = (
    rf"(?>{_OTHER}++(?![{_UNSPACED}])"
    rf"|{_OTHER}*+(?:[{_PAIRED}]{_OTHER}*+(?:[{_UNSPACED}]{_OTHER}*+)?+"
    rf"|[{_QUARTERED}]{_OTHER}*+(?:[{_UNSPACED}]{_OTHER}*+){{0,3}}+))"
)


class AtLeast:
    """Tells whether a text holds ``count`` words (counted from its start)."""

    __slots__ = ("_shortest", "_spaced", "count")

    def __init__(self, count: int) -> None:
        self.count = count
        self._shortest = 2 * count - 1  # k words take at least 2k - 1 characters
        # Possessive, so it cannot backtrack: a paragraph is counted in one pass.
        self._spaced = regex.compile(rf"\s*+(?:\S++\s*+){{{count}}}")

    def line(self, line: str) -> bool:
        """Whether ``line`` has ``count`` words; the length test skips the regex on short lines."""
        if len(line) < self._shortest:
            return False
        if self._spaced.match(line) is not None:
            return True
        return not line.isascii() and self.unspaced(line, len(line))

    def spaced(self, text: str, end: int) -> bool:
        """Whether ``text[:end]`` has ``count`` runs of non-space characters (no copy of a long text)."""
        return self._spaced.match(text, endpos=end) is not None

    def unspaced(self, text: str, end: int) -> bool:
        """Whether ``text[:end]`` has ``count`` words, counting characters of the scripts
        without spaces: asked of a text that has fewer runs of non-space characters."""
        return (
            _unspaced_character().search(text, 0, end) is not None
            and _counting(self.count).match(text, endpos=end) is not None
        )


@functools.cache
def _unspaced_character() -> re.Pattern[str]:
    """Finds a character of the scripts without spaces: ``re``, six times faster than
    ``regex`` on a plain class, but 3 ms to compile: when a line first asks."""
    return re.compile(f"[{_UNSPACED}]")


@functools.lru_cache(maxsize=64)
def _counting(count: int) -> regex.Pattern[str]:
    """Matches ``count`` words, counting characters of the scripts without spaces:
    compiled when a text holding them first asks (4 ms a count, where the other takes
    0.3: a page of English, and the command line's start, never pay for it)."""
    return regex.compile(rf"\s*+(?:{_WORD}\s*+){{{count}}}")


@functools.lru_cache(maxsize=64)
def at_least(count: int) -> AtLeast:
    """The word test for ``count``, compiled once: a pack has a handful of counts."""
    return AtLeast(count)


def count_words(text: str) -> int:
    """How many words ``text`` holds, counted as the guards count them, where a number is
    wanted rather than a threshold (HTML prune's ``max-words``, its paragraphs beside a
    section, a node's share of the page's words)."""
    if text.isascii() or _unspaced_character().search(text) is None:
        return len(text.split())
    return len(_words().findall(text))


@functools.cache
def _words() -> regex.Pattern[str]:
    """One word a match: compiled when a text holding the scripts without spaces first asks."""
    return regex.compile(_WORD)


def line_has_words(line: str, count: int) -> bool:
    """Whether ``line`` has ``count`` words, as the engine counts them."""
    return at_least(count).line(line)
