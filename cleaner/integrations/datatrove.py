"""A datatrove pipeline step that cleans each ``Document.text`` with a :class:`Cleaner`.

datatrove's formatters (``BaseFormatter``) see only the text; this one also reads
the document's URL from its metadata, so site packs apply, and counts what it
removed in the step's statistics, which datatrove merges over tasks and prints at
the end of a run (the per-rule counters the design borrowed from it):

- ``total``: documents seen; ``changed``: documents a rule removed something from;
- ``removed/RULE``: removals by that rule (a line, a span cut out of a line, or a
  node an HTML prune rule removed), one figure per document it hit;
- ``removed_chars``: characters removed, per document changed;
- ``failed``: documents left unchanged because a rule ran out of time on them.

A document's text is written as ``cleaner batch`` and Ray write a record's: replaced
only when a rule removed something, and then in its own line ends and final-newline
state (:func:`~cleaner.batch.records.stored_as`), so one output never mixes the
engine's ``\n`` form for changed documents with the originals' for the others.

The step holds a :class:`Cleaner`, which datatrove pickles into its worker
processes (a Cleaner pickles as its packs and settings; see ``cleaner.api``).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from datatrove.pipeline.formatters.base import BaseFormatter
from datatrove.utils.typeshelper import StatHints

from cleaner.api import Cleaner
from cleaner.batch.records import stored_as
from cleaner.errors import CleanerError

if TYPE_CHECKING:
    from datatrove.data import DocumentsPipeline


class CleanerFormatter(BaseFormatter):
    """Clean every document's text; ``cleaner`` defaults to ``Cleaner()`` (the bundled
    packs), and ``url_key`` names the metadata field with the document's URL."""

    name = "🧹 cleaner"

    def __init__(self, cleaner: Cleaner | None = None, *, url_key: str = "url") -> None:
        super().__init__()
        self.cleaner = cleaner if cleaner is not None else Cleaner()
        self.url_key = url_key

    def format(self, text: str) -> str:
        """The cleaned text, with the generic packs only (no URL is known here)."""
        result = self.cleaner.run(text)
        return stored_as(text, result.text) if result.changed else text

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        for doc in data:
            self.stat_update(StatHints.total)
            url = doc.metadata.get(self.url_key)
            with self.track_time():
                try:
                    result = self.cleaner.run(doc.text, url if isinstance(url, str) else None)
                except CleanerError:  # a rule out of time: the document goes on as it was
                    self.stat_update("failed")
                    result = None
            if result is not None and result.changed:
                doc.text = stored_as(doc.text, result.text)
                self.stat_update("changed")
                for rule_id, count in Counter(r.rule_id for r in result.removals).items():
                    self.stat_update(f"removed/{rule_id}", value=count)
                self.stat_update("removed_chars", value=sum(r.end - r.start for r in result.removals))
            self.update_doc_stats(doc)
            yield doc
