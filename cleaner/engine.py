"""The pure cleaning engine: text and compiled rules in, cleaned text and removals out.

It touches no files, environment, clock or globals. A document is split into
lines on ``\\n`` (``\\r\\n`` and lone ``\\r`` count as ``\\n``; other Unicode
separators such as U+2028 stay inside lines, as in datatrove). Rules run in
this order, each on what the previous ones left:

1. ``truncate-at``: the first marker line (after ``min-words-before`` words) and
   everything after it go.
2. ``drop-block``: from a start line through the first end line within
   ``max-lines``.
3. ``drop-line`` (position ``any``) and ``strip``, line by line.
4. ``drop-line`` with position ``tail``/``head``: only as part of the contiguous
   run of blank or removed lines at the bottom/top of what is left.

Blank lines at the edges of the result are dropped, and a run of blank lines that
a removal joined becomes one. The result ends with ``\\n`` unless it is empty.

The passes repeat on their own output until nothing more goes, so cleaning is
idempotent: ``run(run(x).text).text == run(x).text`` even when a strip leaves a
line that another rule matches, or a removal brings a block's end within reach.
Every pass that removes something makes the text shorter, so the loop ends.

Run time is bounded per pattern call and per document (:mod:`cleaner.budget`, the
only clock the engine reads).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from cleaner.budget import TimeBudget
from cleaner.compiler import CompiledRule
from cleaner.rules import Action, Position

DEFAULT_TIMEOUT = 1.0  # seconds one pattern may run on one line, per started million characters
_WORD = regex.compile(r"\S+")


@dataclass(frozen=True)
class Removal:
    """One piece of text a rule removed: line number (1-based, in the input),
    the span inside that line as the rule saw it, and the text itself."""

    rule_id: str
    line: int
    start: int
    end: int
    text: str
    whole_line: bool = False  # True when the line went, False when a span was stripped


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and every removal that made it."""

    text: str
    removals: tuple[Removal, ...]
    input_words: int = 0
    output_words: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.removals)

    @property
    def words_lost(self) -> float:
        """Share of the input's words that are gone (0.0 to 1.0)."""
        if not self.input_words:
            return 0.0
        return max(0.0, 1.0 - self.output_words / self.input_words)


