"""Event cues (EN/FR): which kinds of happening a sentence speaks of.

A cue is a word or phrase tied to an ACLED event family. The relevance filter
uses the union of all cues to skip text that cannot hold an event.

>>> sorted(find_cues("Suspected female suicide bombers killed at least 18 people"))
['kill', 'suicide']
>>> sorted(find_cues("Des inondations ont fait 20 morts"))
['flood', 'kill']
"""
from __future__ import annotations

import re

# cue -> (pattern, strength); "verb" cues report an act, "noun" cues only name one.
_CUES: dict[str, str] = {
    "flood": r"flood(?:s|ing|ed|waters)?|flash[- ]floods?|inondations?|inond[ée]e?s|crues?|torrential\s+rains?|pluies\s+diluviennes|landslides?|glissements?\s+de\s+terrain",
    "drought": r"droughts?|s[ée]cheresses?",
    "epidemic": r"epidemics?|outbreaks?|cholera|choléra|meningitis|m[ée]ningite|lassa\s+fever|[ée]pid[ée]mies?",
    "storm": r"(?:rain|wind|tropical|violent|heavy|severe|dust|sand)\s*storms?|windstorms?|rainstorms?|temp[êe]tes?|cyclones?",
    "fire": r"fire\s+broke\s+out|blaze|wildfires?|incendies?",
    "suicide": r"suicide[- ]bomb(?:er|ers|ing|ings|s)?|suicide\s+attacks?|suicide\s+blasts?|kamikazes?|attentats?[- ]suicides?|se\s+sont\s+fait\s+exploser|s'est\s+fait\s+exploser|blew\s+(?:himself|herself|themselves)\s+up",
    "air": r"air\s*strikes?|airstrikes?|air\s+raids?|drone\s+strikes?|drone\s+attacks?|aerial\s+bombardments?|frappes?\s+a[ée]riennes?|frappes?\s+de\s+drones?|bombardements?\s+a[ée]riens?|air\s+force|armée\s+de\s+l'air",
    "shelling": r"shell(?:ing|ed|s)|mortars?|rockets?|artillery|obus|tirs\s+d'artillerie|roquettes?",
    "grenade": r"grenades?",
    "ied": r"ieds?|improvised\s+explosive|roadside\s+bombs?|landmines?|land\s+mines?|explosive\s+devices?|engins?\s+explosifs?|mines?\s+artisanales?|bomb\s+blasts?|blasts?|explosions?|bombings?|bombs?|bombed|bomb\s+attacks?|car\s+bombs?|exploded|explos(?:é|ée|ion)s?|attentats?",
    "abduct": r"abduct(?:s|ed|ing|ion|ions)?|kidnap(?:s|ped|ping|pings)?|hostages?|enl[eè]v(?:e|ent|é|ée|és|ées|ement|ements)|kidnapp(?:é|ée|és|ées|ing)|otages?|rapt",
    "sexual": r"rap(?:e|ed|es|ing)|sexual\s+(?:violence|assault)|viols?|viol[ée]e?s|violences?\s+sexuelles?",
    "kill": r"kill(?:s|ed|ing)?|neutrali[sz](?:ed|ing|é|és|ée|ées|er)|slain|massacre(?:s|d)?|slaughter(?:ed)?|murder(?:s|ed)?|shot\s+dead|gunned\s+down|beheaded|executed|dead|die|dies|died|deaths?|death\s+toll|bodies|lives|tu(?:é|ée|és|ées|ant|er)|morts?|massacr(?:é|és|ée|ées)|ex[ée]cut[ée]e?s?|assassin(?:é|és|at)|bilan|d[ée]c[èe]s",
    "attack": r"attack(?:s|ed|ing|ers)?|raid(?:s|ed)?|storm(?:ed|ing)|ambush(?:ed|es)?|assault(?:s|ed)?|opened\s+fire|gunmen|gunfire|shooting|attaqu(?:e|es|é|ée|és|er|ent)|assauts?|embuscades?|ouvert\s+le\s+feu|assaillants|fusillade|hommes\s+armés",
    "clash": r"clash(?:es|ed)?|fighting|fought|battles?|gun\s*battles?|exchange\s+of\s+fire|firefights?|skirmish(?:es)?|affrontements?|combats?|accrochages?|heurts",
    "overtake": r"overr(?:an|un)|took\s+control|taken\s+control|seized\s+control|(?:captured|seized|took)\s+(?:the\s+)?(?:\w+\s+)?(?:town|village|city|base|camp|post|outpost|garrison|barracks)|pris\s+le\s+contr[ôo]le|s'emparer|s'est\s+empar[ée]|se\s+sont\s+empar[ée]s|occup[ée]",
    "regain": r"retook|retaken|recaptur(?:e|ed|es)|regain(?:ed|s)?\s+control|liberat(?:ed|ion)|reprise?\s+de|repris|reconquis|reconqu[êe]te",
    "protest": r"protests?|protest(?:ed|ers|ing)|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies)|marched|sit-in|manifestations?|manifestants?|march[ée]s?\s+de\s+protestation|gr[èe]ves?",
    "riot": r"riots?|rioters?|rioting|mob|lynch(?:ed|ing)?|[ée]meutes?|[ée]meutiers?|vindicte\s+populaire|justice\s+populaire",
    "withdraw": r"withdraw(?:al|als|s|n)?|withdrew|pull(?:ed|s|ing)?\s+out|exit|departure|retrait|se\s+retire(?:r|nt)?|quitt(?:e|é|er)",
    "coup": r"coups?\s+d'[ée]tat|coups?(?!\s+(?:de|d'|du|des|franc|dur|bas|sur)\b)(?!-)|putsch|mutiny|mutinerie|seized\s+power|pris\s+le\s+pouvoir|"
    r"(?:overthrew|overthrown|ousted|toppled|deposed|renvers[ée]e?|destitu[ée]e?)\s+(?:the\s+|le\s+|la\s+)?(?:\w+\s+)?(?:president|government|regime|head\s+of\s+state|pr[ée]sident|gouvernement|r[ée]gime|chef\s+de\s+l'[ée]tat)",
    "agreement": r"agreements?|accords?|ceasefire|cease-fire|cessez-le-feu|peace\s+deal|truce|tr[êe]ve|signed",
    "arrest": r"arrest(?:s|ed|ing)?|detained|detain(?:s|ing)?|interpell(?:é|és|ée|ées|ation)|arr[êe]t(?:é|és|ée|ées|ation)|captured\s+alive|apprehended",
    "base": r"deploy(?:ed|ment|s)|established\s+a\s+base|new\s+base|d[ée]ploi(?:ement|é)|base\s+(?:militaire\s+)?install[ée]e?",
    "looting": r"loot(?:ed|ing)|pillag(?:e|ed|é|és)|burn(?:ed|t)\s+(?:down\s+)?(?:houses|homes|villages?|shops)|set\s+(?:fire|ablaze)\s+to|torched|incendi(?:é|és|ée|ées|ant)|destroyed\s+(?:houses|homes|property)",
    "surrender": r"surrender(?:ed|s)?|defect(?:ed|ors?)|se\s+sont\s+rendus|reddition|redditions|repentis",
    "weapons": r"arms\s+cache|weapons\s+cache|defused|seized\s+(?:weapons|arms|explosives)|saisie\s+d'armes|d[ée]samorc[ée]",
}
_COMPILED = {cue: re.compile(rf"\b(?:{pat})\b", re.I) for cue, pat in _CUES.items()}
ANY_CUE = re.compile(r"\b(?:" + "|".join(_CUES.values()) + r")\b", re.I)

