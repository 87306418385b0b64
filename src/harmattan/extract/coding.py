"""Code an incident as ACLED codes an event: type, actors, place, date, toll.

Pure functions from an :class:`~harmattan.extract.incidents.Incident` (and
the article it came from) to an :class:`~harmattan.records.Event` carrying one
source. Conventions are ACLED's where it has one (lowest credible toll for
conflicting sources, attackers' and victims' deaths both counted, vague
counts as figures) and are written down in ``docs/extraction.md``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re

from .. import lang
from ..actors import ActorKB
from ..knowledge import Knowledge
from ..places import SEAT_PROMINENCE, best_location, extract_places
from ..records import ActorMention, Article, Event, Evidence, Place, PlaceMention, SourceRef
from .article import article_sentences
from .casualties import Casualty
from .frames import reports_discovery
from .incidents import Incident
from .triggers import EXPLOSION, STRATEGIC

def _words(name: str) -> str:
    return lang.alternation("coding", name)


# Places and units that make an attack one on the security forces (the people are counted by casualties).
_MILITARY_TARGET = re.compile(rf"\b{_words('MILITARY_TARGET')}\b", re.I)
_CIVILIAN_TARGET = re.compile(rf"\b{_words('CIVILIAN_TARGET')}\b", re.I)
_MOSTLY_CIVILIANS = re.compile(rf"\b{_words('MOSTLY_CIVILIANS')}", re.I)
_GROUND = re.compile(rf"\b{_words('GROUND')}\b", re.I)
_OUTSKIRTS = re.compile(rf"\b{_words('OUTSKIRTS')}\b", re.I)
_NOT_THE_SCENE = re.compile(rf"\b{_words('NOT_THE_SCENE')}\s+(?:{_words('ARTICLES')}\s*)?(?:[\w'-]+\s+){{0,3}}$", re.I)
_UNCLAIMED = re.compile(rf"\b{_words('UNCLAIMED')}", re.I)
_CAPITAL = re.compile(rf"\b{_words('CAPITAL_CUES')}", re.I)
_FORCE_ON_CROWD = re.compile(rf"\b{_words('FORCE_ON_CROWD')}", re.I)
_INTERVENTION = re.compile(rf"\b{_words('INTERVENTION')}", re.I)
_ATTEMPT = re.compile(rf"\b{_words('ATTEMPT')}", re.I)
_STATE_TARGET_BEFORE = re.compile(rf"\b{_words('STATE_TARGET_BEFORE')}\s+(?:[\w'’-]+\s+){{0,3}}$", re.I)
_REPELLED = re.compile(rf"\b{_words('REPELLED')}", re.I)
_DATE_RANK = {"iso": 0, "dmy": 0, "mdy": 0, "night": 0, "weekday": 1, "relative": 2, "month": 3, "year": 4}
_DISASTER_SUB = {"flood": "Flood", "drought": "Drought", "epidemic": "Epidemic", "storm": "Storm", "fire": "Fire"}


_SPEAKER_AFTER = re.compile(rf"^\s*(?:'s\s+)?(?:{_words('SPEAKER_NOUNS')}\s*)?{_words('SPEAKER_VERBS')}\b", re.I)
_SPEAKER_BEFORE = re.compile(rf"(?:\b{_words('SPEAKER_BEFORE')}|[:\u2014]|\s-)\s*(?:{_words('ARTICLES')}\s*)?$", re.I)
_ACTS_AFTER = re.compile(rf"\b{_words('ACTS_AFTER')}", re.I)
_MOB = re.compile(rf"\b{_words('MOB')}", re.I)


def is_speaker(mention: ActorMention, text: str) -> bool:
    """Is a state actor only the source of the report ("..., police said", "Gunmen kill 5: police")?

    Armed groups that speak ("JNIM said it had killed...") are still the perpetrators.
    """
    if mention.actor.actor_type != "State forces":
        return False
    after = text[mention.end:mention.end + 200]
    if _SPEAKER_AFTER.match(after):
        return True
    if _SPEAKER_BEFORE.search(text[max(0, mention.start - 80):mention.start]) and not _ACTS_AFTER.search(after[:40]):
        return True
    return False


def _participants(incident: Incident) -> list[tuple[ActorMention, str, bool]]:
    """Actor mentions that take part (speakers left out), with their sentence and attribution flag."""
    return [(m, f.text, f.attribution) for f in incident.frames for m in f.actors if not is_speaker(m, f.text)]


def _cues(incident: Incident) -> set[str]:
    return {c for f in incident.frames for c in f.cues}


def _killed(incident: Incident) -> list[Casualty]:
    return [c for f in incident.frames for c in f.killed]


def _text(incident: Incident) -> str:
    return " ".join(f.text for f in incident.frames)


def classify(incident: Incident) -> tuple[str, str, bool]:
    """(event_type, sub_event_type, civilian_targeting) of an incident."""
    cues = _cues(incident)
    text = _text(incident)
    family = incident.family
    groups = {c.group for c in _killed(incident) if c.value > 0 or c.unknown} | {
        c.group for f in incident.frames for c in f.casualties if c.kind == "injured"}
    actors = [m.actor for m, _, _ in _participants(incident)]
    state = any(a.actor_type == "State forces" for a in actors)
    civilian_words = bool(_CIVILIAN_TARGET.search(text)) or bool(_MOSTLY_CIVILIANS.search(text))
    armed = any(a.actor_type in ("Rebel groups", "Political militias", "Identity militias") for a in actors)
    # Security forces are hit when their dead are counted, a military place is attacked, or they
    # face an armed group in the report ("Troops, Boko Haram fight"); a soldier alone is a perpetrator.
    security_hit = "security" in groups or bool(_MILITARY_TARGET.search(text)) or (state and armed)
    if family == "disaster":
        sub = next((_DISASTER_SUB[c] for c in ("flood", "drought", "epidemic", "storm", "fire") if c in cues), "Other")
        return "Disaster", sub, False
    if family == "strategic":
        head = _head_cues(incident)
        # The headline and lead say what happened; later sentences add context ("he had left the party").
        cues = (head & STRATEGIC) or cues
        if "coup" in cues and _ATTEMPT.search(text):
            # A coup that failed or was only planned: its arrests are the event, else "Other".
            sub = "Arrests" if "arrest" in cues else "Other"
        elif cues & {"coup", "withdraw", "surrender"}:
            sub = "Change to group/activity"
        elif "agreement" in cues:
            sub = "Agreement"
        elif "arrest" in cues:
            sub = "Arrests"
        elif "base" in cues:
            sub = "Headquarters or base established"
        elif "looting" in cues:
            sub = "Looting/property destruction"
        elif "weapons" in cues:
            sub = "Disrupted weapons use"
        else:
            sub = "Other"
        return "Strategic developments", sub, False
    protest_head = "protest" in _head_cues(incident)
    if "protest" in cues and (protest_head or not armed) and not cues & (EXPLOSION - {"air"}) and (
            _FORCE_ON_CROWD.search(text) or (protest_head and groups <= {"civilians", "people"})):
        # Force used on a crowd of protesters: a protest met with excessive force, not an attack.
        if _killed(incident) or _FORCE_ON_CROWD.search(text) or (state and cues & {"attack", "kill"}):
            return "Protests", "Excessive force against protesters", True
    if ("protest" in cues and "riot" not in cues and not armed and _killed(incident)
            and not cues & (EXPLOSION | {"attack", "clash", "abduct"})
            and groups <= {"civilians", "people"}):
        # Deaths counted at a protest where no armed group is named: the force used on the crowd.
        return "Protests", "Excessive force against protesters", True
    if family == "demonstration" and not (groups or cues & {"attack", "clash"}):
        if "riot" in cues:
            mob = bool(_MOB.search(text))
            return "Riots", "Mob violence" if mob else "Violent demonstration", mob
        if _killed(incident) or _FORCE_ON_CROWD.search(text):
            return "Protests", "Excessive force against protesters", True
        if _INTERVENTION.search(text):
            return "Protests", "Protest with intervention", False
        return "Protests", "Peaceful protest", False
    lead = _lead(incident)
    head = _head_cues(incident)
    explosive = head & EXPLOSION
    if "suicide" in head:
        return "Explosions/Remote violence", "Suicide bomb", civilian_words and not ("security" in groups)
    if (("air" in head and ((head & EXPLOSION) - {"air"} or head & {"kill", "attack"})) or ("air" in cues and "ied" in head)) \
            and not _GROUND.search(lead.text):
        # An aircraft or a drone named where the violence is told: the strike came from the air.
        return "Explosions/Remote violence", "Air/drone strike", "civilians" in groups or (civilian_words and "attackers" not in groups)
    if explosive and (set(lead.cues) & explosive) and not _GROUND.search(lead.text):
        sub = ("Shelling/artillery/missile attack" if "shelling" in explosive else
               "Grenade" if "grenade" in explosive else "Remote explosive/landmine/IED")
        # A bomb does not choose who searches for its layers: civilians hit where no force or military
        # place was (a passenger train, a market) are its targets, whoever hunts the bombers afterwards.
        return "Explosions/Remote violence", sub, civilian_words and "security" not in groups and not _MILITARY_TARGET.search(text)
    abducted = [c for f in incident.frames for c in f.casualties if c.kind == "abducted" and c.value > 0]
    if "abduct" in head and abducted and "security" not in groups and not _killed(incident):
        return "Violence against civilians", "Abduction/forced disappearance", True
    if "jailbreak" in cues and cues & {"attack", "clash"}:
        # Armed men breaking into a prison fight its guards: a battle, whoever died inside.
        return "Battles", "Armed clash", False
    if "clash" in cues and not ("civilians" in groups and "security" not in groups):
        return "Battles", _battle_sub(incident, cues), bool(_MOSTLY_CIVILIANS.search(text))
    if state and "civilians" not in groups and (_REPELLED.search(text) or _state_targeted(incident)):
        # Security forces attacked, or an attack fought off: a battle, whoever else lives nearby.
        return "Battles", _battle_sub(incident, cues), False
    if _MOSTLY_CIVILIANS.search(text) or ("civilians" in groups and "security" not in groups):
        if "abduct" in cues and not _killed(incident):
            return "Violence against civilians", "Abduction/forced disappearance", True
        return "Violence against civilians", "Attack", True
    if "security" in groups or (security_hit and not civilian_words):
        return "Battles", _battle_sub(incident, cues), False
    if "abduct" in cues:
        return "Violence against civilians", "Abduction/forced disappearance", True
    if "sexual" in cues:
        return "Violence against civilians", "Sexual violence", True
    if "attackers" in groups and (state or not groups - {"attackers"}):
        return "Battles", _battle_sub(incident, cues), False
    if security_hit and civilian_words and state:
        return "Battles", _battle_sub(incident, cues), False
    if groups or civilian_words or "kill" in cues:
        return "Violence against civilians", "Attack", True
    if "looting" in cues and not state and "clash" not in cues:
        # Property attacked (a pipeline sabotaged, shops burnt) with nobody hurt and no force met.
        return "Strategic developments", "Looting/property destruction", False
    return "Battles", _battle_sub(incident, cues), False


def _state_targeted(incident: Incident) -> bool:
    """Is a state force the object of the attack ("an attack that targeted the army and the VDP")?"""
    for f in incident.frames:
        for m in f.actors:
            if m.actor.actor_type == "State forces" and _STATE_TARGET_BEFORE.search(f.text[max(0, m.start - 60):m.start]):
                return True
    return False


def _taker_is_state(incident: Incident) -> bool:
    """Is the actor named just before the take-over verb ("Malian troops took control of Kidal") the state's?"""
    for f in incident.frames:
        for start, _ in f.cues.get("overtake", ()):
            before = [m for m in f.actors if m.end <= start]
            if before:
                return max(before, key=lambda m: m.end).actor.actor_type == "State forces"
    return False


