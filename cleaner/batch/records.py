"""JSONL records through the cleaner: one block of lines in, output bytes out.

Pure apart from the cleaner it is given: no files, no printing. A record is a JSON
object; its text field (or, with ``html_field``, its HTML) is cleaned and the
result written into the text field. Only that value is written anew, spliced
into the record's bytes (:mod:`cleaner.batch.splice`): every other byte of the
record stays as it came, numbers beyond a float's range or precision included. A
changed text keeps its line ends and final newline (or lack of one). A record no
rule changes is written back byte for byte as it came.

A line that is not a JSON object (or one nested deeper than the parser goes)
cannot be written as a record: it is left out of the output and returned as a
:class:`Problem` carrying the raw line, for the ``--errors`` file. A JSON object
that cannot be cleaned (a field missing or of the wrong type, a rule out of time,
any failure of the engine on it, a page from which no text was extracted) passes
through unchanged and is a Problem too.
Blank lines hold no record and are skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from cleaner.api import Cleaner
from cleaner.batch.splice import add_member, replace_value, value_span
from cleaner.engine.run import CleanResult
from cleaner.errors import CleanerError, InputError, SettingError
from cleaner.io.files import text_document
from cleaner.report.ledger import Tally

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


@dataclass(frozen=True)
class Fields:
    """Which fields of a record hold what (``--text-field``, ``--html-field``, ``--url-field``)."""

    text: str = "text"
    html: str | None = None
    url: str = "url"
    id: str = "id"

    def __post_init__(self) -> None:
        # The cleaned text is written into the text field: named like the HTML field, it
        # would take each page's place in the output (the input stays, but a crawl run
        # writing over its only copy of the pages loses them)
        if self.html is not None and self.html == self.text:
            raise SettingError(
                "--html-field",
                f"names the text field too ({self.text!r}): the cleaned text would replace each page",
            )


@dataclass(frozen=True)
class Problem:
    """A line that could not be cleaned: where, why, and the line as it was."""

    line: int
    reason: str
    raw: bytes
    passed_through: bool  # True: written to the output unchanged; False: left out


@dataclass
class BlockResult:
    """What came of one block: output bytes, counts, problems and its tally.

    Line numbers in it (of problems, and of records known by their line in the
    audit) count from the block's first line as 1, and ``lines`` is how many lines
    the block held, until :meth:`number_from` says where the block starts."""

    output: bytes = b""
    records: int = 0
    changed: int = 0
    problems: list[Problem] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    lines: int = 0

    def number_from(self, first_line: int) -> None:
        """Number the lines from ``first_line``, the number of the block's first line in the input."""
        if first_line == 1:
            return
        self.problems = [replace(p, line=p.line + first_line - 1) for p in self.problems]
        self.tally.renumber(first_line - 1)


class _Unusable(Exception):
    """A record that is JSON but cannot be cleaned; it passes through unchanged."""


def split_block(data: bytes) -> tuple[int, list[tuple[int, bytes]]]:
    """How many lines ``data`` (whole lines) holds, and those that are not blank,
    numbered from 1, without their line ends: the records of the block."""
    count, records = split_records(data)
    return count, [(number, raw) for number, raw, _ in records]


def split_records(data: bytes) -> tuple[int, list[tuple[int, bytes, bytes]]]:
    """As :func:`split_block`, with each record's line end (``\\r\\n`` or ``\\n``; a last
    line without one gets ``\\n``), which its output line keeps: a CRLF file stays CRLF."""
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    records = []
    for number, line in enumerate(lines, 1):
        raw = line.removesuffix(b"\r")
        if raw.strip():
            records.append((number, raw, b"\r\n" if len(raw) < len(line) else b"\n"))
    return len(lines), records


def clean_block(cleaner: Cleaner, data: bytes, fields: Fields, tally: Tally) -> BlockResult:
    """Clean every record in ``data`` (whole lines, numbered from 1)."""
    result = BlockResult(tally=tally)
    out: list[bytes] = []
    result.lines, records = split_records(data)
    for number, raw, end in records:
        result.records += 1
        line = _clean_line(cleaner, raw, number, fields, result)
        if line is not None:
            out += (line, end)
    result.output = b"".join(out)
    return result


def _clean_line(
    cleaner: Cleaner, raw: bytes, number: int, fields: Fields, result: BlockResult
) -> bytes | None:
    try:
        record, text = _parse(raw)
    except ValueError as exc:
        result.problems.append(Problem(number, str(exc), raw, passed_through=False))
        result.tally.fail()
        return None
    try:
        cleaned = _clean_record(cleaner, _Record(raw, text, record), number, fields, result.tally)
    except (_Unusable, CleanerError) as exc:
        result.problems.append(Problem(number, str(exc), raw, passed_through=True))
        result.tally.fail()
        return raw
    if cleaned is None:
        return raw
    result.changed += 1
    return cleaned


@dataclass(frozen=True)
class _Record:
    """A record's line, as bytes and as text, and its parsed value."""

    raw: bytes
    text: str
    value: dict[str, object]


class _Digits(str):
    """An integer past Python's limit on digits (4,300), kept as its digits: such a
    record is as valid as any, and its numbers are written back as they came. It is
    a number to the record's fields (a text field holding one is not text); an
    ``id`` holding one is written to the audit as a string of its digits."""


def _int(digits: str) -> int | str:
    try:
        return int(digits)
    except ValueError:
        return _Digits(digits)


