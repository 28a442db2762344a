"""Extraction in a child process: a page that takes too long is named and its process
killed; the next page gets a new one; errors keep their type and their words; threads
each get their own answer; the child starts where multiprocessing's cannot (a
daemonic Pool worker) and never runs the caller's ``__main__`` again."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import sys
import textwrap
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import cleaner
from cleaner.errors import InputError, RuleError
from cleaner.html import sandbox as sandbox_module
from cleaner.html.sandbox import Sandbox
from tests.html import faulty_worker

PAGE = "<html><body><article><h1>Bridge</h1><p>The council met on Monday to vote.</p></article></body></html>"


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Children run :mod:`tests.html.faulty_worker`."""
    monkeypatch.setattr(sandbox_module, "_WORKER", faulty_worker.__name__)


def _page(title: str) -> str:
    body = "<p>The council voted on Tuesday to keep the island ferry running through the winter.</p>" * 6
    return f"<html><body><article><h1>{title}</h1>{body}</article></body></html>"


def _pids(sandbox: Sandbox) -> list[int]:
    return [child._process.pid for _, child in sandbox._children._idle]


@pytest.mark.usefixtures("faulty")
def test_a_page_out_of_time_is_named_its_process_killed_and_the_next_page_goes_on() -> None:
    sandbox = Sandbox()
    try:
        assert "The council met" in sandbox.extract(PAGE, url=None, selectors=(), timeout=60).body
        [first] = _pids(sandbox)
        with pytest.raises(InputError, match=r"https://x\.test/a: HTML extraction took over 0\.5s; skipped"):
            sandbox.extract(faulty_worker.HANG, url="https://x.test/a", selectors=(), timeout=0.5)
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)
        assert "The council met" in sandbox.extract(PAGE, url=None, selectors=(), timeout=60).body
    finally:
        sandbox.close()


@pytest.mark.usefixtures("faulty")
def test_a_child_that_dies_on_a_page_names_it_and_the_next_page_gets_a_new_one() -> None:
    sandbox = Sandbox()
    try:
        with pytest.raises(InputError, match=r"<html>: HTML extraction failed: its process died"):
            sandbox.extract(faulty_worker.DIE, url=None, selectors=(), timeout=60)
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


@pytest.mark.parametrize("shared", ["one Cleaner", "cleaner.clean_html"])
def test_threads_sharing_a_cleaner_each_get_their_own_pages_text(shared: str) -> None:
    clean_html = cleaner.Cleaner().clean_html if shared == "one Cleaner" else cleaner.clean_html
    titles = [f"Title {i}" for i in range(60)]
    with ThreadPoolExecutor(4) as pool:
        texts = list(pool.map(clean_html, [_page(title) for title in titles]))
    assert [text.splitlines()[0] for text in texts] == titles


def test_a_child_started_by_a_thread_outlives_the_thread() -> None:
    """The kernel's parent-death signal follows the thread that started a child: a
    child started by a pool's thread must not die with it, in another thread's page."""
    c = cleaner.Cleaner()
    thread = threading.Thread(target=c.clean_html, args=(PAGE,))
    thread.start()
    thread.join()
    [(_, child)] = c._sandbox._children._idle
    assert child.alive()
    assert "The council met" in c.clean_html(PAGE)
    assert child.alive()


def _first_line(page: str) -> str:
    return cleaner.clean_html(page).splitlines()[0]


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_a_daemonic_pool_worker_extracts_pages(method: str) -> None:
    with multiprocessing.get_context(method).Pool(1) as pool:
        assert pool.map(_first_line, [_page("One"), _page("Two")]) == ["One", "Two"]


def test_a_fork_starts_children_of_its_own_and_leaves_the_owners_alone() -> None:
    c = cleaner.Cleaner()
    assert "The council met" in c.clean_html(PAGE)
    [owners] = _pids(c._sandbox)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.map(_first_line_with, [(c, _page("Forked"))]) == ["Forked"]
    os.kill(owners, 0)  # still there
    assert "The council met" in c.clean_html(PAGE)
    assert _pids(c._sandbox) == [owners]


