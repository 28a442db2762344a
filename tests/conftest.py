"""Shared fixtures: snapshots in the top-level ``snapshots/`` folder, the seed pages,
and a captured Output."""

from __future__ import annotations

import io
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from cleaner.io.output import Output
from cleaner.scan.translations import CACHE_ENV

# The property tests draw the same examples on every run, so that a red run can be
# run again and CI cannot turn red by luck; fuzz/ is where new examples are sought.
settings.register_profile("tests", derandomize=True, database=None)
settings.load_profile("tests")

# A suite started in the background by a non-interactive shell (`pytest &`) inherits
# SIGINT ignored, and so would every `cleaner` the tests start: Ctrl-C would then do
# nothing, as it should for such a process, and the interrupt tests would test nothing.
# They test a run at a terminal, so Ctrl-C is given back its usual meaning here (an
# installed handler is reset to the default by exec in the children).
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTICLES = Path(__file__).resolve().parent / "articles"


class TextSnapshotExtension(SingleFileSnapshotExtension):
    """One plain-text file per snapshot under ``snapshots/<test module>/``, so a rule
    change shows up as an ordinary diff of article text."""

    _write_mode = WriteMode.TEXT
    file_extension = "txt"

    @classmethod
    def dirname(cls, *, test_location) -> str:  # type: ignore[no-untyped-def, override]
        module = Path(test_location.filepath).stem
        return str(ROOT / "snapshots" / module)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(TextSnapshotExtension)


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The command line keeps the scanner's translations in the user's cache folder:
    the tests (and the commands they start) keep theirs in a folder of their own."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CACHE_ENV, str(folder))
        yield folder


@pytest.fixture
def seed_dir() -> Path:
    """``../shared/seed``; tests that need it skip when it is absent."""
    seed = SHARED / "seed"
    if not seed.is_dir():
        pytest.skip("../shared/seed is not available")
    return seed


class Captured(Output):
    """An Output that keeps what was written, for assertions."""

    def __init__(self) -> None:
        super().__init__(out=io.StringIO(), err=io.StringIO())

    @property
    def stdout(self) -> str:
        return self.out.getvalue()  # type: ignore[attr-defined]

    @property
    def stderr(self) -> str:
        return self.err.getvalue()  # type: ignore[attr-defined]


@pytest.fixture
def cap() -> Captured:
    return Captured()


BOOM = "BOOM"  # a document holding this fails in the engine under ``engine_fails``


def fail_engine(monkeypatch: pytest.MonkeyPatch, error: type[BaseException]) -> None:
    """Make the engine raise ``error`` on every document holding ``BOOM``, as ``regex``
    raises MemoryError on a line of 8 million "8 "s (too costly to build in a test)."""
    import cleaner.api

    real = cleaner.api.run_plan

    def run_plan(text: str, *args: object, **kwargs: object) -> object:
        if BOOM in text:
            raise error("injected")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(cleaner.api, "run_plan", run_plan)


@pytest.fixture(params=[MemoryError, RecursionError, ValueError])
def engine_fails(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type[Exception]:
    """Each way the engine can fail on one document (``BOOM``): what it does to a run over many."""
    fail_engine(monkeypatch, request.param)
    return request.param


@pytest.fixture
def slow_pack(tmp_path: Path) -> Path:
    """A pack whose one rule backtracks exponentially on "aaa…ab": it times out on such a line."""
    pack = tmp_path / "slow.yaml"
    pack.write_text("rules:\n  - id: slow.rule\n    drop-line: {regex: '^(a|aa)+$'}\n")
    return pack


def zstd_cut_short(data: bytes, frames: str) -> bytes:
    """``data`` as zstd, cut inside its last frame: one frame, or two of which the
    second is cut (a cut between the two would be a valid stream of the first)."""
    import zstandard

    compress = zstandard.ZstdCompressor().compress
    if frames == "one":
        whole = compress(data)
        return whole[: len(whole) * 2 // 3]
    second = compress(data[len(data) // 2 :])
    return compress(data[: len(data) // 2]) + second[: len(second) // 2]
