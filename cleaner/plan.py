"""The rules of one source selection, arranged once for the engine.

Rules are grouped by the stage that runs them, in the order the engine tries them,
and every pattern gets an id that grows with that order: the ids a line may match,
sorted, are then also the rules to try on it, in the right order. The RE2 scanner
over all patterns is built once per plan, on first use (``cleaner rules list`` and
``rules check`` never pay for it).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from cleaner.rules import Action, Position
from cleaner.scanner import Scanner

if TYPE_CHECKING:
    import regex

    from cleaner.compiler import CompiledRule


SCAN_AFTER = 64 * 1024  # characters of text before a plan builds its scanner


class Plan:
    """Stages as ranges of pattern ids; ``by_id[pid]`` is the rule behind an id.

    Drop-block rules have two ids each: their start pattern in ``starts`` and their
    end pattern at the same offset in ``ends``.
    """

    def __init__(self, rules: Sequence[CompiledRule], *, scan: bool = True) -> None:
        self.rules = tuple(rules)
        self.scan = scan
        self._plain_chars = 0  # text cleaned without the scanner so far
        by_action: dict[Action, list[CompiledRule]] = {action: [] for action in Action}
        for rule in self.rules:
            by_action[rule.action].append(rule)
        line_rules = by_action[Action.DROP_LINE] + by_action[Action.STRIP]
        anywhere = [r for r in line_rules if r.position is Position.ANY]
        blocks = by_action[Action.DROP_BLOCK]
        groups = [
            [(r, r.pattern) for r in by_action[Action.TRUNCATE_AT]],
            [(r, r.pattern) for r in blocks],
            [(r, r.end) for r in blocks],
            [(r, r.pattern) for r in sorted(anywhere, key=lambda r: r.action is Action.STRIP)],
            [(r, r.pattern) for r in line_rules if r.position is Position.TAIL],
            [(r, r.pattern) for r in line_rules if r.position is Position.HEAD],
        ]
        ranges, start = [], 0
        for group in groups:
            ranges.append(range(start, start + len(group)))
            start += len(group)
        self.truncate, self.starts, self.ends, self.anywhere, self.tail, self.head = ranges
        self.by_id: tuple[CompiledRule, ...] = tuple(r for group in groups for r, _ in group)
        self.patterns: tuple[regex.Pattern[str] | None, ...] = tuple(p for g in groups for _, p in g)

    @cached_property
    def scanner(self) -> Scanner | None:
        """The RE2 scanner, built on first use (reading it builds it)."""
        return Scanner(self.patterns) if self.scan and self.patterns else None

    def candidates(self, text: str) -> Candidates:
        """Which patterns may match which lines of ``text`` (set ``count`` to its
        number of lines before asking about lines).

        Building the scanner costs about what the plain engine spends on 50 KB of
        text, so the first :data:`SCAN_AFTER` characters a plan sees go the plain
        way: ``cleaner clean page.txt`` (the pre-commit case) never builds it.
        The answer is the same either way.
        """
        scanner = self.__dict__.get("scanner")
        if scanner is None and self.scan and self.patterns:
            self._plain_chars += len(text)
            if self._plain_chars > SCAN_AFTER:
                scanner = self.scanner
        hits = scanner.scan(text) if scanner is not None else None
        if scanner is None or hits is None:
            return Candidates(None, None)
        return Candidates(scanner, hits)


class Candidates:
    """The (line, pattern id) pairs worth asking ``regex`` about in one document.

    Without a scanner (``hits`` is ``None``) every pattern is a candidate on every
    line: the plain engine, one rule at a time.
    """

    def __init__(self, scanner: Scanner | None, hits: dict[int, list[int]] | None) -> None:
        self.scanner = scanner
        self.hits = hits
        self.count = 0  # lines in the document
        self.always = scanner.always if scanner is not None else ()

    @property
    def none(self) -> bool:
        """No pattern can match anywhere: the document comes out as it went in."""
        return self.hits is not None and not self.hits and not self.always

    def lines(self, stage: range) -> Iterable[int]:
        """Lines, ascending, where some pattern of ``stage`` may match."""
        if self.hits is None or any(pid in stage for pid in self.always):
            return range(self.count)
        return sorted(i for i, ids in self.hits.items() if ids[-1] >= stage.start and _within(ids, stage))

    def at(self, line: int, stage: range) -> Sequence[int]:
        """Pattern ids of ``stage``, ascending, that may match ``line``."""
        if self.hits is None:
            return stage
        ids = self.hits.get(line, ())
        if self.always:
            ids = sorted({*ids, *self.always})
        return ids[bisect_left(ids, stage.start) : bisect_left(ids, stage.stop)]

    def refresh(self, line: int, text: str) -> None:
        """``line`` now reads ``text`` (a strip cut something out of it)."""
        if self.scanner is None or self.hits is None:
            return
        ids = self.scanner.line(text)
        if ids is None:
            self.hits = None
        elif ids:
            self.hits[line] = ids
        else:
            self.hits.pop(line, None)


def _within(ids: list[int], stage: range) -> bool:
    k = bisect_left(ids, stage.start)
    return k < len(ids) and ids[k] < stage.stop
