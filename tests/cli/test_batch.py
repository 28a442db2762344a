"""``cleaner batch`` through the real CLI: fields, gzip, stdin/stdout, bad lines,
workers, statistics, audit and the word-loss flag."""

from __future__ import annotations

import errno
import gzip
import importlib.util
import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from cleaner.io import jsonl, partial
from tests.conftest import BOOM, zstd_cut_short

PACK = """\
rules:
  - id: t.promo
    drop-line: {prefix: "PROMO:"}
  - id: t.ad
    strip: {contains: "[ad]"}
"""
SITE_PACK = """\
sources: [example.com]
rules:
  - id: site.signature
    drop-line: {prefix: "Sent from"}
"""
BODY = "The council met on Monday.\nIt voted to repair the bridge.\n"


def _run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, ["batch", *args], input=input)


def _write_jsonl(path: Path, records: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _read_jsonl(data: bytes | str) -> list[dict]:
    text = data.decode() if isinstance(data, bytes) else data
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def packs(tmp_path: Path) -> list[str]:
    """``--no-defaults`` with a generic and a site pack: counts that do not move when
    the bundled packs grow."""
    folder = tmp_path / "packs"
    folder.mkdir()
    (folder / "t.yaml").write_text(PACK)
    (folder / "site.yaml").write_text(SITE_PACK)
    return ["--no-defaults", "--rules", str(folder)]


def test_text_field_is_cleaned_other_fields_keep_value_and_order(tmp_path: Path, packs: list[str]) -> None:
    source = tmp_path / "in.jsonl"
    unchanged = '{"b": 1.50, "text": "Nothing to remove.\\n", "a": [1, {"z": null}]}\n'
    source.write_text(
        json.dumps({"z": 1, "text": BODY + "PROMO: buy now\n", "meta": {"k": "é"}, "a": None})
        + "\n"
        + unchanged
    )
    out = tmp_path / "out.jsonl"
    result = _run(str(source), "-o", str(out), "--workers", "1", *packs)
    assert result.exit_code == 0, result.stderr
    first, second = out.read_bytes().decode().splitlines(keepends=True)
    record = json.loads(first)
    assert list(record) == ["z", "text", "meta", "a"]
    assert record == {"z": 1, "text": BODY, "meta": {"k": "é"}, "a": None}
    assert second == unchanged  # no rule fired: the line is written back as it came
    assert "1 record cleaned, 1 record left unchanged." in result.stderr


def test_text_field_option(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": "PROMO: keep me", "body": BODY + "PROMO: x\n"}])
    result = _run(str(source), "--text-field", "body", *packs)
    assert result.exit_code == 0
    assert _read_jsonl(result.stdout) == [{"text": "PROMO: keep me", "body": BODY}]


def test_url_field_selects_site_packs(tmp_path: Path, packs: list[str]) -> None:
    text = BODY + "Sent from my phone\n"
    records = [
        {"text": text, "url": "https://www.example.com/news/1"},
        {"text": text, "url": "https://other.org/1"},
        {"text": text, "link": "https://example.com/2"},
    ]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    default = _read_jsonl(_run(str(source), *packs).stdout)
    assert [r["text"] for r in default] == [BODY, text, text]
    chosen = _read_jsonl(_run(str(source), "--url-field", "link", *packs).stdout)
    assert [r["text"] for r in chosen] == [text, text, BODY]


@pytest.mark.skipif(
    importlib.util.find_spec("cleaner.html.extract") is None,
    reason="cleaner.html.extract (the HTML path of issue 3) is not in this tree",
)
def test_html_field_goes_through_the_html_path(tmp_path: Path, packs: list[str]) -> None:
    paragraph = "The council met on Monday and voted to repair the old bridge over the river. " * 3
    html = f"<html><body><article><p>{paragraph}</p><p>PROMO: buy now</p></article></body></html>"
    source = _write_jsonl(tmp_path / "in.jsonl", [{"id": 7, "html": html, "url": "https://example.com/a"}])
    result = _run(str(source), "--html-field", "html", *packs)
    assert result.exit_code == 0, result.stderr
    (record,) = _read_jsonl(result.stdout)
    assert list(record) == ["id", "html", "url", "text"]
    assert record["html"] == html
    assert paragraph.strip() in record["text"] and "PROMO" not in record["text"]


def test_an_html_field_that_is_also_the_text_field_is_refused(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(
        tmp_path / "in.jsonl", [{"id": 7, "html": "<html><body><p>Body.</p></body></html>"}]
    )
    result = _run(
        str(source), "--html-field", "html", "--text-field", "html", "-o", str(tmp_path / "out.jsonl"), *packs
    )
    assert result.exit_code == 2
    assert "--html-field: names the text field too ('html')" in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_text_field_holding_a_whole_page_is_said_so(tmp_path: Path, packs: list[str]) -> None:
    page = "<!DOCTYPE html><html><body><p>The council met.</p></body></html>"
    source = _write_jsonl(
        tmp_path / "in.jsonl", [{"id": 1, "text": page}, {"id": 2, "text": "<html> is a tag.\n"}]
    )
    result = _run(
        str(source), "-o", str(tmp_path / "out.jsonl"), "--stats-json", str(tmp_path / "s.json"), *packs
    )
    assert result.exit_code == 0, result.stderr
    assert "the text of 1 record is a whole HTML page, cleaned as text" in result.stderr
    assert json.loads((tmp_path / "s.json").read_text())["pages_as_text"] == 1


def test_records_with_no_text_to_clean_are_said_so(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"id": 0, "text": ""}, {"id": 1, "text": BODY}])
    stats = tmp_path / "stats.json"
    result = _run(str(source), "--stats-json", str(stats), *packs)
    assert result.exit_code == 0, result.stderr
    assert [record["text"] for record in _read_jsonl(result.stdout)] == ["", BODY]
    assert "warning: 1 record had no text to clean (an empty text field)" in result.stderr
    assert json.loads(stats.read_text())["no_text"] == 1


def test_a_page_with_no_text_extracted_fails_its_record_which_keeps_its_text(
    tmp_path: Path, packs: list[str]
) -> None:
    """A page built by JavaScript: the record's earlier text is not overwritten with "" (QA
    P4); it passes through, listed in --errors and counted as failed, as a page over a limit."""
    paragraph = "The council met on Monday and voted to repair the old bridge over the river. " * 3
    records = [
        {"id": "js", "html": '<div id="app"></div><script src="/app.js"></script>', "text": "Kept.\nTwo."},
        {"id": "ok", "html": f"<html><body><article><p>{paragraph}</p></article></body></html>"},
    ]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    errors, stats = tmp_path / "errors.jsonl", tmp_path / "stats.json"
    args = ["--html-field", "html", "--errors", str(errors), "--stats-json", str(stats), *packs]
    result = _run(str(source), *args)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0] == json.dumps(records[0])
    assert _read_jsonl(result.stdout)[1]["text"] == paragraph.strip() + "\n"
    (error,) = _read_jsonl(errors.read_text())
    assert (error["line"], error["in_output"]) == (1, True)
    assert error["reason"].startswith("<html>: no text was extracted from the page")
    assert f"{source}:1: <html>: no text was extracted" in result.stderr
    assert "1 record cleaned, 1 record failed." in result.stderr
    assert (json.loads(stats.read_text())["failed"], json.loads(stats.read_text())["no_text"]) == (1, 0)