DISASTER = {"flood", "drought", "epidemic", "storm", "fire"}
EXPLOSION = {"suicide", "air", "shelling", "grenade", "ied"}
VIOLENCE = EXPLOSION | {"abduct", "sexual", "kill", "attack", "clash", "overtake", "regain"}
DEMONSTRATION = {"protest", "riot"}
STRATEGIC = {"withdraw", "coup", "agreement", "arrest", "base", "looting", "surrender", "weapons"}


# Words every cue contains at least one of: whole words, and prefixes of four letters or more.
# A set lookup on the words of a text rejects most text far faster than the cue patterns
# themselves (the relevance filter); tests/unit/test_triggers.py checks that no cue escapes it.
_EXACT = frozenset("""
crue crues torrential lassa cholera choléra fire blaze feu exploser blew drone drones strike strikes raids obus tirs
ied ieds mine mines engin engins rape raped rapt viol viols violé violée violés violées slain dead die dies died lives
bodies shot gunned tu tué tués tuée tuées tuant tuer tuent bilan gunmen shooting assaut gun armés armées mob coup coups
control contrôle repris reprise marched grève grèves retrait cessez truce trêve signed rendus base bases arms peace
exit departure pull pulls pulled pulling executed execution executions accord accords
""".split())
_PREFIXES = frozenset("""
flood inond landslid glissement diluvienn drought sécheress secheress epidem outbreak mening méning épidém storm
windstorm rainstorm tempêt tempet cyclon wildfire incendi suicid kamikaz attentat aérien aerien frappe bombard shell
mortar rocket artiller roquett grenad roadsid landmin explos explod improvis blast bomb abduct kidnap hostag enlev enlèv otag
sexual kill massacr slaughter murder behead exécut assassin death décè déce attack raid ambush assault gunfir attaqu
embusc assaillant fusillad clash fight fought battl skirmish firefight affront combat accroch heurt overran overrun
seize seizi captur empar occup retook retaken recaptur regain liberat reconqu protest demonstr rally ralli manifest
riot lynch émeut emeut vindict withdr retir quitt putsch mutin agreement ceasefir cease arrest detain interpel arrêt
arret apprehend deploy déploi deploi establish loot pillag burn torch destroy surrend defect reddit repenti weapon
defus saisi désamorc desamorc mort mortr neutral overthr oust toppl depos renvers destitu
""".split())
_PREFIX_LENGTHS = sorted({len(p) for p in _PREFIXES})
_WORD = re.compile(r"[^\W\d_]+")


def _has_stem(text: str) -> bool:
    for word in _WORD.findall(text.lower()):
        if word in _EXACT:
            return True
        for n in _PREFIX_LENGTHS:
            if n > len(word):
                break
            if word[:n] in _PREFIXES:
                return True
    return False


def find_cues(text: str) -> dict[str, list[tuple[int, int]]]:
    """Cue name -> spans where it occurs in ``text``."""
    found: dict[str, list[tuple[int, int]]] = {}
    if not _has_stem(text) or not ANY_CUE.search(text):
        return found
    for cue, pattern in _COMPILED.items():
        spans = [m.span() for m in pattern.finditer(text)]
        if spans:
            found[cue] = spans
    return found


def is_relevant(text: str) -> bool:
    """Cheap test: could this text hold an event at all?

    >>> is_relevant("The central bank kept its key rate unchanged."), is_relevant("Gunmen killed 5 people.")
    (False, True)
    """
    return _has_stem(text) and ANY_CUE.search(text) is not None
