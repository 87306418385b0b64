"""English toll grammar: who is counted, and the words that make a figure a death, a wound, an abduction.

Lists are regular-expression fragments; the casualty finder joins every pack's.
"""

# Nouns of the groups a figure counts.
ATTACKERS = [r"militants?", r"insurgents?", r"terrorists?", r"jihadists?", r"islamists?", r"bandits?", r"gunmen", r"attackers?",
             r"assailants?", r"fighters?", r"rebels?", r"extremists?", r"kidnappers?", r"suspects", r"armed\s+men",
             r"suicide\s+bombers?", r"bombers?", r"members", r"elements"]
SECURITY = [r"soldiers?", r"troops?", r"servicemen", r"service\s+members", r"policemen", r"police\s*(?:officers|men|personnel)?",
            r"officers", r"gendarmes?", r"personnel", r"security\s+(?:forces|personnel|operatives)", r"operatives", r"guards?",
            r"volunteers", r"militiamen", r"vigilantes", r"hunters", r"peacekeepers", r"auxiliaries", r"army\s+officers",
            r"customs\s+officers", r"rangers"]
CIVILIANS = [r"civilians?", r"villagers?", r"residents?", r"worshippers?", r"(?:farm\s+|rice\s+|mine\s+|aid\s+)?workers", r"labou?rers",
             r"commuters", r"shoppers", r"refugees", r"relatives", r"family\s+members", r"pupils?", r"students?", r"schoolchildren",
             r"schoolgirls", r"schoolboys", r"children", r"teens", r"teenagers", r"youths", r"idps", r"displaced\s+persons",
             r"women", r"girls", r"boys", r"farmers?", r"traders?", r"passengers?", r"miners?", r"mourners", r"guests",
             r"herders?", r"herdsmen", r"fishermen", r"travellers", r"travelers", r"teachers?", r"staff\s+members", r"staff",
             r"christians", r"muslims", r"humanitarians?", r"aid\s+workers", r"nationals", r"expatriates", r"foreigners", r"tourists", r"protesters", r"demonstrators", r"inmates",
             r"journalists", r"reporters", r"conservationists", r"activists", r"nurses", r"doctors", r"engineers"]
PEOPLE = [r"people", r"persons?", r"others?", r"individuals", r"lives", r"victims?", r"bodies"]
DEAD_NOUNS = [r"dead", r"deaths", r"fatalities", r"bodies", r"corpses"]
# Names of armed groups that make a count the attackers' ("20 Boko Haram fighters").
ATTACKER_NAMES = [r"boko\s+haram", r"iswap", r"jnim", r"\bisis\b", r"islamic\s+state", r"al-?qaeda"]
# Links between a figure and its noun: "20 of the soldiers".
NOUN_LINKS = [r"of\s+(?:their|the|them|whom|its|his)", r"of"]
# Words that end the adjectives before a noun ("12 [young] soldiers" but not "12 in the attack").
NOUN_STOPS = [r"and", r"in", r"at", r"on", r"by", r"as", r"when", r"after", r"from", r"to", r"for", r"with", r"who", r"were",
              r"was", r"are", r"is", r"have", r"has", r"had", r"been", r"killed", r"dead", r"died", r"die", r"dies", r"wounded",
              r"injured", r"hurt", r"missing", r"abducted", r"kidnapped"]
# Auxiliaries after a figure and its noun (and before a French post-posed adjective).
AUXILIARIES = [r"were", r"was", r"have", r"has", r"had", r"are", r"is"]
# Links in an enumeration of figures: "three soldiers and two police officers".
ENUM_LINKS = [r",", r"and", r"as\s+well\s+as", r"plus", r"along\s+with"]
# Words between a figure and its predicate: "were reportedly killed".
AUX = [r"were", r"was", r"have", r"has", r"had", r"are", r"is", r"been", r"now", r"reportedly", r"confirmed", r"feared",
       r"believed", r"presumed", r"said", r"later", r"also", r"all", r"reported", r"found"]
# Predicates after a figure.
KILLED_AFTER = [r"killed", r"dead", r"died", r"die", r"dies", r"slain", r"murdered", r"massacred", r"perished", r"beheaded",
                r"(?:victims|bodies|corpses)\s+(?:were\s+|are\s+)?(?:buried|recovered)", r"buried",
                r"executed", r"burnt\s+to\s+death", r"burned\s+to\s+death", r"shot\s+dead", r"drowned", r"lost\s+their\s+lives",
                r"lose\s+their\s+lives", r"confirmed\s+dead", r"neutrali[sz]ed", r"eliminated", r"succumbed"]