def split_lines(text: str) -> list[str]:
    """Lines of ``text``; a final newline does not make an extra empty line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def count_words(text: str, limit: int | None = None) -> int:
    """Whitespace-separated words, counting no further than ``limit + 1``."""
    words = _WORD.finditer(text)
    if limit is not None:
        words = itertools.islice(words, limit + 1)
    return sum(1 for _ in words)


class _Document:
    """Working state of one pass: lines, what is removed, what was recorded."""

    def __init__(self, lines: list[str], clock: TimeBudget) -> None:
        self.lines = list(lines)
        self.removed = [False] * len(lines)
        self.removals: list[Removal] = []
        self.clock = clock
        self.end = len(lines)  # lines from here on were truncated

    def search(self, rule: CompiledRule, i: int, pattern: regex.Pattern[str] | None = None) -> bool:
        line = self.lines[i]
        max_words = rule.rule.max_words
        if max_words is not None and count_words(line, max_words) > max_words:
            return False
        try:
            found = (pattern or rule.pattern).search(line, timeout=self.clock.limit(rule.id, line))
        except TimeoutError as exc:
            raise self.clock.expired(rule.id) from exc
        self.clock.stop(rule.id)
        return found is not None

    def drop(self, rule: CompiledRule, i: int, *, record: bool = True) -> None:
        self.removed[i] = True
        if record:
            line = self.lines[i]
            self.removals.append(Removal(rule.id, i + 1, 0, len(line), line, whole_line=True))

    def live(self, i: int) -> bool:
        return not self.removed[i] and bool(self.lines[i].strip())


def run(
    text: str,
    rules: Sequence[CompiledRule],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    document_timeout: float | None = None,
) -> CleanResult:
    """Clean ``text`` with ``rules``; raises RuleTimeoutError if a pattern, or the whole
    document, runs out of time (the caller then keeps the document as it was)."""
    clock = TimeBudget(timeout, document_timeout, len(text))
    by_action: dict[Action, list[CompiledRule]] = {action: [] for action in Action}
    for rule in rules:
        by_action[rule.action].append(rule)
    lines = split_lines(text)
    origin = list(range(len(lines)))  # the input line each current line comes from
    removals: list[Removal] = []
    while True:
        doc = _Document(lines, clock)
        _run_pass(doc, by_action)
        removals += [dataclasses.replace(r, line=origin[r.line - 1] + 1) for r in doc.removals]
        kept = _kept(doc)
        lines, origin = [doc.lines[i] for i in kept], [origin[i] for i in kept]
        if not doc.removals:
            break
    output = "\n".join([*lines, ""]) if lines else ""  # one copy of the text, not two
    return CleanResult(
        output,
        tuple(sorted(removals, key=lambda r: (r.line, r.start))),
        input_words=count_words(text),
        output_words=count_words(output),
    )


def _run_pass(doc: _Document, by_action: dict[Action, list[CompiledRule]]) -> None:
    _truncate(doc, by_action[Action.TRUNCATE_AT])
    _drop_blocks(doc, by_action[Action.DROP_BLOCK])
    line_rules = by_action[Action.DROP_LINE] + by_action[Action.STRIP]
    anywhere = [r for r in line_rules if r.position is Position.ANY]
    _drop_and_strip(doc, sorted(anywhere, key=lambda r: r.action is Action.STRIP))
    for position in (Position.TAIL, Position.HEAD):
        _drop_at_edge(doc, [r for r in line_rules if r.position is position], position)


def _truncate(doc: _Document, rules: list[CompiledRule]) -> None:
    if not rules:
        return
    words_before = 0
    for i in range(len(doc.lines)):
        for rule in rules:
            if words_before >= rule.rule.min_words_before and doc.search(rule, i):
                for j in range(i, len(doc.lines)):
                    doc.drop(rule, j, record=bool(doc.lines[j].strip()))
                doc.end = i
                return
        words_before += count_words(doc.lines[i])


def _drop_blocks(doc: _Document, rules: list[CompiledRule]) -> None:
    for rule in rules:
        i = 0
        while i < doc.end:
            if not doc.removed[i] and doc.search(rule, i):
                last = min(doc.end, i + rule.rule.max_lines)
                j = next((j for j in range(i, last) if doc.search(rule, j, rule.end)), None)
                if j is not None:
                    for k in range(i, j + 1):
                        if not doc.removed[k]:
                            doc.drop(rule, k)
                    i = j
            i += 1


def _drop_and_strip(doc: _Document, rules: list[CompiledRule]) -> None:
    if not rules:
        return
    for i in range(doc.end):
        if not doc.live(i):
            continue
        for rule in rules:
            if rule.action is Action.STRIP:
                _strip(doc, rule, i)
                if not doc.lines[i].strip():
                    doc.removed[i] = True
                    break
            elif doc.search(rule, i):
                doc.drop(rule, i)
                break


def _strip(doc: _Document, rule: CompiledRule, i: int) -> None:
    """Cut every match out of line ``i``, again until none is left (a cut can join
    the halves of a new match); whitespace around a cut becomes one space."""
    while doc.search(rule, i):
        line = doc.lines[i]
        try:
            cut = _cut(doc, rule, i, line)
        except TimeoutError as exc:
            raise doc.clock.expired(rule.id) from exc
        doc.clock.stop(rule.id)
        if cut == line:
            return
        doc.lines[i] = cut


def _cut(doc: _Document, rule: CompiledRule, i: int, line: str) -> str:
    assert rule.pattern is not None
    pieces, position = [], 0
    for match in rule.pattern.finditer(line, timeout=doc.clock.limit(rule.id, line)):
        if match.end() == match.start():
            continue
        doc.removals.append(Removal(rule.id, i + 1, match.start(), match.end(), match.group()))
        pieces.append(line[position : match.start()])
        position = match.end()
    if not pieces:
        return line
    return _join([*pieces, line[position:]])


def _join(pieces: list[str]) -> str:
    """The pieces left around the cuts, whitespace on both sides of a cut made one space.

    Built as a list and joined once: adding to one string would copy the line again
    for every cut, quadratic on a long line with many matches.
    """
    out = [pieces[0]] if pieces[0] else []
    for piece in pieces[1:]:
        if (out and out[-1][-1:].isspace()) or piece[:1].isspace():
            while out and not out[-1].rstrip():
                out.pop()
            if out:
                out[-1] = out[-1].rstrip()
            piece = piece.lstrip()
            if out and piece:
                out.append(" ")
        if piece:
            out.append(piece)
    return "".join(out)


def _drop_at_edge(doc: _Document, rules: list[CompiledRule], position: Position) -> None:
    if not rules:
        return
    order = range(doc.end - 1, -1, -1) if position is Position.TAIL else range(doc.end)
    for i in order:
        if not doc.live(i):
            continue
        rule = next((r for r in rules if doc.search(r, i)), None)
        if rule is None:
            return
        doc.drop(rule, i)


def _kept(doc: _Document) -> list[int]:
    """Indices of the lines that stay: blank lines at the edges and blank lines that a
    removal joined into a run go too."""
    kept: list[int] = []
    gap = False  # a removal happened since the last line kept
    for i in range(doc.end):
        if doc.removed[i]:
            gap = True
            continue
        blank = not doc.lines[i].strip()
        if blank and (not kept or (gap and not doc.lines[kept[-1]].strip())):
            continue
        kept.append(i)
        gap = False
    while kept and not doc.lines[kept[-1]].strip():
        kept.pop()
    return kept
