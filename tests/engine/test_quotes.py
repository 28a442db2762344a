"""A line rule's match that lies only in what the line quotes leaves the line alone."""

from __future__ import annotations

import textwrap

import pytest

from cleaner.engine.compiler import RuleSet
from cleaner.engine.quotes import quoted_spans
from cleaner.engine.run import run
from cleaner.packs.loader import parse_pack

RULES = """
rules:
  - id: t.newsletter
    drop-line: {regex: '(?i)sign up for our newsletter'}
  - id: t.menu
    drop-line: {regex: '\\w+(?: \\| \\w+){2,}'}
  - id: t.unsubscribe
    drop-line: {regex: 'use the .{0,3}Unsubscribe.{0,3} link'}
  - id: t.more
    strip: {regex: '(?i)read more'}
  - id: t.affiliate
    drop-line: {contains: contains affiliate links}
"""


def _clean(text: str, yaml_text: str = RULES) -> str:
    return run(text, RuleSet([parse_pack(textwrap.dedent(yaml_text))]).rules_for(None)).text


@pytest.mark.parametrize(
    "line",
    [
        '"Sign up for our newsletter"',  # a whole line in quotation marks: the article lists it
        "“Sign up for our newsletter”",
        "„Sign up for our newsletter“",
        "«Sign up for our newsletter»",
        "\u2018Sign up for our newsletter\u2019",
        "'Sign up for our newsletter,' she wrote on the whiteboard.",
        'For two years the button simply said "Sign up for our newsletter" and nothing else.',
        'Our old footer read "Home | About | Contact" in grey.',
        "The label “Read more” tells the reader nothing.",
    ],
)
def test_a_line_that_quotes_the_match_stays(line: str) -> None:
    assert _clean(line) == line + "\n"


@pytest.mark.parametrize(
    ("line", "left"),
    [
        ("Sign up for our newsletter", ""),
        ('Sign up for our newsletter: "the best read of the week"', ""),  # the call is the line's own
        ("Please use the “Unsubscribe” link in any of our emails.", ""),  # "Unsubscribe" alone is no call
        ('"Essential reading" - Sign up for our newsletter', ""),
        ("Home | About | Contact", ""),
        ("Read more about “the storm” here", "about “the storm” here\n"),
        ("Don\u2019t sign up for our newsletter", ""),  # an apostrophe opens no quotation
    ],
)
def test_a_line_whose_own_words_match_still_goes(line: str, left: str) -> None:
    assert _clean(line) == left


def test_a_run_of_markdown_quote_lines_is_quoted_and_one_arrow_line_is_not() -> None:
    quote = "In a markdown post, quote it so:\n\n> Sign up for our newsletter\n> Home | About | Contact\n"
    assert _clean(quote) == quote
    assert _clean("Story.\n> Sign up for our newsletter\n") == "Story.\n"


STORY = "The council voted on Tuesday to close three of its five recycling centres this year.\n"
CALLOUT = "\n> Sign up for our newsletter to get every story.\n> Home | About | Contact\n"


def test_a_markdown_callout_at_the_end_whose_every_line_a_rule_matches_goes() -> None:
    """A markdown blog's plug set as a quotation is the site's (QA round S, S7)."""
    assert _clean(STORY + CALLOUT) == STORY
    assert _clean(STORY + CALLOUT + "\n© 2026 The Gazette\n") == STORY + "\n© 2026 The Gazette\n"


@pytest.mark.parametrize(
    "text",
    [
        STORY + "\nOn Monday the editor wrote:" + CALLOUT,  # introduced
        STORY + CALLOUT + "\n" + STORY,  # the article goes on under it
        STORY + CALLOUT + "> and that was all the old footer ever said\n",  # a line no rule matches
    ],
)
def test_a_markdown_quotation_that_is_no_callout_stays(text: str) -> None:
    assert _clean(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Disclosure: “This post contains affiliate links.”",
        "Editor's note: 'This post contains affiliate links'.",
        '- Note: "Sign up for our newsletter"',
    ],
)
def test_a_notice_quoted_under_a_label_is_the_site_speaking(line: str) -> None:
    """All a line says outside its quotation is a label: the site's notice (QA round S, S8)."""
    assert _clean(STORY + line + "\n") == STORY


@pytest.mark.parametrize(
    "text",
    [
        'Before: "Sign up for our newsletter"\n\nAfter: "Get one idea every Friday"\n',  # a guide's pair
        'The label we tested first: "Sign up for our newsletter"\n',  # more than a label
        'Note: "Read more" is no label at all\n',
        'Note: "Read more"\n',  # a strip would leave the label over empty marks
    ],
)
def test_a_labelled_quotation_of_the_article_stays(text: str) -> None:
    assert _clean(STORY + text) == STORY + text


def test_a_cluster_member_in_quotation_marks_still_counts() -> None:
    """Readers quote each other: a cut's guards, not the quotation, decide there."""
    rules = (
        "rules:\n  - id: t.c\n"
        "    truncate-at-cluster: {match: {contains: great post}, min-lines: 2, within-lines: 3}\n"
    )
    text = 'Story.\n"great post" - agreed\ngreat post, thanks\n'
    assert _clean(text, rules) == "Story.\n"


@pytest.mark.parametrize(
    ("line", "quoted"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("the Smiths' house and the dogs' bowls", []),
        ("don\u2019t and won\u2019t", []),
        ("»Das wird man ja wohl noch sagen dürfen« | Piraten", ["Das wird man ja wohl noch sagen dürfen"]),
        ("» Read more", []),
        ('a 27" monitor', []),
    ],
)
def test_what_a_line_quotes(line: str, quoted: list[str]) -> None:
    assert [line[start:end] for start, end in quoted_spans([line], 0)] == quoted


def test_finding_quotations_keeps_to_the_time_a_pattern_gets() -> None:
    """A line of many single quotes that close nothing is read within the engine's limit."""
    with pytest.raises(TimeoutError):
        quoted_spans([" 'a" * 100_000], 0, timeout=0.001)
