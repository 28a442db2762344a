"""One module per command; each exposes one function named after it, returning an exit code."""
