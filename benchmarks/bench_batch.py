"""Benchmark ``cleaner batch``: a generated stream of article-like records, 1 and 2 workers.

    python benchmarks/bench_batch.py                    # 50,000 documents of ~8 KB
    python benchmarks/bench_batch.py --docs 5000 --workers 1 2 4

Generates a JSONL stream (id, url, title, text) of news-like articles, some with the
boilerplate the default packs remove (promo and social lines, "MORE:" links, newsletter
calls, gallery counters, "Related Articles" tails), then runs the real ``cleaner batch``
command once per worker count and prints documents/s, MB/s (of JSONL input), the peak
resident memory of the largest process (parent or worker: its VmHWM) and of the whole
process tree (sampled from /proc every 0.1 s), the load average around the run (other people
share the machine), the CPU time of the parent and its workers and the cores it kept busy
on average (CPU time / wall time: below the worker count, other processes had the cores),
and whether every run wrote the same bytes. ``--rounds`` repeats the runs in turn, so that
a change of load hits every worker count alike.
A script, not a test: it exits 0 whatever the figures are, unless a run fails or the
outputs differ.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

# A newsroom vocabulary; sentences are drawn from it at random.
VOCABULARY = (
    "the council said on monday that plans for the new bridge would go ahead after months of "
    "talks with residents who feared traffic and noise in the old town while officials argued "
    "that the project would bring jobs money and visitors to a region that has struggled since "
    "the factory closed police were called to the scene shortly after midnight and a spokesman "
    "confirmed that two people had been taken to hospital with minor injuries the minister told "
    "reporters that the government remained committed to its targets despite rising costs and "
    "a difficult winter for households across the country according to figures published by "
    "the office for national statistics inflation fell for the third month in a row"
)
WORDS = VOCABULARY.split()
PROMOS = (
    "Got a story? Get in touch with our news team by emailing us at newsdesk@example.com.",
    "For more stories like this, check our news page.",
    "Follow us on Twitter for the latest updates.",
    "Sign up for our daily newsletter to get the best stories in your inbox.",
    "MORE: Council approves new budget after late-night vote",
    "READ MORE: Police appeal for witnesses after crash on bypass",
    "Sign up for our daily push alerts here.",
)
SITES = ("metro.co.uk", "thesun.co.uk", "example-news.com", "localpaper.org", "daily8.app")


def _sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 28))
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _paragraph(rng: random.Random) -> str:
    text = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
    if rng.random() < 0.05:  # image-gallery residue inside a paragraph
        text += f" {rng.randint(2, 9)} " * 3
    return text


def _article(rng: random.Random, size: int) -> str:
    paragraphs: list[str] = []
    while sum(len(p) + 2 for p in paragraphs) < size:
        paragraphs.append(_paragraph(rng))
        if rng.random() < 0.08:
            paragraphs.append(rng.choice(PROMOS))
    if rng.random() < 0.5:
        paragraphs.append(rng.choice(PROMOS))
    if rng.random() < 0.25:
        paragraphs += ["Related Articles", *(_sentence(rng) for _ in range(4))]
    return "\n\n".join(paragraphs) + "\n"


def generate(path: Path, docs: int, size: int, seed: int) -> int:
    """Write ``docs`` records to ``path``; returns its size in bytes."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(docs):
            site = rng.choice(SITES)
            record = {
                "id": f"doc-{i:07d}",
                "url": f"https://{site}/news/{2025 - i % 3}/{i}",
                "title": _sentence(rng),
                "text": _article(rng, size),
                "lang": "en",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path.stat().st_size


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (the workers are children of the forkserver,
    itself a child of ``cleaner``), from /proc."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except OSError:
            continue
    return found


def _process(pid: int) -> tuple[int, int, float] | None:
    """Resident bytes now, peak resident bytes (VmHWM) and CPU seconds of one process."""
    try:
        with open(f"/proc/{pid}/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        with open(f"/proc/{pid}/stat") as stat:
            ticks = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    if "VmRSS" not in fields:  # a zombie: exited, not yet reaped
        return None
    cpu = (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024, cpu


class TreeSampler:
    """Samples a process tree every 0.1 s: peak of its total RSS, the largest
    per-process peak, and the CPU time of every process seen (last value each)."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_tree = 0
        self.peak_process = 0
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            total = 0
            for pid in _tree(self.pid):
                figures = _process(pid)
                if figures is None:
                    continue
                rss, hwm, cpu = figures
                total += rss
                self.peak_process = max(self.peak_process, hwm)
                self.cpu[pid] = cpu
            self.peak_tree = max(self.peak_tree, total)


def run_batch(source: Path, target: Path, workers: int) -> dict[str, float | str]:
    """Time one ``cleaner batch`` run, sampling its process tree."""
    command = [
        sys.executable,
        "-m",
        "cleaner",
        "batch",
        str(source),
        "-o",
        str(target),
        "--workers",
        str(workers),
    ]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    # cwd: the temporary folder, so that ``-m cleaner`` is the installed package and not
    # whatever ``cleaner/`` folder the caller happens to stand in
    proc = subprocess.Popen(command, cwd=target.parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeSampler(proc.pid) as sampler:
        _, stderr = proc.communicate()
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"cleaner batch --workers {workers} failed ({proc.returncode}):\n{stderr.decode()}")
    return {
        "seconds": elapsed,
        "cpu_seconds": sum(sampler.cpu.values()),
        "peak_process_mb": sampler.peak_process / 1e6,
        "peak_tree_mb": sampler.peak_tree / 1e6,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "summary": stderr.decode().strip().splitlines()[-1],
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


COLUMNS = (
    "workers",
    "seconds",
    "cpu s",
    "cores used",
    "docs/s",
    "MB/s",
    "peak proc MB",
    "peak tree MB",
    "load",
)


def _row(*cells: str) -> str:
    return "  ".join(
        cell.rjust(max(len(name), 8)) for cell, name in zip(cells, (*COLUMNS, "speed-up"), strict=True)
    )


def _figures_row(workers: int, figures: dict[str, float | str], docs: int, size: int, base: float) -> str:
    seconds, cpu = float(figures["seconds"]), float(figures["cpu_seconds"])
    return _row(
        str(workers),
        f"{seconds:.1f}",
        f"{cpu:.1f}",
        f"{cpu / seconds:.2f}",  # below the worker count: other processes had the cores
        f"{docs / seconds:,.0f}",
        f"{size / 1e6 / seconds:.1f}",
        f"{figures['peak_process_mb']:.0f}",
        f"{figures['peak_tree_mb']:.0f}",
        f"{figures['load_before']:.2f}/{figures['load_after']:.2f}",
        f"{base / seconds:.2f}x",
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=50_000, help="documents in the stream (default 50,000)")
    parser.add_argument(
        "--size", type=int, default=8_000, help="characters of text per document (default 8,000)"
    )
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to time")
    parser.add_argument(
        "--rounds", type=int, default=1, help="time every worker count this many times, in turn"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the generated stream here and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        source = args.keep or Path(tmp) / "in.jsonl"
        started = time.perf_counter()
        size = generate(source, args.docs, args.size, args.seed)
        took = time.perf_counter() - started
        print(f"generated {args.docs:,} documents, {size / 1e6:,.1f} MB in {took:.1f} s")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} before the runs\n")
        print(_row(*COLUMNS, "speed-up"))
        digests = set()
        for _ in range(args.rounds):
            base = 0.0
            for workers in args.workers:
                target = Path(tmp) / f"out-{workers}.jsonl"
                figures = run_batch(source, target, workers)
                digests.add(_sha256(target))
                target.unlink()
                base = base or float(figures["seconds"])
                print(_figures_row(workers, figures, args.docs, size, base), flush=True)
        print(f"\nlast run: {figures['summary']}")
        print("outputs identical across worker counts:", "yes" if len(digests) == 1 else "NO")
        return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
