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

from .. import lang
from .numbers import QTY_RE, quantity_from_match

def _alt(name: str) -> str:
    """Every pack's fragments of one toll-grammar list, as one group (empty lists never match)."""
    items = lang.fragments("casualties", name)
    return lang.alternation("casualties", name) if items else "(?!)"


_ATTACKERS = _alt("ATTACKERS")
_SECURITY = _alt("SECURITY")
_CIVILIANS = _alt("CIVILIANS")
_PEOPLE = _alt("PEOPLE")
_DEAD_NOUN = _alt("DEAD_NOUNS")
_ATTACKER_NAMES = _alt("ATTACKER_NAMES")
_NOUN = rf"(?:{_ATTACKERS}|{_SECURITY}|{_CIVILIANS}|{_PEOPLE}|{_DEAD_NOUN})"
_LINK = rf"(?:{_alt('NOUN_LINKS')}(?:\s+|(?<=['’])))?"
_NOUN_RE = re.compile(
    rf"^\s+{_LINK}(?P<adj>(?:(?!{_alt('NOUN_STOPS')}\b)[^\W\d_][\w'-]*\s+){{0,3}}?)(?P<noun>{_NOUN})\b",
    re.I,
)
_ENUM = _alt("ENUM_LINKS")
# ... but not a subset of the figure: "huit personnes, dont six humanitaires".
_MORE_NOUNS_RE = re.compile(rf"^(?:\s*{_ENUM}\s+{_LINK}(?:(?![^\W\d_]+(?:ing|ed|ant|é|ée|és|ées)\b|{_alt('SUBSET')}\b)[^\W\d_][\w'-]*\s+){{0,2}}?(?:{_SECURITY}|{_CIVILIANS}|{_ATTACKERS})\b)+", re.I)
_AUXILIARIES = _alt("AUXILIARIES")
# French adjectives follow the noun: "Quatre militaires togolais ont été tués".
_POST_ADJ = re.compile(
    rf"^(?:\s+(?!(?:{_AUXILIARIES}|{_ENUM}|été|a)\b)[^\W\d_][\w'-]*){{1,4}}(?=\s+{_AUXILIARIES}\b)",
    re.I,
)
_ENUM_RE = re.compile(rf"^\s*(?:{_ENUM})\s+(?:{_ENUM}\s+)?", re.I)
_ENUM_GAP = re.compile(rf"\s*(?:{_ENUM})\s*(?:{_ENUM}\s+)?", re.I)
# Between a figure (with its predicate) and the next figure it extends: "... died, as well as ".
_JOINED_GAP = re.compile(rf"[^.;:!?]{{0,40}}?(?:,\s*|\s+)(?:{_ENUM})\s*", re.I)

_AUX = rf"(?:{_alt('AUX')}\s+){{0,4}}"
# An aside between the figure and its verb: ", a local guide," or "dont six Français, ..., " (a subset
# opens it and may run over a few commas): "huit personnes dont six humanitaires, leur chauffeur et
# leur guide, ont perdu la vie". Bounded, so the search stays linear in the text.
_PARENTHETICAL = (rf"(?:\s*,?\s*{_alt('SUBSET')}\b[^.;:]{{1,140}}?,|\s*,?\s*{_alt('SUBSET')}\b[^.;:,]{{1,40}}?(?=\s)"
                  rf"|\s*,[^,.;]{{1,60}},|\s*,(?=\s*\w))?")
