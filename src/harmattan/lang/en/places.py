"""English words around place names: prepositions, settlement nouns, demonyms, words that are never places."""

# Capitalised words common in news prose that also name some village: never a place without an explicit cue.
COMMON = """north-east north-west west-africa islamic-state africa-corps a about afp africa africa corps african after airport all allah an and ansar ansaru ap apr april aqim aqmi
area army as assembly at atlantic attack attackers attacks aug august bandits base bbc before blast boko bomb
border boy boys bridge but by camp capital captain center central chief christian christians christmas church
city coast colonel commander communities community confirm confirmed confirms corps council court daesh
daughter day days dead death deaths dec december defence defense delta desert district dozens dr east easter
eastern eigs emir etat islamique evening family farm farmers father feb february federal first focus for force
forces forest fresh friday from frontier fulani gen general girl girls god government governor gsim gunmen
haram hausa he her herders herdsmen highway hills his hospital hundreds hunters i in insurgents into isgs isil
isis islam islamic islamic state island islands iswap it its jan january jihadist jihadists jnim jul july jun
june katiba kill killed kills king kingdom lake last least lieutenant local macina man many mar march market
may men militants military minister ministry monday more morning mosque most mother mountain mountains mr mrs
ms muslim muslims my national new news night no north north east north west northeast northern northwest not
nov november oct october of official officials old on or other others our over party people plateau police
president prison prophet province qaeda radio ramadan regions report reported reports republic residents
reuters river rivers road sahara sahel said saturday savanna savannah say says school scores second security
sep sept september sergeant several she since soldiers some son source south southeast southern southwest
state states station suicide sunday tabaski terrorist terrorists that the their these they third this those
thursday to toll town towns troops tuareg tuesday tv under union update vigilantes village villages wagner we
wednesday week weeks west west africa western with witness witnesses woman women year years you zone"""

# Words before a place: prepositions, and verbs whose object is a place ('attacked Djibo').
LOC_PREP = """a across around at attack attacked attacks besieged between captured from hit in inside into near on outside
outskirts overran overrun raid raided recaptured retook seized shelled storm stormed struck to toward towards
within"""

# Near a place: the place is approximate.
# Points of the compass: "the centre of the country", "the north of Mali" name a part of a country, not the unit named so.
COMPASS = """north south east west centre center central northeast northwest southeast southwest north-east north-west
south-east south-west north-central"""
# Nouns for the country itself ("the centre of the country").
COUNTRY_NOUNS = """country"""
# Determiners skipped between "of" and a noun ("of the country").
DETERMINERS = """the"""

# A route named by its two towns: "the Zaria-Kaduna road" (after), and "between X and Y".
ROUTE_AFTER = """road highway expressway railway rail train line route axis corridor stretch"""
ROUTE_BEFORE = """"""
BETWEEN_WORDS = """between"""
# Units of a distance to a reference point: "60 km from Kaduna".
DISTANCE_UNITS = """km kms kilometres kilometers kilometre kilometer miles mile"""
AND_WORDS = """and"""

NEAR_WORDS = """around near outside outskirts proximity vicinity
north south east west northeast northwest southeast southwest north-east north-west south-east south-west"""

# Before 'of'/'de', these introduce a settlement name ('the village of X').
SETTLEMENT_NOUNS = """area base camp city community district hamlet island locality market neighborhood neighbourhood outskirts
settlement suburb town towns village villages zone"""

# After a name, these show it is a settlement ('Kuriga village').
AFTER_SETTLEMENT = """area axis camp city communities community hamlet island market road settlement town village villages"""

# After a name, these show it qualifies an event or a group ('Plateau attacks').
AFTER_EVENT = """attack attacks blast bombing bombings church clash clashes communities community crisis farmers herders
killing killings market massacre mosque people raid raids residents school town village villagers villages
violence youths"""

# Nouns a state's name qualifies ('Kano pupils'): the state, not its capital.
STATE_MODIFIED = """assembly communities community farmers government governor indigenes lawmakers people pupils residents school
schoolboys schoolchildren schoolgirls schools secondary students traders villagers worshippers youths"""

# Words of a first-level unit.
ADMIN1_WORDS = """province state"""

# Words of a second-level unit (LGA, cercle, department, prefecture).
ADMIN2_WORDS = """county department lga lgas"""

# Small words inside multi-word place names.
CONNECTORS = """of"""

