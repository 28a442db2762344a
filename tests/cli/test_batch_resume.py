"""A killed ``cleaner batch`` is taken up by the next run of the same command, which
writes exactly what an uninterrupted run writes: output, errors, audit, statistics."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app
from cleaner.io import jsonl, partial

PACK = """\
rules:
  - id: t.promo
    drop-line: {prefix: "PROMO:"}
"""


def _source(path: Path, records: int, *, seed: int = 7) -> Path:
    rng = random.Random(seed)
    lines = []
    for n in range(records):
        if n % 41 == 5:
            lines.append(b"not json\n")
            continue
        body = "The council met. " * rng.randint(1, 30) + ("\nPROMO: subscribe" if n % 3 else "")
        lines.append((json.dumps({"id": n, "text": body, "x": 1.50}) + "\n").encode())
    data = b"".join(lines)
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def _args(source: Path, out: Path, packs: Path, *extra: str) -> list[str]:
    return [
        "batch", str(source), "-o", str(out), "--errors", str(out) + ".err", "--audit", str(out) + ".audit",
        "--stats-json", str(out) + ".stats", "--no-defaults", "--rules", str(packs), *extra,
    ]  # fmt: skip


def _files(out: Path) -> list[bytes]:
    return [Path(str(out) + suffix).read_bytes() for suffix in ("", ".err", ".audit", ".stats")]


@pytest.fixture
def packs(tmp_path: Path) -> Path:
    path = tmp_path / "t.yaml"
    path.write_text(PACK)
    return path


class _Killed(BaseException):
    """Stands for SIGKILL: nothing of the run's own clean-up is left to run."""


