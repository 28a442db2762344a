"""The edges: files read and written atomically, JSONL streams in blocks, folders walked,
signals, and the one object that prints."""
