"""Counting what a run did, and the exit codes, defined in one place.

Exit codes (pre-commit's fixer convention, and black's ``--check``):

* 0 ``OK``: nothing changed, or nothing would change (or output went to stdout)
* 1 ``CHANGED``: a file was rewritten, or would be with ``--check``/``--diff``;
  also a document that failed while the run went on (a rule timed out)
* 2 ``ERROR``: bad options (typer's own code), rule packs that cannot be
  loaded, inputs that could not be read (named, skipped, the rest processed),
  outputs that could not be written (a full disk, a closed stdout: named)
* 3 ``UNEXPECTED``: a bug; the traceback is printed
* 130 ``INTERRUPTED``: Ctrl-C or SIGTERM
"""

from __future__ import annotations

from dataclasses import dataclass

from cleaner.report.stats import plural

OK = 0
CHANGED = 1
ERROR = 2
UNEXPECTED = 3
INTERRUPTED = 130


@dataclass
class Report:
    """Tallies of one run over many documents.

    ``fail_on_change``: a change is a failure (in-place and check modes, so that
    pre-commit stops the commit); ``dry_run``: nothing is written ("would be").
    """

    fail_on_change: bool = False
    dry_run: bool = False
    noun: str = "file"  # what is counted: files for ``clean``, records for ``batch``
    changed: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: int = 0

    def done(self, *, changed: bool) -> None:
        if changed:
            self.changed += 1
        else:
            self.unchanged += 1

    def fail(self) -> None:
        """A document left unchanged because a rule failed on it."""
        self.failed += 1

    def error(self) -> None:
        """An input that could not be read or decoded: skipped."""
        self.errors += 1

    @property
    def return_code(self) -> int:
        if self.errors:
            return ERROR
        if self.failed or (self.changed and self.fail_on_change):
            return CHANGED
        return OK

    def summary(self) -> str:
        """E.g. '2 files would be cleaned, 3 files would be left unchanged, 1 error.'"""
        would = "would be " if self.dry_run else ""
        parts = [f"{plural(self.changed, self.noun)} {would}cleaned"]
        if self.unchanged:
            parts.append(f"{plural(self.unchanged, self.noun)} {would}left unchanged")
        if self.failed:
            parts.append(f"{plural(self.failed, self.noun)} failed")
        if self.errors:
            parts.append(plural(self.errors, "error"))
        return ", ".join(parts) + "."
