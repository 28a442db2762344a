"""Rule ids are unique across every pack of a run: ``--disable``, a site pack's
``disable``, ``--explain`` and the statistics all name a rule by its id (or an alias),
and two rules with one name would make each of them ambiguous. Each id starts with its
pack's name, which keeps them apart and says what ``--disable PACK`` leaves out."""

from __future__ import annotations

from collections.abc import Iterable

from cleaner.errors import RuleError
from cleaner.packs.model import Pack, Rule


def duplicate_ids(packs: Iterable[Pack]) -> list[RuleError]:
    """An error, at the later rule, for each id or alias a rule before it already has;
    all of them, for ``rules check`` (a linter reports every broken file)."""
    seen: dict[str, Rule] = {}
    errors = []
    for pack in packs:
        for rule in pack.rules:
            for name in (rule.id, *rule.aliases):
                first = seen.setdefault(name, rule)
                if first is not rule:
                    errors.append(
                        RuleError(
                            f"duplicate rule id '{name}' (first defined at {first.location()})",
                            path=rule.path,
                            line=rule.line,
                            column=rule.column,
                            rule_id=rule.id,
                        )
                    )
    return errors


def check_unique_ids(packs: Iterable[Pack]) -> None:
    """Raise the first duplicate id, for a rule set about to clean."""
    errors = duplicate_ids(packs)
    if errors:
        raise errors[0]


def unprefixed_ids(packs: Iterable[Pack]) -> list[str]:
    """A warning, at the rule, for each id that does not start with its pack's name and a
    dot (``other.one`` in pack ``c``): ``rules check`` says so, as a linter does, but
    the pack loads, since one named by its file would otherwise break on a rename.
    Aliases are old ids, kept as they were (``german.read-also`` in pack ``links``)."""
    return [
        f"{rule.location()}: rule '{rule.id}': the id does not start with its pack's name"
        f" ('{pack.name}.'), which keeps the ids of different packs apart and shows that"
        f" '--disable {pack.name}' leaves the rule out"
        for pack in packs
        for rule in pack.rules
        if not rule.id.startswith(f"{pack.name.lower()}.")
    ]