# Grammar words of admin units and features (normalised: lowercase, no accents).
STATE_AFTER = "state"
STATE_BEFORE = ""
OF_WORDS = "of"
LGA_WORDS = "lga lgas"
LGA_PHRASES = ["local government"]
REGION_WORDS = "region province"
COMMUNE_WORDS = "commune"
COMMUNE_KINDS = ""
COMMUNE_PHRASES = ["rural commune", "urban commune"]
MILITARY_WORDS = "military"
# Water around a name: "Lake Chad", "River Niger", "Niger Delta" are not the countries.
WATER_BEFORE = "lake river basin"
WATER_AFTER = "river delta basin state valley lake"
# Before a person's name, not a place's: "by Musa", "Mr Kano".
PERSON_BEFORE = "by mr president general"

# Demonyms of each country (ISO2 -> forms separated by |): 'Malian soldiers' names Mali.
DEMONYMS = {
    "ML": "malian|malians",
    "BF": "burkinabe|burkinabes",
    "NE": "nigerien",
    "NG": "nigerian|nigerians",
    "TD": "chadian|chadians",
    "BJ": "beninese",
    "TG": "togolese",
    "GH": "ghanaian|ghanaians",
    "CI": "ivorian|ivorians",
    "SN": "senegalese",
    "MR": "mauritanian|mauritanians",
    "CM": "cameroonian|cameroonians",
    "DZ": "algerian|algerians",
    "LY": "libyan|libyans|libyens",
    "SD": "sudanese",
    "GN": "guinean|guineans",
    "FR": "french",
    "RU": "russian|russians",
    "US": "american|americans",
    "UA": "ukrainian|ukrainians",
    "TR": "turkish",
    "MA": "moroccan",
}

# Villages no gazetteer knows are still named, with the unit around them, when the text says what they are.
# Before "of": a noun that announces a settlement's name ('the village of X').
NAMED_SETTLEMENT_BEFORE = "village villages hamlet settlement locality camp outpost garrison"
# After a name: a noun that makes it a settlement ('X village').
# Adjectives between that noun and "of" (French word order; English puts them before the noun).
# Between a village and the town it lies near ("X, near Y", "X, not far from the town of Y").
NEAR_PHRASES = ["near", "close to", "not far from", "on the outskirts of", "outside"]
NAMED_SETTLEMENT_ADJECTIVES = ""
NAMED_SETTLEMENT_AFTER = "village hamlet"
# A preposition before a settlement that is followed by the unit containing it ('at X in Y State').
SETTLEMENT_PREP = "in at near"
# Words between a settlement and the unit containing it ('X, in Y state', 'X in the Z region').
WITHIN_WORDS = "in within of the"

# Titles before a person's name: the capitalised words that follow are the name ("Governor Uba Sani").
PERSON_TITLES = "governor gov president general gen colonel col captain capt lieutenant lt major maj sergeant sgt commissioner minister senator hon honourable chief emir sheikh imam pastor bishop rev reverend dr mr mrs ms spokesman spokesperson commander brigadier corporal private inspector superintendent prince king sultan"

# An office or institution "of" a town names its seat, not where an event happened ("the prosecutor of X").
OFFICE_OF = "prosecutor court university hospital governor mayor emir prefect bishop diocese archdiocese commissioner chairman council"

# Capitalised words of a facility named after its town ("Kuje Custodial Centre"): the town is the place.
FACILITY_WORDS = "airport barracks bridge centre center church clinic college custodial hospital market mosque polytechnic prison school seminary station stadium university"

# Words that name a feature that is not a town, before or after its name ("parc de la Pendjari", "Sambisa forest"),
# with the kind of feature each names (the values of gazetteer.FEATURE_CODES).
FEATURE_HEADS = {'park': 'park', 'national': 'park', 'reserve': 'park', 'game': 'park', 'forest': 'forest', 'airport': 'airport', 'airfield': 'airport', 'mine': 'mine', 'mines': 'mine', 'dam': 'dam', 'barracks': 'base', 'base': 'base'}

# Words a headline puts between a preposition and a place ("Killed in Fresh Nasarawa Clash").
PLACE_QUALIFIERS = "fresh renewed latest new another recent deadly"

# Verbs of speech right after a name: the name is a speaker's ("Buba said"), not a place.
SPEECH_VERBS = ['said', 'says', 'told', 'added', 'explained', 'stated', 'noted', 'disclosed', 'revealed', 'confirmed', 'announced', 'insisted']
# Nouns before "of" that may introduce a region as well as a town ("the Tsafe area of Zamfara").
AREA_NOUNS = "area areas zone district"

# Before a source of information, not a place: "according to Dahiru", "selon Niamey" is a government's word.
SOURCE_BEFORE = ['according to', 'quoted by', 'told by']

