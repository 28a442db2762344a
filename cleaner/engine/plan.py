"""The rules of one source selection, arranged once for the engine.

Rules are grouped by the stage that runs them, in the order the engine tries them,
and every pattern gets an id that grows with that order: the ids a line may match,
sorted, are then also the rules to try on it, in the right order.

One RE2 scanner covers every pattern of a rule set (:class:`Prefilter`); each plan
keeps the hits of its own rules. One scanner, not one per site: RE2 builds its
automaton as text goes by, so a scanner shared by all sources is warm after a few
documents, where forty site scanners would each still be learning. It is built on
first need (``cleaner rules list`` and ``rules check`` never pay for it).

:class:`CompiledRule` is defined here, not in the compiler that makes it: the plan and
the engine only read it, and the compiler builds plans, so the types flow one way.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import regex

from cleaner.engine.alternatives import Alternatives
from cleaner.engine.reading import lines_read_otherwise, readings
from cleaner.packs.model import Action, Position, Rule

if TYPE_CHECKING:
    from cleaner.engine.lines import LineMap
    from cleaner.engine.words import AtLeast
    from cleaner.scan.scanner import Scanner
    from cleaner.scan.translations import Translations


SCAN_AFTER = 64 * 1024  # characters of text cleaned the plain way before the scanner is built


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its patterns ready to run; ``end`` only for drop-block;
    ``too_long`` tells a line of more than ``max-words`` words."""

    rule: Rule
    pattern: regex.Pattern[str] | None
    end: regex.Pattern[str] | None = None
    too_long: AtLeast | None = None
    # The longest line that cannot hold more than max-words words (k words take at
    # least 2k - 1 characters): no need to count the words of a shorter one.
    short: int = 0
    stop: regex.Pattern[str] | Alternatives | None = None  # a cut's ``stop-at``, value by value
    unless: regex.Pattern[str] | None = None  # lines the rule's pattern matches that are not its
    labels: regex.Pattern[str] | None = None  # spare-introduced's labels: lines that introduce nothing
    menus: regex.Pattern[str] | None = None  # keep-data-rows' menus: items no introduction spares

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def action(self) -> Action:
        return self.rule.action

    @property
    def position(self) -> Position:
        return self.rule.position


class Prefilter:
    """The scanner over every pattern of a rule set: ``rules[j]`` has ids ``2j``
    (its pattern) and ``2j + 1`` (a drop-block's end)."""

    def __init__(self, rules: Sequence[CompiledRule], translations: Translations | None = None) -> None:
        self.index = {id(rule): j for j, rule in enumerate(rules)}
        self.patterns = tuple(p for rule in rules for p in (rule.pattern, rule.end))
        self.translations = translations  # kept from earlier runs, or None
        self._plain_chars = 0  # text cleaned without the scanner so far

    @cached_property
    def scanner(self) -> Scanner:
        """The RE2 scanner, built on first use (reading it builds it); what it made of
        new patterns is kept in :attr:`translations` for the next run."""
        from cleaner.scan.scanner import Scanner  # lazy: one page on the command line never needs RE2

        scanner = Scanner(self.patterns, self.translations)
        if self.translations is not None:
            self.translations.save()
        return scanner

    def ready(self, text: str) -> Scanner | None:
        """The scanner once it pays: building it costs about what the plain engine
        spends on 50 KB of text, so the first :data:`SCAN_AFTER` characters go the
        plain way (``cleaner clean page.txt``, the pre-commit case, never builds it).
        The answer is the same either way."""
        scanner = self.__dict__.get("scanner")
        if scanner is None:
            self._plain_chars += len(text)
            if self._plain_chars > SCAN_AFTER:
                scanner = self.scanner
        return scanner


