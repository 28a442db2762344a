"""``cleaner rules check``: load and compile every pack, run every rule's examples."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.compiler import lint_rule
from cleaner.examples import example_failures, missing_examples
from cleaner.output import Output
from cleaner.report import CHANGED, OK


def rules_check(cleaner: Cleaner, output: Output) -> int:
    """Loading already validated and compiled the packs; this runs the examples.

    Exit 1 if any example fails; missing examples and risky patterns are warnings.
    """
    failed = rules = 0
    for pack in cleaner.packs:
        for rule in pack.rules:
            rules += 1
            where = f"{rule.path}:{rule.line}: rule '{rule.id}'"
            for problem in example_failures(rule, timeout=cleaner.timeout):
                output.error(f"{where}: {problem}")
                failed += 1
            for warning in missing_examples(rule) + lint_rule(rule):
                output.warning(f"{where}: {warning}")
    packs = len(cleaner.packs)
    verdict = f"{failed} failing example{'s' if failed != 1 else ''}" if failed else "all examples hold"
    output.message(f"{packs} packs, {rules} rules: {verdict}.")
    return CHANGED if failed else OK