_KILLED_AFTER = re.compile(rf"^{_PARENTHETICAL}\s*{_AUX}{_alt('KILLED_AFTER')}\b", re.I)
_INJURED_AFTER = re.compile(rf"^{_PARENTHETICAL}\s*{_AUX}{_alt('INJURED_AFTER')}\b", re.I)
_MISSING_AFTER = re.compile(rf"^\s*{_AUX}{_alt('MISSING_AFTER')}\b", re.I)
_ABDUCTED_AFTER = re.compile(rf"^\s*{_AUX}{_alt('ABDUCTED_AFTER')}\b", re.I)
_QUALIFIER = rf"(?:(?:{lang.alternation('numbers', 'QUAL_LOW')}|{lang.alternation('numbers', 'QUAL_APPROX')}|{lang.alternation('numbers', 'QUAL_HIGH')})\s+)?"
_KILL_BEFORE = re.compile(rf"\b{_alt('KILL_BEFORE')}\s*[\"']?\s+{_QUALIFIER}$", re.I)
_SECURITY_ONE = _alt("SECURITY_ONE")
_ONE = rf"(?:{_SECURITY_ONE}|{_alt('ONE')})"
_ARTICLE = rf"(?:{_alt('SINGLE_ARTICLES')}\s+|(?<=['’]))?"
_SINGLE_KILLED = re.compile(
    rf"\b{_alt('SINGLE_KILL_VERBS')}\s+{_ARTICLE}(?:(?!{_alt('PLURAL_DETERMINERS')}\b)[\w'-]+\s+){{0,2}}?(?P<who>{_ONE})\b(?!s)"
    rf"|\b(?:{_alt('SINGLE_ARTICLES')})\s+(?:[\w'-]+\s+){{0,2}}?(?P<who2>{_ONE})\s+(?:{_alt('SINGLE_PASSIVE')}\s+)?{_alt('SINGLE_KILLED_AFTER')}\b",
    re.I,
)
_CONJ = "(?:" + "|".join(f for f in lang.fragments("casualties", "ENUM_LINKS") if f.strip(" ,")) + ")"
# A French adjective may follow the first noun: "deux journalistes espagnols et un militant".
_ADJ_WORD = rf"(?:\s+(?!(?:{_AUXILIARIES}|{_CONJ})\b)(?![^\W\d_]+(?:ed|é|ée|és|ées)\b)[^\W\d_][\w'-]*)"
_ONE_MORE_RE = re.compile(rf"^{_ADJ_WORD}?\s*,?\s*{_CONJ}\s+(?:{_alt('SINGLE_ARTICLES')})\s+(?:[^\W\d_][\w'-]*\s+){{0,1}}?{_ONE}\b(?!s){_ADJ_WORD}?", re.I)
_UNNUMBERED = re.compile(
    rf"\b{_alt('UNNUMBERED_KILL_VERBS')}\s+(?P<adj>(?:(?!{_alt('NOUN_STOPS')}\b|{_alt('OF_WORDS')}\b)[^\W\d_][\w'-]*\s+){{0,2}}?)"
    rf"(?P<noun>{_alt('PLURAL_VICTIMS')})\b", re.I)
