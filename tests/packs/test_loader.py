"""Loading packs: the minimal form loads; every mistake is located file:line:col."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from cleaner.errors import RuleError
from cleaner.packs.loader import load_pack, load_packs, parse_pack, read_pack
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


def test_stop_at_prose_narration_and_end_lines() -> None:
    text = (
        "rules:\n  - id: c.a\n    truncate-at: {line: x}\n"
        "    stop-at-prose: {speech-words: 8, narration-words: 10, end-lines: 1}\n"
    )
    guard = parse_pack(text).rules[0].stop_at_prose
    assert guard == ProseStop(speech_words=8, narration_words=10, end_lines=1)


def test_stop_at_prose_tables() -> None:
    text = "rules:\n  - id: c.a\n    truncate-at: {line: x}\n    stop-at-prose: {tables: true}\n"
    assert parse_pack(text).rules[0].stop_at_prose == ProseStop(tables=True)


def test_stop_at_prose_quoted_section_and_closing_words() -> None:
    text = (
        "rules:\n  - id: c.a\n    truncate-at: {line: x}\n"
        "    stop-at-prose: {quoted: true, section-words: 30, closing-words: 40, subheadings: true}\n"
    )
    guard = parse_pack(text).rules[0].stop_at_prose
    assert guard == ProseStop(quoted=True, section_words=30, closing_words=40, subheadings=True)


def test_a_cluster_takes_max_run() -> None:
    text = "rules:\n  - id: c.a\n    truncate-at-cluster: {match: {line: x}, max-run: 2}\n"
    assert parse_pack(text).rules[0].max_run == 2
    assert parse_pack(text.replace(", max-run: 2", "")).rules[0].max_run is None


def test_a_prune_rule_takes_a_word_limit_and_keep_sections() -> None:
    text = "rules:\n  - id: p.a\n    max-words: 40\n    prune: {selector: '.x', keep-sections: true}\n"
    rule = parse_pack(text).rules[0]
    assert (rule.selectors, rule.max_words, rule.keep_sections) == ((".x",), 40, True)
    assert parse_pack("rules:\n  - id: p.a\n    prune: {selector: '.x'}\n").rules[0].keep_sections is False


def test_a_prune_rule_takes_keep_introduced() -> None:
    text = "rules:\n  - id: p.a\n    prune: {selector: '.x', keep-introduced: true}\n"
    assert parse_pack(text).rules[0].keep_introduced is True
    assert parse_pack("rules:\n  - id: p.a\n    prune: {selector: '.x'}\n").rules[0].keep_introduced is False


ERRORS = [
    # (pack text, expected line, fragment of the message)
    (
        "rules:\n  - id: a.b\n    prune: {selector: '.x', keep-sections: 'yes'}\n",
        3,
        "'keep-sections' must be",
    ),
    (
        "rules:\n  - id: a.b\n    drop-lien: {line: x}\n",
        3,
        "unknown key 'drop-lien' (did you mean 'drop-line'?)",
    ),
    ("rules:\n  - id: a.b\n    drop-line: {lin: x}\n", 3, "unknown key 'lin'"),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    max-words: many\n",
        4,
        ":4:16: rule 'a.b': 'max-words' must be a whole number, not 'many'",
    ),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: 3}\n",
        3,
        "'line' must be text (not empty) or a list of texts, not the number 3",
    ),
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
    (
        "rules:\n  - id: Bad Id\n    drop-line: {line: x}\n",
        2,
        "'id' must be kebab-case (lower-case letters, digits, '.', '_' and '-'), not 'Bad Id'",
    ),
    # a list's item is named by its place, not as if its index were a key
    ("sources: [a.com, '']\nrules: []\n", 1, ":1:18: item 2 of 'sources' must not be empty"),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    examples: {keep: [x, 3]}\n",
        4,
        ":4:26: rule 'a.b': item 2 of 'keep' must be text, not the number 3"
        " (YAML reads it as a number: quote it)",
    ),
    # a matcher's list too: the item that is no text, not "not a list"
    (
        "rules:\n  - id: a.b\n    drop-line: {regex: [123, '^ok$']}\n",
        3,
        ":3:25: rule 'a.b': item 1 of 'regex' must be text, not the number 123"
        " (YAML reads it as a number: quote it)",
    ),
    (
        "rules:\n  - id: a.b\n    strip: {prefix: [x, '']}\n",
        3,
        ":3:25: rule 'a.b': item 2 of 'prefix' must not be empty",
    ),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: []}\n",
        3,
        ":3:23: rule 'a.b': 'line' must list at least 1 item",
    ),
    (
        "pack: p\nsources: [a.com]\ndisable: [ok, Bad]\nrules: []\n",
        3,
        ":3:15: item 2 of 'disable' must be kebab-case",
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
        ":3:56: rule 'a.b': 'min-lines' must be at least 2, not 1",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster: {min-lines: 3}\n",
        3,
        ":3:5: rule 'a.b': 'truncate-at-cluster' needs 'match'",
    ),
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
    ("rules:\n  - id: a.b\n    drop-line: {line: x}\n    stop-at: {line: y}\n", 4, "'stop-at' applies"),
    ("rules:\n  - id: a.b\n    prune: {selector: nav}\n    unless: {line: y}\n", 4, "'unless' applies"),
    ("rules:\n  - id: a.b\n    drop-line: {line: x}\n    unless: {lines: y}\n", 4, "unless"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    spare-series: true\n", 4, "only to truncate-at-c"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    spare-introduced: true\n", 4, "only to trunc"),
    (  # true, or the labels that introduce nothing
        "rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}}\n"
        "    spare-introduced: yes please\n",
        4,
        ":4:23: rule 'a.b': 'spare-introduced' must be true or false or a mapping (keys indented under it),"
        " not 'yes please'",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}}\n"
        "    spare-introduced: {label: y}\n",
        4,
        "unknown key 'label' (did you mean 'labels'?)",
    ),
    (
        "rules:\n  - id: a.b\n    strip: {line: x}\n    keep-data-rows: true\n",
        4,
        "'keep-data-rows' applies only to drop-line",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 2, word: 30}\n",
        4,
        "unknown key 'word' (did you mean 'words'?)",
    ),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 0}\n", 4, "lines"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {min-cut: 0}\n", 4, "min-cut"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {long-line: 0}\n", 4, "long-line"),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {tables: 1}\n", 4, "tables"),
    (
        "rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 2, end-lines: 1}\n",
        4,
        ":4:31: rule 'a.b': 'end-lines' counts only beside lines of reported speech: give 'speech-words' too",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {narration-words: 8}\n",
        4,
        "'narration-words' counts only beside lines of reported speech",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}}\n"
        "    stop-at-prose: {quoted: true}\n",
        4,
        ":4:21: rule 'a.b': 'quoted' applies only to the marker of a truncate-at",
    ),
    (
        "rules:\n  - id: a.b\n    drop-block: {start: {line: x}, end: {line: y}}\n"
        "    stop-at-prose: {section-words: 30}\n",
        4,
        "'section-words' applies only to the marker of a truncate-at",
    ),
    ("rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {closing-words: 0}\n", 4, "clos"),
    ("rules:\n  - id: a.b\n    truncate-at-cluster: {match: {line: x}, max-run: 0}\n", 3, "max-run"),
    # schema errors in YAML words (lists, mappings, keys), at the value when its kind is wrong
    (
        "rules:\n  - id: a.b\n    drop-block: {start: {line: x}, max-lines: 5}\n",
        3,
        ":3:5: rule 'a.b': 'drop-block' needs 'end'",
    ),
    (
        'rules:\n  - id: a.b\n    drop-line: {line: x}\n    examples:\n      remove: "x y"\n',
        5,
        ":5:15: rule 'a.b': 'remove' must be a list, not 'x y': write remove: [x y]",
    ),
    (
        "sources: metro.co.uk\nrules: []\n",
        1,
        ":1:10: 'sources' must be a list, not 'metro.co.uk': write sources:",
    ),
    (
        "description: yes\nrules: []\n",
        1,
        ":1:14: 'description' must be text, not true (YAML reads it as true or false: quote it)",
    ),
    (
        "rules:\n  - id: a.b\n    truncate-at: {line: x}\n    stop-at-prose: {lines: 0}\n",
        4,
        ":4:28: rule 'a.b': 'lines' must be at least 1, not 0",
    ),
    ("rules:\n  - id: a.b\n    drop-line: {line: x}\n    max-words: 100001\n", 4, "must be at most 100000"),
    (
        "rules:\n  - id: a.b\n    drop-line: {line: x}\n    position: middle\n",
        4,
        ":4:15: rule 'a.b': 'position' must be 'any', 'head' or 'tail', not 'middle'",
    ),
    # the commonest indentation slip: the matcher at the level of its action
    (
        "rules:\n  - id: a.b\n    drop-line:\n    prefix: Zzz\n",
        3,
        ":3:5: rule 'a.b': 'drop-line' has nothing under it: indent a matcher ('line', 'prefix', 'suffix',"
        " 'contains' or 'regex') under it ('prefix' on line 4 is at the level of 'drop-line')",
    ),
    (
        "rules:\n  - id: a.b\n    drop-block:\n    start: {line: x}\n",
        3,
        "'drop-block' has nothing under it: indent its keys ('start', 'end' and 'max-lines') under it",
    ),
    (
        "rules:\n  - id: a.b\n    drop-line: Zzz\n",
        3,
        ":3:16: rule 'a.b': 'drop-line' must be a mapping (keys indented under it), not 'Zzz': write"
        " drop-line: {prefix: Zzz}",
    ),
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
    with pytest.raises(RuleError, match=r"the pack must be a mapping .*, not a list"):
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


@pytest.mark.parametrize(
    "entry", ["https://metro.co.uk/", "metro.co.uk.", "www.metro.co.uk:443", "*.metro.co.uk"]
)
def test_sources_are_read_as_a_documents_source_is(entry: str) -> None:
    """A source pasted as the site's URL (or with a port, a dot, a wildcard) selects the
    site, as it does given as --source: before, the pack never applied, silently."""
    from cleaner.engine.compiler import RuleSet

    pack = parse_pack(f"sources: ['{entry}']\nrules:\n  - id: s.x\n    drop-line: {{prefix: Zzz}}\n")
    assert pack.sources == ("metro.co.uk",)
    rules = RuleSet([pack])
    assert [r.id for r in rules.rules_for("https://metro.co.uk/2025/x")] == ["s.x"]


def test_a_source_that_names_a_page_is_an_error_at_its_entry() -> None:
    with pytest.raises(RuleError) as raised:
        parse_pack("sources: [x.org, 'https://metro.co.uk/news/']\nrules: []\n", path="s.yaml")
    assert str(raised.value).startswith(
        "s.yaml:1:18: item 2 of 'sources' names a page, not a site: write only its host 'metro.co.uk'"
    )


def test_an_empty_sources_list_is_an_error_not_a_generic_pack() -> None:
    """Empty, it made the site pack generic: its rules ran on every site."""
    with pytest.raises(RuleError) as raised:
        parse_pack("sources: []\nrules: []\n", path="s.yaml")
    assert str(raised.value).startswith(
        "s.yaml:1:10: 'sources' must list at least 1 item; leave it out for a generic pack"
    )


def test_a_pack_reached_twice_is_loaded_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder and a file in it, or one folder by two names: one pack, named as first
    reached, not a duplicate-id error pointing at itself."""
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.yaml").write_text("rules:\n  - id: a.x\n    drop-line: {line: x}\n")
    (folder / "b.yaml").write_text("rules:\n  - id: b.x\n    drop-line: {line: y}\n")
    monkeypatch.chdir(tmp_path)
    packs = load_packs(["rules", "./rules/", "rules/b.yaml", str(folder / "a.yaml")])
    assert [(p.name, p.path) for p in packs] == [("a", "rules/a.yaml"), ("b", "rules/b.yaml")]


