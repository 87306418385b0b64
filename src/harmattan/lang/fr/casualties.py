"""Grammaire des bilans en français : qui est compté, et les mots qui font d'un chiffre un mort, un blessé, un enlèvement."""

ATTACKERS = [r"djihadistes?", r"jihadistes?", r"islamistes?", r"bandits?", r"assaillants?", r"combattants?", r"rebelles?",
             r"terroristes?", r"insurg[ée]s?", r"hommes\s+arm[ée]s", r"kamikazes?", r"membres", r"[ée]l[ée]ments", r"ennemis",
             r"individus\s+arm[ée]s"]
SECURITY = [r"soldats?", r"militaires?", r"policiers?", r"gendarmes?", r"agents", r"casques\s+bleus", r"vdp", r"dozos?",
            r"suppl[ée]tifs", r"miliciens", r"volontaires", r"douaniers", r"gardes?", r"[ée]cogardes", r"gardes\s+forestiers",
            r"forces\s+de\s+d[ée]fense\s+et\s+de\s+s[ée]curit[ée]", r"fds", r"[ée]l[ée]ments\s+des\s+fds"]
CIVILIANS = [r"civils?", r"villageois", r"habitants?", r"fid[èe]les", r"[ée]l[èe]ves", r"enfants", r"femmes", r"agriculteurs",
             r"commer[çc]ants", r"passagers", r"orpailleurs", r"[ée]leveurs", r"p[êe]cheurs", r"voyageurs", r"enseignants",
             r"ouvriers", r"travailleurs", r"r[ée]fugi[ée]s", r"proches", r"humanitaires", r"manifestants", r"d[ée]tenus",
             r"cultivateurs", r"paysans", r"ressortissants", r"expatri[ée]s", r"[ée]trangers", r"touristes", r"d[ée]plac[ée]s",
             r"journalistes", r"infirmi[eè]re?s", r"m[ée]decins", r"ing[ée]nieurs"]
PEOPLE = [r"personnes", r"autres", r"individus", r"victimes", r"corps"]
DEAD_NOUNS = [r"morts?", r"tu[ée]s", r"d[ée]c[èe]s", r"cadavres"]
ATTACKER_NAMES = [r"[ée]tat\s+islamique", r"eigs", r"gsim"]
NOUN_LINKS = [r"de\s+leurs", r"de", r"d['’]", r"des"]
NOUN_STOPS = [r"et", r"dans", r"à", r"au", r"aux", r"qui", r"ont", r"sont", r"a", r"été", r"tu[ée]e?s", r"morts?", r"bless[ée]e?s",
              r"disparus?", r"enlev[ée]e?s"]
AUXILIARIES = [r"ont", r"sont", r"avaient", r"auraient", r"a\s+été"]
ENUM_LINKS = [r"et", r"ainsi\s+que", r"outre"]
AUX = [r"ont", r"sont", r"a", r"été", r"ete", r"auraient", r"aurait", r"seraient", r"egalement", r"également", r"tous", r"y",
       r"trouvé", r"trouve", r"été\s+retrouv[ée]s"]
KILLED_AFTER = [r"tu[ée]e?s?", r"morts?", r"d[ée]c[ée]d[ée]e?s", r"p[ée]ri", r"perd(?:u|aient|ait|ent|ront)\s+la\s+vie", r"massacr[ée]e?s", r"assassin[ée]e?s",
                r"ex[ée]cut[ée]e?s", r"abattu[e]?s", r"succomb[ée]", r"neutralis[ée]s?", r"[ée]limin[ée]s", r"trouv[ée]\s+la\s+mort",
                r"sans\s+vie"]
INJURED_AFTER = [r"bless[ée]e?s"]
MISSING_AFTER = [r"(?:toujours\s+)?(?:disparue?s|port[ée]e?s\s+disparue?s)"]
ABDUCTED_AFTER = [r"enlev[ée]e?s", r"kidnapp[ée]e?s", r"pris\s+en\s+otage"]
KILL_BEFORE = [r"neutralis[ée]s?", r"neutraliser", r"tu[ée]", r"tuant", r"tuer", r"massacr[ée]", r"ex[ée]cut[ée]", r"abattu",
               r"co[ûu]t[ée]\s+la\s+vie\s+[àa]", r"co[ûu]tant\s+la\s+vie\s+[àa]", r"[ée]limin[ée]",
               r"(?:la\s+)?mort\s+(?:de|d['’])", r"(?:le\s+)?d[ée]c[èe]s\s+(?:de|d['’])", r"assassinat\s+(?:de|d['’])"]
