"""The Python API's boundary around one document (``cleaner/api.py``)."""

from __future__ import annotations

import pytest

import cleaner
from cleaner.errors import CleanerError, DocumentError
from tests.conftest import BOOM, fail_engine


def test_a_failure_of_the_engine_is_the_documents_error(engine_fails: type[Exception]) -> None:
    c = cleaner.Cleaner()
    with pytest.raises(DocumentError) as raised:
        c.run(f"A line.\n{BOOM}\n")
    assert isinstance(raised.value, CleanerError)
    assert engine_fails.__name__ in str(raised.value)
    assert str(raised.value).endswith("document left unchanged")
    # the next document is cleaned as if nothing happened
    assert c.clean("A line.\nFollow us on Twitter for the latest news.\n") == "A line.\n"


def test_an_unexpected_error_names_its_type_and_where_it_was_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_engine(monkeypatch, ValueError)
    with pytest.raises(DocumentError, match=r"unexpected error ValueError: injected \(at conftest\.py:\d+\)"):
        cleaner.Cleaner().run(BOOM)


def test_html_that_fails_to_extract_is_the_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import cleaner.html.extract

    def deep(*args: object, **kwargs: object) -> str:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(cleaner.html.extract, "extract_body", deep)
    with pytest.raises(DocumentError, match="RecursionError"):
        cleaner.Cleaner().run_html("<html><body><p>x</p></body></html>")


def test_interrupts_are_not_a_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    fail_engine(monkeypatch, KeyboardInterrupt)
    with pytest.raises(KeyboardInterrupt):
        cleaner.Cleaner().run(BOOM)
