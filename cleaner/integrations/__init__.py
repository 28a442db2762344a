"""Steps for other data tools' pipelines, each over the Python API only."""
