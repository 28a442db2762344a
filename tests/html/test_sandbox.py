"""Extraction in a child process: a page that takes too long is named and its process
killed; the next page gets a new one; errors keep their type and their words."""

from __future__ import annotations

import os
import sys
import time

import pytest

from cleaner.errors import InputError, RuleError
from cleaner.html import extract
from cleaner.html import sandbox as sandbox_module
from cleaner.html.sandbox import Sandbox

PAGE = "<html><body><article><h1>Bridge</h1><p>The council met on Monday to vote.</p></article></body></html>"
pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the child inherits the patch by fork"
)


def _slow_on_hang(original):
    def extract_page(html, **kwargs):
        if html == "hang":
            time.sleep(3600)  # as lexbor on a million nested divs: no Python code runs to stop it
        return original(html, **kwargs)

    return extract_page


def test_a_page_out_of_time_is_named_its_process_killed_and_the_next_page_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(extract, "extract_page", _slow_on_hang(extract.extract_page))
    monkeypatch.setattr(sandbox_module, "_start_method", lambda: "fork")  # the child inherits the patch
    sandbox = Sandbox()
    try:
        assert "The council met" in sandbox.extract(PAGE, url=None, selectors=(), timeout=60).body
        first = sandbox._child.pid
        with pytest.raises(InputError, match=r"https://x\.test/a: HTML extraction took over 0\.5s; skipped"):
            sandbox.extract("hang", url="https://x.test/a", selectors=(), timeout=0.5)
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)
        assert "The council met" in sandbox.extract(PAGE, url=None, selectors=(), timeout=60).body
    finally:
        sandbox.close()


def test_errors_come_back_with_their_type_and_message() -> None:
    sandbox = Sandbox()
    try:
        with pytest.raises(RuleError, match=r"prune selector 'p\[' is not valid CSS") as caught:
            sandbox.extract(PAGE, url=None, selectors=("p[",), timeout=60)
        assert caught.value.message.startswith("prune selector")
    finally:
        sandbox.close()