def test_html_field_missing_is_reported(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": "no html here"}])
    result = _run(str(source), "--html-field", "html", *packs)
    assert result.exit_code == 1
    assert f"{source}:1: no 'html' field" in result.stderr.splitlines()
    assert _read_jsonl(result.stdout) == [{"text": "no html here"}]


def test_gzip_in_and_out(tmp_path: Path, packs: list[str]) -> None:
    records = [{"id": i, "text": BODY + f"PROMO: {i}\n"} for i in range(50)]
    plain = _write_jsonl(tmp_path / "in.jsonl", records)
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    _run(str(plain), "-o", str(tmp_path / "plain.jsonl"), *packs)
    result = _run(str(packed), "-o", str(tmp_path / "out.jsonl.gz"), *packs)
    assert result.exit_code == 0, result.stderr
    out = (tmp_path / "out.jsonl.gz").read_bytes()
    assert out[:2] == b"\x1f\x8b"
    assert gzip.decompress(out) == (tmp_path / "plain.jsonl").read_bytes()
    assert [r["text"] for r in _read_jsonl(gzip.decompress(out))] == [BODY] * 50


def test_stdin_to_stdout(packs: list[str]) -> None:
    data = json.dumps({"text": BODY + "PROMO: x\n"}) + "\n"
    result = _run("-", "-o", "-", *packs, input=data)
    assert result.exit_code == 0
    assert _read_jsonl(result.stdout) == [{"text": BODY}]
    assert "1 record cleaned." in result.stderr


def test_malformed_lines_are_reported_kept_and_the_batch_goes_on(tmp_path: Path, packs: list[str]) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": BODY + "PROMO: x"}).encode(),
        b'{"text": "trailing comma",}',
        b"[1, 2]",
        json.dumps({"title": "no text"}).encode(),
        json.dumps({"text": 42}).encode(),
        b'{"text": "caf\xe9"}',
        b"",  # a blank line holds no record
        json.dumps({"text": "fine", "url": 3}).encode(),
        json.dumps({"text": "last line\nPROMO: y"}).encode(),
    ]
    source.write_bytes(b"\n".join(lines) + b"\n")
    errors = tmp_path / "errors.jsonl"
    result = _run(str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(errors), *packs)
    assert result.exit_code == 1
    reported = [line for line in result.stderr.splitlines() if line.startswith(str(source))]
    assert reported == [
        f"{source}:2: not valid JSON: Expecting property name enclosed in double quotes (column 27)",
        f"{source}:3: not a JSON object but an array",
        f"{source}:4: no 'text' field",
        f"{source}:5: 'text' must be a string, not a number",
        f"{source}:6: not valid UTF-8 at byte 13",
        f"{source}:8: 'url' must be a string, not a number",
    ]
    assert "2 records cleaned, 6 records failed." in result.stderr
    # JSON objects that could not be cleaned pass through; lines that are not objects cannot
    out = _read_jsonl((tmp_path / "out.jsonl").read_bytes())
    assert out == [
        {"id": "ok", "text": BODY.rstrip("\n")},  # the field had no final newline: it gains none
        {"title": "no text"},
        {"text": 42},
        {"text": "fine", "url": 3},
        {"text": "last line"},
    ]
    entries = _read_jsonl(errors.read_bytes())
    assert [(e["line"], e["in_output"]) for e in entries] == [
        (2, False),
        (3, False),
        (4, True),
        (5, True),
        (6, False),
        (8, True),
    ]
    assert all(e["file"] == str(source) for e in entries)
    assert entries[0]["reason"].startswith("not valid JSON")
    # the raw line comes back byte for byte, even when it is not UTF-8
    assert [e["raw"].encode("utf-8", "surrogateescape") for e in entries] == [
        lines[i] for i in (1, 2, 3, 4, 5, 7)
    ]


