"""Indices d'événements en français : mots et locutions liés à un type d'événement (fragments d'expressions régulières)."""

CUES = {
    "flood": [r"inondations?", r"inond[ée]e?s", r"crues?", r"pluies\s+diluviennes", r"pluies\s+torrentielles",
              r"glissements?\s+de\s+terrain", r"rupture\s+(?:du|d['’]un)\s+barrage"],
    "drought": [r"s[ée]cheresses?"],
    "epidemic": [r"choléra", r"m[ée]ningite", r"[ée]pid[ée]mies?", r"fi[èe]vre\s+de\s+lassa"],
    "storm": [r"temp[êe]tes?", r"cyclones?", r"vents\s+violents"],
    "fire": [r"incendies?"],
    "suicide": [r"kamikazes?", r"attentats?[- ]suicides?", r"se\s+sont\s+fait\s+exploser", r"s['’]est\s+fait\s+exploser",
                r"v[ée]hicules?\s+pi[ée]g[ée]s?\s+kamikazes?"],
    "air": [r"frappes?\s+a[ée]riennes?", r"frappes?\s+de\s+drones?", r"bombardements?\s+a[ée]riens?", r"armée\s+de\s+l['’]air",
            r"tirs?\s+de\s+drones?", r"frappes?\s+(?:d['’]un\s+)?drones?", r"drones?", r"a[ée]ronefs?", r"avions?\s+(?:de\s+chasse|militaires?|de\s+combat)",
            r"h[ée]licopt[èe]res?\s+(?:de\s+combat|militaires?)", r"vecteurs?\s+a[ée]riens?", r"moyens\s+a[ée]riens", r"raids?\s+a[ée]riens?"],
    "shelling": [r"obus", r"tirs\s+d['’]artillerie", r"roquettes?", r"mortiers?"],
    "grenade": [r"grenades?"],
    "ied": [r"engins?\s+explosifs?", r"(?:des|les|d['’])\s*explosifs", r"mines?\s+artisanales?", r"explos(?:é|ée|ion)s?", r"attentats?\s+(?:à\s+la\s+bombe|à\s+l['’]explosif|à\s+la\s+voiture\s+pi[ée]g[ée]e)", r"bombes?",
            r"engins?\s+explosifs?\s+improvis[ée]s?", r"EEI"],
    "abduct": [r"enl[eè]v(?:e|ent|é|ée|és|ées|ement|ements)(?!\s+(?:les|des|leurs|ses)\s+(?:corps|d[ée]pouilles|cadavres|barricades|d[ée]combres))", r"kidnapp(?:é|ée|és|ées|ing)", r"otages?", r"rapt"],
    "sexual": [r"viols?", r"viol[ée]e?s", r"violences?\s+sexuelles?"],
    "kill": [r"neutrali[sz](?:é|és|ée|ées|er)", r"tu(?:é|ée|és|ées|ant|er)", r"morts?", r"massacr(?:é|és|ée|ées|e|es)", r"massacres?",
             r"ex[ée]cut[ée]e?s?", r"assassin(?:é|és|at)", r"bilan", r"d[ée]c[èe]s", r"p[ée]ri", r"ont\s+p[ée]ri", r"perdu\s+la\s+vie",
             r"trouv[ée]\s+la\s+mort", r"succomb[ée]", r"succomb(?:er|ent)", r"cadavres?", r"corps\s+sans\s+vie", r"abattus?"],
    "attack": [r"attaqu(?:e|es|é|ée|és|er|ent)", r"assauts?", r"embuscades?", r"ouvert\s+le\s+feu", r"assaillants", r"fusillade",
               r"hommes\s+armés", r"incursions?", r"offensives?", r"tirs?\s+nourris", r"attentats?"],
    "clash": [r"affrontements?", r"combats?", r"accrochages?", r"heurts", r"repouss[ée]e?s?", r"riposte",
              r"[ée]changes?\s+de\s+tirs", r"coups\s+de\s+feu", r"tirs\s+(?:ont\s+[ée]t[ée]\s+)?entendus"],
    "overtake": [r"(?:pris|prennent|prend|prendre|prise)\s+(?:[\w'’]+\s+){0,4}?le\s+contr[ôo]le",
                 r"(?:pris|prennent|prend|prise)\s+possession", r"tomb[ée]e?\s+(?:aux|entre\s+les)\s+mains", r"contr[ôo]lent\s+d[ée]sormais", r"s['’]emparer", r"s['’]est\s+empar[ée]", r"se\s+sont\s+empar[ée]s", r"occup[ée]"],
    "regain": [r"reprise?\s+de", r"repris", r"reprennent", r"reconquis", r"reconqu[êe]te", r"libér[ée]e?", r"r[ée]investi"],
    "protest": [r"manifestations?", r"manifestants?", r"march[ée]s?\s+de\s+protestation", r"gr[èe]ves?", r"sit-in",
                r"rassemblements?", r"protestations?", r"descendu(?:e|s|es)?\s+dans\s+l(?:a|es)\s+rues?",
                r"descend(?:re|ent|ait|aient)\s+dans\s+l(?:a|es)\s+rues?"],
    "riot": [r"[ée]meutes?", r"[ée]meutiers?", r"vindicte\s+populaire", r"justice\s+populaire", r"pillards?"],
    "withdraw": [r"retrait", r"se\s+retire(?:r|nt)?", r"quitt(?:e|é|er)", r"r[ée]troc[ée]d[ée]e?", r"r[ée]trocession", r"remis(?:e)?\s+(?:aux|à)",
                 r"c[ée]d[ée]e?\s+(?:aux|à)", r"passation"],
    "coup": [r"coups?\s+d['’][ée]tat", r"putsch", r"mutinerie", r"pris\s+le\s+pouvoir", r"conseil\s+militaire",
             r"(?:renvers[ée]e?|destitu[ée]e?)\s+(?:le\s+|la\s+)?(?:\w+\s+)?(?:pr[ée]sident|gouvernement|r[ée]gime|chef\s+de\s+l['’][ée]tat)"],
    "agreement": [r"accords?", r"cessez-le-feu", r"tr[êe]ve", r"signé(?:e|s|es)?"],
    "arrest": [r"interpell(?:é|és|ée|ées|ation)", r"arr[êe]t(?:é|és|ée|ées)", r"arrestations?", r"gard[ée]\s+[àa]\s+vue", r"[ée]crou[ée]"],
    "base": [r"d[ée]ploi(?:ement|é)", r"base\s+(?:militaire\s+)?install[ée]e?"],
    "looting": [r"d[ée]trui(?:re|t|te|ts|tes|sent|saient)\s+(?:[\w'’]+\s+){0,2}?(?:installations|maisons|biens|b[âa]timents|habitations|[ée]quipements|v[ée]hicules|infrastructures|[ée]difices)",
                r"pillag(?:e|é|és)", r"incendi(?:é|és|ée|ées|ant)", r"sabot(?:age|é|ée)s?", r"saccag(?:é|ée|és|ées|e)", r"vandalis[ée]"],
    "surrender": [r"se\s+sont\s+rendus", r"reddition", r"redditions", r"repentis"],
    "weapons": [r"saisie\s+d['’]armes", r"d[ée]samorc[ée]"],
    "jailbreak": [r"[ée]vasion", r"[ée]vad[ée]s", r"prison\s+attaqu[ée]e"],
}
STEM_WORDS = """coups échanges echanges militaire décès deces décés decès arrêté arrêtés arrêtée arrêtées arrete arretes arretee arretees arrestation signé signée signés signées crue crues obus tirs tir  engin engins rapt viol viols violé violée violés violées tu tué tués tuée
tuées tuant tuer tuent bilan assaut armés armées coup coups contrôle repris reprise grève grèves retrait cessez trêve rendus
base bases accord accords feu eei EEI péri peri vie mort corps cadavre cadavres abattu abattus drone drones vents
riposte pouvoir""".split()
STEM_PREFIXES = """artisanal détrui detrui succomb offensiv libér liber possession   tomb contrôl control réinvest reinvest inond glissement diluvienn torrentiel sécheress secheress méning épidém tempêt tempet cyclon incendi
suicid kamikaz attentat aérien aerien frappe bombard roquett mortier grenad explos enlev enlèv otag kidnapp massacr
exécut assassin décè  attaqu embusc assaillant fusillad incursion affront combat accroch heurt repouss empar occup
reconqu manifest protest rassembl descend émeut emeut vindict retir quitt rétroc retroc remis cédé cede  passation putsch
mutin  interpel   gard écrou ecrou déploi deploi pillag pillard sabot saccag vandal reddit repenti saisi
désamorc desamorc mort mortr neutral renvers destitu aéronef aeronef avion hélico helico vecteur moyens raid évasion
evasion évad evad barrage sign""".split()
