"""``python -m cleaner`` runs the command line."""

from cleaner.cli.main import main

main()
