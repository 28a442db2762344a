"""Clean a column of a ``ray.data.Dataset``: the same records out as ``cleaner batch``;
and learn site packs from one, the same packs as ``cleaner learn``.

For pipelines that outgrow one machine (Ray Data is what NeMo Curator and DCLM run
on). Install with ``pip install 'boilerplate-cleaner[ray]'``; nothing else in the package
imports this module or Ray.

The packs are loaded once, here, and sent to the workers as values (a cluster's
nodes need not have the YAML files); each worker is an actor of a callable class
that compiles them once, when it starts, and keeps its :class:`~cleaner.api.Cleaner`
(and its RE2 scanner) for every batch it is given. What building the scanner made
of each pattern is worked out once, here too, and sent along: an actor then builds
its scanner in ~0.03 s instead of ~0.3 s, and writes nothing to its node's disk. An
actor whose ``regex`` or RE2 differs from the driver's translates for itself.

A record comes out as ``cleaner batch`` writes it: in text mode the text column is
replaced only when a rule removed something (otherwise it keeps its value as it
was, not normalised), keeping its line ends and final newline or lack of one; in
HTML mode the cleaned body goes into the text column. A row that cannot be
cleaned (its value or URL not a string, a page over the HTML limits, a rule out of time)
keeps the text it had, as batch passes its record through; each actor logs how many
rows of a batch failed, and ``error_column`` says why, per row.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.api import Cleaner, PackSource, gather_packs, pack_sources
from cleaner.batch.records import page_result, stored_as, text_field, url_field
from cleaner.engine.run import DEFAULT_TIMEOUT
from cleaner.errors import CleanerError, ConfigError, SettingError
from cleaner.io.config import Config, load_config
from cleaner.learn.counting import Counts
from cleaner.learn.learner import Learned, learn_counted
from cleaner.learn.pages import Page, read_page
from cleaner.learn.sites import SiteNamer
from cleaner.learn.thresholds import DEFAULT, Thresholds
from cleaner.packs.disables import disable_names, without
from cleaner.packs.model import Pack
from cleaner.scan.translations import Snapshot, Translations

if TYPE_CHECKING:
    import pyarrow
    import ray.data


class CleanBatch:
    """What each Ray actor runs: built once per worker, called once per batch."""

    def __init__(
        self,
        packs: Sequence[Pack],
        *,
        text_column: str,
        html_column: str | None,
        url_column: str | None,
        timeout: float,
        document_timeout: float | None = None,
        error_column: str | None = None,
        translations: Snapshot | None = None,
    ) -> None:
        known = Translations.of(translations) if translations is not None else None
        self.cleaner = Cleaner(
            packs, defaults=False, timeout=timeout, document_timeout=document_timeout, translations=known
        )
        self.cleaner.prepare()  # every actor cleans enough text for the scanner to pay
        self.text_column = text_column
        self.html_column = html_column
        self.url_column = url_column
        self.error_column = error_column

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        import pyarrow

        rows = [self.clean_record(record) for record in self._records(batch)]
        reasons = [reason for _, reason in rows]
        _warn(reasons)
        cleaned = pyarrow.array([text for text, _ in rows], type=pyarrow.string())
        batch = _put(batch, self.text_column, cleaned)
        if self.error_column is not None:
            batch = _put(batch, self.error_column, pyarrow.array(reasons, type=pyarrow.string()))
        return batch

    def clean(self, value: object, url: object) -> object:
        """One value, as ``cleaner batch`` treats a record's field (text, or with
        ``html_column`` HTML, for a row with no text yet)."""
        record = {self.html_column or self.text_column: value}
        if self.url_column is not None:
            record[self.url_column] = url
        return self.clean_record(record)[0]

    def clean_record(self, record: dict[str, object]) -> tuple[object, str | None]:
        """The row's new text, and why it could not be cleaned (None when it was), from
        the row as a record of the columns it has. A row that fails keeps the text it
        had, as ``cleaner batch`` passes its record through: a failed page never puts
        its HTML, or null, over the text."""
        kept = record.get(self.text_column)
        try:  # a URL, then the value, checked as batch checks them, and failed in its words
            source = url_field(record, self.url_column) if self.url_column is not None else None
            given = text_field(record, self.html_column or self.text_column)
        except ValueError as exc:
            return kept, str(exc)
        try:
            if self.html_column is not None:
                return page_result(self.cleaner, given, source).text, None
            outcome = self.cleaner.run(given, source)
        except CleanerError as exc:
            return kept, str(exc)
        return (stored_as(given, outcome.text) if outcome.changed else given), None

    def _records(self, batch: pyarrow.Table) -> list[dict[str, object]]:
        """Each row as a record of the columns this step reads that the batch has (a
        column it lacks is a field no record has: batch's ``no 'x' field``)."""
        wanted = dict.fromkeys(n for n in (self.text_column, self.html_column, self.url_column) if n)
        columns = {name: batch.column(name).to_pylist() for name in wanted if name in batch.column_names}
        if not columns:
            return [{} for _ in range(batch.num_rows)]
        return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def _put(batch: pyarrow.Table, name: str, column: pyarrow.Array) -> pyarrow.Table:
    if name in batch.column_names:
        return batch.set_column(batch.column_names.index(name), name, column)
    return batch.append_column(name, column)


_log = logging.getLogger(__name__)


def _warn(reasons: Sequence[str | None]) -> None:
    """Say, from the actor (Ray shows its log on the driver), how many rows of a batch
    were left as they were, as ``cleaner batch`` reports each record it passes through."""
    failed = [reason for reason in reasons if reason is not None]
    if failed:
        _log.warning(
            "cleaner: %d of %d rows could not be cleaned and were left as they were (first: %s)",
            len(failed),
            len(reasons),
            failed[0],
        )


def clean_dataset(
    dataset: ray.data.Dataset,
    *,
    text_column: str = "text",
    html_column: str | None = None,
    url_column: str | None = "url",
    error_column: str | None = None,
    rules: PackSource | Iterable[PackSource] = (),
    defaults: bool = True,
    disable: str | Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    document_timeout: float | None = None,
    actors: int | None = None,
    batch_size: int = 256,
    config: str | Path | None = None,
) -> ray.data.Dataset:
    """``dataset`` with ``text_column`` cleaned (or, with ``html_column``, filled with
    the cleaned body of that HTML); ``url_column`` selects site packs per row;
    ``rules``, ``defaults``, ``disable``, ``timeout`` and ``document_timeout`` choose
    the packs and bounds as for :class:`Cleaner`. A row that cannot be cleaned keeps
    its text; ``error_column`` names a column to write why into (null for the others).

    ``actors`` is the size of the pool of workers, each holding compiled rules. By
    default it is one less than the cluster's CPUs: a pool that takes every CPU
    leaves none for the tasks that read the input, and the job waits forever.

    ``config`` (a ``pyproject.toml`` or ``cleaner.toml``, or a folder to search from
    upwards, as the command line does) adds its ``rules`` and ``disable`` to the
    arguments', and gives ``no-defaults``, ``timeout``, ``document-timeout`` and the
    ``text-field``, ``html-field`` and ``url-field`` columns wherever the argument is
    left at its default. A value of it that cannot be used names its file and line.
    """
    import ray
    import ray.data

    settings = load_config(config) if config is not None else Config()
    given: dict[str, Any] = dict(settings.values)
    rules = [*given.get("rules", []), *pack_sources(rules)]
    disable = [*given.get("disable", []), *disable_names(disable)]
    defaults = defaults and not given.get("no-defaults", False)
    timeout = given.get("timeout", timeout) if timeout == DEFAULT_TIMEOUT else timeout
    document_timeout = given.get("document-timeout") if document_timeout is None else document_timeout
    text_column = given.get("text-field", text_column) if text_column == "text" else text_column
    html_column = html_column or given.get("html-field")
    url_column = given.get("url-field", url_column) if url_column == "url" else url_column

    bounds: dict[str, Any] = {"timeout": timeout, "document_timeout": document_timeout}
    translations = Translations()
    packs = _checked_packs(settings, rules, defaults, disable, bounds, translations)
    if actors is None:
        actors = max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)
    options: dict[str, Any] = {
        "text_column": text_column,
        "html_column": html_column,
        "url_column": url_column,
        "error_column": error_column,
        **bounds,
        "translations": translations.snapshot(),
    }
    return dataset.map_batches(
        CleanBatch,
        fn_constructor_args=(packs,),
        fn_constructor_kwargs=options,
        compute=ray.data.ActorPoolStrategy(size=actors),
        batch_format="pyarrow",
        batch_size=batch_size,
    )


