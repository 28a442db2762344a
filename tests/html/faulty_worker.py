"""A sandbox worker (:mod:`cleaner.html.worker`) that misbehaves on cue, for the tests:
the child is a fresh interpreter, so a test cannot patch it from its own process.
Run it with ``monkeypatch.setattr(sandbox, "_WORKER", faulty_worker.__name__)``."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from multiprocessing.connection import Connection

from cleaner.html import extract, worker

HANG = "hang"  # sleeps, as lexbor does on a million nested divs: no Python code runs to stop it
RECURSE = "recurse"  # RecursionError, as a page nested deep enough gives
DIE = "die"  # the process ends at once, as the kernel's OOM killer would end it


def main(requests: Connection, answers_fd: int, argv: Sequence[str]) -> None:
    original = extract.extract_page

    def extract_page(html: str | bytes, **kwargs: object) -> object:
        if html == HANG:
            time.sleep(3600)
        if html == RECURSE:
            raise RecursionError("maximum recursion depth exceeded")
        if html == DIE:
            os._exit(9)
        return original(html, **kwargs)

    extract.extract_page = extract_page  # type: ignore[assignment]
    worker.main(requests, answers_fd, argv)
