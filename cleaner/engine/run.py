"""The pure cleaning engine: text and compiled rules in, cleaned text and removals out.

It touches no files, environment, clock or globals. A document is split into
lines on ``\\n`` (``\\r\\n`` and lone ``\\r`` count as ``\\n``; other Unicode
separators such as U+2028 stay inside lines, as in datatrove). Rules run in
this order, each on what the previous ones left:

1. ``truncate-at``: the first marker line (after ``min-words-before`` words) and
   everything after it go.
2. ``truncate-at-cluster``: the same, from the first line of a cluster: at least
   ``min-lines`` matching lines among ``within-lines`` non-blank ones (a comment
   thread that has no heading, only its tone, line after line).
3. ``drop-block``: from a start line through the first end line within
   ``max-lines``.
4. ``drop-line`` (position ``any``) and ``strip``, line by line.
5. ``drop-line`` with position ``tail``/``head``: only as part of the contiguous
   run of blank or removed lines at the bottom/top of what is left.

A cut (1-3) whose rule has a ``stop-at-prose`` guard ends before the first run of
article prose in its reach (:mod:`cleaner.engine.guard`); what follows stays, and
another pass looks at it. A markdown table's header row and the separator under it
are no rule's match (:mod:`cleaner.engine.tables`). A byte-order mark starting the
text is no part of its first line: it goes back in front of the result.

Nor is a line of a fenced code block, and a cut ends where one opens
(:mod:`cleaner.engine.fences`); a drop-line or strip rule that matches a line only
in what the line quotes leaves it (:mod:`cleaner.engine.quotes`).

Blank lines at the edges of the result are dropped, and a run of blank lines that
a removal joined becomes one. The result ends with ``\\n`` unless it is empty.

The passes repeat on their own output until nothing more goes, so cleaning is
idempotent: ``run(run(x).text).text == run(x).text`` even when a strip leaves a
line that another rule matches, or a removal brings a block's end within reach.
Every pass that removes something makes the text shorter, so the loop ends.

Run time is bounded per pattern call and per document (:mod:`cleaner.engine.budget`, the
only clock the engine reads).

With a :class:`~cleaner.engine.plan.Plan` whose rule set has a scanner (:func:`run_plan`),
``regex`` is only asked about the (line, rule) pairs RE2 found: each stage walks the
candidate lines instead of every line, with the same result as :func:`run`.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import regex

from cleaner.engine.budget import TimeBudget
from cleaner.engine.fences import fences_of
from cleaner.engine.guard import (
    announced,
    bulleted_list,
    counts,
    goes_on,
    heads_last_paragraph,
    heads_section,
    in_introduced_run,
    in_own_voice,
    introduced,
    past_subheadings,
    prose_below,
    prose_follows,
    prose_resumes,
)
from cleaner.engine.lines import LineMap, Lines, assemble, first_live, lines_of, live_lines
from cleaner.engine.lists import in_article_list
from cleaner.engine.plan import Candidates, Plan
from cleaner.engine.quotes import is_callout, labelled_notice, may_quote, only_quoted, quote_run, quoted_spans
from cleaner.engine.reading import Reading, as_written, readings
from cleaner.engine.series import all_forms_differ, signed_above
from cleaner.engine.stops import first_stop, heads_stop, led_in
from cleaner.engine.tables import DataRows, heads_table, in_bare_table, is_row, lone_separator
from cleaner.engine.verse import in_verse
from cleaner.engine.words import at_least, line_has_words
from cleaner.packs.model import Action, Position

if TYPE_CHECKING:
    from cleaner.engine.plan import CompiledRule

DEFAULT_TIMEOUT = 1.0  # seconds one pattern may run on one line, per started million characters
_WORD = regex.compile(r"\S+")
# The only characters that str.split() takes for whitespace and regex's \s does not
# (checked over every code point in tests/test_engine_words.py).
_SPACE_ONLY_TO_PYTHON = "\x1c\x1d\x1e\x1f"
# A paragraph of the page for spare-series: a live blog's first entry has one above its
# signature; a post's byline, and a forum question's signature, stand over their text.
_PARAGRAPH_WORDS = 20
# max-run: a list of formats is short; a longer run of signatures is looked at no further
_LIST_LINES = 12
# How far under a line its stop-at names a thread's "Reply" or next marker says the
# thread goes on (the rest of a reader's comment, up to five more paragraphs, then its
# tools: QA round W, W4).
_THREAD_LINES = 6
_SPLIT_BELOW = 1 << 20  # longer texts are counted word by word: a list of all their words is too big


_BOM = "\ufeff"  # a byte-order mark: a text's, not its first line's
# The rules whose match a quotation of the line does not make (cleaner.engine.quotes): a
# cut's marker and a cluster's members have guards of their own, and readers quote each other.
_LINE_ACTIONS = (Action.DROP_LINE, Action.STRIP)
PRUNED_LINE = 0  # the line of a removal made on the HTML page, before there were lines


class Removal(NamedTuple):
    """One piece of text a rule removed: line number (1-based, in the input),
    the span inside that line as the rule saw it, and the text itself.

    A named tuple, not a frozen dataclass: a truncation records every line it
    removes, and a frozen dataclass took five times as long to make, a tenth of
    all the time spent on a page with a long comment thread.
    """

    rule_id: str
    line: int
    start: int
    end: int
    text: str
    whole_line: bool = False  # True when the line went, False when a span was stripped
    emptied: bool = False  # a strip's last cut on a line that left it with no text: the line went too

    @property
    def pruned(self) -> bool:
        """A node of an HTML page that a ``prune`` rule removed before extraction: it has
        no line in the text (``line`` 0); ``text`` is the start of the node's text and
        ``end`` the number of characters it had."""
        return self.line == PRUNED_LINE


@dataclass(frozen=True)
class CleanResult:
    """The cleaned text and every removal that made it; ``original`` is the input.

    Word counts are counted when first asked for: most callers never ask, and
    counting costs more than cleaning a document no rule touches.
    """

    text: str
    removals: tuple[Removal, ...]
    original: str = field(default="", repr=False)
    # Words of the nodes prune rules removed from an HTML page before ``original`` was
    # extracted from it: lost as much as a line a text rule removed (``--max-loss``).
    pruned_words: int = 0
    # An HTML page given as bytes: the encoding that read it, and how many of its bytes
    # were not valid there and became U+FFFD (letters lost before any rule ran).
    encoding: str | None = None
    invalid_bytes: int = 0

    @cached_property
    def input_words(self) -> int:
        if self._lines_only:
            # Words do not span lines: the input's are the output's and those of the
            # lines that went (blank lines that went without a record hold none).
            return self.output_words + self._removed_words
        return count_words(self.original) + self.pruned_words

    @cached_property
    def _removed_words(self) -> int:
        return sum(count_words(r.text) for r in self.removals)

    @cached_property
    def output_words(self) -> int:
        return count_words(self.text)

    @cached_property
    def _lines_only(self) -> bool:
        """Only whole lines went, and no line is blank to Python but words to regex
        (U+001C-U+001F): then the output's lines are input lines as they were."""
        return all(r.whole_line for r in self.removals) and not any(
            c in self.original for c in _SPACE_ONLY_TO_PYTHON
        )

    @property
    def changed(self) -> bool:
        return bool(self.removals)

    @property
    def words_lost(self) -> float:
        """Share of the input's words that are gone (0.0 to 1.0)."""
        if not self.removals and self._lines_only:
            # Nothing removed: the same words, at most blank lines went. Counting them
            # would have cost a batch with --max-loss a quarter of its time.
            return 0.0
        if not self.input_words:
            return 0.0
        return max(0.0, 1.0 - self.output_words / self.input_words)

    def lost_more_than(self, share: float) -> bool:
        """``words_lost > share``, counting no more of the output's words than it
        takes to tell: a few promo lines gone from a long article are told after a
        few dozen words, where counting all of them cost a batch (``--max-loss`` is on
        by default) a fifth of its time."""
        if share > 0 and self._lines_only and "output_words" not in self.__dict__:
            lost = self._removed_words
            # words_lost <= share once the output holds lost * (1 - share) / share
            # words; one more keeps the float comparison well clear of the edge.
            enough = math.ceil(lost * (1 - share) / share) + 1
            if count_words(self.text, enough) > enough:
                return False
        return self.words_lost > share


