"""One block of JSONL records through a cleaner: which field goes where."""

from __future__ import annotations

import json

from cleaner.api import Cleaner
from cleaner.batch.records import NO_TEXT, BlockResult, Fields, clean_block
from cleaner.engine.run import CleanResult
from cleaner.packs.loader import default_rules_dir
from cleaner.report.ledger import Tally


class _HtmlRecorder(Cleaner):
    """The real cleaner, but the HTML path (issue 3's extractor) replaced by one that
    records what it was given and returns the page's text uppercased."""

    def __init__(self) -> None:
        super().__init__(defaults=False)
        self.calls: list[tuple[str | bytes, str | None]] = []

    def run_html(self, html: str | bytes, url: str | None = None) -> CleanResult:
        self.calls.append((html, url))
        body = str(html).upper()  # what was "extracted": the text the rules start from
        return CleanResult(body, (), body)


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


def _promo_cleaner() -> Cleaner:
    return Cleaner([default_rules_dir() / "social.yaml"], defaults=False)


def _clean(*lines: bytes) -> BlockResult:
    return clean_block(_promo_cleaner(), b"".join(line + b"\n" for line in lines), Fields(), Tally())


PROMO = "Follow us on Twitter for the latest news."


def test_only_the_text_value_of_a_changed_record_is_rewritten() -> None:
    huge = b"9" * 5001
    text = json.dumps(f"The article.\n{PROMO}").encode()
    line = (
        b'{ "id":7 , "big": ' + huge + b', "inf": 1e400, "exact": 0.10000000000000000555,'
        b' "name": "caf\\u00e9", "nan": NaN, "text" :' + text + b' ,"tail":[1,{"x":-0.0}] }'
    )
    result = _clean(line)
    assert (result.changed, result.problems) == (1, [])
    assert result.output == line.replace(text, b'"The article."') + b"\n"


def test_every_record_keeps_its_line_end_changed_or_not() -> None:
    promo = json.dumps(f"The article.\n{PROMO}").encode()
    lines = [b'{"id":1,"text":"Kept."}', b'{"id":2,"text":' + promo + b"}", b"not json", b'{"id":4,"text":3}']
    data = (
        lines[0]
        + b"\r\n"
        + lines[1]
        + b"\r\n"
        + lines[2]
        + b"\r\n"
        + lines[3]
        + b"\n"
        + b'{"id":5,"text":"End."}'
    )
    result = clean_block(_promo_cleaner(), data, Fields(), Tally())
    assert (result.changed, [p.line for p in result.problems]) == (1, [3, 4])
    # CRLF stays CRLF (the unchanged, the changed and the passed-through record alike), LF
    # stays LF, and a last line without a line end gets one
    changed = lines[1].replace(promo, b'"The article."')
    assert (
        result.output
        == lines[0] + b"\r\n" + changed + b"\r\n" + lines[3] + b"\n" + b'{"id":5,"text":"End."}\n'
    )


def test_a_text_field_holding_a_number_too_long_for_python_is_no_text() -> None:
    line = b'{"text": ' + b"7" * 5001 + b"}"
    result = _clean(line)
    assert result.output == line + b"\n"
    assert [p.reason for p in result.problems] == ["'text' must be a string, not a number"]


def test_a_repeated_text_field_has_its_last_value_cleaned_as_json_reads_it() -> None:
    second = json.dumps(f"x\n{PROMO}").encode()
    line = b'{"text": "first", "text": ' + second + b"}"
    assert _clean(line).output == b'{"text": "first", "text": "x"}\n'


def test_a_changed_text_keeps_its_ending_and_its_line_ends() -> None:
    cases = {
        f"one\n{PROMO}": "one",
        f"one\n{PROMO}\n": "one\n",
        f"one\r\ntwo\r\n{PROMO}\r\n": "one\r\ntwo\r\n",
        # a field's own byte-order mark stays, once (the engine's text still has it)
        f"\ufeffone\n{PROMO}\n": "\ufeffone\n",
        f"\ufeffone\r\n{PROMO}": "\ufeffone",
    }
    for before, after in cases.items():
        (line,) = _clean(json.dumps({"text": before}).encode()).output.splitlines()
        assert json.loads(line) == {"text": after}


