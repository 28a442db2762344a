"""Fault injection: SIGKILL a 2-worker ``cleaner batch`` at random points, finish it
with a second run, and check that the files equal those of an uninterrupted run.

A script, not a test (it takes a minute or two). Each trial starts from nothing,
kills the run once the checkpoint says it is past a random point of the input
(or, for a point before the first checkpoint, at a random moment after start),
reruns the same command to the end, and compares output, errors, audit and
statistics with the reference byte for byte. Peak memory is the largest resident
size (VmHWM) seen in any process of a run's tree, sampled from /proc.

    .venv/bin/python benchmarks/fault_resume.py                  # 20 trials
    .venv/bin/python benchmarks/fault_resume.py --trials 5 --docs 4000 --gzip
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import _process, _tree, generate


def _command(source: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "cleaner", "batch", str(source), "-o", str(out), "-j", "2",
        "--errors", f"{out}.err", "--audit", f"{out}.audit", "--stats-json", f"{out}.stats",
    ]  # fmt: skip


def _files(out: Path) -> list[bytes]:
    return [Path(f"{out}{suffix}").read_bytes() for suffix in ("", ".err", ".audit", ".stats")]


class _Peak:
    """The largest VmHWM of any process in the tree of ``pid``, sampled until it ends."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while _process(self.pid) is not None:
            for pid in _tree(self.pid):
                seen = _process(pid)
                if seen is not None:
                    self.peak = max(self.peak, seen[1])
            time.sleep(0.02)

    def stop(self) -> int:
        self._thread.join(timeout=5)
        return self.peak


def _run(command: list[str]) -> tuple[float, int, int]:
    """Seconds, exit code and peak memory of one run to the end."""
    start = time.monotonic()
    run = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    peak = _Peak(run.pid)
    code = run.wait()
    return time.monotonic() - start, code, peak.stop()


def _offset(out: Path) -> int:
    try:
        return int(json.loads((out.parent / f".{out.name}.resume").read_bytes())["offset"])
    except (OSError, ValueError, KeyError):
        return 0


def _kill_at(command: list[str], out: Path, goal: int, seconds: float) -> tuple[int, int]:
    """Start the run, SIGKILL it past ``goal`` bytes (or after ``seconds`` when the goal
    is 0); the checkpoint's offset when it died, and its peak memory."""
    run = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    peak = _Peak(run.pid)
    deadline = time.monotonic() + (seconds if goal == 0 else 600)
    while run.poll() is None and time.monotonic() < deadline and (goal == 0 or _offset(out) < goal):
        time.sleep(0.002)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    return _offset(out), peak.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--docs", type=int, default=12_000, help="records of ~8 KB (default: ~100 MB)")
    parser.add_argument("--seed", type=int, default=21)
    parser.add_argument("--gzip", action="store_true", help="gzip the input and the output")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        source = work / "in.jsonl"
        size = generate(source, args.docs, 8000, args.seed)
        suffix = ".gz" if args.gzip else ""
        if args.gzip:
            subprocess.run(["gzip", str(source)], check=True)
            source = work / "in.jsonl.gz"
        reference = work / f"ref.jsonl{suffix}"
        seconds, code, peak = _run(_command(source, reference))
        print(f"input: {args.docs} records, {size / 1e6:.0f} MB{' (gzip)' if args.gzip else ''}")
        print(f"uninterrupted: {seconds:.1f} s, exit {code}, peak {peak / 1e6:.0f} MB")
        expected = _files(reference)
        passed, resumes, peaks = 0, [], [peak]
        for trial in range(1, args.trials + 1):
            out = work / f"out{trial}.jsonl{suffix}"
            goal = 0 if trial == 1 else rng.randrange(size)  # trial 1 dies before its first checkpoint
            died_at, peak = _kill_at(_command(source, out), out, goal, rng.uniform(0.05, 0.5))
            seconds, code, resumed_peak = _run(_command(source, out))
            same = out.exists() and _files(out) == expected
            passed += same
            resumes.append(seconds)
            peaks += [peak, resumed_peak]
            print(
                f"trial {trial:2d}: killed at {died_at / 1e6:6.1f} MB of {size / 1e6:.0f}, "
                f"finished in {seconds:5.1f} s, exit {code}, {'same' if same else 'DIFFERENT'}"
            )
            for path in work.glob(f"*out{trial}.jsonl*"):
                path.unlink()
        print(
            f"{passed}/{args.trials} trials wrote exactly the uninterrupted run's files; "
            f"resumed runs {min(resumes):.1f}-{max(resumes):.1f} s; peak memory {max(peaks) / 1e6:.0f} MB"
        )
        return 0 if passed == args.trials else 1


if __name__ == "__main__":
    sys.exit(main())
