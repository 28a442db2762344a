"""``cleaner learn``: learn each site's boilerplate from a JSONL corpus, write its packs.

Records are read as ``batch`` reads them; a line that cannot be read is reported as
``IN.jsonl:LINE: reason`` and skipped (exit 1 at the end). The packs are written
only once the whole input was read: an input that cannot be read leaves the folder
as it was.

With an HTML field, learning reads what the rules will read, the body extracted
from each page: :func:`html_bodies` writes those to a temporary corpus first (QA
round P, P20: ``batch --learn --html-field`` read the text field, and learned
nothing from a crawl of pages, silently).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.batch.records import Fields, parse_record, split_block, string_field
from cleaner.cli.exit_codes import CHANGED, OK
from cleaner.cli.progress import Progress
from cleaner.errors import CleanerError, DocumentError, InputError
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


def learned_packs(
    source: str, options: LearnOptions, output: Output, extractor: Cleaner | None = None
) -> list[Pack]:
    """The packs learned from ``source``, loaded: ``batch --learn`` cleans with them.
    Lines that cannot be read are left for the batch to report. ``extractor``: the
    cleaner whose prune rules and limits the batch's pages go through."""
    learned, _ = learn_source(source, options, output, report=False, extractor=extractor)
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
    source: str,
    options: LearnOptions,
    output: Output,
    *,
    report: bool = True,
    extractor: Cleaner | None = None,
    name: str | None = None,
) -> tuple[Learned, int]:
    """The packs learned from ``source``, and how many of its lines could not be read.
    With an HTML field, from the bodies ``extractor`` (default: the bundled packs)
    extracts from its pages; ``name``: the input as reported, when ``source`` stands for it."""
    if options.fields.html is not None:
        with html_bodies(source, options.fields, extractor or Cleaner(), output) as bodies:
            # the bodies are in the HTML field: a record without one is reported as lacking it
            fields = replace(options.fields, text=options.fields.html, html=None)
            return learn_source(bodies, replace(options, fields=fields), output, report=report, name=source)
    name = input_name(name or source)
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


@contextlib.contextmanager
def html_bodies(source: str, fields: Fields, extractor: Cleaner, output: Output) -> Iterator[str]:
    """A temporary JSONL corpus of ``source``'s records as learning reads them: each
    page's extracted body in the HTML field, beside its URL. Every other line is copied
    as it is, at the same line number (blank lines too), so that learning reports it
    where the input has it. A page that cannot be extracted (over a limit, binary, out
    of time) is counted, said once, and teaches nothing. The pages are extracted one
    at a time, once more than ``batch`` extracts them."""
    failed = 0
    with tempfile.TemporaryDirectory(prefix="cleaner-learn-") as folder:
        path = Path(folder) / "bodies.jsonl"
        with open_input(source) as blocks, path.open("wb") as out:
            for block in blocks:
                data = block.read()
                count, records = split_block(data) if not block.overlong else (1, [(1, data)])
                lines = [b""] * count
                for number, raw in records:
                    lines[number - 1], lost = _body_line(raw, fields, extractor)
                    failed += lost
                out.write(b"".join(line + b"\n" for line in lines))
        extractor.close()  # its extraction process: the learning workers fork next
        if failed:
            output.message(
                f"{plural(failed, 'page')} of {input_name(source)} could not be extracted: not learned from."
            )
        yield str(path)


def _body_line(raw: bytes, fields: Fields, extractor: Cleaner) -> tuple[bytes, bool]:
    """The record on line ``raw`` with its page's body, and whether the page failed;
    the line unchanged when it holds no page (learning reports why)."""
    assert fields.html is not None
    try:
        record = parse_record(raw)
    except ValueError:
        return raw, False
    html, url = string_field(record, fields.html), record.get(fields.url)
    if html is None or (url is not None and string_field(record, fields.url) is None):
        return raw, False
    try:
        body, failed = extractor.run_html(html, url).original, False
    except (InputError, DocumentError):
        body, failed = "", True
    return json.dumps({fields.html: body, fields.url: url}).encode(), failed
