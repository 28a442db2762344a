"""JSONL records through the cleaner: one block of lines in, output bytes out.

Pure apart from the cleaner it is given: no files, no printing. A record is a JSON
object; its text field (or, with ``html_field``, its HTML) is cleaned and the
result written into the text field; every other field keeps its value and its
place. A record no rule changes is written back byte for byte as it came.

A line that is not a JSON object cannot be written as a record: it is left out of
the output and returned as a :class:`Problem` carrying the raw line, for the
``--errors`` file. A JSON object that cannot be cleaned (a field missing or of the
wrong type, a rule out of time) passes through unchanged and is a Problem too.
Blank lines hold no record and are skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from cleaner.api import Cleaner
from cleaner.errors import CleanerError
from cleaner.io.jsonl import dump_line
from cleaner.report.ledger import Tally

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}


@dataclass(frozen=True)
class Fields:
    """Which fields of a record hold what (``--text-field``, ``--html-field``, ``--url-field``)."""

    text: str = "text"
    html: str | None = None
    url: str = "url"
    id: str = "id"


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
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    stripped = ((number, raw.removesuffix(b"\r")) for number, raw in enumerate(lines, 1))
    return len(lines), [(number, raw) for number, raw in stripped if raw.strip()]


def clean_block(cleaner: Cleaner, data: bytes, fields: Fields, tally: Tally) -> BlockResult:
    """Clean every record in ``data`` (whole lines, numbered from 1)."""
    result = BlockResult(tally=tally)
    out: list[bytes] = []
    result.lines, records = split_block(data)
    for number, raw in records:
        result.records += 1
        line = _clean_line(cleaner, raw, number, fields, result)
        if line is not None:
            out.append(line)
    result.output = b"".join(out)
    return result


def _clean_line(
    cleaner: Cleaner, raw: bytes, number: int, fields: Fields, result: BlockResult
) -> bytes | None:
    try:
        record = parse_record(raw)
    except ValueError as exc:
        result.problems.append(Problem(number, str(exc), raw, passed_through=False))
        result.tally.fail()
        return None
    try:
        cleaned = _clean_record(cleaner, record, number, fields, result.tally)
    except (_Unusable, CleanerError) as exc:
        result.problems.append(Problem(number, str(exc), raw, passed_through=True))
        result.tally.fail()
        return raw + b"\n"
    if cleaned is None:
        return raw + b"\n"
    result.changed += 1
    return cleaned


def parse_record(raw: bytes) -> dict[str, object]:
    """One JSONL line as a record; ValueError saying why it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 at byte {exc.start}") from exc
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON: {exc.msg} (column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {_describe(record)}")
    return record


def _clean_record(
    cleaner: Cleaner, record: dict[str, object], number: int, fields: Fields, tally: Tally
) -> bytes | None:
    """The record's new line, or None when it is unchanged."""
    source = _string(record, fields.url, required=False)
    if fields.html is not None:
        outcome = cleaner.run_html(_string(record, fields.html), url=source)
    else:
        outcome = cleaner.run(_string(record, fields.text), source)
    if fields.id in record:
        tally.note(record[fields.id], outcome)
    else:
        tally.note_line(number, outcome)
    if fields.html is None and not outcome.changed:
        return None
    record[fields.text] = outcome.text
    return dump_line(record)


def _string(record: dict[str, object], name: str, *, required: bool = True) -> str | None:
    value = record.get(name)
    if isinstance(value, str):
        return value
    if name not in record:
        if required:
            raise _Unusable(f"no {name!r} field")
        return None
    if value is None and not required:
        return None
    raise _Unusable(f"{name!r} must be a string, not {_describe(value)}")


def _describe(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), type(value).__name__)
