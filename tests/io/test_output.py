"""Standard output and the devices a run writes to as it goes, through the real
``cleaner`` in a process of its own: a full disk behind them, a stdout closed from the
start, a reader that goes away; and what messages show of a name or a text."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

from cleaner.io.output import Output

PACK = "rules:\n  - id: t.promo\n    drop-line: {prefix: 'PROMO:'}\n"
FULL = Path("/dev/full")
needs_full = pytest.mark.skipif(not FULL.is_char_device(), reason="no /dev/full here")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    pack = tmp_path / "t.yaml"
    pack.write_text(PACK)
    page = tmp_path / "a.txt"
    page.write_text("The council met.\nPROMO: subscribe\n")
    records = tmp_path / "in.jsonl"
    records.write_text(_records(20))
    return {"pack": pack, "page": page, "records": records, "out": tmp_path / "out.jsonl"}


def _records(count: int) -> str:
    return "".join(f'{{"id":{n},"text":"Body {n}.\\nPROMO: x\\n"}}\n' for n in range(count))


def _cleaner(args: list[object], pack: Path, **kwargs) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "cleaner", *map(str, args), "--no-defaults", "--rules", str(pack)]
    return subprocess.run(command, stderr=subprocess.PIPE, **kwargs)


def _into_full(args: list[object], pack: Path) -> subprocess.CompletedProcess[bytes]:
    with FULL.open("wb") as full:
        return _cleaner(args, pack, stdout=full)


@needs_full
@pytest.mark.parametrize(
    "args",
    [["clean", "{page}"], ["clean", "--diff", "{page}"], ["batch", "{records}", "-o", "-"]],
    ids=["clean", "diff", "batch"],
)
def test_stdout_on_a_full_disk_is_one_error_naming_it(files: dict[str, Path], args: list[str]) -> None:
    done = _into_full([arg.format(**files) for arg in args], files["pack"])
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "error: <stdout>: cannot write (No space left on device)" in stderr
    assert stderr.count("error:") == 1 and "Traceback" not in stderr


@needs_full
@pytest.mark.parametrize("option", ["-o", "--audit", "--errors"])
def test_a_device_output_on_a_full_disk_is_one_error_naming_it(files: dict[str, Path], option: str) -> None:
    bad = files["records"].parent / "bad.jsonl"
    bad.write_text('{"id":1,"text":"PROMO: y\\n"}\nnot json\n')
    other = {"-o": [], "--audit": ["-o", files["out"]], "--errors": ["-o", files["out"]]}[option]
    done = _cleaner(["batch", bad, option, FULL, *other], files["pack"], stdout=subprocess.DEVNULL)
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    assert "error: /dev/full: cannot write (No space left on device)" in stderr
    assert "Traceback" not in stderr
    assert not files["out"].exists()  # the run stopped: its output is not half there


def _closed_stdout(args: list[object], pack: Path) -> subprocess.CompletedProcess[bytes]:
    """The command run as ``cleaner ARGS >&-``."""
    return _cleaner(args, pack, stdout=subprocess.DEVNULL, preexec_fn=lambda: os.close(1))


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_a_batch_into_a_closed_stdout_is_refused_before_it_starts(
    files: dict[str, Path], target: str
) -> None:
    done = _closed_stdout(["batch", files["records"], "-o", target], files["pack"])
    stderr = done.stderr.decode()
    assert done.returncode == 2, stderr
    closed = {"-": "<stdout>: cannot write (it is closed)", "/dev/stdout": "(standard output is closed)"}
    assert closed[target] in stderr
    assert "cleaned" not in stderr  # no summary of records that went nowhere


def test_printing_into_a_closed_stdout_is_an_error(files: dict[str, Path]) -> None:
    done = _closed_stdout(["clean", files["page"]], files["pack"])
    assert done.returncode == 2
    assert "error: <stdout>: cannot write (it is closed); nothing was written" in done.stderr.decode()


def test_a_closed_stdout_does_not_matter_to_a_run_that_writes_files(files: dict[str, Path]) -> None:
    done = _closed_stdout(["batch", files["records"], "-o", files["out"]], files["pack"])
    assert done.returncode == 0, done.stderr
    assert files["out"].read_text().splitlines()[0] == '{"id":0,"text":"Body 0.\\n"}'
    check = _closed_stdout(["clean", "--check", files["page"]], files["pack"])
    assert check.returncode == 1  # would change


def _head_1(files: dict[str, Path], args: list[object]) -> tuple[int, str]:
    """Run cleaner into a pipe whose reader leaves after the first line, as `| head -1` does."""
    files["records"].write_text(_records(40000))  # more than a pipe holds
    command = [sys.executable, "-m", "cleaner", *map(str, args), "--no-defaults", "--rules", files["pack"]]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline() == b'{"id":0,"text":"Body 0.\\n"}\n'
        process.stdout.close()
        stderr = process.stderr.read()
        return process.wait(), stderr.decode()


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_a_reader_that_leaves_ends_a_batch_quietly(files: dict[str, Path], target: str) -> None:
    assert _head_1(files, ["batch", files["records"], "-o", target]) == (0, "")


@pytest.mark.parametrize("target", ["-", "/dev/stdout"])
def test_a_reader_that_leaves_early_names_the_files_not_written(files: dict[str, Path], target: str) -> None:
    audit, stats = files["out"].with_name("audit.jsonl"), files["out"].with_name("stats.json")
    args = ["batch", files["records"], "-o", target, "--audit", audit, "--stats-json", stats]
    code, stderr = _head_1(files, args)
    assert code == 0
    assert stderr.startswith("note: standard output was closed by its reader; the run stopped there")
    assert f"--audit {audit}" in stderr and f"--stats-json {stats}" in stderr and "not written" in stderr
    assert not audit.exists() and not stats.exists()


def test_messages_show_what_the_terminal_would_act_on_escaped() -> None:
    """A file name (or a document's text in a message) never sends the terminal an
    escape sequence nor reorders its line; the tab, a message's own newline and the
    format characters of ordinary text (soft hyphen, RLM, ZWJ) stay."""
    err = StringIO()
    output = Output(out=StringIO(), err=err)
    name = "a\x1b]0;owned\x07\u202eb\r.txt"
    output.message(f"would clean {name}")
    output.error(f"{name}: first line\n  second\tline")
    output.warning("Bundes\xadliga \u200f \U0001f469\u200d\U0001f4bb \u2066x\u2069")
    assert err.getvalue().splitlines() == [
        r"would clean a\x1b]0;owned\x07\u202eb\x0d.txt",
        r"error: a\x1b]0;owned\x07\u202eb\x0d.txt: first line",
        "  second\tline",
        "warning: Bundes\xadliga \u200f \U0001f469\u200d\U0001f4bb \\u2066x\\u2069",
    ]
