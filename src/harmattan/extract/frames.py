"""Per-sentence frames: what one sentence says about a happening.

A frame gathers, for one sentence, its event cues, human costs, dates
(resolved against the publication date), places and actors, and says
whether the sentence is past context (``background``), a sum of several
incidents (``aggregate``) or opens a new incident ("One such attack...").
Frames are pure data; :mod:`harmattan.extract.incidents` groups them.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .. import lang
from ..records import ActorMention, PlaceMention
from .casualties import Casualty
from .dates import DateMention
from .triggers import DEMONSTRATION, DISASTER, STRATEGIC, VIOLENCE

_MONTH_NAMES = "(?:" + "|".join(sorted(lang.mapping("dates", "MONTHS"), key=len, reverse=True)) + ")"


def _marker(name: str) -> re.Pattern:
    return re.compile(r"\b" + lang.alternation("frames", name).replace("{MONTH}", _MONTH_NAMES) + r"\b", re.I)


_BACKGROUND = _marker("BACKGROUND")
_AGGREGATE = _marker("AGGREGATE")
_NEW_INCIDENT = re.compile(r"^\s*" + lang.alternation("frames", "NEW_INCIDENT") + r"\b"
                           + r"|\b" + lang.alternation("frames", "NEW_INCIDENT_INSIDE") + r"\b", re.I)
_ATTRIBUTION = re.compile(r"\b" + lang.alternation("frames", "ATTRIBUTION"), re.I)
# Verb forms: the sentence reports an act, not only names one.
_ACT_VERB = _marker("ACT_VERBS")


@dataclass(frozen=True)
class Frame:
    """What one sentence says; offsets of mentions are relative to ``text``."""

    index: int
    text: str
    is_title: bool
    cues: dict[str, list[tuple[int, int]]]
    casualties: tuple[Casualty, ...] = ()
    dates: tuple[DateMention, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    countries: tuple[str, ...] = ()
    background: bool = False
    aggregate: bool = False
    opens_incident: bool = False
    attribution: bool = False
    acts: bool = False
    hints: tuple[str, ...] = ()  # the article's countries, most named first
    date_only: bool = False  # a sentence kept only because it dates the event before it

    @property
    def family(self) -> str | None:
        """The broad kind of happening the sentence's cues point at."""
        cues = set(self.cues)
        if cues & DISASTER and not cues & {"attack", "clash", "suicide", "ied", "air", "shelling", "abduct"}:
            return "disaster"
        if cues & (VIOLENCE - {"kill"}) or (cues & {"kill"} and self.killed):
            return "conflict"
        if cues & DEMONSTRATION:
            return "demonstration"
        if cues & STRATEGIC:
            return "strategic"
        return None

    @property
    def killed(self) -> list[Casualty]:
        return [c for c in self.casualties if c.kind == "killed"]

    @property
    def event_dates(self) -> list[DateMention]:
        """Dates that can date the event (not the reporting, not a 'since')."""
        return [d for d in self.dates if not d.reporting and not d.since]


def classify_background(text: str, dates: list[DateMention], published: dt.date | None) -> bool:
    """Is the sentence past context rather than news?

    >>> from harmattan.extract.dates import find_dates
    >>> s = "Mali's junta, which seized power in coups in 2020 and 2021, expelled French troops."
    >>> classify_background(s, find_dates(s, dt.date(2024, 9, 18)), dt.date(2024, 9, 18))
    True
    """
    if _BACKGROUND.search(text):
        return True
    own = [d for d in dates if not d.reporting]
    recent = [d for d in own if d.kind in ("weekday", "relative", "night", "dmy", "mdy", "iso")]
    old = [d for d in own if d.kind in ("year", "month")]
    if published is not None:
        recent = [d for d in recent if d.date is None or (published - d.date).days <= 120]
        stale = [d for d in own if d.date is not None and (published - d.date).days > 120]
        if stale and not recent:
            return True
        old = [d for d in old if d.date is not None and (
            (published - d.date).days > 60 and (d.date.year < published.year or d.kind == "month"))]
    return bool(old) and not recent


def is_aggregate(text: str) -> bool:
    return bool(_AGGREGATE.search(text))


def opens_incident(text: str) -> bool:
    return bool(_NEW_INCIDENT.search(text))


_DISCOVERY = re.compile(lang.alternation("frames", "DISCOVERY"), re.I)


def reports_discovery(text: str) -> bool:
    """Does the sentence report victims found (its date is the finding's)?

    >>> reports_discovery("Le guide a été retrouvé mort vendredi."), reports_discovery("Gunmen killed five on Friday.")
    (True, False)
    """
    return bool(_DISCOVERY.search(text))


def is_attribution(text: str) -> bool:
    return bool(_ATTRIBUTION.search(text))


def reports_act(text: str) -> bool:
    return bool(_ACT_VERB.search(text))
