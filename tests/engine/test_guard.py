"""The guard of a cut (``stop-at-prose``): a cut never eats the article that resumes after it."""

from __future__ import annotations

import textwrap

import pytest

import cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.guard import introduces
from cleaner.engine.run import run
from cleaner.packs.loader import parse_pack

# Paragraphs of 30 words or more: article prose as the guard sees it.
P1 = (
    "The council voted on Tuesday to close the old library on the high street, after a survey "
    "found that the roof would cost more to repair than the building itself is worth today."
)
P2 = (
    "Readers who borrowed books there for forty years said they would miss it, and a group of "
    "them has asked the mayor to keep the reading room open at least two days a week."
)
P3 = (
    "The mayor said the money saved would go to the mobile library, which visits the villages "
    "twice a month and has twice as many readers as the old building on the street."
)


def _pack(action: str, guard: str = "") -> str:
    return textwrap.dedent(
        f"""
        rules:
          - id: t.cut
            {action}
            {guard}
        """
    )


def _clean(pack: str, *lines: str) -> str:
    ruleset = RuleSet([parse_pack(pack)])
    return run("\n".join(lines) + "\n", ruleset.rules_for(None)).text


TRUNCATE = 'truncate-at: {line: "Related Articles"}'
GUARD = "stop-at-prose: {lines: 2, words: 30}"


def test_a_false_marker_costs_only_the_lines_up_to_the_prose() -> None:
    # "Related Articles" from a sidebar in the middle of a story: two short link lines
    # go with it, the paragraphs after it are the article and stay.
    out = _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", "Town hall opens", "Bus fares rise", P2, P3)
    assert out == f"{P1}\n{P2}\n{P3}\n"


def test_without_the_guard_the_cut_takes_everything() -> None:
    out = _clean(_pack(TRUNCATE), P1, "Related Articles", "Town hall opens", P2, P3)
    assert out == f"{P1}\n"


def test_a_list_of_titles_to_the_end_goes_whole() -> None:
    titles = [f"Story number {n} about the town" for n in range(8)]
    assert _clean(_pack(TRUNCATE, GUARD), P1, P2, "Related Articles", *titles) == f"{P1}\n{P2}\n"


def test_one_long_teaser_between_titles_does_not_stop_the_cut() -> None:
    # An aggregator's list: source, time, title, a long teaser, again and again.
    block = ["Daily Paper", "6 minutes ago", "Town hall opens its doors", P3]
    out = _clean(_pack(TRUNCATE, GUARD), P1, P2, "Related Articles", *block, *block)
    assert out == f"{P1}\n{P2}\n"


def test_a_subheading_between_two_paragraphs_does_not_break_the_run() -> None:
    out = _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", "Bus fares", P2, "What comes next", P3)
    assert out == f"{P1}\n{P2}\nWhat comes next\n{P3}\n"


def test_gap_zero_needs_the_paragraphs_side_by_side() -> None:
    guard = "stop-at-prose: {lines: 2, words: 30, gap: 0}"
    # Comments separated by names and dates are a thread, however long each one is.
    thread = ["Anna", "3 March 2020", P2, "Reply", "Ben", "4 March 2020", P3, "Reply"]
    assert _clean(_pack(TRUNCATE, guard), P1, "Related Articles", *thread) == f"{P1}\n"
    assert _clean(_pack(TRUNCATE, guard), P1, "Related Articles", P2, "What next", P3) == f"{P1}\n"
    out = _clean(_pack(TRUNCATE, guard), P1, "Related Articles", "Bus fares", P2, P3)
    assert out == f"{P1}\n{P2}\n{P3}\n"


def test_blank_lines_neither_extend_nor_break_a_run() -> None:
    out = _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", "", P2, "", "", P3)
    assert out.split() == f"{P1} {P2} {P3}".split()


def test_lines_the_rule_itself_matches_are_no_prose() -> None:
    # A reader-comment cluster: long comments that the rule recognises belong to the thread.
    pack = _pack(
        "truncate-at-cluster: {match: {regex: '^Thanks'}, min-lines: 2, within-lines: 5}",
        "stop-at-prose: {lines: 2, words: 10}",
    )
    thanks = ["Thanks for this, " + P2, "Thanks again, " + P3, "Thanks, " + P2]
    assert _clean(pack, P1, *thanks) == f"{P1}\n"


def test_the_guard_ends_a_block_before_the_prose() -> None:
    pack = _pack('drop-block: {start: {line: "Advertisement"}, end: {line: "End of advertisement"}}', GUARD)
    out = _clean(pack, P1, "Advertisement", "Buy now", P2, P3, "End of advertisement")
    assert out == f"{P1}\n{P2}\n{P3}\nEnd of advertisement\n"


def test_what_follows_a_stopped_cut_still_meets_the_rule() -> None:
    # The cut stopped at the article; a second marker after it opens the real list.
    titles = [f"Story number {n} about the town" for n in range(4)]
    out = _clean(_pack(TRUNCATE, GUARD), "Related Articles", P1, P2, "Related Articles", *titles)
    assert out == f"{P1}\n{P2}\n"


