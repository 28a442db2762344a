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
from cleaner.packs.loader import parse_pack

HEADER = "# Learned by `cleaner learn`; review before you ship it (README: Learning site packs).\n"


def pack_text(site: str, pages: int, rules: list[dict[str, Any]]) -> str:
    """The YAML of the pack for ``site``, learned from ``pages`` pages, holding the
    ``rules`` whose examples hold."""
    kept = [rule for rule, ok in zip(rules, _examples_hold(site, pages, rules), strict=True) if ok]
    return _render(site, pages, kept)


def _render(site: str, pages: int, rules: list[dict[str, Any]]) -> str:
    data = {
        "pack": site,
        "description": f"Lines repeated across {pages} pages of {site}",
        "sources": [site],
        "rules": rules,
    }
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1 << 16, default_flow_style=False)
    return HEADER + body


def _examples_hold(site: str, pages: int, rules: list[dict[str, Any]]) -> list[bool]:
    pack = parse_pack(_render(site, pages, rules), path=f"<learned {site}>")
    return [not example_failures(rule) for rule in pack.rules]
