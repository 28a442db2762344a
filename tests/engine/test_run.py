"""The engine, action by action: table-driven (rules YAML, input, expected output)."""

from __future__ import annotations

import textwrap

import pytest

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run, split_lines
from cleaner.errors import RuleTimeoutError
from cleaner.packs.loader import parse_pack


def _rules(yaml_text: str):
    return RuleSet([parse_pack(textwrap.dedent(yaml_text))]).rules_for(None)


def _clean(yaml_text: str, text: str) -> str:
    return run(text, _rules(yaml_text)).text


DROP_MORE = """
rules:
  - id: t.more
    drop-line: {prefix: "MORE:"}
"""
FOLLOW = "rules:\n  - id: t.f\n    drop-line: {prefix: Follow us}\n"
CLUSTER = """
rules:
  - id: t.thread
    truncate-at-cluster: {match: {prefix: Thanks}, min-lines: 3, within-lines: 4}
"""
# A paragraph of the page (20 words), as spare-series sees one.
PARAGRAPH = " ".join(["The ferry company will raise its fares in April, the second rise this year,"] * 2)
CASES = [
    # unless: a line the matcher matches is not the rule's when `unless` matches it too
    (
        "rules:\n  - id: t.thanks\n    drop-line: {prefix: Thanks}\n    unless: {regex: '\\bsaid\\b'}\n",
        "Body.\nThanks for reading\nThanks, she said, and left.\n",
        "Body.\nThanks, she said, and left.\n",
    ),
    (
        "rules:\n  - id: t.promo\n    strip: {regex: ' ?\\(Sponsored\\)'}\n    unless: {contains: quoted}\n",
        "A tip (Sponsored)\nHe quoted (Sponsored) in court\n",
        "A tip\nHe quoted (Sponsored) in court\n",
    ),
    # drop-line: only matching lines go, the rest stays word for word
    (DROP_MORE, "Body one.\nMORE: other story\nBody two.\n", "Body one.\nBody two.\n"),
    (DROP_MORE, "Body.\nThere is MORE: here\n", "Body.\nThere is MORE: here\n"),
    # a literal is escaped: "..." matches only three dots
    (
        "rules:\n  - id: t.dots\n    drop-line: {line: 'Read more...'}\n",
        "Read more...\nRead more!!!\n",
        "Read more!!!\n",
    ),
    # strip: the match goes, whitespace around the cut collapses, the line stays
    (
        "rules:\n  - id: t.n\n    strip: {regex: '\\b(\\d) \\1 \\1\\b'}\n",
        "End. 8 8 8 Next.\nTail. 8 8 8\n",
        "End. Next.\nTail.\n",
    ),
    # strip leaves blank lines (paragraph breaks) alone
    (
        "rules:\n  - id: t.x\n    strip: {contains: 'XX'}\n",
        "Title\n\nBody XX here.\n",
        "Title\n\nBody here.\n",
    ),
    # max-words: the shortest line with one word too many (2 words take 3 characters) stays
    (
        "rules:\n  - id: t.x\n    drop-line: {prefix: 'a'}\n    max-words: 2\n",
        "a b c\na b\nab  \n",
        "a b c\n",
    ),
    # strip that empties a line drops it
    ("rules:\n  - id: t.x\n    strip: {contains: 'XX'}\n", "a\nXX\nb\n", "a\nb\n"),
    # truncate-at: the marker and everything after it
    (
        "rules:\n  - id: t.rel\n    truncate-at: {line: Related Articles}\n",
        "Body.\nRelated Articles\nOther story\nMore\n",
        "Body.\n",
    ),
    # min-words-before: a marker too early does not fire
    (
        "rules:\n  - id: t.rel\n    truncate-at: {line: Related}\n    min-words-before: 5\n",
        "Related\nOne two three four five six.\nRelated\nOther\n",
        "Related\nOne two three four five six.\n",
    ),
    # drop-block: start through end
    (
        "rules:\n  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {line: '[/ad]'}}\n",
        "a\n[ad]\nbuy\n[/ad]\nb\n",
        "a\nb\n",
    ),
    # drop-block without an end within max-lines removes nothing
    (
        "rules:\n  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {line: '[/ad]'}, max-lines: 2}\n",
        "a\n[ad]\nbuy\nmore\n[/ad]\n",
        "a\n[ad]\nbuy\nmore\n[/ad]\n",
    ),
    # max-words guard
    (
        "rules:\n  - id: t.f\n    drop-line: {prefix: Follow}\n    max-words: 4\n",
        "Follow us on X\nFollow the money, said the detective to his partner.\n",
        "Follow the money, said the detective to his partner.\n",
    ),
    # ignore-case
    (
        "rules:\n  - id: t.c\n    drop-line: {line: comments}\n    ignore-case: true\n",
        "Body.\nCOMMENTS\n",
        "Body.\n",
    ),
    # tail: only the contiguous run at the end (blank and removed lines included)
    (
        "rules:\n  - id: t.c\n    drop-line: {line: Comments}\n    position: tail\n",
        "Comments\nBody.\n\nComments\n",
        "Comments\nBody.\n",
    ),
    # head: only the contiguous run at the start
    (
        "rules:\n  - id: t.h\n    drop-line: {line: Advertisement}\n    position: head\n",
        "Advertisement\n\nBody.\nAdvertisement\n",
        "Body.\nAdvertisement\n",
    ),
    # blank lines joined by a removal collapse; edge blank lines go
    (DROP_MORE, "\n\nA.\n\nMORE: x\n\nB.\n\n", "A.\n\nB.\n"),
    # CRLF and lone CR are line breaks; other separators stay inside lines
    (DROP_MORE, "A.\r\nMORE: x\r\nB.\u2028C.\rMORE: y", "A.\nB.\u2028C.\n"),
    # nothing to remove, nothing lost
    (DROP_MORE, "", ""),
    # truncate-at-cluster: from the first of min-lines matches within within-lines lines
    (CLUSTER, "Body.\nThanks!\nA reply.\nThanks a lot\n\nThanks, Jo\nMore.\n", "Body.\n"),
    # one match alone is article, and so are matches spread wider than the window
    (CLUSTER, "Body.\nThanks all.\nNext.\n", "Body.\nThanks all.\nNext.\n"),
    (
        CLUSTER,
        "Thanks a.\nb\nc\nThanks d.\ne\nf\nThanks g.\n",
        "Thanks a.\nb\nc\nThanks d.\ne\nf\nThanks g.\n",
    ),
    # spare-series: a line the rule matches above the cluster's start, under a paragraph
    # (a live blog's first entry), makes the page a series of entries: nothing is cut...
    (
        CLUSTER + "    min-words-before: 3\n    spare-series: true\n",
        f"{PARAGRAPH}\nThanks one.\nBody.\nMore body.\nEnd.\nThanks two.\nThanks three.\nThanks four.\n",
        f"{PARAGRAPH}\nThanks one.\nBody.\nMore body.\nEnd.\nThanks two.\nThanks three.\nThanks four.\n",
    ),
    # ...a matching line above every paragraph is the post's byline, and the thread goes...
    (
        CLUSTER + "    min-words-before: 3\n    spare-series: true\n",
        f"Thanks one.\n{PARAGRAPH}\nThanks two.\nThanks three.\nThanks four.\n",
        f"Thanks one.\n{PARAGRAPH}\n",
    ),
    # ...but a thread below an article with no such line is cut as before
    (
        CLUSTER + "    min-words-before: 3\n    spare-series: true\n",
        "Body of the page.\nThanks two.\nThanks three.\nThanks four.\n",
        "Body of the page.\n",
    ),
    # spare-introduced: the short lines a line ending with a colon opens (a poem the story
    # quotes) are no members, and no cluster opens inside them...
    (
        CLUSTER + "    spare-introduced: true\n",
        "Body.\nThe poem, in full:\nThanks for rain\nThanks for grain\nThanks for hands\nThe end.\n",
        "Body.\nThe poem, in full:\nThanks for rain\nThanks for grain\nThanks for hands\nThe end.\n",
    ),
    # ...but a label ("Comments:") introduces nothing, and prose ends the run: members below it count
    (
        CLUSTER + "    spare-introduced: true\n",
        "Body.\nComments:\nThanks a.\nThanks b.\nThanks c.\n",
        "Body.\nComments:\n",
    ),
    (
        CLUSTER + "    spare-introduced: true\n",
        f"The poem, in full:\nThanks for rain\n{PARAGRAPH}\nThanks a.\nThanks b.\nThanks c.\n",
        f"The poem, in full:\nThanks for rain\n{PARAGRAPH}\n",
    ),
    # ...and a line a rule drops introduces nothing ("Share this article:" over a share bar):
    # dropped later in the pass, it would spare the thread once and not on a second cleaning
    (
        CLUSTER
        + "    spare-introduced: true\n  - id: t.share\n    drop-line: {line: 'Share this article:'}\n",
        "Body.\nShare this article:\nThanks a.\nThanks b.\nThanks c.\n",
        "Body.\n",
    ),
    # ...nor does a line the rule's labels name (a thread's own heading), which goes with the thread
    (
        CLUSTER + "    spare-introduced: {labels: {prefix: 'Reader comments'}}\n",
        "Body.\nReader comments on this post:\nThanks a.\nThanks b.\nThanks c.\n",
        "Body.\n",
    ),
    (
        CLUSTER + "    spare-introduced: {labels: {prefix: 'Reader comments'}}\n",
        "Body.\nThe poem, in full:\nThanks for rain\nThanks for grain\nThanks for hands\n",
        "Body.\nThe poem, in full:\nThanks for rain\nThanks for grain\nThanks for hands\n",
    ),
    # a row under a table's header row is the table's data, whatever drop-line rule matches
    # it (QA round R, R7: "| Thanks for subscribing! | 41% |" under "| Message | Opened |")...
    (
        "rules:\n  - id: t.t\n    drop-line: {regex: 'Thanks for subscribing'}\n",
        "| Message | Opened |\n|---|---|\n| Thanks for subscribing! | 41% |\n",
        "| Message | Opened |\n|---|---|\n| Thanks for subscribing! | 41% |\n",
    ),
    # ...but a layout row with no header above it is the rule's
    (
        "rules:\n  - id: t.t\n    drop-line: {regex: 'Thanks for subscribing'}\n",
        "Body.\n| Thanks for subscribing! |\n",
        "Body.\n",
    ),
    # spare-introduced on a drop-line rule: an example a guide shows under its own sentence
    # ending with a colon, with the guide's prose after it, stays (QA round R, R15)...
    (
        FOLLOW + "    spare-introduced: true\n",
        f"The calls that brought the shop new followers:\nFollow us on Instagram\n{PARAGRAPH}\n",
        f"The calls that brought the shop new followers:\nFollow us on Instagram\n{PARAGRAPH}\n",
    ),
    # ...but a promo block under a colon line that runs into the footer or the page's end
    # is the site's (QA round S, S1), and so is one under a label, or a layout table's row
    # (a cell ending with a colon is the page's furniture); without the option it goes too
    (
        FOLLOW + "    spare-introduced: true\n",
        "Never miss a story from the Gazette:\nFollow us on Instagram\n© 2026 Gazette\n",
        "Never miss a story from the Gazette:\n© 2026 Gazette\n",
    ),
    (
        FOLLOW + "    spare-introduced: true\n",
        f"Body.\nFollow:\nFollow us on Instagram\n{PARAGRAPH}\n",
        f"Body.\nFollow:\n{PARAGRAPH}\n",
    ),
    (
        "rules:\n  - id: t.f\n    drop-line: {prefix: '| Follow us'}\n    spare-introduced: true\n",
        f"The calls that brought the shop new followers:\n| Follow us on Instagram |\n{PARAGRAPH}\n",
        f"The calls that brought the shop new followers:\n{PARAGRAPH}\n",
    ),
    (
        FOLLOW,
        f"The calls that brought the shop new followers:\nFollow us on Instagram\n{PARAGRAPH}\n",
        f"The calls that brought the shop new followers:\n{PARAGRAPH}\n",
    ),
    # max-run: matching lines one right after another, more of them than max-run and each
    # written in a form of its own, are a list the article shows (the formats of a
    # signature), no members of a cluster...
    (
        CLUSTER.replace("within-lines: 4}", "within-lines: 4, max-run: 2}"),
        "Body.\nThe formats we saw.\nThanks a.\nThanks, b!\nThanks: c\nThe first is best.\nEnd.\n",
        "Body.\nThe formats we saw.\nThanks a.\nThanks, b!\nThanks: c\nThe first is best.\nEnd.\n",
    ),
    (
        CLUSTER,
        "Body.\nThe formats we saw.\nThanks a.\nThanks, b!\nThanks: c\nThe first is best.\nEnd.\n",
        "Body.\nThe formats we saw.\n",
    ),
    # ...but lines written alike are a thread's template, comments or not under them
    (
        CLUSTER.replace("within-lines: 4}", "within-lines: 4, max-run: 2}"),
        "Body.\nThe formats we saw.\nThanks a.\nThanks b.\nThanks c.\nThe first is best.\nEnd.\n",
        "Body.\nThe formats we saw.\n",
    ),
    # ...while a thread, a comment under each signature (or two signature lines in a row), is cut
    (
        CLUSTER.replace("within-lines: 4}", "within-lines: 5, max-run: 2}"),
        "Body.\nThanks a.\nThanks a2.\nGood.\nThanks b.\nNo.\nThanks c.\n",
        "Body.\n",
    ),
    # stop-at: a cut ends before the first line the matcher names, which stays with what follows
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n",
        "Body.\nHave your say\nBy post: Town Hall\nClosing date: 1 May\nWhat next\n",
        "Body.\nClosing date: 1 May\nWhat next\n",
    ),
    # ...and when that line is the first under the marker, the marker is the title of what
    # it names (a council's "Have your say" over its consultation's details): nothing goes
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n",
        "Body.\nHave your say\nClosing date: 1 May\nBy post: Town Hall\nWhat next\n",
        "Body.\nHave your say\nClosing date: 1 May\nBy post: Town Hall\nWhat next\n",
    ),
    # ...but not when the thread goes on under that line: a reader writes a deadline too,
    # and a "Reply" (a line a drop-line rule takes) within three lines under it says so
    # (QA round U, U1-U4): the whole thread goes
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: t.reply\n    drop-line: {line: Reply}\n",
        "Body.\nHave your say\nClosing date: 1 May, so get writing\nReply\nTom\nShocking.\nReply\n",
        "Body.\n",
    ),
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: t.reply\n    drop-line: {line: Reply}\n",
        "Body.\nHave your say\nTom\nFirst.\nReply\nAnn\nClosing date: 1 May\nMark\nReply\n",
        "Body.\n",
    ),
    # ...and what lies under the next thread's heading is that thread's: an article that
    # ends on its consultation's deadline, right above its comments (QA round V, V1)
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: t.reply\n    drop-line: {line: Reply}\n",
        "Body.\nHave your say\nClosing date: 1 May\nHave your say\nReply\nTom\nReply\n",
        "Body.\nHave your say\nClosing date: 1 May\n",
    ),
    # ...but inside a cut, the thread's next marker under a reader's deadline (its form's
    # "Leave a Reply") says the thread goes on (QA round W, W1), and so does a "Reply" five
    # lines under it, after the rest of the reader's comment (W4)
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: t.reply\n    drop-line: {line: Reply}\n",
        "Body.\nHave your say\nSue\nClosing date: 1 May\nKen\nUse it.\nHave your say\nForm\n",
        "Body.\n",
    ),
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: t.reply\n    drop-line: {line: Reply}\n",
        "Body.\nHave your say\nSue\nClosing date: 1 May\nOne.\nTwo.\nThree.\nFour.\nReply\n",
        "Body.\n",
    ),
    # ...a line of the thread's own pack, that is: a share row another pack drops, under
    # an article that ends on its consultation's details, says nothing of a thread
    (
        "rules:\n  - id: t.say\n    truncate-at: {line: Have your say}\n"
        "    stop-at: {prefix: 'Closing date:'}\n  - id: x.share\n    drop-line: {line: Share this}\n",
        "Body.\nHave your say\nClosing date: 1 May\nShare this\n",
        "Body.\nHave your say\nClosing date: 1 May\n",
    ),
    # ...and a section's title just above the line it names stays with it
    (
        "rules:\n  - id: t.top\n    truncate-at: {line: Top Stories}\n"
        "    stop-at: {regex: '^\\d\\d:\\d\\d = '}\n",
        "Body.\nTop Stories\nStory one\nStory two\nRunning order\n00:00 = Headlines\n03:10 = Budget\n",
        "Body.\nRunning order\n00:00 = Headlines\n03:10 = Budget\n",
    ),
    # the earliest line that opens a cluster is where the cut falls
    (
        CLUSTER,
        "Body.\nThanks a.\nb\nc\nd\nThanks e.\nThanks f.\nThanks g.\n",
        "Body.\nThanks a.\nb\nc\nd\n",
    ),
    # min-words-before: a cluster may not open before that many words; later matches may
    (
        CLUSTER + "    min-words-before: 3\n",
        "Thanks one.\nThanks two.\nThanks three.\nThanks four.\nThanks five.\n",
        "Thanks one.\nThanks two.\n",
    ),
    # max-words: a long line does not count as a match
    (
        CLUSTER + "    max-words: 3\n",
        "Body.\nThanks to the rain the river rose.\nThanks!\nThanks!\n",
        "Body.\nThanks to the rain the river rose.\nThanks!\nThanks!\n",
    ),
]