MIN_CUT = "stop-at-prose: {lines: 2, words: 30, min-cut: 4}"


def test_a_heading_the_story_resumes_under_keeps_its_lines() -> None:
    # Two lines under "Related Articles", then the story again: no list, a box inside the
    # story (or no list at all); the heading goes, the lines under it stay.
    out = _clean(
        _pack(TRUNCATE, MIN_CUT), P1, "Related Articles", "Town hall opens", "Bus fares rise", P2, P3
    )
    assert out == f"{P1}\nTown hall opens\nBus fares rise\n{P2}\n{P3}\n"


def test_a_list_long_enough_goes_before_the_story_resumes() -> None:
    titles = ["Town hall opens", "Bus fares rise", "Library closes"]
    out = _clean(_pack(TRUNCATE, MIN_CUT), P1, "Related Articles", *titles, P2, P3)
    assert out == f"{P1}\n{P2}\n{P3}\n"


def test_min_cut_spares_nothing_of_a_cut_that_runs_to_the_end() -> None:
    assert _clean(_pack(TRUNCATE, MIN_CUT), P1, P2, "Related Articles", "Bus fares rise") == f"{P1}\n{P2}\n"


LONG_LINE = "stop-at-prose: {lines: 2, words: 30, long-line: 60}"
# An old layout-table page: the whole story in one cell, so in one line.
STORY = f"| {P1} {P2} {P3} |"


def test_one_line_as_long_as_an_article_ends_the_cut() -> None:
    # "Most Popular" in the left-hand menu, then the story flattened into one line, then
    # the page's tools: the menu under the marker goes, the story and what follows stay.
    menu = ["| Weather |", "| Audio/Video |", "| Full Coverage |"]
    out = _clean(_pack(TRUNCATE, LONG_LINE), P1, "Related Articles", *menu, STORY, "| Print Story |")
    assert out == f"{P1}\n{STORY}\n| Print Story |\n"


def test_without_long_line_one_long_line_is_no_run() -> None:
    menu = ["| Weather |", "| Audio/Video |", "| Full Coverage |"]
    assert _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", *menu, STORY) == f"{P1}\n"


def test_a_long_line_the_rule_matches_does_not_end_the_cut() -> None:
    pack = _pack(
        "truncate-at-cluster: {match: {regex: '^Thanks'}, min-lines: 2, within-lines: 5}",
        "stop-at-prose: {lines: 2, words: 30, long-line: 60}",
    )
    thanks = ["Thanks for this, " + STORY, "Thanks again"]
    assert _clean(pack, P1, *thanks, "A title") == f"{P1}\n"


def test_a_long_line_shorter_than_long_line_is_one_line_of_a_run() -> None:
    # A teaser of 30+ words is prose of a run, not an article by itself.
    titles = ["Daily Paper", "6 minutes ago", P3]
    assert _clean(_pack(TRUNCATE, LONG_LINE), P1, P2, "Related Articles", *titles, *titles) == f"{P1}\n{P2}\n"


@pytest.mark.parametrize("text", ["", "Related Articles\n"])
def test_a_cut_with_nothing_after_it(text: str) -> None:
    assert _clean(_pack(TRUNCATE, GUARD), text.rstrip("\n")) == ""


SENTENCES = "stop-at-prose: {lines: 2, words: 30, sentence-words: 8}"
# News written in short paragraphs: each under 30 words, each a sentence.
SHORT = [
    "More than nine thousand patients have now waited longer than a year for treatment.",
    "Doctors' leaders said the fall was welcome but small.",
    '"One month does not make a trend," said a member of the medical committee.',
]


@pytest.mark.parametrize(
    "teasers",
    [
        # titles do not end as sentences; a teaser cut short ends with an ellipsis
        ["Harbour ferry saved for five more years by council vote", "Bus fares to rise in the spring"],
        ["The operator has announced that the service is back up and running a...", "Fares rise from..."],
        ["The operator has announced that the service is back up and running\u2026", "Fares rise from\u2026"],
        # shorter than sentence-words
        ["Fares rise.", "Ferry saved."],
    ],
)
def test_a_list_of_titles_or_cut_teasers_is_still_cut_whole(teasers: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, SENTENCES), P1, "Related Articles", *teasers) == f"{P1}\n"


@pytest.mark.parametrize("end", ['."', ".\u201d", ".\u201c", ". \u00bb", ".)", "!", "?", ". "])
def test_a_sentence_may_end_with_a_closing_quote_a_bracket_or_other_marks(end: str) -> None:
    lines = [f"The mayor said the ferry would keep running next year{end}"] * 2
    out = _clean(_pack(TRUNCATE, SENTENCES), P1, "Related Articles", *lines)
    assert out == "\n".join([P1, *lines]) + "\n"


SPEECH = "stop-at-prose: {lines: 2, words: 30, speech-words: 8}"
# The story's last paragraphs after a box of quoted messages: short, naming who spoke.
REPORTED = [
    "The council said a temporary warden would start after half-term.",
    "Mrs Walsh told the paper she planned to learn to swim.",
]