def _checked_packs(
    config: Config,
    rules: list[PackSource],
    defaults: bool,
    disable: list[str],
    bounds: dict[str, Any],
    translations: Translations,
) -> list[Pack]:
    """The packs, loaded and compiled here, with the scanner's ``translations`` made: an
    unknown name in ``disable``, a pack path that is not there or a timeout out of
    range fails in the driver, not in a worker, named where the config file gave it."""
    with config.located():  # a pack path of the file's that is not there, at its line
        gathered = gather_packs(rules, defaults=defaults)
    try:
        packs = without(gathered, disable)
        Cleaner(packs, defaults=False, translations=translations, **bounds).prepare()
    except SettingError as exc:
        located = _disable_located(exc, config, gathered)
        if located is None:
            raise
        raise located from exc
    return packs


def _disable_located(exc: SettingError, config: Config, packs: Sequence[Pack]) -> ConfigError | None:
    """A ``disable`` name no pack has, at the config file's line when the file gave it
    (as ``Cleaner.from_config`` and the command line name it); None when the argument
    did. (The file's other values were checked, against the same bounds, on reading.)"""
    if exc.setting == "disable" and config.get("disable"):
        try:
            without(packs, config.get("disable"))  # type: ignore[arg-type]
        except SettingError as own:
            return config.error("disable", own.problem)
    return None