def parse_record(raw: bytes) -> dict[str, object]:
    """One JSONL line as a record, as a batch reads it; ValueError saying why it is not one.
    An integer too long for Python is a ``str`` subclass there, a number all the same:
    :func:`string_field` tells them apart."""
    return _parse(raw)[0]


def string_field(record: dict[str, object], name: str) -> str | None:
    """The record's field ``name`` when it holds text (not a number kept as its digits)."""
    value = record.get(name)
    return value if isinstance(value, str) and not isinstance(value, _Digits) else None


def text_field(record: dict[str, object], name: str) -> str:
    """The text of the record's field ``name``; ValueError saying why there is none, in
    the words a batch reports it with (no such field, or not a string)."""
    try:
        return _string(record, name)  # type: ignore[return-value]  # required: never None
    except _Unusable as exc:
        raise ValueError(str(exc)) from exc


def url_field(record: dict[str, object], name: str) -> str | None:
    """The record's URL field ``name``, None when it is missing or null; ValueError when
    it holds something else (a number, a list), in the words a batch reports it with:
    ``learn`` reports such a record too, rather than counting it as one naming no site."""
    try:
        return _string(record, name, required=False)
    except _Unusable as exc:
        raise ValueError(str(exc)) from exc


# A file's first line loses its byte-order mark as it is read (cleaner.io.jsonl); one on
# another line is mostly a file saved with one and appended to another.
_BOM_INSIDE = (
    "not valid JSON: starts with a UTF-8 byte-order mark (bytes EF BB BF), "
    "allowed only at the start of the file; remove it"
)


def _parse(raw: bytes) -> tuple[dict[str, object], str]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}") from exc
    try:
        record = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        if text.startswith("\ufeff"):  # json's own words advise a Python programmer
            raise ValueError(_BOM_INSIDE) from exc
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    except RecursionError as exc:
        raise ValueError("nested too deep to parse (RecursionError)") from exc
    except MemoryError as exc:
        raise ValueError("too big to parse (MemoryError)") from exc
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {_describe(record)}")
    return record, text


def _clean_record(
    cleaner: Cleaner, record: _Record, number: int, fields: Fields, tally: Tally
) -> bytes | None:
    """The record's new line (without its line end), or None when it is unchanged."""
    value = record.value
    source = _string(value, fields.url, required=False)
    if fields.html is not None:
        outcome = page_result(cleaner, _string(value, fields.html), source)
    else:
        original = _string(value, fields.text)
        outcome = cleaner.run(original, source)
    if value.get(fields.id) is None:  # no id, or null: the record is known by its line
        tally.note_line(number, outcome)
    else:
        tally.note(_audit_id(value[fields.id], record.text, fields.id), outcome)
    if fields.html is not None:
        if fields.text not in value:
            return add_member(record.raw, fields.text, outcome.text)
        cleaned = outcome.text
    elif not outcome.changed:
        return None
    else:
        cleaned = stored_as(original, outcome.text)
    return replace_value(record.raw, record.text, fields.text, cleaned)


NO_TEXT = "no text was extracted from the page (a page built by JavaScript, or one with no article body)"


def page_result(cleaner: Cleaner, html: str, url: str | None) -> CleanResult:
    """A record's page cleaned; an InputError when nothing was extracted from it. Such a
    page is one that could not be read: its record passes through with the text it had
    (a crawler's earlier extraction), where writing the empty body over it would lose it
    (QA round P, P4). ``clean_html`` itself returns '' for it: a caller of one page
    decides what an empty page means."""
    outcome = cleaner.run_html(html, url=url)
    if not outcome.original.strip():
        raise InputError(url or "<html>", NO_TEXT)
    return outcome


def _audit_id(value: object, text: str, key: str) -> object:
    """The record's id as the audit writes it: as it is, or, when it holds a number
    beyond a float's range (``1e400``, read as infinity, written ``Infinity``, which is
    not JSON), its text as the record has it, as a string."""
    if isinstance(value, int | str):
        return value
    try:
        json.dumps(value, allow_nan=False)
    except ValueError:
        span = value_span(text, key)
        assert span is not None  # the record has this member: value came from it
        return text[span[0] : span[1]]
    return value


def stored_as(original: str, cleaned: str) -> str:
    """``cleaned`` (the engine's text: ``\\n`` line ends, a final newline) stored as the
    field ``original`` was: its line ends, and a final newline only if it had one.
    A leading byte-order mark is the field's once: the engine gives it back in front
    of its text, so only a rendering, which puts the original's in front, takes it off."""
    if not cleaned:
        return ""  # an emptied field is empty, as clean() returns it: no lone mark
    if "\r" not in original:  # most fields, with a mark or not: only the end to mind
        return cleaned if original.endswith("\n") or not cleaned.endswith("\n") else cleaned[:-1]
    document = text_document(original, "<field>")
    return document.render(cleaned.removeprefix(_BOM) if document.bom else cleaned)


_BOM = "\ufeff"


def _string(record: dict[str, object], name: str, *, required: bool = True) -> str | None:
    text = string_field(record, name)
    if text is not None:
        return text
    value = record.get(name)
    if name not in record:
        if required:
            raise _Unusable(f"no {name!r} field")
        return None
    if value is None and not required:
        return None
    raise _Unusable(f"{name!r} must be a string, not {_describe(value)}")


def _describe(value: object) -> str:
    if isinstance(value, int | float | _Digits) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)
