"""Group an article's sentence frames into incidents.

An article usually reports one incident (headline + lead + details), but an
editorial may mention several (a withdrawal, a sum of attacks over weeks, one
bombing "just days before"), and background paragraphs mention old ones.
Rules (written down in ``docs/extraction.md``):

* a *strong* frame (a reported act with a toll, a place, a date or an armed
  actor) may open an incident; a *weak* one (a nominal mention, an
  attribution, a figure update) only joins the latest compatible incident;
* a frame joins the latest incident of a compatible family unless its date
  or its town conflicts, it sums several incidents, or it says it opens a new
  one ("One such attack", "Par ailleurs");
* background frames never join news incidents;
* a sum of incidents that gives no figure is a trend, not an event.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field

from .frames import Frame, reports_discovery
from .triggers import EXPLOSION

_FAMILY_OK = {
    ("conflict", "conflict"), ("disaster", "disaster"), ("demonstration", "demonstration"),
    ("strategic", "strategic"), ("conflict", "demonstration"), ("demonstration", "conflict"),
    ("conflict", "strategic-weak"),
}
_DATE_KINDS = ("iso", "dmy", "mdy", "night", "weekday")


@dataclass
class Incident:
    frames: list[Frame] = field(default_factory=list)
    aggregate: bool = False
    background: bool = False

    @property
    def family(self) -> str | None:
        for f in self.frames:
            if f.family:
                return f.family
        return None

    def anchor_dates(self):
        return [d for f in self.frames for d in f.event_dates if d.kind in _DATE_KINDS and d.date]

    def localities(self):
        return [m for f in self.frames for m in f.places if m.place.kind == "locality"]


def _has_armed_actor(frame: Frame) -> bool:
    return any(m.actor.actor_type not in ("Civilians", "Protesters") for m in frame.actors)


def is_strong(frame: Frame, first_body: bool) -> bool:
    """Can this frame open an incident of its own?"""
    if frame.background:
        return False
    family = frame.family
    hurt = [c for c in frame.casualties if c.kind in ("killed", "injured", "abducted") and c.value > 0]
    local = any(m.place.kind in ("locality", "admin1", "admin2") for m in frame.places)
    dated = any(d.date for d in frame.event_dates)
    if family == "conflict":
        if hurt:
            return True
        if (frame.is_title or first_body) and local and set(frame.cues) - {"kill"}:
            return True
        return (frame.acts or frame.is_title) and (_has_armed_actor(frame) and (local or dated or frame.is_title or first_body))
    if family == "disaster":
        return bool(hurt) or ((frame.acts or frame.is_title) and (local or dated))
    if family == "demonstration":
        # "Protests on 3 and 4 May kept Niamey on edge": a dated protest in a named place is news.
        return ((frame.acts or frame.is_title) and (local or dated or bool(frame.actors))) or (dated and local)
    if family == "strategic":
        named = [m for m in frame.actors if m.actor.actor_type not in ("Civilians",) and not m.actor.name.startswith("Unidentified")]
        # A dated step by a named actor is news even without an act verb ("completed its withdrawal on Monday").
        if named and ((frame.acts or frame.is_title) and (frame.is_title or first_body or dated or local)
                      or (dated and (local or first_body))):
            return True
        if named and frame.acts and "coup" in frame.cues:
            return True  # a seizure of power by a named force is news whenever it is told
        # An arrest needs no named actor: the state's police is implied ("he was arrested at his home on Friday").
        if "arrest" in frame.cues and (frame.acts or frame.is_title) and dated and (local or first_body):
            return True
        # Armed men wrecking a place on a given day ("on Sunday armed men burnt down the health centre").
        return "looting" in frame.cues and dated and _has_armed_actor(frame)
    return False


def _km(a, b) -> float:
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dp, dl = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _date_conflicts(incident: Incident, frame: Frame) -> bool:
    if reports_discovery(frame.text):
        return False  # victims found days later belong to the incident that killed them
    mine = [d.date for d in frame.event_dates if d.kind in _DATE_KINDS and d.date]
    theirs = [d.date for d in incident.anchor_dates()]
    # A night attack spans two days; steps of a withdrawal or a take-over are told day by day.
    slack = 0 if "strategic" in (frame.family, incident.family) else 1
    return bool(mine and theirs and min(abs((a - b).days) for a in mine for b in theirs) > slack)


def _conflicts(incident: Incident, frame: Frame) -> bool:
    if _date_conflicts(incident, frame):
        return True
    here = [m for m in frame.places if m.place.kind == "locality" and m.place.latitude is not None]
    there = [m for m in incident.localities() if m.place.latitude is not None]
    if here and there:
        names = {m.place.name for m in there}
        if not any(m.place.name in names for m in here):
            nearest = min(_km((a.place.latitude, a.place.longitude), (b.place.latitude, b.place.longitude))
                          for a in here for b in there)
            if nearest > 40:
                return True
            # Two villages each named as a scene ("attacked the village of X") are two incidents,
            # however close; a place named as a landmark ("near Y") is not a scene.
            if nearest > _SCENE_KM and any(getattr(a, "cue", None) in _SCENE_CUES for a in here) and any(
                    getattr(b, "cue", None) in _SCENE_CUES for b in there):
                return True
    return False


_SCENE_CUES = frozenset({"settlement", "prep", "commune"})
_SCENE_KM = 10.0


def _new_means(incident: Incident, frame: Frame) -> bool:
    """An air strike told after a ground fight ("the air component also struck ...") is an event of its own.

    ACLED codes air and drone strikes apart from the battles around them; only a frame whose own
    cues are of the air, after a told fight with no strike or explosion in it, opens one.
    """
    return "air" in frame.cues and not any(set(f.cues) & EXPLOSION for f in incident.frames) and any(
        f.family == "conflict" and not f.is_title for f in incident.frames)


def _compatible(incident: Incident, frame: Frame) -> bool:
    mine, theirs = frame.family, incident.family
    if mine is None or theirs is None:
        return True
    if (theirs, mine) in _FAMILY_OK:
        return True
    return False


def group_incidents(frames: list[Frame]) -> list[Incident]:
    """Group frames (title first, then body in order) into incidents."""
    news: list[Incident] = []
    background: list[Incident] = []
    first_body_seen = False
    last: tuple[Frame, Incident] | None = None  # the latest frame kept in a news incident, and that incident
    # Frames the next sentence dates ("... after an attack on the army. It was on Saturday 15 April, at X.")
    dated_by_next = {f.index for f, g in zip(frames, frames[1:])
                     if g.date_only and g.index == f.index + 1 and any(d.date for d in g.event_dates)}
    for frame in frames:
        first_body = not frame.is_title and not first_body_seen
        if not frame.is_title:
            first_body_seen = True
        if frame.background:
            if frame.family and (frame.casualties or frame.acts):
                background.append(Incident([frame], background=True))
            continue
        strong = is_strong(frame, first_body) or (
            frame.opens_incident and frame.family == "conflict" and frame.index in dated_by_next
            and _has_armed_actor(frame) and not frame.background)
        target = None
        for incident in reversed(news):
            if _compatible(incident, frame):
                target = incident
                break
        sequel = None
        if not strong and last is not None and last[0].index == frame.index - 1:
            sequel = _sequel(last[0], last[1], frame)
        if sequel is not None:
            news.append(sequel)
            last = (frame, sequel)
            continue
        if strong:
            opens = (
                target is None
                or frame.opens_incident
                or (frame.aggregate and not target.aggregate)
                or (target.aggregate and not frame.aggregate and not frame.is_title)
                or (_conflicts(target, frame) and not all(f.is_title for f in target.frames))
                or _new_means(target, frame)
            )
            if opens:
                news.append(Incident([frame], aggregate=frame.aggregate))
            else:
                target.frames.append(frame)
            last = (frame, news[-1] if opens else target)
        elif target is not None and not target.aggregate and not _date_conflicts(target, frame):
            # A weak frame adds detail; places it names in passing ("travelling between Boni and
            # Torodi") do not keep it out, a different date does ("the deadliest since July 26").
            target.frames.append(frame)
            last = (frame, target)
        elif target is not None and target.aggregate and frame.family is None:
            target.frames.append(frame)
            last = (frame, target)
    news = [part for incident in news if not _trend(incident) for part in split_towns(incident)]
    return news + background


def _trend(incident: Incident) -> bool:
    """A sum of incidents with no figure ("ISWAP has stepped up its attacks in recent months") is a trend, not news.

    A round-up that counts ("three attacks killed 40 this week") stays, flagged as an aggregate.
    """
    return incident.aggregate and not any(c.value > 0 for f in incident.frames for c in f.casualties)


def _sequel(previous: Frame, incident: Incident, frame: Frame) -> Incident | None:
    """An act of violence told right after a dated act of another kind, as its sequel, is an incident of its own then.

    "On Tuesday the terrorists broke into the camp and wrecked it. They were neutralised by the
    army's aircraft": the strike cannot join the looting (another family) and names no day or
    place of its own; it happened that day, there. The sentence before it is kept as a dating
    sentence of the new incident (no cues, places, figures or actors of its own); the place comes
    from the incident before (:func:`harmattan.extract.coding.inherit_place`).
    """
    if (frame.family != "conflict" or not frame.acts or not _has_armed_actor(frame)
            or incident.family in (None, "conflict") or incident.background or incident.aggregate
            or not any(d.date for d in previous.event_dates)):
        return None
    dating = dataclasses.replace(previous, cues={}, casualties=(), places=(), actors=(), is_title=False, date_only=True)
    return Incident([frame, dating])


def _scene_towns(frame: Frame) -> list:
    """The distinct towns a sentence names as scenes ("in X", "à X"), in text order."""
    out: list = []
    for m in frame.places:
        if (m.place.kind == "locality" and m.place.latitude is not None and getattr(m, "cue", None) in _SCENE_CUES
                and all(m.place.name != o.place.name and _km((m.place.latitude, m.place.longitude),
                                                              (o.place.latitude, o.place.longitude)) > _SCENE_KM
                        for o in out)):
            out.append(m)
    return out


def split_towns(incident: Incident) -> list[Incident]:
    """Protests told in several towns in one sentence are one event per town, as ACLED codes them.

    "Demonstrations took place in Lagos and in Kano": the first town keeps the incident's other
    sentences and its toll; each other town gets the sentence that names it and the others' day and
    manner (tear gas, shots), but no toll (a toll told once cannot be shared out). Only a sentence
    about demonstrations splits: an attack "in X and Y" may be one raid.
    """
    if incident.aggregate or incident.background:
        return [incident]
    at = next(((k, towns) for k, f in enumerate(incident.frames) if not f.is_title and f.family == "demonstration"
               for towns in [_scene_towns(f)] if len(towns) > 1
               and len({m.place.country_code for m in towns}) == 1), None)
    if at is None:
        return [incident]
    k, towns = at
    frame = incident.frames[k]
    others = towns[1:]
    first = Incident([dataclasses.replace(f, places=tuple(m for m in f.places if m not in others)) if i == k else f
                      for i, f in enumerate(incident.frames)])
    # The wave's other sentences tell its day and how it went (tear gas, deaths), not its place or its
    # toll: their deaths stay as killings of no known number in the other towns.
    rest = [dataclasses.replace(f, places=(), casualties=tuple(
                dataclasses.replace(c, value=0, low=0, high=None, unknown=True) for c in f.killed))
            for i, f in enumerate(incident.frames) if i != k and not f.is_title]
    parts = [first]
    for town in others:
        here = dataclasses.replace(frame, places=tuple(m for m in frame.places if m is town or m.place.kind != "locality"),
                                   casualties=())
        parts.append(Incident([here, *rest]))
    return parts