INJURED_AFTER = [r"injured", r"wounded", r"hurt"]
MISSING_AFTER = [r"(?:remain(?:ed)?\s+|still\s+|are\s+still\s+)?(?:missing|unaccounted\s+for)"]
ABDUCTED_AFTER = [r"abducted", r"kidnapped", r"taken\s+hostage", r"seized"]
# Verbs before a figure: "killed 12", "claimed the lives of 12".
KILL_BEFORE = [r"kill", r"kills", r"killed", r"killing", r"claims?", r"claimed", r"claiming", r"neutrali[sz]ed", r"neutrali[sz]ing",
               r"massacre", r"massacres", r"massacred", r"slaughtered", r"slaughter", r"murdered", r"murder", r"murders",
               r"executed", r"beheaded", r"behead", r"gunned\s+down", r"shot\s+dead", r"claimed\s+the\s+lives\s+of",
               r"claiming\s+the\s+lives\s+of", r"claim\s+the\s+lives\s+of", r"took\s+the\s+lives\s+of", r"eliminated",
               r"eliminating", r"guns?\s+down", r"gunning\s+down", r"deaths?\s+of", r"killing\s+of", r"murder\s+of"]
INJURE_BEFORE = [r"injur(?:e|es|ed|ing)", r"wound(?:s|ed|ing)?", r"hurt(?:ing)?"]
ABDUCT_BEFORE = [r"abduction\s+of", r"kidnapping\s+of", r"abduct(?:s|ed|ing)?", r"kidnap(?:s|ped|ping)?", r"seiz(?:e|ed|ing)", r"took", r"taking"]
# A figure after these is a consequence, not a death by itself ("leaving 5" needs "dead").
MAKE_DEAD_BEFORE = [r"left", r"leaving", r"leaves", r"caused", r"causing", r"result(?:ed)?\s+in"]
# Nouns of a toll: "the death toll rose to 53".
TOLL_NOUNS = [r"death\s+toll", r"toll", r"number\s+of\s+(?:people\s+|those\s+|persons\s+)?(?:killed|dead)", r"casualty\s+figure",
              r"(?:casualties|deaths|dead)(?=[^.;:\d]{0,60}?\btotal(?:l?ing|l?ed|s)\b)"]
# A revised toll.
UPDATE = [r"rose", r"risen", r"rises", r"rise", r"climb(?:s|ed)?", r"jump(?:s|ed)?", r"increas(?:es|ed)", r"surpass(?:es|ed)?",
          r"exceed(?:s|ed)?", r"pass(?:es|ed)", r"reach(?:es|ed)", r"now"]
# Before a toll noun, a revised toll: "according to a new toll", "the latest death toll".
REVISED_BEFORE = [r"new", r"latest", r"updated", r"revised", r"bringing", r"raising", r"pushing", r"taking"]
# Qualifiers that, on a toll, mean a revision ("surpassed 100").
UPDATE_QUALIFIERS = [r"surpass", r"exceed"]
# A party's claim, not a count: "JNIM said it had killed 20".
CLAIM = [r"claim(?:s|ed)?\s+(?:to\s+have|it\s+had|they\s+had|it\s+has)", r"said\s+(?:it|they)\s+(?:had\s+)?",
         r"says\s+(?:it|they)\s+(?:had\s+)?"]
# A subset of another figure: "including 4 children".
SUBSET = [r"including", r"among\s+them", r"of\s+whom", r"among\s+whom", r"mostly", r"most\s+of\s+them"]
# No one died.
ZERO = [r"no\s+(?:deaths|casualties|fatalities|one\s+was\s+(?:killed|hurt|injured))",
        r"no\s+(?:lives\s+were\s+lost|deaths\s+were\s+reported)", r"without\s+(?:causing\s+)?(?:casualties|any\s+deaths)"]
# Units after a number that make it no head count.
UNITS_AFTER = [r"%", r"per\s*cent", r"km", r"kilomet", r"miles?", r"years?", r"days?", r"hours?", r"minutes", r"months?",
               r"weeks?", r"million", r"billion", r"naira", r"dollars?", r"\$", r"euros?", r"tonnes?", r"metres?", r"meters?"]
# Words before a number that make it no count ("not 5").
NEGATIONS = [r"no", r"not"]
# One person named by a singular noun: "gunmen killed a soldier".
SECURITY_ONE = [r"soldier", r"policeman", r"police\s+officer", r"officer", r"gendarme", r"security\s+operative", r"vigilante",
                r"security\s+agent", r"guard"]
