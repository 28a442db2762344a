"""The Python API: what ``Cleaner.run_html`` reports of the nodes it prunes."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.packs.model import Action, Matcher, Pack, Rule

ARTICLE = "".join(
    f"<p>{sentence} The council met again on Tuesday to agree the budget for the year.</p>"
    for sentence in ("First.", "Second.", "Third.")
)
PAGE = (
    f"<html><body><article><h1>Budget agreed</h1>{ARTICLE}<p>Follow us on Twitter</p></article>"
    '<div class="share">Share this article</div><nav>Home News Sport</nav></body></html>'
)
RULES = (
    Rule("t.share", Action.PRUNE, selectors=(".share",)),
    Rule("t.nav", Action.PRUNE, selectors=("nav", "footer")),
    Rule("t.follow", Action.DROP_LINE, matcher=Matcher("line", ("Follow us on Twitter",))),
)


def test_run_html_names_the_prune_rule_of_every_node_it_removed() -> None:
    result = Cleaner([Pack("t", RULES)], defaults=False).run_html(PAGE)
    assert "Share this" not in result.text and "Home News" not in result.text
    assert [(r.rule_id, r.pruned, r.line, r.text, r.end) for r in result.removals] == [
        ("t.share", True, 0, "Share this article", 18),
        ("t.nav", True, 0, "Home News Sport", 15),
        ("t.follow", False, 5, "Follow us on Twitter", 20),
    ]
    assert result.changed
    assert result.words_lost < 0.2  # the body's loss: pruned nodes were never body


def test_run_html_without_prune_rules_reports_only_text_removals() -> None:
    result = Cleaner([Pack("t", RULES[2:])], defaults=False).run_html(PAGE)
    assert [r.rule_id for r in result.removals] == ["t.follow"]
