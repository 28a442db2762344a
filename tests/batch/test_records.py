"""One block of JSONL records through a cleaner: which field goes where."""

from __future__ import annotations

import json

from cleaner.api import Cleaner
from cleaner.batch.records import Fields, clean_block
from cleaner.engine.run import CleanResult
from cleaner.report.ledger import Tally


class _HtmlRecorder(Cleaner):
    """The real cleaner, but the HTML path (issue 3's extractor) replaced by one that
    records what it was given and returns the page's text uppercased."""

    def __init__(self) -> None:
        super().__init__(defaults=False)
        self.calls: list[tuple[str | bytes, str | None]] = []

    def run_html(self, html: str | bytes, url: str | None = None) -> CleanResult:
        self.calls.append((html, url))
        return CleanResult(str(html).upper(), ())


def test_html_field_is_sent_with_the_url_and_its_text_lands_in_the_text_field() -> None:
    cleaner = _HtmlRecorder()
    records = [
        {"id": 1, "page": "<p>one</p>", "link": "https://example.com/1"},
        {"id": 2, "page": "<p>two</p>", "text": "old text"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    fields = Fields(html="page", url="link")
    result = clean_block(cleaner, data, fields, Tally())
    assert cleaner.calls == [("<p>one</p>", "https://example.com/1"), ("<p>two</p>", None)]
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"id": 1, "page": "<p>one</p>", "link": "https://example.com/1", "text": "<P>ONE</P>"},
        {"id": 2, "page": "<p>two</p>", "text": "<P>TWO</P>"},
    ]
    assert (result.records, result.changed, result.problems) == (2, 2, [])