@pytest.mark.parametrize(("rules", "text", "expected"), CASES)
def test_actions(rules: str, text: str, expected: str) -> None:
    assert _clean(rules, text) == expected


def test_removals_are_recorded_with_rule_line_and_span() -> None:
    result = run("Keep.\nMORE: gone\n", _rules(DROP_MORE))
    [removal] = result.removals
    assert (removal.rule_id, removal.line, removal.start, removal.end) == ("t.more", 2, 0, 10)
    assert removal.text == "MORE: gone"
    assert result.changed


def test_strip_records_the_span() -> None:
    result = run("End. 8 8 8 Next.\n", _rules("rules:\n  - id: t.n\n    strip: {contains: '8 8 8'}\n"))
    [removal] = result.removals
    assert (removal.start, removal.end, removal.text) == (5, 10, "8 8 8")
    assert not removal.whole_line


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        # the cut text holds the whitespace: the words either side must not be glued
        (r"\s+", "A  banana and\tan apple.", "A banana and an apple."),
        (" y ", "x y z", "x z"),
        ("y ", "x y z", "x z"),
        # whitespace on neither side: nothing to keep apart
        (r"\[\d+\]", "a word[1]. Next", "a word. Next"),
    ],
)
def test_a_strip_never_glues_two_words(pattern: str, text: str, expected: str) -> None:
    rules = _rules(f"rules:\n  - id: t.s\n    strip: {{regex: '{pattern}'}}\n")
    assert run(text + "\n", rules).text == expected + "\n"