def _first_line_with(args: tuple[cleaner.Cleaner, str]) -> str:
    c, page = args
    return c.clean_html(page).splitlines()[0]


def test_a_sandbox_pickles_without_its_children() -> None:
    sandbox = Sandbox()
    try:
        sandbox.extract(PAGE, url=None, selectors=(), timeout=60)
        copy = pickle.loads(pickle.dumps(sandbox))
        assert copy._children._idle == []
        assert "The council met" in copy.extract(PAGE, url=None, selectors=(), timeout=60).body
        copy.close()
    finally:
        sandbox.close()


SCRIPT = """\
    import threading, time
    import cleaner
    with open("ran.log", "a") as log:
        log.write("the script ran\\n")
    threading.Thread(target=time.sleep, args=(1,)).start()  # a progress bar's thread, say
    print(cleaner.clean_html({page!r}).splitlines()[0])
"""


def test_a_script_without_a_main_guard_runs_once(tmp_path: Path) -> None:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(SCRIPT.format(page=_page("Once"))), encoding="utf-8")
    done = subprocess.run([sys.executable, script], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "Once\n"), done.stderr
    assert (tmp_path / "ran.log").read_text(encoding="utf-8") == "the script ran\n"


def _run_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a new interpreter that imports this checkout's cleaner; a child that
    never answers would hang it: the time limit makes that a failure, not a hung suite."""
    root = str(Path(cleaner.__file__).resolve().parent.parent)
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([*env.pop("PYTHONPATH", "").split(os.pathsep), root]),
    }
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=tmp_path,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_a_start_up_hook_that_prints_does_not_break_the_answers(tmp_path: Path) -> None:
    """A sitecustomize (or a .pth line) that prints ran in the child too, into the pipe
    the answers came on: the first answer never parsed, and clean_html waited for ever."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text("print('hello from sitecustomize')\n", encoding="utf-8")
    done = _run_python(
        f"import cleaner; print(cleaner.clean_html({_page('Hooked')!r}).splitlines()[0])",
        tmp_path,
        PYTHONPATH=str(hooks),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Hooked"


def test_a_module_path_longer_than_a_command_line_argument(tmp_path: Path) -> None:
    """The path went to the child as one argument: over 128 KB, every page failed."""
    done = _run_python(
        f"""
        import sys, cleaner
        sys.path.extend("/nowhere/" + "x" * 200 + str(n) for n in range(1000))
        print(cleaner.clean_html({_page("Long")!r}).splitlines()[0])
        """,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "Long"


def test_the_child_gets_this_cleaner_first_and_no_relative_path() -> None:
    """A checkout's '' on the path meant the child's folder: after os.chdir, another copy."""
    path = sandbox_module._module_path()
    assert path[0] == os.path.dirname(os.path.dirname(os.path.abspath(cleaner.__file__)))
    assert all(os.path.isabs(entry) for entry in path)


def test_a_child_idle_for_long_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    """16 threads busy at once left 16 interpreters of ~30 MB for the process's life."""
    monkeypatch.setattr(sandbox_module, "_IDLE_FOR", -1.0)  # every idle child is stale at once
    sandbox = Sandbox()
    try:
        child = sandbox._children.take("<html>")
        pid = child._process.pid
        sandbox._children.give_back(child)
        assert _pids(sandbox) == []
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    finally:
        sandbox.close()


def test_closing_a_cleaner_stops_its_idle_children() -> None:
    with cleaner.Cleaner() as c:
        assert "Closed" in c.clean_html(_page("Closed"))
        [(_, child)] = c._sandbox._children._idle
    assert c._sandbox._children._idle == []
    assert child._process.poll() is not None
    assert "Again" in c.clean_html(_page("Again"))  # a new child for the next page
    c.close()
