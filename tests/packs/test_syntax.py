"""YAML syntax errors point where the user has to edit, with PyYAML's words and lines."""

from __future__ import annotations

import pytest

from cleaner.errors import RuleError
from cleaner.packs.loader import parse_pack

HEAD = "pack: x\nrules:\n  - id: x.a\n    drop-line:\n"


def _error(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        parse_pack(text, path="x.yaml")
    return info.value


def test_a_quote_left_open_to_the_end_is_reported_where_it_opens() -> None:
    error = _error(HEAD + '      prefix: "Sign up\n  - id: x.b\n    drop-line:\n      prefix: Foo\n')
    assert str(error).splitlines() == [
        "x.yaml:5:15: invalid YAML: while scanning a quoted scalar: found unexpected end of stream"
        " at line 9, column 1",
        '     5 |       prefix: "Sign up',
    ]


def test_a_quote_left_open_and_closed_by_a_later_quote_is_reported_where_it_opens() -> None:
    # the quoted text runs from line 5 to the first quote of line 8, where PyYAML stumbles
    error = _error(HEAD + '      prefix: "Sign up\n  - id: x.b\n    drop-line:\n      prefix: "Foo"\n')
    assert (error.line, error.column) == (5, 15)
    message = str(error)
    assert "at line 8, column 16" in message
    assert "the quoted text opened here runs on to line 8: is its closing quote missing?" in message
    assert message.splitlines()[1:] == ['     5 |       prefix: "Sign up', '     8 |       prefix: "Foo"']


def test_an_unclosed_list_is_reported_where_it_opens() -> None:
    error = _error(HEAD + "      prefix: [a, b\n  - id: x.b\n    drop-line:\n      prefix: c\n")
    assert (error.line, error.column) == (5, 15)
    assert "while parsing a flow sequence: did not find expected ',' or ']' at line 6, column 7" in str(error)


def test_a_misindented_key_is_reported_on_its_own_line_with_the_mapping_it_breaks() -> None:
    error = _error(HEAD + "      prefix: a\n     max-words: 3\n")
    assert (error.line, error.column) == (6, 6)
    assert str(error).splitlines() == [
        "x.yaml:6:6: invalid YAML: while parsing a block mapping at line 3, column 5:"
        " did not find expected key",
        "     3 |   - id: x.a",
        "     6 |      max-words: 3",
    ]


def test_a_quoted_text_over_several_lines_that_is_not_the_problem_is_not_blamed() -> None:
    error = _error(HEAD + '      prefix: "Sign\n        up"\n    max-words: [3\n')
    assert (error.line, error.column) == (7, 16)
    assert "closing quote" not in str(error)
