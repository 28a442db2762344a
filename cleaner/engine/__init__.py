"""The rule engine: rules are compiled into patterns, arranged per source into a plan,
and run over a document's lines within a time budget."""
