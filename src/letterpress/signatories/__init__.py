"""Signatory lists: identity keys and duplicate detection (sources and editing come later)."""
