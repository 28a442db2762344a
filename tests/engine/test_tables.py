"""A markdown table's header row and its separator line are no rule's match."""

from __future__ import annotations

import textwrap

import pytest

from cleaner.engine.compiler import RuleSet
from cleaner.engine.lines import lines_of
from cleaner.engine.run import run
from cleaner.engine.tables import DataRows, bare_width, heads_table, is_separator
from cleaner.packs.loader import parse_pack


def _clean(yaml_text: str, text: str) -> str:
    return run(text, RuleSet([parse_pack(textwrap.dedent(yaml_text))]).rules_for(None)).text


@pytest.mark.parametrize(
    "line",
    [
        "|---|---|---|",  # trafilatura writes them so
        "|---|",  # a table of one column
        "| --- | --- |",
        "|:---|:---:|---:|",  # alignment
        "---|---",  # no pipes at the edges
        "  | - |  ",
        "|\t---\t|",
    ],
)
def test_separator_lines(line: str) -> None:
    assert is_separator(line)


@pytest.mark.parametrize(
    "line",
    [
        "---",  # a rule, or a heading's underline
        "- |",  # trafilatura's list item of an empty cell
        "|",
        "| |",
        "|---|x|",
        "|--- ---|",
        "| Print | Email |",
        "-- said the minister | she added",
        "",
    ],
)
def test_not_separator_lines(line: str) -> None:
    assert not is_separator(line)


def test_a_separator_check_reads_a_long_line_once() -> None:
    """No backtracking: a megabyte of spaces and pipes is answered at once (a
    pattern that backtracks would take minutes here)."""
    assert not is_separator("|" + " " * 1_000_000 + "-x|")
    assert not is_separator("| " * 500_000)


def test_the_header_and_its_separator_head_a_table_and_the_rows_do_not() -> None:
    lines = lines_of("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n")
    assert [heads_table(lines, i) for i in range(len(lines))] == [False, True, True, False, False]
    # a separator under a line with no "|" is no table's
    assert not heads_table(lines_of("Intro.\n|---|\n"), 1)


@pytest.mark.parametrize(
    "row", ["| Copyright 2008 The Example Herald. All rights reserved. |", "| Subscribe |  |"]
)
def test_a_one_cell_row_over_a_separator_is_a_layout_box_not_a_header(row: str) -> None:
    # trafilatura writes a separator under the first row of every table, layout tables too
    lines = lines_of(f"Story.\n{row}\n|---|\n")
    assert [heads_table(lines, i) for i in range(len(lines))] == [False, False, False]


PAGE_TOOLS = """
rules:
  - id: t.tools
    drop-line: {regex: '^\\|( *(Print|Email|RSS|Share) *\\|)+ *$'}
"""
TABLE = "Readers by channel, the paper said.\n| Print | Email | RSS |\n|---|---|---|\n| 12% | 30% | 3% |\n"


def test_a_drop_line_rule_leaves_a_tables_header_row() -> None:
    assert _clean(PAGE_TOOLS, TABLE) == TABLE


def test_the_same_row_with_no_separator_under_it_goes() -> None:
    assert _clean(PAGE_TOOLS, "Story.\n| Print | Email | RSS |\nMore story.\n") == "Story.\nMore story.\n"


def test_a_strip_rule_cuts_nothing_out_of_a_header_row() -> None:
    rules = "rules:\n  - id: t.s\n    strip: {contains: ' RSS |'}\n"
    assert _clean(rules, TABLE) == TABLE
    assert _clean(rules, "| Print | Email | RSS |\nStory.\n") == "| Print | Email |\nStory.\n"


def test_no_rule_drops_the_separator_under_a_header() -> None:
    rules = "rules:\n  - id: t.sep\n    drop-line: {regex: '^\\|-'}\n"
    assert _clean(rules, TABLE) == TABLE
    assert _clean(rules, "Story.\n\n|---|\nMore.\n") == "Story.\n\nMore.\n"  # an orphan goes


def test_a_header_row_at_an_edge_ends_the_run_an_edge_rule_takes() -> None:
    rules = "rules:\n  - id: t.h\n    drop-line: {regex: '\\|'}\n    position: head\n"
    assert _clean(rules, "| Share |\n| Print | Email |\n|---|---|\n| 1 | 2 |\n") == (
        "| Print | Email |\n|---|---|\n| 1 | 2 |\n"
    )


def test_a_header_row_is_no_cut_marker_but_a_cut_from_above_takes_the_table_whole() -> None:
    rules = "rules:\n  - id: t.cut\n    truncate-at: {contains: Related}\n"
    table = "| Related stories | Date |\n|---|---|\n| A title | May 3 |\n"
    assert _clean(rules, "Story.\n" + table) == "Story.\n" + table
    assert _clean(rules, "Story.\nRelated\n" + table) == "Story.\n"


