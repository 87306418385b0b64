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
