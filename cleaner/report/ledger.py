"""What a run removed, kept for ``--stats``, ``--stats-json``, ``--audit`` and ``--report``.

A :class:`Tally` is the pure part: statistics, audit lines and samples of some documents
(a batch worker fills one per chunk; ``clean`` one per file). The :class:`Ledger`
is the run's I/O side: it absorbs tallies in input order, streams audit lines to
the audit file, and at the end prints or writes the statistics and the review page.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cleaner.engine.run import CleanResult
from cleaner.io.files import write_atomic
from cleaner.io.jsonl import open_output
from cleaner.io.output import Output
from cleaner.packs.model import Pack
from cleaner.report.audit import RecordId, audit_lines, is_flagged, renumbered
from cleaner.report.review import write_report
from cleaner.report.samples import Samples
from cleaner.report.stats import Stats

DEFAULT_MAX_LOSS = 0.5


@dataclass(frozen=True)
class LedgerOptions:
    """``--stats``, ``--stats-json FILE``, ``--audit FILE``, ``--max-loss`` and ``--report FILE``."""

    stats: bool = False
    stats_json: Path | None = None
    audit: Path | None = None
    max_loss: float = DEFAULT_MAX_LOSS
    report: Path | None = None

    def files(self) -> dict[str, Path | None]:
        """The files these options write, by the option that names them."""
        return {"--stats-json": self.stats_json, "--audit": self.audit, "--report": self.report}


@dataclass
class Tally:
    """Statistics, audit lines and samples of some documents, in the order they were noted."""

    max_loss: float = DEFAULT_MAX_LOSS
    audit: bool = False
    report: bool = False  # keep samples for the review page
    stats: Stats = field(default_factory=Stats)
    lines: list[bytes] = field(default_factory=list)
    by_line: list[int] = field(default_factory=list)  # which of ``lines`` name their record by its line
    samples: Samples = field(default_factory=Samples)

    def note(self, record: RecordId, result: CleanResult, *, by_line: bool = False) -> None:
        """Count one cleaned document (and keep its audit lines and samples when asked)."""
        self.stats.add(result, flagged=is_flagged(result, self.max_loss))
        if self.audit:
            self.lines.extend(audit_lines(record, result, max_loss=self.max_loss))
        if self.report:
            self.samples.note(record, result, by_line=by_line)

    def note_line(self, line: int, result: CleanResult) -> None:
        """Count a document known by its line number, which :meth:`renumber` may move on."""
        start = len(self.lines)
        self.note(line, result, by_line=True)
        self.by_line.extend(range(start, len(self.lines)))

    def renumber(self, by: int) -> None:
        """Add ``by`` to the line numbers of :meth:`note_line`'s documents: a batch
        worker numbers its block from 1, and only the parent, which takes the blocks
        in order, knows where each starts."""
        for index in self.by_line:
            self.lines[index] = renumbered(self.lines[index], by)
        self.samples.renumber(by)

    def fail(self) -> None:
        """Count a document left unchanged because it could not be cleaned."""
        self.stats.add_failure()


class Ledger:
    """The run's totals and its audit file (``None`` when not auditing); ``packs``
    are the run's rules, which the review page describes."""

    def __init__(self, options: LedgerOptions, audit: BinaryIO | None, packs: Sequence[Pack] = ()) -> None:
        self.options = options
        self.stats = Stats()
        self.samples = Samples()
        self.packs = tuple(packs)
        self._audit = audit

    def tally(self) -> Tally:
        """An empty tally with this run's settings."""
        return Tally(
            max_loss=self.options.max_loss,
            audit=self._audit is not None,
            report=self.options.report is not None,
        )

    def note(self, record: RecordId, result: CleanResult) -> None:
        """Count one document cleaned in this process (``cleaner clean``)."""
        tally = self.tally()
        tally.note(record, result)
        self.absorb(tally)

    def fail(self) -> None:
        self.stats.add_failure()

    def absorb(self, tally: Tally) -> None:
        """Add a tally's figures and write its audit lines."""
        self.stats.merge(tally.stats)
        self.samples.merge(tally.samples)
        if self._audit is not None and tally.lines:
            self._audit.write(b"".join(tally.lines))

    def finish(self, output: Output) -> None:
        """Print the statistics (a table on a terminal, else JSON), write ``--stats-json``
        and the review page."""
        document = self.stats.as_dict(max_loss=self.options.max_loss)
        if self.options.stats:
            if output.err_is_terminal:
                for line in self.stats.table():
                    output.message(line)
            else:
                output.message(json.dumps(document, ensure_ascii=False))
        if self.options.stats_json is not None:
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            write_atomic(self.options.stats_json, text.encode("utf-8"))
        if self.options.report is not None:
            write_report(self.options.report, self.packs, self.stats, self.samples)


@contextlib.contextmanager
def open_ledger(options: LedgerOptions, output: Output, packs: Sequence[Pack] = ()) -> Iterator[Ledger]:
    """A ledger whose audit file is written atomically and whose statistics (and
    review page of ``packs``' rules) are reported when the run ends without an error."""
    with contextlib.ExitStack() as stack:
        audit = stack.enter_context(open_output(options.audit, output)) if options.audit else None
        ledger = Ledger(options, audit, packs)
        yield ledger
        ledger.finish(output)