@pytest.mark.parametrize(
    ("guard", "story"), [(SENTENCES, SHORT), (SPEECH, REPORTED)], ids=["sentences", "speech"]
)
def test_short_lines_the_guard_counts_after_a_false_marker_are_the_article_again(
    guard: str, story: list[str]
) -> None:
    box = ["Related Articles", "Surgical centre opens early", "Nurses vote to accept pay offer"]
    assert _clean(_pack(TRUNCATE, guard), P1, *box, *story) == "\n".join([P1, *story]) + "\n"
    # without the option, paragraphs under 30 words are no run: all of them went
    assert _clean(_pack(TRUNCATE, GUARD), P1, *box, *story) == f"{P1}\n"


@pytest.mark.parametrize(
    "lines",
    [
        # readers' messages speak for themselves; "said" in a short line does not count
        ["Thanks, Brenda! You crossed me, my mum and now my son.", "We will miss your smile in the rain."],
        ["He said no.", "She said yes."],
        # a reader tells what was said to them: first person is a message, not a report
        [
            "I said this would happen years ago, and nobody at the council listened to a word.",
            "I agree with Tom. My wife told me the same thing when we moved to the village.",
        ],
    ],
)
def test_messages_that_report_no_speech_are_still_cut(lines: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, SPEECH), P1, "Related Articles", *lines) == f"{P1}\n"


def test_a_stopped_cut_leaves_the_marker_of_another_cut_to_it() -> None:
    # the related cut stops at the story's next paragraphs; the comment heading inside
    # its reach opens the comment cut, which takes the thread to the end
    pack = textwrap.dedent(
        f"""
        rules:
          - id: t.related
            {TRUNCATE}
            {GUARD}
          - id: t.comments
            truncate-at: {{line: "2 Comments"}}
        """
    )
    lines = [P1, "Related Articles", "Bus fares rise", "2 Comments", "Ann", P2, P3]
    result = run("\n".join(lines) + "\n", RuleSet([parse_pack(pack)]).rules_for(None))
    assert result.text == f"{P1}\n"
    assert [r.rule_id for r in result.removals] == ["t.related"] * 2 + ["t.comments"] * 4


# A story's ending after a box of quoted messages: the messages read as a reader thread.
MESSAGES = [
    "Related Articles",
    "Good luck Anna, the ward will not be the same!",
    "Thanks for everything, from all of us on nights.",
]
CLOSING = "stop-at-prose: {lines: 2, words: 30, gap: 0, speech-words: 8, end-lines: 1}"


def test_one_line_of_reported_speech_at_the_end_is_the_story_again() -> None:
    # a story's last paragraph is often one line; with end-lines one is enough there
    said = "The hospital said a new matron would start on the ward in the spring."
    assert _clean(_pack(TRUNCATE, CLOSING), P1, *MESSAGES, said) == f"{P1}\n{said}\n"
    assert _clean(_pack(TRUNCATE, SPEECH), P1, *MESSAGES, said) == f"{P1}\n"


@pytest.mark.parametrize(
    "last",
    [
        # no speech: a reader's last comment, however long, is no story's ending
        P1,
        "The new matron starts on the ward in the spring and has worked there before.",
        # speech in the first person is a reader's
        "I said so at the meeting, and my neighbour told them the same thing.",
    ],
)
def test_one_line_at_the_end_counts_only_when_it_reports_speech(last: str) -> None:
    assert _clean(_pack(TRUNCATE, CLOSING), P1, *MESSAGES, last) == f"{P1}\n"


def test_one_line_of_speech_before_the_end_is_no_run() -> None:
    said = "The hospital said a new matron would start on the ward in the spring."
    out = _clean(_pack(TRUNCATE, CLOSING), P1, *MESSAGES, said, "Bye Anna!")
    assert out == f"{P1}\n"


@pytest.mark.parametrize(
    "story",
    [
        # "added", and words in quotes are the speaker's, not the writer's first person
        [
            "Dr Okafor added that the ward would reopen after the works in the spring.",
            '"She taught every one of us how to listen," said Ruth Allen, who trained under her.',
        ],
        [
            "The trust explained that the new rota would start next month.",
            "A spokesman confirmed the ward would stay open over the winter.",
        ],
        ['Matron Ruth Allen added: "We will never find another Anna, and we will not try."'] * 2,
    ],
)
def test_added_explained_confirmed_and_quoted_words_report_speech(story: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, SPEECH), P1, *MESSAGES, *story) == "\n".join([P1, *story]) + "\n"


NARRATION = "stop-at-prose: {lines: 2, words: 30, gap: 0, speech-words: 8, narration-words: 8}"


@pytest.mark.parametrize(
    "story",
    [
        [
            "The ward will be run by a locum until a permanent matron is found.",
            "Mrs Hale said she would spend the winter with her sister in Spain.",
        ],
        [
            "Mrs Hale, who lives above the old chemist, plans to spend the winter in Spain.",
            "She added that she might finally learn to paint.",
        ],
    ],
)
def test_a_report_s_sentence_beside_reported_speech_is_the_story_again(story: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, NARRATION), P1, *MESSAGES, *story) == "\n".join([P1, *story]) + "\n"
    assert _clean(_pack(TRUNCATE, SPEECH), P1, *MESSAGES, *story) == f"{P1}\n"


