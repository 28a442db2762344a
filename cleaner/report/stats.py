"""Run statistics: per rule, how many documents it hit and how much it removed.

datatrove's idea: counters kept per rule while documents go through, merged at
the end (a batch merges one :class:`Stats` per chunk, in input order, so the
figures do not depend on the number of workers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner.engine.run import CleanResult


@dataclass
class RuleCount:
    """What one rule did over a run."""

    documents: int = 0  # documents it removed anything from
    lines: int = 0  # whole lines it removed
    chars: int = 0  # characters it removed (whole lines and spans inside lines)

    def merge(self, other: RuleCount) -> None:
        self.documents += other.documents
        self.lines += other.lines
        self.chars += other.chars


@dataclass
class Stats:
    """Totals of a run and a :class:`RuleCount` per rule id."""

    documents: int = 0
    changed: int = 0
    failed: int = 0  # left unchanged: malformed record or a rule timed out
    flagged: int = 0  # lost more than the allowed share of their words
    rules: dict[str, RuleCount] = field(default_factory=dict)

    def add(self, result: CleanResult, *, flagged: bool) -> None:
        """Count one cleaned document."""
        self.documents += 1
        self.changed += result.changed
        self.flagged += flagged
        hit: set[str] = set()
        for removal in result.removals:
            count = self.rules.setdefault(removal.rule_id, RuleCount())
            count.lines += removal.whole_line
            count.chars += len(removal.text)
            hit.add(removal.rule_id)
        for rule_id in hit:
            self.rules[rule_id].documents += 1

    def add_failure(self) -> None:
        """Count a document that could not be cleaned (it passes through unchanged)."""
        self.documents += 1
        self.failed += 1

    def merge(self, other: Stats) -> None:
        self.documents += other.documents
        self.changed += other.changed
        self.failed += other.failed
        self.flagged += other.flagged
        for rule_id, count in other.rules.items():
            self.rules.setdefault(rule_id, RuleCount()).merge(count)

    def as_dict(self, *, max_loss: float) -> dict[str, Any]:
        """The ``--stats-json`` document; rules sorted by characters removed."""
        return {
            "documents": self.documents,
            "changed": self.changed,
            "failed": self.failed,
            "flagged": self.flagged,
            "max_loss": max_loss,
            "rules": {
                rule_id: {"documents": c.documents, "lines": c.lines, "chars": c.chars}
                for rule_id, c in self._ranked()
            },
        }

    def table(self) -> list[str]:
        """The ``--stats`` table for a terminal: one row per rule, then the totals."""
        rows = [("rule", "documents", "lines", "chars")]
        rows += [(rule_id, str(c.documents), str(c.lines), str(c.chars)) for rule_id, c in self._ranked()]
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        lines = [
            "  ".join(
                [
                    row[0].ljust(widths[0]),
                    *(cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)),
                ]
            )
            for row in rows
        ]
        lines.insert(1, "  ".join("-" * w for w in widths))
        lines.append(
            f"{self.documents} documents: {self.changed} changed, {self.failed} failed, "
            f"{self.flagged} flagged for word loss"
        )
        return lines

    def _ranked(self) -> list[tuple[str, RuleCount]]:
        return sorted(self.rules.items(), key=lambda item: (-item[1].chars, item[0]))
