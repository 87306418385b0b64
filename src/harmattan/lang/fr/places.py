"""Mots français autour des noms de lieux : prépositions, noms de localités, gentilés, mots qui ne sont jamais des lieux."""

# Capitalised words common in news prose that also name some village: never a place without an explicit cue.
COMMON = """etat-islamique al aout armee atlantique attaque attaques avril bilan blesses centrale centre cercle civils collines commune
communes de decembre departement des dimanche donc dozo du est et fevrier gendarmerie gendarmes habitants
janvier jeudi juillet juin la lac le les littoral lundi mai mais mardi maritime mars mercredi morts noel nord
nouveau nouvelle novembre octobre ou ouest pays peul peuls plateaux prefecture premier premiere qaida region
samedi savanes securite selon septembre soldats sources sud tues un une vendredi ville villes"""

# Words before a place: prepositions, and verbs whose object is a place ('attacked Djibo').
LOC_PREP = """assiégé attaque attaquent attaqué au autour aux chez dans depuis en entre frappé pres près sur vers à"""

# Near a place: the place is approximate.
NEAR_WORDS = """autour environs pres près"""

# Before 'of'/'de', these introduce a settlement name ('the village of X').
SETTLEMENT_NOUNS = """commune environs ile localite localité marche marché quartier ville île"""

# After a name, these show it is a settlement ('Kuriga village').
AFTER_SETTLEMENT = """"""

# After a name, these show it qualifies an event or a group ('Plateau attacks').
AFTER_EVENT = """"""

# Nouns a state's name qualifies ('Kano pupils'): the state, not its capital.
STATE_MODIFIED = """"""

# Words of a first-level unit.
ADMIN1_WORDS = """region région"""

# Words of a second-level unit (LGA, cercle, department, prefecture).
ADMIN2_WORDS = """cercle departement département prefecture préfecture"""

# Small words inside multi-word place names.
CONNECTORS = """al d de des du el es et ka la le sur"""

STATE_AFTER = ""
STATE_BEFORE = "etat"
OF_WORDS = "de d du la"
LGA_WORDS = ""
LGA_PHRASES = []
REGION_WORDS = "region province"
COMMUNE_WORDS = "commune"
COMMUNE_KINDS = "rurale urbaine"
COMMUNE_PHRASES = []
MILITARY_WORDS = "militaire"
WATER_BEFORE = "lac fleuve riviere bassin"
WATER_AFTER = "fleuve"
PERSON_BEFORE = "par m mme général general"

# Gentilés de chaque pays (ISO2 -> formes séparées par |).
DEMONYMS = {
    "ML": "malien|malienne|maliens|maliennes",
    "BF": "burkinabè|burkinabé|burkinabès|burkinabés",
    "NE": "nigeriens|nigerienne|nigérien|nigérienne|nigériens|nigériennes",
    "NG": "nigeriane|nigérian|nigériane|nigérians|nigérianes",
    "TD": "tchadien|tchadienne|tchadiens|tchadiennes",
    "BJ": "beninois|béninois|béninoise|béninoises",
    "TG": "togolais|togolaise|togolaises",
    "GH": "ghaneen|ghanéen|ghanéenne|ghanéens",
    "CI": "ivoirien|ivoirienne|ivoiriens|ivoiriennes",
    "SN": "senegalais|sénégalais|sénégalaise|sénégalaises",
    "MR": "mauritanien|mauritanienne|mauritaniens",
    "CM": "camerounais|camerounaise|camerounaises",
    "DZ": "algérien|algérienne|algériens",
    "LY": "libyen|libyenne",
    "SD": "soudanais|soudanaise",
    "GN": "guinéen|guinéenne|guinéens",
    "FR": "français|française",
    "RU": "russe|russes",
    "US": "américain|américaine|américains",
    "UA": "ukrainien|ukrainienne",
    "TR": "turc|turque",
    "MA": "marocain|marocaine",
}
