"""SIGINT and SIGTERM: held back while a file is replaced; SIGTERM interrupts like Ctrl-C."""

from __future__ import annotations

import os
import signal
import threading

import pytest

from cleaner.io import signals


@pytest.fixture
def received():
    seen: list[int] = []
    before = signal.signal(signal.SIGTERM, lambda signum, frame: seen.append(signum))
    yield seen
    signal.signal(signal.SIGTERM, before)


def test_held_signals_arrive_when_the_block_is_over(received: list[int]) -> None:
    with signals.held():
        os.kill(os.getpid(), signal.SIGTERM)
        assert received == []
    assert received == [signal.SIGTERM]


def test_sigterm_raises_keyboard_interrupt_inside_and_not_after(received: list[int]) -> None:
    with pytest.raises(KeyboardInterrupt, match="SIGTERM"), signals.sigterm_interrupts():
        os.kill(os.getpid(), signal.SIGTERM)
    os.kill(os.getpid(), signal.SIGTERM)
    assert received == [signal.SIGTERM]  # the previous handler is back


def test_other_threads_leave_the_handlers_alone(received: list[int]) -> None:
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with signals.sigterm_interrupts():
                pass
        except BaseException as exc:  # signal.signal would raise ValueError here
            errors.append(exc)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert errors == []


def test_held_signals_wait_even_when_another_thread_is_alive(received: list[int]) -> None:
    """With a second thread running, a per-thread signal mask would let the signal
    through to that thread; holding must not depend on which thread gets it."""
    stop, ready = threading.Event(), threading.Event()

    def waiting_with_signals_open() -> None:  # as a C library's thread may be
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})
        ready.set()
        stop.wait()

    thread = threading.Thread(target=waiting_with_signals_open)
    thread.start()
    ready.wait()
    try:
        with signals.held():
            for _ in range(20):
                os.kill(os.getpid(), signal.SIGTERM)
            assert received == []
        assert received == [signal.SIGTERM]
    finally:
        stop.set()
        thread.join()
