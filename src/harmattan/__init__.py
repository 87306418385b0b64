"""Harmattan: security news in, political-violence and crisis events out (EN/FR, offline)."""

__version__ = "0.1.0"  # keep equal to pyproject.toml's version (a test checks it)
