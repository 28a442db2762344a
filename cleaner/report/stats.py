"""Run statistics: per rule, how many documents it hit and how much it removed.

datatrove's idea: counters kept per rule while documents go through, merged at
the end (a batch merges one :class:`Stats` per chunk, in input order, so the
figures do not depend on the number of workers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner.engine.run import CleanResult
from cleaner.io.discovery import is_whole_page


@dataclass
class RuleCount:
    """What one rule did over a run."""

    documents: int = 0  # documents it removed anything from
    lines: int = 0  # lines it removed: dropped ones, and ones its strip left with no text (which go)
    chars: int = 0  # characters it removed (whole lines, spans inside lines, text of pruned nodes)

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
    emptied: int = 0  # had text and came out with none: rules that act on every line?
    # came with none to clean: an empty text; with `clean`, an HTML page nothing was extracted
    # from (batch and Ray fail such a page's record: it keeps the text it had)
    no_text: int = 0
    lossy: int = 0  # HTML pages with bytes not valid in their encoding, read as U+FFFD
    pages_as_text: int = 0  # texts that are whole HTML pages: meant for --html-field?
    rules: dict[str, RuleCount] = field(default_factory=dict)

    def add(self, result: CleanResult, *, flagged: bool) -> None:
        """Count one cleaned document."""
        self.documents += 1
        self.changed += result.changed
        self.flagged += flagged
        self.emptied += result.changed and not result.text
        self.no_text += not result.original and not result.text
        self.lossy += result.invalid_bytes > 0
        self.pages_as_text += is_whole_page(result.original)
        hit: set[str] = set()
        for removal in result.removals:
            count = self.rules.setdefault(removal.rule_id, RuleCount())
            count.lines += removal.whole_line or removal.emptied
            count.chars += removal.end - removal.start  # the text's length; a pruned node's, uncut
            hit.add(removal.rule_id)
        for rule_id in hit:
            self.rules[rule_id].documents += 1

    def summary(self) -> str:
        """The last line of the ``--stats`` table."""
        return (
            f"{plural(self.documents, 'document')}: {self.changed} changed, {self.failed} failed, "
            f"{self.flagged} flagged for word loss"
        )

    def add_failure(self) -> None:
        """Count a document that could not be cleaned (it passes through unchanged)."""
        self.documents += 1
        self.failed += 1

    def merge(self, other: Stats) -> None:
        self.documents += other.documents
        self.changed += other.changed
        self.failed += other.failed
        self.flagged += other.flagged
        self.emptied += other.emptied
        self.no_text += other.no_text
        self.lossy += other.lossy
        self.pages_as_text += other.pages_as_text
        for rule_id, count in other.rules.items():
            self.rules.setdefault(rule_id, RuleCount()).merge(count)

    def as_dict(self, *, max_loss: float) -> dict[str, Any]:
        """The ``--stats-json`` document; rules sorted by characters removed."""
        return {
            "documents": self.documents,
            "changed": self.changed,
            "failed": self.failed,
            "flagged": self.flagged,
            "emptied": self.emptied,
            "no_text": self.no_text,
            "lossy": self.lossy,
            "pages_as_text": self.pages_as_text,
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
        lines.append(self.summary())
        return lines

    def _ranked(self) -> list[tuple[str, RuleCount]]:
        return sorted(self.rules.items(), key=lambda item: (-item[1].chars, item[0]))


def plural(count: int, noun: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
