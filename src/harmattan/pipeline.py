"""The extraction pipeline: a declared list of components from a document to its single-report events.

Each :class:`Component` says what it needs and what it sets on the typed
:class:`DocState` (spaCy's ``add_pipe`` is the model); :data:`COMPONENTS` is
their one declared order. The knowledge they use (gazetteer, actors,
taxonomy, language packs) is loaded once by :func:`~harmattan.knowledge.load_knowledge`
(the initialise step) and passed in; no component opens a file or a database.
Turning a component off is configuration (``disabled_components``), checked
against what the later components need. Reports of the same event are then
merged across the batch (:mod:`harmattan.merge`).

Each document is handled on its own, so a failure in one is reported with
its origin and the batch goes on.

>>> from harmattan.records import Document
>>> import datetime as dt
>>> doc = Document("d1", "example", "Gunmen killed 44 civilians in Fambita, Tillaberi region, Niger, on Friday.", published=dt.date(2025, 3, 22))
>>> result = run_pipeline([doc])
>>> [(e.event_type, e.fatalities, e.country_code) for e in result.events]
[('Violence against civilians', 44, 'NE')]
>>> [c.name for c in Pipeline().components]
['language', 'publication_date', 'articles', 'frames', 'incidents', 'coding']
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .budget import DocumentTimeout, within_budget
from .runners import budgeted
from .errors import ConfigError
from .extract.article import build_frames
from .extract.coding import code_incident, inherit_place
from .extract.frames import Frame
from .extract.incidents import Incident, group_incidents
from .extract.published import infer_published
from .knowledge import Knowledge, load_knowledge
from .language import detect_language
from .loaders import split_articles
from .merge import merge_events
from .records import Article, Document, Event, LoadError
from .settings import Settings


@dataclass
class DocState:
    """What the components know of one document so far (each attribute set by one component)."""

    document: Document
    articles: list[Article] = field(default_factory=list)
    frames: list[list[Frame]] = field(default_factory=list)  # per article
    incidents: list[list[Incident]] = field(default_factory=list)  # per article
    events: list[Event] = field(default_factory=list)


@dataclass(frozen=True)
class Component:
    """One pipeline stage: a pure function of the state, the knowledge and the settings."""

    name: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[DocState, Knowledge, Settings], None]
    doc: str = ""


_WARM_UP = Document("warm-up", "warm-up", "Gunmen killed five people in Mopti, Mali, on Monday.")


class PipelineConfigError(ConfigError):
    """The configured components cannot run (a component needs what a disabled one sets)."""


def _language(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    doc = state.document
    if doc.language is None:
        state.document = dataclasses.replace(doc, language=detect_language(doc.text[:2000]))


def _publication_date(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    doc = state.document
    if doc.published is None:
        read_on = dt.date.fromisoformat(settings.read_on) if settings.read_on else dt.date.today()
        published, how = infer_published(doc.text, doc.url, doc.title, read_on=read_on)
        if published is not None:
            state.document = dataclasses.replace(doc, published=published, published_from=how)


def _articles(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    doc = state.document
    state.articles = [a if a.language is not None else dataclasses.replace(a, language=doc.language)
                      for a in split_articles(doc)]


def _frames(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    state.frames = [build_frames(a, knowledge, relevance_filter=settings.relevance_filter) for a in state.articles]


def _incidents(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    state.incidents = [group_incidents(frames) if frames else [] for frames in state.frames]


def _coding(state: DocState, knowledge: Knowledge, settings: Settings) -> None:
    events: list[Event] = []
    for article, incidents in zip(state.articles, state.incidents):
        previous: Event | None = None
        for number, incident in enumerate(incidents):
            if incident.background and not settings.include_background:
                continue
            if incident.aggregate and not settings.include_aggregates:
                continue
            event = code_incident(incident, article, number, knowledge)
            if event is None or event.confidence < settings.min_confidence:
                continue
            if previous is not None and not incident.background:
                event = inherit_place(event, previous)
            if not incident.background:
                previous = event
            events.append(dataclasses.replace(event, country=country_name(event.country_code)))
    state.events = events


#: The one declared order of the extraction components.
COMPONENTS: tuple[Component, ...] = (
    Component("language", ("document",), ("document.language",), _language, "English or French, when the input did not say"),
    Component("publication_date", ("document",), ("document.published",), _publication_date,
              "the report's date from its stamp, URL, dateline or text, when the input did not say"),
    Component("articles", ("document",), ("articles",), _articles, "a page split into its main article and teasers"),
    Component("frames", ("articles",), ("frames",), _frames, "per sentence: cues, tolls, dates, places, actors"),
    Component("incidents", ("frames",), ("incidents",), _incidents, "sentences grouped into incidents"),
    Component("coding", ("incidents", "articles"), ("events",), _coding, "each incident coded as an ACLED-style event"),
)


class Pipeline:
    """The configured components with their knowledge; :meth:`extract` runs them on one document."""

    def __init__(self, settings: Settings | None = None, knowledge: Knowledge | None = None,
                 components: tuple[Component, ...] = COMPONENTS):
        self.settings = settings or Settings()
        disabled = set(self.settings.disabled_components)
        unknown = disabled - {c.name for c in components}
        if unknown:
            raise PipelineConfigError(f"unknown pipeline components: {', '.join(sorted(unknown))}")
        self.components = tuple(c for c in components if c.name not in disabled)
        available = {"document"}
        for component in self.components:
            missing = [n for n in component.needs if n not in available]
            if missing:
                raise PipelineConfigError(f"component {component.name!r} needs {', '.join(missing)}, set by no earlier component")
            available.update(component.sets)
        self.knowledge = knowledge or load_knowledge()
        self._warm = False

    def warm_up(self) -> None:
        """Run one small document through every component, outside any time budget.

        The knowledge is loaded when the pipeline is built; this also builds what components
        load lazily (the language detector's models), so that a budget running out while they
        load cannot leave them half-built for the next documents.
        """
        if not self._warm:
            self.extract(_WARM_UP)
            self._warm = True

    def extract(self, doc: Document) -> DocState:
        """Run every component on one document; returns the final state (its ``events``)."""
        state = DocState(document=doc)
        for component in self.components:
            component.run(state, self.knowledge, self.settings)
        return state

    def run(self, items: Iterable[Document | LoadError], merge: bool = True, runner=None) -> "PipelineResult":
        """Extract and merge the events of a batch; errors are collected, never raised.

        ``runner`` (:mod:`harmattan.runners`) extracts the documents elsewhere (a process pool,
        a Dask cluster) with the default components; merging happens here, over the whole batch.
        """
        result = PipelineResult()
        singles: list[Event] = []
        if runner is None:
            self.warm_up()
            done = map(self.extract_one, items)
        else:
            done = runner.map(extract_one, items, self.settings)
        for events, articles, error in done:
            if articles >= 0:  # a document (an input that could not be read is not one)
                result.documents += 1
            if error is not None:
                result.errors.append(error)
                continue
            result.articles += articles
            singles.extend(events)
        result.events = merge_events(singles, self.settings) if merge else singles
        return result

    def extract_one(self, item: Document | LoadError) -> tuple[list[Event], int, LoadError | None]:
        """One input's single-report events and article count, or the error that cost it (never raised).

        An input that could not be read comes back with ``-1`` articles (it was not a document).
        """
        if isinstance(item, LoadError):
            return [], -1, item
        try:
            state = within_budget(self.settings.document_time_budget_s, self.extract, item)
        except DocumentTimeout as exc:  # one slow document must not hold the batch
            return [], 0, LoadError(item.origin, f"skipped: extraction {exc}")
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            return [], 0, LoadError(item.origin, f"extraction failed: {type(exc).__name__}: {exc}")
        return state.events, len(state.articles), None


@dataclass
class PipelineResult:
    events: list[Event] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)
    documents: int = 0
    articles: int = 0

    @property
    def failed(self) -> bool:
        """Was any input lost (warnings about kept documents do not count)?"""
        return any(e.fatal for e in self.errors)


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


@functools.lru_cache(maxsize=8)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline(settings)


def warm_up(settings: Settings) -> None:
    """Load what extraction shares once per process, outside any time budget (see :meth:`Pipeline.warm_up`)."""
    _pipeline(settings).warm_up()


def extract_document_events(doc: Document, settings: Settings) -> tuple[list[Event], int]:
    """Single-report events of every article of one document, and the article count."""
    state = _pipeline(settings).extract(doc)
    return state.events, len(state.articles)


@budgeted(lambda error: ([], 0, error))
def extract_one(item: Document | LoadError, settings: Settings) -> tuple[list[Event], int, LoadError | None]:
    """:meth:`Pipeline.extract_one` with the default components of ``settings`` (picklable, for the runners)."""
    pipeline = _pipeline(settings)
    pipeline.warm_up()
    return pipeline.extract_one(item)


def run_pipeline(items: Iterable[Document | LoadError], settings: Settings | None = None, merge: bool = True,
                 runner=None) -> PipelineResult:
    """Extract and merge the events of a batch with the default components; errors are collected, never raised."""
    return _pipeline(settings or Settings()).run(items, merge=merge, runner=runner)