def test_rule_timeout_passes_the_record_through_unchanged(tmp_path: Path, slow_pack: Path) -> None:
    slow = json.dumps({"id": 1, "text": "a" * 40 + "b\nPROMO"})
    source = tmp_path / "in.jsonl"
    source.write_text(slow + "\n" + json.dumps({"id": 2, "text": "fine"}) + "\n")
    result = _run(str(source), "--no-defaults", "--rules", str(slow_pack), "--timeout", "0.05")
    assert result.exit_code == 1
    assert f"{source}:1: rule 'slow.rule' timed out after 0.05s; document left unchanged" in result.stderr
    assert result.stdout.splitlines()[0] == slow


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_record_the_engine_fails_on_passes_through_and_the_batch_goes_on(
    tmp_path: Path, packs: list[str], engine_fails: type[Exception], workers: str
) -> None:
    filler = "Words of the article that the rules leave alone. " * 20
    records = [{"id": i, "text": f"{filler}\nPROMO: {i}"} for i in range(3000)]
    records[1500]["text"] = f"{BOOM}\nPROMO: x"
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [str(source), "-o", str(out), "--errors", str(errors), "--workers", workers, *packs]
    result = _run(*args)
    assert result.exit_code == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"{source}:1501: " in result.stderr and engine_fails.__name__ in result.stderr
    written = _read_jsonl(out.read_bytes())
    assert written[1500] == records[1500]
    assert [r["text"] for r in written[:3]] == [filler] * 3
    assert len(written) == 3000
    (entry,) = _read_jsonl(errors.read_bytes())
    assert (entry["line"], entry["in_output"]) == (1501, True)


