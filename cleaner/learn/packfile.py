"""Learned rules written as YAML packs, checked by the loader that will read them.

Each pack's text is parsed back by :func:`cleaner.packs.loader.parse_pack` and every
rule's examples are run (:func:`cleaner.engine.examples.example_failures`) before
anything is written: a rule whose own examples would fail ``cleaner rules check``
is left out, so a learned folder always passes it. The text is made by PyYAML
with a fixed key order and no line wrapping: the same rules, the same bytes.
"""

from __future__ import annotations

from typing import Any

import yaml

from cleaner.engine.examples import example_failures
from cleaner.packs.loader import pack_validator, parse_pack

# libyaml's emitter when PyYAML has it (its wheels do): the pure-Python one took most of
# the time of learning a corpus of many small sites. Both write the same YAML here.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

HEADER = "# Learned by `cleaner learn`; review before you ship it (README: Learning site packs).\n"


def pack_text(site: str, pages: int, rules: list[dict[str, Any]], *, validate: Any = None) -> tuple[str, int]:
    """The YAML of the pack for ``site``, learned from ``pages`` pages, holding the
    ``rules`` whose examples hold, and how many those are. ``validate``:
    :func:`~cleaner.packs.loader.pack_validator`, built once for many packs."""
    text = _render(site, pages, rules)
    pack = parse_pack(text, path=f"<learned {site}>", validate=validate or pack_validator())
    holds = [not example_failures(rule) for rule in pack.rules]
    if all(holds):
        return text, len(rules)
    kept = [rule for rule, ok in zip(rules, holds, strict=True) if ok]
    return _render(site, pages, kept), len(kept)


def _render(site: str, pages: int, rules: list[dict[str, Any]]) -> str:
    data = {
        "pack": site,
        "description": f"Lines repeated across {pages} pages of {site}",
        "sources": [site],
        "rules": rules,
    }
    body = yaml.dump(
        data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=1 << 16, default_flow_style=False
    )
    return HEADER + body