def _lead(incident: Incident):
    """The first sentence that reports the violence (else the first of the incident)."""
    return next((f for f in incident.frames if f.family == "conflict"), incident.frames[0])


def _head_cues(incident: Incident) -> set[str]:
    """Cues of the headline and the lead: how the violence was done is read there, not from side
    details ("...with the support of drone strikes in the days before")."""
    lead = _lead(incident)
    return {c for f in incident.frames if f.is_title or f is lead for c in f.cues}


def _battle_sub(incident: Incident, cues: set[str]) -> str:
    cues = _head_cues(incident) or cues  # headline and lead first (a later "retook the town" is an aftermath)
    if "regain" in cues or ("overtake" in cues and _taker_is_state(incident)):
        return "Government regains territory"
    if "overtake" in cues:
        return "Non-state actor overtakes territory"
    return "Armed clash"


def consolidate_killed(casualties: list[Casualty]) -> tuple[int | None, int | None, int | None]:
    """(fatalities, low, high) from one report's death figures.

    Perpetrators' claims count only when nothing else is reported; a revised
    toll wins; precise figures beat vague ones; attackers' deaths are added
    to victims' as ACLED does.

    >>> from harmattan.extract.casualties import extract_casualties as x
    >>> consolidate_killed(x("Plus de 100 soldats ont été tués") + x("le JNIM affirme avoir tué 107 militaires"))
    (100, 100, 107)
    """
    casualties = [c for c in casualties if not c.unknown]  # deaths told without a figure give no toll
    if not casualties:
        return None, None, None
    if all(c.value == 0 for c in casualties):
        return 0, 0, 0
    counted = [c for c in casualties if c.value > 0 and not c.subset] or [c for c in casualties if c.value > 0]
    counted = [c for c in counted if not c.earlier] or counted
    credible = [c for c in counted if not c.claim and not c.unofficial] or [c for c in counted if not c.claim] or counted
    updates = [c for c in credible if c.update]
    highs = [c.high if c.high is not None else c.value for c in counted]
    if updates:
        best = max(updates, key=lambda c: c.value)
        return best.value, min(c.low for c in updates), max(highs + [best.value])
    def best_of(group_filter) -> int:
        # Within one group a precise figure beats a vague one ("dozens killed" then "at least 70").
        mine = [c for c in credible if group_filter(c.group)]
        values = [c.value for c in mine if not c.vague] or [c.value for c in mine]
        # Later figures of one group are often partial (one site, one day): the largest credible one.
        return max(values) if values else 0

    precise = [c for c in credible if not c.vague] or credible

    attackers = best_of(lambda g: g == "attackers")
    people = best_of(lambda g: g == "people")
    specific = best_of(lambda g: g == "security") + best_of(lambda g: g == "civilians")
    victims = max(people, specific)
    if victims and all(c.vague for c in credible if c.group == "attackers"):
        attackers = 0  # "12 soldiers killed and several attackers neutralised": no figure to add
    total = victims + attackers if (victims and attackers and people != attackers) else max(victims, attackers)
    low = min(c.low for c in precise)
    return total, min(low, total), max(highs + [total])