def test_one_path_is_one_pack_source_not_its_letters(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rules: []\n")
    assert [p.name for p in load_packs(str(tmp_path))] == ["a"]
    assert [p.name for p in load_packs(tmp_path / "a.yaml")] == ["a"]
    with pytest.raises(TypeError, match="not bytes"):
        load_packs(str(tmp_path).encode())
    with pytest.raises(TypeError, match="not int"):
        load_packs([str(tmp_path), 5])


def test_a_folder_walk_takes_pack_suffixes_in_any_case(tmp_path: Path) -> None:
    (tmp_path / "Up.YAML").write_text("rules: []\n")
    (tmp_path / "low.Yml").write_text("rules: []\n")
    (tmp_path / "dir.yaml").mkdir()  # a folder so named is no pack
    assert [p.name for p in load_packs([tmp_path])] == ["Up", "low"]


def test_a_pack_not_in_utf8_names_the_line_column_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes('rules:\n  - id: lat.x\n    drop-line: {prefix: "Café"}\n'.encode("latin-1"))
    with pytest.raises(RuleError) as raised:
        load_packs([path])
    assert str(raised.value).splitlines() == [
        f"{path}:3:29: not valid utf-8: byte 0xe9",
        '     3 |     drop-line: {prefix: "Caf\ufffd"}',
    ]


def test_a_pack_with_a_bom_and_crlf_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfrules:\r\n  - id: a.b\r\n    drop-line: {line: x}\r\n")
    assert [rule.id for rule in load_pack(path).rules] == ["a.b"]


MANY = """\
pack: Bad
sources: x.org
rules:
  - id: a.b
    drop-line: {prefix: 5}
    max-words: ten
    ignore-case: "yes"
    position: middle
    colour: red
  - id: c.d
    strip: {line: x}
    position: tail
  - idd: e.f
    drop-line: {line: y}
  - id: g.h
    drop-block: {start: 5, end: {line: x}}
    examples: {keep: [x, 3]}
  - 5
  - id: ok.x
    drop-line: {line: x}
"""


def test_every_problem_of_a_pack_is_found_in_one_read() -> None:
    """Not only the first (fastjsonschema stops there): fixing a pack takes one run, not
    one per mistake. Consequences are not reported: 'idd' misspelt is not also 'needs id',
    'start' refused is not also "'drop-block' needs 'start'"."""
    pack, problems = read_pack(MANY, path="m.yaml")
    assert pack is None
    assert [f"{p.line}:{p.column}: {p.message}" for p in problems] == [
        "1:7: 'pack' must be kebab-case (lower-case letters, digits, '.', '_' and '-'), not 'Bad'",
        "2:10: 'sources' must be a list, not 'x.org': write sources: [x.org]",
        "5:25: 'prefix' must be text (not empty) or a list of texts, not the number 5",
        "6:16: 'max-words' must be a whole number, not 'ten'",
        "7:18: 'ignore-case' must be true or false, not 'yes'",
        "8:15: 'position' must be 'any', 'head' or 'tail', not 'middle'",
        "9:5: unknown key 'colour'",
        "12:5: 'position' applies only to drop-line",
        "13:5: unknown key 'idd' (did you mean 'id'?)",
        "16:25: 'start' must be a mapping (keys indented under it), not the number 5",
        "17:26: item 2 of 'keep' must be text, not the number 3 (YAML reads it as a number: quote it)",
        "18:5: item 5 of 'rules' must be a mapping (keys indented under it), not the number 5",
    ]
    with pytest.raises(RuleError) as raised:  # loading for a run stops at the first
        parse_pack(MANY, path="m.yaml")
    assert str(raised.value).startswith("m.yaml:1:7: 'pack' must be kebab-case")


def test_a_valid_pack_has_no_problems() -> None:
    pack, problems = read_pack(MINIMAL)
    assert problems == [] and pack is not None and len(pack.rules) == 2


@pytest.mark.parametrize(("encoding", "name"), [("utf-16", "UTF-16"), ("utf-32", "UTF-32")])
def test_a_pack_saved_as_utf_16_or_32_says_so(tmp_path: Path, encoding: str, name: str) -> None:
    """It was 'not valid utf-8: byte 0xff' at 1:1, with an excerpt of mojibake."""
    pack = tmp_path / "wide.yaml"
    pack.write_bytes("rules:\n  - id: w.x\n    drop-line: {prefix: Zzz}\n".encode(encoding))
    with pytest.raises(RuleError, match=f"wide.yaml: is {name} .*: save it as UTF-8"):
        load_pack(pack)


def test_a_hard_link_to_a_pack_is_that_pack(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("rules:\n  - id: t.x\n    drop-line: {line: x}\n")
    os.link(tmp_path / "a.yaml", tmp_path / "b.yaml")
    assert [pack.path for pack in load_packs(tmp_path)] == [str(tmp_path / "a.yaml")]
