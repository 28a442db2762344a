"""Counting, per site, on how many distinct pages each line occurs, in bounded memory.

A site is counted on its first ``max_site_pages`` distinct pages (a page met again,
byte for byte, is not counted twice: a syndicated or re-crawled article would
otherwise make its own sentences "repeat"). The table of lines holds at most
``table_cap`` entries over all sites: when it is full, the lines on the fewest
pages go, lines seen once first, until it is half full. Entries keep the first
spelling of the line, a second one if the line comes back spelled otherwise
(another number: a template), the line's mean position in its pages and a line
that followed it, for the rule's "keep" example, and on how many pages it sat after
the article: at the very end, or in the chrome zone that reader comments may follow
(two counters per line, whatever the page). Everything here depends only on the order
of the pages, so the same corpus always gives the same counts.
"""

from __future__ import annotations

import collections
import statistics
from dataclasses import dataclass, field

from cleaner.learn.article import article_like, label, narrates, says, states
from cleaner.learn.pages import Page
from cleaner.learn.promo import promotes, site_names
from cleaner.learn.thresholds import Thresholds


class Entry:
    """One line of one site: pages it is on, and what a rule about it will cite."""

    __slots__ = (
        "amid_prose_pages",
        "first",
        "keep",
        "other",
        "pages",
        "position",
        "prose_after",
        "tail_pages",
        "topic_pages",
        "zone_end_pages",
        "zone_goes_on_pages",
        "zone_pages",
    )

    def __init__(self, first: str) -> None:
        self.first = first  # the line as first met
        self.other: str | None = None  # a second spelling (other digits, spacing)
        self.keep: str | None = None  # a longer line near it on a page
        self.pages = 0
        self.position = 0.0  # sum over its pages of where it sat (0 top, 1 bottom)
        self.prose_after = 0  # pages where a line of prose came after it
        self.tail_pages = 0  # pages where it came after the article: many words before, no prose after
        self.zone_pages = 0  # pages where it sat in the chrome zone after the article (counting._chrome_zone)
        self.zone_end_pages = 0  # of those, pages where none of the page's own prose came after it
        self.zone_goes_on_pages = 0  # of those, pages where its own prose ran straight on after the zone
        self.topic_pages = 0  # pages whose own prose says its words (a short line only: article.label)
        self.amid_prose_pages = 0  # later pages where, a sentence (article.states), it sat amid own prose


@dataclass
class SiteCounts:
    """The counted pages of one site and its table of lines."""

    pages: int = 0
    duplicates: int = 0  # pages met again, not counted
    uncounted: int = 0  # pages beyond max_site_pages
    digests: set[int] = field(default_factory=set)
    table: dict[str, Entry] = field(default_factory=dict)


