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