def test_words_lost_share() -> None:
    result = run("one two three\nMORE: four\n", _rules(DROP_MORE))
    assert result.input_words == 5 and result.output_words == 3
    assert result.words_lost == pytest.approx(0.4)


def test_catastrophic_pattern_times_out_with_rule_id() -> None:
    rules = _rules("rules:\n  - id: t.slow\n    drop-line: {regex: '^(a|aa)+$'}\n")
    with pytest.raises(RuleTimeoutError) as info:
        run("a" * 40 + "b\n", rules, timeout=0.05)
    assert info.value.rule_id == "t.slow"


def test_split_lines_keeps_no_phantom_last_line() -> None:
    assert split_lines("a\nb\n") == ["a", "b"]
    assert split_lines("a\r\nb") == ["a", "b"]


def test_cluster_brought_within_reach_by_a_removal_is_cut_in_the_same_run() -> None:
    """A drop-line removal can close the gap between matches; the run goes on until
    nothing more goes, so cleaning stays idempotent."""
    rules = CLUSTER + "  - id: t.ad\n    drop-line: {line: Advert}\n"
    text = "Body.\nThanks a.\nAdvert\nAdvert\nAdvert\nThanks b.\nThanks c.\n"
    once = _clean(rules, text)
    assert once == "Body.\n"
    assert _clean(rules, once) == once