def test_a_header_row_is_no_clusters_member_nor_a_blocks_end() -> None:
    cluster = (
        "rules:\n  - id: t.c\n"
        "    truncate-at-cluster: {match: {contains: Reply}, min-lines: 2, within-lines: 3}\n"
    )
    text = "Story.\n| Reply | Count |\n|---|---|\nReply to Jo\n| 1 | 2 |\n"
    assert _clean(cluster, text) == text
    block = (
        "rules:\n  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {contains: End}, max-lines: 9}\n"
    )
    text = "Story.\n[ad]\n| End | Start |\n|---|---|\n| 1 | 2 |\n"
    assert _clean(block, text) == text


# A rule for layout rows, as the navigation pack writes them: a row that starts with an
# empty spacer cell and names a service.
SPACER_ROWS = """
rules:
  - id: t.spacer
    drop-line: {regex: '^\\|  \\| (Subscribe|Newsletter)'}
"""
GUARDED = SPACER_ROWS + "    keep-data-rows: true\n"
# A data table: the row under a rowspan cell starts with an empty cell.
ROWSPAN = (
    "Which groups pay for what, the survey found.\n"
    "| Group | Service | Cost |\n|---|---|---|\n"
    "| Age Concern | Email | Free |\n|  | Newsletter printing | Paid |\n|  | Subscribe button |  |\n"
    "The survey ran all summer.\n"
)


def test_keep_data_rows_leaves_the_rows_under_a_tables_header() -> None:
    assert _clean(GUARDED, ROWSPAN) == ROWSPAN


def test_without_keep_data_rows_no_drop_line_rule_takes_a_row_under_a_tables_header() -> None:
    # the engine's, since QA round R (R7): a row under a table's header is data to every rule
    assert _clean(SPACER_ROWS, ROWSPAN) == ROWSPAN


@pytest.mark.parametrize(
    "table",
    [
        # a layout table: no separator; a one-cell box heads it; a blank line, or a row
        # of another width, after a data table: another table
        "|  | Subscribe |  |\n",
        "| Copyright 2008 Example Daily |  |  |\n|---|---|---|\n|  | Subscribe |  |\n",
        "| Group | Service | Cost |\n|---|---|---|\n| Age Concern | Email | Free |\n\n|  | Subscribe |  |\n",
        "| Group | Cost |\n|---|---|\n| Age Concern | Free |\n|  | Subscribe |  |\n",
    ],
)
def test_keep_data_rows_still_takes_a_layout_row(table: str) -> None:
    assert "Subscribe" not in _clean(GUARDED, "Story.\n" + table + "More story.\n")


def test_data_rows_are_the_rows_under_a_header_up_to_another_table() -> None:
    lines = lines_of(
        "Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 \\| x | 4 |\n| 5 |\n| 6 |\n|---|\n| 8 |\n| 9 | 10 |\n"
    )
    rows = DataRows(lines, bytearray(len(lines)))
    # the header and the separator are no data; a row of another width ends the table,
    # and a one-cell box over a separator heads no data
    assert [i in rows for i in range(len(lines))] == [False] * 3 + [True] * 2 + [False] * 5


def test_a_removed_row_is_passed_over_and_a_removed_header_takes_its_rows_protection() -> None:
    lines = lines_of("Intro.\n| A | B |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n")
    assert 4 in DataRows(lines, bytearray([0, 0, 0, 1, 0]))
    assert 4 not in DataRows(lines, bytearray([0, 1, 1, 0, 0]))


def test_data_rows_of_a_long_table_are_told_in_one_walk() -> None:
    """Every line is looked at once a pass: asking about each of 100,000 rows, bottom
    up as an edge rule does, reads each line once (it was 5 billion reads)."""
    text = "| A | B |\n|---|---|\n" + "|  | x |\n" * 100_000

    class Counted(list[str]):
        reads = 0

        def __getitem__(self, i):  # type: ignore[no-untyped-def, override]
            Counted.reads += 1
            return super().__getitem__(i)

    lines = Counted(text.splitlines())
    rows = DataRows(lines, bytearray(len(lines)))  # type: ignore[arg-type]
    assert all(i in rows for i in range(len(lines) - 1, 1, -1))
    assert Counted.reads < 4 * len(lines)


FOOTER_BOX = """
rules:
  - id: t.footer
    drop-line: {regex: '^\\| Copyright'}
"""


def test_a_separator_goes_with_the_one_cell_row_over_it_in_that_rules_name() -> None:
    text = "Story.\n| Copyright 2008 Example Herald. All rights reserved. |\n|---|\nMore story.\n"
    result = run(text, RuleSet([parse_pack(textwrap.dedent(FOOTER_BOX))]).rules_for(None))
    assert result.text == "Story.\nMore story.\n"
    assert [(r.rule_id, r.line, r.text) for r in result.removals] == [
        ("t.footer", 2, "| Copyright 2008 Example Herald. All rights reserved. |"),
        ("t.footer", 3, "|---|"),
    ]
    assert _clean(FOOTER_BOX, result.text) == result.text