def test_one_worker_and_two_write_the_same_bytes(tmp_path: Path, packs: list[str]) -> None:
    filler = "Words of the article that the rules leave alone. " * 20
    records = [
        {"id": i, "text": f"{filler}\n" + ("PROMO: x\n" if i % 3 else "") + f"[ad] line {i}\n"}
        for i in range(4000)
    ]
    records[1234] = {"id": "broken"}  # a failure in the middle changes nothing either
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    assert source.stat().st_size > 3 << 20  # several blocks in flight at once
    results = {}
    for workers in ("1", "2"):
        out, audit, stats = (tmp_path / f"{name}{workers}" for name in ("out", "audit", "stats"))
        done = _run(
            str(source),
            "-o",
            str(out),
            "-j",
            workers,
            "--audit",
            str(audit),
            "--stats-json",
            str(stats),
            *packs,
        )
        assert done.exit_code == 1
        results[workers] = (out.read_bytes(), audit.read_bytes(), stats.read_bytes(), done.stderr)
    assert results["1"] == results["2"]
    assert len(results["1"][0].splitlines()) == 4000


def test_stats_json_counts_documents_lines_and_characters(tmp_path: Path, packs: list[str]) -> None:
    records = [
        {"text": BODY + "PROMO: one\nPROMO: two\n"},
        {"text": "Price [ad] today.\nPROMO: three\n"},
        {"text": BODY},
        {"nothing": True},
    ]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    stats = tmp_path / "stats.json"
    result = _run(str(source), "--stats-json", str(stats), *packs)
    assert result.exit_code == 1
    assert json.loads(stats.read_text()) == {
        "documents": 4,
        "changed": 2,
        "failed": 1,
        "flagged": 1,  # the second record keeps 2 of its 5 words
        "emptied": 0,
        "no_text": 0,
        "lossy": 0,
        "pages_as_text": 0,
        "max_loss": 0.5,
        "rules": {
            "t.promo": {"documents": 2, "lines": 3, "chars": len("PROMO: one") * 2 + len("PROMO: three")},
            "t.ad": {"documents": 1, "lines": 0, "chars": 4},
        },
    }