_MAKE_DEAD_BEFORE = re.compile(rf"\b{_alt('MAKE_DEAD_BEFORE')}\s+$", re.I)
_INJURE_BEFORE = re.compile(rf"\b{_alt('INJURE_BEFORE')}\s+$", re.I)
_ABDUCT_BEFORE = re.compile(rf"\b{_alt('ABDUCT_BEFORE')}\s+{_QUALIFIER}$", re.I)
_TOLL_BEFORE = re.compile(rf"\b{_alt('TOLL_NOUNS')}(?P<mid>[^.;:\d]{{0,90}}?)$", re.I)
_UPDATE = re.compile(rf"\b{_alt('UPDATE')}\b", re.I)
_REVISED = re.compile(rf"\b{_alt('REVISED_BEFORE')}\s+(?:\w+\s+)?{_alt('TOLL_NOUNS')}\b[^.;:\d]{{0,90}}?$", re.I)
_UPDATE_QUALIFIER = re.compile(rf"(?i){_alt('UPDATE_QUALIFIERS')}")
_CLAIM = re.compile(rf"\b{_alt('CLAIM')}\b[^.;]{{0,40}}$", re.I)
_SUBSET = re.compile(rf"\b{_alt('SUBSET')}\s*$", re.I)
_SUBSET_GAP = re.compile(rf"[^.;:!?]{{0,25}}?(?:,\s*|\s+|\(\s*){_alt('SUBSET')}\s*", re.I)
_ZERO = re.compile(rf"\b{_alt('ZERO')}\b", re.I)
_UNIT_AFTER = re.compile(rf"^\s*{_alt('UNITS_AFTER')}", re.I)
_MONTH_AFTER = re.compile(r"^\s*(?:" + "|".join(sorted((re.escape(k) for k in lang.mapping("dates", "MONTHS")), key=len, reverse=True)) + r")\b", re.I)
_MONTH_BEFORE = re.compile(r"(?:" + "|".join(sorted((re.escape(k) for k in lang.mapping("dates", "MONTHS")), key=len, reverse=True)) + r")\.?\s+$", re.I)
_NEGATION_BEFORE = re.compile(rf"\b{_alt('NEGATIONS')}\s*$", re.I)
_EARLIER = re.compile(rf"\b{_alt('EARLIER')}", re.I)
_SINGLE_DEATH = re.compile(rf"\b{_alt('SINGLE_DEATH')}\b", re.I)
_MEMBERS = re.compile(_alt("MEMBER_NOUNS"), re.I)
_FORCES = re.compile(_alt("FORCES"), re.I)
# "... of the security forces", "... des forces de défense": the owner of a member noun.
_COMPLEMENT = re.compile(rf"^\s+{_alt('NOUN_LINKS')}\s*(?:\w+\s+){{0,3}}?(?P<noun>{_SECURITY}|{_CIVILIANS}|{_ATTACKERS}|{_alt('FORCES')})\b", re.I)
_UNOFFICIAL = re.compile(rf"\b{_alt('UNOFFICIAL')}", re.I)
_SIDE_OWN_BEFORE = re.compile(rf"\b{_alt('SIDE_OWN_BEFORE')}\s*:?\s*$", re.I)
_SIDE_ENEMY_BEFORE = re.compile(rf"\b{_alt('SIDE_ENEMY_BEFORE')}\s*:?\s*$", re.I)
_ONE_DEAD = re.compile(rf"(?<![\w-]){_alt('ONE_DEAD')}\b", re.I)
_QUOTES = str.maketrans({c: " " for c in "«»“”\"„"})
_SIDE_OWN = re.compile(rf"^\s*,?\s*{_alt('SIDE_OWN')}", re.I)
_SIDE_ENEMY = re.compile(rf"^\s*,?\s*{_alt('SIDE_ENEMY')}", re.I)
# How far around a figure its words are looked for: bounded, so that a long sentence costs
# time in proportion to its length (each figure looks at a window, not at the whole sentence).
_BEFORE_CHARS = 160
_AFTER_CHARS = 200


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
    unofficial: bool = False  # witnesses' or residents' figure
    earlier: bool = False  # an earlier toll the report itself supersedes
    unknown: bool = False  # a killing told without a figure ("fighters kill vigilantes"): value 0, not a toll


def _group(adj: str, noun: str | None, complement: str = "") -> str:
    """The group a counted noun names; "members of the security forces" is told by its complement."""
    if noun and _MEMBERS.fullmatch(noun) and complement:
        owner = _COMPLEMENT.match(complement)
        if owner:
            return "security" if _FORCES.fullmatch(owner.group("noun")) else _group("", owner.group("noun"))
    words = f"{adj} {noun or ''}".lower()
    if re.search(rf"\b(?:{_ATTACKERS})\b|{_ATTACKER_NAMES}", words):
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
    if _NEGATION_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
        return False
    if num[0].isdigit() and _MONTH_BEFORE.search(text[max(0, m.start() - 12):m.start()]):
        return False
    return True