def split_lines(text: str) -> list[str]:
    """Lines of ``text``; a final newline does not make an extra empty line."""
    return list(lines_of(_normalise_breaks(text)))


def count_words(text: str, limit: int | None = None) -> int:
    """Whitespace-separated words, counting no further than ``limit + 1``."""
    if len(text) < _SPLIT_BELOW and not any(c in text for c in _SPACE_ONLY_TO_PYTHON):
        # The same words: both see the same whitespace then. str.split stops after
        # ``limit`` of them (the rest is one more piece), several times faster than regex.
        return len(text.split() if limit is None else text.split(None, limit))
    words = _WORD.finditer(text)
    return sum(1 for _ in (words if limit is None else itertools.islice(words, limit + 1)))


class _Document:
    """Working state of one pass: lines, what is removed, what was recorded."""

    def __init__(
        self,
        lines: Lines,
        clock: TimeBudget,
        plan: Plan,
        candidates: Candidates,
        *,
        written: bool,
        marked: frozenset[int] = frozenset(),
    ) -> None:
        self.lines = lines
        self.marked = marked  # lines no rule matches: an HTML page's quotations, code, terms
        self.plan = plan
        # No line holds what patterns read otherwise (cleaner.engine.reading): they read
        # each line as it is, with no second look (most documents).
        self.written = written
        self.removed = bytearray(len(lines))  # 1: the line goes (a byte a line, not a list's 8)
        self.removals: list[Removal] = []
        self.clock = clock
        self.end = len(lines)  # lines from here on were truncated
        self.candidates = candidates
        self.rewritten = False  # a strip changed a line
        # A drop-block start matched with no end in reach, or a cluster rule had lines
        # that may match: removals may bring more within reach in another pass.
        self.pending = False
        # Removals (by index) of whole lines with a "|": a table separator next to one
        # may be left with no row of its table (_drop_lone_separators)
        self.piped: list[int] = []
        self.fences = fences_of(lines.text, lines)  # fenced code blocks: no rule's (cleaner.engine.fences)

    def search(self, rule: CompiledRule, i: int, pattern: regex.Pattern[str] | None = None) -> bool:
        if pattern is None and i in self.marked:
            return False  # the page marked it as quoted, code or a term (run_plan's ``marked``)
        line = self.lines[i]
        if "|" in line and heads_table(self.lines, i):
            return False  # a table's header and its separator are no rule's match
        if self.fences is not None and i in self.fences:
            return False  # nor is a line of a fenced code block
        found = self._matches(rule, i, pattern)
        if found and rule.action is Action.DROP_LINE and "|" in line and i in self.data_rows:
            return False  # a row under a table's header is the table's data, every rule's
        if found and rule.rule.keep_data_rows:
            return not self._article_data(rule, i)
        return found

    def _article_data(self, rule: CompiledRule, i: int) -> bool:
        """Whether line ``i``, which a keep-data-rows rule matches, is the article's
        data beyond a row under a table's header (no drop-line rule's, :meth:`search`):
        a bare-pipe row over a row of its width (a table exported as text), an item of
        a list (cleaner.engine.tables, lists)."""
        lines, removed = self.lines, self.removed
        own = functools.partial(self._matches, rule)
        others = functools.partial(self._taken_by_others, rule)
        if "|" in lines[i] and in_bare_table(lines, removed, i, own=own, others=others):
            return True
        menu = None if rule.menus is None else functools.partial(self._matches, rule, pattern=rule.menus)
        return in_article_list(lines, removed, i, own=own, others=others, menu=menu)

    def _taken_by_others(self, rule: CompiledRule, j: int) -> bool:
        """Whether a drop-line rule other than ``rule`` matches line ``j`` (its pattern,
        max-words and ``unless``; not where the line stands, so the answer is the same
        in every pass): a line keep-data-rows counts on must stay."""
        return any(
            other is not rule and other.action is Action.DROP_LINE and self._matches(other, j)
            for other in self._line_rules_at(j)
        )

    def _matches(
        self, rule: CompiledRule, i: int, pattern: regex.Pattern[str] | None = None, *, quotes: bool = True
    ) -> bool:
        """Whether the rule (or ``pattern``) matches line ``i``, its max-words and its
        ``unless`` heeded (and, with ``quotes``, not only in what the line quotes); where
        the line stands is the caller's business."""
        line = self.lines[i]
        if rule.too_long is not None and len(line) > rule.short and rule.too_long.line(line):
            return False  # more than max-words words
        try:
            if self.written:  # most documents: patterns read each line as it is written
                found = (pattern or rule.pattern).search(
                    line, timeout=self.clock.limit(rule.id, line)
                ) is not None
                if found and pattern is None and rule.unless is not None:
                    found = rule.unless.search(line, timeout=self.clock.limit(rule.id, line)) is None
            else:
                found = _found(rule, pattern, readings(line), self.clock.limit(rule.id, line))
        except TimeoutError as exc:
            raise self.clock.expired(rule.id) from exc
        self.clock.stop(rule.id)
        if found and quotes and pattern is None and rule.action in _LINE_ACTIONS and may_quote(line):
            return not self._quotes_only(rule, i)
        return found

    def _quotes_only(self, rule: CompiledRule, i: int) -> bool:
        """Whether the rule matches line ``i`` only in what the line quotes: then the
        line is the article's (:mod:`cleaner.engine.quotes`)."""
        line = self.lines[i]
        limit = self.clock.limit(rule.id, line)
        try:
            spans = quoted_spans(self.lines, i, limit)
            # a label over the quotation is the site speaking: a drop-line rule's (QA round S, S8)
            site = rule.action is Action.DROP_LINE and labelled_notice(self.lines, i, spans)
            quoted = (
                bool(spans)
                and not site
                and only_quoted(line, spans, functools.partial(_holds, rule, self.written, limit))
            )
        except TimeoutError as exc:
            raise self.clock.expired(rule.id) from exc
        self.clock.stop(rule.id)
        if quoted and (run := quote_run(self.lines, i)) is not None:
            return not is_callout(self.lines, run, live=self.live, matched=self._line_rule_matches)
        return quoted

    def _line_rule_matches(self, j: int) -> bool:
        """Whether a drop-line or strip rule matches line ``j`` as it is written, quotes
        or not (a "> " callout's lines, cleaner.engine.quotes)."""
        return any(
            other.action in _LINE_ACTIONS and self._matches(other, j, quotes=False)
            for other in self._line_rules_at(j)
        )

    def _line_rules_at(self, j: int) -> Iterator[CompiledRule]:
        """The drop-line and strip rules that may match line ``j``, wherever they act
        (anywhere, or at the text's head or tail)."""
        plan = self.plan
        return (
            plan.by_id[pid]
            for stage in (plan.anywhere, plan.tail, plan.head)
            for pid in self.candidates.at(j, stage)
        )

    @cached_property
    def data_rows(self) -> DataRows:
        """The rows under a table's header, told when a drop-line rule first matches a
        row: no drop-line rule takes one."""
        return DataRows(self.lines, self.removed)

    def drop(self, rule: CompiledRule, i: int, *, record: bool = True) -> None:
        self.removed[i] = 1
        if record:
            line = self.lines[i]
            if "|" in line:
                self.piped.append(len(self.removals))
            self.removals.append(Removal(rule.id, i + 1, 0, len(line), line, whole_line=True))

    def truncate(
        self, rule: CompiledRule, start: int, marker: Callable[[int, int], int | None] | None = None
    ) -> int | None:
        """Line ``start`` and every line after it go (only those with text recorded),
        or, when the rule's guard sees the article resume, the lines up to there: then
        the line where it resumes, from which the caller looks for the next marker.

        ``marker(start, stop)``: the first line between them where another cut opens.
        A cut the guard stopped ends there, so that the other cut still finds its
        marker: a "Related" list whose cut stopped at the first reader comment had taken
        the "2 Comments" heading above it, and the thread stayed."""
        stop = self.prose_resumes(rule, start, self.end)
        if stop is not None:
            until = marker(start, stop) if marker is not None else None
            self.drop_run(rule, start, stop, until)
            return stop if until is None else until
        lines, removed, records, rule_id = self.lines, self.removed, self.removals, rule.id
        if "|" in lines[start]:  # the cut's first line: the only one a kept line may stand next to
            self.piped.append(len(records))
        for j in range(start, self.end):  # a comment thread can be hundreds of lines: no call per line
            if not removed[j]:
                removed[j] = 1
                line = lines[j]
                if line and not line.isspace():
                    records.append(Removal(rule_id, j + 1, 0, len(line), line, True))
        self.end = start
        return None

    def prose_resumes(self, rule: CompiledRule, start: int, end: int) -> int | None:
        """Where the guard of a cut from ``start`` to ``end`` stops it (None: it goes on)."""
        opening = self.fences.first_opening(start, end) if self.fences is not None else None
        if opening is not None:  # a cut ends where a fenced code block opens (cleaner.engine.fences)
            stop = self.prose_resumes(rule, start, opening)
            if stop is not None:
                return stop
            closing = self.fences.block_at(opening).stop - 1
            if not self._thread_below(rule, closing, end):
                return opening
            stop = self.prose_resumes(rule, closing, end)  # past the block, which stays
            return end if stop is None else stop
        guard = rule.rule.stop_at_prose
        own = functools.partial(self.search, rule)
        stop = None
        if guard is not None:
            dropped = (
                functools.partial(_line_rule_takes, self, self.plan)
                if guard.closing_words or guard.list_end
                else None
            )
            stop = prose_resumes(self.lines, start, end, guard, live=self.live, own=own, dropped=dropped)
            if stop is not None:
                titles = past_subheadings(guard, self.lines[start])
                stop = introduced(self.lines, start, stop, live=self.live, own=own, subheadings=titles)
        if rule.stop is None:
            return stop
        named = first_stop(start, end if stop is None else stop, self.live, self.stops(rule))
        if named is None:
            return stop
        # the title of what stop-at names stays with it ("Running order" over a podcast's
        # timestamps), whatever the guard's subheadings: a link list's last title stands
        # over where prose resumes, not over such data (cleaner.engine.stops)
        named = introduced(self.lines, start, named, live=self.live, own=own, subheadings=True)
        if guard is None:
            return named
        return led_in(self.lines, start, named, guard.words, live=self.live, own=own)

    def stops(self, rule: CompiledRule, *, opening: bool = False) -> Callable[[int], bool]:
        """Whether a line is one the rule's ``stop-at`` names (it has one), and what the
        cut takes does not go on right under it: a reader writes a deadline or a colon
        line too ("Objections have to be in by 14 March, so get writing, people." over
        "Reply"; QA round U, U1-U4), and a thread's "Reply" within
        :data:`_THREAD_LINES` lines under it says the thread goes on. The rule's own
        marker there says so inside a cut (a reader's deadline over the thread's "Leave a
        Reply": QA round W, W1); ``opening`` (the line right under a marker, which decides
        whether a cut opens at all), it ends the look instead: the thread's heading right
        under a consultation's last detail is where the article ends (QA round V, V1)."""

        def stops(j: int) -> bool:
            if not self.search(rule, j, pattern=rule.stop):
                return False
            for k in itertools.islice(live_lines(range(j + 1, len(self.lines)), self.live), _THREAD_LINES):
                if self.search(rule, k):
                    return opening
                if self._in_thread(rule, k, examples=False):
                    return False
            return True

        return stops

    def _thread_below(self, rule: CompiledRule, closing: int, end: int) -> bool:
        """Whether what a cut takes goes on under the fenced block that ends at line
        ``closing`` (QA round S, S6): see :meth:`_in_thread`."""
        below = first_live(range(closing + 1, end), self.live)
        return below is not None and self._in_thread(rule, below, examples=True)

    def _in_thread(self, rule: CompiledRule, i: int, *, examples: bool) -> bool:
        """Whether line ``i`` is one ``rule`` matches or a drop-line rule takes ("Reply"
        under a reader's snippet). With ``examples`` false, under a line ``stop-at``
        names: only a drop-line rule of ``rule``'s own pack (its id's first part,
        "comments." for "comments.thread": the thread's furniture, not the share row or
        the promos under an article that ends on its consultation's details), no example
        the article shows under its own colon line ("Great article!" under "Below it, the
        usual mix:", in a story about comment sections: QA round T, T8), and not the
        rule's own marker (:meth:`stops` asks about it first). A reader's snippet is
        under their own colon line, and the "Reply" below it is the thread's."""
        if examples:
            return self.search(rule, i) or _line_rule_takes(self, self.plan, i)
        candidates = (self.plan.by_id[pid] for pid in self.candidates.at(i, self.plan.anywhere))
        pack = _pack_of(rule)
        return any(
            other.action is Action.DROP_LINE and _pack_of(other) == pack and _drops(self, self.plan, other, i)
            for other in candidates
        )

    def drop_run(self, rule: CompiledRule, start: int, stop: int, until: int | None = None) -> None:
        """Lines ``start`` to ``stop - 1`` go (to ``until - 1`` when given), those with
        text recorded; what comes after may hold another marker, so the engine takes
        another pass. A run shorter than the guard's ``min-cut`` lines (to ``stop``) was
        no list: only the lines the rule matches go, unless they are two bulleted items or
        more under a rule with ``list-end`` (cleaner.engine.guard.bulleted_list)."""
        guard = rule.rule.stop_at_prose
        cut = sum(self.live(j) and not self._in_block(j) for j in range(start, stop))
        own_only = guard is not None and cut < guard.min_cut
        if own_only and guard is not None and guard.list_end is not None:
            own = functools.partial(self.search, rule)
            own_only = not bulleted_list(self.lines, start, stop, live=self.live, own=own)
        for j in range(start, stop if until is None else until):
            if self.removed[j] or self._in_block(j):
                continue  # a fenced block the cut passed over stays
            if own_only and not (self.live(j) and self.search(rule, j)):
                continue
            self.drop(rule, j, record=not _blank(self.lines[j]))
        self.pending = True

    def _in_block(self, i: int) -> bool:
        """Whether line ``i`` is in a fenced code block: one a cut passed over stays."""
        return self.fences is not None and i in self.fences

    def live(self, i: int) -> bool:
        return not self.removed[i] and not _blank(self.lines[i])


