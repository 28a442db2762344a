"""``cleaner batch``: clean a JSONL stream of records, in order, with worker processes.

A record that cannot be cleaned is reported on stderr as ``IN.jsonl:LINE: reason``
and in the ``--errors`` file, and the batch goes on; the exit status is then 1.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from cleaner.api import Cleaner
from cleaner.batch.records import BlockResult, Fields
from cleaner.batch.workers import Job, clean_blocks
from cleaner.cli.exit_codes import Report
from cleaner.cli.progress import Progress
from cleaner.io.jsonl import dump_line, input_name, input_size, open_input, open_output
from cleaner.io.output import Output
from cleaner.report.ledger import LedgerOptions, open_ledger


@dataclass(frozen=True)
class BatchOptions:
    """Every option of one ``batch`` run."""

    output: str = "-"
    fields: Fields = field(default_factory=Fields)
    workers: int = 1
    errors: Path | None = None
    ledger: LedgerOptions = field(default_factory=LedgerOptions)


def batch(source: str, cleaner: Cleaner, options: BatchOptions, output: Output) -> int:
    """Clean every record of ``source`` (a path or ``-``) into ``options.output``."""
    name = input_name(source)
    report = Report(noun="record")
    job = Job(
        packs=tuple(cleaner.packs),
        timeout=cleaner.timeout,
        fields=options.fields,
        max_loss=options.ledger.max_loss,
        audit=options.ledger.audit is not None,
        report=options.ledger.report is not None,
    )
    with contextlib.ExitStack() as stack:
        blocks = stack.enter_context(open_input(source))
        ledger = stack.enter_context(open_ledger(options.ledger, output, cleaner.packs))
        sink = stack.enter_context(open_output(options.output, output))
        errors = stack.enter_context(open_output(options.errors, output)) if options.errors else None
        progress = stack.enter_context(Progress(output, input_size(source)))
        done_bytes = 0
        for block, result in clean_blocks(blocks, job, options.workers):
            sink.write(result.output)
            ledger.absorb(result.tally)
            _report_problems(name, result, errors, output)
            _count(report, result)
            done_bytes += block.length
            progress.update(records=_total(report), data_bytes=done_bytes, position=block.position)
    output.message(report.summary())
    return report.return_code


def _report_problems(name: str, result: BlockResult, errors: BinaryIO | None, output: Output) -> None:
    for problem in result.problems:
        output.message(f"{name}:{problem.line}: {problem.reason}")
        if errors is not None:
            entry = {
                "file": name,
                "line": problem.line,
                "reason": problem.reason,
                "in_output": problem.passed_through,
                # surrogateescape + ASCII escapes: undecodable bytes survive the round trip
                "raw": problem.raw.decode("utf-8", "surrogateescape"),
            }
            errors.write(dump_line(entry))


def _count(report: Report, result: BlockResult) -> None:
    failed = len(result.problems)
    report.changed += result.changed
    report.failed += failed
    report.unchanged += result.records - result.changed - failed


def _total(report: Report) -> int:
    return report.changed + report.unchanged + report.failed
