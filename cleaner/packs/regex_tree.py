"""Read a pattern in the ``regex`` package's syntax into a tree of one-character atoms.

The tree is what :mod:`cleaner.packs.backtracking` needs to see how a pattern can match:
``("atom", source)`` for anything that reads one character (a literal, a class, a
set, ``.``), ``("seq", items)``, ``("alt", branches)``, ``("rep", node, lo, hi)``
(``hi`` None: unbounded) and ``EMPTY`` for what reads nothing (anchors, lookarounds,
atomic groups, possessive repeats). A backreference is a copy of its group's tree.
Lookaround, atomic and possessive bodies are also kept apart (``inner``), since
they can backtrack on their own. Anything else (conditionals, recursion, verbs,
named lists) raises :class:`Unsupported`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

Node = tuple  # type: ignore[type-arg]
EMPTY: Node = ("empty",)
_ASSERTIONS = set("bBAZzGKmM")
FLAGS = regex.compile(r"\(\?([a-zA-Z0-9-]*)([:)])")
_COUNT = regex.compile(r"\{(\d*)(?:(,)(\d*))?\}")


class Unsupported(Exception):
    """A construct this reader does not follow."""


@dataclass(frozen=True)
class Parsed:
    """A pattern's tree, the bodies that backtrack on their own, and its global inline flags."""

    tree: Node
    inner: list[Node] = field(default_factory=list)
    global_flags: str = ""


def parse(pattern: str) -> Parsed:
    """The tree of ``pattern``; raises Unsupported for what this reader does not follow."""
    parser = _Parser(pattern)
    tree = parser.parse()
    return Parsed(tree, parser.inner, parser.global_flags)


class _Parser:
    """Reads the ``regex`` package's syntax into a tree of single-character atoms."""

    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.i = 0
        self.groups: list[Node | None] = []
        self.names: dict[str, int] = {}
        self.inner: list[Node] = []  # lookaround, atomic and possessive bodies, checked apart
        self.scoped = ""
        self.global_flags = "".join(m.group(1) for m in FLAGS.finditer(pattern) if m.group(2) == ")")
        self.verbose = "x" in self.global_flags

    def parse(self) -> Node:
        node = self.alternation()
        if self.i != len(self.text):
            raise Unsupported
        return node

    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.i < len(self.text) and self.peek() not in "|)":
            if self.verbose and self._skip_space():
                continue
            items.append(self.quantified(self.atom()))
        return ("seq", items)

    def _skip_space(self) -> bool:
        if self.peek().isspace():
            self.i += 1
            return True
        if self.peek() == "#":
            end = self.text.find("\n", self.i)
            self.i = len(self.text) if end < 0 else end + 1
            return True
        return False

    def quantified(self, node: Node) -> Node:
        while True:
            while self.verbose and self._skip_space():
                pass
            c = self.peek()
            count = _COUNT.match(self.text, self.i) if c == "{" else None
            if count and not (count.group(1) or count.group(3)):
                count = None  # "{}" or "{,}": literal braces
            if c and c in "*+?":
                lo, hi = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
                self.i += 1
            elif count:
                lo = int(count.group(1) or 0)
                hi = None if count.group(2) and not count.group(3) else int(count.group(3) or lo)
                self.i = count.end()
            else:
                return node
            if self.peek() == "?":
                self.i += 1
            elif self.peek() == "+":  # possessive: gives nothing back
                self.i += 1
                self.inner.append(("rep", node, lo, hi))
                node = EMPTY
                continue
            node = EMPTY if node == EMPTY else ("rep", node, lo, hi)

    def atom(self) -> Node:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self._atom(self._set_source())
        if c in ("^", "$"):
            self.i += 1
            return EMPTY
        if c == "\\":
            return self.escape()
        self.i += 1
        return self._atom("." if c == "." else regex.escape(c))

    def _atom(self, src: str) -> Node:
        return ("atom", f"(?{self.scoped}:{src})" if self.scoped else src)

    def _set_source(self) -> str:
        start, depth = self.i, 0
        self.i += 1
        if self.peek() == "^":
            self.i += 1
        if self.peek() == "]":
            self.i += 1
        while self.i < len(self.text):
            c = self.peek()
            if c == "\\":
                self.i += 2
                continue
            if self.peek(2) == "[:":
                end = self.text.find(":]", self.i + 2)
                self.i = end + 2 if end > 0 else self.i + 1
                continue
            self.i += 1
            if c == "[":
                depth += 1
            elif c == "]":
                if depth == 0:
                    return self.text[start : self.i]
                depth -= 1
        raise Unsupported

    def escape(self) -> Node:
        start = self.i
        self.i += 2
        c = self.text[start + 1 : start + 2]
        if c in _ASSERTIONS:
            return EMPTY
        if c.isdigit() and c != "0":
            while self.peek().isdigit():
                self.i += 1
            return self._group_copy(int(self.text[start + 1 : self.i]))
        if c == "g" and self.peek() == "<":
            name = self._until(">")
            return self._group_copy(int(name) if name.isdigit() else self.names.get(name, 0))
        if c in "pPN" and self.peek() == "{":
            self._until("}")
        elif c in "pP":
            self.i += 1
        elif c in "xuU" and self.peek() == "{":
            self._until("}")
        elif c in "xuU":
            self.i += {"x": 2, "u": 4, "U": 8}[c]
        elif c == "L":
            raise Unsupported
        return self._atom(self.text[start : self.i])

    def _until(self, close: str) -> str:
        end = self.text.find(close, self.i)
        if end < 0:
            raise Unsupported
        name, self.i = self.text[self.i + 1 : end], end + 1
        return name

    def _group_copy(self, number: int) -> Node:
        if not 1 <= number <= len(self.groups) or self.groups[number - 1] is None:
            raise Unsupported  # a forward or self reference
        return self.groups[number - 1]  # type: ignore[return-value]

    def group(self) -> Node:
        self.i += 1
        if self.peek() == "*":
            raise Unsupported  # verbs such as (*SKIP)
        if self.peek() != "?":
            return self._capture(None)
        self.i += 1
        for prefix in ("P<", "<"):
            if self.peek(len(prefix)) == prefix and self.peek(len(prefix) + 1)[-1:] not in ("=", "!"):
                self.i += len(prefix) - 1
                return self._capture(self._until(">"))
        if self.peek(2) == "P=":
            self.i += 1
            return self._close(self._group_copy(self.names.get(self._until(")"), 0)), closed=True)
        for prefix in ("=", "!", "<=", "<!", ">"):
            if self.peek(len(prefix)) == prefix:
                self.i += len(prefix)
                self.inner.append(self.alternation())
                return self._close(EMPTY)
        if self.peek() == "#":
            self._until(")")
            return EMPTY
        return self._flags()

    def _flags(self) -> Node:
        found = FLAGS.match(self.text, self.i - 2)
        if not found:
            raise Unsupported  # conditionals, recursion, branch reset
        self.i = found.end()
        if found.group(2) == ")":
            return EMPTY  # global flags: applied to every atom by the caller
        outer, self.scoped = self.scoped, self.scoped + found.group(1)
        try:
            return self._close(self.alternation())
        finally:
            self.scoped = outer

    def _capture(self, name: str | None) -> Node:
        self.groups.append(None)
        number = len(self.groups)
        if name:
            self.names[name] = number
        node = self.alternation()
        self.groups[number - 1] = node
        return self._close(node)

    def _close(self, node: Node, *, closed: bool = False) -> Node:
        if not closed:
            if self.peek() != ")":
                raise Unsupported
            self.i += 1
        return node
