"""A ``Cleaner`` goes to other processes the ways Python's data tools send it: plain
pickle, ``multiprocessing`` with spawn, joblib, and ``datasets.map(num_proc=...)``,
which also hashes it to key its cache. Before the fix, one that had built its RE2
scanner (after 64K characters of text) could not be pickled, and even a fresh one
failed once unpickled (its caches were keyed by object ids)."""

from __future__ import annotations

import multiprocessing
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import cleaner

ARTICLE = (
    "The council met on Tuesday to agree the budget for the coming year, which rises by four per cent.\n"
    "Follow us on Twitter\n"
    "Got a story? Get in touch with our news team at x@y.z.\n"
    "The vote passed by twelve to three after a long debate about the libraries.\n"
)
CLEANED = (
    "The council met on Tuesday to agree the budget for the coming year, which rises by four per cent.\n"
    "The vote passed by twelve to three after a long debate about the libraries.\n"
)
MANY = (ARTICLE + "\n") * 400  # well past the 64K characters after which the scanner is built


def _used() -> cleaner.Cleaner:
    """A cleaner that has cleaned enough text to have built its RE2 scanner."""
    c = cleaner.Cleaner()
    c.clean(MANY, source="metro.co.uk")
    return c


def _clean_with(c: cleaner.Cleaner, text: str) -> str:
    return c.clean(text, source="metro.co.uk")


@pytest.mark.parametrize("make", [cleaner.Cleaner, _used], ids=["fresh", "after-64K"])
def test_a_pickled_cleaner_cleans_as_the_original(make) -> None:
    copy = pickle.loads(pickle.dumps(make()))
    assert copy.clean(ARTICLE, source="metro.co.uk") == CLEANED
    assert copy.clean(MANY, source="metro.co.uk") == (CLEANED + "\n") * 399 + CLEANED


def test_a_prepared_cleaner_pickles() -> None:
    c = cleaner.Cleaner(disable=["social"])
    c.prepare()  # builds the scanner now
    copy = pickle.loads(pickle.dumps(c))
    assert "Follow us on Twitter" in copy.clean(ARTICLE)
    assert [p.name for p in copy.packs] == [p.name for p in c.packs]


def test_multiprocessing_with_spawn() -> None:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        assert pool.starmap(_clean_with, [(_used(), ARTICLE)]) == [CLEANED]


def test_joblib() -> None:
    joblib = pytest.importorskip("joblib")
    c = _used()
    out = joblib.Parallel(n_jobs=2)(joblib.delayed(_clean_with)(c, text) for text in [ARTICLE] * 3)
    assert out == [CLEANED] * 3


_HASH = "import cleaner; from datasets.fingerprint import Hasher; print(Hasher.hash(cleaner.Cleaner()))"


def test_datasets_hashes_a_cleaner_the_same_before_and_after_use_and_in_another_process() -> None:
    fingerprint = pytest.importorskip("datasets.fingerprint")
    fresh = fingerprint.Hasher.hash(cleaner.Cleaner())
    assert fingerprint.Hasher.hash(_used()) == fresh
    other = subprocess.run([sys.executable, "-c", _HASH], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == fresh
    assert fingerprint.Hasher.hash(cleaner.Cleaner(disable=["social"])) != fresh


def test_datasets_map_with_two_processes(tmp_path, monkeypatch) -> None:
    datasets = pytest.importorskip("datasets")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path))
    c = _used()
    ds = datasets.Dataset.from_dict({"text": [ARTICLE, MANY, ARTICLE, ARTICLE]})
    out = ds.map(lambda row: {"text": _clean_with(c, row["text"])}, num_proc=2)
    assert out["text"] == [CLEANED, (CLEANED + "\n") * 399 + CLEANED, CLEANED, CLEANED]


PAGE = f"<html><body><article><h1>Budget</h1><p>{CLEANED}</p></article></body></html>"


def test_a_cleaner_that_extracted_html_from_threads_pickles_as_a_fresh_one() -> None:
    """Its HTML sandbox (child processes, pipes, a lock) stays behind: the copy starts
    its own, and the bytes are those of a cleaner that never saw a page."""
    c = cleaner.Cleaner()
    with ThreadPoolExecutor(2) as pool:
        assert all("Budget" in text for text in pool.map(c.clean_html, [PAGE] * 4))
    assert pickle.dumps(c) == pickle.dumps(cleaner.Cleaner())
    assert pickle.loads(pickle.dumps(c)).clean_html(PAGE).startswith("Budget\n")
