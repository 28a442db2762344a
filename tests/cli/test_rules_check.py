"""``cleaner rules check``: bundled packs pass; a failing example or bad pack is reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli.main import app


def _check(*args: str):
    return CliRunner().invoke(app, ["rules", "check", *args])


def _check_pack(pack: Path, text: str, *args: str):
    """Check only the pack written from ``text`` at ``pack`` (no bundled packs)."""
    pack.write_text(text)
    return _check("--rules", str(pack), "--no-defaults", *args)


EXAMPLES = "    examples:\n      {}\n"  # one side of a rule's examples


def _check_folder(folder: Path, packs: dict[str, str], *args: str):
    """Check only the packs written from ``packs`` (file name: text) into ``folder``."""
    for name, text in packs.items():
        (folder / name).write_text(text)
    return _check("--rules", str(folder), "--no-defaults", *args)


def _errors(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error: ")]


def test_bundled_packs_pass() -> None:
    result = _check()
    assert result.exit_code == 0, result.stderr
    assert "all examples hold" in result.stderr


def test_failing_example_is_exit_1_with_location(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "rules:\n  - id: p.more\n    description: d\n    drop-line: {prefix: 'MORE:'}\n"
        "    examples:\n      remove: ['More: lower case']\n      keep: ['x']\n"
    )
    result = _check("--rules", str(pack))
    assert result.exit_code == 1
    assert f"{pack}:2:5: rule 'p.more': does not remove its example 'More: lower case'" in result.stderr


def test_missing_examples_and_risky_regex_are_warnings(tmp_path: Path) -> None:
    result = _check_pack(
        tmp_path / "p.yaml", "rules:\n  - id: p.slow\n    drop-line: {regex: '^(\\w+\\s?)*$'}\n"
    )
    assert result.exit_code == 0
    assert "has no 'remove' example" in result.stderr
    assert "catastrophic backtracking" in result.stderr


def test_invalid_pack_is_exit_2(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text("rules:\n  - id: p.x\n    drop-line: {regex: '(unclosed'}\n")
    result = _check("--rules", str(pack))
    assert result.exit_code == 2
    assert f"{pack}:3:24: rule 'p.x': invalid regex '(unclosed': missing ) at position 9" in result.stderr


def test_a_pattern_is_quoted_as_written_in_the_pack(tmp_path: Path) -> None:
    """Not as Python's repr ('^\\\\d+'): the quoted text is what a search of the pack finds."""
    pack = tmp_path / "p.yaml"
    result = _check_pack(
        pack,
        "rules:\n  - id: p.bad\n    drop-line:\n      regex: ^\\d+ [a-z\n"
        "  - id: p.slow\n    drop-line: {regex: '^(\\w+\\s?)*$'}\n",
    )
    assert result.exit_code == 2
    assert (
        f"{pack}:4:14: rule 'p.bad': invalid regex '^\\d+ [a-z': unterminated character set" in result.stderr
    )
    assert f"{pack}:5:5: rule 'p.slow': regex '^(\\w+\\s?)*$': several ways" in result.stderr
    with pack.open() as text:
        assert "^\\d+ [a-z" in text.read()  # the quoted pattern is found in the file


PROBLEMS = {
    # legal but slow patterns: warnings with the rule's place, exit 0
    "risky-regex": (
        "rules:\n  - id: p.alt\n    drop-line: {regex: '^(a|aa)+$'}\n"
        "  - id: p.csv\n    drop-line: {regex: '^(.*?,){11}P'}\n",
        0,
        [
            ":2:5: rule 'p.alt': regex '^(a|aa)+$': several ways",
            ":4:5: rule 'p.csv': regex '^(.*?,){11}P': 11 repeats in a row",
        ],
    ),
    # a prune selector that is not CSS: an error before any HTML page meets it, exit 1
    "invalid-selector": (
        "rules:\n  - id: p.ok\n    prune: {selector: ['nav', '.share']}\n"
        "  - id: p.bad\n    prune: {selector: ['div[class=', 'aside']}\n",
        1,
        [":4:5: rule 'p.bad': prune selector 'div[class=' is not valid CSS"],
    ),
}