def _best_count(incident: Incident, kind: str) -> int | None:
    values = [c.value for f in incident.frames for c in f.casualties if c.kind == kind and not c.claim]
    return max(values) if values else None


# Dates told relative to the report's day ("on Tuesday", "yesterday"): as sure as that day is.
_RELATIVE_KINDS = frozenset({"weekday", "relative", "night"})


def choose_date(incident: Incident, published: dt.date | None, published_from: str | None = None):
    """(date, date_end, precision, evidence sentence).

    A date told relative to a report whose day is known only by its month (a ``/2024/09/`` URL)
    is only as precise as that month.
    """
    best = None
    for f in incident.frames:
        # The day victims were found dates the finding; the event's own date wins where the text gives it.
        found = reports_discovery(f.text) if f.event_dates else False
        for d in f.event_dates:
            if d.date is None:
                continue
            key = (found, f.date_only, _DATE_RANK.get(d.kind, 5), 0 if f.acts else 1)
            if best is None or key < best[0]:
                best = (key, d, f.text)
    if best is not None:
        d = best[1]
        if published_from == "url-month" and d.kind in _RELATIVE_KINDS:
            return d.date, d.date_end, "month", best[2]
        return d.date, d.date_end, d.precision, best[2]
    if published is not None:
        return published - dt.timedelta(days=1), None, "week", None
    return None, None, "year", None


