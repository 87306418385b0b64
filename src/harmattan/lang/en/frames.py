"""English sentence-level markers: past context, sums, a new incident, claims, verbs of an act."""

# Past context rather than news.
BACKGROUND = [
    r"has\s+long\s+been", r"have\s+long\s+been", r"has\s+often", r"have\s+often", r"often\s+used",
    r"has\s+been\s+(?:battling|fighting|waging)", r"ha(?:s|ve)\s+become\s+common", r"whose\s+insurgency",
    r"insurgency\s+began", r"dates\s+(?:back\s+)?to", r"since\s+(?:19|20)\d\d", r"historically", r"for\s+years",
    r"for\s+decades", r"in\s+the\s+past\s+decade", r"over\s+the\s+past\s+decade",
]
# A sum over a period or over several incidents.
AGGREGATE = [
    r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?:few\s+|several\s+|one\s+|two\s+)?(?:weeks?|months?|days|years?)",
    r"in\s+recent\s+(?:weeks|months)", r"so\s+far\s+this\s+year", r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|month)",
    r"attacks\s+across", r"last\s+year", r"in\s+(?:19|20)\d\d\s+alone",
    r"(?:since)\s+(?:early\s+|late\s+|mid-|the\s+end\s+of\s+)?{MONTH}",
]
# Opens a new incident ("One such attack...", "Separately, ...").
NEW_INCIDENT = [
    r"one\s+such\s+(?:attack|incident)", r"in\s+(?:another|a\s+separate|a\s+second)\s+(?:attack|incident)", r"separately",
    r"elsewhere", r"meanwhile", r"in\s+a\s+separate", r"another\s+attack", r"a\s+second\s+attack",
    r"(?:on\s+)?the\s+(?:following|next)\s+day", r"(?:a|one|two|three)\s+days?\s+later",
]
# Anywhere in a sentence: it tells of another, earlier attack ("... came days after an attack on the army").
NEW_INCIDENT_INSIDE = [r"(?:days?|weeks?)\s+after\s+an(?:other)?\s+attack"]
# A claim or an attribution of responsibility.
ATTRIBUTION = [r"claimed\s+responsibility", r"claimed\s+the\s+attack", r"blamed", r"attributed"]
# Verb forms: the sentence reports an act, not only names one.
ACT_VERBS = [
    r"killed", r"kills?", r"killing", r"attacked", r"attacks", r"stormed", r"ambushed", r"raided", r"abducted", r"kidnapped",
    r"abducts?", r"kidnaps?", r"bombed", r"exploded", r"detonated", r"clashed", r"fought", r"overran", r"captured", r"seized",
    r"retook", r"recaptured", r"struck", r"hit", r"targeted", r"opened\s+fire", r"shot",
    r"(?:took|taken|seized|regained|retaken)\s+(?:back\s+)?control", r"died", r"dead", r"flooded", r"swept", r"destroyed",
    r"burned", r"torched", r"announced", r"withdrew", r"withdrawn", r"arrested", r"detained", r"signed", r"fired",
    r"disperse[ds]?", r"protest(?:ed|ing)", r"marched", r"demonstrated", r"rallied", r"rioted", r"looted", r"lynched",
    r"overthrew", r"ousted", r"toppled", r"deposed", r"handed\s+over", r"completed", r"left", r"vacated", r"took\s+over",
    r"freed", r"escaped", r"repelled", r"neutrali[sz]ed", r"eliminated", r"sabotaged", r"invaded",
]

# A sentence that reports bodies or victims found: its date is the finding's, not the event's.
DISCOVERY = [r"(?:was|were|been)\s+found", r"found\s+dead", r"bod(?:y|ies)\s+(?:[\w'’]+\s+){0,5}?(?:was|were|had\s+been|have\s+been)\s+(?:found|recovered|discovered)",
             r"discovered", r"recovered\s+the\s+bod"]