@pytest.mark.parametrize("case", PROBLEMS)
def test_problems_name_file_line_and_rule(tmp_path: Path, case: str) -> None:
    text, exit_code, messages = PROBLEMS[case]
    pack = tmp_path / "p.yaml"
    result = _check_pack(pack, text)
    assert result.exit_code == exit_code, result.stderr
    for message in messages:
        assert f"{pack}{message}" in result.stderr
    assert "p.ok'" not in result.stderr


@pytest.mark.parametrize(
    ("action", "warned"),
    [
        ("drop-line: {regex: '(?s).*'}", True),
        ("truncate-at: {regex: '^'}", True),
        ("strip: {regex: '.+'}", True),
        ("drop-line: {regex: '.*'}\n    max-words: 40", False),  # a long paragraph stays
        ("drop-line: {regex: '^[A-Z]'}", False),
    ],
)
def test_a_rule_that_acts_on_any_line_is_a_warning(tmp_path: Path, action: str, warned: bool) -> None:
    result = _check_pack(tmp_path / "p.yaml", f"rules:\n  - id: p.all\n    {action}\n")
    assert result.exit_code == 0
    assert ("rule 'p.all': acts on any line" in result.stderr) is warned


def test_a_folder_with_several_broken_packs_reports_every_one(tmp_path: Path) -> None:
    result = _check_folder(
        tmp_path,
        {
            "a-good.yaml": "rules:\n  - id: a-good.x\n    drop-line: {line: x}\n",
            "b-yaml.yaml": "rules:\n  - id: b.x\n    drop-line: {line: 'x}\n",
            "c-regex.yaml": (
                "rules:\n  - id: c.x\n    drop-line: {regex: '(x'}\n  - id: c.y\n    strip: {regex: 'y)'}\n"
            ),
            "d-key.yaml": "rules:\n  - id: d.x\n    drop-lien: {line: x}\n",
        },
    )
    assert result.exit_code == 2
    assert _errors(result) == [
        f"error: {tmp_path / 'b-yaml.yaml'}:3:23: invalid YAML: while scanning a quoted scalar:"
        " found unexpected end of stream at line 4, column 1",
        f"error: {tmp_path / 'c-regex.yaml'}:3:24: rule 'c.x': invalid regex '(x': missing ) at position 2"
        " of the pattern",
        f"error: {tmp_path / 'c-regex.yaml'}:5:20: rule 'c.y': invalid regex 'y)': unbalanced parenthesis"
        " at position 1 of the pattern",
        f"error: {tmp_path / 'd-key.yaml'}:3:5: rule 'd.x': unknown key 'drop-lien'"
        " (did you mean 'drop-line'?)",
    ]
    assert result.stderr.rstrip().endswith("3 of 4 packs broken.")


def test_an_example_that_times_out_is_reported_and_the_check_goes_on(tmp_path: Path) -> None:
    slow = "a" * 45 + "b"
    result = _check_folder(
        tmp_path,
        {
            "a.yaml": (
                "rules:\n  - id: a.x\n    drop-line: {regex: '^(a|aa)+$'}\n"
                f"    examples:\n      remove: [aaaa]\n      keep: [{slow}]\n"
                "  - id: a.z\n    drop-line: {prefix: Foo}\n    examples:\n      remove: [Bar]\n"
            ),
            "b.yaml": "rules:\n  - id: b.z\n    drop-line: {prefix: Foo}\n"
            + EXAMPLES.format("keep: [Foo bar]"),
        },
        "--timeout",
        "0.05",
    )
    assert result.exit_code == 1, result.stderr
    assert _errors(result) == [
        f"error: {tmp_path / 'a.yaml'}:2:5: rule 'a.x': keep example"
        f" {'a' * 29 + '…' + 'a' * 9 + 'b'!r} timed out after 0.05s (prone to catastrophic backtracking?)",
        f"error: {tmp_path / 'a.yaml'}:7:5: rule 'a.z': does not remove its example 'Bar'",
        f"error: {tmp_path / 'b.yaml'}:2:5: rule 'b.z': removes text from its keep example 'Foo bar'",
    ]
    assert f"{tmp_path / 'a.yaml'}:2:5: rule 'a.x': regex '^(a|aa)+$'" in result.stderr
    assert "document" not in result.stderr
    assert result.stderr.rstrip().endswith("2 packs, 3 rules: 3 failing examples.")