# Reader comments in the third person: sentences, but none reports speech.
TIPS = [
    "Best chips in town are at the kiosk by the harbour wall.",
    "The pier cafe does a decent breakfast as well, and it is cheap.",
    "Parking near the front is a nightmare on a sunny Saturday.",
]
LONG_TIP = (
    "I would add the fish market to the list, because we go there every Friday morning and buy "
    "whatever came in overnight, and my children still talk about the crab we cooked on the beach."
)


@pytest.mark.parametrize(
    "thread",
    [
        TIPS,
        # nor do they join long comments into a run
        [TIPS[0], LONG_TIP, TIPS[1], LONG_TIP, TIPS[2]],
        # a sentence that speaks to the reader or for the writer is no report
        [
            "You will find the best chips at the kiosk by the harbour wall.",
            "My brother said the same about the pier.",
        ],
    ],
)
def test_sentences_that_report_no_speech_are_still_cut(thread: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, NARRATION), P1, "Related Articles", *thread) == f"{P1}\n"


TABLE = [
    "| Candidate | Party | Votes |",
    "|---|---|---|",
    "| Jo Hale | Green | 1,204 |",
    "| Tom Reed | Labour | 1,011 |",
]
TABLES = "stop-at-prose: {lines: 2, words: 30, tables: true}"


def test_a_data_table_after_a_false_marker_is_the_article_again() -> None:
    # A "Related" box in the middle of a by-election story, then the story's result table.
    out = _clean(_pack(TRUNCATE, TABLES), P1, "Related Articles", "Bus fares rise", *TABLE, "Turnout was low")
    assert out == "\n".join([P1, *TABLE, "Turnout was low"]) + "\n"


def test_without_tables_a_data_table_is_cut_with_the_list() -> None:
    out = _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", "Bus fares rise", *TABLE)
    assert out == f"{P1}\n"


@pytest.mark.parametrize(
    "rows",
    [
        # one filled cell over the separator: a layout box, which trafilatura also writes so
        ["| Bus fares rise |", "|---|", "| Town hall opens |"],
        # rows without a separator: no header, so no data table
        ["| Bus fares rise | Town hall opens |", "| Library closes | Pool reopens |"],
    ],
)
def test_table_rows_without_a_header_do_not_stop_the_cut(rows: list[str]) -> None:
    out = _clean(_pack(TRUNCATE, TABLES), P1, "Related Articles", *rows)
    assert out == f"{P1}\n"


@pytest.mark.parametrize("intro", ["The full result:", "Officers gave this advice:", "| Results: |"])
def test_a_line_that_introduces_the_resumed_article_stays_with_it(intro: str) -> None:
    out = _clean(_pack(TRUNCATE, TABLES), P1, "Related Articles", "Bus fares rise", intro, *TABLE)
    assert out == "\n".join([P1, intro, *TABLE]) + "\n"


def test_a_colon_line_in_the_middle_of_the_list_is_still_cut() -> None:
    # Only the line right above where the article resumes is its introduction.
    out = _clean(_pack(TRUNCATE, GUARD), P1, "Related Articles", "Opinion:", "Bus fares rise", P2, P3)
    assert out == f"{P1}\n{P2}\n{P3}\n"


# Each script's own sentence end: the danda (Hindi), the Urdu full stop, the Arabic question
# mark, the ideographic full stop and full-width marks (Chinese, Japanese), the Armenian and
# Ethiopic full stops; maybe then a CJK closing quote or bracket.
@pytest.mark.parametrize(
    "end",
    [
        "\u0964",
        "\u0965",
        "\u06d4",
        "\u061f",
        "\u3002",
        "\uff01",
        "\uff1f",
        "\uff0e",
        "\u0589",
        "\u1362",
        "\u3002\u300d",
    ],
)
def test_a_sentence_may_end_with_another_script_s_mark(end: str) -> None:
    lines = [f"The mayor said the ferry would keep running next year{end}"] * 2
    out = _clean(_pack(TRUNCATE, SENTENCES), P1, "Related Articles", *lines)
    assert out == "\n".join([P1, *lines]) + "\n"


# A Hindi story in short paragraphs, each ending with a danda, with a "Related Stories" box
# (one title) in its middle.
HINDI = [
    "शहर में तीन दिन से लगातार बारिश हो रही है और कई इलाकों में पानी भर गया है।",
    "प्रशासन ने सभी स्कूलों को दो दिन के लिए बंद करने का आदेश दिया है।",
    "Related Stories",
    "बारिश से किसानों की फसलों को भारी नुकसान",
    "नगर निगम ने बताया कि पानी निकालने के लिए पचास पंप लगाए गए हैं।",
    "मौसम विभाग ने अगले दो दिन और बारिश की चेतावनी दी है।",
    "लोगों से घर पर रहने की अपील की गई है।",
]
# A Chinese one: no spaces between words, two characters a word.
CHINESE = [
    "本市连续三天降雨\uff0c多个街区出现积水\uff0c部分道路已经封闭\uff0c公交线路临时调整。",
    "市政府表示\uff0c全市中小学将停课两天\uff0c具体复课时间另行通知\uff0c请家长留意学校消息。",
    "Related Stories",
    "暴雨过后如何防范疾病",
    "排水部门已经调集一百多台水泵\uff0c日夜抽排积水。",
    "气象台预计\uff0c降雨将持续到周末\uff0c市民出行请注意安全。",
    "目前尚无人员伤亡的报告。",
]


