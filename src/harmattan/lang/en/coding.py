"""English words that decide how an incident is coded (type, sub-type, targets)."""

# Force used on a crowd: a protest met with lethal or violent force.
FORCE_ON_CROWD = [r"(?:opened\s+fire|fired(?:\s+live\s+(?:rounds|ammunition|bullets))?|shot)\s+(?:at\s+|on\s+|into\s+)?(?:the\s+)?(?:peaceful\s+)?(?:protesters|demonstrators|crowds?|marchers)",
                  r"crackdown", r"repression", r"live\s+(?:rounds|ammunition|bullets)", r"killed\s+(?:\w+\s+){0,2}(?:protesters|demonstrators)"]
# A crowd dispersed or held back.
INTERVENTION = [r"tear\s*gas", r"dispersed", r"disperse", r"arrested", r"water\s+cannon", r"baton"]
# A coup that failed or was planned: its arrests are the event, or it is "Other".
ATTEMPT = [r"attempt(?:ed)?", r"foiled", r"failed", r"thwarted", r"plot(?:ters|ting)?", r"alleged\s+coup", r"aborted"]
# Words before a state force that make it the target ("an attack targeting soldiers").
STATE_TARGET_BEFORE = [r"target(?:ed|ing)", r"against", r"attacked", r"ambushed", r"on\s+(?:a|an|the)", r"at\s+(?:a|an|the)"]
# An attack fought off: there was fighting.
REPELLED = [r"repelled", r"repulsed", r"fought\s+off", r"beat\s+back", r"engaged\s+the\s+(?:attackers|assailants|gunmen|terrorists)",
            r"exchange\s+of\s+fire", r"gun\s*battle"]
# A jailbreak.
JAILBREAK = [r"jail\s*break", r"prison\s+break", r"freed\s+(?:\w+\s+)?(?:inmates|prisoners)", r"inmates\s+escaped"]
# Places and units that make an attack one on the security forces.
MILITARY_TARGET = [r"(?:army|military)\s+(?:base|camp|post|barracks|positions?|convoy|patrol|checkpoint|outpost|section|detachment)",
                   r"base", r"barracks", r"checkpoint", r"police\s+station", r"gendarmerie",
                   r"presidency", r"presidential\s+(?:palace|compound|complex|building|guard)", r"state\s+house"]
# Places and people that make an attack one on civilians.
CIVILIAN_TARGET = [r"wedding", r"funeral", r"hospital", r"market", r"mosque", r"church", r"school", r"bus", r"village", r"villagers",
                   r"worshippers", r"civilians", r"displaced", r"camp\s+for\s+displaced", r"passengers?", r"travell?ers?", r"commuters?"]
MOSTLY_CIVILIANS = [r"(?:mostly|mainly|majority\s+of\s+them|most\s+of\s+them)\s+civilians",
                    r"(?:most|the\s+majority)\s+of\s+(?:the\s+)?(?:victims|dead|those\s+killed)\s+(?:were\s+)?(?:civilians|villagers|residents)"]
# A fight on the ground (not a strike from afar).
GROUND = [r"stormed", r"raid(?:ed)?", r"ambush(?:ed)?", r"overran", r"gunmen", r"opened\s+fire", r"clash(?:es|ed)?", r"gun\s*battle"]
# Near a place: the place is approximate.
OUTSKIRTS = [r"outskirts", r"near", r"close\s+to", r"around", r"vicinity"]
# Words before a place that is not where it happened ("rushed to a hospital in Kano").
NOT_THE_SCENE = [r"(?:evacuated|taken|rushed|flown|transferred|moved|fled|returned|travell?ed|headed|brought)\s+(?:\w+\s+){0,2}?(?:to|towards)",
                 r"hospitals?\s+in", r"(?:took|taken|sought|seeking|found)\s+refuge\s+in"]
ARTICLES = [r"the"]
# No one has claimed the attack: its author is suspected.
UNCLAIMED = [r"no\s+group\s+(?:has\s+)?claimed", r"not\s+(?:yet\s+)?claimed", r"unclaimed", r"no\s+one\s+has\s+claimed"]
# A state force that only speaks ("..., police said").
SPEAKER_NOUNS = [r"spokes(?:man|woman|person)", r"chief", r"commander", r"command", r"headquarters", r"hq", r"source", r"sources",
                 r"statement"]
SPEAKER_VERBS = [r"said", r"says", r"confirmed", r"confirms", r"told", r"stated", r"announced", r"reported", r"disclosed", r"added",
                 r"explained", r"insisted"]
SPEAKER_BEFORE = [r"according\s+to", r"said", r"quoted", r"citing"]
# After a state force: it acts, it does not only speak.
ACTS_AFTER = [r"kill", r"attack", r"clash"]
# Mob violence among riots.
MOB = [r"mob", r"lynch"]
# Places that are in the capital: an event there with no town named happened in the seat of government.
CAPITAL_CUES = [r"presidential\s+(?:palace|complex|compound|guard)", r"presidency", r"state\s+house", r"(?:state|national|public)\s+television",
                r"the\s+capital(?:\s+city)?"]