def _holds(rule: CompiledRule, written: bool, limit: float, text: str) -> bool:
    """Whether the rule's pattern matches ``text`` (not a line of the document: a part
    of one) and its ``unless`` does not, in the text as written (a document no pattern
    reads otherwise) or in each of its readings."""
    return _found(rule, None, [(text, 0)] if written else readings(text), limit)


def _found(
    rule: CompiledRule, pattern: regex.Pattern[str] | None, texts: Sequence[Reading], limit: float | None
) -> bool:
    """Whether the rule's ``pattern`` (its own by default) matches one reading of a line
    and, for its own, its ``unless`` none (an exception the line gives in one reading
    holds for it)."""
    if not any((pattern or rule.pattern).search(text, timeout=limit) for text, _ in texts):
        return False
    return (
        pattern is not None
        or rule.unless is None
        or not any(rule.unless.search(text, timeout=limit) for text, _ in texts)
    )


def run(
    text: str,
    rules: Sequence[CompiledRule],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    document_timeout: float | None = None,
) -> CleanResult:
    """Clean ``text`` with ``rules``, trying every rule on every line; raises
    RuleTimeoutError if a pattern, or the whole document, runs out of time (the
    caller then keeps the document as it was)."""
    return run_plan(text, Plan(rules), timeout=timeout, document_timeout=document_timeout)