@pytest.mark.parametrize("story", [HINDI, CHINESE], ids=["hindi", "chinese"])
def test_a_story_in_another_script_resumes_after_a_box(story: list[str]) -> None:
    # The bundled related.heading: the heading and the box's title go, the story stays.
    assert cleaner.clean("\n".join(story) + "\n") == "\n".join(story[:2] + story[4:]) + "\n"


# Two paragraphs of a Chinese story, 44 and 41 characters (with their punctuation): 21 and 20 words.
ZH_P1 = "议员们周二投票决定关闭高街上的旧图书馆\uff0c因为调查发现修缮屋顶的费用超过了建筑本身的价值。"
ZH_P2 = "在那里借书四十年的读者说他们会怀念它\uff0c一群读者已经请求市长每周至少开放阅览室两天。"


def test_prose_without_spaces_is_prose() -> None:
    out = _clean(
        _pack(TRUNCATE, "stop-at-prose: {lines: 2, words: 15}"),
        ZH_P1,
        "Related Articles",
        "公交票价上涨",
        ZH_P1,
        ZH_P2,
    )
    assert out == f"{ZH_P1}\n{ZH_P1}\n{ZH_P2}\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("When the centres open:", True),
        ("Opening times from January, by centre:", True),
        ("Quick links:", False),  # a label
        ("Comments:", False),
        ("When the centres open.", False),
    ],
)
def test_introduces_is_a_line_of_three_words_or_more_ending_with_a_colon(line: str, expected: bool) -> None:
    assert introduces(line) is expected


# A how-to that quotes the heading it is about, under a line that introduces it.
HOWTO = [
    P1,
    "On a new install of the theme, the heading above the form reads:",
    "Leave a Reply",
    "You can change this wording in a child theme, so that an update to the parent theme "
    "does not undo it, and you can test it in a private window first.",
    "Changing it safely",
    P2,
]
THREAD_HEADING = 'truncate-at: {line: "Leave a Reply"}'
QUOTED = "stop-at-prose: {lines: 2, words: 30, gap: 0, sentence-words: 10, quoted: true}"


def test_a_marker_an_introduction_announces_is_quoted_and_nothing_is_cut() -> None:
    assert _clean(_pack(THREAD_HEADING, QUOTED), *HOWTO) == "\n".join(HOWTO) + "\n"
    # without the option, the cut takes the rest of the how-to (one paragraph a section)
    without = "stop-at-prose: {lines: 2, words: 30, gap: 0, sentence-words: 10}"
    assert _clean(_pack(THREAD_HEADING, without), *HOWTO) == f"{P1}\n{HOWTO[1]}\n"


@pytest.mark.parametrize(
    ("above", "below"),
    [
        # a label introduces nothing: "Comments:" has too few words
        ("Comments:", HOWTO[3]),
        # no colon: the heading of the thread under the article
        ("Thanks for reading this far.", HOWTO[3]),
        # the article does not go on under it: the thread's form or a short line
        (HOWTO[1], "Your email address will not be published."),
        # a reader's comment says "I": a thread the article announced
        (
            HOWTO[1],
            "I changed mine last week and my readers noticed at once, so thank you for "
            "writing this up, it saved me an afternoon.",
        ),
    ],
)
def test_a_marker_is_quoted_only_under_an_introduction_with_prose_under_it(above: str, below: str) -> None:
    out = _clean(_pack(THREAD_HEADING, QUOTED), P1, above, "Leave a Reply", below, "Ann", P2)
    assert out == f"{P1}\n{above}\n"


def test_under_an_introduction_in_the_first_person_i_is_the_author_s() -> None:
    # QA round S, S13: a personal blog's how-to quotes the heading it changed, and goes on
    # in its author's voice; under a third-person introduction, "I" is a reader's (above)
    intro = "On my blog the heading reads:"
    mine = (
        "I wanted something friendlier, so I changed it with a small filter in my child theme, "
        "which took me about ten minutes once I had found the right hook."
    )
    blog = [P1, intro, "Leave a Reply", mine, "Finding the hook", P2]
    assert _clean(_pack(THREAD_HEADING, QUOTED), *blog) == "\n".join(blog) + "\n"
    # a thread goes on after its first comment with a name or "Reply": it is still cut
    thread = [P1, intro, "Leave a Reply", mine, "Reply", "Ann", P2]
    assert _clean(_pack(THREAD_HEADING, QUOTED), *thread) == f"{P1}\n{intro}\n"


def test_a_line_another_rule_drops_introduces_nothing() -> None:
    share = "  - id: t.share\n    drop-line: {line: 'Share this with a friend:'}\n"
    pack = _pack(THREAD_HEADING, QUOTED) + share
    out = _clean(pack, P1, "Share this with a friend:", "Leave a Reply", HOWTO[3], "Ann", P2)
    assert out == f"{P1}\n"