def test_block_end_brought_within_reach_by_a_removal_goes_in_the_same_run() -> None:
    """The engine repeats a pass only when it may find more; a block whose end was out
    of reach until drop-line removals is such a case."""
    rules = (
        "rules:\n  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {line: '[/ad]'}, max-lines: 3}\n"
        "  - id: t.more\n    drop-line: {prefix: 'MORE:'}\n"
    )
    text = "a\n[ad]\nMORE: x\nMORE: y\nbuy\n[/ad]\nb\nMORE: z\n"
    result = run(text, _rules(rules))
    assert result.text == "a\nb\n"
    assert [(r.rule_id, r.line) for r in result.removals] == [
        ("t.b", 2),
        ("t.more", 3),
        ("t.more", 4),
        ("t.b", 5),
        ("t.b", 6),
        ("t.more", 8),
    ]


def test_a_pass_with_nothing_left_to_reach_is_the_last() -> None:
    """Removals alone do not make another pass: the same output, and each removal
    reported once."""
    rules = DROP_MORE + "  - id: t.b\n    drop-block: {start: {line: '[ad]'}, end: {line: '[/ad]'}}\n"
    result = run("a\n[ad]\nx\n[/ad]\nMORE: y\nb\n", _rules(rules))
    assert result.text == "a\nb\n"
    assert [r.line for r in result.removals] == [2, 3, 4, 5]


