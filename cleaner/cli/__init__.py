"""The command line: ``main`` declares the options; one module per command does the work
and returns an exit code (:mod:`cleaner.cli.exit_codes`)."""