class KeyPages:
    """What each Ray task runs on a batch of rows: their sites and keyed lines, as
    :mod:`cleaner.learn.records` makes them from JSONL (rows that name no site, or
    whose text is not a string, are left out)."""

    def __init__(self, *, text_column: str, url_column: str, thresholds: Thresholds) -> None:
        self.text_column = text_column
        self.url_column = url_column
        self.thresholds = thresholds
        self.sites = SiteNamer()

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        import pyarrow

        texts = batch.column(self.text_column).to_pylist() if self.text_column in batch.column_names else []
        urls = batch.column(self.url_column).to_pylist() if self.url_column in batch.column_names else []
        pages = []
        for text, url in zip(texts, urls or [None] * len(texts), strict=True):
            site = self.sites(url) if isinstance(url, str) else None
            if site is not None and isinstance(text, str):
                pages.append(read_page(text, site, self.thresholds))
        return pyarrow.table(
            {
                "site": pyarrow.array([p.site for p in pages], type=pyarrow.string()),
                "digest": pyarrow.array([p.digest for p in pages], type=pyarrow.uint64()),
                "lines": pyarrow.array([p.lines for p in pages], type=pyarrow.list_(pyarrow.string())),
                "keys": pyarrow.array([p.keys for p in pages], type=pyarrow.list_(pyarrow.string())),
                "words": pyarrow.array([p.words for p in pages], type=pyarrow.list_(pyarrow.int64())),
            }
        )


def learn_dataset(
    dataset: ray.data.Dataset,
    *,
    text_column: str = "text",
    url_column: str = "url",
    thresholds: Thresholds = DEFAULT,
    batch_size: int = 256,
) -> Learned:
    """Learn site packs from ``dataset`` as ``cleaner learn`` does from the same records
    in the same order: the same packs (``Learned.packs``: site -> YAML text, to write
    with :func:`cleaner.learn.folder.write_packs` or load with ``parse_pack``).

    Ray tasks read the rows' sites and key their lines; the driver counts the pages
    in the dataset's order (Ray is told to keep it) in the bounded memory of
    :mod:`cleaner.learn.counting`, which is what makes the packs those of the CLI.
    Ray is told so on the dataset's own context, for the time of the call: a dataset
    seals the context current when it was made, so the current one would not reach it
    (the packs then came out in the order the batches happened to finish).
    """
    import ray
    import ray.data

    context = dataset.context  # shared with what map_batches derives from it
    kept = context.execution_options.preserve_order
    context.execution_options.preserve_order = True
    try:
        keyed = dataset.map_batches(
            KeyPages,
            fn_constructor_kwargs={
                "text_column": text_column,
                "url_column": url_column,
                "thresholds": thresholds,
            },
            compute=ray.data.ActorPoolStrategy(size=max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)),
            batch_format="pyarrow",
            batch_size=batch_size,
        )
        pages = (
            Page(row["site"], row["digest"], tuple(row["lines"]), tuple(row["keys"]), tuple(row["words"]))
            for batch in keyed.iter_batches(batch_format="pyarrow", batch_size=batch_size)
            for row in batch.to_pylist()
        )
        return learn_counted(pages, Counts(thresholds))
    finally:
        context.execution_options.preserve_order = kept