INJURE_BEFORE = [r"bless(?:ant|é|e|er)", r"ont\s+bless[ée]"]
ABDUCT_BEFORE = [r"enl[èe]vement\s+(?:de|d['’])", r"rapt\s+(?:de|d['’])", r"prise\s+en\s+otage\s+(?:de|d['’])", r"enlev[ée]", r"enlevant", r"enl[èe]vent", r"kidnapp[ée]", r"kidnappant", r"ont\s+enlev[ée]", r"ont\s+kidnapp[ée]"]
MAKE_DEAD_BEFORE = [r"fait", r"faisant", r"ayant\s+fait", r"r[ée]sult[ée]?\s+en"]
TOLL_NOUNS = [r"bilan", r"d[ée]compte\s+(?:macabre|des\s+(?:morts|victimes|corps))", r"nombre\s+de\s+(?:personnes\s+)?(?:morts|victimes|tu[ée]e?s)"]
UPDATE = [r"s['’]alourdit", r"alourdi", r"pass[ée]", r"s['’][ée]l[èe]ve", r"atteint", r"grimp[ée]?", r"revu\s+[àa]\s+la\s+hausse",
          r"augment(?:ant|[ée]e?)"]
# Before a toll noun, a revised toll: "selon un nouveau bilan", "le dernier bilan fait état de".
REVISED_BEFORE = [r"nouveau", r"nouvel", r"dernier", r"augmentant", r"portant", r"alourdissant"]
UPDATE_QUALIFIERS = [r"d[ée]pass"]
CLAIM = [r"affirm(?:e|ent|ant)\s+avoir", r"dit\s+avoir", r"disent\s+avoir", r"revendiqu(?:e|ent|ant)\s+avoir",
         r"pr[ée]tend(?:ent)?\s+avoir", r"assure(?:nt)?\s+avoir"]
SUBSET = [r"dont", r"parmi\s+(?:eux|lesquels|lesquelles)", r"notamment"]
ZERO = [r"aucun\s+(?:mort|d[ée]c[èe]s)", r"aucune\s+(?:victime|perte\s+en\s+vie)", r"sans\s+(?:faire\s+de\s+)?(?:victimes?|morts?)",
        r"pas\s+de\s+(?:victimes?|morts?)"]
UNITS_AFTER = [r"pour\s*cent", r"ans", r"jours", r"heures", r"mois", r"semaines", r"milliards?", r"millions?", r"fcfa", r"cfa"]
NEGATIONS = [r"aucun", r"aucune", r"nul"]
SECURITY_ONE = [r"soldat", r"militaire", r"policier", r"gendarme", r"douanier", r"agent\s+de\s+s[ée]curit[ée]"]
ONE = [r"paysan", r"agriculteur", r"homme", r"femme", r"enfant", r"commer[çc]ant", r"chef", r"imam", r"pr[êe]tre", r"[ée]l[èe]ve",
       r"enseignant", r"berger", r"[ée]leveur", r"civil", r"villageois", r"maire", r"d[ée]put[ée]", r"guide", r"chauffeur",
       r"journaliste", r"touriste", r"humanitaire", r"infirmi[eè]re?", r"m[ée]decin", r"ing[ée]nieur", r"ouvrier"]
SINGLE_KILL_VERBS = [r"tu[ée]e?", r"tuent", r"abattu", r"assassin[ée]e?", r"ex[ée]cut[ée]e?"]
SINGLE_ARTICLES = [r"un", r"une", r"le", r"la", r"l['’]"]
SINGLE_PASSIVE = [r"a\s+été"]
SINGLE_KILLED_AFTER = [r"tu[ée]e?", r"abattu", r"retrouv[ée]e?\s+(?:mort|morte|sans\s+vie)"]
SIDE_OWN = [r"(?:du\s+)?c[ôo]t[ée]\s+(?:amis?|des\s+fds|de\s+l['’]arm[ée]e|militaire|des\s+forces\s+\w+|fama|fds)",
            r"dans\s+(?:nos|les)\s+rangs", r"parmi\s+(?:les\s+)?(?:soldats|militaires)"]
