"""Marqueurs de phrase en français : contexte passé, sommes, nouvel incident, revendications, verbes d'action."""

BACKGROUND = [
    r"depuis\s+(?:19|20)\d\d", r"depuis\s+des\s+ann[ée]es", r"a\s+souvent", r"ont\s+souvent", r"avaient\s+d[ée]j[àa]",
    r"avait\s+d[ée]j[àa]", r"dont\s+l['’]insurrection", r"a\s+commenc[ée]\s+en", r"fait\s+face\s+depuis",
]
AGGREGATE = [
    r"ces\s+derni[èe]res\s+semaines", r"au\s+cours\s+des\s+derni[èe]res?\s+(?:semaines|mois|ann[ée]es)",
    r"depuis\s+le\s+d[ée]but\s+de\s+l['’]ann[ée]e", r"l['’]ann[ée]e\s+derni[èe]re",
    r"(?:depuis)\s+(?:d[ée]but\s+|fin\s+|la\s+mi-)?{MONTH}",
]
NEW_INCIDENT = [
    r"dans\s+une\s+autre\s+attaque", r"par\s+ailleurs", r"ailleurs", r"lors\s+d['’]une\s+autre\s+attaque", r"une\s+autre\s+attaque",
    r"le\s+lendemain", r"le\s+jour\s+suivant", r"(?:un|deux|trois)\s+jours?\s+plus\s+tard",
]
# Anywhere in a sentence: it tells of another, earlier attack ("... intervient quelques jours après une attaque qui a visé l'armée").
NEW_INCIDENT_INSIDE = [r"(?:jours?|semaines?)\s+apr[èe]s\s+une\s+(?:autre\s+)?attaque"]
ATTRIBUTION = [r"revendiqu", r"imput[ée]", r"attribu[ée]", r"accus[ée]"]
ACT_VERBS = [
    r"manifest[ée]", r"ont\s+manifest[ée]", r"dispers[ée]", r"renvers[ée]", r"ont\s+attaqu[ée]", r"a\s+attaqu[ée]",
    r"attaqu[ée]", r"tu[ée]e?s", r"tuant", r"enlev[ée]e?s", r"ont\s+enlev[ée]", r"ont\s+tu[ée]", r"se\s+sont\s+fait\s+exploser",
    r"s['’][ée]taient\s+fait\s+exploser", r"a\s+explos[ée]", r"ont\s+explos[ée]", r"pris\s+le\s+contr[ôo]le",
    r"revendiqu[ée]e?", r"annonc[ée]", r"arr[êe]t[ée]s?", r"interpell[ée]s?", r"ravag[ée]", r"emport[ée]", r"achev[ée]",
    r"quitt[ée]", r"r[ée]troc[ée]d[ée]e?", r"remis[e]?", r"neutralis[ée]s?", r"repouss[ée]e?s?", r"d[ée]truit", r"incendi[ée]s?",
    r"saccag[ée]s?", r"sign[ée]", r"abattus?", r"p[ée]ri", r"enlev[ée]", r"frapp[ée]e?", r"vis[ée]e?", r"pris\s+possession",
    r"prennent", r"évad[ée]s",
]

# Une phrase qui rapporte la découverte de corps : sa date est celle de la découverte, pas de l'événement.
DISCOVERY = [r"retrouv[ée]e?s?\s+(?:mort|morte|morts|mortes|sans\s+vie)", r"corps\s+(?:[\w'’]+\s+){0,4}?(?:a|ont)\s+[ée]t[ée]\s+(?:retrouv|d[ée]couvert)",
             r"d[ée]couvert[es]*\s+(?:le|les)\s+corps", r"le\s+corps\s+(?:de\s+\w+\s+)?(?:\w+\s+)?retrouv[ée]"]
