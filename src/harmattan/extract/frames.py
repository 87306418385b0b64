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
from dataclasses import dataclass, field

from ..records import ActorMention, PlaceMention
from .casualties import Casualty
from .dates import DateMention
from .triggers import DEMONSTRATION, DISASTER, STRATEGIC, VIOLENCE

_BACKGROUND = re.compile(
    r"\b(?:has\s+long\s+been|have\s+long\s+been|has\s+often|have\s+often|often\s+used|has\s+been\s+(?:battling|fighting|waging)|"
    r"ha(?:s|ve)\s+become\s+common|whose\s+insurgency|insurgency\s+began|dates\s+(?:back\s+)?to|since\s+(?:19|20)\d\d|"
    r"historically|for\s+years|for\s+decades|in\s+the\s+past\s+decade|over\s+the\s+past\s+decade|"
    r"depuis\s+(?:19|20)\d\d|depuis\s+des\s+ann[ée]es|a\s+souvent|ont\s+souvent|avaient\s+d[ée]j[àa]|avait\s+d[ée]j[àa]|"
    r"dont\s+l'insurrection|a\s+commenc[ée]\s+en|fait\s+face\s+depuis)\b",
    re.I,
)
_AGGREGATE = re.compile(
    r"\b(?:(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+)?(?:weeks|months|days)|in\s+recent\s+(?:weeks|months)|"
    r"so\s+far\s+this\s+year|since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|month)|attacks\s+across|"
    r"ces\s+derni[èe]res\s+semaines|au\s+cours\s+des\s+derni[èe]res?\s+(?:semaines|mois)|depuis\s+le\s+d[ée]but\s+de\s+l'ann[ée]e|"
    r"(?:since|depuis)\s+(?:early\s+|late\s+|mid-|the\s+end\s+of\s+|d[ée]but\s+|fin\s+|la\s+mi-)?"
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre))\b",
    re.I,
)
_NEW_INCIDENT = re.compile(
    r"^\s*(?:one\s+such\s+(?:attack|incident)|in\s+(?:another|a\s+separate|a\s+second)\s+(?:attack|incident)|separately|elsewhere|"
    r"meanwhile|in\s+a\s+separate|another\s+attack|a\s+second\s+attack|dans\s+une\s+autre\s+attaque|par\s+ailleurs|ailleurs|"
    r"lors\s+d'une\s+autre\s+attaque|une\s+autre\s+attaque)\b",
    re.I,
)
_ATTRIBUTION = re.compile(
    r"\b(?:claimed\s+responsibility|claimed\s+the\s+attack|blamed|attributed|revendiqu|imput[ée]|attribu[ée]|accus[ée])",
    re.I,
)
# Verb forms: the sentence reports an act, not only names one.
_ACT_VERB = re.compile(
    r"\b(?:killed|kills?|killing|attacked|attacks|stormed|ambushed|raided|abducted|kidnapped|abducts?|kidnaps?|bombed|"
    r"exploded|detonated|clashed|fought|overran|captured|seized|retook|recaptured|struck|hit|targeted|opened\s+fire|shot|"
    r"(?:took|taken|seized|regained|retaken)\s+(?:back\s+)?control|"
    r"died|dead|flooded|swept|destroyed|burned|torched|announced|withdrew|withdrawn|arrested|detained|signed|"
    r"fired|disperse[ds]?|protest(?:ed|ing)|marched|demonstrated|rallied|rioted|looted|lynched|"
    r"manifest[ée]|ont\s+manifest[ée]|dispers[ée]|overthrew|ousted|toppled|deposed|renvers[ée]|"
    r"ont\s+attaqu[ée]|a\s+attaqu[ée]|attaqu[ée]|tu[ée]e?s|tuant|enlev[ée]e?s|ont\s+enlev[ée]|ont\s+tu[ée]|"
    r"se\s+sont\s+fait\s+exploser|s'[ée]taient\s+fait\s+exploser|a\s+explos[ée]|ont\s+explos[ée]|pris\s+le\s+contr[ôo]le|"
    r"revendiqu[ée]e?|annonc[ée]|arr[êe]t[ée]s?|interpell[ée]s?|ravag[ée]|emport[ée])\b",
    re.I,
)


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
    extras: dict = field(default_factory=dict)

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
        old = [d for d in old if d.date is not None and (published - d.date).days > 60 and d.date.year < published.year]
    return bool(old) and not recent


def is_aggregate(text: str) -> bool:
    return bool(_AGGREGATE.search(text))


def opens_incident(text: str) -> bool:
    return bool(_NEW_INCIDENT.search(text))


def is_attribution(text: str) -> bool:
    return bool(_ATTRIBUTION.search(text))


def reports_act(text: str) -> bool:
    return bool(_ACT_VERB.search(text))
