"""Edge inputs through ``cleaner clean``: empty and binary-looking files, NUL, mixed line
ends, separators, bytes the encoding cannot read, failed writes, a 50 MB line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app

ARTICLE = "Council votes on the budget.\nThe vote passed by nine to two.\n"


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize("data", [b"", b"   ", b"\n\n", b" \t\r\n\r\n  "])
def test_empty_and_whitespace_only_files(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    mtime = path.stat().st_mtime_ns
    printed = _run("clean", str(path))
    assert (printed.exit_code, printed.stdout) == (0, "")
    assert _run("clean", "--in-place", str(path)).exit_code == 0
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime


def test_nul_early_means_binary_nul_later_is_text_and_text_flag_overrides(tmp_path: Path) -> None:
    early = tmp_path / "early.txt"
    early.write_bytes(b"Body\x00.\nMORE: x\n")
    late = tmp_path / "late.txt"
    late.write_bytes(b"Body.\n" * 1400 + b"\x00NUL kept.\nMORE: x\n")  # NUL past byte 8,000
    result = _run("clean", "--in-place", str(early), str(late))
    assert result.exit_code == 2
    assert f"{early}: looks like a binary file" in result.stderr
    assert early.read_bytes() == b"Body\x00.\nMORE: x\n"
    assert late.read_bytes() == b"Body.\n" * 1400 + b"\x00NUL kept.\n"
    forced = _run("clean", "--text", "--in-place", str(early))
    assert forced.exit_code == 1
    assert early.read_bytes() == b"Body\x00.\n"


def test_mixed_line_ends_take_the_most_common_style_when_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    unchanged = b"a\r\nb\nc\r\n"
    path.write_bytes(unchanged)
    assert _run("clean", "--in-place", str(path)).exit_code == 0
    assert path.read_bytes() == unchanged  # no rule acted: not rewritten, bytes as they were
    path.write_bytes(b"a\r\nMORE: x\nb\r\nc\r\n")  # CRLF three times, LF once
    assert _run("clean", "--in-place", str(path)).exit_code == 1
    assert path.read_bytes() == b"a\r\nb\r\nc\r\n"


def test_diff_splits_lines_as_the_engine_does(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("One\u2028line.\nMORE: x\nLast\x0cline.\n")
    result = _run("clean", "--diff", str(path))
    assert result.exit_code == 1
    assert "@@ -1,3 +1,2 @@\n One\u2028line.\n-MORE: x\n Last\x0cline.\n" in result.stdout


def test_replaced_bytes_are_never_written_back(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    data = b"caf\xe9\nMORE: x\n"
    path.write_bytes(data)
    printed = _run("clean", str(path), "--errors", "replace")
    assert printed.stdout == "caf\ufffd\n"
    result = _run("clean", "--in-place", str(path), "--errors", "replace")
    assert result.exit_code == 2
    assert (
        f"{path}: cannot write (it has bytes that are not valid utf-8); file left unchanged" in result.stderr
    )
    assert path.read_bytes() == data


def test_a_failed_write_is_named_and_the_batch_goes_on(tmp_path: Path, monkeypatch) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    for path in (first, second):
        path.write_text(ARTICLE + "MORE: x\n")
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if str(dst).endswith("a.txt"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = _run("clean", "--in-place", str(tmp_path))
    assert result.exit_code == 2
    assert f"{first}: cannot write (No space left on device); file left unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert first.read_text() == ARTICLE + "MORE: x\n"
    assert second.read_text() == ARTICLE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_encodings_of_right_to_left_and_cjk_text_round_trip(tmp_path: Path) -> None:
    for encoding, body in [
        ("gb18030", "市议会通过了预算。\n"),
        ("cp1256", "قال الوزير.\n"),
        ("cp1255", "שלום.\n"),
    ]:
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes((body + "MORE: x\n" + body).encode(encoding))
        result = _run("clean", "--in-place", "--encoding", encoding, str(path))
        assert result.exit_code == 1, result.stderr
        assert path.read_bytes() == (body + body).encode(encoding)


# Runs the CLI in a child that reports its own peak resident memory (kB on Linux).
_PROBE = (
    "import atexit, resource, sys\n"
    "atexit.register(lambda: sys.stderr.write("
    "'MAXRSS %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))\n"
    "sys.argv = ['cleaner', *sys.argv[1:]]\n"
    "from cleaner.cli.main import main\n"
    "main()\n"
)


def _peak_rss(*args: str) -> int:
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return int(done.stderr.rsplit("MAXRSS ", 1)[1]) * 1024


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in kB on Linux only")
def test_a_single_50_mb_line_needs_a_few_times_its_size(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("rules:\n  - id: t.counts\n    strip: {contains: '8 8 8'}\n")
    words = "The council met and the vote passed by nine to two. "
    half = words * (25_000_000 // len(words))
    path = tmp_path / "big.txt"
    path.write_text(f"Start. 8 8 8 {half}End. 8 8 8 {half}\n")
    size = path.stat().st_size
    small = tmp_path / "small.txt"
    small.write_text("Start. 8 8 8 Body.\n")
    options = ("--no-defaults", "--rules", str(pack))
    baseline = _peak_rss("clean", "--in-place", str(small), *options)
    peak = _peak_rss("clean", "--in-place", str(path), *options)
    assert peak - baseline < 4 * size
    assert path.read_text() == f"Start. {half}End. {half}\n"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss is in kB on Linux only")
def test_two_million_short_lines_need_a_few_times_their_size(tmp_path: Path) -> None:
    # A line as a Python str costs ~60 bytes before its text: kept one string a line,
    # these 21 MB took 15 times their size.
    lines = [f"Line {i % 1000}." if i % 1000 else "MORE: a promo" for i in range(1, 2_000_001)]
    path = tmp_path / "many.txt"
    path.write_text("\n".join(lines) + "\n")
    size = path.stat().st_size
    small = tmp_path / "small.txt"
    small.write_text("Line 1.\nMORE: a promo\n")
    baseline = _peak_rss("clean", "--in-place", str(small))
    peak = _peak_rss("clean", "--in-place", str(path))
    assert peak - baseline < 4 * size
    assert path.read_text() == "".join(line + "\n" for line in lines if not line.startswith("MORE:"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
@pytest.mark.parametrize("flag", ["--check", "--text"])
def test_a_named_pipe_or_a_device_is_named_and_the_other_files_go_on(tmp_path: Path, flag: str) -> None:
    """A FIFO blocked the run for ever, /dev/zero filled memory: both are refused
    from what they are, before a byte is read."""
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE + "MORE: Read this next\n")
    command = [sys.executable, "-m", "cleaner", "clean", "--check", str(fifo), "/dev/zero", str(other)]
    if flag == "--text":
        command.append("--text")
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"{fifo}: is a named pipe, not a regular file; skipped" in result.stderr
    assert "/dev/zero: is a character device, not a regular file; skipped" in result.stderr
    assert f"would clean {other}" in result.stderr
