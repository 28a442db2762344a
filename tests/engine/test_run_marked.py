"""``run_plan``'s ``marked`` lines: what an HTML page marks as quoted, code or a term is
no rule's match (cleaner.html.marked tells them)."""

from __future__ import annotations

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run_plan
from cleaner.packs.loader import parse_pack

PACK = """\
rules:
  - id: t.thread
    truncate-at: {line: Leave a Reply}
  - id: t.button
    drop-line: {line: Read more}
  - id: t.oops
    strip: {prefix: "Oops! "}
"""
ARTICLE = [
    "On a fresh install the heading over the comment form reads:",
    "Leave a Reply",
    "You can change it in the theme's template.",
    "Read more",
    "Oops! Try again later.",
    "Oops! Something went wrong while submitting the form.",
    "Read more",
]
TEXT = "\n".join(ARTICLE) + "\n"


def _run(marked: tuple[int, ...]) -> list[str]:
    plan = RuleSet([parse_pack(PACK)]).plan_for(None)
    return run_plan(TEXT, plan, marked=marked).text.splitlines()


def test_a_marked_line_opens_no_cut() -> None:
    assert _run(()) == ARTICLE[:1]
    assert _run((1,)) == [*ARTICLE[:3], "Try again later.", "Something went wrong while submitting the form."]


def test_a_marked_line_is_no_drop_line_or_strip_rules_match_in_every_pass() -> None:
    # the strip on line 4 makes another pass, where the marked lines after line 3
    # (which went) are one line up
    assert _run((1, 5, 6)) == [*ARTICLE[:3], "Try again later.", *ARTICLE[5:]]