def lead_place(article: Article, knowledge: Knowledge, country: str, region: Place | None):
    """(place, precision, sentence) of a town the title or the first two sentences name, or None.

    Only a town of the incident's country, inside its region when one is known, named with a cue
    ("à Bounti", "the village of X"), smaller than a regional capital (where things are announced)
    and not the namesake of a bigger town: the lead of a report sets its scene.
    """
    hints = (country,)
    gaz = knowledge.gazetteer

    def small_and_unique(m: PlaceMention) -> bool:
        # A capital is where things are announced; a town whose name a bigger town bears is doubtful.
        mine = gaz.prominence(m.place)
        return mine < SEAT_PROMINENCE and all(gaz.prominence(p) <= mine for p in gaz.lookup(m.surface, country, kind="locality"))

    for sentence, _ in article_sentences(article)[:3]:
        mentions = [m for m in extract_places(sentence, hints, gazetteer=gaz)
                    if m.place.country_code == country and m.place.kind == "locality"
                    and getattr(m, "cue", None) in _SCENE_CUES
                    and (region is None or region.kind != "admin1" or m.place.admin1 == region.admin1)
                    and small_and_unique(m)]
        if mentions:
            place, precision = best_location(mentions)
            if place is not None:
                return place, precision, sentence
    return None


