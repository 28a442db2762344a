"""Pack text: loadable, deterministic, and only rules whose examples hold."""

from __future__ import annotations

from cleaner.learn.packfile import pack_text
from cleaner.packs.loader import parse_pack


def _rule(rule_id: str, line: str, remove: str) -> dict:
    return {
        "id": rule_id,
        "drop-line": {"line": line},
        "examples": {"remove": [remove], "keep": ["Other text"]},
    }


def test_a_rule_whose_examples_fail_is_left_out() -> None:
    rules = [_rule("a.com.good", "Share this", "Share this"), _rule("a.com.bad", "Share this", "Not it")]
    text, kept = pack_text("a.com", 9, rules)
    pack = parse_pack(text)
    assert [r.id for r in pack.rules] == ["a.com.good"] and kept == 1
    assert pack.sources == ("a.com",) and pack.name == "a.com"


def test_text_that_yaml_would_misread_survives() -> None:
    odd = ["yes", "- Continue", "| ADVERTISEMENT |", "#1 hit", "key: value", "© 2010 ünïcode"]
    rules = [_rule(f"a.com.r{n}", line, line) for n, line in enumerate(odd)]
    text, _ = pack_text("a.com", 9, rules)
    assert [r.matcher.values[0] for r in parse_pack(text).rules] == odd
    assert pack_text("a.com", 9, rules)[0] == text
