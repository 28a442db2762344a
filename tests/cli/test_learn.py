"""``cleaner learn`` through the real CLI: packs that load everywhere, read as
``batch`` reads, the same bytes whatever the workers."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.api import Cleaner
from cleaner.cli.main import app
from cleaner.io import jsonl
from tests.cli.test_batch_workers import _alive, _children
from tests.conftest import zstd_cut_short
from tests.learn import corpus


def _run(*args: str, input: str | bytes | None = None):
    return CliRunner().invoke(app, list(args), input=input)


def _packs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


@pytest.fixture
def source(tmp_path: Path) -> Path:
    return corpus.write(tmp_path / "in.jsonl", corpus.records())


def test_learned_packs_pass_rules_check_and_clean(tmp_path: Path, source: Path) -> None:
    result = _run("learn", str(source), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 0, result.output
    assert sorted(_packs(tmp_path / "packs")) == ["example.com.yaml", "other.org.yaml"]
    check = _run("rules", "check", "--rules", str(tmp_path / "packs"))
    assert check.exit_code == 0, check.output
    page = tmp_path / "page.txt"
    page.write_text(corpus.news_page(__import__("random").Random(5), 1))
    cleaned = _run("clean", str(page), "--rules", str(tmp_path / "packs"), "--source", "www.example.com")
    assert corpus.NAV not in cleaned.stdout and corpus.BYLINE in cleaned.stdout
    cleaner = Cleaner([tmp_path / "packs"])
    assert corpus.FOOTER not in cleaner.clean(page.read_text(), "https://example.com/a")


def test_gzip_stdin_and_other_field_names(tmp_path: Path, source: Path) -> None:
    _run("learn", str(source), "-o", str(tmp_path / "plain"))
    renamed = [{"body": r["text"], "link": r["url"]} for r in corpus.records()]
    packed = tmp_path / "renamed.jsonl.gz"
    packed.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in renamed).encode()))
    fields = ("--text-field", "body", "--url-field", "link")
    result = _run("learn", str(packed), "-o", str(tmp_path / "gz"), *fields)
    assert result.exit_code == 0, result.output
    assert _packs(tmp_path / "gz") == _packs(tmp_path / "plain")
    result = _run("learn", "-", "-o", str(tmp_path / "stdin"), input=source.read_bytes())
    assert result.exit_code == 0, result.output
    assert _packs(tmp_path / "stdin") == _packs(tmp_path / "plain")


def test_same_bytes_with_one_or_two_workers_over_many_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = corpus.write(tmp_path / "in.jsonl", corpus.records() + corpus.commented_records())
    monkeypatch.setattr(jsonl, "BLOCK", 4096)  # some 40 blocks
    for workers in ("1", "2"):
        result = _run("learn", str(source), "-o", str(tmp_path / workers), "--workers", workers)
        assert result.exit_code == 0, result.output
    assert _packs(tmp_path / "1") == _packs(tmp_path / "2")
    assert "in the chrome after the article" in _packs(tmp_path / "1")["example.org.yaml"]  # zone cuts too


def test_bad_lines_are_named_skipped_and_exit_1(tmp_path: Path) -> None:
    rows = corpus.records()
    text = "".join(json.dumps(r) + "\n" for r in rows[:3]) + "not json\n" + '{"url": "http://a.com"}\n'
    text += "".join(json.dumps(r) + "\n" for r in rows[3:])
    (tmp_path / "in.jsonl").write_text(text)
    result = _run("learn", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 1
    assert "in.jsonl:4: not valid JSON" in result.output and "in.jsonl:5: no 'text' field" in result.output
    assert sorted(_packs(tmp_path / "packs")) == ["example.com.yaml", "other.org.yaml"]


def test_a_folder_of_hand_written_packs_is_refused(tmp_path: Path, source: Path) -> None:
    (tmp_path / "mine.yaml").write_text("rules: []\n")
    result = _run("learn", str(source), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "mine.yaml" in result.output and result.output.rstrip().endswith("; folder left unchanged")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "mine.yaml"]


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    rows = [r for r in corpus.records() if "example.com" in str(r["url"])]
    result = _run("learn", str(corpus.write(tmp_path / "in.jsonl", rows)), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 0, result.output
    assert re.search(r"^\d+ rules for 1 site written to ", result.output, re.MULTILINE), result.output


@pytest.mark.parametrize("inside", ["packs/review.yaml", "packs", "packs/sub/r.html"])
def test_a_report_inside_the_output_folder_is_refused_before_learning(tmp_path: Path, inside: str) -> None:
    """The page would pass for a pack there: ``rules check`` would fail on it, and the
    next ``learn`` into the folder refuse it."""
    (tmp_path / "in.jsonl").write_text("not json\n")  # named if the corpus were read
    packs, report = tmp_path / "packs", tmp_path / inside
    result = _run("learn", str(tmp_path / "in.jsonl"), "-o", str(packs), "--report", str(report))
    assert result.exit_code == 2
    assert f"--report {report} is inside the output folder {packs}" in result.output
    assert "not valid JSON" not in result.output and not packs.exists()


def test_an_unreadable_input_writes_nothing(tmp_path: Path) -> None:
    result = _run("learn", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 2
    assert not (tmp_path / "packs").exists()


def test_batch_learn_cleans_with_what_learn_writes(tmp_path: Path, source: Path) -> None:
    _run("learn", str(source), "-o", str(tmp_path / "packs"))
    two_steps = _run(
        "batch", str(source), "-o", str(tmp_path / "a.jsonl"), "--rules", str(tmp_path / "packs")
    )
    one_step = _run("batch", str(source), "-o", str(tmp_path / "b.jsonl"), "--learn")
    assert (two_steps.exit_code, one_step.exit_code) == (0, 0), one_step.output
    learned = (tmp_path / "b.jsonl").read_bytes()
    assert learned == (tmp_path / "a.jsonl").read_bytes()
    assert corpus.NAV.encode() not in learned and corpus.BYLINE.encode() in learned


def test_batch_learn_replaces_a_folder_learned_before(tmp_path: Path, source: Path) -> None:
    _run("learn", str(source), "-o", str(tmp_path / "packs"))
    again = _run(
        "batch", str(source), "-o", str(tmp_path / "b.jsonl"), "--learn", "--rules", str(tmp_path / "packs")
    )
    assert again.exit_code == 0, again.output
    assert "of --rules replaced by what this run learned" in again.stderr
    assert corpus.NAV.encode() not in (tmp_path / "b.jsonl").read_bytes()


def test_batch_learn_reports_a_broken_pack_before_it_learns(tmp_path: Path, source: Path) -> None:
    (tmp_path / "broken.yaml").write_text("rules:\n  - id: b.x\n    drop-lien: {line: a}\n")
    result = _run(
        "batch",
        str(source),
        "-o",
        str(tmp_path / "b.jsonl"),
        "--learn",
        "--rules",
        str(tmp_path / "broken.yaml"),
    )
    assert result.exit_code == 2
    assert "drop-lien" in result.stderr and "learned" not in result.stderr


def test_batch_learn_needs_a_file_it_can_read_twice(source: Path) -> None:
    result = _run("batch", "-", "--learn", input=source.read_bytes())
    assert result.exit_code == 2
    assert "give a file" in result.output


def test_records_naming_no_site_are_counted_not_learned(tmp_path: Path) -> None:
    rows = [{"url": "http://10.0.0.1/x", "text": "Share this\nA story."}, {"text": "No URL at all."}]
    corpus.write(tmp_path / "in.jsonl", [*rows, {"url": None, "text": "x"}, {"url": "a.com", "text": 5}])
    with (tmp_path / "in.jsonl").open("a") as f:  # an integer too long for Python is a number too
        f.write('{"url": "a.com", "text": 1' + "0" * 5000 + "}\n")
    result = _run("learn", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 1
    assert "in.jsonl:4: 'text' must be a string" in result.output
    assert "in.jsonl:5: 'text' must be a string" in result.output
    assert "3 of 5 records named no site" in result.output
    assert list((tmp_path / "packs").iterdir()) == []


def test_a_url_that_is_not_text_is_reported_as_batch_reports_it(tmp_path: Path) -> None:
    """Batch fails such a record; learn counted it among records naming no site, silently."""
    rows = [{"url": 123, "text": "Story."}, {"url": ["a.com"], "text": "Story."}, {"url": None, "text": "x"}]
    result = _run("learn", str(corpus.write(tmp_path / "in.jsonl", rows)), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 1
    assert "in.jsonl:1: 'url' must be a string, not a number" in result.output
    assert "in.jsonl:2: 'url' must be a string, not an array" in result.output
    assert "1 of 3 records named no site" in result.output


def test_a_bare_public_suffix_or_localhost_names_no_site(tmp_path: Path) -> None:
    """A pack for co.uk would apply to every site under it."""
    hosts = ("co.uk", "com", "localhost")
    rows = [{**r, "url": f"https://{hosts[n % 3]}/{n}"} for n, r in enumerate(corpus.records())]
    result = _run("learn", str(corpus.write(tmp_path / "in.jsonl", rows)), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 0, result.output
    assert f"{len(rows)} of {len(rows)} records named no site" in result.output
    assert list((tmp_path / "packs").iterdir()) == []


def test_report_lists_the_learned_rules_with_their_evidence(tmp_path: Path, source: Path) -> None:
    result = _run("learn", str(source), "-o", str(tmp_path / "packs"), "--report", str(tmp_path / "r.html"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    learned = [rule for pack in Cleaner([tmp_path / "packs"], defaults=False).packs for rule in pack.rules]
    assert learned
    for rule in learned:
        assert f">{rule.id}<" in page
        assert "Learned from" in rule.description and rule.description.split(",")[0] in page
    assert str(tmp_path / "packs" / "example.com.yaml") in page


def test_fields_come_from_the_config_file(
    tmp_path: Path, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run("learn", str(source), "-o", str(tmp_path / "plain"))
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(
        "".join(json.dumps({"body": r["text"], "link": r["url"]}) + "\n" for r in corpus.records())
    )
    (tmp_path / "cleaner.toml").write_text('text-field = "body"\nurl-field = "link"\n')
    monkeypatch.chdir(tmp_path)
    result = _run("learn", str(renamed), "-o", str(tmp_path / "configured"))
    assert result.exit_code == 0, result.output
    assert _packs(tmp_path / "configured") == _packs(tmp_path / "plain")


def test_a_review_page_never_replaces_the_corpus(tmp_path: Path, source: Path) -> None:
    before = source.read_bytes()
    result = _run("learn", str(source), "-o", str(tmp_path / "packs"), "--report", str(source))
    assert result.exit_code == 2
    assert "--report names an input of this run" in result.stderr
    assert source.read_bytes() == before


@pytest.mark.parametrize("frames", ["one", "two"])
def test_a_zstd_corpus_cut_short_is_exit_2_naming_it_and_writes_nothing(
    tmp_path: Path, source: Path, frames: str
) -> None:
    cut = tmp_path / "cut.jsonl.zst"
    cut.write_bytes(zstd_cut_short(source.read_bytes(), frames))
    result = _run("learn", str(cut), "-o", str(tmp_path / "packs"))
    assert result.exit_code == 2, result.output
    assert f"{cut}: cannot be read: Compressed file ended before the end-of-stream marker" in result.output
    assert not (tmp_path / "packs").exists()


def test_a_zstd_corpus_cut_short_on_stdin_is_exit_2(tmp_path: Path, source: Path) -> None:
    command = [sys.executable, "-m", "cleaner", "learn", "-", "-o", str(tmp_path / "packs")]
    data = zstd_cut_short(source.read_bytes(), "two")
    done = subprocess.run(command, input=data, capture_output=True)
    assert done.returncode == 2, done.stderr
    assert b"<stdin>: cannot be read: Compressed file ended before the end-of-stream marker" in done.stderr
    assert not (tmp_path / "packs").exists()


def test_a_byte_order_mark_starting_the_corpus_is_read_past(tmp_path: Path, source: Path) -> None:
    _run("learn", str(source), "-o", str(tmp_path / "plain"))
    windows = tmp_path / "windows.jsonl"
    windows.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    result = _run("learn", str(windows), "-o", str(tmp_path / "bom"))
    assert result.exit_code == 0, result.output
    assert "not valid JSON" not in result.output
    assert _packs(tmp_path / "bom") == _packs(tmp_path / "plain")


def _short_lines_corpus(path: Path, records: int) -> Path:
    """Pages of many short lines: a block's pages are larger than the pipe that
    brings them back from a worker, which then sends them in several writes."""
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        for n in range(records):
            lines = [" ".join(rng.choices(corpus.WORDS, k=rng.randint(2, 6))) for _ in range(40)]
            text = "\n".join([corpus.NAV, *lines, corpus.FOOTER])
            out.write(json.dumps({"url": f"https://site{n % 5}.com/{n}", "text": text}) + "\n")
    return path


def _sending(workers: list[int]) -> bool:
    """One of the workers is blocked writing into a pipe: sending back its pages."""
    for pid in workers:
        with contextlib.suppress(OSError), open(f"/proc/{pid}/wchan") as wchan:
            if "pipe_write" in wchan.read():
                return True
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker processes from /proc")
def test_ctrl_c_stops_learn_with_two_workers(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, workers included. A worker killed
    while sending back its pages left the parent waiting for the rest for ever, and
    its workers zombies: most interrupts at that moment hung. Runs are interrupted
    as soon as the workers are there, or once a worker is seen sending (or after a
    while, where the kernel does not say); the timeout only guards against a hang."""
    source = _short_lines_corpus(tmp_path / "in.jsonl", 20_000)
    folder = tmp_path / "packs"
    for moment in ["workers started", "a worker sending"] * 4:
        run = subprocess.Popen(
            [sys.executable, "-m", "cleaner", "learn", str(source), "-o", str(folder), "-j", "2"],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # its own process group, as a shell gives a command
        )
        try:
            deadline = time.monotonic() + 60
            while run.poll() is None and len(_children(run.pid)) < 2 and time.monotonic() < deadline:
                time.sleep(0.01)
            workers = _children(run.pid)
            assert len(workers) == 2, "the workers did not start"
            deadline = time.monotonic() + 0.5
            while moment == "a worker sending" and not _sending(workers) and time.monotonic() < deadline:
                time.sleep(0.001)
            os.killpg(run.pid, signal.SIGINT)
            _, stderr = run.communicate(timeout=60)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(run.pid, signal.SIGKILL)  # a hung run, not to be left behind
            run.wait()
        assert run.returncode == 130, f"at {moment}: {stderr[-500:]}"
        assert "interrupted" in stderr and "Traceback" not in stderr, f"at {moment}: {stderr[-500:]}"
        assert not folder.exists()
        assert not any(_alive(w) for w in workers)


