"""Scoring sitrep against gold data: `sitrep eval`."""
