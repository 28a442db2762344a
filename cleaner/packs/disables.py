"""A site pack's ``disable``: generic rules (or whole packs) switched off for its sources.

The names are checked against the packs a run has, once they are all loaded (a site
pack may switch off a rule of another file): a name no rule or pack has is an error at
the line that wrote it, since a typo would otherwise switch nothing off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from cleaner.errors import RuleError, did_you_mean
from cleaner.packs.model import Pack


def known_names(packs: Iterable[Pack]) -> set[str]:
    """What ``disable`` (and ``--disable``) may name: pack names, rule ids and aliases."""
    packs = list(packs)
    return {pack.name for pack in packs} | {
        name for pack in packs for rule in pack.rules for name in (rule.id, *rule.aliases)
    }


def disable_errors(packs: Sequence[Pack]) -> list[RuleError]:
    """An error, at the file, line and column that wrote it, for each name nothing has;
    all of them, for ``rules check``."""
    known = known_names(packs)
    return [
        RuleError(
            f"disable: no rule or pack is called '{name}'{did_you_mean(name, known)}",
            path=pack.path,
            line=mark[0] if mark else None,
            column=mark[1] if mark else None,
        )
        for pack in packs
        for name, mark in pack.disable_entries()
        if name not in known
    ]


def check_disables(packs: Sequence[Pack]) -> None:
    """Raise the first name nothing has, for a rule set about to clean."""
    errors = disable_errors(packs)
    if errors:
        raise errors[0]


def switched_off(packs: Iterable[Pack]) -> frozenset[str]:
    """Every name the given (selected) packs disable."""
    return frozenset(name for pack in packs for name in pack.disable)