class Plan:
    """Stages as ranges of pattern ids; ``by_id[pid]`` is the rule behind an id.

    Drop-block rules have two ids each: their start pattern in ``starts`` and their
    end pattern at the same offset in ``ends``.
    """

    def __init__(self, rules: Sequence[CompiledRule], prefilter: Prefilter | None = None) -> None:
        self.rules = tuple(rules)
        self.prefilter = prefilter
        by_action: dict[Action, list[CompiledRule]] = {action: [] for action in Action}
        for rule in self.rules:
            by_action[rule.action].append(rule)
        line_rules = by_action[Action.DROP_LINE] + by_action[Action.STRIP]
        anywhere = [r for r in line_rules if r.position is Position.ANY]
        blocks = by_action[Action.DROP_BLOCK]
        groups = [  # (rule, 0 for its pattern or 1 for a drop-block's end)
            [(r, 0) for r in by_action[Action.TRUNCATE_AT]],
            [(r, 0) for r in by_action[Action.TRUNCATE_AT_CLUSTER]],
            [(r, 0) for r in blocks],
            [(r, 1) for r in blocks],
            [(r, 0) for r in sorted(anywhere, key=lambda r: r.action is Action.STRIP)],
            [(r, 0) for r in line_rules if r.position is Position.TAIL],
            [(r, 0) for r in line_rules if r.position is Position.HEAD],
        ]
        ranges, start = [], 0
        for group in groups:
            ranges.append(range(start, start + len(group)))
            start += len(group)
        self.truncate, self.clusters, self.starts, self.ends, self.anywhere, self.tail, self.head = ranges
        self.by_id: tuple[CompiledRule, ...] = tuple(r for group in groups for r, _ in group)

        self._own: dict[int, int] = {}  # the prefilter's pattern id -> this plan's
        if prefilter is not None:
            for pid, (rule, which) in enumerate(entry for group in groups for entry in group):
                self._own[2 * prefilter.index[id(rule)] + which] = pid

    def candidates(self, text: str, *, written: bool) -> Candidates:
        """Which patterns may match which lines of ``text`` (set ``count`` to its
        number of lines before asking about lines); ``written``: patterns read every
        line of it as it is written (:func:`~cleaner.engine.reading.as_written`)."""
        scanner = self.prefilter.ready(text) if self.prefilter is not None else None
        hits = scanner.scan(text) if scanner is not None else None
        if hits is not None and not written:  # and as patterns read it (cleaner.engine.reading)
            hits = _merged(hits, scanner, lines_read_otherwise(text))
        if scanner is None or hits is None:
            return Candidates(None, None)
        return Candidates(self, self.own(hits))

    def own(self, hits: dict[int, list[int]]) -> dict[int, list[int]]:
        """The prefilter's hits restated in this plan's ids (other sources' rules dropped)."""
        own = self._own
        mine = {}
        for line, ids in hits.items():
            kept = sorted(own[g] for g in ids if g in own)
            if kept:
                mine[line] = kept
        return mine

    @cached_property
    def always(self) -> tuple[int, ...]:
        """This plan's ids of patterns that ``regex`` must try on every line."""
        assert self.prefilter is not None
        return tuple(sorted(self._own[g] for g in self.prefilter.scanner.always if g in self._own))

    def line(self, text: str) -> list[int] | None:
        """Candidate ids for one changed line (None: every pattern)."""
        assert self.prefilter is not None
        found = self.prefilter.scanner.line(text)
        for seen, _ in readings(text)[1:]:
            more = self.prefilter.scanner.line(seen)
            found = None if found is None or more is None else sorted({*found, *more})
        return None if found is None else self.own({0: found}).get(0, [])


class Candidates:
    """The (line, pattern id) pairs worth asking ``regex`` about in one document.

    Without a plan's scan (``hits`` is ``None``) every pattern is a candidate on
    every line: the plain engine, one rule at a time.
    """

    def __init__(self, plan: Plan | None, hits: dict[int, list[int]] | None) -> None:
        self.plan = plan
        self.hits = hits
        self.count = 0  # lines in the document
        self.always = plan.always if plan is not None and hits is not None else ()
        self._sorted: list[tuple[int, list[int]]] | None = None  # hits by line
        self._ids: list[int] = []  # every id in hits, ascending (with _sorted)

    @property
    def none(self) -> bool:
        """No pattern can match anywhere: the document comes out as it went in."""
        return self.hits is not None and not self.hits and not self.always

    def lines(self, stage: range) -> Iterable[int]:
        """Lines, ascending, where some pattern of ``stage`` may match."""
        if self.hits is None or any(pid in stage for pid in self.always):
            return range(self.count)
        if self._sorted is None:  # once per pass, not once per stage
            self._sorted = sorted(self.hits.items())
            self._ids = sorted({pid for _, ids in self._sorted for pid in ids})
        if not _within(self._ids, stage):  # most stages of most documents: nothing to look at
            return ()
        return [i for i, ids in self._sorted if ids[-1] >= stage.start and _within(ids, stage)]

    def at(self, line: int, stage: range) -> Sequence[int]:
        """Pattern ids of ``stage``, ascending, that may match ``line``."""
        if self.hits is None:
            return stage
        ids = self.hits.get(line, ())
        if self.always:
            ids = sorted({*ids, *self.always})
        return ids[bisect_left(ids, stage.start) : bisect_left(ids, stage.stop)]

    def renumbered(self, step: LineMap) -> Candidates:
        """The candidates of the next pass, whose lines descend from this one's by ``step``."""
        if self.hits is None:
            return self
        hits = {new: self.hits[old] for old, new in step.new(self.hits)}
        return Candidates(self.plan, hits)

    def refresh(self, line: int, text: str) -> None:
        """``line`` now reads ``text`` (a strip cut something out of it)."""
        if self.plan is None or self.hits is None:
            return
        ids = self.plan.line(text)
        self._sorted = None
        if ids is None:
            self.hits = None
        elif ids:
            self.hits[line] = ids
        else:
            self.hits.pop(line, None)


def _merged(
    hits: dict[int, list[int]], scanner: Scanner, lines: list[tuple[int, str]]
) -> dict[int, list[int]] | None:
    """``hits`` with the candidates of ``lines`` (number, another reading of the line),
    scanned as one text; None: every pattern is a candidate everywhere."""
    if not lines:
        return hits
    more = scanner.scan("\n".join(line for _, line in lines))
    if more is None:
        return None
    for k, ids in more.items():
        number = lines[k][0]
        hits[number] = sorted({*hits.get(number, ()), *ids})
    return hits


def _within(ids: list[int], stage: range) -> bool:
    k = bisect_left(ids, stage.start)
    return k < len(ids) and ids[k] < stage.stop
