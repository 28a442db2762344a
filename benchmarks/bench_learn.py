"""Benchmark ``cleaner learn`` against ``cleaner batch`` on the same corpus, one worker.

    python benchmarks/bench_learn.py                     # 20,000 documents of ~8 KB
    python benchmarks/bench_learn.py --docs 5000 --sites 500

Generates the stream of ``bench_batch.py`` (article-like records), spreading its
pages over ``--sites`` sites, then runs the real ``cleaner learn`` and ``cleaner
batch`` once each with ``--workers 1`` (best of ``--rounds``, taken in turn) and
prints documents/s, MB/s, CPU seconds and peak resident memory of each, and the
ratio learn/batch in wall and in CPU time (the issue's target: learning at least half as fast as batch).
A script, not a test: it exits 0 whatever the figures are, unless a run fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import TreeSampler, generate


def _spread(path: Path, sites: int) -> None:
    """Give record n the site n % sites (bench_batch's five sites would be five packs)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    with path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(lines):
            out.write(line.replace('"url": "https://', f'"url": "https://site{n % sites}-', 1) + "\n")


def _run(command: list[str], cwd: Path) -> dict[str, float]:
    load = os.getloadavg()[0]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(proc.pid) as sampler:
        _, stderr = proc.communicate()
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(command[3:5])} failed ({proc.returncode}):\n{stderr.decode()}")
    return {
        "seconds": seconds,
        "cpu": sum(sampler.cpu.values()),
        "peak_mb": sampler.peak_process / 1e6,
        "load": load,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=20_000)
    ap.add_argument("--size", type=int, default=8000, help="characters of text per document")
    ap.add_argument("--sites", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "in.jsonl"
        generate(source, a.docs, a.size, a.seed)
        _spread(source, a.sites)
        mb = source.stat().st_size / 1e6
        python = [sys.executable, "-m", "cleaner"]
        commands = {
            "learn": [*python, "learn", str(source), "-o", str(folder / "packs"), "--workers", "1"],
            "batch": [*python, "batch", str(source), "-o", str(folder / "out.jsonl"), "--workers", "1"],
        }
        best: dict[str, dict[str, float]] = {}
        for _ in range(a.rounds):
            for name, command in commands.items():
                figures = _run(command, folder)
                if name not in best or figures["seconds"] < best[name]["seconds"]:
                    best[name] = figures
        packs = len(list((folder / "packs").glob("*.yaml")))
    print(f"{a.docs:,} documents, {mb:.0f} MB of JSONL, {a.sites} sites ({packs} packs learned), one worker")
    for name, f in best.items():
        print(
            f"  {name:5}  {a.docs / f['seconds']:8,.0f} docs/s  {mb / f['seconds']:6.1f} MB/s  "
            f"cpu {f['cpu']:6.1f} s  peak {f['peak_mb']:6.0f} MB  (load {f['load']:.1f})"
        )
    wall = best["batch"]["seconds"] / best["learn"]["seconds"]
    cpu = best["batch"]["cpu"] / best["learn"]["cpu"]
    print(
        f"  learn runs at {wall:.2f}x the speed of batch (wall), {cpu:.2f}x (CPU time: load does not count)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
