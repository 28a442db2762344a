"""How the engine counts words for its guards: runs of non-space characters, and in the
scripts written without spaces, characters (two Han or kana, four of Thai)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import example, given
from hypothesis import strategies as st

from cleaner.engine.words import at_least, count_words, line_has_words

PAIRED = "市议会预算東京で会議カタカナー"  # Han, hiragana, katakana, the prolonged sound mark
QUARTERED = "ประเทศไทยແລະ"  # Thai (with its vowel signs and tone marks), Lao
OTHER = "ab9.,\u3002\uff0c\u300c\u300d-\u00e9"  # Latin, digits, punctuation (CJK's too)
SPACES = " \t\u3000\u00a0"


def _words(text: str) -> int:
    """The count as the module describes it, spelled out character by character."""

    def kind(char: str) -> int:  # 0: other; else how many of them make a word
        return 2 if char in PAIRED else 4 if char in QUARTERED else 0

    words = 0
    for run in regex.split(r"\s+", text):
        i = 0
        while i < len(run):
            while i < len(run) and not kind(run[i]):
                i += 1
            words += 1  # a run of others to the end, or the word of unspaced characters from i
            if i == len(run):
                break
            for _ in range(kind(run[i])):
                if i == len(run) or not kind(run[i]):
                    break
                i += 1
                while i < len(run) and not kind(run[i]):
                    i += 1
    return words


def _count(text: str) -> int:
    return max((n for n in range(1, 40) if line_has_words(text, n)), default=0)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("The council met on Tuesday.", 5),
        ("Follow us on\u00a0Facebook", 4),
        # Hindi, Arabic, Korean put spaces between words: counted as before
        ("नगर निगम ने पंप लगाए हैं।", 6),
        ("서울에서 회의가 열렸다.", 3),
        # Chinese and Japanese: two characters a word, punctuation glued to them
        ("市议会周一通过了预算。", 5),
        ("他说\uff0c我们走\u3002", 3),
        ("東京で会議が開かれた。", 5),
        ("iPhone手机很好", 2),
        ("2024年", 1),
        # Thai: four code points a word (its vowel signs and tone marks are code points)
        ("ประเทศไทยและการศึกษา", 5),
        ("ข่าว ล่าสุด", 3),  # 4 and 6 code points
    ],
)
def test_words_of_a_line(line: str, words: int) -> None:
    assert _count(line) == words


@given(st.text(alphabet=PAIRED + QUARTERED + OTHER + SPACES, max_size=60))
@example("市ป市ป")
@example("a市b会c")
def test_count_is_the_one_described(text: str) -> None:
    words = _words(text)
    for n in (1, 2, 3, 5, 8):
        assert at_least(n).line(text) == (words >= n), n


@given(st.text(alphabet="ab é.,-'\u201c\u2019 \t\u00a0\u3000\u0964", max_size=60))
def test_text_with_spaces_counts_runs_of_non_space_as_before(text: str) -> None:
    runs = len(regex.findall(r"\S+", text))
    for n in (1, 2, 3, 5, 8):
        assert line_has_words(text, n) == (runs >= n)


@given(st.text(alphabet=PAIRED + QUARTERED + OTHER + SPACES, max_size=60))
def test_never_fewer_words_than_runs_and_never_more_than_the_length_allows(text: str) -> None:
    # A run of non-space characters is a word at least (the fast count may answer
    # "enough"), and k words take 2k - 1 characters (a shorter line is not counted).
    words = _words(text)
    assert words >= len(regex.findall(r"\S+", text))
    assert words == 0 or len(text) >= 2 * words - 1


def test_within_a_text_up_to_an_end() -> None:
    text = "市议会周一通过了预算\nRelated"
    assert at_least(5).unspaced(text, 10)
    assert not at_least(5).unspaced(text, 8)
    assert not at_least(2).unspaced("one two", 7)  # asked only of text short of runs: none here


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The council met on Tuesday.", 5),
        ("市政府表示今年共有约十二万户家庭符合条件", 10),  # 20 Han characters, two a word
        ("ロボット掃除機を試した", 6),  # 11 kana and Han characters
        ("iPhone手机", 1),  # Latin letters glued to Han belong to its word
        ("2024年 的 计划", 3),  # every run of non-space characters is a word at least
        ("ประเทศไทย", 3),  # 9 Thai code points, four a word
        ("서울시는 월요일 새 계획을 발표했다", 5),  # Korean puts spaces between words
    ],
)
def test_a_count_takes_scripts_without_spaces_by_their_characters(text: str, words: int) -> None:
    assert count_words(text) == words
