# ruff: noqa: RUF001 (Arabic and Hebrew letters that look like Latin ones are the point)
"""Edge inputs through the engine: nothing crashes, and the output is what the rules say.

Decisions these tests pin down:
* lines end at \\n, \\r\\n and \\r only; U+2028, U+2029, U+0085, form feed, vertical
  tab and the other Unicode separators stay inside their line (a rule sees them);
  a line of nothing but such whitespace counts as blank;
* NUL is an ordinary character for the engine (files are sniffed for binary
  content before, see tests/commands/test_clean_edge_inputs.py);
* text in any script is kept character for character.
"""

from __future__ import annotations

import pytest

import cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run
from cleaner.packs.loader import parse_pack

MORE = "rules:\n  - id: t.more\n    drop-line: {prefix: 'MORE:'}\n"


def _run(pack: str, text: str):
    return run(text, RuleSet([parse_pack(pack)]).rules_for(None))


@pytest.mark.parametrize("text", ["", " ", "\n", "\r\n\r\n", " \t\n\n  \n", "\u2028\x0c\n"])
def test_empty_and_whitespace_only_documents_clean_to_nothing(text: str) -> None:
    result = cleaner.default_cleaner().run(text)
    assert (result.text, result.removals) == ("", ())


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0c", "\x0b", "\x1c", "\x1d", "\x1e"])
def test_unicode_separators_stay_inside_lines(separator: str) -> None:
    text = f"Body{separator}more body.\nMORE: x{separator}still the same line\nEnd.\n"
    result = _run(MORE, text)
    assert result.text == f"Body{separator}more body.\nEnd.\n"
    [removal] = result.removals
    assert (removal.line, removal.text) == (2, f"MORE: x{separator}still the same line")


def test_mixed_line_endings_are_all_line_breaks() -> None:
    result = _run(MORE, "A.\r\nMORE: 1\nB.\rMORE: 2\r\nC.\n\rD.")
    assert result.text == "A.\nB.\nC.\n\nD.\n"
    assert [r.line for r in result.removals] == [2, 4]


def test_nul_characters_are_kept_as_text() -> None:
    text = "Body\x00with NUL.\nMORE:\x00x\n\x00\n"
    assert _run(MORE, text).text == "Body\x00with NUL.\n\x00\n"


RTL_CJK = [
    # Arabic and Hebrew with their own promo lines and bidi marks kept as written
    (
        "rules:\n  - id: t.ar\n    drop-line: {prefix: 'اقرأ أيضا:'}\n",
        "\u200fقال الوزير إن الميزانية ستُقر.\nاقرأ أيضا: خبر آخر\nשלום עולם\n",
        "\u200fقال الوزير إن الميزانية ستُقر.\nשלום עולם\n",
    ),
    # Chinese: a truncate-at marker; max-words counts two characters a word (16 make 8)
    (
        "rules:\n  - id: t.zh\n    truncate-at: {line: 相关阅读}\n"
        "  - id: t.zh2\n    drop-line: {contains: 关注我们}\n    max-words: 8\n",
        "市议会周一通过了预算。\n请关注我们的微博账号获取更多新闻\n相关阅读\n另一篇文章\n",
        "市议会周一通过了预算。\n",
    ),
    # Japanese and Korean body with an English promo, kept word for word
    (
        MORE,
        "東京で会議が開かれた。\nMORE: x\n서울에서 회의가 열렸다.\n",
        "東京で会議が開かれた。\n서울에서 회의가 열렸다.\n",
    ),
    # strip in RTL text: the cut collapses the whitespace around it
    (
        "rules:\n  - id: t.he\n    strip: {contains: '(צילום: רויטרס)'}\n",
        "הנשיא נאם (צילום: רויטרס) בכנסת.\n",
        "הנשיא נאם בכנסת.\n",
    ),
]


@pytest.mark.parametrize(("pack", "text", "expected"), RTL_CJK)
def test_right_to_left_and_cjk_text(pack: str, text: str, expected: str) -> None:
    assert _run(pack, text).text == expected


def test_a_million_short_lines() -> None:
    text = "".join("MORE: x\n" if i % 100_000 == 99_999 else "a\n" for i in range(1_000_000))
    result = _run(MORE, text)
    assert result.text == "a\n" * 999_990
    assert [r.line for r in result.removals] == list(range(100_000, 1_000_001, 100_000))
