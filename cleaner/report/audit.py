"""The audit trail: one JSON line per removal, so that nothing the cleaner removes
is unexplained or unrecoverable (dolma's span attributes, jusText's detailed
output), plus a line for each document that lost more than its share of words.

A removal line::

    {"record": 17, "rule": "promo.got-a-story", "line": 12, "start": 0, "end": 58, "text": "Got a story? ..."}

``record`` is the record's ``id`` field when it has one, else its line number in
the batch input, or the file name for ``cleaner clean``. ``line`` is 1-based in the
document; ``start``/``end`` are the span in that line as the rule saw it. A flag line::

    {"record": 17, "flag": "max-loss", "words_lost": 0.8125, "max_loss": 0.5}
"""

from __future__ import annotations

from collections.abc import Iterator

from cleaner.engine.run import CleanResult
from cleaner.io.jsonl import dump_line

RecordId = object  # a JSON value: the id field as the record has it, a line number or a file name


def is_flagged(result: CleanResult, max_loss: float) -> bool:
    """True when the document lost more than ``max_loss`` of its words: flagged, never refused
    (aggregator pages legitimately lose most of their text)."""
    return result.lost_more_than(max_loss)


def audit_lines(record: RecordId, result: CleanResult, *, max_loss: float) -> Iterator[bytes]:
    """The audit lines of one document, each a JSON object and a newline."""
    for removal in result.removals:
        yield dump_line(
            {
                "record": record,
                "rule": removal.rule_id,
                "line": removal.line,
                "start": removal.start,
                "end": removal.end,
                "text": removal.text,
            }
        )
    if is_flagged(result, max_loss):
        yield dump_line(
            {
                "record": record,
                "flag": "max-loss",
                "words_lost": round(result.words_lost, 4),
                "max_loss": max_loss,
            }
        )


_RECORD = b'{"record": '  # how every audit line starts: dump_line keeps the keys' order


def renumbered(line: bytes, by: int) -> bytes:
    """The audit line ``line`` of a record known by its line number, that number plus ``by``."""
    if not line.startswith(_RECORD):
        raise ValueError(f"not an audit line: {line[:40]!r}")
    end = line.index(b",", len(_RECORD))
    return _RECORD + str(int(line[len(_RECORD) : end]) + by).encode("ascii") + line[end:]