_SCENE_CUES = frozenset({"prep", "settlement", "commune", "near", "feature", "facility"})


def _place_mentions(incident: Incident) -> list[tuple[PlaceMention, str]]:
    out = []
    for f in incident.frames:
        for m in f.places:
            before = f.text[max(0, m.start - 120):m.start]
            if _NOT_THE_SCENE.search(before):
                continue
            if getattr(m, "cue", None) == "dateline" and not f.is_title:
                continue  # "KANO, Nigeria -": where the report was filed, not where the event happened
            out.append((m, f.text))
    return out


def choose_place(incident: Incident, hints: tuple[str, ...]):
    """(place, geo_precision, evidence sentence, country code)."""
    mentions = _place_mentions(incident)
    # A town of another country than the incident's own is a gazetteer homonym ("Boma" in Chad's Lac
    # province is not the Boma of Kebbi): drop it when places of the incident's country are named.
    named = [c for f in incident.frames for c in f.countries] + list(hints)
    if named:
        home = named[0]
        if not any(m.place.country_code == home and m.place.kind != "country" for m, _ in mentions) and any(
                m.place.country_code == c and m.place.kind != "country" for c in hints for m, _ in mentions):
            # Only the article's country has places named here ("American troops left their base in Niamey").
            home = next(c for c in hints if any(m.place.country_code == c and m.place.kind != "country" for m, _ in mentions))
        if any(m.place.country_code == home for m, _ in mentions):
            mentions = [(m, t) for m, t in mentions if m.place.kind == "country" or m.place.country_code == home]
    # A town named with its state or region ("the village of Mafa in Yobe state") must lie in it:
    # a homonym elsewhere gives way to the region itself.
    regions = {(m.place.country_code, m.place.admin1 or m.place.name) for m, _ in mentions if m.place.kind == "admin1"}
    if regions:
        mentions = [(m, t) for m, t in mentions if m.place.kind != "locality"
                    or not any(cc == m.place.country_code for cc, _ in regions)
                    or (m.place.country_code, m.place.admin1) in regions]
    if mentions:
        ordered = [m for m, _ in mentions]
        place, precision = best_location(ordered)
        if place is not None and place.kind == "country":
            # "Chad troops kill 50 fighters in Nigeria's Badam": the country after a locative wins.
            located = [m.place for m in ordered if m.place.kind == "country" and getattr(m, "cue", None) == "prep"]
            if located:
                place = located[0]
            # Countries named in passing ("Russian-linked", "French troops") do not move the event:
            # the article's own country wins when the incident names it too.
            named = [m.place.country_code for m in ordered]
            place = next((m.place for code in hints for m in ordered if m.place.country_code == code), place) if any(
                c in named for c in hints) else place
        if place is not None:
            sentence = next((t for m, t in mentions if m.place == place), mentions[0][1])
            for m, t in mentions:
                if m.place == place and _OUTSKIRTS.search(t[max(0, m.start - 30):m.start]):
                    precision = max(precision, 2)
            return place, precision, sentence, place.country_code
    for f in incident.frames:
        if f.countries:
            return None, 3, f.text, f.countries[0]
    if hints:
        return None, 3, None, hints[0]
    # Last resort: a group that operates in one country places the event there ("Boko Haram Kills 5").
    for f in incident.frames:
        for m in f.actors:
            if m.actor.country_code and m.actor.actor_type != "External/Other forces":
                return None, 3, f.text, m.actor.country_code
    return None, 3, None, None


def _armed_strike(incident: Incident) -> bool:
    """Does an armed group own the drone ("JNIM drone strike", "un drone du JNIM")?

    True when, in a sentence with an air cue and no state forces, an armed group is named within a
    few words of the cue.
    """
    for f in incident.frames:
        spans = f.cues.get("air", ())
        if not spans or any(m.actor.actor_type == "State forces" for m in f.actors):
            continue
        for m in f.actors:
            if m.actor.actor_type in ("Rebel groups", "Political militias") and not m.actor.name.startswith("Unidentified"):
                if any(abs(m.start - e) < 25 or abs(s - m.end) < 25 for s, e in spans):
                    return True
    return False


