"""The one place where exceptions become messages and exit codes (pre-commit's
``error_handler``): a CleanerError is one paragraph on stderr, anything else is
a bug and shows its traceback. SIGTERM is handled like Ctrl-C (SIGINT): the run
stops between two files (see ``cleaner.files``), says so and exits 130."""

from __future__ import annotations

import traceback
from collections.abc import Callable

from cleaner.cli.exit_codes import ERROR, INTERRUPTED, OK, UNEXPECTED
from cleaner.errors import CleanerError
from cleaner.io import signals
from cleaner.io.output import Output


def run_guarded(command: Callable[[], int], output: Output) -> int:
    """Run a command and turn whatever escapes it into an exit code."""
    try:
        with signals.sigterm_interrupts():
            code = command()
            output.flush()  # a reader that went away shows here, not at exit
            return code
    except CleanerError as exc:
        output.error(str(exc))
        return ERROR
    except KeyboardInterrupt:
        output.error("interrupted; every file is either whole and cleaned or left as it was")
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`cleaner clean --diff docs/ | head -1`): end with 0, as
        # ruff and ripgrep do; stdout goes to /dev/null so that Python's own flush at exit
        # does not complain about the pipe again.
        output.reader_left()
        return OK
    except Exception:
        output.error("an unexpected error occurred; please report it with this traceback:")
        output.message(traceback.format_exc().rstrip())
        return UNEXPECTED