def test_cluster_removals_name_the_rule_for_every_line_that_goes() -> None:
    result = run("Body.\nThanks a.\n\nreply\nThanks b.\nThanks c.\n", _rules(CLUSTER))
    assert [(r.rule_id, r.line) for r in result.removals] == [("t.thread", n) for n in (2, 4, 5, 6)]


def test_a_byte_order_mark_is_no_character_of_the_first_line() -> None:
    """Rules meet the first line as it reads; the mark stays in front of what is left,
    once, whichever lines went, and a removal's span counts from the line's first letter."""
    head = DROP_MORE + "  - id: t.head\n    drop-line: {line: Advertisement}\n    position: head\n"
    rules = _rules(head)
    result = run("\ufeffMORE: other story\nBody.\n", rules)
    assert result.text == "\ufeffBody.\n"
    [removal] = result.removals
    assert (removal.line, removal.start, removal.end, removal.text) == (1, 0, 17, "MORE: other story")
    assert run("\ufeffAdvertisement\r\n\r\nBody.\r\nMORE: x", rules).text == "\ufeffBody.\n"
    assert run("\ufeffBody. MORE: x\n", rules).text == "\ufeffBody. MORE: x\n"  # nothing removed: as it was
    assert run("\ufeffMORE: x\n", rules).text == ""  # an emptied text is empty


