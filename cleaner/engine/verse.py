"""A short line that a sentence runs through: no label for a drop-line rule.

A drop-line rule takes a whole line that is only a label ("Thank you", "Print",
"Close"), and the line alone cannot tell the page's button from the same words in
the article. Around it, a verse can: a poem or a lyric breaks its sentences into
short lines, "She put the kettle on. She said" / "Thank you" / "to no one in
particular," (QA round X, X2). So a line of three words or fewer, words and nothing
else, stays when the line above ends inside its sentence (on a letter or a comma) and
the line below goes on with it: in lower case, and short, as a verse line is. A page's label sits between
lines that end and begin sentences of their own; an advertisement's label that breaks
an article's paragraph in two ("Anzeige" / "um eine Forschungsgruppe erweitert. Die
...", a page of trafilatura's evaluation) has a paragraph under it, not a verse line.
On the evaluation pages this spares no line the packs drop.

Left to the rules: a label word at a verse's start or end ("Close" / "the door, he
said." after a full stop), and a list's item that is a label ("- Print" among "-
Copy", "- Scan"), which a menu's first item ("- Home" over "- News") looks just like:
sparing an item next to an item no rule takes cost 3 residue lines of the check half
and spared no content line.

The line below is asked from the line alone (whether a drop-line rule matches it), so
the answer is the same in the next pass: cleaning is idempotent.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from cleaner.engine.lines import Lines, first_live
from cleaner.engine.words import line_has_words

# A label is a few words: a line of more is a sentence, which the rules judge by itself.
_LABEL_WORDS = 3
# Lines looked at either way for a neighbour (blank or removed lines between).
_REACH = 20
# A verse line is short; a paragraph is not.
_VERSE_WORDS = 12
_LOWER_START = regex.compile(r"\s*+\p{Ll}")
# A verse's words: letters, apostrophes and hyphens, maybe a comma; no label's colon, no
# menu's pipe, no figure ("MORE: x" between two lines of text is still a promo).
_WORDS_ONLY = regex.compile(r"\s*+\p{L}[\p{L}'\u2019-]*+(?:\s++[\p{L}'\u2019-]++)*+,?\s*+$")
# A line that ends inside its sentence: on a letter or a comma.
_OPEN_END = regex.compile(r"[\p{L},]\s*+$")


def in_verse(lines: Lines, i: int, *, live: Callable[[int], bool], taken: Callable[[int], bool]) -> bool:
    """Whether a sentence runs through line ``i``, which a drop-line rule matches (see the
    module's docstring); ``taken(j)``: whether a drop-line rule matches line ``j``."""
    if _WORDS_ONLY.match(lines[i]) is None or line_has_words(lines[i], _LABEL_WORDS + 1):
        return False
    above = first_live(range(i - 1, max(-1, i - 1 - _REACH), -1), live)
    if above is None or _OPEN_END.search(lines[above]) is None:
        return False
    below = first_live(range(i + 1, min(len(lines), i + 1 + _REACH)), live)
    return below is not None and _verse_goes_on(lines[below]) and not taken(below)


def _verse_goes_on(line: str) -> bool:
    """Whether ``line``, under a short line, goes on with its sentence as a verse does:
    in lower case, and short ("to no one in particular,", "the door, he said.")."""
    return _LOWER_START.match(line) is not None and not line_has_words(line, _VERSE_WORDS)
