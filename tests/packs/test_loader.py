"""Loading packs: the minimal form loads; every mistake is located file:line:col."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.packs.loader import load_pack, load_packs, parse_pack
from cleaner.packs.model import Action, Position, ProseStop

MINIMAL = """\
rules:
  - id: example.newsletter
    drop-line:
      regex: "^Sign up for our .{0,40}newsletter"
  - id: example.related
    truncate-at:
      line: "Related Articles"
"""


def test_minimal_pack_form_loads_as_written() -> None:
    pack = parse_pack(MINIMAL, path="mini.yaml", default_name="mini")
    assert pack.name == "mini" and pack.generic
    first, second = pack.rules
    assert first.action is Action.DROP_LINE and first.matcher.kind == "regex"
    assert second.action is Action.TRUNCATE_AT and second.matcher.values == ("Related Articles",)
    assert (first.line, second.line) == (2, 5)


def test_full_rule_fields() -> None:
    pack = parse_pack(
        textwrap.dedent(
            """\
            pack: site
            description: d
            sources: [Example.COM]
            rules:
              - id: site.x
                description: why
                drop-line: {line: [a, b]}
                ignore-case: true
                max-words: 3
                position: tail
                examples: {remove: [a], keep: [c]}
            """
        )
    )
    rule = pack.rules[0]
    assert pack.sources == ("example.com",)
    assert rule.matcher.values == ("a", "b") and rule.ignore_case and rule.max_words == 3
    assert rule.position is Position.TAIL
    assert rule.examples.remove == ("a",) and rule.examples.keep == ("c",)


def test_cluster_rule_fields_and_defaults() -> None:
    pack = parse_pack(
        textwrap.dedent(
            """\
            rules:
              - id: c.thread
                truncate-at-cluster:
                  match: {prefix: Thanks}
                  within-lines: 10
                min-words-before: 150
                max-words: 60
            """
        )
    )
    rule = pack.rules[0]
    assert rule.action is Action.TRUNCATE_AT_CLUSTER and rule.matcher.values == ("Thanks",)
    assert (rule.min_lines, rule.within_lines) == (3, 10)
    assert (rule.min_words_before, rule.max_words) == (150, 60)


def test_stop_at_prose_guard_and_its_defaults() -> None:
    pack = parse_pack(
        "rules:\n  - id: c.a\n    truncate-at: {line: x}\n    stop-at-prose: {words: 40}\n"
        "  - id: c.b\n    truncate-at: {line: y}\n"
    )
    guarded, plain = pack.rules
    assert guarded.stop_at_prose == ProseStop(lines=2, words=40, gap=1, min_cut=1, long_line=None)
    assert plain.stop_at_prose is None  # no guard unless the pack asks for one


def test_stop_at_prose_long_line() -> None:
    text = "rules:\n  - id: c.a\n    truncate-at: {line: x}\n    stop-at-prose: {long-line: 120}\n"
    pack = parse_pack(text)
    assert pack.rules[0].stop_at_prose == ProseStop(lines=2, words=30, gap=1, min_cut=1, long_line=120)


ERRORS = [
    # (pack text, expected line, fragment of the message)
    (
        "rules:\n  - id: a.b\n    drop-lien: {line: x}\n",
        3,
        "unknown key 'drop-lien' (did you mean 'drop-line'?)",
    ),
    ("rules:\n  - id: a.b\n    drop-line: {lin: x}\n", 3, "unknown key 'lin'"),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    max-words: many\n",
        4,
        "'max-words' must be integer",
    ),
    ("rules:\n  - id: a.b\n    drop-line: {line: 3}\n", 3, "must be a non-empty string or a list"),
    ("rules:\n  - id: a.b\n", 2, "give exactly one action"),
    ("rules:\n  - id: a.b\n    drop-line: {line: x}\n    strip: {line: y}\n", 2, "found drop-line, strip"),
    ("rules:\n  - id: a.b\n    drop-line: {line: x, prefix: y}\n", 3, "exactly one matcher"),
    (
        "rules:\n  - id: a.b\n    strip: {line: x}\n    position: tail\n",
        4,
        "'position' applies only to drop-line",
    ),
    ("rules:\n  - id: a.b\n    drop-line: {regex: '(unclosed'}\n", 3, "invalid regex"),  # the pattern's line
    ("rules:\n  - id: a.b\n    drop-line: {line: x}\n    drop-line: {line: y}\n", 4, "duplicate key"),
    ("rules:\n  - id: a.b\n    drop-line: [unclosed\n", 3, "invalid YAML"),  # where the '[' opens
    ("rules:\n  - id: Bad Id\n    drop-line: {line: x}\n", 2, "must match pattern"),
    # a list's item is named by its place, not as if its index were a key
    ("sources: [a.com, '']\nrules: []\n", 1, ":1:18: item 2 of 'sources' must not be empty"),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    examples: {keep: [x, 3]}\n",
        4,
        ":4:26: rule 'a.b': item 2 of 'keep' must be string",
    ),
    (
        "pack: p\nsources: [a.com]\ndisable: [ok, Bad]\nrules: []\n",
        3,
        ":3:15: item 2 of 'disable' must match",
    ),
    # a required key missing because it is misspelt: the misspelt key, at its place
    ("pack: p\nrulez:\n  - id: a.b\n", 2, ":2:1: unknown key 'rulez' (did you mean 'rules'?)"),
    ("rules:\n  - idd: a.b\n    drop-line: {line: x}\n", 2, ":2:5: unknown key 'idd' (did you mean 'id'?)"),
    ("rules: !!python/object/apply:os.system [echo hi]\n", 1, "invalid YAML"),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster:\n      match: {line: x}\n      min-lines: 5\n"
        "      within-lines: 4\n",
        5,
        ":5:7: rule 'a.b': min-lines (5) is more than within-lines (4): such a cluster never forms",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}, min-lines: 1}\n",
        3,
        "must be bigger than or equal to 2",
    ),
    ("rules:\n  - id: a.b\n    truncate-at-cluster: {min-lines: 3}\n", 3, "must contain ['match']"),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}}\n    position: tail\n",
        4,
        "'position' applies only to drop-line",
    ),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    stop-at-prose: {lines: 2}\n",
        4,
        "'stop-at-prose' applies only to truncate-at, truncate-at-cluster, drop-block",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 2, word: 30}\n",
        4,
        "unknown key 'word' (did you mean 'words'?)",
    ),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 0}\n", 4, "lines"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {min-cut: 0}\n", 4, "min-cut"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {long-line: 0}\n", 4, "long-line"),
]


@pytest.mark.parametrize(("text", "line", "fragment"), ERRORS)
def test_errors_are_located(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_packs([path])  # through the RuleSet too, so regexes compile
        from cleaner.engine.compiler import RuleSet

        RuleSet(load_packs([path]))
    error = info.value
    assert error.path == str(path)
    assert error.line == line, str(error)
    assert fragment in str(error)
    assert str(error).startswith(f"{path}:{line}")


def test_error_names_the_rule_and_shows_the_line(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("rules:\n  - id: site.promo\n    drop-line: {line: x}\n    max-wrds: 3\n")
    with pytest.raises(RuleError) as info:
        load_pack(path)
    message = str(info.value)
    assert "rule 'site.promo'" in message
    assert "max-wrds: 3" in message  # the excerpt of the offending line


def test_duplicate_ids_across_packs(tmp_path: Path) -> None:
    from cleaner.engine.compiler import RuleSet

    for name in ("one", "two"):
        (tmp_path / f"{name}.yaml").write_text("rules:\n  - id: same.id\n    drop-line: {line: x}\n")
    with pytest.raises(RuleError) as raised:
        RuleSet(load_packs([tmp_path]))
    assert str(raised.value) == (
        f"{tmp_path / 'two.yaml'}:2:5: rule 'same.id': duplicate rule id 'same.id'"
        f" (first defined at {tmp_path / 'one.yaml'}:2:5)"
    )


def test_folder_loads_sorted_and_missing_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "b.yaml").write_text("rules: []\n")
    (tmp_path / "a.yml").write_text("rules: []\n")
    (tmp_path / "notes.txt").write_text("not a pack")
    assert [p.name for p in load_packs([tmp_path])] == ["a", "b"]
    with pytest.raises(RuleError, match="no such rule pack"):
        load_packs([tmp_path / "missing.yaml"])


def test_empty_and_non_mapping_packs(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="empty rule pack"):
        parse_pack("")
    with pytest.raises(RuleError, match="must be object"):
        parse_pack("- just\n- a list\n")


def test_an_error_on_a_very_long_line_shows_only_the_part_around_it() -> None:
    long_line = "    drop-line: {regex: '" + "a" * 2_000_000 + "' ]"
    with pytest.raises(RuleError) as raised:
        parse_pack(f"rules:\n  - id: p.x\n{long_line}\n", path="p.yaml")
    message = str(raised.value)
    # reported where the unclosed mapping opens, column 16; the line shown is cut around it
    assert message.startswith("p.yaml:3:16: invalid YAML")
    assert len(message) < 400
    assert message.endswith("     3 |     drop-line: {regex: '" + "a" * 96 + "…")


def test_an_empty_pack_name_is_not_the_working_folder() -> None:
    with pytest.raises(RuleError, match="an empty name is no rule pack file or folder"):
        load_packs([""])
