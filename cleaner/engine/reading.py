"""What a rule's patterns read of a line: the words, not how the page spaced them.

Rules write a space between words ("Follow us on Facebook", ``line: Related
Articles``), but a page may put a no-break space there: trafilatura folds ``&nbsp;``
into a space, other scrapers keep it as U+00A0 (and French typography puts the
narrow one, U+202F, before ":", "?" and "!"). A zero-width space (U+200B), a word
joiner (U+2060) or a byte-order mark (U+FEFF) left at the start of a line by a CMS
hides the line from a pattern anchored there. So a pattern matches a line as it is
written or as it reads, a no-break space as a space and without those marks at its
start (as the engine does not see a text's byte-order mark); the RE2 scanner that
finds the lines worth asking about reads such lines both ways too. Both ways, so
that a pattern that names a no-break space (a learned line holding one) still does.

Only matching changes, never the text: a space for a no-break space keeps every
offset, and the marks skipped are counted back (:func:`read` says how many), so a
strip's span is the line's own and what stays of the line stays byte for byte.
"""

from __future__ import annotations

from typing import TypeAlias

_NO_BREAK = "\u00a0"
_NARROW_NO_BREAK = "\u202f"
_MARKS = "\u200b\u2060\ufeff"


def as_written(text: str) -> bool:
    """Whether patterns read ``text`` as it is (most texts): no no-break space, no mark
    that could start a line. Asked once a document, so that its lines are not asked."""
    return text.isascii() or not (  # isascii: no character to look for, told at once
        _NO_BREAK in text
        or _NARROW_NO_BREAK in text
        or "\u200b" in text
        or "\u2060" in text
        or "\ufeff" in text
    )


Reading: TypeAlias = tuple[str, int]  # a line as read, and the characters skipped at its start


def read(line: str) -> Reading:
    """What patterns read of ``line``, and how many characters at its start they skip."""
    seen = line.lstrip(_MARKS)
    skipped = len(line) - len(seen)
    return _spaced(seen), skipped


def readings(line: str) -> list[Reading]:
    """The line as written, then as read when that differs: a pattern matches a line in
    either, so one that names a no-break space (a learned line that holds one) still does."""
    seen = read(line)
    return [(line, 0)] if seen[0] == line else [(line, 0), seen]


def lines_read_otherwise(text: str) -> list[tuple[int, str]]:
    """(number, reading) of each line of ``text`` (split on ``\\n``) that patterns also
    read otherwise than written: the scanner asks about those alone, found by ``find``
    (a page with a no-break space has a few such lines, not a second text to scan)."""
    starts = set()
    for space in (_NO_BREAK, _NARROW_NO_BREAK):
        at = text.find(space)  # a miss costs a pass over the text, as `in` would
        while at >= 0:
            starts.add(text.rfind("\n", 0, at) + 1)
            end = text.find("\n", at)
            at = -1 if end < 0 else text.find(space, end)
    for mark in _MARKS:
        if mark not in text:
            continue
        if text.startswith(mark):
            starts.add(0)
        at = text.find("\n" + mark)
        while at >= 0:
            starts.add(at + 1)
            at = text.find("\n" + mark, at + 1)
    found, number, counted = [], 0, 0
    for start in sorted(starts):
        number += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        found.append((number, read(text[start:] if end < 0 else text[start:end])[0]))
    return found


def _spaced(text: str) -> str:
    if _NO_BREAK in text:
        text = text.replace(_NO_BREAK, " ")
    if _NARROW_NO_BREAK in text:
        text = text.replace(_NARROW_NO_BREAK, " ")
    return text
