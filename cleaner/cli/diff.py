"""The unified diff of ``clean --diff``: one that ``patch -p1`` and ``git apply`` take.

Both tools cut a file into lines at ``\\n`` only, so the diff does too, and each
line keeps its own end: a CRLF file's ``\\r`` stays in its lines (git applies the diff
to a committed CRLF file), and a CR-only file is one line to them, so it is one line
here. A last line without a newline is followed by ``\\ No newline at end of file``,
as diff and git write it, so that every line of the diff ends and the next file's
header starts a line of its own. A file name that would break a header line (a
newline, a tab, a quote, a backslash, another control character) is quoted the way
git quotes it, which both tools read back.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

_NO_NEWLINE = "\\ No newline at end of file\n"
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_ESCAPES |= {'"': '\\"', "\\": "\\\\"}


def unified_diff(name: str, before: str, after: str) -> str:
    """The diff turning ``before`` (the file as stored) into ``after`` (what
    ``--in-place`` would write), with ``a/name`` and ``b/name`` headers; '' when equal."""
    lines = difflib.unified_diff(_lines(before), _lines(after), _path("a/", name), _path("b/", name))
    return "".join(_ended(lines))


def _lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _ended(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        yield line if line.endswith("\n") else line + "\n" + _NO_NEWLINE


def _path(prefix: str, name: str) -> str:
    """``prefix + name``, quoted as git quotes a path (``core.quotePath`` off: text
    beyond ASCII stays as it is) when a character in it would break the header line;
    a name with a space gets a tab after it, as git gives it, which GNU patch reads as
    the end of the name."""
    path = prefix + name
    if not any(char in _ESCAPES or char < " " or char == "\x7f" for char in path):
        return path + "\t" if " " in path else path
    return (
        '"' + "".join(_ESCAPES.get(c, f"\\{ord(c):03o}" if c < " " or c == "\x7f" else c) for c in path) + '"'
    )
