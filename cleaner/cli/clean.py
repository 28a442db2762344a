"""``cleaner clean``: clean files, folders or stdin; print, rewrite, check or diff."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from cleaner.api import Cleaner
from cleaner.cli.diff import unified_diff
from cleaner.cli.exit_codes import Report
from cleaner.cli.explain import format_removals
from cleaner.engine.run import CleanResult
from cleaner.errors import CleanerError, DocumentError, InputError, StreamWriteError, WriteError
from cleaner.io.discovery import HTML_SUFFIXES, Found, WalkOptions, expand_paths, looks_like_html
from cleaner.io.files import (
    Document,
    Stamp,
    check_outputs,
    decode,
    file_stamp,
    read_bytes,
    write_document,
)
from cleaner.io.output import Output
from cleaner.report.ledger import Ledger, LedgerOptions, open_ledger
from cleaner.report.stats import plural


class Mode(StrEnum):
    """What to do with a cleaned document."""

    PRINT = "print"  # cleaned text to stdout (one input only)
    IN_PLACE = "in-place"  # rewrite changed files
    CHECK = "check"  # say which files would change
    DIFF = "diff"  # unified diff of what would change


class Format(StrEnum):
    AUTO = "auto"
    TEXT = "text"
    HTML = "html"


@dataclass(frozen=True)
class CleanOptions:
    """Every option of one ``clean`` run, passed as one value (black's ``Mode``)."""

    mode: Mode = Mode.PRINT
    source: str | None = None
    explain: bool = False
    format: Format = Format.AUTO
    encoding: str = "utf-8"
    errors: str = "strict"
    # --encoding given on the command line: an HTML page is read in it too, over its own
    # declaration and the guess (the config file's encoding is for text files)
    page_encoding: str | None = None
    walk: WalkOptions = field(default_factory=WalkOptions)  # --include, --exclude, the config's
    # --stats, --stats-json, --audit, --max-loss, --report
    ledger: LedgerOptions = field(default_factory=LedgerOptions)


def clean(paths: Sequence[str], cleaner: Cleaner, options: CleanOptions, output: Output) -> int:
    """Clean every input; one bad input is reported and skipped, the rest go on."""

    def skipped(name: str, why: str) -> None:
        output.message(f"note: {name} skipped: {why}")

    inputs = list(expand_paths(paths, options.walk, on_skipped=skipped))
    check_outputs(options.ledger.files(), (found.path for found in inputs))
    output.expect_files(options.ledger.files())
    if options.mode is Mode.PRINT:
        _check_one_to_print(paths, inputs)
    report = Report(
        fail_on_change=options.mode is not Mode.PRINT,
        dry_run=options.mode in (Mode.CHECK, Mode.DIFF),
    )
    pages = 0  # HTML pages a folder walk found, which only printing applies to
    written = {str(path) for path in options.ledger.files().values() if path is not None}
    with open_ledger(options.ledger, output, cleaner.packs) as ledger:
        for found in inputs:
            try:
                pages += not _clean_one(found, cleaner, options, output, report, ledger)
            except (InputError, WriteError) as exc:
                # the run's own output (stdout on a full disk, --audit into a pipe whose
                # reader left): said once, and the run stops
                if isinstance(exc, StreamWriteError) or getattr(exc, "target", None) in written:
                    raise
                output.error(str(exc))
                report.error()
            except DocumentError as exc:
                output.error(str(exc))
                report.fail()
                ledger.fail()
    if pages:
        output.message(
            f"note: {plural(pages, 'HTML page')} skipped: HTML is input, never rewritten, "
            "checked or diffed; `cleaner clean PAGE.html` prints a page's cleaned text"
        )
    if options.mode is not Mode.PRINT:
        output.message(report.summary())
    return report.return_code


def _check_one_to_print(paths: Sequence[str], inputs: Sequence[Found]) -> None:
    """Printing takes one file: cleaned texts one after another could not be told apart."""
    folders = [path for path in paths if path != "-" and Path(path).is_dir()]
    modes = "--in-place, --check or --diff"
    if not inputs and folders:
        holds = "the folder holds" if len(folders) == 1 else "the folders hold"
        raise CleanerError(f"{', '.join(folders)}: {holds} no file to clean (see --include and --exclude)")
    if not inputs:
        raise CleanerError("no file to clean: an exclude pattern matches every file named")
    if folders:
        raise CleanerError(
            f"{', '.join(folders)}: a folder needs {modes} ({plural(len(inputs), 'file')} to clean; "
            "cleaned texts are never printed one after another)"
        )
    if len(inputs) > 1:
        raise CleanerError(
            f"{len(inputs)} inputs: with more than one, choose {modes} (outputs are never concatenated)"
        )


def _clean_one(
    found: Found, cleaner: Cleaner, options: CleanOptions, output: Output, report: Report, ledger: Ledger
) -> bool:
    """Clean one input; False for an HTML page a walk found, which this mode skips."""
    name = found.path
    if options.mode is not Mode.PRINT and not found.named and name.lower().endswith(HTML_SUFFIXES):
        return False  # even with --text: a page is never rewritten
    stamp = None if name == "-" else file_stamp(name)  # before reading: a change after it is seen
    document, html, stored = _read(name, options, cleaner.html_limits.max_bytes)
    if html is not None and options.mode is not Mode.PRINT:
        if not found.named:
            return False
        raise InputError(
            document.name,
            f"HTML is input, never rewritten: --{options.mode.value} does not apply to it "
            f"(`cleaner clean {name}` prints its cleaned text)",
        )
    source = options.source
    try:
        result = (
            cleaner.run(document.text, source)
            if html is None
            else _run_html(cleaner, html, source, document.name, options.page_encoding)
        )
    except DocumentError as exc:
        if options.mode is Mode.PRINT and html is None:
            output.write(document.text)  # left unchanged, as every other mode leaves it
        raise exc.for_document(document.name) from exc
    ledger.note(document.name, result)
    if result.invalid_bytes:  # letters lost before any rule ran: said, as text mode says it
        output.warning(
            f"{document.name}: {plural(result.invalid_bytes, 'byte')} not valid {result.encoding} "
            "became U+FFFD (--encoding NAME reads the page in another encoding)"
        )
    if not result.text and (result.changed or html is not None):
        output.warning(_emptied(document.name, result))
    if options.explain:
        for line in format_removals(result.removals, cleaner.ruleset, document.name):
            output.message(line)
    if options.mode is Mode.PRINT:
        output.write(result.text)
    elif result.changed:
        _apply(name, document, result, options, output, stamp, stored)
    report.done(changed=result.changed)  # after the write: a file that failed is an error, not cleaned
    return True


def _emptied(name: str, result: CleanResult) -> str:
    """Why a document came out empty. A page from which no text was extracted is said
    so, even when a prune rule removed a menu before: that rule did not take the text
    (QA round P, P5: 'every line was removed (the first by rule prune.navigation)' on
    an article lxml could not reach)."""
    lines = [removal for removal in result.removals if not removal.pruned]
    if lines:
        first = lines[0]
        return (
            f"{name}: every line was removed (the first by rule '{first.rule_id}' on line "
            f"{first.line}); check the rules if this is an article"
        )
    pruned = ""  # an empty print must not pass for a clean page
    if result.removals:
        first = result.removals[0]
        pruned = (
            f" (prune rules had removed {plural(result.pruned_words, 'word')} from the page before, "
            f"the first by rule '{first.rule_id}')"
        )
    return f"{name}: no text was extracted from the page; nothing printed{pruned}"


def _run_html(
    cleaner: Cleaner, html: bytes, source: str | None, name: str, encoding: str | None
) -> CleanResult:
    try:
        return cleaner.run_html(html, url=source, encoding=encoding)
    except InputError as exc:  # a page over a limit or out of time: named by its file
        raise InputError(name, exc.problem) from exc


class _Input(NamedTuple):
    document: Document
    html: bytes | None  # a page's bytes: the HTML path decodes them itself
    stored: bytes | None  # --diff: the file's bytes, which the diff starts from


def _read(name: str, options: CleanOptions, html_bytes: int) -> _Input:
    shown = "<stdin>" if name == "-" else name
    # standard input is refused after 8,000 bytes if they look binary (unless --text or
    # --html), and with --html once it is longer than a page may be (--html-max-mb)
    html, auto = options.format is Format.HTML, options.format is Format.AUTO
    data = read_bytes(name, sniff=options.encoding if auto else None, limit=html_bytes if html else None)
    if html or (auto and looks_like_html(name, data, options.encoding)):
        return _Input(Document("", shown), data, None)
    # --text: the user says it is text, so no binary sniffing
    document = decode(data, shown, encoding=options.encoding, errors=options.errors, sniff=auto)
    if options.mode is not Mode.DIFF:
        return _Input(document, None, None)
    _check_diffable(document)
    return _Input(document, None, data)


def _check_diffable(document: Document) -> None:
    """A diff must turn the file into what --in-place writes, or not be printed."""
    if document.lossy:  # --in-place never writes it; a diff of U+FFFD would not apply
        raise InputError(
            document.name,
            f"has bytes that are not valid {document.encoding} (U+FFFD with --errors replace): "
            "a diff would not apply to the file, so none is printed",
        )
    encoder = codecs.getincrementalencoder(document.encoding)()
    encoder.encode("a")  # any BOM comes out first (utf-8-sig)
    if encoder.encode("\n") != b"\n":
        raise InputError(
            document.name,
            f"no diff of a {document.encoding} file: patch and git cut lines at the byte 0x0a, "
            "which is not its newline (--check and --in-place apply to it)",
        )


def _apply(
    name: str,
    document: Document,
    result: CleanResult,
    options: CleanOptions,
    output: Output,
    stamp: Stamp | None,
    stored: bytes | None,
) -> None:
    if options.mode is Mode.CHECK:
        output.message(f"would clean {document.name}")
    elif options.mode is Mode.DIFF:
        assert stored is not None  # _read keeps it in this mode
        # to the very bytes --in-place would write: the file's encoding, BOM, line ends
        output.binary_out.write(unified_diff(document.name, stored, b"".join(document.encoded(result.text))))
    elif name == "-":
        raise InputError(document.name, "cannot be rewritten in place (standard input)")
    else:
        write_document(name, document, result.text, expected=stamp)
        output.message(f"cleaned {document.name}")