# A homepage guide whose section titles are the names of the modules it describes.
SECTION = "stop-at-prose: {lines: 2, words: 30, gap: 0, section-words: 30}"
CONVERSATION = 'truncate-at: {line: "Join the conversation"}'


def test_a_marker_over_a_paragraph_heads_a_section_of_the_article() -> None:
    lines = [P1, "Join the conversation", P2, "What we dropped", P3]
    assert _clean(_pack(CONVERSATION, SECTION), *lines) == "\n".join(lines) + "\n"
    assert _clean(_pack(CONVERSATION, GUARD.replace("}", ", gap: 0}")), *lines) == f"{P1}\n"


@pytest.mark.parametrize(
    "below",
    [
        "Ann Smith",  # a thread opens on a name...
        "Your email address will not be published.",  # ...a form's short lines...
        P2.rstrip(".") + " and",  # ...or a long line that does not end as a sentence
    ],
)
def test_a_marker_over_anything_but_a_paragraph_still_opens_the_cut(below: str) -> None:
    out = _clean(_pack(CONVERSATION, SECTION), P1, "Join the conversation", below, "Bob", P3)
    assert out == f"{P1}\n"


# Release notes whose "Related posts:" section is a list of changes, closed by a paragraph.
CLOSING_WORDS = "stop-at-prose: {lines: 2, words: 20, closing-words: 30}"
RELATED_POSTS = 'truncate-at: {line: "Related posts:"}'
NOTES = [P1, "Related posts:", "- Suggestions come from the text", "- Editors pin three", "Upgrade notes"]


def test_a_closing_paragraph_at_the_end_of_the_reach_is_the_article() -> None:
    assert _clean(_pack(RELATED_POSTS, CLOSING_WORDS), *NOTES, P2) == f"{P1}\n{P2}\n"
    assert _clean(_pack(RELATED_POSTS, GUARD), *NOTES, P2) == f"{P1}\n"


@pytest.mark.parametrize(
    "last",
    [
        P2.rstrip(".") + " and",  # no sentence's end: a teaser cut short
        "The library reopens on Monday.",  # too short: a list's last item
    ],
)
def test_a_last_line_that_is_no_closing_paragraph_goes_with_the_list(last: str) -> None:
    assert _clean(_pack(RELATED_POSTS, CLOSING_WORDS), *NOTES, last) == f"{P1}\n"


def test_a_last_line_written_as_the_items_above_it_is_the_list_s_last_teaser() -> None:
    # QA round S, S5: a "Most Read" list at the end of the text ends on a teaser with its
    # standfirst, written as the titles above it (no bullet, as they have none)
    most_read = 'truncate-at: {line: "Most Read"}'
    titles = ["Bridge to reopen next week", "Man charged after a disturbance", "School named best"]
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", *titles, P2) == f"{P1}\n"
    bulleted = [f"- {title}" for title in titles]
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", *bulleted, f"- {P2}") == f"{P1}\n"
    # under bulleted items, or with one item only, the last paragraph is the article's
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", *bulleted, P2) == f"{P1}\n{P2}\n"
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", titles[0], P2) == f"{P1}\n{P2}\n"


def test_a_last_paragraph_of_several_sentences_under_one_sentence_items_is_the_article_s() -> None:
    # QA round U, U6: a podcast's credits (two sentences) under its unbulleted titles
    most_read = 'truncate-at: {line: "Most Read"}'
    titles = ["Bridge to reopen next week", "Man charged after a disturbance", "School named best"]
    credits = f"{P2} Send your questions to the newsroom by email, and we will answer them next week."
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", *titles, credits) == f"{P1}\n{credits}\n"
    # teasers of two sentences each: the last one is theirs
    teasers = [f"{title}. More inside." for title in titles]
    assert _clean(_pack(most_read, CLOSING_WORDS), P1, "Most Read", *teasers, credits) == f"{P1}\n"


def test_a_closing_paragraph_over_lines_other_rules_drop_is_the_article_s() -> None:
    # QA round V, V3: "Follow us on Facebook" under release notes' closing paragraph is
    # another rule's line; the paragraph is still the reach's last one of the article
    follow = "\n  - id: s.follow\n    drop-line: {prefix: Follow us}\n"
    pack = _pack(RELATED_POSTS, CLOSING_WORDS) + follow
    assert _clean(pack, *NOTES, P2, "Follow us on Facebook") == f"{P1}\n{P2}\n"


def test_a_closing_paragraph_before_other_lines_does_not_stop_the_cut() -> None:
    assert _clean(_pack(RELATED_POSTS, CLOSING_WORDS), *NOTES, P2, "© 2024 Example") == f"{P1}\n"


SUBHEADINGS = "stop-at-prose: {lines: 2, words: 30, gap: 0, subheadings: true}"