ONE = [r"farmer", r"man", r"woman", r"boy", r"girl", r"child", r"youth", r"driver", r"motorcyclist", r"cyclist", r"trader",
       r"chairman", r"chief", r"pastor", r"imam", r"priest", r"teacher", r"student", r"member", r"mother", r"father", r"wife",
       r"husband", r"son", r"daughter", r"journalist", r"herder", r"herdsman", r"villager", r"resident", r"civilian", r"leader",
       r"commander", r"official", r"emir", r"monarch", r"traditional\s+ruler", r"politician", r"lawmaker", r"guide", r"mayor",
       r"conservationist", r"ranger", r"tourist", r"activist", r"(?:aid\s+)?worker", r"nurse", r"doctor", r"engineer"]
SINGLE_KILL_VERBS = [r"kill(?:s|ed|ing)?", r"murder(?:s|ed)?", r"behead(?:s|ed)?", r"shot\s+dead", r"shoots\s+dead", r"stab(?:s|bed)?",
                     r"gun(?:s|ned)?\s+down", r"lynch(?:es|ed)?"]
SINGLE_ARTICLES = [r"an?", r"one", r"the"]
SINGLE_PASSIVE = [r"was", r"has\s+been"]
SINGLE_KILLED_AFTER = [r"killed", r"shot\s+dead", r"murdered", r"died", r"found\s+dead"]
# Sides of a fight in an army communiqué: a figure on our side, on the enemy's.
SIDE_OWN = [r"on\s+(?:our|the\s+army['’]s|the\s+government['’]s)\s+side"]
SIDE_ENEMY = [r"on\s+the\s+(?:enemy|enemy['’]s|attackers['’]|terrorists['’])\s+side"]
# A figure from witnesses or residents: credible only when no official figure is given.
UNOFFICIAL = [r"according\s+to\s+(?:some\s+|local\s+|the\s+)?(?:witness(?:es)?|residents?|locals|survivors|local\s+sources|villagers)",
              r"(?:witness(?:es)?|residents?|locals|survivors|villagers|local\s+sources)\s+(?:said|say|says|told|reported|claimed|put)",
              r"unconfirmed", r"unofficial", r"some\s+sources", r"other\s+sources"]
# Side words before a figure: "our side: 5 dead".
SIDE_OWN_BEFORE = []
SIDE_ENEMY_BEFORE = []
# "one dead", "a single death": one person, without a number.
ONE_DEAD = [r"(?:one|a\s+single)\s+(?:dead|death|fatality)"]
# An earlier toll, superseded by the report's own ("the initial toll was 5").
EARLIER = [r"initial(?:ly)?", r"earlier\s+(?:toll|figure|count|reports?)", r"previous(?:ly)?", r"first\s+(?:toll|count|reports?)",
           r"had\s+(?:earlier|initially)"]
# Nouns that count members of a group named after them ("members of the security forces").
MEMBER_NOUNS = [r"members", r"elements"]
# Security forces named as a body, in such a complement.
FORCES = [r"security\s+forces", r"armed\s+forces", r"(?:army|police|military)"]
# One person's death told without a count ("he succumbed to his wounds").
SINGLE_DEATH = [r"(?:succumbed|died)\s+(?:to|of|from)\s+(?:his|her)\s+(?:wounds|injuries)", r"(?:he|she)\s+was\s+(?:killed|shot\s+dead)"]

# A killing told without a figure: an active verb and a plural group ("gunmen kill farmers").
UNNUMBERED_KILL_VERBS = [r"kill(?:s|ed|ing)?", r"slaughter(?:s|ed|ing)?", r"massacre(?:s|d)?", r"murder(?:s|ed|ing)?",
                         r"behead(?:s|ed|ing)?", r"guns?\s+down", r"gunned\s+down", r"gunning\s+down"]
PLURAL_VICTIMS = [r"soldiers", r"troops", r"policemen", r"police\s+officers", r"officers", r"gendarmes", r"vigilantes",
                  r"hunters", r"villagers", r"civilians", r"farmers", r"herders", r"herdsmen", r"residents", r"worshippers",
                  r"traders", r"travellers", r"travelers", r"passengers", r"fishermen", r"miners", r"students", r"pupils",
                  r"women", r"children", r"youths", r"people", r"christians", r"muslims", r"militants", r"fighters",
                  r"insurgents", r"terrorists", r"bandits", r"jihadists", r"gunmen"]
# Determiners of a plural: "tué des villageois" counts no one villager.
PLURAL_DETERMINERS = [r"several", r"many", r"some", r"scores", r"dozens"]
# "The killing of civilians": a noun of killing, not a killing told.
OF_WORDS = [r"of"]