def test_stats_on_stderr_as_json_when_not_a_terminal(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": BODY + "PROMO: x\n"}])
    result = _run(str(source), "--stats", *packs)
    document = json.loads(result.stderr.splitlines()[0])
    assert document["rules"] == {"t.promo": {"documents": 1, "lines": 1, "chars": 8}}


def test_audit_has_one_line_per_removal_and_flags_word_loss(tmp_path: Path, packs: list[str]) -> None:
    records = [
        {"id": "doc-a", "text": BODY + "PROMO: one\n"},
        {"text": "Price [ad] today.\nPROMO: gone\n"},
        {"id": 9, "text": "PROMO: all of it\nshort\n"},
    ]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    audit = tmp_path / "audit.jsonl"
    result = _run(str(source), "--audit", str(audit), *packs)
    assert result.exit_code == 0
    assert _read_jsonl(audit.read_bytes()) == [
        {"record": "doc-a", "rule": "t.promo", "line": 3, "start": 0, "end": 10, "text": "PROMO: one"},
        {"record": 2, "rule": "t.ad", "line": 1, "start": 6, "end": 10, "text": "[ad]"},
        {"record": 2, "rule": "t.promo", "line": 2, "start": 0, "end": 11, "text": "PROMO: gone"},
        {"record": 2, "flag": "max-loss", "words_lost": 0.6, "max_loss": 0.5},
        {"record": 9, "rule": "t.promo", "line": 1, "start": 0, "end": 16, "text": "PROMO: all of it"},
        {"record": 9, "flag": "max-loss", "words_lost": 0.8, "max_loss": 0.5},
    ]
    # flagged, never refused: the records are all in the output
    assert [r["text"] for r in _read_jsonl(result.stdout)] == [BODY, "Price today.\n", "short\n"]


def _strict_json(line: str) -> object:
    """A line as RFC 8259 reads it: ``Infinity`` and ``NaN`` are not JSON."""

    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    return json.loads(line, parse_constant=refuse)


def test_audit_lines_are_json_whatever_the_record_ids(tmp_path: Path, packs: list[str]) -> None:
    ids = ['{"a": 1e400}', "[1, 2]", "null", "1e400", "-1e400", '"x"', "7"]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(f'{{"id": {i}, "text": "PROMO: x\\nBody.\\n"}}\n' for i in ids))
    audit = tmp_path / "audit.jsonl"
    result = _run(
        str(source), "-o", str(tmp_path / "out.jsonl"), "--audit", str(audit), "--max-loss", "1", *packs
    )
    assert result.exit_code == 0, result.stderr
    records = [_strict_json(line)["record"] for line in audit.read_text().splitlines()]  # type: ignore[index]
    # one holding a number beyond a float's range: its text as the record has it, as a
    # string; null: the line number, as with no id
    assert records == ['{"a": 1e400}', [1, 2], 3, "1e400", "-1e400", "x", 7]


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("compress", [False, True], ids=["plain", "gzip"])
def test_line_numbers_count_from_the_start_of_the_input_in_every_block(
    tmp_path: Path, packs: list[str], monkeypatch: pytest.MonkeyPatch, workers: str, compress: bool
) -> None:
    """Blocks are cleaned apart (a worker does not know where its block starts), yet
    errors and the audit name a record without an id by its line in the whole input."""
    monkeypatch.setattr(jsonl, "BLOCK", 200)  # a few records a block: dozens of blocks
    lines = []
    for n in range(1, 121):
        if n % 17 == 0:
            lines.append(b"")  # blank lines count as lines too
        elif n % 7 == 0:
            lines.append(b'{"text": "broken')
        else:
            lines.append(json.dumps({"text": f"Story {n}.\nPROMO: {'x' * (n % 50)}\n"}).encode())
    data = b"\n".join(lines) + b"\n"
    source = tmp_path / ("in.jsonl.gz" if compress else "in.jsonl")
    source.write_bytes(gzip.compress(data) if compress else data)
    audit, errors = tmp_path / "audit.jsonl", tmp_path / "errors.jsonl"
    args = ["-o", str(tmp_path / "out.jsonl"), "--audit", str(audit), "--errors", str(errors)]
    result = _run(str(source), *args, "-j", workers, *packs)
    assert result.exit_code == 1
    broken = [n for n in range(1, 121) if n % 7 == 0 and n % 17]
    reported = [line for line in result.stderr.splitlines() if line.startswith(str(source))]
    assert [int(line.split(":")[1]) for line in reported] == broken
    assert [e["line"] for e in _read_jsonl(errors.read_bytes())] == broken
    cleaned = [n for n in range(1, 121) if n % 7 and n % 17]
    removals = _read_jsonl(audit.read_bytes())
    assert [(e["record"], e["text"]) for e in removals] == [(n, f"PROMO: {'x' * (n % 50)}") for n in cleaned]


