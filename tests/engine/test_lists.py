"""An item of the article's own list is no menu for a rule with keep-data-rows."""

from __future__ import annotations

import textwrap

import pytest

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run
from cleaner.packs.loader import parse_pack

# A rule for menus written with middots, as navigation.menu's: three items or more.
MENU = """
rules:
  - id: t.menu
    drop-line: {regex: '^[^·]+(?: · [^·]+){2,}$'}
"""
GUARDED = MENU + "    keep-data-rows: true\n"
STORY = "The centres open on new days from January, the council said.\n"
END = "Residents can book a slot online.\n"


def _clean(yaml_text: str, text: str) -> str:
    return run(text, RuleSet([parse_pack(textwrap.dedent(yaml_text))]).rules_for(None)).text


@pytest.mark.parametrize("mark", ["- ", "* ", "• ", "\u2013 ", "1. ", "1) "])
def test_two_items_of_one_list_stay_whatever_the_marker(mark: str) -> None:
    second = "2" + mark[1:] if mark[0] == "1" else mark
    text = f"{STORY}{mark}Ashford · Mon · Wed · Fri\n{second}Brook Lane · Tue · Thu · Sat\n{END}"
    assert _clean(GUARDED, text) == text
    assert "Ashford" not in _clean(MENU, text)  # the guard is the rule's choice


@pytest.mark.parametrize("mark", ["- ", "* ", "1. "])
def test_a_lone_item_goes(mark: str) -> None:
    text = f"{STORY}{mark}Home · News · Sport · Weather · Contact\n{END}"
    assert _clean(GUARDED, text) == STORY + END


def test_an_item_under_an_introduction_stays_and_under_a_label_goes() -> None:
    introduced = f"{STORY}The one centre left opens on:\n- Millbridge · Sat · Sun\n{END}"
    assert _clean(GUARDED, introduced) == introduced
    labelled = f"{STORY}Quick links:\n- Home · News · Sport\n{END}"  # a label, not an introduction
    assert _clean(GUARDED, labelled) == f"{STORY}Quick links:\n{END}"


def test_an_item_the_rules_menus_name_goes_under_an_introduction() -> None:
    """ "Explore more from the Gazette:" over "- Home · News · Sport" introduces a menu
    of the site's own pages (QA round S, S11)."""
    pack = MENU + "    keep-data-rows: {menus: {regex: '(?:^- |· )Home(?: ·|$)'}}\n"
    menu = f"{STORY}Explore more from the Valley Gazette:\n- Home · News · Sport\n{END}"
    assert _clean(pack, menu) == f"{STORY}Explore more from the Valley Gazette:\n{END}"
    introduced = f"{STORY}The one centre left opens on:\n- Millbridge · Sat · Sun\n{END}"
    assert _clean(pack, introduced) == introduced
    two = f"{STORY}- Home · News · Sport\n- Home · Away · Draw\n{END}"  # a list's two items
    assert _clean(pack, two) == two


def test_items_with_other_markers_are_no_list_of_one_another() -> None:
    text = f"{STORY}- Home · News · Sport\n* About · Contact · Jobs\n{END}"
    assert _clean(GUARDED, text) == STORY + END


def test_a_blank_line_does_not_part_a_list() -> None:
    text = f"{STORY}* Ashford · Mon · Wed · Fri\n\n* Brook Lane · Tue · Thu · Sat\n{END}"
    assert _clean(GUARDED, text) == text


def test_an_item_another_rule_takes_is_no_neighbour_and_cleaning_stays_idempotent() -> None:
    pack = GUARDED + "  - id: t.social\n    drop-line: {contains: Facebook}\n"
    text = f"{STORY}- Home · News · Sport\n- Facebook · Twitter · Email\n{END}"
    once = _clean(pack, text)
    assert once == STORY + END
    assert _clean(pack, once) == once


def test_an_introduction_another_rule_takes_introduces_nothing() -> None:
    pack = GUARDED + "  - id: t.share\n    drop-line: {prefix: Share this article}\n"
    text = f"{STORY}Share this article with friends:\n- Home · News · Sport\n{END}"
    assert _clean(pack, text) == STORY + END
