"""Pure extraction stages: text in, typed claims and events out (no I/O here)."""
