"""``cleaner batch`` with worker processes, run for real: standard output written
once whatever the workers do, and Ctrl-C, SIGTERM or SIGKILL stop the whole run,
workers included, leaving no output file half-written, and what was done kept
for the next run to take up."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

RECORD = (
    "The council met on Monday to vote on the bridge. " * 30 + "\nFollow us on Twitter for the latest news.\n"
)


def _source(path: Path, records: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(records):
            out.write(json.dumps({"id": n, "text": f"Story {n}.\n{RECORD}"}) + "\n")
    return path


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *args]


def _batch(*args: str) -> list[str]:
    return _cli("batch", *args)


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as children:
            found += [int(c) for c in children.read().split()]
    return found


def _writing(folder: Path) -> bool:
    """The batch has written some of its output (to its temporary file): the workers run."""
    return any(p.stat().st_size > 0 for p in folder.glob(".out.jsonl.partial"))


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_standard_output_is_written_once_with_two_workers(tmp_path: Path) -> None:
    source = _source(tmp_path / "in.jsonl", 3000)  # several blocks: the workers are started
    assert source.stat().st_size > 3 << 20
    outputs = [
        subprocess.run(_batch(str(source), "-o", "-", "-j", j), capture_output=True, check=True).stdout
        for j in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert len(outputs[1].splitlines()) == 3000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker processes from /proc")
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=lambda s: s.name)
def test_a_signal_stops_the_batch_and_its_workers(tmp_path: Path, signum: int) -> None:
    source = _source(tmp_path / "in.jsonl", 40_000)
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n")
    run = subprocess.Popen(
        _batch(str(source), "-o", str(target), "-j", "2"), stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 60
    # the parent cleans the first block itself before it starts the workers: wait for both
    while run.poll() is None and time.monotonic() < deadline:
        if _writing(tmp_path) and len(_children(run.pid)) == 2:
            break
        time.sleep(0.02)
    workers = _children(run.pid)
    assert len(workers) == 2, "the workers did not start"
    run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert run.returncode == 130, stderr[-500:]
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert target.read_text() == "previous\n"
    assert "run the same command again to go on" in stderr
    kept = [".out.jsonl.partial", ".out.jsonl.resume", "in.jsonl", "out.jsonl"]
    assert sorted(p.name for p in tmp_path.iterdir()) == kept  # no other file
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)


def _start_two_workers(
    source: Path, target: Path, *extra: str, command: str = "batch"
) -> tuple[subprocess.Popen[bytes], list[int]]:
    run = subprocess.Popen(
        _cli(command, str(source), "-o", str(target), "-j", "2", *extra),
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline:
        if len(_children(run.pid)) == 2:
            break
        time.sleep(0.02)
    return run, _children(run.pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker processes from /proc")
@pytest.mark.parametrize("command", ["batch", "learn"])
def test_workers_die_with_a_parent_killed_by_sigkill(tmp_path: Path, command: str) -> None:
    """Nothing is left to stop them: the other worker holds their pipe open, so
    before, both waited for their next block for ever (``learn``'s pool too)."""
    source = _source(tmp_path / "in.jsonl", 40_000)
    run, workers = _start_two_workers(source, tmp_path / "out", command=command)
    assert len(workers) == 2, "the workers did not start"
    run.kill()
    run.wait(timeout=60)
    deadline = time.monotonic() + 20
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
