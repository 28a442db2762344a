"""A site's counted lines turned into ordinary rules, each with its evidence.

A line on enough of the site's pages (``min_pages``, ``min_share``) and not article
text (:mod:`cleaner.learn.article`) becomes a ``drop-line`` rule: on the line as
written when it was always spelled the same, or on a template when its spellings
differ in digits or spacing ("Comments (12)", "Posted 3 hours ago"): each run of
digits becomes ``\\d+``, each run of spaces ``\\s+``. The description says on how
many pages it was found and where in them; the examples are real: the line as
met (both spellings of a template) to remove, the line that followed it on a
page to keep. Rules come out in a fixed order (most pages first, then the line),
with ids made from their words, so a corpus always gives the same pack.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

import regex

from cleaner.learn.article import article_reason, word_count
from cleaner.learn.counting import Entry, SiteCounts
from cleaner.learn.thresholds import Thresholds

_TOKENS = re.compile(r"(\d+)|(\s+)")
_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")
_SLUG_WORDS = 5


@dataclass(frozen=True)
class Spared:
    """A line frequent enough to be learned, kept because it reads as article text."""

    line: str
    pages: int
    reason: str


def required_pages(site: SiteCounts, thresholds: Thresholds, line: str | None = None) -> int:
    """How many of the site's pages ``line`` must be on to be learned (no line: the
    fewest that any line needs, short or not)."""
    least = thresholds.min_pages
    if line is None:
        least = min(least, thresholds.short_min_pages)
    elif word_count(line) <= thresholds.short_words:
        least = max(least, thresholds.short_min_pages)
    return max(least, math.ceil(thresholds.min_share * site.pages))


def site_rules(
    name: str, site: SiteCounts, thresholds: Thresholds
) -> tuple[list[dict[str, Any]], list[Spared]]:
    """The rules learned for site ``name`` (as a pack's YAML mapping lists them),
    and the frequent lines spared as article text."""
    need = required_pages(site, thresholds)
    frequent = sorted(
        ((key, e) for key, e in site.table.items() if e.pages >= need),
        key=lambda item: (-item[1].pages, item[0]),
    )
    rules: list[dict[str, Any]] = []
    spared: list[Spared] = []
    ids: set[str] = set()
    for key, entry in frequent:
        reason = (
            article_reason(entry.first, thresholds)
            or _topic_reason(entry, thresholds)
            or _sentence_reason(entry, thresholds)
        )
        if reason is None and entry.pages < required_pages(site, thresholds, entry.first):
            continue
        if reason is not None:
            spared.append(Spared(entry.first, entry.pages, reason))
            continue
        rules += _rules(_unique_id(name, key, ids), name, site, entry, thresholds)
    return rules, spared


def _topic_reason(entry: Entry, thresholds: Thresholds) -> str | None:
    """ "topic" when the line is short and the pages it is on say its words in their own
    prose often enough: a related-topics link ("Green Party"), a section's name ("pop
    music"), is the subject of the articles it sits beside, and may head a part of one."""
    if entry.topic_pages and entry.topic_pages >= thresholds.topic_share * entry.pages:
        return "topic"
    return None


def _sentence_reason(entry: Entry, thresholds: Thresholds) -> str | None:
    """ "sentence" when the line is a sentence of a report that sat amid the page's own
    prose on at least ``sentence_share`` of its pages (:meth:`counting.Counts._amid_prose`):
    the background sentence a series of stories repeats, between two of its paragraphs."""
    if entry.amid_prose_pages and entry.amid_prose_pages >= thresholds.sentence_share * entry.pages:
        return "sentence"
    return None


def is_tail_marker(entry: Entry, thresholds: Thresholds) -> bool:
    """The line marks where a page's tail starts: no prose ever came after it, and it
    came after the article often enough; or, followed by prose (reader comments), it
    sat in the chrome zone after the article on most of its pages."""
    return _ends_page(entry, thresholds) or _opens_chrome_zone(entry, thresholds)


def _ends_page(entry: Entry, thresholds: Thresholds) -> bool:
    return entry.prose_after == 0 and entry.tail_pages >= thresholds.tail_min_pages


def _opens_chrome_zone(entry: Entry, thresholds: Thresholds) -> bool:
    """A mid-article "Advertisement" sits alone between paragraphs, or in a block that
    more chrome follows (the footer): never in the zone (:func:`counting.Counts._chrome_zone`).
    Where the footer is gone (an extractor dropped it), a block in the middle of the
    article is the page's last run of chrome, but the article goes on after it on every
    page: the zone must end the page's own text on some pages (no reader comments yet).
    And pages that end at the block may be short stories, with a newsletter box in their
    middle that longer stories go on after: the page's own prose must run straight on
    after the zone (the article's next paragraphs) on few of its pages; reader comments
    are broken up by short lines (:meth:`counting.Counts._goes_on`)."""
    return (
        entry.zone_pages >= thresholds.zone_min_pages
        and entry.zone_pages >= thresholds.zone_share * entry.pages
        and entry.zone_end_pages >= thresholds.zone_end_share * entry.zone_pages
        and entry.zone_goes_on_pages <= thresholds.zone_goes_on_share * entry.zone_pages
    )


def _rules(
    rule_id: str, name: str, site: SiteCounts, entry: Entry, thresholds: Thresholds
) -> list[dict[str, Any]]:
    """A drop-line rule for the line; and, for a tail marker, a cut at it too (guarded by
    ``min-words-before``, so where the cut may not fire the line still goes). The two
    share no object: YAML would write them as an anchor and an alias, hard to read."""
    matcher = {"line": entry.first} if entry.other is None else {"regex": template(entry.first, entry.other)}
    examples: dict[str, list[str]] = {
        "remove": [entry.first] if entry.other is None else [entry.first, entry.other]
    }
    if entry.keep is not None:
        examples["keep"] = [entry.keep]
    evidence = _evidence(name, site, entry)
    rules = [{"id": rule_id, "description": evidence, "drop-line": matcher, "examples": examples}]
    if is_tail_marker(entry, thresholds):
        cut = {"id": f"{rule_id}.cut", "description": f"{evidence}; {_cut_reach(entry, thresholds)}"}
        cut |= {"truncate-at": dict(matcher), "min-words-before": thresholds.tail_min_words_before}
        cut |= _cut_guards(entry, thresholds)
        rules.append(cut | {"examples": {side: list(lines) for side, lines in examples.items()}})
    return rules


def _cut_guards(entry: Entry, thresholds: Thresholds) -> dict[str, Any]:
    """Where a learned cut ends on a later page that the article goes on after its
    marker: at an update to the story (``stop-at``, every cut); and, for a line no prose
    ever followed on the site's pages, at the first line of prose after it
    (``stop-at-prose``: ``prose_words`` words, a sentence or reported speech of
    ``tail_stop_words``, a data table). What the site put after such a line was never
    prose, so the guard costs nothing there. A zone cut takes reader comments, which are
    prose: its evidence guards it (a run of the site's lines, the page's text seldom
    going on after it), as the README says."""
    guards: dict[str, Any] = {}
    if _ends_page(entry, thresholds):
        guards["stop-at-prose"] = {
            "lines": 1,
            "words": thresholds.prose_words,
            "sentence-words": thresholds.tail_stop_words,
            "speech-words": thresholds.tail_stop_words,
            "tables": True,
        }
    return guards | {"stop-at": {"regex": UPDATE}}


# A dated update to the story, or a correction, opening a paragraph of 6+ words: "Update,
# Friday: the jury returned its verdict at 3.40pm.", "UPDATE 5pm: Police have named ...",
# "Correction: An earlier version of this story ...". Not "Updated: 14 April 2026 3:40pm"
# (a dateline, no words after), nor "Update your browser: ..." (a call to the reader).
UPDATE = (
    r"^\W*(?i:update[d]?|correction|clarification)\b(?![ \t]+(?i:your|you|now|to|the)\b)"
    r"[^:]{0,30}:\s*(?:\S+\s+){5}\S"
)


def _cut_reach(entry: Entry, thresholds: Thresholds) -> str:
    """What the cut takes, and what keeps it from taking an article."""
    if _ends_page(entry, thresholds):
        return (
            "the rest of the page goes with it, up to where an article goes on after it on a later page"
            f" (stop-at-prose: a line of {thresholds.prose_words}+ words, a sentence or reported speech"
            f" of {thresholds.tail_stop_words}+; stop-at: an update)"
        )
    return (
        f"in the chrome after the article on {entry.zone_pages} pages (the page's last run of"
        f" {thresholds.zone_min_lines}+ lines the site repeats, after"
        f" {thresholds.tail_min_words_before}+ words of its own), the end of the page's own text on"
        f" {entry.zone_end_pages} of them, prose running straight on after it on"
        f" {entry.zone_goes_on_pages}: the rest of the page goes with it,"
        " reader comments too (they are prose, so no"
        " stop-at-prose; min-words-before keeps a short page whole)"
    )


def template(line: str, other: str) -> str:
    """A regex for ``line`` whatever its digits (``^\\s*Comments \\(\\d+\\)\\s*$``), and
    whatever its spacing when ``other``, its second spelling, is spaced otherwise."""
    text = line.strip()
    spacing = _SPACES.findall(text) != _SPACES.findall(other.strip())
    parts, pos = [], 0
    for match in _TOKENS.finditer(text):
        parts.append(_literal(text[pos : match.start()]))
        if match.group(1) is not None:
            parts.append(r"\d+")
        else:
            parts.append(r"\s+" if spacing or match.group(2) != " " else " ")
        pos = match.end()
    parts.append(_literal(text[pos:]))
    return r"^\s*" + "".join(parts) + r"\s*$"


def _literal(text: str) -> str:
    """``text`` escaped for the ``regex`` package, spaces left readable."""
    return regex.escape(text, special_only=True, literal_spaces=True)


def _evidence(name: str, site: SiteCounts, entry: Entry) -> str:
    where = entry.position / entry.pages
    place = "near the top" if where < 0.2 else "near the bottom" if where > 0.8 else "mid-page"
    text = (
        f"Learned from {entry.pages} of {site.pages} pages of {name} ({entry.pages / site.pages:.0%}), "
        f"{place} (mean position {where:.0%} of the page)"
    )
    if entry.prose_after == 0 and entry.tail_pages:
        text += f"; after the article on {entry.tail_pages} pages, never followed by prose"
    return text


def _unique_id(site: str, key: str, taken: set[str]) -> str:
    words = _WORDS.findall(key.lower())[:_SLUG_WORDS]
    base = f"{site}.{'-'.join(words) or 'line'}"
    rule_id, n = base, 1
    while rule_id in taken:
        n += 1
        rule_id = f"{base}-{n}"
    taken.add(rule_id)
    return rule_id
