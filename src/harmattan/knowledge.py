"""The knowledge the extraction stages use, loaded once: gazetteer, actors, taxonomy, language packs.

This is the pipeline's initialise step and the only place where extraction's
knowledge is read from disk; stages receive a :class:`Knowledge` and never
open a file or a database. A worker process loads it once and reuses it for
every document.

>>> k = load_knowledge()
>>> k.actors.resolve("FAMa").name, k.taxonomy.disorder_type("Battles"), k.languages
('Military Forces of Mali', 'Political violence', ('en', 'fr'))
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from . import lang
from .actors import ActorKB, load_actor_kb
from .gazetteer import Gazetteer, load_gazetteer
from .taxonomy import Taxonomy, load_taxonomy


@dataclass(frozen=True)
class Knowledge:
    """Everything extraction knows of the world, passed to the stages."""

    gazetteer: Gazetteer
    actors: ActorKB
    taxonomy: Taxonomy
    languages: tuple[str, ...]


@functools.cache
def load_knowledge() -> Knowledge:
    """Load the packaged gazetteer, actor knowledge base and taxonomy (once per process)."""
    return Knowledge(
        gazetteer=load_gazetteer(),
        actors=load_actor_kb(),
        taxonomy=load_taxonomy(),
        languages=lang.LANGUAGES,
    )
