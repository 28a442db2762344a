"""Say why each piece of text went: the jusText ``--format=detailed`` idea."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import Removal


def format_removals(removals: Iterable[Removal], ruleset: RuleSet, name: str) -> Iterator[str]:
    """One line per removal: ``doc:line:col: rule-id (pack.yaml:line) drop|strip: text``."""
    for removal in removals:
        rule = ruleset.find(removal.rule_id)
        where = f" ({rule.path}:{rule.line})" if rule is not None and rule.line else ""
        what = "drop" if removal.whole_line else "strip"
        text = removal.text if len(removal.text) <= 120 else removal.text[:117] + "..."
        yield f"{name}:{removal.line}:{removal.start + 1}: {removal.rule_id}{where} {what}: {text}"
