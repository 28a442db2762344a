"""From pages to packs: count every page, then write each site's rules.

The Python face of ``cleaner learn``: :func:`learn` takes pages in input order (from
:mod:`cleaner.learn.records`, or built by :func:`cleaner.learn.pages.read_page`) and
returns the YAML text of one pack per site that taught a rule, sorted by site.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cleaner.learn.counting import Counts
from cleaner.learn.packfile import pack_text
from cleaner.learn.pages import Page
from cleaner.learn.rules import Spared, site_rules
from cleaner.learn.thresholds import DEFAULT, Thresholds
from cleaner.packs.loader import pack_validator


@dataclass
class Learned:
    """Packs by site (YAML text), the frequent lines spared as article text, and how
    many rules the packs hold."""

    packs: dict[str, str] = field(default_factory=dict)
    spared: dict[str, list[Spared]] = field(default_factory=dict)
    rules: int = 0


def learn(pages: Iterable[Page], thresholds: Thresholds = DEFAULT) -> Learned:
    """Count ``pages`` and learn every site's pack."""
    return learn_counted(pages, Counts(thresholds))


def packs_from(counts: Counts) -> Learned:
    """The packs of every site counted on at least ``min_site_pages`` pages."""
    thresholds = counts.thresholds
    learned = Learned()
    validate = pack_validator()
    for name in sorted(counts.sites):
        site = counts.sites[name]
        if site.pages < thresholds.min_site_pages:
            continue
        rules, spared = site_rules(name, site, thresholds)
        if spared:
            learned.spared[name] = spared
        text, kept = pack_text(name, site.pages, rules, validate=validate) if rules else ("", 0)
        if kept:
            learned.packs[name] = text
            learned.rules += kept
    return learned


def learn_counted(pages: Iterable[Page], counts: Counts) -> Learned:
    """Add ``pages`` to ``counts`` (in their order), then learn every site's pack."""
    for page in pages:
        counts.add(page)
    return packs_from(counts)
