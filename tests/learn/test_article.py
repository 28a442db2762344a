"""Repeated lines that are article text: datelines, bylines, credits, quotes, notices."""

from __future__ import annotations

import pytest

from cleaner.learn.article import article_reason, label, narrates, says, states, word_count
from cleaner.learn.thresholds import DEFAULT


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Updated January 5, 2010", "dateline"),
        ("3 March 2014 Last updated at 09:15 GMT", "dateline"),
        ("Wed Sep 9, 7:05 AM PT", "dateline"),
        ("By Jane Porter", "byline"),
        ("Interview by Dana Whitfield", "byline"),
        ("The Associated Press contributed to this report.", "credit"),
        ("Special to the Daily Example", "credit"),
        ("Our coverage of the harbour is part of the Coastal News Reporting Service.", "credit"),
        ("This story is part of a series on the county's schools.", "credit"),
        ("This article was produced in partnership with the Rivers Trust.", "credit"),
        ("Tom Hale contributed reporting.", "credit"),
        ("The trust said it had not been told about the plans for the river.", "reported speech"),
        ('Asked about the fees, a spokesman told the paper: "We keep them under review."', "quote"),
        ('"We will rebuild the bridge," the mayor said.', "quote"),
        ("Story continues below", "continuation"),
        # a court report's closing notice (QA round N, N7), and the like
        ("The trial continues.", "proceedings"),
        ("The inquest continues.", "proceedings"),
        ("The hearing continues tomorrow.", "proceedings"),
        ("The case was adjourned.", "proceedings"),
        ("Sentencing was adjourned until next month.", "proceedings"),
        ("Mr Hale's trial, expected to last a week, continues.", "proceedings"),
        ("The Old Bailey trial is expected to last two weeks.", "proceedings"),
        ("Police inquiries are continuing.", "proceedings"),
        ("| | art |", "too few words"),
        ("ADVERTISEMENT", "too few words"),
        # Chinese and Japanese (QA round N, N4c): a word for every two characters
        ("2026年3月5日 10:30", "dateline"),
        ("3月5日 来源 河谷日报", "dateline"),
        ("首页", "too few words"),  # "Home"
        ("相关阅读", None),  # "Related reading": two words
        # chrome, whatever words it shares with the above
        ("You may also like these 5 stories", None),
        ("Copyright 2010 Reuters. All rights reserved.", None),
        ("Posted 3 hours ago", None),
        ("Powered By | Delivered By", None),
        ("Sign up for our newsletter", None),
        ("The harbour is part of a network of ports on the coast.", None),
        ("I said it before and I will say it again: read the small print.", None),  # a reader's voice
        ("Your free trial continues until you cancel.", None),  # an offer
        ("The debate continues in the comments.", None),
        ("Read more: the trial continues", None),
    ],
)
def test_article_reason(line: str, reason: str | None) -> None:
    assert article_reason(line, DEFAULT) == reason


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("| · | Green Party |", "green party"),
        ("- Society & Culture", "society & culture"),
        ("|  | pop   music |", "pop music"),
        ("| Democratic National Convention |", "democratic national convention"),
        ("Five words are too many", None),
        ("| | |", None),
        ("| 绿党 |", "绿党"),
        ("绿党候选人的竞选活动", None),  # five words
    ],
)
def test_label_is_a_short_line_as_a_sentence_would_say_it(line: str, words: str | None) -> None:
    assert label(line, DEFAULT) == words


@pytest.mark.parametrize(
    ("prose", "says_it"),
    [
        ("the green party candidate", True),
        ("a vote for the green party.", True),
        ("green party", True),
        ("the greenpeace party", False),
        ("a green partygoer", False),
        ("evergreen party", False),
    ],
)
def test_says_finds_whole_words_only(prose: str, says_it: bool) -> None:
    assert says(prose, "green party") is says_it


def test_says_finds_a_chinese_phrase_among_the_characters_around_it() -> None:
    """No spaces mark where a Chinese word ends: "绿党" (Green Party) is in "绿党候选人"."""
    assert says("昨天绿党候选人发表讲话。", "绿党") is True
    assert says("昨天工党候选人发表讲话。", "绿党") is False


@pytest.mark.parametrize(
    ("line", "narration"),
    [
        ("The council voted to close the bridge for repairs until the spring.", True),
        ('"I was terrified when the water came in," said Mrs Walsh, who lives by the river.', True),
        ("\u2018We will rebuild it,\u2019 the mayor told the meeting on Tuesday night.", True),
        (
            "\u201cWe have waited ten years for this bridge and we will not wait another.",
            True,
        ),  # quote goes on
        ("Police said the two men were arrested in the US on Friday.", True),
        ("32 homes were flooded when the river burst its banks.", True),
        ("市政府今年必须节省九百万元\uff0c因为中央政府的拨款减少了四分之一。", True),  # Chinese full stop
        ("बाढ़ से शहर के सैकड़ों घर डूब गए और लोगों को सुरक्षित स्थानों पर ले जाया गया।", True),  # danda
        # a reader's voice, or not a sentence of a report
        ("I think you mean 1948, not 1938, when the Democrats lost.", False),
        ("You are wrong about the bridge and the money it will cost.", False),
        ("The mayor should resign over the bridge, and we all know it.", False),
        ("What a nasty smear campaign by the paper and its writers!", False),
        ("posted by: bornfree at 06/04/2010 @ 10:30am", False),
        ("pkgoode, very smart rant, everyone here will hopefully read it.", False),
        ("The council met on Tuesday.", False),  # too few words to tell
    ],
)
def test_narrates(line: str, narration: bool) -> None:
    assert narrates(line, DEFAULT) is narration


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (
            "The county must find savings of £9 million by 2027 because its grant has fallen by a quarter.",
            True,
        ),
        ("Following the vote, the council will close two of its libraries in the spring.", True),
        # chrome: speaks to the reader, calls on them, a rights notice, or too short to tell
        ("Sign up for our daily newsletter.", False),
        ("If you liked what you just read, you can subscribe to the paper by calling the number.", False),
        ("Read the rest of the coverage of the county budget in the special report section.", False),
        ("Click here to see every photograph from the county show in the gallery.", False),
        ("Copyright 2010 Example News Group. All rights reserved. Redistribution is prohibited.", False),
        ("The council met on Tuesday to discuss the plans.", False),
    ],
)
def test_states(line: str, sentence: bool) -> None:
    assert states(line, DEFAULT) is sentence


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("Home | World | Sport", 3),  # "|" is no word
        ("首页", 1),  # "Home"
        ("相关新闻", 2),  # "Related news"
        ("首页 新闻 体育 财经", 4),
        ("版权所有©2026深圳日报社", 5),  # a copyright footer
        ("東京都は月曜日、新しい防災計画を発表した。", 10),  # Japanese: kanji and kana alike
        ("城市" * 20 + "。", 20),  # a paragraph of 40 characters: prose_words
    ],
)
def test_word_count_counts_two_characters_a_word_in_chinese_and_japanese(line: str, words: int) -> None:
    """QA round N, N4c: counted at spaces, a Chinese line was one word."""
    assert word_count(line) == words