class Counts:
    """Every site's counts, fed one page at a time, in input order."""

    def __init__(self, thresholds: Thresholds) -> None:
        self.thresholds = thresholds
        self.sites: dict[str, SiteCounts] = {}
        self.entries = 0  # over all sites' tables
        self.pruned = 0  # entries dropped to keep within table_cap

    def add(self, page: Page) -> None:
        site = self.sites.get(page.site)
        if site is None:
            site = self.sites[page.site] = SiteCounts()
        if site.pages >= self.thresholds.max_site_pages:
            site.uncounted += 1
            return
        if page.digest in site.digests:
            site.duplicates += 1
            return
        site.digests.add(page.digest)
        site.pages += 1
        self._count_lines(site.table, page)
        if self.entries > self.thresholds.table_cap:
            self._prune()

    def _count_lines(self, table: dict[str, Entry], page: Page) -> None:
        last = max(len(page.lines) - 1, 1)
        last_prose = self._last_prose(page)
        last_new = _last_new(table, page)
        zone = self._chrome_zone(table, page)
        goes_on = bool(zone) and self._goes_on(table, page, zone)
        own = _own_prose(table, page, self.thresholds.prose_words)
        prose = " ".join(page.lines[i] for i in own).lower()  # what the page itself says
        amid = self._amid_prose(table, page, prose)
        last_own = own[-1] if own else -1
        before = 0  # words before the line
        seen: set[str] = set()
        for index, (line, key) in enumerate(zip(page.lines, page.keys, strict=True)):
            before += page.words[index - 1] if index else 0
            if key is None or key in seen:
                continue
            seen.add(key)
            entry = table.get(key)
            if entry is None:
                entry = table[key] = Entry(line)
                self.entries += 1
            elif entry.other is None and line != entry.first:
                entry.other = line
            entry.pages += 1
            entry.position += index / last
            if last_prose > index:
                entry.prose_after += 1
            elif last_new <= index and before >= self.thresholds.tail_min_words_before:
                entry.tail_pages += 1
            if index in zone:
                entry.zone_pages += 1
                entry.zone_end_pages += last_own < index
                entry.zone_goes_on_pages += goes_on
            entry.amid_prose_pages += index in amid
            if page.words[index] < self.thresholds.prose_words and prose:
                phrase = label(line, self.thresholds)
                entry.topic_pages += phrase is not None and says(prose, phrase)
            # Not on the first page: a line seen once may never be a rule. On a later one
            # when the page before had no line to show, so that every rule has its keep.
            if entry.keep is None and entry.pages >= 2:
                entry.keep = self._neighbour(table, page, index)

    def _chrome_zone(self, table: dict[str, Entry], page: Page) -> range:
        """The indexes of the page's chrome zone after its own text (empty: none): its
        last run of at least ``zone_min_lines`` lines met on earlier pages of the site
        (lines without letters, "| |", do not break a run), after at least
        ``tail_min_words_before`` words of lines the site had not shown before. The
        last run only: a block of chrome in the middle of an article ("Advertisement",
        "Story continues below") has more chrome after it, the page's footer."""
        known = [key is not None and key in table for key in page.keys]
        blank = [
            key is None and words < self.thresholds.prose_words
            for key, words in zip(page.keys, page.words, strict=True)
        ]
        zone, own, index = range(0), 0, 0
        while index < len(known):
            if known[index] or blank[index]:
                index += 1
                continue
            own += page.words[index]
            end, run = index + 1, 0
            while end < len(known) and (known[end] or blank[end]):
                run += known[end]
                end += 1
            if run >= self.thresholds.zone_min_lines and own >= self.thresholds.tail_min_words_before:
                zone = range(index + 1, end)
            index = end
        return zone

    def _amid_prose(self, table: dict[str, Entry], page: Page, prose: str) -> set[int]:
        """The indexes of the page's sentences (:func:`article.states`) that sit amid its
        own prose: the nearest line before and after each is a line the site had not
        shown before, of ``prose_words`` words or a sentence of a report
        (:func:`article.narrates`), passing over lines without letters and over lines of
        the site that read as article text themselves (another repeated sentence, a
        credit: :func:`article.article_like`). A background sentence sits between two
        paragraphs of its story; a promo or a teaser sits among more chrome (a box's
        heading, a menu), at the page's edges, or speaks to its reader, which no sentence
        of a report does. A promo that sits amid prose, told in the third person, speaks
        of the site itself (its name, its app, its subscribers: :func:`promo.promotes`),
        which the page's own ``prose`` does not: a series' background sentence shares
        the story's topic instead. Only sentences met on earlier pages of the site are
        tested (a line seen once is never learned): the articles' own paragraphs cost
        nothing."""
        thresholds = self.thresholds

        def between(near: range) -> bool:
            for index in near:
                key, words, line = page.keys[index], page.words[index], page.lines[index]
                if key is None and words < thresholds.prose_words:
                    continue  # "| |", "* * *"
                if key is not None and key in table:
                    if article_like(line, thresholds):
                        continue
                    return False
                return words >= thresholds.prose_words or narrates(line, thresholds)
            return False

        amid = {
            index
            for index, (key, words) in enumerate(zip(page.keys, page.words, strict=True))
            if words >= thresholds.sentence_words
            and key in table
            and states(page.lines[index], thresholds)
            and between(range(index - 1, -1, -1))
            and between(range(index + 1, len(page.lines)))
        }
        if not amid:
            return amid
        known = (
            line for line, key in zip(page.lines, page.keys, strict=True) if key is not None and key in table
        )
        names = site_names(page.site, known)
        return {index for index in amid if not promotes(page.lines[index], names, prose)}

    def _goes_on(self, table: dict[str, Entry], page: Page, zone: range) -> bool:
        """Whether the page's own text runs straight on after its chrome ``zone`` as an
        article does: its first lines with words after the zone (lines without letters,
        "| |", skipped as the zone skips them) are lines the site had not shown before,
        and either the first ``zone_goes_on_lines`` are paragraphs (:meth:`_paragraph_words`)
        or the first ``zone_sentence_lines`` are sentences of a report
        (:func:`article.narrates`): a story written one sentence to a paragraph after a
        long lede. An article going on after a box in its middle does; reader comments
        after its end are broken up by short lines (a "Comments" heading, names, dates,
        one-line replies), as the ``stop-at-prose`` guard (:mod:`cleaner.engine.guard`)
        assumes, and their one-line comments speak as "I" and to "you"."""
        thresholds = self.thresholds
        need = max(thresholds.zone_goes_on_lines, thresholds.zone_sentence_lines)
        after: list[tuple[int, str]] = []  # (words, line) of the first lines with words after the zone
        for key, words, line in zip(
            page.keys[zone.stop :], page.words[zone.stop :], page.lines[zone.stop :], strict=True
        ):
            if len(after) == need:
                break
            if key is None and words < thresholds.prose_words:
                continue
            if key is not None and key in table:
                break  # the site's own line: the page's text stops here
            after.append((words, line))
        paragraphs = after[: thresholds.zone_goes_on_lines]
        if len(paragraphs) == thresholds.zone_goes_on_lines:
            least = self._paragraph_words(table, page, zone)
            if all(words >= least for words, _ in paragraphs):
                return True
        sentences = after[: thresholds.zone_sentence_lines]
        return len(sentences) == thresholds.zone_sentence_lines and all(
            narrates(line, thresholds) for _, line in sentences
        )

    def _paragraph_words(self, table: dict[str, Entry], page: Page, zone: range) -> float:
        """The words a paragraph of the page has at least: ``prose_words``, or, on a page
        written in short paragraphs, ``zone_goes_on_words`` times the median length of
        the page's own lines before the zone."""
        prose = self.thresholds.prose_words
        before = [
            words
            for key, words in zip(page.keys[: zone.start], page.words[: zone.start], strict=True)
            if (key is None and words >= prose) or (key is not None and key not in table)
        ]
        return min(prose, self.thresholds.zone_goes_on_words * statistics.median(before or [prose]))

    def _last_prose(self, page: Page) -> int:
        """The index of the page's last line of prose (-1: none)."""
        for index in range(len(page.words) - 1, -1, -1):
            if page.words[index] >= self.thresholds.prose_words:
                return index
        return -1

    def _neighbour(self, table: dict[str, Entry], page: Page, index: int) -> str | None:
        """The rule's "keep" example: the nearest line before ``index`` (else after it)
        that no earlier page of the site had (article text, not more chrome), of prose
        if there is one, else long enough to read as text; and short enough to read
        (``keep_example_chars``). Failing that, such a line even if seen before."""
        order = (*range(index - 1, -1, -1), *range(index + 1, len(page.lines)))
        limit = self.thresholds.keep_example_chars
        for unseen in (True, False):
            for enough in (self.thresholds.prose_words, self.thresholds.keep_example_words):
                for near in order:
                    key, line = page.keys[near], page.lines[near]
                    if (
                        key is None
                        or key == page.keys[index]
                        or page.words[near] < enough
                        or len(line) > limit
                    ):
                        continue
                    if not unseen or key not in table:
                        return line
        return None

    def _prune(self) -> None:
        """Drop the entries on the fewest pages until the table is at most half full."""
        by_pages = collections.Counter(e.pages for s in self.sites.values() for e in s.table.values())
        keep, floor = self.entries, 0
        for pages in sorted(by_pages):
            if keep <= self.thresholds.table_cap // 2:
                break
            keep -= by_pages[pages]
            floor = pages
        for site in self.sites.values():
            site.table = {k: e for k, e in site.table.items() if e.pages > floor}
        self.pruned += self.entries - keep
        self.entries = keep


def _last_new(table: dict[str, Entry], page: Page) -> int:
    """The index of the page's last line not seen on an earlier page of its site (-1: none):
    a tail marker is followed by nothing but lines met before (more of the site's chrome)."""
    for index in range(len(page.keys) - 1, -1, -1):
        key = page.keys[index]
        if key is None or key not in table:
            return index
    return -1


def _own_prose(table: dict[str, Entry], page: Page, least: int) -> list[int]:
    """The indexes of the page's own prose: lines of ``least`` words or more that no
    earlier page of the site had (a footer's long legal line is the site's, not the
    article's)."""
    return [
        index
        for index, (key, words) in enumerate(zip(page.keys, page.words, strict=True))
        if words >= least and (key is None or key not in table)
    ]
