"""``cleaner learn``: learn each site's boilerplate from a JSONL corpus, write its packs.

Records are read as ``batch`` reads them; a line that cannot be read is reported as
``IN.jsonl:LINE: reason`` and skipped (exit 1 at the end). The packs are written
only once the whole input was read: an input that cannot be read leaves the folder
as it was.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.batch.records import Fields
from cleaner.cli.exit_codes import CHANGED, OK
from cleaner.cli.progress import Progress
from cleaner.errors import CleanerError
from cleaner.io.files import check_outputs
from cleaner.io.jsonl import input_name, input_size, open_input
from cleaner.io.output import Output
from cleaner.learn.counting import Counts
from cleaner.learn.folder import check_folder, write_packs
from cleaner.learn.learner import Learned, packs_from
from cleaner.learn.records import PageReader
from cleaner.learn.thresholds import DEFAULT, Thresholds
from cleaner.learn.workers import read_blocks
from cleaner.packs.loader import parse_pack
from cleaner.packs.model import Pack
from cleaner.report.review import write_report
from cleaner.report.samples import Samples
from cleaner.report.stats import Stats, plural


@dataclass(frozen=True)
class LearnOptions:
    """Every option of one ``learn`` run."""

    fields: Fields = field(default_factory=Fields)
    workers: int = 1
    thresholds: Thresholds = DEFAULT
    report: Path | None = None  # a review page of the learned rules (--report)


def learn(source: str, folder: Path, options: LearnOptions, output: Output) -> int:
    """Learn from ``source`` (a path or ``-``) and write the packs into ``folder``."""
    _check_destinations(folder, options.report)
    check_outputs({"--report": options.report}, [source])
    output.expect_files({"--report": options.report})
    learned, failed = learn_source(source, options, output)
    write_packs(folder, learned.packs)
    output.message(f"{_learned_counts(learned)} written to {folder}.")
    if options.report is not None:
        # No run yet: the page lists the learned rules, each description giving its evidence.
        packs = _loaded(learned, folder)
        write_report(options.report, packs, Stats(), Samples(), title="cleaner learn: the rules learned")
    return CHANGED if failed else OK


def learned_packs(source: str, options: LearnOptions, output: Output) -> list[Pack]:
    """The packs learned from ``source``, loaded: ``batch --learn`` cleans with them.
    Lines that cannot be read are left for the batch to report."""
    learned, _ = learn_source(source, options, output, report=False)
    output.message(f"learned {_learned_counts(learned)}.")
    return _loaded(learned)


def without_relearned(packs: list[Pack], learned: list[Pack], output: Output) -> list[Pack]:
    """``packs`` (from ``--rules``) without those a site pack just learned replaces: a
    folder written by an earlier ``learn`` holds packs of the same names, whose rule ids
    would clash with the new ones."""
    names = {pack.name for pack in learned}
    replaced = [pack for pack in packs if pack.name in names]
    if replaced:
        shown = ", ".join(pack.path for pack in replaced[:3]) + (", ..." if len(replaced) > 3 else "")
        output.message(
            f"{plural(len(replaced), 'pack')} of --rules replaced by what this run learned: {shown}"
        )
    return [pack for pack in packs if pack.name not in names]


def _learned_counts(learned: Learned) -> str:
    return f"{plural(learned.rules, 'rule')} for {plural(len(learned.packs), 'site')}"


def _check_destinations(folder: Path, report: Path | None) -> None:
    """Refuse before the corpus is read, not after: a folder holding packs that
    ``learn`` did not write, and a review page inside the folder, where it would
    pass for a pack (``rules check`` then fails on it, and the next ``learn`` refuses
    the folder)."""
    check_folder(folder)
    if report is None:
        return
    inside, page = folder.resolve(), report.resolve()
    if page == inside or inside in page.parents:
        raise CleanerError(
            f"--report {report} is inside the output folder {folder}, which holds only the learned"
            " packs: give a path outside it"
        )


def _loaded(learned: Learned, folder: Path | None = None) -> list[Pack]:
    """The learned packs as rules; named by their file in ``folder`` once written there."""
    return [
        parse_pack(
            text, path=str(folder / f"{site}.yaml") if folder else f"<learned {site}>", default_name=site
        )
        for site, text in learned.packs.items()
    ]


def learn_source(
    source: str, options: LearnOptions, output: Output, *, report: bool = True
) -> tuple[Learned, int]:
    """The packs learned from ``source``, and how many of its lines could not be read."""
    name = input_name(source)
    reader = PageReader(options.fields, options.thresholds)
    counts = Counts(options.thresholds)
    records = failed = siteless = done = 0
    with contextlib.ExitStack() as stack:
        blocks = stack.enter_context(open_input(source))
        progress = stack.enter_context(Progress(output, input_size(source)))
        for block, result in read_blocks(blocks, reader, options.workers):
            for page in result.pages:
                counts.add(page)
            for problem in result.problems if report else ():
                output.message(f"{name}:{problem.line}: {problem.reason}")
            records += result.records
            failed += len(result.problems)
            siteless += result.siteless
            done += block.length
            progress.update(records=records, data_bytes=done, position=block.position)
    if siteless:
        output.message(
            f"{siteless} of {records} records named no site (no URL, an IP address, or a host with"
            " no registered domain: co.uk, localhost): not learned from."
        )
    return packs_from(counts), failed