def run_plan(
    text: str,
    plan: Plan,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    document_timeout: float | None = None,
    marked: Collection[int] = (),
) -> CleanResult:
    """Clean ``text`` with a plan: the same result as :func:`run`, faster when the
    plan's rule set has its scanner. ``marked``: lines of ``text`` (numbered from 0) that
    no rule matches, as a marker, a member or a line to drop or strip (an HTML page's
    quotations, code and terms: :mod:`cleaner.html.marked`); a cut from another line
    still takes them."""
    clock = TimeBudget(timeout, document_timeout, len(text))
    normal = _normalise_breaks(text)
    if not normal.startswith(_BOM):
        return CleanResult(*_cleaned(normal, plan, clock, frozenset(marked)), text)
    # A byte-order mark is no character of the first line but the text's own: rules
    # meet that line as it reads (their spans count from its first letter), and the
    # mark goes back in front of what is left, once, whichever lines went (an emptied
    # text stays empty). The files the command line reads have theirs taken off when
    # they are decoded; a string given to the API or a batch record's field has it here.
    output, removals = _cleaned(normal[1:], plan, clock, frozenset(marked))
    return CleanResult(_BOM + output if output else output, removals, text)


def _cleaned(
    normal: str, plan: Plan, clock: TimeBudget, marked: frozenset[int] = frozenset()
) -> tuple[str, tuple[Removal, ...]]:
    """The cleaned text of ``normal`` (line ends made ``\\n``) and its removals."""
    written = as_written(normal)  # and so is every later pass's text: removals add nothing
    candidates = plan.candidates(normal, written=written)
    if candidates.none:  # most documents: no line worth a second look
        return _trim_blank_edges(normal), ()
    lines = lines_of(normal)
    steps: list[LineMap] = []  # how the lines of each later pass descend from the pass before
    removals: list[Removal] = []
    while True:
        candidates.count = len(lines)
        doc = _Document(lines, clock, plan, candidates, written=written, marked=marked)
        _run_pass(doc, plan)
        if not doc.removals and 1 not in doc.removed:
            output = lines.text if removals else _trim_blank_edges(normal)
            break
        removals += _renumbered(doc.removals, steps) if steps else doc.removals
        # Another pass can only find more where a strip rewrote a line, or where
        # removals brought a block's end (or a cluster's lines) within reach: a line
        # left as it was meets the same rules, with no more words before it, at the same edge.
        again = bool(doc.removals) and (doc.rewritten or doc.pending)
        kept = _kept(doc)
        cuts, cut_from = lines.cuts(kept), lines.text
        del doc, lines  # their offsets and flags go before the output is built: less memory at the peak
        output = assemble(cut_from, cuts)
        if not again:
            break
        step = LineMap(kept)
        steps.append(step)
        marked = frozenset(new for _, new in step.new(sorted(marked)))
        candidates = candidates.renumbered(step)
        lines = lines_of(output)
    return output, tuple(sorted(removals, key=lambda r: (r.line, r.start)))


