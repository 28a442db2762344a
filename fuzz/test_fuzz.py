"""Fuzz targets for the loader and the engine (see conftest.py for how to run them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.engine.compiler import RuleSet
from cleaner.engine.run import run
from cleaner.errors import RuleTimeoutError
from cleaner.packs.loader import parse_pack
from tests.packs.test_loader_random import load_and_use
from tests.strategies import documents, only_removes, pack_texts, yaml_texts

FUZZ = settings.get_profile("fuzz")


@FUZZ
@given(yaml_texts())
def test_loader(text: str) -> None:
    load_and_use(text)


@FUZZ
@given(pack_texts(), documents("abXY. :\t"))
def test_engine_with_random_packs(pack: str, text: str) -> None:
    rules = RuleSet([parse_pack(pack)]).rules_for(None)
    try:
        once = run(text, rules, timeout=0.5)
    except RuleTimeoutError:
        return
    assert run(once.text, rules, timeout=0.5).text == once.text
    assert only_removes(text, once.text)


@FUZZ
@given(documents() | st.text())
def test_engine_with_bundled_packs(text: str) -> None:
    result = cleaner.default_cleaner().run(text)
    assert cleaner.clean(result.text) == result.text
    assert only_removes(text, result.text)
