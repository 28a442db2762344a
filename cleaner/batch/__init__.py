"""JSONL corpora cleaned record by record, in blocks spread over worker processes."""
