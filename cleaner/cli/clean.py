"""``cleaner clean``: clean files, folders or stdin; print, rewrite, check or diff."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cleaner.api import Cleaner
from cleaner.cli.exit_codes import ERROR, Report
from cleaner.cli.explain import format_removals
from cleaner.engine.run import CleanResult
from cleaner.errors import DocumentError, InputError, WriteError
from cleaner.io.discovery import HTML_SUFFIXES, Found, WalkOptions, expand_paths, looks_like_html
from cleaner.io.files import (
    Document,
    Stamp,
    check_outputs,
    decode,
    file_stamp,
    read_bytes,
    read_document,
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
    walk: WalkOptions = field(default_factory=WalkOptions)  # --include, --exclude, the config's
    # --stats, --stats-json, --audit, --max-loss, --report
    ledger: LedgerOptions = field(default_factory=LedgerOptions)


def clean(paths: Sequence[str], cleaner: Cleaner, options: CleanOptions, output: Output) -> int:
    """Clean every input; one bad input is reported and skipped, the rest go on."""
    inputs = list(expand_paths(paths, options.walk))
    check_outputs(options.ledger.files(), (found.path for found in inputs))
    if options.mode is Mode.PRINT and (len(inputs) != 1 or any(Path(p).is_dir() for p in paths)):
        output.error(
            f"{len(inputs)} inputs: with more than one, choose --in-place, --check or --diff "
            "(outputs are never concatenated)"
        )
        return ERROR
    report = Report(
        fail_on_change=options.mode is not Mode.PRINT,
        dry_run=options.mode in (Mode.CHECK, Mode.DIFF),
    )
    pages = 0  # HTML pages a folder walk found, which only printing applies to
    with open_ledger(options.ledger, output, cleaner.packs) as ledger:
        for found in inputs:
            try:
                pages += not _clean_one(found, cleaner, options, output, report, ledger)
            except (InputError, WriteError) as exc:
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


def _clean_one(
    found: Found, cleaner: Cleaner, options: CleanOptions, output: Output, report: Report, ledger: Ledger
) -> bool:
    """Clean one input; False for an HTML page a walk found, which this mode skips."""
    name = found.path
    if options.mode is not Mode.PRINT and not found.named and name.lower().endswith(HTML_SUFFIXES):
        return False  # even with --text: a page is never rewritten
    stamp = None if name == "-" else file_stamp(name)  # before reading: a change after it is seen
    document, html = _read(name, options)
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
            else _run_html(cleaner, html, source, document.name)
        )
    except DocumentError as exc:
        if options.mode is Mode.PRINT and html is None:
            output.write(document.text)  # left unchanged, as every other mode leaves it
        raise exc.for_document(document.name) from exc
    ledger.note(document.name, result)
    if result.changed and not result.text:
        first = result.removals[0]
        output.warning(
            f"{document.name}: every line was removed (the first by rule '{first.rule_id}' on line "
            f"{first.line}); check the rules if this is an article"
        )
    if options.explain:
        for line in format_removals(result.removals, cleaner.ruleset, document.name):
            output.message(line)
    if options.mode is Mode.PRINT:
        output.write(result.text)
    elif result.changed:
        _apply(name, document, result, options, output, stamp)
    report.done(changed=result.changed)  # after the write: a file that failed is an error, not cleaned
    return True


def _run_html(cleaner: Cleaner, html: bytes, source: str | None, name: str) -> CleanResult:
    try:
        return cleaner.run_html(html, url=source)
    except InputError as exc:  # a page over a limit or out of time: named by its file
        raise InputError(name, exc.problem) from exc


def _read(name: str, options: CleanOptions) -> tuple[Document, bytes | None]:
    """The document, and its raw bytes when it is HTML (the HTML path decodes itself)."""
    if options.format is Format.TEXT:  # the user says it is text: no binary sniffing
        return read_document(name, encoding=options.encoding, errors=options.errors, sniff=False), None
    data = read_bytes(name, sniff=None if options.format is Format.HTML else options.encoding)
    if options.format is Format.HTML or looks_like_html(name, data):
        return Document("", "<stdin>" if name == "-" else name), data
    return decode(
        data, "<stdin>" if name == "-" else name, encoding=options.encoding, errors=options.errors
    ), None


def _apply(
    name: str,
    document: Document,
    result: CleanResult,
    options: CleanOptions,
    output: Output,
    stamp: Stamp | None,
) -> None:
    if options.mode is Mode.CHECK:
        output.message(f"would clean {document.name}")
    elif options.mode is Mode.DIFF:
        output.write(_diff(document, result.text))
    elif name == "-":
        raise InputError(document.name, "cannot be rewritten in place (standard input)")
    else:
        write_document(name, document, result.text, expected=stamp)
        output.message(f"cleaned {document.name}")


def _diff(document: Document, text: str) -> str:
    # Split on "\n" only, as the engine does (str.splitlines would also split on
    # U+2028, form feeds and the like, and the hunks would not match the file's lines).
    before = _lines(document.text)
    after = _lines(text)
    return "".join(difflib.unified_diff(before, after, f"a/{document.name}", f"b/{document.name}"))


def _lines(text: str) -> list[str]:
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]