def test_max_loss_option_moves_the_flag(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": "Price [ad] today.\nPROMO: gone\n"}])
    for max_loss, flagged in (("0.5", 1), ("0.6", 0)):
        stats = tmp_path / f"stats{max_loss}.json"
        _run(str(source), "--stats-json", str(stats), "--max-loss", max_loss, *packs)
        assert json.loads(stats.read_text())["flagged"] == flagged


def test_failed_run_leaves_existing_output_untouched(tmp_path: Path, packs: list[str]) -> None:
    source = tmp_path / "in.jsonl.gz"
    data = gzip.compress(("".join(json.dumps({"text": f"{i} " * 500}) + "\n" for i in range(2000))).encode())
    source.write_bytes(data[: len(data) // 2])  # truncated: fails part way through
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n")
    result = _run(str(source), "-o", str(out), *packs)
    assert result.exit_code == 2
    assert f"{source}:" in result.stderr and "cannot be read" in result.stderr
    assert out.read_text() == "previous run\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    result = _run(str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2
    assert f"{tmp_path / 'nope.jsonl'}: No such file or directory" in result.stderr


def _run_with_terminal_stderr(args: list[str]) -> tuple[int, str]:
    """Run the real ``cleaner`` with stderr on a pseudo-terminal, as a person sees it."""
    import pty
    import subprocess
    import sys

    controller, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "120", "TERM": "xterm"}
    command = [sys.executable, "-m", "cleaner", *args]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=terminal, env=env
    ) as proc:
        os.close(terminal)
        chunks = []
        while True:
            try:
                data = os.read(controller, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not data:
                break
            chunks.append(data)
        code = proc.wait()
    os.close(controller)
    return code, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_and_stats_table_only_on_a_terminal(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": BODY + "PROMO: x\n"}] * 300)
    args = ["batch", str(source), "-o", str(tmp_path / "out.jsonl"), "--stats", *packs]
    code, screen = _run_with_terminal_stderr(args)
    assert code == 0
    assert "300 records" in screen and "MB" in screen and "rec/s" in screen
    assert "t.promo" in screen and "documents" in screen and "chars" in screen
    assert "300 documents: 300 changed, 0 failed, 0 flagged for word loss" in screen
    piped = _run(*args[1:])
    assert "rec/s" not in piped.stderr
    assert json.loads(piped.stderr.splitlines()[0])["documents"] == 300


@pytest.mark.parametrize("suffix", [".zst", ".xz", ".bz2"])
def test_zstd_xz_and_bz2_in_and_out(tmp_path: Path, packs: list[str], suffix: str) -> None:
    from cleaner.io import compression

    plain = _write_jsonl(tmp_path / "plain.jsonl", [{"text": BODY + "PROMO: x\n"}] * 50)
    compress = compression.compressor(compression.output_format(suffix))
    packed = tmp_path / "in.data"  # told by content, not by name
    packed.write_bytes(compress(plain.read_bytes()))
    out = tmp_path / f"out.jsonl{suffix}"
    assert _run(str(packed), "-o", str(out), *packs).exit_code == 0
    assert _run(str(plain), "-o", str(tmp_path / "ref.jsonl"), *packs).exit_code == 0
    with jsonl.open_input(str(out)) as blocks:
        assert b"".join(block.read() for block in blocks) == (tmp_path / "ref.jsonl").read_bytes()


@pytest.mark.parametrize("full", ["out.jsonl", "out.jsonl.gz", "audit.jsonl", "errors.jsonl"])
def test_a_full_disk_is_exit_2_naming_the_file_which_keeps_its_previous_content(
    tmp_path: Path, packs: list[str], monkeypatch: pytest.MonkeyPatch, full: str
) -> None:
    """Every write to the partial file of ``full`` fails with ENOSPC."""
    real = partial.Partial.__init__

    def init(self: partial.Partial, target: str | Path) -> None:
        real(self, target)
        if Path(target).name == full:

            def write(data: bytes) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

            self._handle.write = write  # type: ignore[method-assign]

    monkeypatch.setattr(partial.Partial, "__init__", init)
    filler = "Words of the article that the rules leave alone. " * 20
    records = [{"id": i, "text": f"{filler}\nPROMO: {i}"} for i in range(100)] + [{"bad": 1}]
    source = _write_jsonl(tmp_path / "in.jsonl", records)
    names = ["out.jsonl.gz" if full == "out.jsonl.gz" else "out.jsonl", "audit.jsonl", "errors.jsonl"]
    for name in names:
        (tmp_path / name).write_bytes(b"previous\n")
    out, audit, errors = (str(tmp_path / name) for name in names)
    result = _run(str(source), "-o", out, "--audit", audit, "--errors", errors, *packs)
    assert result.exit_code == 2
    assert f"{tmp_path / full}: cannot write (No space left on device)" in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["in.jsonl", "packs", *names])
    assert (tmp_path / full).read_bytes() == b"previous\n"


def test_records_left_with_no_text_are_said_so(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(
        tmp_path / "in.jsonl",
        [{"text": "PROMO: a\nPROMO: b\n"}, {"text": BODY + "PROMO: c\n"}, {"text": "PROMO: d"}],
    )
    stats = tmp_path / "stats.json"
    result = _run(str(source), "-o", str(tmp_path / "out.jsonl"), "--stats-json", str(stats), *packs)
    assert result.exit_code == 0, result.output
    assert "warning: 2 records left with no text by the rules" in result.stderr
    assert json.loads(stats.read_text())["emptied"] == 2
    quiet = _run(str(source), "-o", str(tmp_path / "out2.jsonl"), "--no-defaults")
    assert "warning" not in quiet.stderr


def test_an_output_that_is_the_input_is_refused(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": BODY + "PROMO: sale\n"}])
    before = source.read_bytes()
    for option in ("-o", "--audit", "--errors"):
        args = [str(source), *packs] + (["-o", str(tmp_path / "out.jsonl")] if option != "-o" else [])
        result = _run(*args, option, str(source))
        assert result.exit_code == 2, option
        assert "names an input of this run" in result.stderr
    assert source.read_bytes() == before


def test_output_to_the_null_device_or_a_pipe_is_written_through(tmp_path: Path, packs: list[str]) -> None:
    source = _write_jsonl(tmp_path / "in.jsonl", [{"text": BODY + "PROMO: sale\n"}] * 3)
    assert _run(str(source), *packs, "-o", os.devnull, "--audit", os.devnull).exit_code == 0
    assert Path(os.devnull).is_char_device()
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = _run(str(source), *packs, "-o", str(fifo))
    reader.join(timeout=60)
    assert result.exit_code == 0
    assert _read_jsonl(got[0]) == [{"text": BODY}] * 3
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("frames", ["one", "two"])
def test_a_zstd_input_cut_short_is_exit_2_naming_it_and_writes_nothing(
    tmp_path: Path, packs: list[str], frames: str
) -> None:
    plain = _write_jsonl(
        tmp_path / "plain.jsonl", [{"id": i, "text": BODY + "PROMO: x\n"} for i in range(400)]
    )
    cut = tmp_path / "cut.jsonl.zst"
    cut.write_bytes(zstd_cut_short(plain.read_bytes(), frames))
    out = tmp_path / "out.jsonl"
    result = _run(str(cut), "-o", str(out), *packs)
    assert result.exit_code == 2, result.output
    assert f"{cut}: cannot be read: Compressed file ended before the end-of-stream marker" in result.stderr
    assert "records cleaned" not in result.stderr and not out.exists()


def test_a_zstd_stdin_cut_short_is_exit_2_naming_it(tmp_path: Path, packs: list[str]) -> None:
    import subprocess
    import sys

    plain = _write_jsonl(
        tmp_path / "plain.jsonl", [{"id": i, "text": BODY + "PROMO: x\n"} for i in range(400)]
    )
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "cleaner", "batch", "-", "-o", str(out), *packs]
    done = subprocess.run(command, input=zstd_cut_short(plain.read_bytes(), "two"), capture_output=True)
    assert done.returncode == 2, done.stderr
    assert b"<stdin>: cannot be read: Compressed file ended before the end-of-stream marker" in done.stderr
    assert not out.exists()


def test_a_byte_order_mark_starting_the_input_is_dropped_and_the_first_record_kept(
    tmp_path: Path, packs: list[str]
) -> None:
    source = tmp_path / "windows.jsonl"
    first = b'{"id": 1, "text": "The bridge opened."}\n'  # no rule changes it: written back as it is
    second = json.dumps({"id": 2, "text": "PROMO: x\nA"}).encode() + b"\n"
    source.write_bytes(b"\xef\xbb\xbf" + first + second)
    out = tmp_path / "out.jsonl"
    result = _run(str(source), "-o", str(out), *packs)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes() == first + b'{"id": 2, "text": "A"}\n'
    joined = tmp_path / "joined.jsonl"  # a second file's BOM, now inside the input
    joined.write_bytes(source.read_bytes() * 2)
    result = _run(str(joined), "-o", str(out), *packs)
    assert result.exit_code == 1
    assert f"{joined}:3: not valid JSON: starts with a UTF-8 byte-order mark" in result.stderr


@pytest.mark.parametrize("command", ["batch", "learn"])
def test_help_names_every_compression_the_input_may_have(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert "JSONL of records: plain, gzip, zstd, xz or bz2; '-' for stdin." in result.output