def _renumbered(removals: list[Removal], steps: list[LineMap]) -> list[Removal]:
    """Removals of a later pass, with the input's line numbers (the first pass has them)."""
    return [r._replace(line=_origin(r.line - 1, steps) + 1) for r in removals]


def _origin(line: int, steps: list[LineMap]) -> int:
    for step in reversed(steps):
        line = step.old(line)
    return line


def _run_pass(doc: _Document, plan: Plan) -> None:
    _truncate(doc, plan)
    _truncate_at_cluster(doc, plan)
    _drop_blocks(doc, plan)
    _drop_and_strip(doc, plan)
    _drop_at_edge(doc, plan, plan.tail, Position.TAIL)
    _drop_at_edge(doc, plan, plan.head, Position.HEAD)
    _drop_lone_separators(doc)


def _drop_lone_separators(doc: _Document) -> None:
    """A table's separator that a rule left with no row of its table next to it goes
    with the row the rule took, in that rule's name: a one-cell footer box over
    ``|---|`` left the separator alone in the text. Only a separator next to a row
    removed in this pass is looked at: one that stood alone in the input stays (a
    rule may take it), and the next pass meets no lone separator this one made. One
    that goes makes another pass: the line above it may now end the text, where a
    ``tail`` rule takes it."""
    lines, removed, removals, end = doc.lines, doc.removed, doc.removals, doc.end
    gone: set[int] = set()
    for k in doc.piped:
        removal = removals[k]
        if not is_row(removal.text):
            continue
        i = removal.line - 1
        for j in (i - 1, i + 1):
            if 0 <= j < end and not removed[j] and lone_separator(lines, removed, j, gone):
                removed[j] = 1
                gone.add(j)
                doc.pending = True  # a line it stood between becomes an edge, or a cluster closes up
                line = lines[j]
                removals.append(Removal(removal.rule_id, j + 1, 0, len(line), line, True))


def _truncate(doc: _Document, plan: Plan) -> None:
    stage = plan.truncate
    if not stage:
        return
    resume = 0  # a guarded cut that stopped: the next marker is looked for after it, in this pass
    for i in doc.candidates.lines(stage):
        if i < resume:
            continue
        for pid in doc.candidates.at(i, stage):
            rule = plan.by_id[pid]
            if _opens_cut(doc, plan, rule, i):
                stop = doc.truncate(rule, i, functools.partial(_next_marker, doc, plan))
                if stop is None:
                    return
                resume = stop
                break