def choose_actors(incident: Incident, event_type: str, country: str | None, sub_event_type: str | None, kb: ActorKB):  # noqa: C901 (one ACLED rule per branch)
    """(actor1, actor2, assoc1, assoc2, suspected, evidence)."""
    mentions = _participants(incident)
    if event_type == "Disaster":
        return None, None, (), (), False, None
    text = _text(incident)
    def is_state(a):
        return a.actor_type == "State forces"
    def is_armed(a):
        return a.actor_type in ("Rebel groups", "Political militias", "Identity militias") and not is_state(a)
    named_armed = [(m, t, attr) for m, t, attr in mentions if is_armed(m.actor) and not m.actor.name.startswith("Unidentified")]
    generic_armed = [(m, t, attr) for m, t, attr in mentions if is_armed(m.actor) and m.actor.name.startswith("Unidentified")]
    states = [(m, t, attr) for m, t, attr in mentions if is_state(m.actor)]
    externals = [(m, t, attr) for m, t, attr in mentions if m.actor.actor_type == "External/Other forces"]
    civilians = [(m, t, attr) for m, t, attr in mentions if m.actor.actor_type == "Civilians"]
    others = [(m, t, attr) for m, t, attr in mentions if m.actor.actor_type in ("Protesters", "Rioters")]
    suspected = bool(_UNCLAIMED.search(text))
    if event_type in ("Protests", "Riots"):
        crowd = others[:1]
        actor1 = crowd[0][0].actor if crowd else kb_crowd(event_type, country, kb)
        actor2 = states[0][0].actor if states else None
        return actor1, actor2, (), (), False, crowd[0][1] if crowd else None
    if not mentions and not (event_type == "Strategic developments" and sub_event_type == "Arrests"):
        return None, None, (), (), False, None
    if event_type == "Strategic developments":
        first = (named_armed + externals + states + generic_armed + others)
        if not first:
            if sub_event_type == "Arrests":
                # Nobody named makes the arrest: the country's police did (ACLED's convention).
                return kb.country_actor("police", country), None, (), (), False, None
            return None, None, (), (), False, None
        m, t, _ = min(first, key=lambda x: (x[0].start if x[1] == first[0][1] else 10**6))
        return m.actor, None, (), (), m.suspected, t
    # Self-defence militias (VDP, vigilantes) are mostly the ones attacked beside the army:
    # they are perpetrators only when no other armed group is named.
    militias = [x for x in named_armed if x[0].actor.kind == "militia" and x[0].actor.actor_type != "Identity militias"]
    named_armed = [x for x in named_armed if x not in militias]
    security_dead = any(c.group == "security" for c in _killed(incident))
    perp = sorted(named_armed, key=lambda x: (not x[2],))[:1] or generic_armed[:1] or ([] if security_dead else militias[:1])
    if perp and perp[0] in militias:
        militias = [x for x in militias if x is not perp[0]]
    actor1 = perp[0][0].actor if perp else None
    evidence = perp[0][1] if perp else None
    if perp:
        suspected = suspected or perp[0][0].suspected
    actor2 = None
    assoc1: list[str] = []
    assoc2: list[str] = []
    if event_type == "Violence against civilians":
        actor2 = civilians[0][0].actor if civilians else None
        if actor1 is None and states:
            actor1 = states[0][0].actor
    elif sub_event_type == "Air/drone strike" and not _armed_strike(incident):
        # Air and drone strikes are the state's (only states fly here, unless the text says an armed
        # group's drone struck): the state is the actor, the targets (an armed group, civilians) the other side.
        state = states[0][0].actor if states else kb.country_actor("military", country)
        targets = [x for x in named_armed + generic_armed if x[0].actor is not state]
        actor1 = state
        actor2 = civilians[0][0].actor if civilians and not targets else (targets[0][0].actor if targets else None)
        evidence = states[0][1] if states else evidence
        suspected = False
    else:
        if states:
            actor2 = states[0][0].actor
        elif externals:
            actor2 = externals[0][0].actor
        elif civilians and event_type == "Explosions/Remote violence":
            actor2 = civilians[0][0].actor
        if actor1 is None and actor2 is not None and is_state(actor2) and named_armed == [] and generic_armed == []:
            actor1 = None
    if sub_event_type == "Government regains territory" and states:
        # The taker is actor 1: the state forces regain, the armed group loses the place.
        other = actor1 if actor1 is not None and not is_state(actor1) else None
        actor1, actor2 = states[0][0].actor, other
        evidence = states[0][1]
    # Allies named beside the state forces (a PMC, self-defence militias) are associated actors.
    if actor2 is None and militias and event_type != "Violence against civilians":
        actor2 = militias[0][0].actor
        militias = militias[1:]
    if actor2 is not None and is_state(actor2):
        for m, _, _ in states[1:] + externals + militias:
            if m.actor.name != actor2.name and m.actor.name not in assoc2:
                assoc2.append(m.actor.name)
    if actor1 is None and actor2 is not None and event_type == "Battles":
        # Security forces attacked by no one named: ACLED's unidentified armed group of the country.
        actor1 = kb.country_actor("armed", country) if is_state(actor2) else None
        if actor1 is None:
            actor1, actor2 = actor2, None
    for m, _, _ in named_armed[1:]:
        if actor1 is not None and m.actor.name != actor1.name and m.actor.name not in assoc1 and (actor2 is None or m.actor.name != actor2.name):
            assoc1.append(m.actor.name)
    if evidence is None and actor2 is not None:
        evidence = next((t for m, t, _ in mentions if m.actor.name == actor2.name), None)
    return actor1, actor2, tuple(assoc1), tuple(assoc2), suspected, evidence


