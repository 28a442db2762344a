"""``cleaner batch``: clean a JSONL stream of records, in order, with worker processes.

A record that cannot be cleaned is reported on stderr as ``IN.jsonl:LINE: reason``
and in the ``--errors`` file, and the batch goes on; the exit status is then 1.

Every file the batch writes goes through a partial file beside it, and a run from
a file into files keeps a checkpoint there after each block: a run that is
killed, interrupted or stopped by an error is taken up where it stopped by the
next run of the same command (:mod:`cleaner.batch.resume`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.batch.records import BlockResult, Fields
from cleaner.batch.resume import Done, run_digest
from cleaner.batch.workers import Job, clean_blocks
from cleaner.cli.exit_codes import Report
from cleaner.cli.progress import Progress
from cleaner.io import jsonl
from cleaner.io.files import check_outputs, stream_target
from cleaner.io.jsonl import dump_line, input_identity, input_name, input_size, open_input, starts_a_line
from cleaner.io.output import Output
from cleaner.io.partial import Checkpoint, Partial, output_file
from cleaner.report.ledger import Ledger, LedgerOptions
from cleaner.report.stats import plural


@dataclass(frozen=True)
class BatchOptions:
    """Every option of one ``batch`` run."""

    output: str = "-"
    fields: Fields = field(default_factory=Fields)
    workers: int = 1
    errors: Path | None = None
    ledger: LedgerOptions = field(default_factory=LedgerOptions)
    max_line: int = jsonl.MAX_LINE
    resume: bool = True  # take up a killed run of the same command where it stopped


class _Sinks:
    """The run's output files ("output", "errors", "audit") as partial files, or
    standard output for ``-o -``."""

    def __init__(self, options: BatchOptions, output: Output) -> None:
        self.partials: dict[str, Partial] = {}
        self.stdout = output.binary_out if options.output == "-" else None
        targets = {"output": options.output, "errors": options.errors, "audit": options.ledger.audit}
        try:
            for role, target in targets.items():
                if target is not None and str(target) != "-":
                    self.partials[role] = output_file(target, reader_may_leave=role == "output")
        except BaseException:
            self.close()
            raise

    def write(self, role: str, data: bytes) -> None:
        if role == "output" and self.stdout is not None:
            self.stdout.write(data)
        elif role in self.partials:
            self.partials[role].write(data)

    def sizes(self) -> dict[str, int]:
        return {role: partial.size() for role, partial in self.partials.items()}

    def crcs(self) -> dict[str, int]:
        return {role: partial.crc() for role, partial in self.partials.items()}

    def start_at(self, sizes: dict[str, int], crcs: dict[str, int] | None = None) -> bool:
        """Cut every file back to its size in ``sizes`` (empty: to nothing), if its bytes
        up to there are the ones ``crcs`` gives."""
        if sizes and set(sizes) != set(self.partials):
            return False
        crcs = crcs or {}
        return all(
            partial.start_at(sizes.get(role, 0), crcs.get(role)) for role, partial in self.partials.items()
        )

    def commit(self) -> None:
        for role in ("errors", "audit", "output"):  # the output last: its presence says the run ended
            if role in self.partials:
                self.partials[role].commit()

    def close(self) -> None:
        for partial in self.partials.values():
            partial.close()


class _AuditStream:
    """What the ledger writes its audit lines to."""

    def __init__(self, sinks: _Sinks) -> None:
        self._sinks = sinks

    def write(self, data: bytes) -> int:
        self._sinks.write("audit", data)
        return len(data)


def batch(source: str, cleaner: Cleaner, options: BatchOptions, output: Output) -> int:
    """Clean every record of ``source`` (a path or ``-``) into ``options.output``."""
    name = input_name(source)
    writes = {"--output": options.output, "--errors": options.errors, **options.ledger.files()}
    check_outputs(writes, [source], stdout="--output")
    output.expect_files(writes)
    job = Job(
        packs=tuple(cleaner.packs),
        timeout=cleaner.timeout,
        fields=options.fields,
        max_loss=options.ledger.max_loss,
        audit=options.ledger.audit is not None,
        html_limits=cleaner.html_limits,
        report=options.ledger.report is not None,
    )
    # --report's samples are not kept in the checkpoint: a run with it starts over; an
    # output that is a device or a pipe (-o /dev/null) keeps nothing to take up again
    resumable = options.output != "-" and options.ledger.report is None and not stream_target(options.output)
    identity = input_identity(source) if resumable else None
    checkpoint = Checkpoint(options.output) if identity is not None else None
    digest = run_digest(identity, (job, options, cleaner.document_timeout, jsonl.BLOCK))
    with _opened(options, output, checkpoint) as sinks:
        done = _resumed(sinks, checkpoint, digest, options, output, source)
        report = Report(noun="record", changed=done.changed, unchanged=done.unchanged, failed=done.failed)
        audit = _AuditStream(sinks) if "audit" in sinks.partials else None
        ledger = Ledger(options.ledger, audit, cleaner.packs)  # type: ignore[arg-type]
        ledger.stats = done.stats
        with contextlib.ExitStack() as stack:
            blocks = stack.enter_context(open_input(source, skip=done.offset, max_line=options.max_line))
            progress = stack.enter_context(Progress(output, input_size(source)))
            results = clean_blocks(blocks, job, options.workers, first_line=done.lines + 1)
            for block, result in results:
                sinks.write("output", result.output)
                ledger.absorb(result.tally)
                _report_problems(name, result, sinks, output)
                _count(report, result)
                done = _advance(done, block, result, report, ledger, sinks)
                if checkpoint is not None:
                    checkpoint.save(done.to_json(digest))
                progress.update(records=_total(report), data_bytes=block.end, position=block.position)
        sinks.commit()
        if checkpoint is not None:
            checkpoint.remove()
    ledger.finish(output)
    if ledger.stats.emptied:  # `clean` says it per file; a batch once, with the count
        output.warning(
            f"{plural(ledger.stats.emptied, 'record')} left with no text by the rules; "
            "check the rules if they are articles (--audit names every removal)"
        )
    if ledger.stats.pages_as_text:  # cleaned as text, markup and all: a run over a crawl goes to waste
        output.warning(
            f"the text of {plural(ledger.stats.pages_as_text, 'record')} is a whole HTML page, cleaned as "
            "text (markup and all); --html-field FIELD reads a record's page"
        )
    if ledger.stats.no_text:  # an empty field written back must not pass for a cleaned article
        output.warning(f"{plural(ledger.stats.no_text, 'record')} had no text to clean (an empty text field)")
    output.message(report.summary())
    return report.return_code


@contextlib.contextmanager
def _opened(options: BatchOptions, output: Output, checkpoint: Checkpoint | None) -> Iterator[_Sinks]:
    """The run's files; on an error or an interrupt their partial files stay for the
    next run to take up (they are removed if there is nothing to take up)."""
    sinks = _Sinks(options, output)
    try:
        yield sinks
    except BaseException as exc:
        if checkpoint is not None and checkpoint.path.exists():
            # after an error (a cut input, a full disk) the same command fails the same way
            when = "" if isinstance(exc, KeyboardInterrupt) else " once the error above is fixed"
            kept = f"{options.output}: the records done so far are kept"
            output.message(f"{kept}; run the same command again{when} to go on")
        else:
            for partial in sinks.partials.values():
                partial.discard()
        raise
    finally:
        sinks.close()


def _resumed(
    sinks: _Sinks,
    checkpoint: Checkpoint | None,
    digest: str,
    options: BatchOptions,
    output: Output,
    source: str,
) -> Done:
    """Where this run starts: where a killed run of the same command stopped, or at the start."""
    if checkpoint is None or not checkpoint.path.exists():
        sinks.start_at({})
        return Done()
    state = checkpoint.load()
    done = Done.from_json(state, digest) if state is not None and options.resume else None
    if done is not None and starts_a_line(source, done.offset) and sinks.start_at(done.sizes, done.crcs):
        where = f"going on from line {done.lines + 1}, where an earlier run of this batch stopped"
        output.message(f"{input_name(source)}: {where}")
        return done
    output.message(
        f"{options.output}: an earlier, unfinished run is not taken up "
        f"({_not_taken_up(state, done, checkpoint, options, source)}); starting over"
    )
    checkpoint.remove()
    sinks.start_at({})
    return Done()


def _not_taken_up(
    state: dict[str, object] | None,
    done: Done | None,
    checkpoint: Checkpoint,
    options: BatchOptions,
    source: str,
) -> str:
    """Why the checkpoint of an earlier run is not gone on from, in words."""
    if not options.resume:
        return "--no-resume"
    if state is None:
        return f"its checkpoint {checkpoint.path.name} cannot be read or is damaged"
    if done is None:
        return "its input, options or packs differ"
    if not starts_a_line(source, done.offset):
        name = checkpoint.path.name
        return f"its checkpoint {name} is damaged: byte {done.offset} of the input starts no line"
    return "its partial files are shorter than its checkpoint says, or were changed since"


def _advance(
    done: Done, block: jsonl.Block, result: BlockResult, report: Report, ledger: Ledger, sinks: _Sinks
) -> Done:
    return Done(
        offset=block.end,
        lines=done.lines + result.lines,
        changed=report.changed,
        unchanged=report.unchanged,
        failed=report.failed,
        stats=ledger.stats,
        sizes=sinks.sizes(),
        crcs=sinks.crcs(),
    )


def _report_problems(name: str, result: BlockResult, sinks: _Sinks, output: Output) -> None:
    entries = []
    for problem in result.problems:
        output.message(f"{name}:{problem.line}: {problem.reason}")
        entry = {
            "file": name,
            "line": problem.line,
            "reason": problem.reason,
            "in_output": problem.passed_through,
            # surrogateescape + ASCII escapes: undecodable bytes survive the round trip
            "raw": problem.raw.decode("utf-8", "surrogateescape"),
        }
        entries.append(dump_line(entry))
    sinks.write("errors", b"".join(entries))  # a block's at once: one member when compressed


def _count(report: Report, result: BlockResult) -> None:
    failed = len(result.problems)
    report.changed += result.changed
    report.failed += failed
    report.unchanged += result.records - result.changed - failed


def _total(report: Report) -> int:
    return report.changed + report.unchanged + report.failed
