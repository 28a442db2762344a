"""An interrupted ``clean --in-place`` (SIGINT, SIGTERM) leaves every file whole, old or new,
no temporary file behind, and exits 130 with a message and no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner.cli.main import app

OLD = "Council votes on the budget.\nMORE: Another story\nThe vote passed.\n" * 20
NEW = cleaner.clean(OLD)  # an LF file with a final newline is written as the engine returns it
SIGNALS = [signal.SIGINT, signal.SIGTERM]


def _folder(root: Path, count: int) -> list[Path]:
    paths = [root / f"doc{i:04d}.txt" for i in range(count)]
    for path in paths:
        path.write_text(OLD)
    return paths


def _assert_whole(root: Path, paths: list[Path]) -> tuple[int, int]:
    contents = [p.read_text() for p in paths]
    assert all(text in (OLD, NEW) for text in contents)
    assert sorted(p.name for p in root.iterdir()) == sorted(p.name for p in paths)  # no temp file
    return contents.count(NEW), contents.count(OLD)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_signal_while_a_file_is_being_replaced(tmp_path: Path, monkeypatch, signum: int) -> None:
    """The signal comes right after the temporary file is created: it is held back
    until that file is renamed into place, then the run stops before the next file."""
    paths = _folder(tmp_path, 3)
    real_mkstemp = tempfile.mkstemp
    calls = []

    def mkstemp(*args, **kwargs):
        made = real_mkstemp(*args, **kwargs)
        calls.append(made)
        if len(calls) == 2:
            os.kill(os.getpid(), signum)
        return made

    def unhandled(signum: int, frame: object) -> None:
        raise RuntimeError("the CLI did not handle SIGTERM")  # instead of killing pytest

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    before = signal.signal(signal.SIGTERM, unhandled)
    try:
        result = CliRunner().invoke(app, ["clean", "--in-place", str(tmp_path)])
        assert signal.getsignal(signal.SIGTERM) is unhandled  # the CLI put the handler back
    finally:
        signal.signal(signal.SIGTERM, before)
    assert result.exit_code == 130, result.stderr
    assert "error: interrupted" in result.stderr and "Traceback" not in result.stderr
    assert _assert_whole(tmp_path, paths) == (2, 1)


@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_killing_a_run_over_many_files(tmp_path: Path, signum: int) -> None:
    paths = _folder(tmp_path, 1500)
    run = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", "--in-place", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while paths[0].read_text() == OLD and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr[-500:]
    assert "error: interrupted" in stderr and "Traceback" not in stderr
    new, old = _assert_whole(tmp_path, paths)
    assert new >= 1 and old >= 1


def _deep_page(path: Path, depth: int) -> Path:
    path.write_text("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>")
    return path


def test_a_page_nested_too_deep_is_named_unparsed(tmp_path: Path) -> None:
    """200,000 nested divs took lexbor and lxml 113 s, and 1M over 20 minutes."""
    deep = _deep_page(tmp_path / "deep.html", 120_000)
    command = [sys.executable, "-m", "cleaner", "clean", "--html-max-mb", "50", str(deep)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr
    assert f"{deep}: HTML page has elements nested over 1,000 deep; skipped" in result.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads processes from /proc")
@pytest.mark.parametrize("signum", SIGNALS, ids=lambda s: s.name)
def test_a_signal_stops_a_run_busy_in_html_c_code(tmp_path: Path, signum: int) -> None:
    """The parent waits for the extraction process, where a signal reaches it at once,
    and kills that process on its way out; before, SIGTERM waited for lxml."""
    deep = _deep_page(tmp_path / "deep.html", 120_000)  # under the limit of tags
    limits = ["--html-max-mb", "50", "--html-max-depth", "10000000", "--html-timeout", "3600"]
    command = [sys.executable, "-m", "cleaner", "clean", *limits, str(deep)]
    run = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    children: list[str] = []
    while run.poll() is None and not children and time.monotonic() < deadline:
        time.sleep(0.05)
        with open(f"/proc/{run.pid}/task/{run.pid}/children") as found:
            children = found.read().split()
    assert children, "the extraction process did not start"
    time.sleep(1)  # now deep in lexbor's or lxml's C code
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=10)
    assert run.returncode == 130 and "interrupted" in stderr, stderr[-500:]
    deadline = time.monotonic() + 10
    while os.path.exists(f"/proc/{children[0]}") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not os.path.exists(f"/proc/{children[0]}")
