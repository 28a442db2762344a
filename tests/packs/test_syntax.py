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


@pytest.mark.parametrize(
    ("text", "place", "hint"),
    [
        ("pack: x\nrules:\n\t- id: x.a\n", (3, 1), "; tabs cannot indent YAML: indent with spaces"),
        (HEAD + "      prefix: x\n\tregex: y\n", (6, 1), "; tabs cannot indent YAML: indent with spaces"),
        (
            HEAD + "      prefix: @handle\n",
            (5, 15),
            "; a value cannot start with '@' in YAML: quote the value",
        ),
        (
            HEAD + "      prefix: `code`\n",
            (5, 15),
            "; a value cannot start with '`' in YAML: quote the value",
        ),
        (
            HEAD + "      prefix: Zzz: now\n",
            (5, 18),
            "; a ': ' inside a value starts a mapping in YAML: quote the value",
        ),
    ],
)
def test_the_commonest_yaml_slips_say_what_to_do(text: str, place: tuple[int, int], hint: str) -> None:
    error = _error(text)
    assert (error.line, error.column) == place
    assert str(error).splitlines()[0].endswith(hint)


def test_a_key_at_the_wrong_indent_gets_no_quoting_hint() -> None:
    # "mapping values are not allowed" here: the value 'x' runs on to the next line
    error = _error(HEAD + "      line: x\n        prefix: y\n")
    assert "quote" not in str(error)


@pytest.mark.parametrize(
    "matcher", ["      prefix: Story #1\n", "      prefix:\n        - Issue\n        - Story #1\n"]
)
def test_a_matcher_cut_short_by_a_comment_is_noted_at_the_comment(matcher: str) -> None:
    """``prefix: Story #1`` is the prefix "Story" to YAML: every line that starts with it
    would go, silently; ``rules check`` warns at the '#'. Not an error: with one space as
    with two, ``prefix: Zzz # the old wording`` is valid YAML, a comment meant."""
    [rule] = parse_pack(HEAD + matcher, path="p.yaml").rules
    [note] = rule.notes
    line = (HEAD + matcher).splitlines().index(matcher.splitlines()[-1]) + 1
    column = matcher.splitlines()[-1].index("#") + 1
    assert note.startswith(
        f"p.yaml:{line}:{column}: rule 'x.a': 'prefix': the value ends at ' #', where YAML starts a"
        " comment, so it is 'Story', not 'Story #1': if the '#' is part of it, quote the value"
    )


@pytest.mark.parametrize("value", ['"Story #1"', "'Story #1'", "Story  # a comment meant", "Story#1"])
def test_a_quoted_value_or_a_comment_meant_is_no_error(value: str) -> None:
    pack = parse_pack(HEAD + f"      prefix: {value}\n")
    assert pack.rules[0].matcher.values[0].startswith("Story")
    assert pack.rules[0].notes == ()


@pytest.mark.parametrize("flow", ["[Story #1, Zzz]", "{prefix: Zzz #1}"])
def test_a_comment_inside_a_flow_collection_gets_a_hint(flow: str) -> None:
    """The comment took the closing bracket with it; PyYAML's words named the next line."""
    key = "start" if flow.startswith("{") else "prefix"
    text = "pack: x\nrules:\n  - id: x.a\n    drop-block:\n" if key == "start" else HEAD
    error = _error(text + f"      {key}: {flow}\n" + ("      end: {line: x}\n" if key == "start" else ""))
    assert "' #' inside [...] or {...} starts a comment in YAML" in str(error)
