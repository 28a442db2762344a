"""Rule packs as data: the YAML is read, validated against the schema and turned into
:class:`~cleaner.packs.model.Rule` objects; nothing here runs a pattern on text."""