def extract_casualties(sentence: str) -> list[Casualty]:
    """Every human-cost figure in one sentence, in text order."""
    sentence = sentence.translate(_QUOTES)  # «terroristes» tués: quotes around a noun hide it (same offsets)
    unofficial = bool(_UNOFFICIAL.search(sentence))
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
        noun_m = _NOUN_RE.match(sentence[m.end():m.end() + _AFTER_CHARS])
        end = m.end() + (noun_m.end() if noun_m else 0)
        adj, noun = (noun_m.group("adj"), noun_m.group("noun")) if noun_m else ("", None)
        groups = [_group(adj, noun, sentence[end:end + 60])]
        # Enumerations: "three soldiers and two police officers", "10 soldiers, 3 policemen".
        j = i + 1
        while j < len(matches):
            gap = sentence[end:matches[j].start()]
            if len(gap) > 40 or (not _ENUM_RE.fullmatch(gap + " ") and not _ENUM_GAP.fullmatch(gap)):
                break
            nm = _NOUN_RE.match(sentence[matches[j].end():matches[j].end() + _AFTER_CHARS])
            qj = quantity_from_match(matches[j])
            if not nm or qj is None:
                break
            lead_in = sentence[max(0, m.start() - _BEFORE_CHARS):m.start()]
            if (_MISSING_AFTER.match(sentence[matches[j].end() + nm.end():matches[j].end() + nm.end() + _AFTER_CHARS])
                    and (_KILL_BEFORE.search(lead_in) or _TOLL_BEFORE.search(lead_in))):
                break  # "the deaths of 37 people, and many others remain missing", "the toll rose to 40 and 12 ...": another count
            items.append((matches[j], qj))
            groups.append(_group(nm.group("adj"), nm.group("noun"), sentence[matches[j].end() + nm.end():matches[j].end() + nm.end() + 60]))
            end = matches[j].end() + nm.end()
            j += 1
        # One more person named with an article: "two soldiers and a policeman", "deux soldats et un policier".
        ones = 0
        one_more = _ONE_MORE_RE.match(sentence[end:end + _AFTER_CHARS])
        while one_more and ones < 3:
            ones += 1
            end += one_more.end()
            one_more = _ONE_MORE_RE.match(sentence[end:end + _AFTER_CHARS])
        # A list of further nouns without figures: "45 Soldiers, Policemen Killed".
        more = _MORE_NOUNS_RE.match(sentence[end:end + _AFTER_CHARS])
        if more:
            end += more.end()
        before = sentence[max(0, m.start() - _BEFORE_CHARS):m.start()].rstrip("\"'")
        if before and not before[-1].isspace() and sentence[:m.start()] != before:
            before += " "
        after = sentence[end:end + _AFTER_CHARS]
        # French adjectives follow the noun: "Quatre militaires togolais ont été tués".
        after = _POST_ADJ.sub("", after, count=1)
        side = sentence[end:end + 80]
        side_before = sentence[max(0, m.start() - 40):m.start()]
        if _SIDE_OWN_BEFORE.search(side_before):
            groups = ["security"] * len(groups)
        elif _SIDE_ENEMY_BEFORE.search(side_before):
            groups = ["attackers"] * len(groups)
        if _SIDE_OWN.match(side):
            groups = ["security"] * len(groups)
            end += _SIDE_OWN.match(side).end()
        elif _SIDE_ENEMY.match(side):
            groups = ["attackers"] * len(groups)
            end += _SIDE_ENEMY.match(side).end()
        sided = end > m.end() + (noun_m.end() if noun_m else 0)
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
        elif _ABDUCT_BEFORE.search(before[-40:]):
            kind = "abducted"  # "the toll reports the abduction of two nationals"
        elif _MISSING_AFTER.match(after):
            kind = "missing"  # "the toll could rise as some people remain missing": the missing, not the dead
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
        subset_of_previous = False
        if kind is None and out and (noun or sided) and out[-1].kind in ("killed", "injured"):
            gap = sentence[out[-1].end:m.start()]
            if _SUBSET_GAP.fullmatch(gap) or (_JOINED_GAP.fullmatch(gap) and out[-1].subset):
                # "30 dead, among them 25 soldiers and 5 villagers": parts of the figure before.
                kind, subset_of_previous = out[-1].kind, True
            elif _JOINED_GAP.fullmatch(gap):
                # "seven soldiers died, as well as nine attackers": the figure joins the one before.
                kind = out[-1].kind
        if kind is None:
            i += 1
            continue
        if kind == "killed" and ((toll and _UPDATE.search(toll.group("mid"))) or _REVISED.search(before)):
            update = True  # "le bilan est passé à 86", "selon un nouveau bilan, 86 personnes ont été tuées"
        if kind == "killed" and not claim:
            claim = bool(_CLAIM.search(before))
        total = sum(qq.value for _, qq in items) + ones
        low = sum(qq.low for _, qq in items) + ones
        highs = [qq.high for _, qq in items]
        high = None if any(h is None for h in highs) else sum(highs) + ones
        group = groups[0] if len(set(groups)) == 1 else ("security" if set(groups) <= {"security", "people"} else "people")
        if len(set(groups)) > 1 and (subset_of_previous or "attackers" in groups):
            # The parts of a toll keep their own groups: they tell who was hit; attackers and their
            # victims are counted apart ("six attackers and three members of the security forces").
            for (mm, qq), gg in zip(items, groups):
                out.append(Casualty(kind=kind, value=qq.value, low=qq.low, high=qq.high, group=gg, start=mm.start(),
                                    end=mm.end(), vague=qq.vague, subset=subset_of_previous, unofficial=unofficial,
                                    claim=claim, update=update))
            consumed_until = end
            i = j
            continue
        out.append(Casualty(
            kind=kind, value=total, low=low, high=high, group=group, start=m.start(), end=end,
            vague=any(qq.vague for _, qq in items), claim=claim, update=update,
            subset=subset_of_previous or bool(_SUBSET.search(before[-30:])), unofficial=unofficial, earlier=bool(_EARLIER.search(before)),
        ))
        consumed_until = end
        i = j if len(items) > 1 else i + 1
    for one in _ONE_DEAD.finditer(sentence):
        # "un mort dans nos rangs, 12 assaillants neutralisés": one death without a figure.
        if any(c.start <= one.start() < c.end for c in out):
            continue
        after = sentence[one.end():one.end() + 80]
        group = "security" if _SIDE_OWN.match(after) else "attackers" if _SIDE_ENEMY.match(after) else "people"
        out.append(Casualty(kind="killed", value=1, low=1, high=1, group=group, start=one.start(), end=one.end(),
                            unofficial=unofficial))
    if not any(c.kind == "killed" for c in out):
        single = _SINGLE_KILLED.search(sentence) or _SINGLE_DEATH.search(sentence)
        if single:
            who = (single.groupdict().get("who") or single.groupdict().get("who2")) or ""
            group = "security" if re.fullmatch(_SECURITY_ONE, who, re.I) else "people"
            out.append(Casualty(kind="killed", value=1, low=1, high=1, group=group, start=single.start(), end=single.end()))
    if not any(c.kind == "killed" for c in out):
        # "Fulani kill Tiv farmers", "IS claims killing soldiers": deaths without a figure.
        told = _UNNUMBERED.search(sentence)
        if told:
            out.append(Casualty(kind="killed", value=0, low=0, high=None, group=_group(told.group("adj"), told.group("noun")),
                                start=told.start(), end=told.end(), vague=True, unknown=True, claim=bool(_CLAIM.search(
                                    sentence[max(0, told.start() - _BEFORE_CHARS):told.start()]))))
    zero = _ZERO.search(sentence)
    if zero and not any(c.kind == "killed" for c in out):
        out.append(Casualty(kind="killed", value=0, low=0, high=0, group="people", start=zero.start(), end=zero.end()))
    return sorted(out, key=lambda c: c.start)
