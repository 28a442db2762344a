"""``cleaner rules check``: load and compile every pack, run every rule's examples."""

from __future__ import annotations

from collections.abc import Callable

from cleaner.api import Cleaner, html_support
from cleaner.cli.exit_codes import CHANGED, OK
from cleaner.engine.compiler import lint_rule
from cleaner.engine.examples import acts_on_every_line, example_failures, missing_examples
from cleaner.errors import CleanerError
from cleaner.io.output import Output
from cleaner.packs.model import Rule


def rules_check(cleaner: Cleaner, output: Output) -> int:
    """Loading already validated and compiled the packs; this runs the examples.

    Exit 1 if any example fails or a prune selector is not valid CSS; missing
    examples and risky patterns are warnings.
    """
    failed = rules = 0
    selector_error = _selector_check(cleaner, output)
    for pack in cleaner.packs:
        for rule in pack.rules:
            rules += 1
            where = f"{rule.location()}: rule '{rule.id}'"
            for problem in [
                *example_failures(rule, timeout=cleaner.timeout),
                *_selector_errors(rule, selector_error),
            ]:
                output.error(f"{where}: {problem}")
                failed += 1
            warnings = [*missing_examples(rule), *lint_rule(rule)]
            for warning in warnings + acts_on_every_line(rule, timeout=cleaner.timeout):
                output.warning(f"{where}: {warning}")
    packs = len(cleaner.packs)
    verdict = f"{failed} failing example{'s' if failed != 1 else ''}" if failed else "all examples hold"
    output.message(f"{packs} packs, {rules} rules: {verdict}.")
    return CHANGED if failed else OK


def _selector_check(cleaner: Cleaner, output: Output) -> Callable[[str], str | None] | None:
    """What checks a prune selector; None, said once, when the HTML extra is missing."""
    if not any(rule.selectors for pack in cleaner.packs for rule in pack.rules):
        return None
    try:
        return html_support().selector_error  # lazy: only prune rules need the HTML stack
    except CleanerError as exc:
        output.warning(f"prune selectors not checked: {exc}")
        return None


def _selector_errors(rule: Rule, selector_error: Callable[[str], str | None] | None) -> list[str]:
    if not rule.selectors or selector_error is None:
        return []
    return [
        f"prune selector {selector!r} is not valid CSS ({error})"
        for selector in rule.selectors
        if (error := selector_error(selector)) is not None
    ]
