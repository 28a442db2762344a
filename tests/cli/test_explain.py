"""``--explain`` lines (``cleaner/cli/explain.py``), seen through ``cleaner clean``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli.main import app


def test_control_characters_in_removed_text_are_shown_escaped_never_sent_to_the_terminal(
    tmp_path: Path,
) -> None:
    page = tmp_path / "esc\x1b[31m.txt"
    page.write_text("Story.\nFollow us on Twitter \x1b]0;owned\x07 \x9b2J\u2028x\tend\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(page), "--explain"])
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{tmp_path}/esc\\x1b[31m.txt:2:1: social.follow-us (")
    assert line.endswith(r"drop: Follow us on Twitter \x1b]0;owned\x07 \x9b2J\u2028x" + "\tend")


def test_a_lone_separator_is_explained_by_the_rule_that_took_its_row_and_its_guard_is_named(
    tmp_path: Path,
) -> None:
    page = tmp_path / "footer.txt"
    page.write_text(
        "The parish council agreed to repair the bus shelter before Easter.\n"
        "| Copyright © 2008 Example Herald. All rights reserved. |\n|---|\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["clean", str(page), "--explain"])
    assert result.exit_code == 0
    assert result.stdout == "The parish council agreed to repair the bus shelter before Easter.\n"
    row, separator = result.stderr.splitlines()
    guard = "drop (keep-data-rows: no table's data, no list's item)"
    assert row.startswith(f"{page}:2:1: navigation.footer (") and row.endswith(
        f"{guard}: | Copyright © 2008 Example Herald. All rights reserved. |"
    )
    assert separator.startswith(f"{page}:3:1: navigation.footer (") and separator.endswith(f"{guard}: |---|")


def test_bidirectional_controls_are_escaped_but_text_s_other_format_characters_are_not(
    tmp_path: Path,
) -> None:
    """An override or isolate (U+202E, U+2066...) written raw would make a terminal show
    the line reordered ("Trojan Source"); soft hyphens, RLM and ZWJ are parts of text."""
    page = tmp_path / "rtl\u202e.txt"
    bidi, text = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069", "Bundes\xadliga \u200f 👩\u200d💻"
    page.write_text(f"Story.\nFollow us on Twitter {bidi} {text}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["clean", str(page), "--explain"])
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{tmp_path}/rtl\\u202e.txt:2:1: social.follow-us (")
    escaped = r"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    assert line.endswith(f"drop: Follow us on Twitter {escaped} {text}")
