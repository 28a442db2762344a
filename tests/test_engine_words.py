"""Word counts (``words_lost``, ``--max-loss``): runs of ``\\S`` as the ``regex`` package
sees them, however they are counted."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleaner.engine import _SPACE_ONLY_TO_PYTHON, count_words


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