def test_a_subheading_between_paragraphs_does_not_break_a_run_at_gap_zero() -> None:
    # a how-to written one paragraph a section: the cut ends where its sections begin
    lines = [P1, "Leave a Reply", "(set in comments.php)", P2, "Changing it safely", P3, "Testing it", P1]
    expected = [P1, P2, "Changing it safely", P3, "Testing it", P1]
    assert _clean(_pack(THREAD_HEADING, SUBHEADINGS), *lines) == "\n".join(expected) + "\n"
    assert _clean(_pack(THREAD_HEADING, GUARD.replace("}", ", gap: 0}")), *lines) == f"{P1}\n"


@pytest.mark.parametrize(
    "between",
    [
        "Ann Smith",  # a name
        "March 3, 2024 at 10:15 am",  # a date
        "Reply",  # a tool
        "Posted by: ferryman",  # a signature
        "It was the same for us.",  # a short comment, ending as a sentence
    ],
)
def test_a_thread_s_short_lines_still_break_a_run_at_gap_zero(between: str) -> None:
    out = _clean(_pack(THREAD_HEADING, SUBHEADINGS), P1, "Leave a Reply", "Bob", P2, between, P3)
    assert out == f"{P1}\n"


@pytest.mark.parametrize("number", ["Step 1: ", "Part 2. ", "Schritt 3: ", "4. ", "5) "])
def test_a_numbered_section_title_is_a_subheading_and_stays_over_its_paragraph(number: str) -> None:
    # a how-to numbers its titles (QA round S, S12): the run goes on past them, and the
    # title just above where the article resumes is the article's, as a line ending with a colon is
    lines = [P1, "Leave a Reply", f"{number}Create a child theme", P2, f"{number}Add the filter", P3]
    expected = [P1, f"{number}Create a child theme", P2, f"{number}Add the filter", P3]
    assert _clean(_pack(THREAD_HEADING, SUBHEADINGS), *lines) == "\n".join(expected) + "\n"


@pytest.mark.parametrize("heading", ["3 Comments", "Comments (3)", "12 thoughts on “The closures”"])
def test_under_a_count_of_comments_a_subheading_is_a_commenter_s_name(heading: str) -> None:
    # QA round S, S2: display names ("Proud local", "Angry of Ashford") have a section
    # title's shape; a heading that counts what follows heads a thread, so they break the run
    counted = 'truncate-at: {regex: "^(?:3 Comments|Comments \\\\(3\\\\)|12 thoughts on .*)$"}'
    thread = [heading, "Fed up resident", P2, "Proud local", P3, "Angry of Ashford", P1]
    assert _clean(_pack(counted, SUBHEADINGS), P1, *thread) == f"{P1}\n"
    # nor does the first comment head a section of the article when a name follows it
    guard = SUBHEADINGS.replace("}", ", section-words: 30}")
    assert _clean(_pack(counted, guard), P1, *thread[:1], *thread[2:]) == f"{P1}\n"


@pytest.mark.parametrize("heading", ["12 thoughts on the closures", "212 responses to the consultation"])
def test_a_heading_with_a_number_in_its_own_words_is_no_count_and_its_sections_stay(heading: str) -> None:
    # QA round U, U5: "3 thoughts on Rovers' derby win" over a report's own sections is a
    # heading of the article that a marker matches, not a count of comments
    marker = 'truncate-at: {regex: "^(?:12 thoughts on .*|212 responses to .*)$"}'
    sections = ["The bench won it", P2, "Set pieces still hurt", P3]
    assert _clean(_pack(marker, SUBHEADINGS), P1, heading, *sections) == "\n".join([P1, *sections]) + "\n"


def test_a_number_with_a_date_or_a_name_after_it_is_no_section_title() -> None:
    out = _clean(
        _pack(THREAD_HEADING, SUBHEADINGS), P1, "Leave a Reply", "1. Ann Smith", P2, "2. March 3", P3
    )
    assert out == f"{P1}\n"


@pytest.mark.parametrize(
    "after",
    [
        "Reply",  # a thread's first comment is followed by its tools...
        "Anna P",  # ...the next reader's name...
        "2 hours ago",  # ...or a date
    ],
)
def test_a_paragraph_the_thread_goes_on_after_is_its_first_comment(after: str) -> None:
    # QA round S, S3: a comment about the council in the third person, under the count
    # of comments, is no section of the article: what follows it is the thread's
    out = _clean(_pack(CONVERSATION, SECTION), P1, "Join the conversation", P2, after, "Agreed.", "Reply")
    assert out == f"{P1}\n"
    howto = [*HOWTO[:4], after, "Agreed.", "Reply"]
    assert _clean(_pack(THREAD_HEADING, QUOTED), *howto) == "\n".join(HOWTO[:2]) + "\n"


def test_a_paragraph_followed_by_the_next_section_or_the_end_is_the_article_s() -> None:
    for after in (["What we dropped", P3], [P3], ["Join the conversation", P3], []):
        lines = [P1, "Join the conversation", P2, *after]
        assert _clean(_pack(CONVERSATION, SECTION), *lines) == "\n".join(lines) + "\n"


