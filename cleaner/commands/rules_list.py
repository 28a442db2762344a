"""``cleaner rules list``: every pack and rule, with scope and description."""

from __future__ import annotations

from cleaner.api import Cleaner
from cleaner.output import Output
from cleaner.report import OK


def rules_list(cleaner: Cleaner, output: Output) -> int:
    for pack in cleaner.packs:
        scope = ", ".join(pack.sources) if pack.sources else "generic"
        output.line(f"{pack.name} [{scope}] {pack.path}")
        if pack.description:
            output.line(f"  {pack.description}")
        for rule in pack.rules:
            output.line(f"  {rule.id:<36} {rule.action.value:<12} {rule.description}")
    return OK
