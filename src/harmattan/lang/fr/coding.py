"""Mots français qui décident du codage d'un incident (type, sous-type, cibles)."""

FORCE_ON_CROWD = [r"tir[ée]s?\s+(?:[àa]\s+balles\s+r[ée]elles\s+)?sur\s+(?:les\s+)?(?:manifestants|foule)", r"r[ée]pression",
                  r"r[ée]prim[ée]e?s?", r"balles\s+r[ée]elles", r"tu[ée]s?\s+(?:\w+\s+){0,2}manifestants", r"manifestants\s+tu[ée]s"]
INTERVENTION = [r"gaz\s+lacrymog[èe]nes?", r"dispers[ée]e?s?", r"disperser", r"interpell[ée]s?", r"arr[êe]t[ée]s", r"canons?\s+[àa]\s+eau",
                r"matraqu"]
ATTEMPT = [r"tentative", r"d[ée]jou[ée]e?", r"avort[ée]e?", r"manqu[ée]e?", r"[ée]chou[ée]e?", r"complot", r"pr[ée]sum[ée]e?\s+coup",
           r"projet\s+de\s+coup"]
STATE_TARGET_BEFORE = [r"vis[ée]e?s?", r"visant", r"contre", r"cibl[ée]e?s?", r"ciblant", r"attaqu[ée]e?s?", r"embuscade\s+(?:tendue\s+)?(?:[àa]|contre)"]
REPELLED = [r"repouss[ée]e?s?", r"riposte", r"ripost[ée]", r"accroch[ée]", r"[ée]chang[ée]s?\s+de\s+tirs", r"mis\s+en\s+d[ée]route"]
JAILBREAK = [r"[ée]vasion", r"[ée]vad[ée]s", r"prison\s+attaqu[ée]e"]
MILITARY_TARGET = [r"camp\s+militaire", r"poste\s+(?:militaire|de\s+police|avanc[ée])", r"positions?\s+de\s+l['’]arm[ée]e", r"convoi",
                   r"patrouille", r"caserne", r"brigade", r"d[ée]tachement", r"palais\s+pr[ée]sidentiel", r"pr[ée]sidence", r"gendarmerie",
                   r"commissariat"]
CIVILIAN_TARGET = [r"mariage", r"fun[ée]railles", r"h[ôo]pital", r"march[ée]", r"mosqu[ée]e", r"[ée]glise", r"[ée]cole", r"villageois",
                   r"fid[èe]les", r"civils", r"habitants", r"d[ée]plac[ée]s", r"passagers?", r"voyageurs?"]
MOSTLY_CIVILIANS = [r"en\s+majorit[ée]\s+des\s+civils", r"majoritairement\s+des\s+civils", r"pour\s+la\s+plupart\s+des\s+civils",
                    r"la\s+plupart\s+des\s+victimes\s+(?:[ée]taient|sont)\s+des\s+(?:civils|habitants|villageois)"]
GROUND = [r"assaut", r"embuscade", r"ouvert\s+le\s+feu", r"affrontements?", r"combats?"]
OUTSKIRTS = [r"environs", r"près\s+de", r"pr[èe]s\s+d['’]", r"non\s+loin\s+de", r"aux\s+abords\s+de", r"p[ée]riph[ée]rie"]
NOT_THE_SCENE = [r"vers", r"en\s+direction\s+de", r"(?:[ée]vacu[ée]s?|transf[ée]r[ée]s?|conduits?|admis)\s+(?:\w+\s+){0,2}?[àa]",
                 r"h[ôo]pital\s+de", r"se\s+sont\s+r[ée]fugi[ée]s\s+[àa]", r"(?:trouver|trouv[ée]|cherch[ée]r?)\s+refuge\s+[àa]",
                 r"r[ée]fugi[ée]s\s+[àa]", r"fu(?:i|ir|yant)\s+(?:\w+\s+){0,2}?[àa]"]
ARTICLES = [r"l['’]", r"la", r"le", r"les"]
UNCLAIMED = [r"aucun\s+groupe\s+n['’]a\s+revendiqu", r"pas\s+(?:encore\s+)?[ée]t[ée]\s+revendiqu", r"non\s+revendiqu"]
SPEAKER_NOUNS = [r"communiqu[ée]", r"porte-parole"]
SPEAKER_VERBS = [r"a\s+(?:indiqu[ée]|annonc[ée]|d[ée]clar[ée]|confirm[ée]|pr[ée]cis[ée])", r"ont\s+(?:indiqu[ée]|annonc[ée]|d[ée]clar[ée])"]
SPEAKER_BEFORE = [r"selon"]
ACTS_AFTER = [r"tu", r"attaqu"]
MOB = [r"vindicte", r"justice\s+populaire"]
CAPITAL_CUES = [r"palais\s+(?:pr[ée]sidentiel|de\s+la\s+pr[ée]sidence)", r"pr[ée]sidence\s+de\s+la\s+r[ée]publique",
                r"t[ée]l[ée]vision\s+(?:publique|nationale|d['’][ée]tat)", r"la\s+capitale"]
