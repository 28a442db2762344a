"""A fenced code block is no rule's match, and a cut ends where one opens."""

from __future__ import annotations

import textwrap

import pytest

from cleaner.engine.compiler import RuleSet
from cleaner.engine.fences import fences_of
from cleaner.engine.run import run
from cleaner.packs.loader import parse_pack

RULES = """
rules:
  - id: t.follow
    drop-line: {prefix: Follow us on Twitter}
  - id: t.more
    strip: {contains: Read more}
"""
CODE = textwrap.dedent("""\
    To add the widget, paste this into your template:

    ```html
    <div class="cta">
    Follow us on Twitter
    Read more
    </div>
    ```

    Follow us on Twitter
    """)


def _clean(yaml_text: str, text: str) -> str:
    return run(text, RuleSet([parse_pack(textwrap.dedent(yaml_text))]).rules_for(None)).text


def _blocks(text: str) -> list[int]:
    fences = fences_of(text, text.split("\n"))
    return [] if fences is None else [i for i in range(text.count("\n") + 1) if i in fences]


def test_no_rule_takes_a_line_of_a_fenced_block() -> None:
    assert _clean(RULES, CODE) == CODE.removesuffix("\nFollow us on Twitter\n")


def test_tildes_fence_a_block_too_and_a_longer_fence_closes_it() -> None:
    text = "Code:\n~~~\nFollow us on Twitter\n~~~~\n"
    assert _clean(RULES, text) == text


@pytest.mark.parametrize(
    ("text", "fenced"),
    [
        ("a\n```\nb\n```\nc", [1, 2, 3]),
        ("```\nb\n``` not a closing fence\n```", [0, 1, 2, 3]),
        ("````\nb\n```\nc\n````", [0, 1, 2, 3, 4]),  # a shorter fence does not close a longer one
        ("```\nb\n~~~", []),  # the other character does not close it
        ("a\n```\nb", []),  # a fence never closed is no block
        ("    ```\nb\n    ```", []),  # indented four spaces: code of another kind, not a fence
        ("```js `x`\nb\n```", []),  # a backtick in the info string: inline code, not a fence
        ("plain\ntext", []),
    ],
)
def test_which_lines_a_block_holds(text: str, fenced: list[int]) -> None:
    assert _blocks(text) == fenced


def test_a_fence_never_closed_keeps_nothing() -> None:
    text = "Story.\n```\nFollow us on Twitter\n"
    assert _clean(RULES, text) == "Story.\n```\n"


CUT = "rules:\n  - id: t.cut\n    truncate-at: {line: Related Articles}\n"


@pytest.mark.parametrize(
    ("text", "left"),
    [
        (  # the cut ends where the block opens; a marker inside the block is none
            "Story.\nRelated Articles\nA title\n```\nRelated Articles\n```\nAfter the code.\n",
            "Story.\n```\nRelated Articles\n```\nAfter the code.\n",
        ),
        (  # a cut below the block still goes
            "Story.\n```\nx = 1\n```\nMore story.\nRelated Articles\nA title\n",
            "Story.\n```\nx = 1\n```\nMore story.\n",
        ),
    ],
)
def test_a_cut_ends_where_a_fenced_block_opens(text: str, left: str) -> None:
    assert _clean(CUT, text) == left


def test_a_block_does_not_run_through_a_fenced_block() -> None:
    rules = "rules:\n  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {line: '[/ad]'}}\n"
    text = "Story.\n[ad]\nBuy now\n```\nx = 1\n```\n[/ad]\nEnd.\n"
    assert _clean(rules, text) == "Story.\n```\nx = 1\n```\n[/ad]\nEnd.\n"
    inside = "Story.\n[ad]\nBuy now\n```\n[/ad]\n```\nEnd.\n"  # an end inside a block ends nothing
    assert _clean(rules, inside) == inside


THREAD = """
rules:
  - id: t.thread
    truncate-at: {line: 3 Comments}
    stop-at-prose: {lines: 2, words: 30, gap: 0}
  - id: t.reply
    drop-line: {line: Reply}
"""
SNIPPET = "```\ncurl https://data.example.org/bins.csv\n```\n"


def test_a_cut_passes_over_a_block_the_thread_goes_on_under() -> None:
    # QA round S, S6: a reader's snippet in a comment; "Reply" under it, a line a
    # drop-line rule takes, says the thread goes on: the block stays, the thread goes
    thread = f"3 Comments\nAnna Reed\nThis is what I used:\n{SNIPPET}Reply\nTom Hale\nThanks Anna.\nReply\n"
    assert _clean(THREAD, "Story.\n" + thread) == "Story.\n" + SNIPPET
    # under the block, the article's own line: the cut ends where the block opens
    article = f"3 Comments\nAnna Reed\nThis is what I used:\n{SNIPPET}After the code.\nReply\n"
    assert _clean(THREAD, "Story.\n" + article) == f"Story.\n{SNIPPET}After the code.\n"


def test_past_a_block_the_cut_still_ends_where_the_article_resumes() -> None:
    prose = (
        "The council said the data would be published every month from now on, with a map of"
        " the sites, the opening hours of each and the number of visits it counted in the month."
    )
    text = f"Story.\n3 Comments\nAnna Reed\n{SNIPPET}Reply\nTom Hale\n{prose}\n{prose}\n"
    assert _clean(THREAD, text) == f"Story.\n{SNIPPET}{prose}\n{prose}\n"


def test_a_cluster_passes_over_a_block_followed_by_its_member() -> None:
    rules = (
        "rules:\n  - id: t.sig\n    truncate-at-cluster:\n      match: {regex: '^Posted by \\w+$'}\n"
        "      min-lines: 2\n      within-lines: 10\n    stop-at-prose: {lines: 2, words: 30}\n"
    )
    text = f"Story.\nPosted by ann\nMy snippet:\n{SNIPPET}Posted by tom\nNice.\n"
    assert _clean(rules, text) == "Story.\n" + SNIPPET
