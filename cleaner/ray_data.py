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
HTML mode the cleaned body goes into the text column. A
value that cannot be cleaned (not a string, a rule out of time) is left as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.api import Cleaner, PackSource, gather_packs, pack_sources
from cleaner.batch.records import stored_as
from cleaner.engine.run import DEFAULT_TIMEOUT
from cleaner.errors import CleanerError
from cleaner.io.config import load_config
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
        translations: Snapshot | None = None,
    ) -> None:
        known = Translations.of(translations) if translations is not None else None
        self.cleaner = Cleaner(packs, defaults=False, timeout=timeout, translations=known)
        self.cleaner.prepare()  # every actor cleans enough text for the scanner to pay
        self.text_column = text_column
        self.html_column = html_column
        self.url_column = url_column

    def __call__(self, batch: pyarrow.Table) -> pyarrow.Table:
        import pyarrow

        source_column = self.html_column or self.text_column
        values = batch.column(source_column).to_pylist()
        urls = self._urls(batch, len(values))
        cleaned = [self.clean(value, url) for value, url in zip(values, urls, strict=True)]
        column = pyarrow.array(cleaned, type=pyarrow.string())
        if self.text_column in batch.column_names:
            return batch.set_column(batch.column_names.index(self.text_column), self.text_column, column)
        return batch.append_column(self.text_column, column)

    def clean(self, value: object, url: object) -> object:
        """One value, as ``cleaner batch`` treats a record's field."""
        source = url if isinstance(url, str) else None
        if not isinstance(value, str):
            return value
        try:
            if self.html_column is not None:
                return self.cleaner.run_html(value, url=source).text
            outcome = self.cleaner.run(value, source)
        except CleanerError:
            return value
        return stored_as(value, outcome.text) if outcome.changed else value

    def _urls(self, batch: pyarrow.Table, count: int) -> Iterable[object]:
        if self.url_column is None or self.url_column not in batch.column_names:
            return [None] * count
        return batch.column(self.url_column).to_pylist()


def clean_dataset(
    dataset: ray.data.Dataset,
    *,
    text_column: str = "text",
    html_column: str | None = None,
    url_column: str | None = "url",
    rules: PackSource | Iterable[PackSource] = (),
    defaults: bool = True,
    disable: str | Iterable[str] = (),
    timeout: float = DEFAULT_TIMEOUT,
    actors: int | None = None,
    batch_size: int = 256,
    config: str | Path | None = None,
) -> ray.data.Dataset:
    """``dataset`` with ``text_column`` cleaned (or, with ``html_column``, filled with
    the cleaned body of that HTML); ``url_column`` selects site packs per row;
    ``rules``, ``defaults`` and ``disable`` choose the packs as for :class:`Cleaner`.

    ``actors`` is the size of the pool of workers, each holding compiled rules. By
    default it is one less than the cluster's CPUs: a pool that takes every CPU
    leaves none for the tasks that read the input, and the job waits forever.

    ``config`` (a ``pyproject.toml`` or ``cleaner.toml``, or a folder to search from
    upwards, as the command line does) adds its ``rules`` and ``disable`` to the
    arguments', and gives ``no-defaults``, ``timeout`` and the ``text-field``,
    ``html-field`` and ``url-field`` columns wherever the argument is left at its default.
    """
    import ray
    import ray.data

    if config is not None:
        settings: dict[str, Any] = dict(load_config(config).values)
        rules = [*settings.get("rules", []), *pack_sources(rules)]
        disable = [*settings.get("disable", []), *disable_names(disable)]
        defaults = defaults and not settings.get("no-defaults", False)
        timeout = settings.get("timeout", timeout) if timeout == DEFAULT_TIMEOUT else timeout
        text_column = settings.get("text-field", text_column) if text_column == "text" else text_column
        html_column = html_column or settings.get("html-field")
        url_column = settings.get("url-field", url_column) if url_column == "url" else url_column

    # an unknown name in ``disable``, or a timeout out of range, fails here, not in a worker
    packs = without(gather_packs(rules, defaults=defaults), disable)
    translations = Translations()
    Cleaner(packs, defaults=False, timeout=timeout, translations=translations).prepare()
    if actors is None:
        actors = max(1, int(ray.cluster_resources().get("CPU", 2)) - 1)
    options: dict[str, Any] = {
        "text_column": text_column,
        "html_column": html_column,
        "url_column": url_column,
        "timeout": timeout,
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
    """
    import ray
    import ray.data

    context = ray.data.DataContext.get_current()
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
