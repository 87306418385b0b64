"""From one article to its frames: the only stage that calls the place and actor finders.

Only the title and the sentences with an event cue, a human cost or an
attribution are analysed; the rest of the text is skipped cheaply.
"""
from __future__ import annotations

import dataclasses
import re

from ..actors import extract_actors
from ..knowledge import Knowledge
from ..places import detect_countries, extract_places, is_ambiguous, named_regions, names_a_unit, relocate
from ..records import Article
from .casualties import extract_casualties
from .dates import find_dates
from .frames import Frame, classify_background, is_aggregate, is_attribution, opens_incident, reports_act
from .text import normalize_text, split_sentences
from .triggers import DISASTER, VIOLENCE, find_cues

_DAY_KINDS = ("iso", "dmy", "mdy", "night", "weekday")


def article_sentences(article: Article) -> list[tuple[str, bool]]:
    """(sentence, is_title) pairs: the title first, then the body's sentences."""
    out: list[tuple[str, bool]] = []
    title = normalize_text(article.title or "").strip()
    if title:
        out.append((title, True))
    body = normalize_text(article.text or "")
    for start, end in split_sentences(body):
        sentence = body[start:end].strip()
        if sentence and sentence != title:
            out.append((sentence, False))
    return out


def article_countries(article: Article, knowledge: Knowledge) -> list[str]:
    """Countries the article is about, most named first (title and lead weigh most)."""
    title = normalize_text(article.title or "")
    lead = normalize_text((article.text or "")[:600])
    found: list[str] = []
    for text in (title, lead):
        for code in detect_countries(text, knowledge.gazetteer):
            if code not in found:
                found.append(code)
    if not found:
        # No country named: the places of the headline and lead tell ("in Zamfara state").
        for text in (title, lead):
            for mention in extract_places(text, gazetteer=knowledge.gazetteer):
                if mention.place.kind != "country" and mention.place.country_code not in found:
                    found.append(mention.place.country_code)
    if not found:
        # Nor any place: a group that operates in one country does ("Boko Haram Kills 5").
        for text in (title, lead):
            for mention in extract_actors(text, kb=knowledge.actors):
                code = mention.actor.country_code
                if code and mention.actor.actor_type in ("Rebel groups", "Political militias", "Identity militias") and code not in found:
                    found.append(code)
    return found


