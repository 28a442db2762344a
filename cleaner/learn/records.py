"""JSONL records read for learning: one block of lines in, its pages out.

Records are read as ``cleaner batch`` reads them (:func:`cleaner.batch.records.parse_record`,
the same fields). A line that is not a JSON object, or a record whose text field is
missing or not a string, or whose URL field holds something other than a string or
null, is a :class:`~cleaner.batch.records.Problem`, reported and skipped: learning goes
on without it. A record with no URL, or one that names no
site (an IP address, a bare public suffix such as ``co.uk``, ``localhost``), teaches
nothing and is only counted. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cleaner.batch.records import Fields, Problem, parse_record, split_block, text_field, url_field
from cleaner.learn.pages import Page, read_page
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import Thresholds


@dataclass
class BlockPages:
    """What one block gave: its pages in order, problems, and counts."""

    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: int = 0
    siteless: int = 0  # records with no URL, or one naming no site
    lines: int = 0  # lines of the block, to number the next block's problems


@dataclass(frozen=True)
class PageReader:
    """Turns blocks of records into pages: the fields to read and the thresholds."""

    fields: Fields
    thresholds: Thresholds
    sites: SiteNamer = field(default_factory=SiteNamer)

    def read_block(self, data: bytes) -> BlockPages:
        result = BlockPages()
        result.lines, records = split_block(data)
        result.records = len(records)
        for number, raw in records:
            self._read_line(raw, number, result)
        return result

    def _read_line(self, raw: bytes, number: int, result: BlockPages) -> None:
        try:
            record = parse_record(raw)
            text = text_field(record, self.fields.text)
            url = url_field(record, self.fields.url)
        except ValueError as exc:
            result.problems.append(Problem(number, str(exc), raw, passed_through=False))
            return
        site = self.sites(url)
        if site is None:
            result.siteless += 1
            return
        result.pages.append(read_page(text, site, self.thresholds))
