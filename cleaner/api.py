"""The Python API: ``clean``, ``clean_html`` and the ``Cleaner`` that both use.

The CLI and the pre-commit hook are thin shells over this module.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import os
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import cache, lru_cache
from pathlib import Path
from types import ModuleType

from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import DEFAULT_TIMEOUT, PRUNED_LINE, CleanResult, Removal, run_plan
from cleaner.errors import CleanerError, DocumentError, SettingError
from cleaner.html.binary import refuse_binary
from cleaner.html.limits import HtmlLimits, check_page
from cleaner.html.page import Prune  # a NamedTuple: imports no lxml
from cleaner.html.sandbox import Sandbox  # imports no lxml: the sandbox's process does
from cleaner.io.config import KEYS, is_encoding, load_config
from cleaner.packs.disables import without
from cleaner.packs.loader import default_rules_dir, load_packs, pack_files
from cleaner.packs.model import Pack
from cleaner.scan.translations import Translations

PackSource = str | Path | Pack


class Cleaner:
    """Rule packs compiled once, applied to any number of documents.

    ``rules`` adds packs (files, folders or :class:`Pack` values; one, or several) to
    the bundled defaults; ``defaults=False`` leaves the defaults out; ``disable``
    leaves out rules by id, or whole packs by name (one name, or several: a generic
    rule that misfires on one's own corpus goes without copying the packs).
    ``timeout`` bounds one pattern call on one line, ``document_timeout`` a whole
    document (see :mod:`cleaner.engine.run`); both at least 0.001 s, as on the
    command line. ``translations`` keeps what building the RE2 scanner
    made of each pattern for the next process (``UserTranslations()``: in the
    user's cache folder, as the command line does); by default nothing is kept.
    ``html_limits`` bounds each HTML page: size, tags and depth checked before it
    is parsed, and a deadline for parsing and extraction, which run in a child
    process killed when it passes (:mod:`cleaner.html.sandbox`).
    """

    def __init__(
        self,
        rules: PackSource | Iterable[PackSource] = (),
        *,
        defaults: bool = True,
        disable: str | Iterable[str] = (),
        timeout: float = DEFAULT_TIMEOUT,
        document_timeout: float | None = None,
        translations: Translations | None = None,
        html_limits: HtmlLimits | None = None,
    ) -> None:
        # arguments first: a caller's mistake is found before any pack is loaded
        _require("defaults", defaults, (bool,), "True or False")
        self.timeout = _seconds("timeout", timeout)
        # None: derived from timeout and size
        self.document_timeout = (
            None if document_timeout is None else _seconds("document_timeout", document_timeout)
        )
        _require("translations", translations, (Translations, type(None)), "a Translations or None")
        _require("html_limits", html_limits, (HtmlLimits, type(None)), "an HtmlLimits or None")
        self.ruleset = RuleSet(without(gather_packs(rules, defaults=defaults), disable), translations)
        self.html_limits = html_limits or HtmlLimits()
        self._sandbox = Sandbox()  # its process starts with the first page

    @classmethod
    def from_config(
        cls, path: str | Path | None = None, *, translations: Translations | None = None
    ) -> Cleaner:
        """A Cleaner with the settings the command line would use: those of ``path``
        (a ``pyproject.toml`` with ``[tool.cleaner]``, or a ``cleaner.toml``), or of the
        file found from ``path``, a folder, upwards (default: the working directory).
        ``rules``, ``no-defaults``, ``disable``, ``timeout`` and ``document-timeout``
        apply; ``Cleaner()`` itself never reads a file. A file, or a value of it, that
        cannot be used is a :class:`~cleaner.errors.ConfigError` naming its line."""
        config = load_config(path)
        with config.located():  # the file gave each value: its line is where to fix one
            return cls(
                config.get("rules", ()),  # type: ignore[arg-type]
                defaults=not config.get("no-defaults", False),
                disable=config.get("disable", ()),  # type: ignore[arg-type]
                timeout=config.get("timeout", DEFAULT_TIMEOUT),  # type: ignore[arg-type]
                document_timeout=config.get("document-timeout"),  # type: ignore[arg-type]
                translations=translations,
            )

    @property
    def packs(self) -> Sequence[Pack]:
        return self.ruleset.packs

    def prepare(self) -> None:
        """Build now what cleaning builds on the way (the RE2 scanner, otherwise made after
        the first 64K characters of text): worker processes forked after this inherit it."""
        _ = self.ruleset.prefilter.scanner

    def run(self, text: str, source: str | None = None) -> CleanResult:
        """Clean plain text; ``source`` (a URL or a domain) also selects site packs."""
        _require("text", text, (str,), "a str", _BYTES_HINT if isinstance(text, bytes | bytearray) else "")
        _require("source", source, (str, type(None)), "a str (a URL or a domain) or None")
        return self._run(text, source)

    def _run(self, text: str, source: str | None, marked: Sequence[int] = ()) -> CleanResult:
        plan = self.ruleset.plan_for(source)
        with one_document():
            return run_plan(
                text, plan, timeout=self.timeout, document_timeout=self.document_timeout, marked=marked
            )

    def clean(self, text: str, source: str | None = None) -> str:
        """The cleaned text only."""
        return self.run(text, source).text

    def run_html(
        self, html: str | bytes, url: str | None = None, *, encoding: str | None = None
    ) -> CleanResult:
        """Reduce an HTML page to its body (pruned by the packs' selectors), then clean it.

        A page given as bytes is decoded by its BOM, its declared charset or detection,
        or in ``encoding`` when given (a wrong guess or declaration corrected); the
        result's :attr:`~CleanResult.encoding` says which read it, and
        :attr:`~CleanResult.invalid_bytes` how many bytes were not valid there and
        became U+FFFD (letters lost, which the command line warns about).

        Each node a prune rule removed comes first among the removals, with line 0
        (see :attr:`Removal.pruned`), so explanations, statistics and audits name it.

        A loop over pages skips one that fails with ``except (DocumentError,
        InputError)``: an :class:`InputError` (naming the page by ``url``) is bytes of
        a binary format (gzip, an image: :mod:`cleaner.html.binary`), a page
        over a limit of :attr:`html_limits`, out of its extraction deadline, or whose
        extraction process died (the command line counts it as an input it could not
        read: exit 2); a :class:`DocumentError` is a failure while it was extracted
        or cleaned, as for :meth:`run`. A page from which nothing was extracted (built by
        JavaScript) is no error: its result is empty, its ``original`` too (a batch fails
        such a page's record: :func:`cleaner.batch.records.page_result`). Safe to call
        from several threads at once."""
        _require("html", html, (str, bytes), "a str or bytes")
        _require("url", url, (str, type(None)), "a str or None")
        _require_encoding(encoding, html)
        if isinstance(html, bytes):
            refuse_binary(html, url or "<html>")  # a gzip file or an image decodes to U+FFFD text
        check_page(html, url or "<html>", self.html_limits)
        require_html()  # a clear error without the html extra, before a sandbox process is started
        prunes = self.ruleset.prunes_for(url)
        selectors = [Prune(*prune, rule=rule) for rule, *prune in prunes]
        with one_document():
            page = self._sandbox.extract(
                html, url=url, selectors=selectors, timeout=self.html_limits.timeout, encoding=encoding
            )
        result = self._run(page.body, url, page.marked)  # quotations, code and terms: no rule's
        if page.encoding is not None:
            result = replace(result, encoding=page.encoding, invalid_bytes=page.invalid)
        if not page.pruned:
            return result
        pruned = tuple(Removal(prunes[p.index][0], PRUNED_LINE, 0, p.chars, p.text) for p in page.pruned)
        words = sum(p.words for p in page.pruned)
        return replace(result, removals=pruned + result.removals, pruned_words=words)

    def clean_html(self, html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> str:
        """The cleaned body of an HTML page; ``encoding`` and failures as for :meth:`run_html`."""
        return self.run_html(html, url, encoding=encoding).text

    def close(self) -> None:
        """Stop the HTML extraction processes that are idle now (each an interpreter of
        some 30 MB; one per thread that was extracting at the same time). They also go
        after a minute unused, and at exit; the next page starts one again."""
        self._sandbox.close()

    def __enter__(self) -> Cleaner:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def one_document() -> Iterator[None]:
    """Whatever goes wrong while one document is cleaned is that document's
    :class:`DocumentError`, never the end of a run over many: ``regex`` raises
    MemoryError on a long enough line (a gallery rule's ``(?:[ \\t]\\1)+`` on 8 million
    "8 "s), a page nested deep enough RecursionError, and a bug met by one input must
    not lose the others. Here, where every caller (``clean``, ``batch``, its workers,
    Ray) cleans a document, they all get it. KeyboardInterrupt and SystemExit pass."""
    try:
        yield
    except CleanerError:
        raise
    except MemoryError as exc:
        raise DocumentError("out of memory while cleaning (MemoryError)") from exc
    except RecursionError as exc:
        raise DocumentError("nested too deep to clean (RecursionError)") from exc
    except Exception as exc:
        raise DocumentError(f"unexpected error {_described(exc)}; please report it") from exc


_BYTES_HINT = "; decode it first (an HTML page's bytes go to clean_html)"


def _require(name: str, value: object, kinds: tuple[type, ...], wanted: str, hint: str = "") -> None:
    """A caller's argument of the wrong type is a TypeError, raised before any document
    work: inside :func:`one_document` it would be a DocumentError asking for a bug
    report, which a loop that skips failed documents would swallow every time."""
    if not isinstance(value, kinds):
        raise TypeError(f"{name} must be {wanted}, not {type(value).__name__}{hint}")


def _require_encoding(encoding: object, html: str | bytes) -> None:
    """``encoding`` reads a page's bytes: given with a str (already text) it would do
    nothing, silently; a name Python does not know is a SettingError before the page."""
    _require("encoding", encoding, (str, type(None)), "a str (the name of an encoding) or None")
    if encoding is None:
        return
    if not isinstance(html, bytes):
        raise TypeError("encoding applies to an HTML page's bytes; this html is a str, already decoded")
    if not is_encoding(encoding):  # type: ignore[arg-type]
        raise SettingError("encoding", f"unknown encoding {encoding!r}")


def _seconds(name: str, value: object) -> float:
    """A time budget, checked as the command line and the config file check it (the
    bounds are the config's): a TypeError if not a number, a SettingError (a
    ValueError) if out of range."""
    KEYS[name.replace("_", "-")].require(name, value)
    return float(value)  # type: ignore[arg-type]


def _described(exc: Exception) -> str:
    """``Type: message (at file:line)``, the innermost frame: enough to find the bug
    in a report without the traceback a run over many documents does not print."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    message = str(exc)
    if len(message) > 200:  # it may quote the document
        message = message[:200] + "…"
    return f"{type(exc).__name__}: {message}{where}"


# The html extra's modules that cleaner.html.extract imports. Looked up, not imported:
# the extraction runs in the sandbox's child process, and importing them here as well
# cost every process that cleans HTML 0.3 s and 20 MB before its first page.
_HTML_STACK = ("trafilatura", "selectolax", "lxml")


def require_html() -> None:
    """Raise the error :func:`html_support` would, without importing the HTML stack."""
    for name in _HTML_STACK:
        # A module set to None in sys.modules is one that cannot be imported.
        if sys.modules.get(name, sys) is None or (name not in sys.modules and not _installed(name)):
            raise _without_html(name)


@cache
def _installed(name: str) -> bool:
    """Whether a module can be found; asked once per name (the lookup walks sys.path:
    0.65 ms a page when asked for every page)."""
    return importlib.util.find_spec(name) is not None


def _without_html(name: str | None) -> CleanerError:
    return CleanerError(
        f"HTML input needs the html extra ({name} is not installed): pip install 'boilerplate-cleaner[html]'"
    )


def html_support() -> ModuleType:
    """The HTML stack (:mod:`cleaner.html.extract`), imported on first use so that text
    mode never loads lxml; an install without the ``html`` extra gets an error that
    says how to add it, not an ImportError."""
    try:
        return importlib.import_module("cleaner.html.extract")
    except ImportError as exc:
        raise _without_html(exc.name) from exc


def gather_packs(rules: PackSource | Iterable[PackSource] = (), *, defaults: bool = True) -> list[Pack]:
    """The bundled packs (unless ``defaults`` is False), then ``rules`` (one source,
    or several): Pack values as given, files and folders loaded, in one go: a bundled
    pack named again (``--rules rules/`` in a checkout) is loaded once."""
    bundled = [default_rules_dir()] if defaults else []
    sources = pack_sources(rules)  # once: ``rules`` may be an iterator
    given = [item for item in sources if isinstance(item, Pack)]
    loaded = load_packs([*bundled, *(item for item in sources if not isinstance(item, Pack))])
    first = len(pack_files(bundled)) if bundled else 0
    return loaded[:first] + given + loaded[first:]


def pack_sources(rules: PackSource | Iterable[PackSource]) -> list[PackSource]:
    """One pack source is one (a path is not its letters, a Path not iterable); a
    value that is no source is the caller's TypeError."""
    if isinstance(rules, _SOURCE_TYPES):
        return [rules]
    items = (
        list(rules) if isinstance(rules, Iterable) and not isinstance(rules, bytes | bytearray) else [rules]
    )
    for item in items:
        _require("rules", item, _SOURCE_TYPES, "a pack file or folder (str or Path) or a Pack, or several")
    return items


_SOURCE_TYPES = (str, os.PathLike, Pack)


@lru_cache(maxsize=1)
def default_cleaner() -> Cleaner:
    """The cleaner with the bundled packs, built once per process (immutable use only)."""
    return Cleaner()


def clean(text: str, source: str | None = None) -> str:
    """Remove boilerplate from extracted article text with the bundled packs."""
    return default_cleaner().clean(text, source)


def clean_html(html: str | bytes, url: str | None = None, *, encoding: str | None = None) -> str:
    """Extract the body of an HTML page and remove its boilerplate with the bundled
    packs; ``encoding`` reads its bytes (see :meth:`Cleaner.run_html`), and a page that
    fails is an InputError or a DocumentError (see there too)."""
    return default_cleaner().clean_html(html, url, encoding=encoding)
