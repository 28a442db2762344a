"""Rules (or whole packs) switched off: by a site pack's ``disable`` for its sources,
or for a whole run by ``Cleaner(disable=...)`` (``--disable``, the config's ``disable``).

The names are checked against the packs a run has, once they are all loaded (a site
pack may switch off a rule of another file): a name no rule or pack has is an error
(at the line that wrote it, in a pack), since a typo would otherwise switch nothing off.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from cleaner.errors import RuleError, SettingError, did_you_mean
from cleaner.packs.model import Pack


def known_names(packs: Iterable[Pack]) -> set[str]:
    """What ``disable`` (and ``--disable``) may name: pack names, rule ids and aliases."""
    packs = list(packs)
    return {pack.name for pack in packs} | {
        name for pack in packs for rule in pack.rules for name in (rule.id, *rule.aliases)
    }


def disable_errors(packs: Sequence[Pack]) -> list[RuleError]:
    """An error, at the file, line and column that wrote it, for each name nothing has;
    all of them, for ``rules check``. A bundled rule's name is no error when the bundled
    packs are left out (``--no-defaults``): there is nothing to switch off then, and a
    site pack (a learned one, one shared) must load alone as well as beside them."""
    known = known_names(packs)
    unknown = [
        (pack, name, mark) for pack in packs for name, mark in pack.disable_entries() if name not in known
    ]
    if unknown:
        from cleaner.packs.loader import default_rules_dir, load_packs  # only when a name is not found

        bundled = known_names(load_packs(default_rules_dir()))
        unknown = [(pack, name, mark) for pack, name, mark in unknown if name not in bundled]
        known |= bundled  # for the "did you mean"
    return [
        RuleError(
            f"disable: no rule or pack is called '{name}'{did_you_mean(name, known)}",
            path=pack.path,
            line=mark[0] if mark else None,
            column=mark[1] if mark else None,
        )
        for pack, name, mark in unknown
    ]


def check_disables(packs: Sequence[Pack]) -> None:
    """Raise the first name nothing has, for a rule set about to clean."""
    errors = disable_errors(packs)
    if errors:
        raise errors[0]


def switched_off(packs: Iterable[Pack]) -> frozenset[str]:
    """Every name the given (selected) packs disable."""
    return frozenset(name for pack in packs for name in pack.disable)


def without(packs: Sequence[Pack], names: str | Iterable[str]) -> list[Pack]:
    """``packs`` without the rules whose id or alias, or whose pack's name, is ``names``
    (one name, or several), as a site pack's ``disable`` leaves them out; a name that is
    none of these is a SettingError (a typo would otherwise disable nothing)."""
    wanted = disable_names(names)
    if not wanted:
        return list(packs)
    known = known_names(packs)
    unknown = sorted(wanted - known)
    if unknown:
        raise SettingError(
            "disable", f"no rule or pack is called '{unknown[0]}'{did_you_mean(unknown[0], known)}"
        )
    kept = [
        replace(
            pack,
            rules=tuple(rule for rule in pack.rules if not wanted.intersection((rule.id, *rule.aliases))),
        )
        for pack in packs
        if pack.name not in wanted
    ]
    # what a site pack switched off and is now gone anyway is no longer its business
    gone = known_names(packs) - known_names(kept)
    return [_without_disables(pack, gone) for pack in kept]


def disable_names(names: str | Iterable[str]) -> set[str]:
    """One name is one name, not its letters; anything but names is the caller's
    TypeError."""
    if isinstance(names, str):
        return {names}
    if not isinstance(names, Iterable):
        raise TypeError(f"disable takes a rule id or pack name, or several, not {type(names).__name__}")
    listed = list(names)
    for name in listed:
        if not isinstance(name, str):
            raise TypeError(f"disable takes rule ids and pack names (str), not {type(name).__name__}")
    return set(listed)


def _without_disables(pack: Pack, gone: set[str]) -> Pack:
    if gone.isdisjoint(pack.disable):
        return pack
    entries = [(name, mark) for name, mark in pack.disable_entries() if name not in gone]
    return replace(
        pack, disable=tuple(n for n, _ in entries), disable_marks=tuple(mark for _, mark in entries)
    )
