"""The progress bar of ``batch`` on a terminal, and the messages printed while it is drawn."""

from __future__ import annotations

import io
import re

from cleaner.cli.progress import Progress
from cleaner.io.output import Output


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _screen(raw: str) -> list[str]:
    """The lines a terminal would show: ``\\r`` and erase-line start a line afresh
    (the bar is redrawn whole), colours and cursor codes show nothing."""
    lines = [""]
    for token in re.split(r"(\n|\r|\x1b\[2K|\x1b\[[0-9;?]*[a-zA-Z])", raw):
        if token == "\n":
            lines.append("")
        elif token in ("\r", "\x1b[2K"):
            lines[-1] = ""
        elif not token.startswith("\x1b"):
            lines[-1] += token
    return lines


def test_a_message_goes_above_the_bar_not_onto_its_line() -> None:
    err = _Terminal()
    output = Output(out=io.StringIO(), err=err)
    with Progress(output, 1000) as progress:
        progress.update(records=5, data_bytes=100, position=100)
        output.message("in.jsonl:3: not valid JSON")
        progress.update(records=9, data_bytes=900, position=900)
    screen = _screen(err.getvalue())
    assert "in.jsonl:3: not valid JSON" in screen
    assert "9 records" in screen[screen.index("in.jsonl:3: not valid JSON") + 1]
    assert output.err is err  # messages after the bar go straight to stderr again


def test_no_terminal_no_bar() -> None:
    err = io.StringIO()
    output = Output(out=io.StringIO(), err=err)
    with Progress(output, 1000) as progress:
        progress.update(records=5, data_bytes=100, position=100)
        output.message("in.jsonl:3: not valid JSON")
    assert err.getvalue() == "in.jsonl:3: not valid JSON\n"
