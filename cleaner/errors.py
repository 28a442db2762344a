"""The one exception hierarchy of cleaner.

Our exception hierarchy::

    CleanerError                 anything a user can cause; the CLI prints it in one line
    ├── RuleError                a rule pack is wrong: names the file, line, column, rule id
    │   └── RuleExampleError     a rule's own examples do not hold
    ├── DocumentError            cleaning one document failed; it is left unchanged, the run goes on
    │   └── RuleTimeoutError     a rule's regex ran out of time on one document
    ├── ConfigError              a config file is wrong: names the file, line and key
    ├── SettingError             a setting given to Cleaner is wrong (also a ValueError): names it
    ├── InputError               a document cannot be read or decoded: names the file (and line)
    └── WriteError               a cleaned document cannot be written back; the file is unchanged
        └── StreamWriteError     standard output, a device or a pipe failed part way; the run stops

The library raises these and never prints or exits; ``cleaner.cli`` maps them to
exit codes (see ``cleaner.cli.exit_codes``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` with the known name nearest ``name``, or '' when none is
    near: how every "unknown name" error (a rule id, a pack key, a config key) ends."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


class CleanerError(Exception):
    """Base of every error a user can cause with their rules or their input."""


class RuleError(CleanerError):
    """A pack that cannot be loaded or compiled, located as ``file:line:col``."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        rule_id: str | None = None,
        excerpt: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.rule_id = rule_id
        self.excerpt = excerpt
        super().__init__(self.format())

    def location(self) -> str:
        """``path:line:col`` with whatever parts are known."""
        parts = [self.path or "<rules>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        rule = f" rule '{self.rule_id}':" if self.rule_id else ""
        text = f"{self.location()}:{rule} {self.message}"
        return f"{text}\n{self.excerpt}" if self.excerpt else text


class RuleExampleError(RuleError):
    """A rule removes one of its ``keep`` examples or keeps one of its ``remove`` ones."""


class DocumentError(CleanerError):
    """Cleaning one document failed (a rule out of time, out of memory, recursion too
    deep, or a bug this input hit); that document is left unchanged and a run over
    many goes on with the others. ``reason`` says what happened, ``document`` (when
    known) names it."""

    def __init__(self, reason: str, document: str | None = None) -> None:
        self.reason = reason
        self.document = document
        where = f"{document}: " if document else ""
        super().__init__(f"{where}{reason}; document left unchanged")

    def for_document(self, document: str) -> DocumentError:
        """The same error, naming the document it happened on."""
        return DocumentError(self.reason, document)


class RuleTimeoutError(DocumentError):
    """A rule's pattern exceeded its time budget; the document is left unchanged.

    ``whole_document``: the limit hit was the budget of the whole document (many
    calls each within the per-line limit), not that of one pattern call.
    """

    def __init__(
        self, rule_id: str, seconds: float, document: str | None = None, *, whole_document: bool = False
    ) -> None:
        self.rule_id = rule_id
        self.seconds = seconds
        self.whole_document = whole_document
        limit = f"the document's time budget ({seconds:g}s)" if whole_document else f"{seconds:g}s"
        super().__init__(f"rule '{rule_id}' timed out after {limit}", document)

    def for_document(self, document: str) -> RuleTimeoutError:
        """The same error, naming the document it happened on."""
        return RuleTimeoutError(self.rule_id, self.seconds, document, whole_document=self.whole_document)


class ConfigError(CleanerError):
    """A config file that cannot be used, located as ``file[:line]``."""

    def __init__(self, message: str, *, path: str, line: int | None = None) -> None:
        self.message = message
        self.path = path
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")


class SettingError(CleanerError, ValueError):
    """A setting given to :class:`~cleaner.Cleaner` that cannot be used (a ``disable``
    name no rule or pack has, a ``timeout`` out of range), named as the Python API
    spells it: ``setting`` is the argument's name, ``problem`` what is wrong with it.
    The command line names its option (``--disable``), or the config file's line that
    gave the value, instead. A ValueError too, as Python's own argument errors are."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")


class InputError(CleanerError):
    """A document that cannot be read, decoded or parsed, named as ``file[:line[:col]]``
    (both counted from 1, as ``--explain`` counts them)."""

    def __init__(
        self, source: str, problem: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.source = source
        self.problem = problem
        self.line = line
        self.column = column
        where = ":".join(str(part) for part in (source, line, column) if part is not None)
        super().__init__(f"{where}: {problem}")


class WriteError(CleanerError):
    """A cleaned document that could not be written back; the file keeps its old content."""

    def __init__(self, target: str, problem: str, *, left: str = "file") -> None:
        self.target = target
        self.problem = problem
        super().__init__(f"{target}: cannot write ({problem}); {left} left unchanged")


class StreamWriteError(WriteError):
    """A stream the run writes as it goes (standard output, ``-o /dev/stdout``, a device,
    a named pipe) failed: a full disk behind it, a closed descriptor, a reader that left
    a side output. Nothing can be left unchanged there, so the message says what the
    stream holds instead, and the run stops: its next write would fail the same way."""

    def __init__(self, target: str, problem: str, *, holds: str = "what it got is incomplete") -> None:
        self.target = target
        self.problem = problem
        CleanerError.__init__(self, f"{target}: cannot write ({problem}); {holds}")