def build_frames(article: Article, knowledge: Knowledge, relevance_filter: bool = True) -> list[Frame]:
    """Frames of every sentence of the article that can speak of an event.

    The relevance filter is per sentence: a sentence without an event cue (a cheap word test
    first, see :mod:`triggers`) gets no place, actor or date analysis, and an article without
    any such sentence costs little more than splitting it. ``relevance_filter=False`` analyses
    every sentence.
    """
    published = article.doc.published
    hints: list[str] | None = None  # the article's countries, found once a sentence needs them
    frames: list[Frame] = []
    previous = -2
    disaster: frozenset[str] | None = None  # the disaster the article opens with, if it opens with one
    for index, (sentence, is_title) in enumerate(article_sentences(article)):
        cues = find_cues(sentence)
        if disaster is None and cues:
            opening = set(cues)
            disaster = frozenset(opening & DISASTER) if not opening & (VIOLENCE - {"kill"}) else frozenset()
        elif disaster and cues and set(cues) <= {"kill"}:
            # "280 deaths were recorded" in a flood report counts the flood's dead, not a killing.
            cues = {**cues, **{cue: [] for cue in disaster}}
        casualties = extract_casualties(sentence) if cues else []
        if article.truncated and sentence.rstrip().endswith(("...", "\u2026")):
            # "claimed the lives of three soldiers and..." is cut mid-count: a figure running into the cut is dropped.
            cut = len(sentence.rstrip().rstrip(".\u2026"))
            casualties = [c for c in casualties if cut - c.end > 12]
        attribution = is_attribution(sentence)
        if relevance_filter and not cues and not casualties and not attribution:
            # The sentence after an event sentence often dates it ("The water swept through
            # Mokwa before dawn on Thursday"): keep its date as a date-only frame.
            if index == previous + 1 and not is_title:
                dated = [d for d in find_dates(sentence, published) if not d.reporting and d.kind in _DAY_KINDS and d.date]
                if dated and hints is not None:
                    # It often places the event too ("... near the village of X, in the Y region").
                    places = tuple(m for m in extract_places(sentence, hints, gazetteer=knowledge.gazetteer)
                                   if m.place.kind != "country")
                    frames.append(Frame(index=index, text=sentence, is_title=False, cues={}, dates=tuple(dated),
                                        places=places, hints=tuple(hints), date_only=True))
                elif hints is not None:
                    # ... or says who did it ("selon l'armée, il s'agit des terroristes de la Katiba Macina").
                    named = _named_groups(sentence, hints, article, knowledge)
                    if named:
                        frames.append(Frame(index=index, text=sentence, is_title=False, cues={}, actors=named,
                                            hints=tuple(hints), attribution=True))
            continue
        previous = index
        if hints is None:
            hints = article_countries(article, knowledge)
        dates = find_dates(sentence, published)
        countries = detect_countries(sentence, knowledge.gazetteer)
        local_hints = list(dict.fromkeys(hints + countries))
        places = extract_places(sentence, local_hints, gazetteer=knowledge.gazetteer)
        actors = extract_actors(sentence, country_hint=(local_hints[0] if local_hints else None), lang=article.language,
                                kb=knowledge.actors)
        frames.append(Frame(
            index=index,
            text=sentence,
            is_title=is_title,
            cues=cues,
            casualties=tuple(casualties),
            dates=tuple(dates),
            places=tuple(places),
            actors=tuple(actors),
            countries=tuple(countries),
            background=classify_background(sentence, dates, published),
            aggregate=is_aggregate(sentence),
            opens_incident=opens_incident(sentence),
            attribution=attribution,
            acts=reports_act(sentence),
            hints=tuple(hints),
        ))
    return _place_towns_in_named_regions(frames, article, knowledge)


def _named_groups(sentence: str, hints: list[str], article: Article, knowledge: Knowledge) -> tuple:
    """The armed organisations a sentence names by name (no generic "gunmen", no state forces).

    >>> from harmattan.knowledge import load_knowledge
    >>> from harmattan.records import Document
    >>> doc = Document("d", "d", "x", language="fr")
    >>> a = Article(doc=doc, index=0, text="x", language="fr")
    >>> [m.actor.name for m in _named_groups("Il s'agit des terroristes de la Katiba Macina.", ["ML"], a, load_knowledge())]
    ['Katiba Macina']
    """
    if not _CAPITALISED.search(sentence):
        return ()
    mentions = extract_actors(sentence, country_hint=hints[0] if hints else None, lang=article.language, kb=knowledge.actors)
    return tuple(m for m in mentions if m.actor.kind in ("armed", "militia") and not m.actor.name.startswith("Unidentified"))


# A named organisation has a capitalised word or an acronym after the sentence's first word.
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]+")


def _place_towns_in_named_regions(frames: list[Frame], article: Article, knowledge: Knowledge) -> list[Frame]:
    """A town whose name several regions share goes to the one in a region the article names.

    The regions come from the analysed sentences and, when those leave a town unsettled, from
    the article's other sentences that name an admin unit ("Ce village est dans la province du
    Yatenga"); the test is skipped for articles whose towns are all unambiguous.
    """
    gaz = knowledge.gazetteer
    unsettled = [m for f in frames for m in f.places if is_ambiguous(m, gaz)]
    if not unsettled:
        return frames
    mentions = [m for f in frames for m in f.places]
    regions = named_regions(mentions)
    if any((m.place.country_code, m.place.admin1) not in regions for m in unsettled):
        analysed = {f.index for f in frames if not f.date_only}
        hints = frames[0].hints
        for index, (sentence, _) in enumerate(article_sentences(article)):
            if index not in analysed and names_a_unit(sentence):
                mentions.extend(extract_places(sentence, hints, gazetteer=gaz))
        regions = named_regions(mentions)
    if not regions:
        return frames
    out = []
    for f in frames:
        places = tuple(relocate(m, regions, gaz) for m in f.places)
        out.append(f if places == f.places else dataclasses.replace(f, places=places))
    return out