SIDE_ENEMY = [r"(?:du\s+)?c[ôo]t[ée]\s+(?:ennemis?|adverse|des\s+terroristes|des\s+assaillants|des\s+jihadistes|des\s+djihadistes)"]
UNOFFICIAL = [r"selon\s+(?:des\s+|les\s+|certains\s+|plusieurs\s+)?(?:t[ée]moins|habitants|survivants|rescap[ée]s|sources\s+locales|villageois|populations)",
              r"(?:t[ée]moins|habitants|survivants|rescap[ée]s|sources\s+locales|villageois)\s+(?:font\s+[ée]tat|[ée]voquent|parlent|affirment|rapportent|ont\s+(?:d[ée]clar[ée]|affirm[ée]|[ée]voqu[ée]|parl[ée]))",
              r"non\s+officiel", r"officieux", r"non\s+confirm[ée]",
              r"certaines\s+sources", r"d['’]autres\s+sources",
              r"(?:le\s+maire|un\s+[ée]lu|des\s+[ée]lus|le\s+chef\s+du\s+village|un\s+notable|des\s+notables)\b[^.;]{0,60}?\b(?:parle|[ée]voque|avance)(?:nt)?\b"]
SIDE_OWN_BEFORE = [r"c[ôo]t[ée]\s+(?:amis?|fds|fama|arm[ée]e)"]
SIDE_ENEMY_BEFORE = [r"c[ôo]t[ée]\s+(?:ennemis?|adverse|terroristes?|assaillants)"]
ONE_DEAD = [r"(?:d['’])?(?:un|une)\s+(?:seul\s+)?(?:mort|d[ée]c[èe]s|tu[ée])"]
EARLIER = [r"premier\s+bilan", r"bilan\s+initial", r"initialement", r"pr[ée]c[ée]dent\s+bilan", r"dans\s+un\s+premier\s+temps",
           r"auparavant", r"pour\s+rappel"]
# Nouns that count members of a group named after them ("members of the security forces").
MEMBER_NOUNS = [r"membres", r"[ée]l[ée]ments"]
# Security forces named as a body, in such a complement.
FORCES = [r"forces\s+de\s+(?:d[ée]fense|s[ée]curit[ée])", r"forces\s+arm[ée]es", r"(?:arm[ée]e|police|gendarmerie)"]
# One person's death told without a count ("he succumbed to his wounds").
SINGLE_DEATH = [r"(?:a|est)\s+succomb[ée]e?\s+[àa]\s+ses\s+blessures", r"(?:est\s+)?mort\s+de\s+ses\s+blessures", r"(?:il|elle)\s+a\s+[ée]t[ée]\s+(?:tu[ée]e?|abattue?)"]

# Un meurtre raconté sans chiffre : un verbe actif et un groupe au pluriel (« des hommes armés tuent des villageois »).
UNNUMBERED_KILL_VERBS = [r"tuent", r"ont\s+tu[ée]", r"tuant", r"massacrent", r"ont\s+massacr[ée]", r"massacrant",
                         r"ex[ée]cutent", r"ont\s+ex[ée]cut[ée]", r"abattent", r"ont\s+abattu"]
PLURAL_VICTIMS = [r"soldats", r"militaires", r"policiers", r"gendarmes", r"volontaires", r"vdp", r"chasseurs", r"dozos",
                  r"villageois", r"civils", r"paysans", r"agriculteurs", r"[ée]leveurs", r"bergers", r"habitants", r"fid[èe]les",
                  r"commer[çc]ants", r"voyageurs", r"passagers", r"p[êe]cheurs", r"orpailleurs", r"[ée]l[èe]ves", r"femmes",
                  r"enfants", r"jeunes", r"personnes", r"chr[ée]tiens", r"musulmans", r"terroristes", r"jihadistes",
                  r"djihadistes", r"assaillants", r"combattants"]
# Determiners of a plural: "tué des villageois" counts no one villager.
PLURAL_DETERMINERS = [r"des", r"les", r"plusieurs", r"nombreux", r"nombreuses", r"quelques", r"ces"]
# "The killing of civilians": a noun of killing, not a killing told.
OF_WORDS = []  # French verbs of killing here are never nouns