PROMO = "Riverside Courier readers can now get every story on WhatsApp: join our channel today."


def _html_records(tmp_path: Path) -> Path:
    """30 pages of one site, each article ending with the same promo paragraph, as a
    crawl stores them (HTML only); and a record with no HTML on line 31."""
    rng = random.Random(7)
    records = []
    for n in range(30):
        paragraphs = "".join(f"<p>{corpus.sentence(rng, rng.randint(25, 35))}</p>" for _ in range(4))
        html = (
            f"<!DOCTYPE html><html><head><title>Story {n}</title></head><body><article>"
            f"<h1>{corpus.sentence(rng, 6)}</h1>{paragraphs}<p>{PROMO}</p></article></body></html>"
        )
        records.append({"url": f"https://www.riverside-courier.com/news/{n}", "html": html})
    records.append({"url": "https://www.riverside-courier.com/news/x", "body": "no page here"})
    return corpus.write(tmp_path / "pages.jsonl", records)


def test_learn_and_batch_learn_read_the_body_extracted_from_an_html_field(tmp_path: Path) -> None:
    """Learning read the text field, which HTML records lack, and learned nothing,
    silently (QA round P, P20)."""
    source = _html_records(tmp_path)
    learned = _run("learn", str(source), "-o", str(tmp_path / "packs"), "--html-field", "html")
    assert learned.exit_code == 1  # the record with no HTML, named at its line
    assert f"{source}:31: no 'html' field" in learned.stderr
    assert PROMO in _packs(tmp_path / "packs")["riverside-courier.com.yaml"]
    out = tmp_path / "out.jsonl"
    batch = _run("batch", str(source), "-o", str(out), "--html-field", "html", "--learn")
    assert batch.exit_code == 1 and "learned 2 rules for 1 site." in batch.stderr, batch.stderr
    texts = [json.loads(line).get("text", "") for line in out.read_text().splitlines()[:30]]
    assert all(texts) and not any(PROMO in text for text in texts)


def test_a_page_that_cannot_be_extracted_is_counted_not_learned_from(tmp_path: Path) -> None:
    records = [{"url": "https://www.riverside-courier.com/big", "html": "<b>x</b>" * 250_001}]
    source = corpus.write(tmp_path / "pages.jsonl", records)
    result = _run("learn", str(source), "-o", str(tmp_path / "packs"), "--html-field", "html")
    assert result.exit_code == 0, result.stderr
    assert f"1 page of {source} could not be extracted: not learned from." in result.stderr
