"""Language resource packs: every word and pattern of a language lives in its folder.

A pack is the package ``harmattan.lang.<code>`` (``en``, ``fr``); its modules
hold plain data, one module per topic (``numbers``, ``dates``, ``casualties``,
``cues``, ``places`` ...): sets of words, dicts of number words, lists of
regular-expression fragments. No stage names a word of any language: stages
ask this registry for the merged view of every registered pack, so a report
that mixes English and French (a French daily quoting an English communiqué)
is read with both, and a new language is one new folder added to
:data:`LANGUAGES` (see ``docs/languages.md``).

>>> "dozens" in mapping("numbers", "VAGUE") and "vingtaine" in mapping("numbers", "APPROX")
True
>>> alternation("numbers", "QUAL_LOW").startswith("(?:")
True
"""
from __future__ import annotations

import functools
import importlib
import re
from types import ModuleType

__all__ = ["LANGUAGES", "pack", "words", "mapping", "fragments", "alternation", "literal_alternation"]

# The registered packs, in order of precedence for mappings that disagree.
LANGUAGES: tuple[str, ...] = ("en", "fr")


@functools.cache
def pack(code: str, topic: str) -> ModuleType | None:
    """The data module ``harmattan.lang.<code>.<topic>``, or None when the pack has none."""
    try:
        return importlib.import_module(f"{__name__}.{code}.{topic}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.endswith(f"{code}.{topic}"):
            return None
        raise


def _values(topic: str, name: str, codes: tuple[str, ...]):
    for code in codes:
        module = pack(code, topic)
        if module is not None and hasattr(module, name):
            yield getattr(module, name)


@functools.cache
def words(topic: str, name: str, codes: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Union of a word set (whitespace-separated string, or any iterable) over the packs."""
    out: set[str] = set()
    for value in _values(topic, name, codes):
        out.update(value.split() if isinstance(value, str) else value)
    return frozenset(out)


@functools.cache
def mapping(topic: str, name: str, codes: tuple[str, ...] = LANGUAGES) -> dict:
    """Merge of a dict over the packs (the first pack listed wins a disagreement)."""
    out: dict = {}
    for value in _values(topic, name, codes):
        for key, item in value.items():
            out.setdefault(key, item)
    return out


@functools.cache
def fragments(topic: str, name: str, codes: tuple[str, ...] = LANGUAGES) -> tuple[str, ...]:
    """The regular-expression fragments (or words) of every pack, in pack order, without repeats."""
    out: list[str] = []
    for value in _values(topic, name, codes):
        items = value.split() if isinstance(value, str) else value
        out.extend(item for item in items if item not in out)
    return tuple(out)


@functools.cache
def alternation(topic: str, name: str, codes: tuple[str, ...] = LANGUAGES) -> str:
    """One non-capturing group matching any fragment of any pack, longest first.

    Plain words are regex fragments too; a pack escapes what must be literal.
    """
    items = sorted(fragments(topic, name, codes), key=len, reverse=True)
    return "(?:" + "|".join(items) + ")"


def literal_alternation(items) -> str:
    """One group matching any of the literal strings, written as a trie (shared prefixes once).

    Python's regular expressions try the branches of an alternation one by one; a trie lets a
    scan over hundreds of words test each letter once, several times faster for the same matches.

    >>> literal_alternation(["tir", "tirs", "tue"])
    '(?:t(?:ir(?:s)?|ue))'
    >>> import re; bool(re.fullmatch(literal_alternation(["a.b", "ab"]), "a.b"))
    True
    """
    trie: dict = {}
    for item in items:
        node = trie
        for ch in item:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(trie) + ")"