def _home(kb: ActorKB, actor, country: str | None):
    """Generic armed men, crowds and police belong to the country where the event is, not to a demonym
    named nearby ("French" tourists killed in Niger, "Malian" traders among the dead of a protest abroad)."""
    if actor is None or not country or not actor.country_code or actor.country_code == country:
        return actor
    for role in ("armed", "protesters", "rioters", "police"):
        generic = kb.country_actor(role, actor.country_code)
        if generic is not None and generic.name == actor.name:
            return kb.country_actor(role, country) or actor
    return actor


def kb_crowd(event_type: str, country: str | None, kb: ActorKB):
    """The generic protesters or rioters actor of a country."""
    return kb.country_actor("protesters" if event_type == "Protests" else "rioters", country)


def _dated(kb, actor, date):
    """A renamed armed group goes by its name of the event's date (EIGS became IS Sahel in 2022).

    Hand-overs between distinct organisations (Wagner -> Africa Corps) are not
    applied: a text naming Wagner speaks of Wagner.
    """
    if actor is None or date is None or actor.actor_type not in ("Rebel groups", "Political militias", "Identity militias"):
        return actor
    name = kb.successor_on(actor.name, date)
    return kb.get(name) or actor if name != actor.name else actor


def _evidence_sentence(incident: Incident, predicate) -> str | None:
    for f in incident.frames:
        if predicate(f):
            return f.text
    return None


