"""Mots français autour des noms de lieux : prépositions, noms de localités, gentilés, mots qui ne sont jamais des lieux."""

# Capitalised words common in news prose that also name some village: never a place without an explicit cue.
COMMON = """etat-islamique al aout armee atlantique attaque attaques avril bilan blesses centrale centre cercle civils collines commune
communes de decembre departement des dimanche donc dozo du est et fevrier gendarmerie gendarmes habitants
janvier jeudi juillet juin la lac le les littoral lundi mai mais mardi maritime mars mercredi morts noel nord
nouveau nouvelle novembre octobre ou ouest pays peul peuls plateaux prefecture premier premiere qaida region
samedi savanes securite selon septembre soldats sources sud tues un une vendredi ville villes"""

# Words before a place: prepositions, and verbs whose object is a place ('attacked Djibo').
LOC_PREP = """assiégé attaque attaquent attaqué au autour aux chez dans depuis en entre frappé pres près sur vers à"""

# Une route nommée par ses deux villes : « l'axe Kaya-Dori », « la route Djibo-Ouahigouya » ; et « entre X et Y ».
ROUTE_AFTER = """"""
ROUTE_BEFORE = """axe route routes tronçon troncon train voie piste corridor"""
BETWEEN_WORDS = """entre"""
# Unités d'une distance à un point de repère : « à 18 km au sud-ouest de Bankass ».
DISTANCE_UNITS = """km kilomètres kilometres kilomètre kilometre"""
AND_WORDS = """et"""

# Near a place: the place is approximate.
NEAR_WORDS = """autour environs pres près nord sud est ouest nord-est nord-ouest sud-est sud-ouest"""

# Points of the compass: "le centre du pays", "le nord du Mali" name a part of a country, not the unit named so.
COMPASS = """nord sud est ouest centre nord-est nord-ouest sud-est sud-ouest centre-nord centre-sud centre-est centre-ouest"""
# Nouns for the country itself ("le centre du pays").
COUNTRY_NOUNS = """pays"""
# Déterminants sautés entre « de » et un nom.
DETERMINERS = """le la les l"""

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

# Les villages qu'aucun gazetier ne connaît restent nommés, avec l'unité qui les contient, quand le texte dit ce qu'ils sont.
# Avant « de » : un nom qui annonce celui d'une localité (« le village de X »).
NAMED_SETTLEMENT_BEFORE = "village villages hameau localite localité détachement detachement poste camp garnison"
# Adjectifs entre ce nom et « de » (« le village peul de X », « le village frontalier de X »).
NAMED_SETTLEMENT_ADJECTIVES = "peul peule peuls dogon dogons touareg touaregs bambara mossi haoussa songhaï songhai arabe arabes bella gourmantché gourmantche frontalier chrétien chretien musulman agricole minier"
# Après un nom : un nom qui en fait une localité.
NAMED_SETTLEMENT_AFTER = ""
# Préposition devant une localité suivie de l'unité qui la contient (« à X dans la région de Y »).
SETTLEMENT_PREP = "à a dans près pres"
# Entre un village et la ville près de laquelle il se trouve (« X, non loin de la ville de Y »).
NEAR_PHRASES = ["non loin de", "non loin d", "près de", "pres de", "près d", "à proximité de", "a proximite de", "aux environs de", "proche de"]
# Mots entre une localité et l'unité qui la contient (« X, dans la province du Y »).
WITHIN_WORDS = "dans en de du des d la le les l"

# Titles before a person's name: the capitalised words that follow are the name ("Governor Uba Sani").
PERSON_TITLES = "gouverneur président president général general colonel capitaine lieutenant commandant sergent adjudant caporal ministre sénateur senateur chef émir emir imam pasteur abbé abbe père pere monseigneur mgr m mme dr porte-parole commissaire préfet prefet maire sultan roi"

# An office or institution "of" a town names its seat, not where an event happened ("the prosecutor of X").
OFFICE_OF = "procureur tribunal parquet cour université universite hôpital hopital gouverneur maire émir emir préfet prefet évêque eveque diocèse diocese archevêque commissaire conseil"

# Capitalised words of a facility named after its town ("Kuje Custodial Centre"): the town is the place.
FACILITY_WORDS = ""

# Words that name a feature that is not a town, before or after its name ("parc de la Pendjari", "Sambisa forest"),
# with the kind of feature each names (the values of gazetteer.FEATURE_CODES).
FEATURE_HEADS = {'parc': 'park', 'réserve': 'park', 'reserve': 'park', 'forêt': 'forest', 'foret': 'forest', 'aéroport': 'airport', 'aeroport': 'airport', 'aérodrome': 'airport', 'aerodrome': 'airport', 'mine': 'mine', 'mines': 'mine', 'barrage': 'dam', 'base': 'base'}

# Words a headline puts between a preposition and a place ("Killed in Fresh Nasarawa Clash").
PLACE_QUALIFIERS = "nouvelle nouvel nouveau nouvelles nouveaux"

# Verbs of speech right after a name: the name is a speaker's ("Buba said"), not a place.
SPEECH_VERBS = ['a déclaré', 'a dit', 'a indiqué', 'a expliqué', 'a affirmé', 'a précisé', 'a ajouté', 'a annoncé', 'explique', 'affirme', 'précise', 'ajoute', 'indique', 'déclare']
# Nouns before "of" that may introduce a region as well as a town ("the Tsafe area of Zamfara").
AREA_NOUNS = "zone secteur"

# Before a source of information, not a place: "according to Dahiru", "selon Niamey" is a government's word.
SOURCE_BEFORE = ['selon', 'd après', 'cité par', 'cite par']