@pytest.mark.parametrize(("name", "out_name"), [("in.jsonl", "out.jsonl"), ("in.jsonl.gz", "out.jsonl.gz")])
def test_a_run_killed_after_any_block_is_finished_by_the_next_as_if_never_killed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packs: Path, name: str, out_name: str
) -> None:
    """Killed between writing a block and recording it, the partial files hold more
    than the checkpoint says: the rerun cuts them back."""
    monkeypatch.setattr(jsonl, "BLOCK", 512)
    source = _source(tmp_path / name, 300)
    reference = tmp_path / "ref" / out_name
    reference.parent.mkdir()
    assert CliRunner().invoke(app, _args(source, reference, packs)).exit_code == 1
    expected = _files(reference)
    blocks = 0
    save = partial.Checkpoint.save

    def dies_after(limit: int):
        def saving(self: partial.Checkpoint, state: dict) -> None:
            nonlocal blocks
            blocks += 1
            if blocks > limit:
                raise _Killed
            save(self, state)

        return saving

    out = tmp_path / out_name
    for limit in range(0, 200, 7):
        blocks = 0
        monkeypatch.setattr(partial.Checkpoint, "save", dies_after(limit))
        try:
            result = CliRunner().invoke(app, _args(source, out, packs))
        except _Killed:
            assert not out.exists()
            continue
        break
    else:
        pytest.fail("the run never finished")
    assert result.exit_code == 1
    assert "going on from line" in result.stderr
    assert _files(out) == expected
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def _killed_after(blocks: int, args: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Run ``args`` until it has recorded ``blocks`` blocks, then kill it."""
    save = partial.Checkpoint.save
    saved = 0

    def saving(self: partial.Checkpoint, state: dict) -> None:
        nonlocal saved
        save(self, state)
        saved += 1
        if saved == blocks:
            raise _Killed

    with monkeypatch.context() as patch:
        patch.setattr(partial.Checkpoint, "save", saving)
        with pytest.raises(_Killed):
            CliRunner().invoke(app, args, catch_exceptions=False)


def _killed_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packs: Path) -> tuple[Path, Path, Path]:
    """A batch run to its end (the reference output), and the same batch killed after 5
    blocks of 512 bytes: (input, reference, output)."""
    monkeypatch.setattr(jsonl, "BLOCK", 512)
    source = _source(tmp_path / "in.jsonl", 300)
    reference = tmp_path / "ref" / "out.jsonl"
    reference.parent.mkdir()
    CliRunner().invoke(app, _args(source, reference, packs))
    out = tmp_path / "out.jsonl"
    _killed_after(5, _args(source, out, packs), monkeypatch)
    return source, reference, out


@pytest.mark.parametrize("resaved", [False, True], ids=["edited", "resaved"])
def test_a_checkpoint_whose_offset_was_damaged_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packs: Path, resaved: bool
) -> None:
    """The offset moved 50 bytes on, into a record: edited by hand (its checksum no longer
    holds), or saved again with it, as a bug would (it no longer falls at a line start)."""
    source, reference, out = _killed_run(tmp_path, monkeypatch, packs)
    checkpoint = partial.Checkpoint(out)
    state = json.loads(checkpoint.path.read_bytes())
    state["offset"] += 50
    if resaved:
        del state["sha256"]
        checkpoint.save(state)
    else:
        checkpoint.path.write_text(json.dumps(state))
    result = CliRunner().invoke(app, _args(source, out, packs))
    damaged = (
        f"is damaged: byte {state['offset']} of the input starts no line"
        if resaved
        else "cannot be read or is damaged"
    )
    assert f"not taken up (its checkpoint .out.jsonl.resume {damaged}); starting over" in result.stderr
    assert "going on" not in result.stderr
    assert _files(out) == _files(reference)


def test_a_partial_file_changed_since_its_checkpoint_is_not_taken_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packs: Path
) -> None:
    """One byte of the output written so far changed after the run was killed (a tool, a
    damaged disk): going on would put it in the finished output."""
    source, reference, out = _killed_run(tmp_path, monkeypatch, packs)
    written = tmp_path / ".out.jsonl.partial"
    data = bytearray(written.read_bytes())
    data[10] ^= 0x20  # a letter's case
    written.write_bytes(bytes(data))
    result = CliRunner().invoke(app, _args(source, out, packs))
    assert "were changed since); starting over" in result.stderr
    assert _files(out) == _files(reference)


def test_another_input_or_other_options_start_over(tmp_path: Path, packs: Path) -> None:
    source = _source(tmp_path / "in.jsonl", 50)
    out = tmp_path / "out.jsonl"
    partial.Checkpoint(out).save({"version": 1, "digest": "another run", "offset": 10})
    (tmp_path / ".out.jsonl.partial").write_bytes(b"junk\n")
    result = CliRunner().invoke(app, _args(source, out, packs))
    assert "not taken up (its input, options or packs differ); starting over" in result.stderr
    assert b"junk" not in out.read_bytes() and len(out.read_bytes().splitlines()) == 48


def test_a_second_run_on_the_same_output_is_refused_while_the_first_writes(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    first = partial.Partial(out)
    try:
        with pytest.raises(Exception, match="is being written by another run"):
            partial.Partial(out)
    finally:
        first.close()


def _checkpoint_offset(out: Path) -> int:
    state = partial.Checkpoint(out).load()
    return int(state["offset"]) if state else 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL and fork")
def test_two_workers_killed_at_random_points_many_times_then_finished(tmp_path: Path, packs: Path) -> None:
    """The real thing: ``cleaner batch -j 2`` killed with SIGKILL several times in a
    row at random block counts, then run to the end."""
    source = _source(tmp_path / "in.jsonl", 30_000)  # about 8 blocks
    size = source.stat().st_size
    reference = tmp_path / "ref" / "out.jsonl"
    reference.parent.mkdir()
    command = [sys.executable, "-m", "cleaner"]
    subprocess.run([*command, *_args(source, reference, packs, "-j", "2")], capture_output=True, check=False)
    out = tmp_path / "out.jsonl"
    rng = random.Random(21)
    for _ in range(4):
        goal = rng.randrange(size)
        run = subprocess.Popen([*command, *_args(source, out, packs, "-j", "2")], stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while run.poll() is None and _checkpoint_offset(out) < goal and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(run.pid, signal.SIGKILL)
        run.wait()
    subprocess.run([*command, *_args(source, out, packs, "-j", "2")], capture_output=True, check=False)
    assert _files(out) == _files(reference)