def _opens_cut(doc: _Document, plan: Plan, rule: CompiledRule, i: int) -> bool:
    """Whether line ``i`` is a marker of the truncate-at ``rule``, with its words above it,
    that the article neither quotes nor heads a section with (its guard's ``quoted`` and
    ``section-words``, or a first line under it that its ``stop-at`` names)."""
    needed = rule.rule.min_words_before
    if not ((not needed or _has_words(doc.lines, i, needed)) and doc.search(rule, i)):
        return False
    if rule.stop is not None and heads_stop(i, doc.end, doc.live, doc.stops(rule, opening=True)):
        return False  # the title of a section its stop-at names (cleaner.engine.stops)
    return rule.rule.stop_at_prose is None or not _article_marker(doc, plan, rule, i)


def _article_marker(doc: _Document, plan: Plan, rule: CompiledRule, i: int) -> bool:
    """Whether the article owns the marker at ``i``, by its guard's ``section-words``,
    ``quoted`` and ``closing-words`` (cleaner.engine.guard): the article goes on right
    under it, in a paragraph it heads (with ``closing-words``, the text's last line, a
    paragraph of two sentences or more), or below an introduction that quotes it."""
    guard = rule.rule.stop_at_prose
    assert guard is not None
    if not guard.quoted and guard.section_words is None and guard.closing_words is None:
        return False
    own = functools.partial(doc.search, rule)
    dropped = functools.partial(_no_introduction, doc, plan, rule)
    quoted = guard.quoted and announced(doc.lines, i, live=doc.live, own=own, dropped=dropped)
    voice = quoted and in_own_voice(doc.lines, i, live=doc.live)
    below = prose_below(doc.lines, i, doc.end, guard, live=doc.live, own=own, voice=voice)
    titles = not counts(doc.lines[i])
    if below is None or not goes_on(doc.lines, below, doc.end, guard, live=doc.live, own=own, titles=titles):
        return False
    words = guard.section_words
    section = words is not None and heads_section(doc.lines[below], words)
    closing = guard.closing_words is not None and heads_last_paragraph(
        doc.lines, below, doc.end, live=doc.live
    )
    return quoted or section or closing


def _next_marker(doc: _Document, plan: Plan, start: int, stop: int) -> int | None:
    """The first line after ``start`` and before ``stop`` where a truncate-at rule opens a cut."""
    for k in doc.candidates.lines(plan.truncate):
        if k >= stop:
            return None
        if (
            k > start
            and doc.live(k)
            and any(_opens_cut(doc, plan, plan.by_id[p], k) for p in doc.candidates.at(k, plan.truncate))
        ):
            return k
    return None


def _has_words(lines: Lines, i: int, count: int) -> bool:
    """At least ``count`` words before line ``i``, without counting them one by one:
    runs of ``\\S``, or, short of them, words of the scripts written without spaces
    (:mod:`cleaner.engine.words`)."""
    text, end = lines.before(i)
    words = at_least(count)
    if end < _SPLIT_BELOW:
        if count_words(text[:end], count) >= count:
            return True
    elif words.spaced(text, end):  # no copy of a long text
        return True
    return not text.isascii() and words.unspaced(text, end)


def _truncate_at_cluster(doc: _Document, plan: Plan) -> None:
    """truncate-at-cluster: cut at the earliest line that opens a cluster of any rule
    of the stage (the first rule wins a tie); that line and everything after it go."""
    after: int | None = 0  # a guarded cut that stopped: the next cluster is looked for after it
    while after is not None:
        cut: tuple[int, CompiledRule] | None = None
        for pid in plan.clusters:
            rule = plan.by_id[pid]
            start = _cluster_start(doc, plan, rule, pid, doc.end if cut is None else cut[0], after)
            if start is not None:
                cut = (start, rule)
        if cut is None:
            return
        start, rule = cut
        after = doc.truncate(rule, start, functools.partial(_next_marker, doc, plan))


def _cluster_start(
    doc: _Document, plan: Plan, rule: CompiledRule, pid: int, before: int, after: int = 0
) -> int | None:
    """The first line from ``after`` and before ``before`` that matches ``rule``, has ``min-words-before``
    words above it, and is followed, within ``within-lines`` non-blank lines counting
    itself, by ``min-lines - 1`` more matching lines; None if there is none.

    Walking the matching lines in order, the first window that holds ``min-lines`` of
    them starts at the earliest such line: an earlier start would have filled its
    window one match sooner.

    Enough matching lines above the cut, or anywhere when there is none, set
    ``doc.pending``: removals may bring them together in another pass.
    """
    need, within, words = rule.rule.min_lines, rule.rule.within_lines, rule.rule.min_words_before
    enough = not words  # once a line has the words above it, every later line has them
    hits: list[int] = []
    label = functools.partial(_no_introduction, doc, plan, rule)
    for i in doc.candidates.lines(range(pid, pid + 1)):
        if i < after:
            continue
        lowest = i if need == 1 or not hits else hits[max(0, len(hits) + 1 - need)]  # the earliest start left
        if i >= doc.end or lowest >= before:
            break
        if not doc.live(i) or not (enough or _has_words(doc.lines, i, words)):
            continue
        enough = True
        if not doc.search(rule, i) or _in_list(doc, rule, i):
            continue
        if rule.rule.spare_introduced and in_introduced_run(doc.lines, i, live=doc.live, label=label):
            continue  # a line of a poem or a list the article quotes (cleaner.engine.guard)
        hits.append(i)
        if len(hits) >= need and hits[-need] < before and _spans_at_most(doc, hits[-need], i, within):
            if rule.rule.spare_series and _signed_above(doc, rule, pid, hits[-need]):
                return None  # a series of entries signed alike: no thread to cut (cleaner.engine.series)
            doc.pending = doc.pending or len(hits) - need >= need
            return _labelled(doc, rule, hits[-need])
    doc.pending = doc.pending or len(hits) >= need
    return None