DUPLICATE = (
    "rules:\n  - id: dup.x\n    drop-line: {prefix: Foo}\n  - id: dup.x\n    drop-line: {prefix: Bar}\n"
)


def test_a_duplicate_id_is_reported_with_the_other_broken_packs(tmp_path: Path) -> None:
    result = _check_folder(
        tmp_path,
        {
            "dup.yaml": DUPLICATE,
            "unk.yaml": "rules:\n  - id: unk.x\n    drop-lien: {prefix: Foo}\n",
        },
    )
    assert result.exit_code == 2
    assert _errors(result) == [
        f"error: {tmp_path / 'dup.yaml'}:4:5: rule 'dup.x': duplicate rule id 'dup.x'"
        f" (first defined at {tmp_path / 'dup.yaml'}:2:5)",
        f"error: {tmp_path / 'unk.yaml'}:3:5: rule 'unk.x': unknown key 'drop-lien'"
        " (did you mean 'drop-line'?)",
    ]
    assert result.stderr.rstrip().endswith("2 of 2 packs broken.")


def test_the_examples_of_the_packs_that_load_still_run_beside_a_broken_pack(tmp_path: Path) -> None:
    result = _check_folder(
        tmp_path,
        {
            "dup.yaml": DUPLICATE,
            "fail.yaml": "rules:\n  - id: fail.x\n    drop-line: {prefix: Foo}\n"
            + EXAMPLES.format("remove: [Bar]"),
            "regex.yaml": "rules:\n  - id: regex.x\n    drop-line: {regex: '(x'}\n"
            + EXAMPLES.format("remove: [x]"),
        },
    )
    assert result.exit_code == 2  # a broken pack outweighs a failing example
    errors = _errors(result)
    assert errors[0].startswith(f"error: {tmp_path / 'dup.yaml'}:4:5: rule 'dup.x': duplicate rule id")
    assert errors[1].startswith(f"error: {tmp_path / 'regex.yaml'}:3:24: rule 'regex.x': invalid regex '(x'")
    assert errors[2:] == [
        f"error: {tmp_path / 'fail.yaml'}:2:5: rule 'fail.x': does not remove its example 'Bar'"
    ]
    assert result.stderr.rstrip().endswith("3 packs, 3 rules: 1 failing example.\n2 of 3 packs broken.")


SITE = "sources: [example.com]\ndisable: [{}]\nrules:\n  - id: site.x\n    drop-line: {{prefix: Bar}}\n"


@pytest.mark.parametrize(
    ("generic_action", "disable", "error", "summary"),
    [
        # every name no rule has, at its line and column; its pack is counted as broken
        (
            "drop-line",
            "gen.promo, gen.prom",
            ":2:22: disable: no rule or pack is called 'gen.prom' (did you mean 'gen.promo'?)",
            "2 packs, 2 rules: all examples hold.\n1 of 2 packs broken.",
        ),
        # a name of a rule whose pack did not load is not blamed on the site pack
        ("drop-lien", "gen.promo", None, "1 pack, 1 rule: all examples hold.\n1 of 2 packs broken."),
    ],
)
def test_disable_names_are_checked_against_the_packs_that_load(
    tmp_path: Path, generic_action: str, disable: str, error: str | None, summary: str
) -> None:
    generic = f"rules:\n  - id: gen.promo\n    {generic_action}: {{prefix: Foo}}\n"
    result = _check_folder(tmp_path, {"gen.yaml": generic, "site.yaml": SITE.format(disable)})
    assert result.exit_code == 2
    if error is None:
        assert "disable:" not in result.stderr
    else:
        assert f"error: {tmp_path / 'site.yaml'}{error}" in result.stderr
    assert result.stderr.rstrip().endswith(summary)


