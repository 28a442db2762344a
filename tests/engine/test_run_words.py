"""Word counts (``words_lost``, ``--max-loss``): runs of ``\\S`` as the ``regex`` package
sees them, however they are counted."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner.api import default_cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import _SPACE_ONLY_TO_PYTHON, count_words, run
from cleaner.packs.model import Action, Matcher, Pack, Rule
from tests.strategies import documents


def test_python_and_regex_disagree_on_whitespace_only_where_the_engine_knows() -> None:
    space = regex.compile(r"\s")
    differ = {
        chr(c)
        for c in range(0x110000)
        if not 0xD800 <= c <= 0xDFFF and chr(c).isspace() != bool(space.match(chr(c)))
    }
    assert differ == set(_SPACE_ONLY_TO_PYTHON)


@given(st.text(alphabet=" a\t\n\x1c\x1f\x85\xa0\u2028\u3000b.", max_size=40))
def test_count_is_the_number_of_runs_of_non_space(text: str) -> None:
    assert count_words(text) == len(regex.findall(r"\S+", text))
    assert count_words(text, 2) == min(len(regex.findall(r"\S+", text)), 3)


def _truncating_rules(min_words: int) -> tuple:
    rule = Rule(
        id="t.cut",
        action=Action.TRUNCATE_AT,
        matcher=Matcher("line", ("CUT",)),
        min_words_before=min_words,
    )
    return RuleSet([Pack("t", (rule,))]).all_rules()


@settings(deadline=None)  # compiles a rule set per example
@given(
    st.lists(st.text(alphabet=" a\t\x1c\x1d\x1f\x85\xa0\u3000b.", max_size=12), max_size=6),
    st.integers(0, 8),
)
def test_min_words_before_counts_runs_of_non_space(before: list[str], needed: int) -> None:
    # The marker fires exactly when the lines above it hold `needed` runs of \S as regex
    # sees them: \x1c-\x1f are word characters there, though str.split takes them for spaces.
    text = "".join(f"{line}\n" for line in [*before, "CUT", "after"])
    words = len(regex.findall(r"\S+", "\n".join(before)))
    cleaned = run(text, _truncating_rules(needed)).text
    assert ("after" not in cleaned) == (words >= needed)


@settings(deadline=None)  # the first example loads the bundled packs
@given(documents())
@example("\x1e\n")  # blank to Python, a word to regex: trimmed off the edge, so a word lost
def test_words_lost_is_the_share_of_words_gone(text: str) -> None:
    # Without a removal the share is 0 without counting, and where only whole lines
    # went the input's words are the output's and theirs: still what counting says.
    result = default_cleaner().run(text)
    before, after = len(regex.findall(r"\S+", text)), len(regex.findall(r"\S+", result.text))
    assert result.words_lost == (max(0.0, 1 - after / before) if before else 0.0)
    assert (result.input_words, result.output_words) == (before, after)


@settings(deadline=None)
@given(documents(), st.sampled_from([0.0, 0.01, 0.1, 0.5, 0.9, 1.0, 2.0]))
def test_lost_more_than_tells_what_words_lost_says(text: str, share: float) -> None:
    # It stops counting the output once the answer is sure; the answer must not change.
    assert default_cleaner().run(text).lost_more_than(share) == (
        default_cleaner().run(text).words_lost > share
    )


def test_lost_more_than_on_a_page_that_lost_most_of_its_words() -> None:
    text = "Body words here.\n" + "".join(f"Follow us on Twitter {k}\n" for k in range(30))
    result = default_cleaner().run(text)
    assert result.words_lost > 0.9 and result.lost_more_than(0.5) and not result.lost_more_than(0.99)


# Chinese has no spaces between words: two characters make a word for the guards.
ZH_SHORT = "市议会周一通过了预算。"  # 11 characters: 6 words
ZH_LONG = ZH_SHORT * 6  # 36 words


@pytest.mark.parametrize(("before", "fires"), [(ZH_SHORT, False), (ZH_LONG, True)])
def test_min_words_before_counts_chinese_by_characters(before: str, fires: bool) -> None:
    cleaned = run(f"{before}\nCUT\nafter\n", _truncating_rules(20)).text
    assert ("after" not in cleaned) == fires


@pytest.mark.parametrize(("line", "goes"), [("请关注我们的微博", True), ("请关注我们" + ZH_LONG, False)])
def test_max_words_counts_chinese_by_characters(line: str, goes: bool) -> None:
    # A short call goes; a paragraph that mentions it is too long for the rule.
    follow = Matcher("contains", ("关注我们",))
    rule = Rule(id="t.follow", action=Action.DROP_LINE, matcher=follow, max_words=10)
    cleaned = run(f"{ZH_SHORT}\n{line}\n", RuleSet([Pack("t", (rule,))]).all_rules()).text
    assert (line not in cleaned) == goes
