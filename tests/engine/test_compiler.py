"""Compiling rules: literals escaped, sources selecting site packs, risky patterns flagged."""

from __future__ import annotations

import pytest

from cleaner.engine.compiler import (
    RuleSet,
    compile_errors,
    compile_rule,
    lint_rule,
    matcher_source,
    source_host,
)
from cleaner.errors import RuleError
from cleaner.packs.loader import load_pack
from cleaner.packs.model import Action, Matcher, Pack, Rule


def _rule(kind: str, *values: str, **extra) -> Rule:
    return Rule(id="t.r", action=Action.DROP_LINE, matcher=Matcher(kind, values), **extra)


@pytest.mark.parametrize(
    ("kind", "value", "hit", "miss"),
    [
        ("line", "Read more...", "  Read more...  ", "Read more!!!"),
        ("prefix", "MORE:", "MORE: a story", "NO MORE: now"),
        ("suffix", "(AP)", "Reporting by X (AP)", "(AP) at the start"),
        ("contains", "a+b", "sum a+b here", "aab"),
    ],
)
def test_literals_are_escaped_and_anchored(kind: str, value: str, hit: str, miss: str) -> None:
    pattern = compile_rule(_rule(kind, value)).pattern
    assert pattern.search(hit)
    assert not pattern.search(miss)


def test_several_values_are_alternatives() -> None:
    assert matcher_source(Matcher("line", ("a", "b"))) == r"^\s*(?:a|b)\s*$"


def test_ignore_case_uses_full_case_folding() -> None:
    pattern = compile_rule(_rule("line", "STRASSE", ignore_case=True)).pattern
    assert pattern.search("straße")


@pytest.mark.parametrize(
    ("source", "host"),
    [
        ("https://www.Metro.co.uk/news/x?y=1", "metro.co.uk"),
        ("metro.co.uk", "metro.co.uk"),
        ("news.metro.co.uk/path", "news.metro.co.uk"),
        ("http://example.com:8080/", "example.com"),
        ("metro.co.uk.", "metro.co.uk"),  # a fully qualified name
        ("https://www.metro.co.uk.:443/x", "metro.co.uk"),
        ("//metro.co.uk/x", "metro.co.uk"),  # protocol-relative, as crawls write them
        ("//www.Metro.co.uk", "metro.co.uk"),
        ("http://[oops/x", None),  # malformed: no host, not a ValueError
        ("user@metro.co.uk", "user@metro.co.uk"),
        (None, None),
        ("", None),
    ],
)
def test_source_host(source, host) -> None:
    assert source_host(source) == host


def test_site_packs_apply_to_their_sources_and_subdomains_only() -> None:
    generic = Pack("g", (_rule("line", "x"),))
    site = Pack(
        "s",
        (Rule(id="s.r", action=Action.DROP_LINE, matcher=Matcher("line", ("y",))),),
        sources=("metro.co.uk",),
    )
    rules = RuleSet([generic, site])
    assert [r.id for r in rules.rules_for(None)] == ["t.r"]
    assert [r.id for r in rules.rules_for("https://metro.co.uk/a")] == ["t.r", "s.r"]
    assert [r.id for r in rules.rules_for("sport.metro.co.uk")] == ["t.r", "s.r"]
    assert [r.id for r in rules.rules_for("notmetro.co.uk")] == ["t.r"]
    assert [r.id for r in rules.rules_for("metro.co.uk.")] == ["t.r", "s.r"]
    assert [r.id for r in rules.rules_for("//metro.co.uk/2025/x")] == ["t.r", "s.r"]
    assert [r.id for r in rules.rules_for("//metro.co.uk.evil.com/x")] == ["t.r"]


def test_a_source_written_with_www_applies_to_that_host() -> None:
    # a learned pack for a host under no known suffix is named with its www.
    site = Pack("s", (_rule("line", "y"),), sources=("www.site0.example",))
    rules = RuleSet([site])
    for source in ("www.site0.example", "https://www.site0.example/0", "site0.example"):
        assert [r.id for r in rules.rules_for(source)] == ["t.r"], source
    assert [r.id for r in rules.rules_for("other.example")] == []


def test_prune_selectors_follow_sources() -> None:
    prune = Rule(id="p.r", action=Action.PRUNE, selectors=("div.share",))
    rules = RuleSet([Pack("p", (prune,), sources=("a.com",))])
    assert rules.selectors_for("a.com") == ("div.share",)
    assert rules.selectors_for("b.com") == ()


def test_lint_flags_nested_quantifiers_and_bare_dots() -> None:
    assert any("backtracking" in w for w in lint_rule(_rule("regex", r"^(\w+\s?)*$")))
    assert any("'...'" in w for w in lint_rule(_rule("regex", "Read more...")))
    assert lint_rule(_rule("regex", r"^Follow (?:us|\w+(?: \w+){0,3}) on X")) == []
    assert lint_rule(_rule("line", "Read more...")) == []  # literals are escaped


def test_a_bad_regex_names_its_file_line_column_rule_and_position(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text('rules:\n  - id: x.a\n    drop-line:\n      regex: ["^ok", "^(Sign up"]\n')
    with pytest.raises(RuleError) as info:
        RuleSet([load_pack(path)])
    assert str(info.value).splitlines() == [
        f"{path}:4:22: rule 'x.a': invalid regex '^(Sign up': missing ) at position 9 of the pattern",
        '     4 |       regex: ["^ok", "^(Sign up"]',
        "  pattern | ^(Sign up",
        "                     ^",
    ]


def test_a_bad_regex_over_several_lines_shows_the_line_of_the_pattern_at_fault(tmp_path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("rules:\n  - id: x.b\n    strip:\n      regex: |\n        (?x) ^foo\n        [z-a]\n")
    with pytest.raises(RuleError) as info:
        RuleSet([load_pack(path)])
    error = info.value
    assert (error.line, error.column, error.rule_id) == (4, 14, "x.b")
    assert "bad character range at position 14 of the pattern" in str(error)
    assert str(error).splitlines()[-2:] == ["  pattern | [z-a]", "                ^"]


def test_a_bad_regex_made_in_python_is_named_by_its_rule() -> None:
    with pytest.raises(RuleError) as info:
        compile_rule(_rule("regex", "a{2,1}", line=7))
    assert str(info.value).startswith("<memory>:7: rule 't.r': invalid regex 'a{2,1}': min repeat greater")


def test_compile_errors_names_every_rule_that_does_not_compile() -> None:
    good, bad, worse = _rule("regex", "^x"), _rule("regex", "(x"), _rule("regex", "y)")
    errors = compile_errors([good, bad, worse])
    assert list(errors) == [bad, worse]
    assert "invalid regex '(x'" in str(errors[bad])
    assert "invalid regex 'y)'" in str(errors[worse])
