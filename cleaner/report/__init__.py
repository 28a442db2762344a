"""What a run tells about its removals: per-rule statistics and the audit trail."""
