"""The extraction pipeline: documents -> articles -> incidents -> events -> merged events.

Stages run in one declared order; each document is handled on its own, so a
failure in one is reported with its origin and the batch goes on.

>>> from harmattan.records import Document
>>> import datetime as dt
>>> doc = Document("d1", "example", "Gunmen killed 44 civilians in Fambita, Tillaberi region, Niger, on Friday.", published=dt.date(2025, 3, 22))
>>> result = run_pipeline([doc])
>>> [(e.event_type, e.fatalities, e.country_code) for e in result.events]
[('Violence against civilians', 44, 'NE')]
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

from .budget import DocumentTimeout, within_budget
from .extract.article import build_frames
from .extract.coding import code_incident
from .extract.incidents import group_incidents
from .language import detect_language
from .loaders import split_articles
from .merge import merge_events
from .records import Article, Document, Event, LoadError
from .settings import Settings


@dataclass
class PipelineResult:
    events: list[Event] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Was any input lost (warnings about kept documents do not count)?"""
        return any(e.fatal for e in self.errors)
    documents: int = 0
    articles: int = 0


def _country_names() -> dict[str, str]:
    import pycountry

    names = {}
    for c in pycountry.countries:
        names[c.alpha_2] = getattr(c, "common_name", None) or c.name
    return names


_NAMES: dict[str, str] | None = None


def country_name(code: str | None) -> str | None:
    global _NAMES
    if _NAMES is None:
        _NAMES = _country_names()
    return _NAMES.get(code) if code else None


def extract_article_events(article: Article, settings: Settings) -> list[Event]:
    """The single-report events of one article."""
    frames = build_frames(article, relevance_filter=settings.relevance_filter)
    if not frames:
        return []
    events = []
    for number, incident in enumerate(group_incidents(frames)):
        if incident.background and not settings.include_background:
            continue
        if incident.aggregate and not settings.include_aggregates:
            continue
        event = code_incident(incident, article, number)
        if event is None or event.confidence < settings.min_confidence:
            continue
        events.append(dataclasses.replace(event, country=country_name(event.country_code)))
    return events


def extract_document_events(doc: Document, settings: Settings) -> tuple[list[Event], int]:
    """Single-report events of every article of one document, and the article count."""
    if doc.language is None:
        doc = dataclasses.replace(doc, language=detect_language(doc.text[:2000]))
    articles = split_articles(doc)
    events: list[Event] = []
    for article in articles:
        if article.language is None:
            article = dataclasses.replace(article, language=doc.language)
        events.extend(extract_article_events(article, settings))
    return events, len(articles)


_WARM_UP = Document("warm-up", "warm-up", "Gunmen killed five people in Mopti, Mali, on Monday.")
_warm = False


def warm_up(settings: Settings) -> None:
    """Load what extraction shares (gazetteer, actors, language models) once per process, outside any time budget.

    A budget that ran out while a shared resource was loading would leave it half-built for the next documents.
    """
    global _warm
    if not _warm:
        extract_document_events(_WARM_UP, settings)
        _warm = True


def run_pipeline(items: Iterable[Document | LoadError], settings: Settings | None = None, merge: bool = True) -> PipelineResult:
    """Extract and merge the events of a batch; errors are collected, never raised."""
    settings = settings or Settings()
    result = PipelineResult()
    singles: list[Event] = []
    for item in items:
        if isinstance(item, LoadError):
            result.errors.append(item)
            continue
        result.documents += 1
        try:
            warm_up(settings)
            events, n_articles = within_budget(settings.document_time_budget_s, extract_document_events, item, settings)
        except DocumentTimeout as exc:  # one slow document must not hold the batch
            result.errors.append(LoadError(item.origin, f"skipped: extraction {exc}"))
            continue
        except Exception as exc:  # one bad document must not stop the batch
            result.errors.append(LoadError(item.origin, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        result.articles += n_articles
        singles.extend(events)
    result.events = merge_events(singles, settings) if merge else singles
    return result
