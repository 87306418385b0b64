"""The errors a user can cause, in one tree, each with the exit status the command line gives it.

Everything that goes wrong because of an input, a setting or the store raises
a :class:`HarmattanError` (or becomes a per-document ``LoadError`` report and
the batch goes on). The command line turns these into a message and an exit
status in one place (``harmattan.cli``); nothing a user can cause ends in a
traceback.

======  ==========================================================
status  meaning
======  ==========================================================
0       all good
1       some inputs were rejected (reported); all others processed
2       usage or configuration error (bad flag, settings, output)
3       the store cannot be used (missing folder, corrupt, newer)
======  ==========================================================

>>> err = StoreTooNew("store.sqlite has schema version 9; this harmattan knows up to 7")
>>> isinstance(err, StoreError), err.exit_code
(True, 3)
>>> exit_code_for(ConfigError("unknown setting"))
2
"""
from __future__ import annotations

__all__ = [
    "ConfigError", "DocumentTimeout", "HarmattanError", "InputsRejected", "OutputError", "StoreCorrupt",
    "StoreError", "StoreTooNew", "StoreUnavailable", "UsageError", "exit_code_for",
]

OK = 0
INPUTS_REJECTED = 1
USAGE = 2
STORE = 3


class HarmattanError(Exception):
    """Base of every error Harmattan raises on purpose; ``exit_code`` is what the CLI exits with."""

    exit_code = INPUTS_REJECTED


class InputsRejected(HarmattanError):
    """Some inputs gave no document (each already reported); the others were processed."""

    exit_code = INPUTS_REJECTED


class DocumentTimeout(HarmattanError):
    """One document took longer than ``document_time_budget_s``; it is skipped and reported."""

    exit_code = INPUTS_REJECTED


class UsageError(HarmattanError):
    """The command was asked for something it cannot do (a bad flag value, a bad combination)."""

    exit_code = USAGE


class ConfigError(UsageError, ValueError):
    """A settings file or variable is unreadable, invalid or names an unknown setting (also a ValueError)."""


class OutputError(UsageError):
    """The output file cannot be written (missing folder, permissions, full disk)."""


class StoreError(HarmattanError):
    """The store cannot be used; the message says why and what to do."""

    exit_code = STORE


class StoreUnavailable(StoreError):
    """The store cannot be opened or created (a folder in its place, no permission, full disk)."""


class StoreTooNew(StoreError):
    """The store was written by a newer Harmattan (a schema version this code does not know)."""


class StoreCorrupt(StoreError):
    """The store's file is damaged (SQLite's integrity checks fail); it is not written to."""


def exit_code_for(error: BaseException) -> int:
    """The exit status for ``error``: its own for a HarmattanError, else 1.

    >>> exit_code_for(StoreCorrupt("x")), exit_code_for(ValueError("x"))
    (3, 1)
    """
    return error.exit_code if isinstance(error, HarmattanError) else INPUTS_REJECTED
