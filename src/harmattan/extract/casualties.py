"""Human costs in a sentence: killed, injured, missing, abducted (EN/FR).

Each figure is a :class:`Casualty` with the group it counts (attackers,
security forces, civilians, people), and flags that matter when figures are
consolidated: a perpetrator's *claim*, a revised toll (*update*), a *subset*
of another figure ("including 4 children").

>>> [(c.kind, c.value, c.group) for c in extract_casualties("Gunmen killed 44 civilians and wounded 13 others.")]
[('killed', 44, 'civilians'), ('injured', 13, 'people')]
>>> [(c.kind, c.value) for c in extract_casualties("Three Soldiers and Two Police Officers Killed in Attack")]
[('killed', 5)]
>>> [(c.kind, c.value, c.update) for c in extract_casualties("Le bilan est passé à 32 morts, a indiqué un responsable.")]
[('killed', 32, True)]
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import QTY_RE, quantity_from_match

_ATTACKERS = (
    r"militants?|insurgents?|terrorists?|jihadists?|djihadistes?|jihadistes?|islamists?|islamistes?|bandits?|gunmen|"
    r"attackers?|assailants?|assaillants?|fighters?|combattants?|rebels?|rebelles?|extremists?|kidnappers?|"
    r"suspects|terroristes?|insurg[ée]s?|hommes\s+arm[ée]s|armed\s+men|suicide\s+bombers?|bombers?|kamikazes?|members|membres|"
    r"elements|[ée]l[ée]ments"
)
_SECURITY = (
    r"soldiers?|troops?|servicemen|service\s+members|policemen|police\s*(?:officers|men|personnel)?|officers|gendarmes?|"
    r"personnel|security\s+(?:forces|personnel|operatives)|operatives|guards?|volunteers|militiamen|vigilantes|"
    r"hunters|peacekeepers|auxiliaries|soldats?|militaires?|policiers?|agents|casques\s+bleus|vdp|dozos?|army\s+officers|suppl[ée]tifs|miliciens|volontaires"
)
_CIVILIANS = (
    r"civilians?|villagers?|residents?|worshippers?|(?:farm\s+|rice\s+|mine\s+|aid\s+)?workers|labou?rers|commuters|shoppers|refugees|"
    r"relatives|family\s+members|ouvriers|travailleurs|r[ée]fugi[ée]s|proches|pupils?|students?|schoolchildren|schoolgirls|schoolboys|children|teens|teenagers|youths|idps|displaced\s+persons|"
    r"women|girls|boys|farmers?|traders?|passengers?|miners?|mourners|guests|herders?|herdsmen|fishermen|travellers|"
    r"travelers|teachers?|staff\s+members|staff|christians|muslims|civils?|villageois|habitants?|fid[èe]les|[ée]l[èe]ves|enfants|"
    r"femmes|agriculteurs|commer[çc]ants|passagers|orpailleurs|[ée]leveurs|p[êe]cheurs|voyageurs|enseignants"
)
_PEOPLE = r"people|persons?|others?|individuals|lives|personnes|autres|individus|victims?|victimes|bodies|corps"
_DEAD_NOUN = r"dead|deaths|fatalities|morts?|tu[ée]s|d[ée]c[èe]s"
_NOUN = rf"(?:{_ATTACKERS}|{_SECURITY}|{_CIVILIANS}|{_PEOPLE}|{_DEAD_NOUN})"
_NOUN_RE = re.compile(
    rf"^\s+(?:of\s+(?:their|the|them|whom|its|his)\s+|of\s+|de\s+leurs\s+|de\s+|d'|des\s+)?(?P<adj>(?:(?!(?:and|et|in|at|on|by|as|when|after|from|to|for|with|dans|à|au|aux|who|qui|were|was|are|is|have|has|had|been|ont|sont|a|été|killed|dead|died|die|dies|wounded|injured|hurt|missing|abducted|kidnapped|tu[ée]e?s|morts?|bless[ée]e?s|disparus?|enlev[ée]e?s)\b)[^\W\d_][\w'-]*\s+){{0,3}}?)(?P<noun>{_NOUN})\b",
    re.I,
)
_MORE_NOUNS_RE = re.compile(rf"^(?:\s*(?:,|and|et)\s+(?:de\s+|d'|des\s+|of\s+)?(?:(?![^\W\d_]+(?:ing|ed|ant|é|ée|és|ées)\b)[^\W\d_][\w'-]*\s+){{0,2}}?(?:{_SECURITY}|{_CIVILIANS}|{_ATTACKERS})\b)+", re.I)
_POST_ADJ = re.compile(
    r"^(?:\s+(?!(?:ont|sont|a|avaient|auraient|été|were|was|have|has|had|are|is|and|et)\b)[^\W\d_][\w'-]*){1,2}"
    r"(?=\s+(?:ont|sont|avaient|auraient|a\s+été|were|was|have|has|had|are|is)\b)",
    re.I,
)
_ENUM_RE = re.compile(r"^\s*(?:,|and|et|as\s+well\s+as|plus)\s+(?:and\s+)?", re.I)

_AUX = r"(?:(?:were|was|have|has|had|are|is|been|now|reportedly|confirmed|feared|believed|presumed|said|later|also|all|ont|sont|a|été|ete|auraient|aurait|seraient|egalement|également|tous|y|trouvé|trouve)\s+){0,4}"
_KILLED_AFTER = re.compile(
    rf"^(?:\s*,[^,.;]{{1,60}},)?\s*{_AUX}(?:killed|dead|died|die|dies|slain|murdered|massacred|perished|beheaded|executed|"
    r"burnt\s+to\s+death|burned\s+to\s+death|shot\s+dead|drowned|lost\s+their\s+lives|lose\s+their\s+lives|confirmed\s+dead|"
    r"tu[ée]e?s?|morts?|d[ée]c[ée]d[ée]e?s|p[ée]ri|perdu\s+la\s+vie|massacr[ée]e?s|assassin[ée]e?s|ex[ée]cut[ée]e?s|"
    r"abattu[e]?s|succomb[ée]|neutrali[sz]ed|neutralis[ée]s?)\b",
    re.I,
)
_INJURED_AFTER = re.compile(rf"^(?:\s*,[^,.;]{{1,60}},)?\s*{_AUX}(?:injured|wounded|hurt|bless[ée]e?s)\b", re.I)
_MISSING_AFTER = re.compile(rf"^\s*{_AUX}(?:remain(?:ed)?\s+|still\s+|are\s+still\s+|toujours\s+)?(?:missing|unaccounted\s+for|disparue?s|port[ée]e?s\s+disparue?s)\b", re.I)
_ABDUCTED_AFTER = re.compile(rf"^\s*{_AUX}(?:abducted|kidnapped|taken\s+hostage|seized|enlev[ée]e?s|kidnapp[ée]e?s|pris\s+en\s+otage)\b", re.I)

_KILL_BEFORE = re.compile(
    r"(?:\b(?:kill|kills|killed|killing|claims?|claimed|claiming|neutrali[sz]ed|neutrali[sz]ing|neutralis[ée]s?|neutraliser|massacre|massacres|massacred|slaughtered|slaughter|murdered|murder|murders|"
    r"executed|beheaded|behead|gunned\s+down|shot\s+dead|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|"
    r"claim\s+the\s+lives\s+of|took\s+the\s+lives\s+of|tu[ée]|tuant|tuer|massacr[ée]|ex[ée]cut[ée]|abattu|"
    r"co[ûu]t[ée]\s+la\s+vie\s+[àa]|co[ûu]tant\s+la\s+vie\s+[àa])\s*[\"']?\s+(?:(?:at\s+least|some|about|around|nearly|over|more\s+than|up\s+to|au\s+moins|plus\s+de|près\s+de|environ)\s+)?)$",
    re.I,
)
_SECURITY_ONE = r"soldier|policeman|police\s+officer|officer|gendarme|security\s+operative|vigilante|soldat|militaire|policier"
_ONE = (
    rf"{_SECURITY_ONE}|farmer|man|woman|boy|girl|child|youth|driver|motorcyclist|cyclist|trader|chairman|chief|pastor|imam|"
    r"priest|teacher|student|member|mother|father|wife|husband|son|daughter|journalist|herder|herdsman|villager|resident|civilian|"
    r"leader|commander|official|emir|monarch|traditional\s+ruler|politician|lawmaker|paysan|agriculteur|homme|femme|enfant|"
    r"commer[çc]ant|chef|imam|pr[êe]tre|[ée]l[èe]ve|enseignant|berger|[ée]leveur|civil|villageois|maire|d[ée]put[ée]"
)
_SINGLE_KILLED = re.compile(
    r"\b(?:kill(?:s|ed|ing)?|murder(?:s|ed)?|behead(?:s|ed)?|shot\s+dead|shoots\s+dead|stab(?:s|bed)?|gun(?:s|ned)?\s+down|"
    r"lynch(?:es|ed)?|tu[ée]e?|tuent|abattu|assassin[ée]e?|ex[ée]cut[ée]e?)\s+(?:an?\s+|one\s+|the\s+|un\s+|une\s+|le\s+|la\s+|l')?"
    rf"(?:[\w'-]+\s+){{0,2}}?(?P<who>{_ONE})\b(?!s)"
    r"|\b(?:an?|one|un|une)\s+(?:[\w'-]+\s+){0,2}?(?P<who2>" + _ONE + r")\s+(?:was\s+|has\s+been\s+|a\s+été\s+)?(?:killed|shot\s+dead|murdered|died|tu[ée]e?|abattu)\b",
    re.I,
)
_MAKE_DEAD_BEFORE = re.compile(r"\b(?:fait|faisant|ayant\s+fait|left|leaving|leaves|caused|causing|r[ée]sult[ée]?\s+in)\s+$", re.I)
_INJURE_BEFORE = re.compile(r"\b(?:injur(?:e|es|ed|ing)|wound(?:s|ed|ing)?|hurt(?:ing)?|bless(?:ant|é|e|er)|ont\s+bless[ée])\s+$", re.I)
_ABDUCT_BEFORE = re.compile(
    r"\b(?:abduct(?:s|ed|ing)?|kidnap(?:s|ped|ping)?|seiz(?:e|ed|ing)|took|taking|enlev[ée]|enlevant|enl[èe]vent|kidnapp[ée]|kidnappant|"
    r"ont\s+enlev[ée]|ont\s+kidnapp[ée])\s+(?:(?:at\s+least|some|about|around|nearly|over|more\s+than|au\s+moins|plus\s+de|près\s+de|environ)\s+)?$",
    re.I,
)
_TOLL_BEFORE = re.compile(
    r"\b(?:death\s+toll|toll|number\s+of\s+(?:people\s+|those\s+|persons\s+)?(?:killed|dead)|casualty\s+figure|bilan|nombre\s+de\s+(?:morts|victimes|tu[ée]s))"
    r"(?P<mid>[^.;:\d]{0,90}?)$",
    re.I,
)
_UPDATE = re.compile(r"\b(?:rose|risen|rises|rise|climb(?:s|ed)?|jump(?:s|ed)?|increas(?:es|ed)|surpass(?:es|ed)?|exceed(?:s|ed)?|pass(?:es|ed)|reach(?:es|ed)|now|s'alourdit|alourdi|pass[ée]|s'[ée]l[èe]ve|atteint|grimp[ée]?)\b", re.I)
_CLAIM = re.compile(
    r"\b(?:claim(?:s|ed)?\s+(?:to\s+have|it\s+had|they\s+had|it\s+has)|said\s+(?:it|they)\s+(?:had\s+)?|says\s+(?:it|they)\s+(?:had\s+)?|"
    r"affirm(?:e|ent|ant)\s+avoir|dit\s+avoir|disent\s+avoir|revendiqu(?:e|ent|ant)\s+avoir|pr[ée]tend(?:ent)?\s+avoir|assure(?:nt)?\s+avoir)\b[^.;]{0,40}$",
    re.I,
)
_SUBSET = re.compile(r"\b(?:including|among\s+them|of\s+whom|among\s+whom|dont|parmi\s+(?:eux|lesquels|lesquelles)|notamment|mostly|most\s+of\s+them)\s*$", re.I)
_ZERO = re.compile(
    r"\b(?:no\s+(?:deaths|casualties|fatalities|one\s+was\s+(?:killed|hurt|injured))|no\s+(?:lives\s+were\s+lost|deaths\s+were\s+reported)|"
    r"without\s+(?:causing\s+)?(?:casualties|any\s+deaths)|aucun\s+(?:mort|d[ée]c[èe]s)|aucune\s+(?:victime|perte\s+en\s+vie)|"
    r"sans\s+(?:faire\s+de\s+)?(?:victimes?|morts?)|pas\s+de\s+(?:victimes?|morts?))\b",
    re.I,
)
_UNIT_AFTER = re.compile(r"^\s*(?:%|per\s*cent|pour\s*cent|km|kilomet|miles?|years?|ans|days?|jours|hours?|heures|minutes|months?|mois|weeks?|semaines|million|milliard|billion|fcfa|naira|dollars?|\$|euros?|tonnes?|cfa)", re.I)
_MONTH_AFTER = re.compile(r"^\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|f[ée]v|avr|mai|juin|juil|ao[ûu]t|d[ée]c)", re.I)


@dataclass(frozen=True)
class Casualty:
    kind: str  # killed | injured | missing | abducted
    value: int
    low: int
    high: int | None
    group: str  # attackers | security | civilians | people
    start: int
    end: int
    vague: bool = False
    claim: bool = False
    update: bool = False
    subset: bool = False


def _group(adj: str, noun: str | None) -> str:
    words = f"{adj} {noun or ''}".lower()
    if re.search(rf"\b(?:{_ATTACKERS})\b|boko\s+haram|iswap|jnim|\bisis\b|islamic\s+state|al-?qaeda", words):
        if not re.search(rf"\b(?:{_SECURITY}|{_CIVILIANS})\b", (noun or "").lower()):
            return "attackers"
    if noun and re.fullmatch(_SECURITY, noun.lower()):
        return "security"
    if noun and re.fullmatch(_CIVILIANS, noun.lower()):
        return "civilians"
    return "people"


def _is_count(text: str, m: re.Match) -> bool:
    num = m.group("num")
    after = text[m.end():m.end() + 12]
    if num.isdigit() and len(num) == 4 and 1900 <= int(num) <= 2100 and not m.group("qual"):
        return False
    if _UNIT_AFTER.match(after) or (num.isdigit() and _MONTH_AFTER.match(after)):
        return False
    before = text[max(0, m.start() - 12):m.start()]
    if re.search(r"(?:\d[.:]|\$|#|No\.\s*|n°\s*)$", before):
        return False
    if re.search(r"\b(?:no|not|aucun|aucune|nul)\s*$", text[max(0, m.start() - 8):m.start()], re.I):
        return False
    if num[0].isdigit() and re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+$", text[max(0, m.start() - 12):m.start()], re.I):
        return False
    return True


def extract_casualties(sentence: str) -> list[Casualty]:
    """Every human-cost figure in one sentence, in text order."""
    out: list[Casualty] = []
    consumed_until = -1
    matches = [m for m in QTY_RE.finditer(sentence) if _is_count(sentence, m)]
    i = 0
    while i < len(matches):
        m = matches[i]
        if m.start() < consumed_until:
            i += 1
            continue
        q = quantity_from_match(m)
        if q is None:
            i += 1
            continue
        items = [(m, q)]
        noun_m = _NOUN_RE.match(sentence[m.end():])
        end = m.end() + (noun_m.end() if noun_m else 0)
        adj, noun = (noun_m.group("adj"), noun_m.group("noun")) if noun_m else ("", None)
        groups = [_group(adj, noun)]
        # Enumerations: "three soldiers and two police officers", "10 soldiers, 3 policemen".
        j = i + 1
        while j < len(matches):
            gap = sentence[end:matches[j].start()]
            if not _ENUM_RE.fullmatch(gap + " ") and not re.fullmatch(r"\s*(?:,|and|et)\s*(?:and\s+)?", gap, re.I):
                break
            nm = _NOUN_RE.match(sentence[matches[j].end():])
            qj = quantity_from_match(matches[j])
            if not nm or qj is None:
                break
            items.append((matches[j], qj))
            groups.append(_group(nm.group("adj"), nm.group("noun")))
            end = matches[j].end() + nm.end()
            j += 1
        # A list of further nouns without figures: "45 Soldiers, Policemen Killed".
        more = _MORE_NOUNS_RE.match(sentence[end:])
        if more:
            end += more.end()
        before = sentence[:m.start()].rstrip("\"'")
        if before and not before[-1].isspace() and sentence[:m.start()] != before:
            before += " "
        after = sentence[end:]
        # French adjectives follow the noun: "Quatre militaires togolais ont été tués".
        after = _POST_ADJ.sub("", after, count=1)
        kind = None
        update = claim = False
        toll = _TOLL_BEFORE.search(before)
        if noun and re.fullmatch(_DEAD_NOUN, noun, re.I):
            kind = "killed"
        elif _KILLED_AFTER.match(after):
            kind = "killed"
        elif _KILL_BEFORE.search(before):
            kind = "killed"
            claim = bool(_CLAIM.search(before[:_KILL_BEFORE.search(before).start()] + " ")) or bool(_CLAIM.search(before))
        elif toll and (noun is None or re.fullmatch(rf"{_PEOPLE}|{_DEAD_NOUN}", noun, re.I)):
            kind = "killed"
            update = bool(_UPDATE.search(toll.group("mid"))) or bool(re.match(r"(?i)(?:surpass|exceed|d[ée]pass)", m.group("qual") or ""))
        elif _INJURED_AFTER.match(after) or _INJURE_BEFORE.search(before) or re.match(r"^\s*(?:de\s+)?bless[ée]s\b", after, re.I):
            kind = "injured"
        elif _MISSING_AFTER.match(after):
            kind = "missing"
        elif _ABDUCTED_AFTER.match(after) or _ABDUCT_BEFORE.search(before):
            kind = "abducted"
        if kind == "killed" and _MAKE_DEAD_BEFORE.search(before) and not (noun and re.fullmatch(_DEAD_NOUN, noun, re.I)) and not _KILLED_AFTER.match(after):
            kind = None
        if kind is None:
            i += 1
            continue
        if kind == "killed" and toll and _UPDATE.search(toll.group("mid")):
            update = True
        if kind == "killed" and not claim:
            claim = bool(_CLAIM.search(before))
        total = sum(qq.value for _, qq in items)
        low = sum(qq.low for _, qq in items)
        highs = [qq.high for _, qq in items]
        high = None if any(h is None for h in highs) else sum(highs)
        group = groups[0] if len(set(groups)) == 1 else ("security" if set(groups) <= {"security", "people"} else "people")
        out.append(Casualty(
            kind=kind, value=total, low=low, high=high, group=group, start=m.start(), end=end,
            vague=any(qq.vague for _, qq in items), claim=claim, update=update,
            subset=bool(_SUBSET.search(before[-30:])),
        ))
        consumed_until = end
        i = j if len(items) > 1 else i + 1
    if not any(c.kind == "killed" for c in out):
        single = _SINGLE_KILLED.search(sentence)
        if single:
            who = single.group("who") or single.group("who2")
            group = "security" if re.fullmatch(_SECURITY_ONE, who, re.I) else "people"
            out.append(Casualty(kind="killed", value=1, low=1, high=1, group=group, start=single.start(), end=single.end()))
    zero = _ZERO.search(sentence)
    if zero and not any(c.kind == "killed" for c in out):
        out.append(Casualty(kind="killed", value=0, low=0, high=0, group="people", start=zero.start(), end=zero.end()))
    return sorted(out, key=lambda c: c.start)