def test_a_misspelt_top_level_key_is_named_at_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    result = _check_pack(pack, "pack: p\nrulez:\n  - id: p.x\n    drop-line: {line: x}\n")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: {pack}:2:1: unknown key 'rulez' (did you mean 'rules'?)\n"
        "     2 | rulez:\n"
        "1 of 1 pack broken.\n"
    )


def test_a_pack_reached_twice_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "site.yaml").write_text(
        "rules:\n  - id: site.x\n    drop-line: {prefix: Zzz}\n    examples: {remove: [Zzz], keep: [Story]}\n"
    )
    monkeypatch.chdir(tmp_path)
    result = _check("--no-defaults", "--rules", "rules", "--rules", "./rules/", "--rules", "rules/site.yaml")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "1 pack, 1 rule: all examples hold.\n"


def test_a_source_that_would_never_match_is_an_error_not_a_green_check(tmp_path: Path) -> None:
    pack = tmp_path / "s.yaml"
    result = _check_pack(
        pack,
        "sources: ['https://www.metro.co.uk/news/']\nrules:\n  - id: s.x\n    drop-line: {prefix: Zzz}\n"
        "    examples: {remove: [Zzz], keep: [Story]}\n",
    )
    assert result.exit_code == 2
    assert _errors(result) == [
        f"error: {pack}:1:11: item 1 of 'sources' names a page, not a site: write only its host"
        " 'metro.co.uk' (a pack applies to every page of its sources; '/news/' would be ignored)"
    ]


def test_every_mistake_of_one_rule_is_reported_in_one_run(tmp_path: Path) -> None:
    pack = tmp_path / "many.yaml"
    result = _check_pack(
        pack,
        "rules:\n  - id: many.x\n    drop-line: {prefix: 5}\n    max-words: ten\n"
        "    ignore-case: 'yes'\n    position: middle\n    colour: red\n",
    )
    assert result.exit_code == 2
    assert [line.split(": rule 'many.x': ")[1] for line in _errors(result)] == [
        "'prefix' must be text (not empty) or a list of texts, not the number 5",
        "'max-words' must be a whole number, not 'ten'",
        "'ignore-case' must be true or false, not 'yes'",
        "'position' must be 'any', 'head' or 'tail', not 'middle'",
        "unknown key 'colour'",
    ]
    assert result.stderr.endswith("1 of 1 pack broken.\n")


def test_a_matcher_yaml_ends_at_a_comment_is_a_warning_not_a_broken_pack(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    result = _check_pack(
        pack,
        "rules:\n  - id: p.x\n    drop-line:\n      prefix: Zzz # the old wording\n"
        "    examples: {remove: [Zzz], keep: [Story]}\n",
    )
    assert result.exit_code == 0, result.stderr
    assert f"warning: {pack}:4:19: rule 'p.x': 'prefix': the value ends at ' #'" in result.stderr
    assert result.stderr.splitlines()[-1] == "1 pack, 1 rule: all examples hold."


def test_an_id_not_prefixed_with_its_pack_s_name_is_a_warning(tmp_path: Path) -> None:
    """The README's convention (``metro.got-a-story`` in pack ``metro``) is linted, not
    refused: an alias is an old id and may name another pack, and a pack named by its
    file (``Up.YAML``: pack ``Up``) takes ids in lower case."""
    rule = "    drop-line: {{line: {0}}}\n    examples: {{remove: [{0}], keep: [x]}}\n"
    result = _check_folder(
        tmp_path,
        {
            "c.yaml": "pack: c\nrules:\n  - id: other.one\n" + rule.format("zz")
            + "  - id: c.two\n    aliases: [old.two]\n" + rule.format("yy"),
            "Up.YAML": "rules:\n  - id: up.three\n" + rule.format("ww"),
        },
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith("warning: ")] == [
        f"warning: {tmp_path / 'c.yaml'}:3:5: rule 'other.one': the id does not start with its pack's"
        " name ('c.'), which keeps the ids of different packs apart and shows that '--disable c'"
        " leaves the rule out"
    ]