def test_a_paragraph_followed_by_titles_in_a_row_heads_a_link_list() -> None:
    # QA round S, S16: "Most Read" over a long first teaser, then the other teasers'
    # titles one after another; a section's title would head a paragraph
    titles = ["Bridge to reopen next week after repairs", "Man charged after a disturbance"]
    most_read = 'truncate-at: {line: "Most Read"}'
    assert _clean(_pack(most_read, SECTION), P1, "Most Read", P2, *titles) == f"{P1}\n"
    lines = [P1, "Most Read", P2, titles[0], P3]
    assert _clean(_pack(most_read, SECTION), *lines) == "\n".join(lines) + "\n"


LIST_END = "stop-at-prose: {lines: 2, words: 30, list-end: 3}"
ITEMS = ["- Grey seal pups born in record numbers", "- Seal found with a plastic ring around its neck"]


@pytest.mark.parametrize(
    "resumed",
    [
        ["What happens next", "The survey will be repeated in August."],  # a title over a sentence
        ["Conservation", "The species is listed as Least Concern."],  # a title of one word
        ["The survey will be repeated in August."],  # the sentence alone
    ],
)
def test_a_sentence_after_a_bulleted_list_is_where_the_article_resumes(resumed: list[str]) -> None:
    # QA round X, X4: a "Related articles" box of "- ..." links in the middle of a story,
    # then the story's next section, short and at the end of the text
    lines = [P1, "Related Articles", *ITEMS, *resumed]
    assert _clean(_pack(TRUNCATE, LIST_END), *lines) == "\n".join([P1, *resumed]) + "\n"


@pytest.mark.parametrize(
    "after",
    [
        ["Town hall opens its doors", "The survey will be repeated in August."],  # no bullet: no list to end
        ["- Bus fares rise", "The survey will be repeated in August."],  # one item is no list
        ["- Bus fares rise", "- Town hall opens", "Most read today", "- Pier to close"],  # no sentence
    ],
)
def test_list_end_needs_two_items_and_a_sentence(after: list[str]) -> None:
    assert _clean(_pack(TRUNCATE, LIST_END), P1, "Related Articles", *after) == f"{P1}\n"


def test_without_list_end_the_sentence_after_the_list_goes_with_it() -> None:
    lines = [P1, "Related Articles", *ITEMS, "What happens next", "The survey will be repeated in August."]
    assert _clean(_pack(TRUNCATE, GUARD), *lines) == f"{P1}\n"


def test_a_list_end_line_another_rule_drops_is_no_article() -> None:
    # a share row's call to action ends as a sentence, but it is no article's
    pack = _pack(TRUNCATE, LIST_END) + '  - id: t.drop\n    drop-line: {line: "Share this story."}\n'
    out = _clean(pack, P1, "Related Articles", *ITEMS, "Share this story.", "Town hall opens its doors")
    assert out == f"{P1}\n"


def test_a_marker_over_the_text_s_last_paragraph_of_two_sentences_is_its_title() -> None:
    # QA round X, X5: "In other news" over the story's closing paragraph
    in_other_news = 'truncate-at: {line: "In other news"}'
    closing = "stop-at-prose: {lines: 2, words: 20, sentence-words: 3, closing-words: 30}"
    lines = [P1, P2, "In other news", "The decision can be appealed. A ruling is due in June."]
    assert _clean(_pack(in_other_news, closing), *lines) == "\n".join(lines) + "\n"
    # one teaser, a list's other items, a guard without closing-words: a cut as before
    for after, guard in (
        (["Council tax to rise by five per cent."], closing),
        (["The decision can be appealed. A ruling is due in June.", "Pier to close"], closing),
        (
            ["The decision can be appealed. A ruling is due in June."],
            closing.replace(", closing-words: 30", ""),
        ),
    ):
        assert _clean(_pack(in_other_news, guard), P1, P2, "In other news", *after) == f"{P1}\n{P2}\n"


def test_a_site_footer_after_a_bulleted_list_goes_with_it() -> None:
    # QA round Y, Y2: a footer opens on a sentence too, and goes on in links and labels
    footer = ["Comments are closed for this article.", "Contact us", "Terms and conditions"]
    assert _clean(_pack(TRUNCATE, LIST_END), P1, "Related Articles", *ITEMS, *footer) == f"{P1}\n"
    about = ["About us", "The Echo has served the town since 1874.", "Contact us", "Privacy"]
    assert _clean(_pack(TRUNCATE, LIST_END), P1, "Related Articles", *ITEMS, *about) == f"{P1}\n"


def test_two_bulleted_items_are_a_list_whatever_min_cut() -> None:
    # QA round Y, Y1: "Most read" over two "- ..." teasers, then the page's next sentence:
    # the cut takes three lines, under min-cut 4, but the items are a list
    guard = "stop-at-prose: {lines: 2, words: 30, min-cut: 4, list-end: 3}"
    lines = [P1, "Related Articles", *ITEMS, "The survey will be repeated in August."]
    assert _clean(_pack(TRUNCATE, guard), *lines) == f"{P1}\nThe survey will be repeated in August.\n"
    unbulleted = [P1, "Related Articles", "Town hall opens", "The survey will be repeated in August.", P2, P3]
    # unbulleted, the lines under the marker stay: only the marker goes, as before
    assert _clean(_pack(TRUNCATE, guard), *unbulleted) == "\n".join(unbulleted[:1] + unbulleted[2:]) + "\n"
