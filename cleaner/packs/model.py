"""The data model of rule packs: plain frozen values, no I/O, no compiled patterns.

A pack is one YAML file; the loader turns it into a :class:`Pack`, the compiler
turns its rules into patterns. Keeping the model apart from both lets tests build
rules in Python without touching files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Action(StrEnum):
    """What a rule does with what it matches."""

    DROP_LINE = "drop-line"  # remove the whole line
    STRIP = "strip"  # remove the matched span, keep the rest of the line
    TRUNCATE_AT = "truncate-at"  # remove the marker line and everything after it
    TRUNCATE_AT_CLUSTER = "truncate-at-cluster"  # the same, from the first of a cluster of matching lines
    DROP_BLOCK = "drop-block"  # remove from a start line through an end line
    PRUNE = "prune"  # HTML only: remove nodes matching CSS selectors before extraction


class Position(StrEnum):
    """Where a drop-line rule may fire: NeMo Curator's lesson that boilerplate
    sits in a contiguous run at the top or the bottom of a document."""

    ANY = "any"
    HEAD = "head"
    TAIL = "tail"


MATCHER_KINDS = ("line", "prefix", "suffix", "contains", "regex")
CUT_ACTIONS = (Action.TRUNCATE_AT, Action.TRUNCATE_AT_CLUSTER, Action.DROP_BLOCK)
TEXT_ACTIONS = (
    Action.DROP_LINE,
    Action.STRIP,
    Action.TRUNCATE_AT,
    Action.TRUNCATE_AT_CLUSTER,
    Action.DROP_BLOCK,
)


@dataclass(frozen=True)
class Matcher:
    """One way of recognising text: ``kind`` is one of MATCHER_KINDS; literals
    (every kind but ``regex``) are escaped when compiled."""

    kind: str
    values: tuple[str, ...]
    # Where each value was written (line, column), for errors found when compiling it;
    # empty for matchers made in Python. Not part of what the matcher is.
    marks: tuple[tuple[int, int], ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Examples:
    """Lines (or documents) the rule must remove and ones it must leave alone."""

    remove: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProseStop:
    """The guard of a cut (``stop-at-prose``): the cut ends before the first run of
    ``lines`` prose lines, lines of at least ``words`` words that the rule itself
    does not match. Comment threads and link lists are broken up by short lines
    (names, dates, "Reply", titles); an article is long lines one after another, so
    a false marker costs the lines up to the next paragraphs, not the page."""

    lines: int = 2
    words: int = 30
    gap: int = 1  # shorter lines (a subheading) that may stand between two lines of a run
    # A cut the article stops before it has taken this many lines (its marker included)
    # was no list or thread: a "Related" box of two links inside a story, a heading the
    # story goes on under. Then only the lines the rule itself matches go, as a
    # drop-line would take them; 1 keeps every stopped cut.
    min_cut: int = 1
    # One line of this many words, not matched by the rule, also ends the cut: a whole
    # article flattened into a single line (a layout-table cell) is no run of lines, but
    # no list teaser or title is that long. None: only runs count.
    long_line: int | None = None
    # A line of at least this many words that ends as a sentence ends (".", "!" or "?",
    # not an ellipsis, maybe then a closing quote or bracket) is a prose line too, however
    # short: a list's titles and a thread's names, dates and "Reply" do not end so, an
    # article's paragraphs do (cleaner.engine.guard). None: only ``words`` counts.
    sentence_words: int | None = None
    # A line of at least this many words that reports speech in the third person ("the
    # council said", "the head added", "according to") is a prose line too: a story quotes
    # people and names them, a thread of readers' messages speaks for itself (1 of the 444
    # lines the reader-thread cluster removed on the evaluation pages reports speech).
    speech_words: int | None = None
    # A line of at least this many words that reads as a report's sentence (it opens with a
    # capital, ends as a sentence ends, and has no I, we or you outside quotes) is a prose
    # line too, in a run that also holds a line of reported speech: a story tells what
    # happened around the quotes; reader comments in the third person are common (41 of
    # those 444 lines), but they seldom report speech. None: no such line counts.
    narration_words: int | None = None
    # A run that reaches the end of the cut's reach needs only this many lines, when one
    # of them reports speech: a story's closing paragraph is often one line ("Mrs Walsh
    # said she ..."). None: the end is no different.
    end_lines: int | None = None
    # A data table (a header row of two filled cells or more over its ``|---|`` line, as
    # trafilatura writes an HTML table with headings) ends the cut: a story resumes after a
    # "Related" box with its results table, and no link list or reader thread holds one.
    tables: bool = False
    # truncate-at only: a marker whose nearest line above ends with a colon after 3 words
    # or more ("On a fresh install the heading reads:") is what the article quotes, not a
    # heading: no cut starts there. A label ("Comments:") is no introduction, nor is a line
    # the rule matches or a drop-line rule takes.
    quoted: bool = False
    # truncate-at only: a marker whose next line has this many words and ends as a sentence
    # heads a section of the article ("Join the conversation" over the paragraph about the
    # letters module): no cut starts there, and the marker stays. A thread opens on a name,
    # a date or a form's short lines, a list on a title. None: no such check.
    section_words: int | None = None
    # The last line of the cut's reach, of this many words and ending as a sentence (not
    # matched by the rule), is the article's closing paragraph: the cut stops before it, as
    # before a run. A list of links or a thread does not end on such a line, except a teaser
    # written as the lines above it (the same list marker, or none): the list's last item.
    # A truncate-at marker right over the text's last line, a paragraph of two sentences
    # or more however short, is the title of the article's last section: no cut opens.
    # None: no such stop.
    closing_words: int | None = None
    # A subheading (a short line in sentence case that does not end as a sentence, no
    # figure in it: "Changing it safely") right after a prose line neither breaks nor
    # extends a run, as a blank line: a how-to written one paragraph a section under such
    # titles is a run of prose, where a thread's names ("Ann Smith"), dates and "Reply"
    # still break it at ``gap: 0``. Not under a marker that counts what follows ("3
    # Comments"): there such a line is a commenter's display name ("Proud local").
    subheadings: bool = False
    # The cut ends where a bulleted list it takes ends: after two items or more with the
    # same list marker right under the marker, an unbulleted line that ends as a sentence
    # of this many words or more, or a subheading over one, is the article resuming ("What
    # happens next" / "The survey will be repeated in August." under a "Related articles"
    # box of "- ..." links in the middle of a story), when the article goes on after that
    # sentence (the text ends, or prose or a section follows: a footer goes on in links).
    # A link list does not end on a sentence, and its items keep their marker; two
    # bulleted items are a list whatever ``min_cut``. None: no such stop.
    list_end: int | None = None


@dataclass(frozen=True)
class Rule:
    """One rule of a pack, as written, with where it was written."""

    id: str
    action: Action
    description: str = ""
    matcher: Matcher | None = None  # drop-line, strip, truncate-at; drop-block's start
    end: Matcher | None = None  # drop-block only
    max_lines: int = 50  # drop-block only: the end must come within this many lines
    min_lines: int = 3  # truncate-at-cluster only: matching lines that make a cluster...
    within_lines: int = 15  # ...among this many non-blank lines, from the first of them
    # truncate-at-cluster only: a run of more than this many matching lines one right after
    # another (no other line between them), no two of them written alike, is a list the
    # article shows (the formats of a signature), not a thread, whose template signs each
    # comment alike, with the comment under it; none of its lines is a member. None: any
    # run counts.
    max_run: int | None = None
    selectors: tuple[str, ...] = ()  # prune only
    # prune only: a node that holds a heading (<h2>-<h6>) or a toggle, with prose after
    # it, is a section of the page and stays (a notice has neither, or ends the page)
    keep_sections: bool = False
    # prune only: a node under a paragraph of prose that ends with a colon, with prose
    # after it, is an example the article shows and stays (a notice is not announced so)
    keep_introduced: bool = False
    ignore_case: bool = False
    max_words: int | None = None
    position: Position = Position.ANY
    min_words_before: int = 0  # truncate-at and truncate-at-cluster only
    stop_at_prose: ProseStop | None = None  # cuts only (truncate-at, truncate-at-cluster, drop-block)
    # truncate-at-cluster only: no cut when a line above the cluster's start is one the
    # rule matches (a live blog or a forum page signs its first entry as its others)
    spare_series: bool = False
    # truncate-at-cluster only: a line in a run of short lines that a line ending with a
    # colon opens ("The poem, in full:") is what the article quotes, never a member
    spare_introduced: bool = False
    # ...and a line ending with a colon this matches is a label, not an introduction: a
    # thread's own heading ("Comments on this article:", "Reader comments (6):")
    introduction_labels: Matcher | None = None
    # cuts only: a line this matches (after the cut's first) ends the cut and stays, as
    # the article resuming does: what no thread or list holds (a consultation's
    # "Closing date: 14 March" under "Have your say")
    stop_at: Matcher | None = None
    # a line the rule's matcher matches is not its match when this matches it too: an
    # exception shared by every alternative of the matcher ("a quote attributed to a
    # speaker", "a transcript's speaker label"), compiled and run once instead of in each
    unless: Matcher | None = None
    # drop-line only: a table's row under its header (cleaner.engine.tables.DataRows), a
    # bare-pipe row over a row of its width that stays (in_bare_table), or an item of a
    # list of the article's (cleaner.engine.lists) is data, not one of the layout rows or
    # menus the rule is for
    keep_data_rows: bool = False
    # ...and a list item this matches is a menu's even under an introduction ("Explore more
    # from the Gazette:" over "* Home | News | Sport": it lists the site's own pages)
    data_rows_menus: Matcher | None = None
    examples: Examples = field(default_factory=Examples)
    aliases: tuple[str, ...] = ()
    path: str = "<memory>"
    line: int | None = None
    column: int | None = None  # of the rule's first key, on ``line``
    # What ``rules check`` warns about, located, that loading does not refuse: a
    # matcher's unquoted value that YAML ends at " #" (a comment, or a cut text?)
    notes: tuple[str, ...] = ()

    def location(self) -> str:
        """``path:line:col``, as far as known."""
        return ":".join(str(part) for part in (self.path, self.line, self.column) if part is not None)


@dataclass(frozen=True)
class Pack:
    """A named set of rules; ``sources`` scopes it to sites (empty: generic), where
    ``disable`` also switches other packs' rules off (ruff's per-file-ignores, per site)."""

    name: str
    rules: tuple[Rule, ...]
    description: str = ""
    sources: tuple[str, ...] = ()
    path: str = "<memory>"
    disable: tuple[str, ...] = ()  # rule ids or pack names switched off for these sources
    # where each was written (line, column), for errors
    disable_marks: tuple[tuple[int, int] | None, ...] = ()

    def disable_entries(self) -> list[tuple[str, tuple[int, int] | None]]:
        """Each ``disable`` name with the (line, column) that wrote it (None where
        unknown: a pack built in memory)."""
        marks = self.disable_marks or (None,) * len(self.disable)
        return list(zip(self.disable, marks, strict=True))

    @property
    def generic(self) -> bool:
        return not self.sources