def test_a_byte_order_mark_does_not_hide_a_fields_first_line_from_the_rules() -> None:
    for before, after in {
        f"\ufeff{PROMO}\nThe article.\n": "\ufeffThe article.\n",
        f"\ufeff{PROMO}": "",  # emptied: empty, as clean() returns it, not a lone mark
    }.items():
        result = _clean(json.dumps({"text": before}).encode())
        assert (result.changed, json.loads(result.output)) == (1, {"text": after})


def test_a_changed_text_keeps_its_escaping() -> None:
    escaped = json.dumps({"text": f"caf\u00e9\n{PROMO}"}).encode()  # ASCII, as json.dumps writes
    raw = json.dumps({"text": f"caf\u00e9\n{PROMO}"}, ensure_ascii=False).encode()
    assert _clean(escaped, raw).output == b'{"text": "caf\\u00e9"}\n{"text": "caf\xc3\xa9"}\n'


def test_a_record_nested_deeper_than_the_parser_goes_is_its_own_error() -> None:
    deep = b'{"text": "x", "deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    result = _clean(json.dumps({"text": f"a\n{PROMO}"}).encode(), deep, b'{"text": "b"}')
    assert result.output == b'{"text": "a"}\n{"text": "b"}\n'
    (problem,) = result.problems
    assert (problem.line, problem.passed_through, problem.raw) == (2, False, deep)
    assert "nested too deep" in problem.reason


def test_a_record_of_an_html_field_gains_its_text_field_at_the_end() -> None:
    cleaner = _HtmlRecorder()
    data = b'{"page": "<p>a</p>" , "n": 1e400}\n{}\n{"page": "<p>b</p>", "text": 1.50}\n'
    result = clean_block(cleaner, data, Fields(html="page"), Tally())
    assert result.output.splitlines() == [
        b'{"page": "<p>a</p>" , "n": 1e400, "text": "<P>A</P>"}',
        b"{}",  # no HTML field: passed through
        b'{"page": "<p>b</p>", "text": "<P>B</P>"}',
    ]


def test_a_page_from_which_no_text_was_extracted_leaves_its_record_as_it_was() -> None:
    """Its existing text (a crawler's earlier extraction) is not overwritten with "": the
    record passes through, named as a problem, as a page over a limit does (QA P4)."""
    script_page = '<html><body><div id="app"></div><script src="/app.js"></script></body></html>'
    article = "<html><body><article><p>" + "The ferry will keep running all winter, the council said. " * 3
    lines = [
        json.dumps({"id": "js", "html": script_page, "text": "Earlier extraction.\nSecond line."}).encode(),
        json.dumps({"id": "blank", "html": "  "}).encode(),
        json.dumps({"id": "ok", "html": article + "</p></article></body></html>"}).encode(),
    ]
    tally = Tally()
    with Cleaner(defaults=False) as cleaner:
        result = clean_block(cleaner, b"".join(line + b"\n" for line in lines), Fields(html="html"), tally)
    out = result.output.splitlines()
    assert out[:2] == lines[:2]  # byte for byte, the text kept and no empty text added
    assert "ferry will keep running" in json.loads(out[2])["text"]
    assert [(p.line, p.passed_through) for p in result.problems] == [(1, True), (2, True)]
    assert result.problems[0].reason == f"<html>: {NO_TEXT}"
    assert (tally.stats.failed, tally.stats.no_text) == (2, 0)


def test_a_byte_order_mark_starting_a_line_is_named_in_words_a_user_can_act_on() -> None:
    """The stream's own BOM is read past before the blocks (cleaner.io.jsonl): one here
    comes from files joined together, and json's message spoke of Python's codecs."""
    bom_line = b'\xef\xbb\xbf{"text": "b"}'
    result = _clean(b'{"text": "a"}', bom_line)
    (problem,) = result.problems
    assert (problem.line, problem.raw) == (2, bom_line)
    assert problem.reason == (
        "not valid JSON: starts with a UTF-8 byte-order mark (bytes EF BB BF), "
        "allowed only at the start of the file; remove it"
    )