def test_a_byte_order_mark_on_a_line_of_its_own_is_not_kept_as_a_line() -> None:
    assert run("\ufeff\n\nBody.\n", _rules(DROP_MORE)).text == "\ufeffBody.\n"


# A page that spaces a promo line with no-break spaces, or starts it with a zero-width
# mark, as scrapers other than trafilatura leave them.
@pytest.mark.parametrize(
    "line",
    [
        "Related\u00a0Articles",
        "Related Articles\u00a0",
        "\u200bRelated Articles",
        "\u2060Related\u202fArticles",
        "\ufeffRelated Articles",
    ],
)
def test_a_rule_reads_a_no_break_space_as_a_space_and_skips_a_leading_mark(line: str) -> None:
    rules = _rules("rules:\n  - id: t.related\n    drop-line: {line: Related Articles}\n")
    result = run(f"Body.\n{line}\nMore body.\n", rules)
    assert result.text == "Body.\nMore body.\n"
    assert [r.text for r in result.removals] == [line]  # the line as it was


def test_a_strip_after_a_leading_mark_keeps_the_rest_byte_for_byte() -> None:
    rules = _rules("rules:\n  - id: t.credit\n    strip: {prefix: 'Photo: AP'}\n")
    line = "\u200bPhoto:\u00a0AP Crowds\u00a0gathered in the square."
    result = run(line + "\n", rules)
    [removal] = result.removals
    assert (removal.start, removal.end, removal.text) == (1, 10, "Photo:\u00a0AP")
    assert result.text == "\u200b Crowds\u00a0gathered in the square.\n"


def test_a_mark_inside_a_line_is_read_as_written() -> None:
    rules = _rules("rules:\n  - id: t.more\n    drop-line: {line: Read more}\n")
    assert run("Read\u200bmore\n", rules).text == "Read\u200bmore\n"


def test_a_rule_that_names_a_no_break_space_still_matches_it() -> None:
    # A learned line is written as the pages had it: a line as written matches too.
    rules = _rules('rules:\n  - id: t.learned\n    drop-line: {line: "Sign\\u00a0up"}\n')
    assert run("Body.\nSign\u00a0up\nSign up\n", rules).text == "Body.\nSign up\n"


def test_an_exception_the_line_gives_in_either_reading_holds() -> None:
    rules = _rules(
        "rules:\n  - id: t.follow\n    drop-line: {prefix: Follow us on X}\n"
        "    unless: {regex: 'according to'}\n"
    )
    text = "Follow us on X, according\u00a0to the leaflet.\nFollow us on\u00a0X\n"
    assert run(text, rules).text == "Follow us on X, according\u00a0to the leaflet.\n"