@pytest.mark.parametrize(
    "text",
    [
        "Story.\n| Copyright 2008 X |\n|---|\n| A row of the box |\nMore.\n",  # a row of its table is left
        "Story.\n| Print | Email |\n|---|---|\n| Copyright 2008 X |  |\nMore.\n",  # under a header
        "Story.\n|---|\nMore.\n| Copyright 2008 X |\n",  # no row of its went
    ],
)
def test_a_separator_with_a_row_of_its_table_next_to_it_or_none_removed_stays(text: str) -> None:
    assert "|---" in _clean(FOOTER_BOX, text)


def test_a_separator_goes_with_the_row_under_it_when_nothing_else_is_left() -> None:
    assert _clean(FOOTER_BOX, "Story.\n|---|\n| Copyright 2008 X |\nMore.\n") == "Story.\nMore.\n"


def test_a_stack_of_boxes_over_separators_leaves_no_separator() -> None:
    """Two footer boxes, each over its separator: each separator's neighbour is the
    other's, no row with cells; both go (2,000 of them: each is looked at once)."""
    box = "| Copyright 2008 Example Herald. All rights reserved. |\n|---|\n"
    assert _clean(FOOTER_BOX, "Story.\n" + box * 2 + "More.\n") == "Story.\nMore.\n"
    assert _clean(FOOTER_BOX, "Story.\n" + box * 2000) == "Story.\n"


def test_a_lone_separator_that_goes_brings_the_line_above_it_to_the_edge() -> None:
    """Cleaning stays idempotent: the line the separator stood under is now the last
    one, and a tail rule takes it in the same run, not in the next."""
    rules = "rules:\n  - id: t.tail\n    drop-line: {contains: a}\n    position: tail\n"
    text = "Story.\na b\n|---|---|\n| a | b |\n"
    once = _clean(rules, text)
    assert once == "Story.\n"
    assert _clean(rules, once) == once


# A rule for menus written with bare pipes, as navigation.menu's: capitalised items, no
# figure. A row of a table exported as text has the same shape when its cells are words.
BARE_MENU = """
rules:
  - id: t.menu
    drop-line: {regex: '^(?!.*[\\d,])\\p{Lu}[^|]*?(?: \\| \\p{Lu}[^|]*?){2,}$'}
"""
BARE_GUARDED = BARE_MENU + "    keep-data-rows: true\n"
FORECAST = (
    "A dry weekend, then rain.\n"
    "Today | Tonight | Tomorrow\nSunny spells | Clear, frost | Rain later\nMax 7C | Min -3C | Max 9C\n"
    "Rain clears by Tuesday.\n"
)


def test_keep_data_rows_leaves_a_bare_pipe_row_beside_a_row_of_its_width_the_rule_leaves() -> None:
    assert _clean(BARE_GUARDED, FORECAST) == FORECAST
    assert "Today | Tonight" not in _clean(BARE_MENU, FORECAST)  # the guard is the rule's choice


@pytest.mark.parametrize(
    "text",
    [
        "Story.\nHome | News | Sport\nMore story.\n",  # a menu alone
        "Story.\nHome | News | Sport\nAbout | Help | Jobs\nMore story.\n",  # two menus of one width
        "Story.\nHome | News | Sport\nClear, frost | Rain later\nMore story.\n",  # a row of another width
        "Story.\nHome | News | Sport\n\nClear, frost | Rain | Hail\nMore story.\n",  # a blank line between
    ],
)
def test_keep_data_rows_still_takes_a_bare_pipe_menu(text: str) -> None:
    assert "Home | News | Sport" not in _clean(BARE_GUARDED, text)


def test_a_bare_pipe_menu_under_a_tables_last_row_goes_and_the_header_stays() -> None:
    # a row of words heads the data under it; under the last data row it heads nothing
    text = (
        "Opening hours.\nCentre | Opens | Closes\nAshford | 9am | 5pm\nBrook Lane | 8am | 6pm\n"
        "Home | News | Sport\n"
    )
    assert (
        _clean(BARE_GUARDED, text)
        == "Opening hours.\nCentre | Opens | Closes\nAshford | 9am | 5pm\nBrook Lane | 8am | 6pm\n"
    )


def test_a_bare_pipe_row_over_a_row_another_rule_takes_goes() -> None:
    # the row under it must stay, or a second cleaning would take the header it spared
    pack = BARE_GUARDED + "  - id: t.hours\n    drop-line: {contains: 'Ashford |'}\n"
    text = "Opening hours.\nCentre | Opens | Closes\nAshford | 9am | 5pm\nMore story.\n"
    once = _clean(pack, text)
    assert once == "Opening hours.\nMore story.\n"
    assert _clean(pack, once) == once


def test_bare_width_counts_the_cells_of_a_row_written_with_bare_pipes_only() -> None:
    assert [
        bare_width(x) for x in ("Today | Tonight | Tomorrow", "a \\| b | c", "| A | B |", "a|b", "Prose.")
    ] == [
        3,
        2,
        0,
        0,
        0,
    ]