def _in_list(doc: _Document, rule: CompiledRule, i: int) -> bool:
    """Whether line ``i`` is in a run of more than the cluster's ``max-run`` lines the
    rule matches, one right after another (blank lines aside), each written in a form
    of its own: the formats a guide shows, where a thread puts a comment under each
    signature, and signs each comment in its template's one form."""
    most = rule.rule.max_run
    if most is None:
        return False
    run = [i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < doc.end and len(run) <= _LIST_LINES:
            if doc.live(j):
                if not doc.search(rule, j):
                    break
                run.append(j)
            j += step
    return len(run) > most and all_forms_differ([doc.lines[j] for j in run])


def _no_introduction(doc: _Document, plan: Plan, rule: CompiledRule, i: int) -> bool:
    """Whether line ``i``, which ends with a colon, introduces nothing: a drop-line rule
    of the plan takes it (in this pass's later stage), or it is one of the ``labels`` of
    ``rule``'s spare-introduced (a thread's own heading)."""
    if rule.labels is not None and doc.search(rule, i, pattern=rule.labels):
        return True
    return _line_rule_takes(doc, plan, i)


def _pack_of(rule: CompiledRule) -> str:
    """The pack a rule's id names (ids are prefixed with their pack's name)."""
    return rule.id.partition(".")[0]


def _line_rule_takes(doc: _Document, plan: Plan, i: int) -> bool:
    """Whether a drop-line rule of the plan matches line ``i`` (in this pass's later stage)."""
    rules = (plan.by_id[pid] for pid in doc.candidates.at(i, plan.anywhere))
    return any(other.action is Action.DROP_LINE and doc.search(other, i) for other in rules)


def _labelled(doc: _Document, rule: CompiledRule, start: int) -> int:
    """Where a cut from a cluster's first line ``start`` begins: at the live line just
    above when it is one of the rule's spare-introduced ``labels`` (the thread's own
    heading goes with it), else at ``start``."""
    if rule.labels is None:
        return start
    above = first_live(range(start - 1, -1, -1), doc.live)
    return above if above is not None and doc.search(rule, above, pattern=rule.labels) else start


def _signed_above(doc: _Document, rule: CompiledRule, pid: int, start: int) -> bool:
    """Whether a live line above ``start``, below the page's first paragraph, is one
    ``rule`` matches (a signature over every paragraph is the post's byline)."""
    lines = doc.lines
    first = next(
        (j for j in range(start) if doc.live(j) and line_has_words(lines[j], _PARAGRAPH_WORDS)), None
    )
    if first is None:
        return False

    def member(i: int) -> bool:
        return doc.live(i) and doc.search(rule, i)

    return signed_above(start, doc.candidates.lines(range(pid, pid + 1)), member, after=first)


def _spans_at_most(doc: _Document, first: int, last: int, count: int) -> bool:
    """Lines ``first`` to ``last`` hold at most ``count`` non-blank lines (counted no further)."""
    seen = 0
    for j in range(first, last + 1):
        seen += doc.live(j)
        if seen > count:
            return False
    return True


def _drop_blocks(doc: _Document, plan: Plan) -> None:
    starts = list(doc.candidates.lines(plan.starts))
    ends = list(doc.candidates.lines(plan.ends))
    for offset, start_id in enumerate(plan.starts):
        rule, end_id = plan.by_id[start_id], plan.ends[offset]
        i = 0
        for s in starts:
            if s >= doc.end:
                break
            if s < i or doc.removed[s] or start_id not in doc.candidates.at(s, plan.starts):
                continue
            if not doc.search(rule, s):
                continue
            last = min(doc.end, s + rule.rule.max_lines)
            j = next((j for j in ends if s <= j < last and _block_end(doc, rule, end_id, j)), None)
            if j is None:
                doc.pending = True
                continue
            stop = doc.prose_resumes(rule, s, j + 1)
            if stop is not None:
                doc.drop_run(rule, s, stop)
                i = stop
                continue
            for k in range(s, j + 1):
                if not doc.removed[k]:
                    doc.drop(rule, k)
            i = j + 1


def _block_end(doc: _Document, rule: CompiledRule, end_id: int, j: int) -> bool:
    return end_id in doc.candidates.at(j, range(end_id, end_id + 1)) and doc.search(rule, j, rule.end)


def _drop_and_strip(doc: _Document, plan: Plan) -> None:
    stage = plan.anywhere
    if not stage:
        return
    for i in doc.candidates.lines(stage):
        if i >= doc.end:
            break
        if doc.live(i):
            _clean_line(doc, plan, i)


def _clean_line(doc: _Document, plan: Plan, i: int) -> None:
    """Try the drop-line rules, then the strip rules, that may match line ``i``."""
    ids = list(doc.candidates.at(i, plan.anywhere))
    k = 0
    while k < len(ids):
        pid = ids[k]
        rule = plan.by_id[pid]
        k += 1
        if rule.action is Action.STRIP:
            shown = rule.rule.spare_introduced and _shown_example(doc, plan, rule, i)
            if not shown and _strip(doc, rule, i):
                doc.rewritten = True
                if _blank(doc.lines[i]):
                    doc.removed[i] = True
                    return
                doc.candidates.refresh(i, doc.lines[i])  # what is left may match others
                ids, k = [p for p in doc.candidates.at(i, plan.anywhere) if p > pid], 0
        elif _drops(doc, plan, rule, i):
            doc.drop(rule, i)
            return  # a line the rule spares as an example may still be another rule's


def _drops(doc: _Document, plan: Plan, rule: CompiledRule, i: int) -> bool:
    """Whether the drop-line ``rule`` takes line ``i``: it matches, the line is no
    example the article introduces (``spare-introduced``), and no line of a verse that a
    sentence runs through (cleaner.engine.verse)."""
    if not doc.search(rule, i) or (rule.rule.spare_introduced and _shown_example(doc, plan, rule, i)):
        return False
    taken = functools.partial(_line_rule_takes, doc, plan)
    return not in_verse(doc.lines, i, live=doc.live, taken=taken)


def _shown_example(doc: _Document, plan: Plan, rule: CompiledRule, i: int) -> bool:
    """Whether line ``i``, which a drop-line or strip rule with ``spare-introduced`` may
    take, is one of the examples a guide shows under a sentence ending with a colon
    ("Buttons that work on a sign-up page:" over "Sign up", "Get started"; "Forecast
    highs for Plymouth, in degrees:" over "14 14 14"), and the text goes on in prose
    after them: page chrome is not introduced by the article, and a promo block under a
    colon line runs into the footer or the end of the page. A layout table's row
    is never one: a cell ending with a colon is a label of the page's furniture ("|
    Related Quotes: |")."""
    if doc.lines[i].lstrip().startswith("|"):
        return False
    label = functools.partial(_no_introduction, doc, plan, rule)
    return in_introduced_run(doc.lines, i, live=doc.live, label=label) and prose_follows(
        doc.lines, i, live=doc.live
    )


def _strip(doc: _Document, rule: CompiledRule, i: int) -> bool:
    """Cut every match out of line ``i``, again until none is left (a cut can join
    the halves of a new match); whitespace around a cut becomes one space. True if
    the line changed."""
    changed = False
    while doc.search(rule, i):
        line = doc.lines[i]
        try:
            cut = _cut(doc, rule, i, line)
        except TimeoutError as exc:
            raise doc.clock.expired(rule.id) from exc
        doc.clock.stop(rule.id)
        if cut == line:
            break
        doc.lines[i], changed = cut, True
    if changed and _blank(doc.lines[i]):  # the line goes: its last cut (this call's last record) took it
        doc.removals[-1] = doc.removals[-1]._replace(emptied=True)
    return changed


def _cut(doc: _Document, rule: CompiledRule, i: int, line: str) -> str:
    assert rule.pattern is not None
    texts = [(line, 0)] if doc.written else readings(line)
    limit = doc.clock.limit(rule.id, line)
    if rule.unless is not None and any(rule.unless.search(text, timeout=limit) for text, _ in texts):
        return line  # the rule's exception: nothing of this line is its match
    # The line as written, or as read when the pattern does not match it so: spans of
    # that reading are the line's own, past the marks it skips (cleaner.engine.reading).
    text, skipped = next((t for t in texts[1:] if not rule.pattern.search(line, timeout=limit)), texts[0])
    pieces, spaced, position = [], [], 0
    for match in rule.pattern.finditer(text, timeout=limit):
        start, end = match.start() + skipped, match.end() + skipped
        if end == start:
            continue
        text = line[start:end]
        doc.removals.append(Removal(rule.id, i + 1, start, end, text))
        pieces.append(line[position:start])
        spaced.append(text[:1].isspace() or text[-1:].isspace())
        position = end
    if not pieces:
        return line
    return _join([*pieces, line[position:]], spaced)


def _join(pieces: list[str], spaced: list[bool]) -> str:
    """The pieces left around the cuts, whitespace on either side of a cut (in the
    text left or in the text cut: ``strip: {regex: '\\s+'}``, "x y z" less " y ")
    made one space, so that no cut glues two words.

    Built as a list and joined once: adding to one string would copy the line again
    for every cut, quadratic on a long line with many matches.
    """
    out = [pieces[0]] if pieces[0] else []
    for piece, space in zip(pieces[1:], spaced, strict=True):
        if space or (out and out[-1][-1:].isspace()) or piece[:1].isspace():
            while out and not out[-1].rstrip():
                out.pop()
            if out:
                out[-1] = out[-1].rstrip()
            piece = piece.lstrip()
            if out and piece:
                out.append(" ")
        if piece:
            out.append(piece)
    return "".join(out)


def _drop_at_edge(doc: _Document, plan: Plan, stage: range, position: Position) -> None:
    if not stage:
        return
    order = range(doc.end - 1, -1, -1) if position is Position.TAIL else range(doc.end)
    for i in order:
        if not doc.live(i):
            continue
        rules = (plan.by_id[pid] for pid in doc.candidates.at(i, stage))
        rule = next((r for r in rules if _drops(doc, plan, r, i)), None)
        if rule is None:
            return
        doc.drop(rule, i)


def _kept(doc: _Document) -> list[range]:
    """The lines that stay, as runs: blank lines at the edges and blank lines that a
    removal joined into a run go too. A removal ends a run."""
    kept: list[range] = []
    lines = doc.lines
    starts = [0, *(i + 1 for i in itertools.compress(range(doc.end), doc.removed))]
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else doc.end
        if not kept or _blank(lines[kept[-1].stop - 1]):
            start = next((n for n in range(start, end) if not _blank(lines[n])), end)
        if start < end:
            kept.append(range(start, end))
    while kept and _blank(lines[kept[-1].stop - 1]):
        last = kept.pop()
        if len(last) > 1:
            kept.append(range(last.start, last.stop - 1))
    return kept


def _blank(line: str) -> bool:
    """Empty or only whitespace (as ``not line.strip()``, without copying the line)."""
    return not line or line.isspace()


def _normalise_breaks(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _trim_blank_edges(text: str) -> str:
    """What a run that removes nothing makes of ``text``: the lines from the first
    to the last that are not blank, each ending in ``\\n``."""
    if text and not text[0].isspace():
        # Most documents: nothing to trim, found out without a copy. Many others (a
        # JSONL record's text, a file without its last line break) only lack the
        # break; stripping both ends to find that out copied the text three times, a
        # tenth of the time of a document no rule touches.
        if not text[-1].isspace():
            return text + "\n"
        if text[-1] == "\n" and not text[-2].isspace():  # text[0] is not it: two characters at least
            return text
    stripped = text.lstrip()
    if not stripped:
        return ""
    begin = text.rfind("\n", 0, len(text) - len(stripped)) + 1
    last = len(text.rstrip())
    end = text.find("\n", last)
    if end < 0:
        return text[begin:] + "\n"
    return text[begin : end + 1] if begin or end + 1 < len(text) else text