def code_incident(incident: Incident, article: Article, number: int, knowledge: Knowledge,
                  country_names: dict[str, str] | None = None) -> Event | None:
    """Turn one incident of one article into an Event with a single source."""
    published = article.doc.published
    hints = incident.frames[0].hints
    event_type, sub, civilian = classify(incident)
    place, precision, place_sentence, country = choose_place(incident, hints)
    if country is None:
        return None
    if (place is None or place.kind == "country") and event_type != "Disaster":
        # "Soldiers appeared on public television", "an attack on the presidential complex": the capital.
        capital_sentence = next((f.text for f in incident.frames if _CAPITAL.search(f.text)), None)
        seat = knowledge.gazetteer.capital(country) if capital_sentence else None
        if seat is not None:
            place, precision, place_sentence = seat, 2, capital_sentence
    if number == 0 and (place is None or place.kind in ("country", "admin1")):
        # "Que s'est-il passé à Bounti ?": the lead names the scene in a sentence without an event word.
        lead = lead_place(article, knowledge, country, place)
        if lead is not None:
            place, precision, place_sentence = lead
    date, date_end, time_precision, date_sentence = choose_date(incident, published, article.doc.published_from)
    if incident.background and date is not None and published is not None and date > published - dt.timedelta(days=30):
        date, time_precision = None, "year"
    # The body's figures are more precise than the headline's, which may also sum several
    # incidents ("Two attacks kill 20"); the headline counts when the body gives none.
    body = [c for f in incident.frames if not f.is_title for c in f.killed if not c.unknown]
    killed = body or _killed(incident)
    fatalities, low, high = consolidate_killed(killed)
    # The report says its toll is a revision ("nouveau bilan", "rose to"): a later word than a plain figure.
    revised = bool(fatalities) and any(c.update and c.value == fatalities and not c.claim for c in killed)
    if fatalities is None and (sub == "Abduction/forced disappearance"
                               or event_type in ("Protests", "Riots")):
        # No death told where deaths are not the rule: ACLED's 0, not an unknown toll.
        fatalities = low = high = 0
    actor1, actor2, assoc1, assoc2, suspected, actor_sentence = choose_actors(incident, event_type, country, sub, knowledge.actors)
    kb = knowledge.actors
    if actor2 is None and event_type == "Violence against civilians" and country:
        actor2 = kb.country_actor("civilians", country)
    actor1, actor2 = _home(kb, actor1, country), _home(kb, actor2, country)
    actor1, actor2 = _dated(kb, actor1, date), _dated(kb, actor2, date)
    evidence: list[Evidence] = []
    type_sentence = _evidence_sentence(incident, lambda f: f.family is not None) or incident.frames[0].text
    evidence.append(Evidence("event_type", type_sentence))
    if date_sentence:
        evidence.append(Evidence("event_date", date_sentence))
    if place_sentence:
        evidence.append(Evidence("location", place_sentence))
    if fatalities is not None:
        fat_sentence = _evidence_sentence(incident, lambda f: any(c.value == fatalities or c.update for c in f.killed)) or _evidence_sentence(incident, lambda f: bool(f.killed))
        if fat_sentence:
            evidence.append(Evidence("fatalities", fat_sentence))
    if actor_sentence:
        evidence.append(Evidence("actor1", actor_sentence))
    lead = next((f.text for f in incident.frames if not f.is_title), incident.frames[0].text)
    confidence = 0.35 + 0.15 * (place is not None and place.kind == "locality") + 0.15 * (time_precision == "day") \
        + 0.15 * (fatalities is not None) + 0.1 * (actor1 is not None) - 0.1 * article.truncated - 0.1 * incident.aggregate
    doc = article.doc
    source = SourceRef(
        doc=article.article_id, url=doc.url, title=article.title or doc.title, published=published,
        evidence=tuple(evidence), fatalities=fatalities, published_bound=doc.published_from == "text",
    )
    key = f"{article.article_id}|{number}|{event_type}|{date}|{country}"
    admin1 = admin2 = admin1_new = location = None
    lat = lon = None
    if place is not None:
        admin1, admin1_new, admin2 = place.admin1, place.admin1_new, place.admin2
        if place.kind == "admin1":
            admin1 = admin1 or place.name
        elif place.kind == "admin2":
            admin2 = admin2 or place.name
        if place.kind != "country":
            location = place.name
        lat, lon = place.latitude, place.longitude
    return Event(
        event_id="hm-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        event_type=event_type, sub_event_type=sub, country_code=country,
        country=(country_names or {}).get(country), event_date=date, event_date_end=date_end,
        time_precision=time_precision,
        actor1=actor1.name if actor1 else None, actor1_type=kb.type_in(actor1.name, country) or actor1.actor_type if actor1 else None,
        actor2=actor2.name if actor2 else None, actor2_type=kb.type_in(actor2.name, country) or actor2.actor_type if actor2 else None,
        assoc_actor_1=assoc1, assoc_actor_2=assoc2,
        admin1=admin1, admin1_new=admin1_new, admin2=admin2, location=location, latitude=lat, longitude=lon,
        geo_precision=precision if place is not None else 3,
        fatalities=fatalities, fatalities_low=low, fatalities_high=high,
        injured=_best_count(incident, "injured"), missing=_best_count(incident, "missing"), abducted=_best_count(incident, "abducted"),
        civilian_targeting=civilian, background=incident.background, aggregate=incident.aggregate,
        suspected_perpetrator=suspected, confidence=round(max(0.05, min(0.95, confidence)), 2),
        notes=lead[:300], sources=(source,),
        history=({"published": published.isoformat() if published else None, "fatalities": fatalities,
                  "source": article.article_id, **({"revised": True} if revised else {})},),
    )


def inherit_place(event: Event, previous: Event) -> Event:
    """An incident that names no place of its own happened where the article's previous one did.

    "The camp was then wrecked": the camp is the one the article just named. The place is
    taken only within one country, and marked approximate (geo precision 2).
    """
    if event.location is not None or event.admin1 is not None or previous.location is None:
        return event
    if event.country_code != previous.country_code:
        return event
    return dataclasses.replace(
        event, location=previous.location, latitude=previous.latitude, longitude=previous.longitude,
        admin1=previous.admin1, admin1_new=previous.admin1_new, admin2=previous.admin2,
        geo_precision=max(2, previous.geo_precision))
