"""Harmattan: security news in, political-violence and crisis events out (EN/FR, offline)."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("harmattan")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
