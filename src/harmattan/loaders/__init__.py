"""Loaders: files, folders, standard input and pages into documents and articles.

``load_documents`` does the disk I/O and yields :class:`~harmattan.records.Document`
or :class:`~harmattan.records.LoadError`; ``split_articles`` is pure.
"""
from __future__ import annotations

from .bylines import normalize_name, split_byline
from .files import load_bytes, load_documents, load_file
from .pages import split_articles

__all__ = ["load_bytes", "load_documents", "load_file", "normalize_name", "split_articles", "split_byline"]
