"""The unified diff of ``clean --diff``: one that ``patch -p1`` and ``git apply`` take.

It is made of the file's bytes and of the bytes ``--in-place`` would write, so that it
turns the one into the other exactly, whatever the encoding (one whose newline is the
byte ``\\n``), BOM and line ends. Both tools cut a file into lines at ``\\n`` only, so the
diff does too, and each line keeps its own end: a CRLF file's ``\\r`` stays in its lines
(git applies the diff to a committed CRLF file), and a CR-only file is one line to them,
so it is one line here. A last line without a newline is followed by ``\\ No newline at
end of file``, as diff and git write it, so every line of the diff ends and the next
file's header starts a line of its own. A file name that would break a header line (a
newline, a tab, a quote, a backslash, another control character) is quoted as git
quotes it, which both tools read back.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Iterator

_NO_NEWLINE = b"\\ No newline at end of file\n"
_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}
_ESCAPES |= {'"': '\\"', "\\": "\\\\"}


def unified_diff(name: str, before: bytes, after: bytes) -> bytes:
    """The diff turning ``before`` (the file's bytes) into ``after`` (what ``--in-place``
    would write), with ``a/name`` and ``b/name`` headers; empty when they are equal."""
    lines = difflib.diff_bytes(
        difflib.unified_diff, _lines(before), _lines(after), _path("a/", name), _path("b/", name)
    )
    return b"".join(_ended(lines))


def _lines(data: bytes) -> list[bytes]:
    lines = [line + b"\n" for line in data.split(b"\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _ended(lines: Iterable[bytes]) -> Iterator[bytes]:
    for line in lines:
        yield line if line.endswith(b"\n") else line + b"\n" + _NO_NEWLINE


def _path(prefix: str, name: str) -> bytes:
    """``prefix + name`` as the file system spells it, quoted as git quotes a path
    (``core.quotePath`` off: text beyond ASCII stays as it is) when a character in it
    would break the header line; a name with a space gets a tab after it, as git gives
    it, which GNU patch reads as the end of the name."""
    path = prefix + name
    if not any(char in _ESCAPES or char < " " or char == "\x7f" for char in path):
        return os.fsencode(path + "\t" if " " in path else path)
    return os.fsencode('"' + "".join(_ESCAPES.get(char, _control(char)) for char in path) + '"')


def _control(char: str) -> str:
    return f"\\{ord(char):03o}" if char < " " or char == "\x7f" else char
