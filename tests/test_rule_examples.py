"""Every bundled rule: its examples hold, and it has a description and both kinds of example.

(sqlfluff's YAML cases and docstring test: a rule without proof is not done.)
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.api import default_cleaner
from cleaner.engine.examples import example_failures, missing_examples
from cleaner.packs.model import CUT_ACTIONS, Action

RULES = [rule for pack in default_cleaner().packs for rule in pack.rules]


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_hold(rule) -> None:
    assert example_failures(rule) == []


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_is_documented_and_has_both_examples(rule) -> None:
    assert rule.description.strip(), f"{rule.id} has no description"
    assert missing_examples(rule) == []


def test_ids_are_prefixed_with_their_pack() -> None:
    for pack in default_cleaner().packs:
        for rule in pack.rules:
            assert rule.id.startswith(pack.name + "."), rule.id


def test_every_action_kind_is_used_by_some_bundled_rule_or_tested_elsewhere() -> None:
    used = {rule.action for rule in RULES}
    assert {Action.DROP_LINE, Action.STRIP, Action.TRUNCATE_AT} <= used


def test_every_bundled_cut_has_a_guard() -> None:
    # A cut removes everything in its reach: one false marker must not cost the page.
    cuts = [rule for rule in RULES if rule.action in CUT_ACTIONS]
    assert cuts
    assert [rule.id for rule in cuts if rule.stop_at_prose is None] == []


# Sentences that merely mention what boilerplate mentions (issue 18): article prose.
MENTIONS = [
    "Follow us on Twitter, the police urged residents as the flood waters rose.",
    "Sign up for our newsletter was the most clicked button, the study found.",
    "Got a story? That is the question every junior reporter hears…",
    "Scores from the judges: 10 10 10",
    "Search this site, the inspector told the volunteers, and report anything you find.",
    "Advertisement spending fell for the third year running, the agency said.",
    # Article sentences that look like a line rule's boilerplate (QA E, findings 7-14, 17)
    "Like us, the fishermen up the coast have lost half their catch to the cold spring.",
    "Like usual, the last bus left before the concert had ended.",
    "Follow the paper trail on LinkedIn and the same two directors turn up at every company.",
    "Parents can now subscribe to the school newsletter at the front office.",
    "Fake tax refunds delivered straight to your inbox are the scam reported most often this spring, "
    "according to the tax office.",
    "Moreno is the owner of the garage and the petrol station beside it, and still works nights.",
    "She was a founder of the town's first food bank and ran it until she was eighty.",
    "Several of the videos include affiliate links that were never disclosed to viewers.",
    "A mortgage broker told the committee: I earn a commission on every loan, so the bigger the better.",
    "See also: Chapter 7, on the harbour dues of the 1890s.",
    "Auch interessant: Der Stadtrat hatte den Plan bereits 2019 beschlossen, ihn dann aber vertagt.",
    "Voir aussi : les chiffres de la préfecture, publiés lundi.",
    "By entering their card number, shoppers agreed to monthly payments, the retailer argued, "
    "but the court disagreed.",
    "Serves 4 · Prep 15 min · Cook 50 min",
    "Salt · cumin · smoked paprika",
    "Credit: spreads on corporate bonds narrowed.",
    "Thank you.",
    # Lookalikes of the lines the widened rules take (Amazon's disclosure, a photo
    # credit, a "Chapter 11" headline, an @account)
    "The blogger said that as an Amazon Associate she earns a few dollars a month.",
    "Photograph: the one thing she kept from the fire, a wedding portrait, hangs in the hall.",
    "Picture: a bridge over a river at dawn, and a boy fishing.",
    "See also: Table 4",
    "Follow @ExampleNews on Twitter, the station told viewers when its website went down.",
]
BEFORE = (
    "The river rose by two metres overnight, and by the morning the lower streets of the town "
    "were under water, the fire service said."
)
AFTER = "The flood barrier will be raised again on Friday, the council said."


@pytest.mark.parametrize("sentence", MENTIONS)
@pytest.mark.parametrize("where", ["alone", "middle", "last"])
def test_prose_that_mentions_boilerplate_stays(sentence: str, where: str) -> None:
    lines = {"alone": [sentence], "middle": [BEFORE, sentence, AFTER], "last": [BEFORE, AFTER, sentence]}
    text = "\n".join(lines[where]) + "\n"
    assert cleaner.clean(text) == text


# A publisher's own calls at the end of a story (issue 18): they go, the story stays.
OWN_CALLS = [
    "Follow Example News across our social channels, on Facebook, Twitter and Instagram",
    "Share your views in the comments below",
]
STORY = " ".join([BEFORE] * 6)


@pytest.mark.parametrize("call", OWN_CALLS)
def test_publisher_calls_after_the_story_go(call: str) -> None:
    assert cleaner.clean(f"{STORY}\n\n{AFTER}\n\n{call}\n") == f"{STORY}\n\n{AFTER}\n"


# The same calls as a scraper that keeps &nbsp; writes them, or with a zero-width mark a CMS
# left at the start of the line: the bundled rules read them as they read the plain lines.
SPACED_CALLS = [
    "Follow us on\u00a0Facebook",
    "Read\u00a0More",
    "Sign\u00a0up for our daily newsletter",
    "Share\u00a0this article",
    "\u200bFollow us on Facebook",
    "\u2060Sign up for our daily newsletter",
]


@pytest.mark.parametrize("call", SPACED_CALLS)
def test_calls_spaced_with_no_break_spaces_or_marked_go(call: str) -> None:
    assert cleaner.clean(f"{STORY}\n\n{call}\n\n{AFTER}\n") == f"{STORY}\n\n{AFTER}\n"
