"""The multi-pattern prefilter: every rule's pattern translated for RE2 and run over a
document in one pass, so the engine only confirms the lines that may match."""
