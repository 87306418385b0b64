"""English event cues: words and phrases tied to a kind of happening (regex fragments).

Each key is a cue of ``harmattan/taxonomy.yaml``'s cue families; the relevance
filter also needs every cue to contain one of STEM_WORDS or STEM_PREFIXES.
"""

CUES = {
    "flood": [r"flood(?:s|ing|ed|waters)?", r"flash[- ]floods?", r"torrential\s+rains?", r"landslides?", r"dam\s+(?:collapse|burst|failure)"],
    "drought": [r"droughts?"],
    "epidemic": [r"epidemics?", r"outbreaks?", r"cholera", r"meningitis", r"lassa\s+fever"],
    "storm": [r"(?:rain|wind|tropical|violent|heavy|severe|dust|sand)\s*storms?", r"windstorms?", r"rainstorms?", r"cyclones?"],
    "fire": [r"fire\s+broke\s+out", r"blaze", r"wildfires?"],
    "suicide": [r"suicide[- ]bomb(?:er|ers|ing|ings|s)?", r"suicide\s+attacks?", r"suicide\s+blasts?", r"suicide\s+car\s+bombs?",
                r"blew\s+(?:himself|herself|themselves)\s+up"],
    "air": [r"air\s*strikes?", r"airstrikes?", r"air\s+raids?", r"drone\s+strikes?", r"drone\s+attacks?", r"aerial\s+bombardments?",
            r"aerial\s+(?:attacks?|strikes?|operations?)", r"air\s+(?:interdictions?|operations?|component|assets?|bombardments?)", r"air\s+force", r"fighter\s+jets?", r"jets?", r"warplanes?",
            r"military\s+aircraft", r"aircraft", r"helicopter\s+gunships?", r"gunships?", r"(?:armed|military|army)\s+drones?", r"drones?"],
    "shelling": [r"shell(?:ing|ed|s)", r"mortars?", r"rockets?", r"artillery"],
    "grenade": [r"grenades?"],
    "ied": [r"ieds?", r"improvised\s+explosive", r"roadside\s+bombs?", r"landmines?", r"land\s+mines?", r"explosive\s+devices?",
            r"bomb\s+blasts?", r"blasts?", r"explosions?", r"bombings?", r"bombs?", r"bombed", r"bomb\s+attacks?", r"car\s+bombs?",
            r"exploded", r"explosives"],
    "abduct": [r"abduct(?:s|ed|ing|ion|ions)?", r"kidnap(?:s|ped|ping|pings)?", r"hostages?"],
    "sexual": [r"rap(?:e|ed|es|ing)", r"sexual\s+(?:violence|assault)"],
    "kill": [r"kill(?:s|ed|ing)?", r"neutrali[sz](?:ed|ing)", r"slain", r"massacre(?:s|d)?", r"slaughter(?:ed)?", r"murder(?:s|ed)?",
             r"shot\s+dead", r"gunned\s+down", r"beheaded", r"executed", r"dead", r"die", r"dies", r"died", r"deaths?",
             r"death\s+toll", r"bodies", r"lives", r"lost\s+their\s+lives", r"succumbed", r"guns?\s+down", r"gunning\s+down",
             r"victims\s+(?:were\s+)?buried"],
    "attack": [r"attack(?:s|ed|ing|ers)?", r"raid(?:s|ed)?", r"storm(?:ed|ing)", r"ambush(?:ed|es)?", r"assault(?:s|ed)?",
               r"opened\s+fire", r"gunmen", r"offensives?", r"gunfire", r"shooting", r"invaded"],
    "clash": [r"clash(?:es|ed)?", r"fighting", r"fight\s+(?:for|over)", r"fought", r"battles?", r"gun\s*battles?", r"exchange\s+of\s+fire", r"firefights?",
              r"skirmish(?:es)?", r"repelled", r"repulsed", r"gunfire\s+(?:was\s+)?heard", r"gunshots\s+(?:were\s+)?heard"],
    "overtake": [r"overr(?:an|un)", r"took\s+control", r"taken\s+control", r"seized\s+control",
                 r"(?:captured|seized|took)\s+(?:the\s+)?(?:\w+\s+)?(?:town|village|city|base|camp|post|outpost|garrison|barracks)"],
    "regain": [r"retook", r"retaken", r"recaptur(?:e|ed|es)", r"regain(?:ed|s)?\s+control", r"liberat(?:ed|ion)",
               r"restored\s+(?:order|control)", r"back\s+in\s+control"],
    "protest": [r"protests?", r"protest(?:ed|ers|ing)", r"demonstrat(?:ion|ions|ors|ed)", r"rall(?:y|ies)", r"marched", r"sit-in",
                r"(?:took|take|takes|taking)\s+to\s+the\s+streets?"],
    "riot": [r"riots?", r"rioters?", r"rioting", r"mob", r"lynch(?:ed|ing)?", r"looters?"],
    "withdraw": [r"withdraw(?:al|als|s|n)?", r"withdrew", r"pull(?:ed|s|ing)?\s+out", r"exit", r"departure", r"handed\s+over",
                 r"hand(?:ed|s)?\s+over", r"handover", r"hand-over", r"left\s+the\s+(?:base|camp)", r"vacated"],
    # Cues are matched with every pack's: "coup" must not catch French "coup de feu", "coups durs".
    "coup": [r"coups?(?!\s+(?:de|d['’]|du|des|franc|dur|durs|bas|sur)\b)(?!-)", r"putsch", r"mutiny", r"seized\s+power", r"took\s+power", r"military\s+council", r"junta\s+took",
             r"(?:overthrew|overthrown|ousted|toppled|deposed)\s+(?:the\s+)?(?:\w+\s+)?(?:president|government|regime|head\s+of\s+state)"],
    "agreement": [r"agreements?", r"accords?", r"ceasefire", r"cease-fire", r"peace\s+deal", r"truce", r"signed"],
    "arrest": [r"arrest(?:s|ed|ing)?", r"detained", r"detain(?:s|ing)?", r"captured\s+alive", r"apprehended", r"taken\s+into\s+custody"],
    "base": [r"deploy(?:ed|ment|s)", r"established\s+a\s+base", r"new\s+base"],
    "looting": [r"loot(?:ed|ing)", r"pillag(?:e|ed)", r"burn(?:ed|t)\s+(?:down\s+)?(?:houses|homes|villages?|shops)", r"set\s+(?:fire|ablaze)\s+to",
                r"torched", r"destroyed\s+(?:houses|homes|property)",
                r"destroy(?:ed|ing)?\s+(?:[\w'’]+\s+){0,2}?(?:facilities|installations|buildings|vehicles|equipment|infrastructure)", r"sabotage[ds]?", r"vandali[sz]ed"],
    "surrender": [r"surrender(?:ed|s)?", r"defect(?:ed|ors?)"],
    "weapons": [r"arms\s+cache", r"weapons\s+cache", r"defused", r"seized\s+(?:weapons|arms|explosives)"],
    "jailbreak": [r"jail\s*break", r"prison\s+break", r"freed\s+(?:\w+\s+)?(?:inmates|prisoners)", r"inmates\s+escaped"],
}
# Whole words and word beginnings (four letters or more) one of which every cue contains.
STEM_WORDS = """take takes taking gunfire gunshots guns gunning victims restored crue torrential lassa cholera fire blaze drone drones strike strikes raids ied ieds  rape raped
slain dead die dies died lives bodies shot gunned gunmen shooting gun mob coup coups control marched truce signed base
bases arms peace exit departure pull pulls pulled pulling executed execution executions accord accords blew jet jets
dam hand handed hands handover hand-over left vacated took invaded jail prison freed inmates repelled repulsed lost
junta military aircraft""".split()
STEM_PREFIXES = """succumb offensiv flood landslid drought epidem outbreak mening storm windstorm rainstorm cyclon wildfire suicid bombard
shell mortar rocket artiller grenad roadsid landmin explos explod improvis blast bomb abduct kidnap hostag sexual kill
massacr slaughter murder behead death attack raid ambush assault gunfir clash fight fought battl skirmish firefight
overran overrun seize seizi captur retook retaken recaptur regain liberat protest demonstr rally ralli riot lynch withdr
agreement ceasefir cease arrest detain apprehend deploy establish loot pillag burn torch destroy surrend defect weapon
defus neutral overthr oust toppl depos aerial fighter warplan aircraft helicop gunship sabotag vandal looter custody
mutin putsch jailbr""".split()
