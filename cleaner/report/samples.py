"""Samples of what each rule removed, in context, for the review page (``--report``).

Bounded whatever the run: a rule keeps its first :data:`PER_RULE` samples (one per
document it hit: its first removal there), each the removed line with
:data:`CONTEXT_LINES` lines before and after, every line cut to :data:`SHOWN_CHARS`
characters. Context lines carry the spans any rule removed from them, so the page
can colour each by its rule.

The first samples of the run, not a random choice: a batch worker keeps the first
of its block, and the parent, which takes the blocks in input order, keeps the first
of those, so the page is the same with one worker or many.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from cleaner.engine.run import CleanResult, Removal, split_lines

PER_RULE = 5  # samples kept per rule
CONTEXT_LINES = 2  # lines shown before and after the removed line
SHOWN_CHARS = 300  # characters shown of a line (a long one is cut around its first mark)
_LEAD = 60  # characters shown before a mark that sits beyond SHOWN_CHARS


class Mark(NamedTuple):
    """A span of a shown line that ``rule_id`` removed (offsets in the shown text)."""

    start: int
    end: int
    rule_id: str


class ShownLine(NamedTuple):
    """One line of a sample as the page shows it."""

    number: int  # 1-based, in the document
    text: str  # the line, or the part of it shown
    offset: int  # where ``text`` starts in the line: above 0, cut on the left
    cut: bool  # True: the line goes on after ``text``
    marks: tuple[Mark, ...]


@dataclass(frozen=True)
class Sample:
    """One removal of a rule, with the lines around it."""

    rule_id: str
    record: object  # the record's id, its line number in the input (``by_line``), or a file name
    by_line: bool
    line: int
    lines: tuple[ShownLine, ...]


@dataclass
class Samples:
    """The first samples of each rule over some documents."""

    per_rule: int = PER_RULE
    context: int = CONTEXT_LINES
    by_rule: dict[str, list[Sample]] = field(default_factory=dict)

    def note(self, record: object, result: CleanResult, *, by_line: bool = False) -> None:
        """Keep a sample of each rule that hit this document and has fewer than its share."""
        firsts: dict[str, Removal] = {}
        for removal in result.removals:
            if removal.rule_id not in firsts and len(self.by_rule.get(removal.rule_id, ())) < self.per_rule:
                firsts[removal.rule_id] = removal
        if not firsts:
            return
        lines = split_lines(result.original)  # only for documents that give a sample
        for rule_id, removal in firsts.items():
            if removal.pruned:  # a node of the HTML page: no line, no context, its text marked
                shown: tuple[ShownLine, ...] = (
                    _shown(0, removal.text, [Mark(0, len(removal.text), rule_id)]),
                )
            else:
                shown = _window(lines, result.removals, removal.line, self.context)
            sample = Sample(rule_id, record, by_line, removal.line, shown)
            self.by_rule.setdefault(rule_id, []).append(sample)

    def merge(self, other: Samples) -> None:
        """Add ``other``'s samples (of later documents) while a rule has room for them."""
        for rule_id, samples in other.by_rule.items():
            kept = self.by_rule.setdefault(rule_id, [])
            kept.extend(samples[: max(0, self.per_rule - len(kept))])

    def renumber(self, by: int) -> None:
        """Add ``by`` to the line numbers that name records (see ``Tally.renumber``)."""
        for rule_id, samples in self.by_rule.items():
            self.by_rule[rule_id] = [
                replace(s, record=s.record + by) if s.by_line and isinstance(s.record, int) else s
                for s in samples
            ]


def _window(
    lines: list[str], removals: tuple[Removal, ...], line: int, context: int
) -> tuple[ShownLine, ...]:
    """Lines ``line - context`` to ``line + context``, with what every rule removed from them."""
    first, last = max(1, line - context), min(len(lines), line + context)
    at = bisect.bisect_left(removals, first, key=lambda r: r.line)  # past pruned nodes' line 0 too
    marks: dict[int, list[Mark]] = {}
    for removal in removals[at:]:
        if removal.line > last:
            break
        span = _span(lines[removal.line - 1], removal)
        if span is not None:
            marks.setdefault(removal.line, []).append(Mark(*span, removal.rule_id))
    return tuple(_shown(n, lines[n - 1], marks.get(n, [])) for n in range(first, last + 1))


def _span(text: str, removal: Removal) -> tuple[int, int] | None:
    """Where the removed text sits in the input line. A strip of a later pass saw the
    line as an earlier strip left it: its offsets may not be the input's."""
    if removal.whole_line:
        return 0, len(text)
    if text[removal.start : removal.end] == removal.text:
        return removal.start, removal.end
    found = text.find(removal.text)
    return (found, found + len(removal.text)) if found >= 0 and removal.text else None


def _shown(number: int, text: str, marks: list[Mark]) -> ShownLine:
    if len(text) <= SHOWN_CHARS:
        return ShownLine(number, text, 0, False, tuple(marks))
    first = min((m.start for m in marks), default=0)
    offset = first - _LEAD if first > SHOWN_CHARS - _LEAD else 0
    shown = text[offset : offset + SHOWN_CHARS]
    clipped = tuple(
        Mark(max(0, m.start - offset), min(len(shown), m.end - offset), m.rule_id)
        for m in marks
        if m.end > offset and m.start < offset + len(shown)
    )
    return ShownLine(number, shown, offset, offset + len(shown) < len(text), clipped)
