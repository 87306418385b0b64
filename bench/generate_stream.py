"""Generate a deterministic, realistic stream of news documents as JSON Lines.

The stream mixes security news (about a fifth: attacks, clashes, bombings,
abductions, floods, withdrawals in Mali, Burkina Faso, Niger, Nigeria, Benin,
Togo and Chad) with ordinary news (economy, sport, culture, health, politics,
weather, technology), in English and French, 300-900 words each, published
over 2024-2025. Every text is composed from the templates and word lists of
this file; nothing is copied from the press. The same seed gives the same
bytes.

Usage::

    python bench/generate_stream.py OUT.jsonl[.gz] [--docs 5000] [--seed 20240917] [--words 300-900]

Each line is a document in the input format of ``shared/spec/event-record.md``
(``url``, ``published``, ``source``, ``language``, ``title``, and ``text`` or
``html``). A few documents carry no ``published`` date, some are HTML pages
with navigation and scripts, and some are desk pages of one article and
teasers, because a real feed holds all of these.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html as html_lib
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEFAULT_DOCS = 5000
DEFAULT_SEED = 20240917
SECURITY_SHARE = 0.20
HTML_SHARE = 0.10
DESK_PAGE_SHARE = 0.05
UNDATED_SHARE = 0.03
MIN_WORDS, MAX_WORDS = 300, 900
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2025, 12, 31)

# --------------------------------------------------------------------------
# Calendar words
# --------------------------------------------------------------------------
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
}
MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
}
SHORT_MONTHS_EN = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# --------------------------------------------------------------------------
# Geography: country -> regions -> towns (names as the regional press writes them)
# --------------------------------------------------------------------------
GEO: dict[str, dict] = {
    "ML": {
        "en": "Mali", "fr": "le Mali", "fr_bare": "Mali", "adj_en": "Malian", "capital": "Bamako",
        "region_en": "region", "region_fr": "région", "army": "army_ml",
        "regions": {
            "Mopti": ["Djenné", "Bandiagara", "Sévaré", "Boni", "Douentza", "Bankass", "Koro"],
            "Ségou": ["Niono", "Macina", "Diafarabé", "San", "Tominian", "Markala"],
            "Tombouctou": ["Léré", "Goundam", "Niafunké", "Ber", "Diré"],
            "Gao": ["Ansongo", "Bourem", "Tessit", "Talataye"],
            "Ménaka": ["Ménaka", "Andéramboukane", "Inékar"],
            "Kidal": ["Tessalit", "Aguelhok", "Anéfis"],
            "Kayes": ["Nioro du Sahel", "Diboli", "Sandaré", "Kayes"],
            "Koulikoro": ["Kati", "Nara", "Kolokani", "Banamba"],
        },
    },
    "BF": {
        "en": "Burkina Faso", "fr": "le Burkina Faso", "fr_bare": "Burkina", "adj_en": "Burkinabe",
        "capital": "Ouagadougou", "region_en": "region", "region_fr": "région", "army": "army_bf",
        "regions": {
            "Sahel": ["Djibo", "Dori", "Gorom-Gorom", "Arbinda", "Sebba", "Markoye"],
            "Centre-Nord": ["Kaya", "Barsalogho", "Kongoussi", "Pissila", "Tougouri"],
            "Est": ["Fada N'Gourma", "Diapaga", "Pama", "Gayéri", "Kantchari"],
            "Boucle du Mouhoun": ["Dédougou", "Nouna", "Tougan", "Solenzo", "Toma"],
            "Nord": ["Ouahigouya", "Titao", "Thiou", "Séguénéga"],
            "Centre-Est": ["Tenkodogo", "Bittou", "Garango"],
        },
    },
    "NE": {
        "en": "Niger", "fr": "le Niger", "fr_bare": "Niger", "adj_en": "Nigerien", "capital": "Niamey",
        "region_en": "region", "region_fr": "région", "army": "army_ne",
        "regions": {
            "Tillabéri": ["Téra", "Ayorou", "Ouallam", "Banibangou", "Torodi", "Makalondi", "Abala"],
            "Tahoua": ["Tillia", "Tassara", "Tahoua", "Konni"],
            "Diffa": ["Bosso", "N'Guigmi", "Diffa", "Toumour"],
            "Maradi": ["Guidan Roumdji", "Madarounfa", "Dakoro"],
            "Dosso": ["Gaya", "Dogondoutchi", "Loga"],
        },
    },
    "NG": {
        "en": "Nigeria", "fr": "le Nigeria", "fr_bare": "Nigeria", "adj_en": "Nigerian", "capital": "Abuja",
        "region_en": "state", "region_fr": "État", "army": "army_ng",
        "regions": {
            "Borno": ["Gwoza", "Bama", "Konduga", "Dikwa", "Monguno", "Damboa", "Gubio"],
            "Zamfara": ["Maru", "Tsafe", "Anka", "Bukkuyum", "Gusau"],
            "Katsina": ["Faskari", "Kankara", "Dutsin-Ma", "Sabuwa", "Danmusa"],
            "Kaduna": ["Kajuru", "Birnin Gwari", "Kauru", "Kachia"],
            "Plateau": ["Bokkos", "Mangu", "Barkin Ladi", "Riyom", "Bassa"],
            "Benue": ["Agatu", "Guma", "Logo", "Ukum", "Gwer West"],
            "Niger": ["Rafi", "Shiroro", "Mariga", "Rijau", "Mashegu"],
            "Sokoto": ["Sabon Birni", "Isa", "Goronyo", "Tangaza"],
        },
    },
    "BJ": {
        "en": "Benin", "fr": "le Bénin", "fr_bare": "Bénin", "adj_en": "Beninese", "capital": "Cotonou",
        "region_en": "department", "region_fr": "département", "army": "army_bj",
        "regions": {
            "Alibori": ["Karimama", "Banikoara", "Kandi", "Malanville", "Ségbana"],
            "Atacora": ["Tanguiéta", "Matéri", "Kérou", "Natitingou", "Cobly"],
            "Borgou": ["Kalalé", "Nikki", "Bembèrèkè"],
        },
    },
    "TG": {
        "en": "Togo", "fr": "le Togo", "fr_bare": "Togo", "adj_en": "Togolese", "capital": "Lomé",
        "region_en": "region", "region_fr": "région", "army": "army_tg",
        "regions": {
            "Savanes": ["Dapaong", "Mandouri", "Cinkassé", "Kpendjal", "Tandjouaré", "Naki-Est"],
        },
    },
    "TD": {
        "en": "Chad", "fr": "le Tchad", "fr_bare": "Tchad", "adj_en": "Chadian", "capital": "N'Djamena",
        "region_en": "province", "region_fr": "province", "army": "army_td",
        "regions": {
            "Lac": ["Bol", "Ngouboua", "Baga Sola", "Kaiga Kindjiria", "Liwa"],
            "Logone Oriental": ["Goré", "Baïbokoum"],
            "Ouaddaï": ["Abéché", "Adré"],
        },
    },
}

# Armies and armed groups, with the countries where the press names them.
ACTORS: dict[str, dict] = {
    "army_ml": {"en": "the Malian army", "fr": "l'armée malienne", "short_fr": "les FAMa"},
    "army_bf": {"en": "the Burkinabe army", "fr": "l'armée burkinabè", "short_fr": "les forces armées burkinabè"},
    "army_ne": {"en": "the Nigerien army", "fr": "l'armée nigérienne", "short_fr": "les Forces armées nigériennes"},
    "army_ng": {"en": "the Nigerian army", "fr": "l'armée nigériane", "short_fr": "les militaires nigérians"},
    "army_bj": {"en": "the Beninese army", "fr": "l'armée béninoise", "short_fr": "les Forces armées béninoises"},
    "army_tg": {"en": "the Togolese army", "fr": "l'armée togolaise", "short_fr": "les Forces armées togolaises"},
    "army_td": {"en": "the Chadian army", "fr": "l'armée tchadienne", "short_fr": "les militaires tchadiens"},
}
ARMED_GROUPS: dict[str, list[tuple[str, str]]] = {
    # (English name, French name)
    "ML": [("JNIM", "le JNIM"), ("the Islamic State Sahel Province", "l'État islamique au Sahel"),
           ("suspected jihadists", "des jihadistes présumés"), ("armed men", "des hommes armés"),
           ("fighters of the Strategic Framework for the Defence of the People of Azawad",
            "des combattants du Cadre stratégique pour la défense du peuple de l'Azawad")],
    "BF": [("JNIM", "le JNIM"), ("the Islamic State Sahel Province", "l'État islamique au Sahel"),
           ("suspected jihadists", "des jihadistes présumés"), ("unidentified gunmen", "des individus armés non identifiés")],
    "NE": [("the Islamic State Sahel Province", "l'État islamique au Sahel"), ("JNIM", "le JNIM"),
           ("suspected jihadists", "des jihadistes présumés"), ("Boko Haram", "Boko Haram")],
    "NG": [("Boko Haram", "Boko Haram"), ("ISWAP", "l'ISWAP"), ("bandits", "des bandits armés"),
           ("gunmen", "des hommes armés"), ("armed herders", "des éleveurs armés")],
    "BJ": [("JNIM", "le JNIM"), ("suspected jihadists", "des jihadistes présumés"), ("armed men", "des hommes armés")],
    "TG": [("JNIM", "le JNIM"), ("suspected jihadists", "des jihadistes présumés")],
    "TD": [("Boko Haram", "Boko Haram"), ("ISWAP", "l'ISWAP"), ("suspected Boko Haram fighters", "des combattants présumés de Boko Haram")],
}
MILITIAS = {
    "ML": ("Dozo hunters", "des chasseurs dozo"),
    "BF": ("Volunteers for the Defence of the Homeland (VDP)", "les Volontaires pour la défense de la patrie (VDP)"),
    "NG": ("vigilantes of the Civilian Joint Task Force", "des membres de la Force civile conjointe"),
    "NE": ("local vigilance committees", "des comités de vigilance"),
    "TD": ("local vigilance committees", "des comités de vigilance"),
    "BJ": ("local hunters", "des chasseurs locaux"),
    "TG": ("local vigilance committees", "des comités de vigilance"),
}

FIRST_NAMES = ["Amadou", "Fatoumata", "Ibrahim", "Aïssata", "Moussa", "Mariam", "Oumar", "Kadiatou", "Souleymane",
               "Hawa", "Boubacar", "Ramatou", "Abdoulaye", "Salamatou", "Issa", "Adjaratou", "Yacouba", "Zeinabou",
               "Chukwuemeka", "Ngozi", "Emeka", "Aminu", "Halima", "Tunde", "Bola", "Koffi", "Afi", "Mahamat",
               "Achta", "Idriss", "Rasmané", "Aminata", "Seydou", "Djénéba", "Ousmane", "Bintou"]
LAST_NAMES = ["Traoré", "Diallo", "Ouédraogo", "Sawadogo", "Maïga", "Coulibaly", "Keïta", "Cissé", "Touré",
              "Kaboré", "Zongo", "Issoufou", "Moussa", "Abdou", "Bello", "Okafor", "Adeyemi", "Musa", "Yusuf",
              "Agbodjan", "Kpodar", "Mahamat", "Deby", "Hassan", "Sidibé", "Sanogo", "Compaoré", "Dicko",
              "Boureima", "Soumaré", "Adamou", "Mensah", "Houngbédji", "Ogundipe", "Ibrahim", "Garba"]
SOURCES = {
    "en": ["Sahel Daily Monitor", "West Africa Courier", "The Savanna Times", "Lake Chad Observer",
           "Continental Wire", "Niger Delta Herald", "Gulf of Guinea Review", "Harmattan Post"],
    "fr": ["Le Courrier du Sahel", "L'Écho de la Savane", "La Gazette du Fleuve", "Le Veilleur du Sahel",
           "Info Grand Ouest", "Le Républicain du Lac", "Sahel Hebdo", "La Voix des Régions"],
}
DESKS = {
    "en": ["Security trends", "Society", "Economy", "Sport", "Culture", "Politics", "Health", "Environment", "Tech"],
    "fr": ["Sécurité", "Société", "Économie", "Sport", "Culture", "Politique", "Santé", "Environnement", "Numérique"],
}

# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def count_words(text: str) -> int:
    return len(text.split())


def fmt_date(day: dt.date, lang: str) -> str:
    if lang == "fr":
        return f"{WEEKDAYS['fr'][day.weekday()]} {day.day} {MONTHS['fr'][day.month - 1]} {day.year}"
    return f"{WEEKDAYS['en'][day.weekday()]}, {MONTHS['en'][day.month - 1]} {day.day}, {day.year}"


def number_words(n: int, lang: str) -> str:
    small_en = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    small_fr = ["aucun", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
    if n <= 10:
        return (small_fr if lang == "fr" else small_en)[n]
    return f"{n:,}".replace(",", " " if lang == "fr" else ",")


class Filler:
    """Fills a template's {slots} from a per-document slot table; callables give fresh values."""

    def __init__(self, rng: random.Random, slots: dict):
        self.rng = rng
        self.slots = slots

    def __call__(self, template: str) -> str:
        values = {k: (v(self.rng) if callable(v) else v) for k, v in self.slots.items() if "{" + k + "}" in template}
        text = template.format(**values)
        return text[0].upper() + text[1:] if text else text


def take(rng: random.Random, pool: list[str], used: set[int]) -> str | None:
    """A template from ``pool`` not yet used in this document (None when all are used)."""
    free = [i for i in range(len(pool)) if i not in used]
    if not free:
        return None
    i = rng.choice(free)
    used.add(i)
    return pool[i]


# --------------------------------------------------------------------------
# Security news
# --------------------------------------------------------------------------
KINDS = ["attack", "clash", "ied", "suicide", "abduction", "flood", "withdrawal", "camp_attack"]
KIND_WEIGHTS = [28, 18, 12, 5, 12, 10, 5, 10]

HEADLINES = {
    ("attack", "en"): ["{country_en}: gunmen kill {toll} villagers in {town}", "At least {toll} civilians killed in attack on {town}",
                       "{toll_w_cap} dead as attackers raid villages near {town}", "Attack on market in {town} leaves {toll} dead"],
    ("attack", "fr"): ["{country_fr_bare} : {toll} civils tués dans une attaque à {town}", "Au moins {toll} morts dans l'attaque de {town}",
                       "{town} : des hommes armés tuent {toll} villageois", "Attaque meurtrière contre un marché de {town}"],
    ("clash", "en"): ["{country_en}: soldiers and militants clash near {town}", "Army says it repelled attack on {town} post",
                      "Heavy fighting reported around {town}", "{toll_w_cap} killed in clashes near {town}"],
    ("clash", "fr"): ["{country_fr_bare} : violents combats près de {town}", "L'armée dit avoir repoussé une attaque à {town}",
                      "Accrochages meurtriers dans la zone de {town}", "{town} : l'armée affirme avoir neutralisé des assaillants"],
    ("ied", "en"): ["Roadside bomb kills {toll} near {town}", "{country_en}: explosive device hits convoy outside {town}",
                    "Landmine blast on {town} road kills {toll}"],
    ("ied", "fr"): ["Un engin explosif fait {toll} morts près de {town}", "{country_fr_bare} : un convoi saute sur une mine près de {town}",
                    "Explosion d'un engin artisanal sur l'axe de {town}"],
    ("suicide", "en"): ["Suicide bomber kills {toll} in {town}", "{country_en}: suicide attack at crowded market in {town}"],
    ("suicide", "fr"): ["Attentat-suicide à {town} : au moins {toll} morts", "{country_fr_bare} : un kamikaze se fait exploser à {town}"],
    ("abduction", "en"): ["Gunmen abduct {abducted} in {town}", "{country_en}: {abducted} kidnapped in raid on {town}",
                          "Dozens seized as kidnappers strike {town}"],
    ("abduction", "fr"): ["{abducted} personnes enlevées à {town}", "{country_fr_bare} : enlèvement de masse à {town}",
                          "Des hommes armés enlèvent des habitants de {town}"],
    ("flood", "en"): ["Floods kill {toll} in {region} {region_word_en}", "{country_en}: flash floods sweep through {town}",
                      "Death toll from {town} floods rises to {toll}"],
    ("flood", "fr"): ["Inondations : {toll} morts dans {the_region_fr}", "{country_fr_bare} : des crues meurtrières à {town}",
                      "Pluies diluviennes à {town} : le bilan s'alourdit"],
    ("withdrawal", "en"): ["Troops pull out of {town} base", "{country_en}: army hands over {town} camp after withdrawal",
                           "Foreign forces complete withdrawal from {town}"],
    ("withdrawal", "fr"): ["Retrait des troupes du camp de {town}", "{country_fr_bare} : l'armée quitte la base de {town}",
                           "Fin du retrait des forces étrangères de {town}"],
    ("camp_attack", "en"): ["Militants storm army camp in {town}", "{country_en}: dozens of soldiers killed in attack on {town} base",
                            "Army post in {town} overrun by fighters"],
    ("camp_attack", "fr"): ["Attaque contre le camp militaire de {town}", "{country_fr_bare} : des dizaines de soldats tués à {town}",
                            "Le poste militaire de {town} attaqué par des jihadistes"],
}

LEADS = {
    ("attack", "en"): [
        "{group_en} killed at least {toll} civilians in an attack on {town}, in {country_en}'s {region} {region_word_en}, {when_en}, {src_en}.",
        "At least {toll} people were killed {when_en} when {group_en} on motorbikes raided {town} and surrounding hamlets in the {region} {region_word_en}, {src_en}.",
        "Attackers shot dead {toll} villagers and set fire to granaries in {town} ({region}) {when_en}, {src_en}.",
    ],
    ("attack", "fr"): [
        "Au moins {toll} civils ont été tués {when_fr} lors d'une attaque menée par {group_fr} contre {town}, dans {the_region_fr}, {src_fr}.",
        "{group_fr} {have_fr} tué {toll} habitants de {town} {when_fr}, dans {the_region_fr}, {src_fr}.",
        "L'attaque perpétrée {when_fr} contre le village de {town} ({region}) a fait au moins {toll} morts parmi les civils, {src_fr}.",
    ],
    ("clash", "en"): [
        "{army_en} said it killed {enemy_toll} militants after {group_en} attacked its positions near {town} in the {region} {region_word_en} {when_en}; {toll} soldiers also died, {src_en}.",
        "Fighting between {army_en} and {group_en} near {town} {when_en} left {toll} soldiers and dozens of assailants dead, {src_en}.",
    ],
    ("clash", "fr"): [
        "{army_fr_cap} affirme avoir « neutralisé » {enemy_toll} assaillants après une attaque {of_group_fr} contre ses positions près de {town}, dans {the_region_fr}, {when_fr}. {toll_w_cap} militaires ont également été tués, {src_fr}.",
        "Des combats ont opposé {when_fr} {army_fr} à {group_fr} dans les environs de {town} ({region}), faisant {toll} morts dans les rangs de l'armée, {src_fr}.",
    ],
    ("ied", "en"): [
        "{toll_w_cap} soldiers were killed {when_en} when their vehicle struck an improvised explosive device on the road between {town} and {town2}, in the {region} {region_word_en}, {src_en}.",
        "A roadside bomb hit a convoy escorting trucks near {town} {when_en}, killing {toll} people, {src_en}.",
    ],
    ("ied", "fr"): [
        "{toll_w_cap} militaires ont été tués {when_fr} lorsque leur véhicule a sauté sur un engin explosif improvisé entre {town} et {town2}, dans {the_region_fr}, {src_fr}.",
        "Un engin explosif a frappé {when_fr} un convoi de ravitaillement près de {town}, faisant {toll} morts, {src_fr}.",
    ],
    ("suicide", "en"): [
        "A suicide bomber blew herself up at a crowded market in {town}, in {country_en}'s {region} {region_word_en}, {when_en}, killing at least {toll} people and wounding {injured}, {src_en}.",
        "At least {toll} people died {when_en} when a suicide bomber detonated explosives outside a mosque in {town}, {src_en}.",
    ],
    ("suicide", "fr"): [
        "Une kamikaze s'est fait exploser {when_fr} sur le marché de {town}, dans {the_region_fr}, tuant au moins {toll} personnes et en blessant {injured}, {src_fr}.",
        "Au moins {toll} personnes ont péri {when_fr} dans un attentat-suicide devant une mosquée de {town}, {src_fr}.",
    ],
    ("abduction", "en"): [
        "{group_en} abducted {abducted} people, most of them women and children, from {town} in the {region} {region_word_en} {when_en}, {src_en}. No one was killed.",
        "Kidnappers seized {abducted} residents of {town} {when_en} and marched them into the bush, {src_en}; no deaths were reported.",
    ],
    ("abduction", "fr"): [
        "{group_fr} {have_fr} enlevé {when_fr} {abducted} personnes, en majorité des femmes et des enfants, à {town}, dans {the_region_fr}, {src_fr}. Aucun mort n'est à déplorer.",
        "{abducted} habitants de {town} ont été enlevés {when_fr} par {group_fr}, {src_fr}, sans qu'aucune victime ne soit signalée.",
    ],
    ("flood", "en"): [
        "Flash floods after a night of torrential rain killed at least {toll} people in {town}, in the {region} {region_word_en}, {when_en}, {src_en}, and hundreds of homes were washed away.",
        "The death toll from the floods that hit {town} {when_en} has risen to {toll}, {src_en}, with dozens still missing.",
    ],
    ("flood", "fr"): [
        "Des pluies diluviennes ont provoqué {when_fr} des crues soudaines à {town}, dans {the_region_fr}, faisant au moins {toll} morts, {src_fr}.",
        "Le bilan des inondations survenues {when_fr} à {town} s'élève désormais à {toll} morts, {src_fr}, et des dizaines de personnes sont portées disparues.",
    ],
    ("withdrawal", "en"): [
        "{foreign_en} completed their withdrawal from the base at {town}, in the {region} {region_word_en}, {when_en}, and handed it over to {army_en}, {src_en}.",
        "{army_en} took control of the {town} camp {when_en} after the departure of {foreign_en}, {src_en}.",
    ],
    ("withdrawal", "fr"): [
        "{foreign_fr} ont achevé {when_fr} leur retrait de la base de {town}, dans {the_region_fr}, remise à {army_fr}, {src_fr}.",
        "{army_fr_cap} a pris possession {when_fr} du camp de {town} après le départ de {foreign_fr}, {src_fr}.",
    ],
    ("camp_attack", "en"): [
        "Hundreds of fighters of {group_en} stormed the army camp in {town}, in the {region} {region_word_en}, {when_en}, killing at least {toll} soldiers, {src_en}.",
        "At least {toll} soldiers were killed {when_en} when militants overran a military post at {town}, {src_en}.",
    ],
    ("camp_attack", "fr"): [
        "Des centaines de combattants {of_group_fr} ont attaqué {when_fr} le camp militaire de {town}, dans {the_region_fr}, tuant au moins {toll} soldats, {src_fr}.",
        "Au moins {toll} soldats ont été tués {when_fr} lors de l'attaque du poste militaire de {town}, {src_fr}.",
    ],
}

# Details, quotes and context paragraphs shared by the security kinds (slots per document).
DETAILS = {
    "en": [
        "The attackers arrived on dozens of motorcycles shortly before dawn and split into small groups.",
        "Witnesses said the shooting lasted nearly two hours before reinforcements arrived from {town2}.",
        "Several shops and a health post were burned, and livestock was driven away.",
        "Residents fled towards {town2}, some {distance} kilometres away, carrying what they could.",
        "Telephone networks in the area have been cut for weeks, which delayed news of the attack.",
        "The wounded were taken to the regional hospital in {capital_region}, a medical source said.",
        "A local official, who asked not to be named for safety reasons, said the village had received threats in recent weeks.",
        "No group had claimed responsibility by {pubday_en} evening.",
        "The army said air support was deployed and that operations to track the attackers were under way.",
        "Humanitarian workers said that several hundred families had arrived in {town2} since the start of the week.",
        "The road linking {town} to {town2} has been unsafe since last year and traders now travel in convoys.",
        "A teacher in {town2} said classes had been suspended until further notice.",
    ],
    "fr": [
        "Les assaillants sont arrivés à bord de dizaines de motos peu avant l'aube, avant de se disperser en petits groupes.",
        "Selon des témoins, les tirs ont duré près de deux heures avant l'arrivée de renforts venus de {town2}.",
        "Plusieurs boutiques et un centre de santé ont été incendiés, et du bétail a été emporté.",
        "Des habitants ont fui vers {town2}, à environ {distance} kilomètres, emportant le peu qu'ils pouvaient.",
        "Le réseau téléphonique est coupé dans la zone depuis plusieurs semaines, ce qui a retardé l'annonce du bilan.",
        "Les blessés ont été évacués vers l'hôpital régional de {capital_region}, selon une source médicale.",
        "Un élu local, qui a requis l'anonymat pour des raisons de sécurité, indique que le village avait reçu des menaces ces dernières semaines.",
        "L'attaque n'avait pas été revendiquée {pubday_fr} soir.",
        "L'armée assure qu'un appui aérien a été engagé et que des opérations de ratissage sont en cours.",
        "Des humanitaires signalent l'arrivée de plusieurs centaines de familles à {town2} depuis le début de la semaine.",
        "L'axe reliant {town} à {town2} est devenu dangereux depuis l'an dernier et les commerçants circulent désormais en convoi.",
        "Un enseignant de {town2} explique que les cours sont suspendus jusqu'à nouvel ordre.",
    ],
}
QUOTES = {
    "en": [
        "\"We buried {bury} people this morning. Everyone here is afraid they will come back,\" {person}, a resident of {town}, told {source}.",
        "\"The situation is under control and the security forces are pursuing the attackers,\" said {person}, the governor's spokesman.",
        "\"We have nothing left. The fields were burned and the animals are gone,\" said {person}, a farmer who fled to {town2}.",
        "\"These people need food, shelter and protection right now,\" said {person}, who coordinates an aid group in {capital_region}.",
        "\"We heard the engines first, then the gunfire,\" {person}, a trader, said by telephone.",
    ],
    "fr": [
        "« Nous avons enterré {bury} personnes ce matin. Tout le monde a peur qu'ils reviennent », a confié {person}, un habitant de {town}.",
        "« La situation est sous contrôle et les forces de défense sont à la poursuite des assaillants », a déclaré {person}, porte-parole du gouvernorat.",
        "« Nous n'avons plus rien. Les champs ont brûlé et les animaux ont été emportés », raconte {person}, un cultivateur réfugié à {town2}.",
        "« Ces populations ont besoin de vivres, d'abris et de protection, maintenant », estime {person}, qui coordonne une ONG à {capital_region}.",
        "« Nous avons d'abord entendu les moteurs, puis les tirs », témoigne {person}, un commerçant joint par téléphone.",
    ],
}
BACKGROUND = {
    "en": [
        "In {past_year}, an attack on {old_town} killed {old_toll} people, one of the deadliest in the area.",
        "According to the United Nations, more than {displaced} people have been displaced in the {region} {region_word_en} alone.",
        "The conflict has killed thousands of civilians and soldiers across the central Sahel since 2012, according to monitoring groups.",
        "Schools and health centres in several districts of the {region} {region_word_en} have closed because of insecurity.",
        "Aid groups say access to the area has become increasingly difficult, with roads mined and bridges destroyed.",
    ],
    "fr": [
        "En {past_year}, une attaque contre {old_town} avait fait {old_toll} morts, l'une des plus meurtrières de la zone.",
        "Selon les Nations unies, plus de {displaced} personnes ont été déplacées dans {the_region_fr}.",
        "Les violences ont fait des milliers de morts, civils et militaires, dans le Sahel central depuis 2012, selon des ONG.",
        "Des écoles et des centres de santé de plusieurs communes situées dans {the_region_fr} ont fermé en raison de l'insécurité.",
        "Les organisations humanitaires jugent l'accès à la zone de plus en plus difficile, entre routes minées et ponts détruits.",
    ],
}
# What the press says of each country's conflict, as context.
COUNTRY_BACKGROUND = {
    "ML": {"en": ["Mali has been fighting jihadist and separatist insurgencies since 2012, and the violence has spread from the north to the centre of the country.",
                  "The military authorities in Bamako have turned away from former Western partners and rely on Russian forces of the Africa Corps."],
           "fr": ["Le Mali est confronté depuis 2012 à des insurrections jihadistes et indépendantistes, et les violences se sont étendues du nord vers le centre.",
                  "Les autorités militaires de Bamako se sont détournées de leurs anciens partenaires occidentaux et s'appuient sur les forces russes de l'Africa Corps."]},
    "BF": {"en": ["Burkina Faso has faced jihadist violence since 2015, and the state controls only part of its territory, according to analysts.",
                  "The junta in Ouagadougou has recruited tens of thousands of civilian auxiliaries to fight alongside the army."],
           "fr": ["Le Burkina Faso est frappé par les violences jihadistes depuis 2015 et l'État ne contrôle qu'une partie du territoire, selon des analystes.",
                  "La junte de Ouagadougou a recruté des dizaines de milliers d'auxiliaires civils pour combattre aux côtés de l'armée."]},
    "NE": {"en": ["Niger faces jihadist groups on its western border with Mali and Burkina Faso and in the south-east near Lake Chad.",
                  "Since the July 2023 coup, Niamey has asked Western troops to leave and joined an alliance with Mali and Burkina Faso."],
           "fr": ["Le Niger fait face à des groupes jihadistes à sa frontière ouest avec le Mali et le Burkina Faso et dans le sud-est, près du lac Tchad.",
                  "Depuis le coup d'État de juillet 2023, Niamey a exigé le départ des troupes occidentales et rejoint une alliance avec le Mali et le Burkina Faso."]},
    "NG": {"en": ["The insurgency in the north-east has killed tens of thousands of people since 2009, while armed gangs known as bandits raid villages in the north-west.",
                  "Kidnapping for ransom has become a lucrative business across northern and central Nigeria."],
           "fr": ["L'insurrection jihadiste du nord-est a fait des dizaines de milliers de morts depuis 2009, tandis que des gangs appelés bandits attaquent les villages du nord-ouest.",
                  "Les enlèvements contre rançon sont devenus une activité lucrative dans le nord et le centre du Nigeria."]},
    "BJ": {"en": ["Northern Benin has suffered a rising number of attacks since 2021, as armed groups move south from the Sahel.",
                  "Cotonou has deployed thousands of soldiers along its northern borders with Niger and Burkina Faso."],
           "fr": ["Le nord du Bénin subit depuis 2021 un nombre croissant d'attaques, les groupes armés descendant du Sahel vers le sud.",
                  "Cotonou a déployé des milliers de soldats le long de ses frontières nord avec le Niger et le Burkina Faso."]},
    "TG": {"en": ["Togo's northern Savanes region has been hit by attacks since 2021, spilling over from neighbouring Burkina Faso.",
                  "The government has declared a state of emergency in the Savanes region and rarely publishes casualty figures."],
           "fr": ["La région des Savanes, dans le nord du Togo, est la cible d'attaques depuis 2021, par débordement du Burkina Faso voisin.",
                  "Le gouvernement a décrété l'état d'urgence dans la région des Savanes et publie rarement des bilans."]},
    "TD": {"en": ["The islands and shores of Lake Chad have long served as hideouts for Boko Haram and its rival, the Islamic State West Africa Province.",
                  "Chad's army has launched several operations around the lake in recent years, with heavy losses on both sides."],
           "fr": ["Les îles et les rives du lac Tchad servent depuis longtemps de refuge à Boko Haram et à sa branche rivale, l'État islamique en Afrique de l'Ouest.",
                  "L'armée tchadienne a lancé plusieurs opérations autour du lac ces dernières années, avec de lourdes pertes des deux côtés."]},
}
ANALYSIS = {
    "en": [
        "Analysts say the armed groups exploit local disputes over land, water and grazing routes to recruit young men.",
        "The United Nations says humanitarian needs in the area have grown sharply while funding has fallen.",
        "Regional leaders are due to meet next month to discuss joint security operations along the borders.",
        "Markets in several towns of the area operate only a few days a week because of the insecurity.",
        "Human rights groups have called for independent investigations into abuses by all sides.",
        "Farmers say they can no longer reach fields more than a few kilometres from the towns.",
        "The authorities have banned the use of motorcycles at night in several districts.",
        "Local leaders have tried to negotiate local truces with armed groups, with mixed results.",
        "Prices of grain have risen steeply since convoys began to be attacked on the main roads.",
        "Thousands of children are out of school in the area, according to education officials.",
        "The government has promised to rebuild destroyed schools and health centres once security allows.",
        "Journalists' access to the affected areas is restricted, making independent verification difficult.",
        "Aid agencies say food stocks in displacement camps will run out before the harvest.",
        "Security experts note that the armed groups increasingly use drones and improvised explosives.",
    ],
    "fr": [
        "Selon des analystes, les groupes armés exploitent les conflits locaux autour de la terre, de l'eau et des couloirs de transhumance pour recruter.",
        "Les Nations unies constatent une forte hausse des besoins humanitaires dans la zone, alors que les financements diminuent.",
        "Les dirigeants de la région doivent se réunir le mois prochain pour évoquer des opérations conjointes le long des frontières.",
        "Dans plusieurs localités de la zone, les marchés ne se tiennent plus que quelques jours par semaine en raison de l'insécurité.",
        "Des organisations de défense des droits humains réclament des enquêtes indépendantes sur les exactions de toutes les parties.",
        "Les cultivateurs disent ne plus pouvoir accéder aux champs situés à plus de quelques kilomètres des villes.",
        "Les autorités ont interdit la circulation des motos la nuit dans plusieurs communes.",
        "Des notables ont tenté de négocier des trêves locales avec les groupes armés, avec des résultats mitigés.",
        "Le prix des céréales a fortement augmenté depuis que les convois sont pris pour cibles sur les grands axes.",
        "Des milliers d'enfants sont déscolarisés dans la zone, selon les services de l'éducation.",
        "Le gouvernement promet de reconstruire les écoles et les centres de santé détruits dès que la sécurité le permettra.",
        "L'accès des journalistes aux zones concernées est restreint, ce qui rend toute vérification indépendante difficile.",
        "Les agences humanitaires préviennent que les stocks de vivres des camps de déplacés seront épuisés avant la récolte.",
        "Des experts en sécurité notent que les groupes armés recourent de plus en plus aux drones et aux engins explosifs.",
    ],
}
FLOOD_DETAILS = {
    "en": [
        "The water rose within hours after a dam upstream gave way, residents said.",
        "Emergency services said more than {houses} houses had collapsed and several bridges were cut.",
        "Rescue teams were still searching the river banks for bodies on {pubday_en}.",
        "The meteorological agency had warned of heavy rain across the {region} {region_word_en} for the rest of the week.",
        "Farmers said maize and millet fields along the river were completely submerged.",
        "The government announced emergency aid of food and tarpaulins for the affected families.",
    ],
    "fr": [
        "L'eau est montée en quelques heures après la rupture d'une digue en amont, selon des habitants.",
        "La protection civile fait état de plus de {houses} maisons effondrées et de plusieurs ponts coupés.",
        "Les secouristes fouillaient encore les berges du fleuve {pubday_fr} à la recherche de corps.",
        "L'agence météorologique avait annoncé de fortes pluies sur {the_region_fr} pour le reste de la semaine.",
        "Les champs de maïs et de mil situés le long du fleuve sont entièrement submergés, selon des cultivateurs.",
        "Le gouvernement a annoncé une aide d'urgence en vivres et en bâches pour les familles sinistrées.",
    ],
}
WITHDRAWAL_DETAILS = {
    "en": [
        "The departure had been demanded by the transitional authorities, who accused their former partners of failing to stop the insurgency.",
        "A ceremony was held at the base in the presence of local officials and officers of both armies.",
        "Analysts warn that the withdrawal may leave a security vacuum that armed groups could exploit.",
        "The equipment that could not be moved was either handed over or destroyed, a military source said.",
    ],
    "fr": [
        "Ce départ avait été exigé par les autorités de transition, qui reprochaient à leurs anciens partenaires leur inefficacité face aux jihadistes.",
        "Une cérémonie s'est tenue sur la base en présence d'autorités locales et d'officiers des deux armées.",
        "Des analystes craignent que ce retrait ne crée un vide sécuritaire dont pourraient profiter les groupes armés.",
        "Le matériel qui ne pouvait pas être déplacé a été cédé ou détruit, selon une source militaire.",
    ],
}
FLOOD_QUOTES = {
    "en": ["\"The water came in the night and took everything, the house, the grain, the goats,\" said {person}, a mother of five in {town}.",
           "\"We are counting on the state and on our neighbours; we cannot rebuild alone,\" said {person}, a local councillor.",
           "\"Teams are working day and night, but some villages can only be reached by canoe,\" said {person} of the civil protection service."],
    "fr": ["« L'eau est arrivée dans la nuit et a tout emporté, la maison, le grain, les chèvres », raconte {person}, mère de cinq enfants à {town}.",
           "« Nous comptons sur l'État et sur nos voisins ; nous ne pourrons pas reconstruire seuls », affirme {person}, conseiller municipal.",
           "« Les équipes travaillent jour et nuit, mais certains villages ne sont accessibles qu'en pirogue », précise {person}, de la protection civile."],
}
FLOOD_CONTEXT = {
    "en": ["Floods during the rainy season have become more frequent and more deadly across the Sahel in recent years.",
           "In {past_year}, floods across the country killed more than {old_toll} people and destroyed thousands of hectares of crops.",
           "Experts blame unplanned construction on river banks and blocked drains as much as the heavier rains.",
           "Health officials fear outbreaks of waterborne diseases in the camps set up for the displaced.",
           "Schools in the area are being used as temporary shelters for families who lost their homes.",
           "The rainy season usually peaks in August and September, and forecasters expect more heavy rain."],
    "fr": ["Les inondations de saison des pluies sont devenues plus fréquentes et plus meurtrières dans le Sahel ces dernières années.",
           "En {past_year}, des inondations avaient fait plus de {old_toll} morts dans le pays et détruit des milliers d'hectares de cultures.",
           "Les experts mettent en cause les constructions anarchiques sur les berges et les caniveaux bouchés autant que les fortes pluies.",
           "Les autorités sanitaires redoutent des épidémies de maladies hydriques dans les sites d'accueil des sinistrés.",
           "Des écoles de la zone servent d'abris provisoires aux familles qui ont perdu leur maison.",
           "La saison des pluies atteint généralement son pic en août et septembre, et de nouvelles fortes pluies sont attendues."],
}
FOREIGN = [("The French troops", "Les militaires français"), ("UN peacekeepers", "Les Casques bleus de l'ONU"),
           ("US forces", "Les forces américaines"), ("The German contingent", "Le contingent allemand")]
SOURCES_SAID = {
    "en": ["local sources said", "a security source said", "residents said", "the army said in a statement",
           "officials said on {pubday_en}", "according to a local official", "a humanitarian source said"],
    "fr": ["selon des sources locales", "a-t-on appris de source sécuritaire", "selon des habitants",
           "indique l'armée dans un communiqué", "ont annoncé les autorités {pubday_fr}", "selon un élu local",
           "selon une source humanitaire"],
}

# --------------------------------------------------------------------------
# Other news
# --------------------------------------------------------------------------
TOPICS = ["economy", "sport", "culture", "health", "politics", "weather", "technology"]
OTHER_HEADLINES = {
    ("economy", "en"): ["Cotton output expected to rise in {country_en}", "Central bank holds rates as inflation eases",
                        "{capital} traders brace for higher fuel prices", "Gold exports lift {country_en}'s trade balance"],
    ("economy", "fr"): ["La production de coton en hausse au {country_fr_bare}", "La banque centrale maintient ses taux directeurs",
                        "À {capital}, les commerçants redoutent la hausse du carburant", "L'or soutient la balance commerciale"],
    ("sport", "en"): ["{team} edge {team2} in qualifier", "National league: {team} stay top after win in {city}",
                      "{athlete} sets new national record", "Coach names squad for regional tournament"],
    ("sport", "fr"): ["Football : {team} s'impose face à {team2}", "Championnat national : {team} conforte sa première place",
                      "Athlétisme : {athlete} bat le record national", "Le sélectionneur dévoile sa liste"],
    ("culture", "en"): ["Film festival opens in {capital} with record entries", "{artist} returns with a new album",
                        "Book fair celebrates young writers", "Craft market draws visitors to {city}"],
    ("culture", "fr"): ["Le festival de cinéma s'ouvre à {capital}", "{artist} revient avec un nouvel album",
                        "Le salon du livre met à l'honneur les jeunes auteurs", "Le marché artisanal de {city} attire les visiteurs"],
    ("health", "en"): ["Vaccination campaign reaches {thousand} children", "New maternity ward opens in {city}",
                       "Seasonal malaria prevention drive begins", "Hospital receives new dialysis machines"],
    ("health", "fr"): ["La campagne de vaccination touche {thousand} enfants", "Une nouvelle maternité inaugurée à {city}",
                       "Lancement de la chimioprévention du paludisme saisonnier", "L'hôpital reçoit de nouveaux appareils de dialyse"],
    ("politics", "en"): ["Parliament adopts new mining code", "Cabinet reshuffle brings in {n} new ministers",
                         "Government unveils decentralisation plan", "Regional leaders meet in {capital} on trade corridor"],
    ("politics", "fr"): ["L'Assemblée adopte le nouveau code minier", "Remaniement : {n} nouveaux ministres",
                         "Le gouvernement présente son plan de décentralisation", "Sommet régional à {capital} sur le corridor commercial"],
    ("weather", "en"): ["Forecasters expect a normal rainy season", "Heat wave grips {city}, temperatures near {temp}°C",
                        "Harmattan haze returns to the north", "Early rains bring relief to farmers"],
    ("weather", "fr"): ["Les prévisionnistes annoncent une saison des pluies normale", "Vague de chaleur à {city}, jusqu'à {temp} °C",
                        "Retour de la brume sèche de l'harmattan", "Les premières pluies soulagent les cultivateurs"],
    ("technology", "en"): ["Mobile money transfers hit record", "Fibre-optic link reaches {city}",
                           "Start-up hub opens in {capital}", "Solar mini-grids connect {n} villages"],
    ("technology", "fr"): ["Record de transactions par mobile money", "La fibre optique arrive à {city}",
                           "Un incubateur de start-up ouvre à {capital}", "Des mini-réseaux solaires raccordent {n} villages"],
}
OTHER_SENTENCES = {
    ("economy", "en"): [
        "The finance ministry expects growth of {pct} per cent this year, driven by agriculture and mining.",
        "Inflation slowed to {pct} per cent in {month_en}, from {pct2} per cent a month earlier, the statistics office said.",
        "Cotton farmers will receive {price} CFA francs per kilogramme this season, up from last year.",
        "Traders in the central market of {capital} said prices of rice and cooking oil had stabilised.",
        "The government plans to raise {bn} billion CFA francs on the regional bond market.",
        "The price of gold has encouraged new investment in industrial mines, while artisanal sites remain largely informal.",
        "Economists warn that public debt has risen quickly and that the budget depends heavily on customs revenue.",
        "Small businesses say access to credit remains the main obstacle to growth.",
        "The port authority reported a rise in container traffic of {pct} per cent over the first half of the year.",
        "Fuel subsidies cost the state more than {bn} billion last year, according to the budget review.",
        "Bank lending to agriculture remains below {pct} per cent of total credit.",
        "\"We need roads and electricity more than anything else,\" said {person}, who runs a food-processing firm in {city}.",
        "The chamber of commerce called for faster payment of arrears owed by the state to suppliers.",
        "Remittances from the diaspora rose again and now exceed development aid, the central bank said.",
        "Analysts expect the trade deficit to narrow if cotton and gold prices hold.",
    ],
    ("economy", "fr"): [
        "Le ministère des Finances table sur une croissance de {pct} % cette année, portée par l'agriculture et les mines.",
        "L'inflation a ralenti à {pct} % en {month_fr}, contre {pct2} % le mois précédent, selon l'institut de la statistique.",
        "Les producteurs de coton percevront {price} francs CFA le kilogramme cette campagne, un prix en hausse.",
        "Au grand marché de {capital}, les commerçants notent une stabilisation des prix du riz et de l'huile.",
        "Le gouvernement prévoit de lever {bn} milliards de francs CFA sur le marché financier régional.",
        "Le cours de l'or encourage de nouveaux investissements dans les mines industrielles, tandis que l'orpaillage reste largement informel.",
        "Des économistes s'inquiètent de la hausse rapide de la dette publique et de la dépendance du budget aux recettes douanières.",
        "Les petites entreprises jugent l'accès au crédit comme le principal frein à leur croissance.",
        "Le port a enregistré une hausse de {pct} % du trafic de conteneurs au premier semestre.",
        "Les subventions aux carburants ont coûté plus de {bn} milliards à l'État l'an dernier, selon la revue budgétaire.",
        "Le crédit bancaire à l'agriculture reste inférieur à {pct} % de l'encours total.",
        "« Nous avons besoin de routes et d'électricité avant tout », estime {person}, à la tête d'une entreprise agroalimentaire à {city}.",
        "La chambre de commerce demande un paiement plus rapide des arriérés dus par l'État à ses fournisseurs.",
        "Les transferts de la diaspora ont encore progressé et dépassent désormais l'aide au développement, selon la banque centrale.",
        "Les analystes s'attendent à une réduction du déficit commercial si les cours du coton et de l'or se maintiennent.",
    ],
    ("sport", "en"): [
        "{team} won {score} at home on {weekday_en}, with a late goal from {player}.",
        "The coach praised his players' discipline and said the squad was growing in confidence.",
        "Around {thousand} supporters filled the stadium in {city} despite the heat.",
        "{player}, who plays his club football in Europe, was named man of the match.",
        "The federation confirmed that the next round will be played in {city} in {month_en}.",
        "{team2} had the better of the first half but failed to convert their chances.",
        "With three games left, {team} lead the table by {n} points.",
        "The national athletics championships drew more than {hundred} competitors from every region.",
        "\"We played as a team and we deserved it,\" said {player} after the final whistle.",
        "Young players from the academy in {city} made up half of the starting line-up.",
        "The league's organisers want to install artificial pitches in {n} regional stadiums.",
        "Ticket prices were cut to encourage families to attend.",
        "The goalkeeper made two saves in stoppage time to keep the lead.",
        "Supporters celebrated late into the night in the streets of {capital}.",
    ],
    ("sport", "fr"): [
        "{team} s'est imposé {score} à domicile {weekday_fr}, grâce à un but tardif de {player}.",
        "L'entraîneur a salué la discipline de ses joueurs et estime que le groupe prend confiance.",
        "Environ {thousand} supporters ont rempli le stade de {city} malgré la chaleur.",
        "{player}, qui évolue en Europe, a été désigné homme du match.",
        "La fédération a confirmé que le prochain tour se jouera à {city} en {month_fr}.",
        "{team2} a dominé la première période sans parvenir à concrétiser ses occasions.",
        "À trois journées de la fin, {team} compte {n} points d'avance au classement.",
        "Les championnats nationaux d'athlétisme ont réuni plus de {hundred} concurrents venus de toutes les régions.",
        "« Nous avons joué en équipe et nous l'avons mérité », a déclaré {player} au coup de sifflet final.",
        "Des jeunes issus du centre de formation de {city} composaient la moitié de l'équipe de départ.",
        "Les organisateurs du championnat veulent installer des pelouses synthétiques dans {n} stades régionaux.",
        "Le prix des billets a été réduit pour attirer les familles.",
        "Le gardien a réalisé deux arrêts décisifs dans le temps additionnel.",
        "Les supporters ont fêté la victoire tard dans la nuit dans les rues de {capital}.",
    ],
    ("culture", "en"): [
        "The festival, which runs for {n} days, has selected {hundred} films from across the continent.",
        "{artist}'s new album mixes traditional instruments with electronic rhythms.",
        "Organisers said ticket sales had doubled compared with the previous edition.",
        "Young writers read from their work before an audience of students and teachers.",
        "The exhibition brings together bronze casters, weavers and potters from {city}.",
        "\"Culture is what holds us together in difficult times,\" said {person}, the festival's director.",
        "A jury of critics and directors will award the main prize on the final evening.",
        "Musicians from {n} countries will perform on an open-air stage near the river.",
        "The national museum has reopened after two years of renovation work.",
        "Publishers complain that the high price of paper makes books too expensive for many readers.",
        "A programme of workshops aims to train young people in sound engineering and filming.",
        "The griots who opened the ceremony recalled the history of the old kingdoms of the region.",
        "Local radio stations will broadcast the concerts live.",
    ],
    ("culture", "fr"): [
        "Le festival, qui dure {n} jours, a sélectionné {hundred} films venus de tout le continent.",
        "Le nouvel album de {artist} mêle instruments traditionnels et rythmes électroniques.",
        "Les organisateurs indiquent que la billetterie a doublé par rapport à l'édition précédente.",
        "De jeunes auteurs ont lu leurs textes devant un public d'élèves et d'enseignants.",
        "L'exposition réunit des bronziers, des tisserands et des potiers de {city}.",
        "« La culture est ce qui nous tient ensemble dans les moments difficiles », souligne {person}, directeur du festival.",
        "Un jury de critiques et de réalisateurs remettra le grand prix lors de la soirée de clôture.",
        "Des musiciens de {n} pays se produiront sur une scène en plein air au bord du fleuve.",
        "Le musée national a rouvert ses portes après deux ans de travaux de rénovation.",
        "Les éditeurs déplorent le prix élevé du papier, qui rend les livres inaccessibles à de nombreux lecteurs.",
        "Des ateliers doivent former des jeunes aux métiers du son et de l'image.",
        "Les griots qui ont ouvert la cérémonie ont rappelé l'histoire des anciens royaumes de la région.",
        "Les radios locales retransmettront les concerts en direct.",
    ],
    ("health", "en"): [
        "Health workers will go door to door in {n} districts during the campaign.",
        "The ministry aims to vaccinate {thousand} children under five against measles and polio.",
        "Seasonal malaria chemoprevention will be given once a month until the end of the rainy season.",
        "The new maternity ward has {n} beds and a neonatal unit, the hospital director said.",
        "\"Mothers no longer have to travel to the capital to give birth safely,\" said {person}, a midwife.",
        "The equipment was financed by a partnership between the government and a development bank.",
        "Nutrition screening will be offered at the same time as the vaccines.",
        "Community health workers receive a monthly allowance and a bicycle, the programme coordinator said.",
        "Doctors say the shortage of specialists remains acute outside {capital}.",
        "The hospital treated more than {thousand} patients last year, twice as many as five years ago.",
        "Mosquito nets will be distributed to families with young children.",
        "A training session for {hundred} nurses opened on {weekday_en} in {city}.",
        "The pharmacy now stocks generic medicines at lower prices.",
    ],
    ("health", "fr"): [
        "Les agents de santé passeront de porte en porte dans {n} districts pendant la campagne.",
        "Le ministère vise à vacciner {thousand} enfants de moins de cinq ans contre la rougeole et la poliomyélite.",
        "La chimioprévention du paludisme saisonnier sera administrée une fois par mois jusqu'à la fin de la saison des pluies.",
        "La nouvelle maternité compte {n} lits et une unité de néonatologie, selon le directeur de l'hôpital.",
        "« Les mères n'ont plus besoin d'aller jusqu'à la capitale pour accoucher en sécurité », se réjouit {person}, sage-femme.",
        "Les équipements ont été financés dans le cadre d'un partenariat entre l'État et une banque de développement.",
        "Un dépistage de la malnutrition sera proposé en même temps que les vaccins.",
        "Les relais communautaires reçoivent une indemnité mensuelle et un vélo, précise le coordinateur du programme.",
        "Les médecins jugent la pénurie de spécialistes toujours aiguë en dehors de {capital}.",
        "L'hôpital a accueilli plus de {thousand} patients l'an dernier, deux fois plus qu'il y a cinq ans.",
        "Des moustiquaires seront distribuées aux familles ayant de jeunes enfants.",
        "Une formation destinée à {hundred} infirmiers s'est ouverte {weekday_fr} à {city}.",
        "La pharmacie propose désormais des médicaments génériques à moindre coût.",
    ],
    ("politics", "en"): [
        "The bill was adopted by {n} votes, with a handful of abstentions.",
        "The new code raises the state's share in mining projects and tightens environmental rules.",
        "The president's office said the reshuffle aimed to speed up reforms before the end of the year.",
        "Opposition figures said they had not been consulted on the text.",
        "Regional councils will receive a larger share of the budget under the decentralisation plan.",
        "\"This law protects our resources for future generations,\" said {person}, who chairs the finance committee.",
        "Ministers of the neighbouring countries discussed customs procedures along the corridor to the coast.",
        "The government spokesman said a national dialogue would open in {month_en}.",
        "Civil society groups called for the publication of mining contracts.",
        "The new minister of education promised to reopen schools and recruit teachers.",
        "The electoral commission has begun updating the voter register in {n} regions.",
        "Diplomats said the talks had been cordial but that several issues remained open.",
        "The prime minister will present the general policy statement to parliament next week.",
    ],
    ("politics", "fr"): [
        "Le texte a été adopté par {n} voix, avec quelques abstentions.",
        "Le nouveau code renforce la part de l'État dans les projets miniers et durcit les règles environnementales.",
        "La présidence explique que le remaniement vise à accélérer les réformes d'ici la fin de l'année.",
        "Des figures de l'opposition affirment ne pas avoir été consultées sur le texte.",
        "Les conseils régionaux recevront une part plus importante du budget dans le cadre de la décentralisation.",
        "« Cette loi protège nos ressources pour les générations futures », affirme {person}, président de la commission des finances.",
        "Les ministres des pays voisins ont discuté des procédures douanières le long du corridor vers la côte.",
        "Le porte-parole du gouvernement a annoncé l'ouverture d'un dialogue national en {month_fr}.",
        "Des organisations de la société civile réclament la publication des contrats miniers.",
        "Le nouveau ministre de l'Éducation a promis de rouvrir des écoles et de recruter des enseignants.",
        "La commission électorale a entamé la révision des listes dans {n} régions.",
        "Selon des diplomates, les discussions ont été cordiales mais plusieurs dossiers restent ouverts.",
        "Le Premier ministre présentera sa déclaration de politique générale devant les députés la semaine prochaine.",
    ],
    ("weather", "en"): [
        "The national meteorological agency expects rainfall close to the average of the past thirty years.",
        "Temperatures in {city} reached {temp} degrees on {weekday_en}, and the heat is expected to last several days.",
        "Doctors advise drinking water regularly and avoiding the sun in the middle of the day.",
        "The first rains were recorded in the south of the country at the end of {month_en}.",
        "Farmers are advised to wait for steady rains before sowing millet and sorghum.",
        "Dust carried by the harmattan wind reduced visibility at the airport on {weekday_en} morning.",
        "Forecasters say the rainy season could end slightly earlier than usual in the north.",
        "Electricity cuts have grown more frequent as demand for air conditioning rises.",
        "\"The calendar of the rains has changed since my childhood,\" said {person}, a farmer near {city}.",
        "The agency publishes a ten-day bulletin for farmers on local radio.",
        "Night temperatures are expected to drop below 15 degrees in the desert areas.",
    ],
    ("weather", "fr"): [
        "L'agence nationale de la météorologie prévoit une pluviométrie proche de la moyenne des trente dernières années.",
        "Le thermomètre a atteint {temp} degrés {weekday_fr} à {city}, et la chaleur devrait durer plusieurs jours.",
        "Les médecins conseillent de boire régulièrement et d'éviter le soleil aux heures les plus chaudes.",
        "Les premières pluies ont été enregistrées dans le sud du pays fin {month_fr}.",
        "Il est conseillé aux cultivateurs d'attendre des pluies régulières avant de semer le mil et le sorgho.",
        "La poussière soulevée par l'harmattan a réduit la visibilité à l'aéroport {weekday_fr} matin.",
        "Selon les prévisionnistes, la saison des pluies pourrait s'achever un peu plus tôt que d'habitude dans le nord.",
        "Les délestages se multiplient avec la hausse de la demande en climatisation.",
        "« Le calendrier des pluies a changé depuis mon enfance », observe {person}, cultivateur près de {city}.",
        "L'agence diffuse un bulletin décadaire à l'intention des agriculteurs sur les radios locales.",
        "Les températures nocturnes devraient descendre sous les 15 degrés dans les zones désertiques.",
    ],
    ("technology", "en"): [
        "Mobile money transactions exceeded {bn} billion CFA francs in the last quarter, the regulator said.",
        "The fibre-optic link will cut the cost of internet access for schools and hospitals in {city}.",
        "The start-up hub offers office space, training and small grants to young entrepreneurs.",
        "Solar mini-grids now supply electricity to {n} villages that were never connected to the network.",
        "\"Our customers pay their electricity with their phones,\" said {person}, who founded a solar company.",
        "Operators say coverage in rural areas remains patchy and that towers are costly to maintain.",
        "The government plans to digitise land registers over the next three years.",
        "A coding school in {capital} has trained more than {hundred} young people since it opened.",
        "Banks are partnering with telecom operators to offer savings accounts on mobile phones.",
        "The regulator has cut the price of mobile data by {pct} per cent over two years.",
        "Students presented apps for farmers, from weather alerts to market prices.",
        "Data centres remain rare in the region, and most services are hosted abroad.",
    ],
    ("technology", "fr"): [
        "Les transactions par mobile money ont dépassé {bn} milliards de francs CFA au dernier trimestre, selon le régulateur.",
        "La liaison en fibre optique réduira le coût d'accès à internet pour les écoles et les hôpitaux de {city}.",
        "L'incubateur propose des bureaux, des formations et de petites subventions aux jeunes entrepreneurs.",
        "Des mini-réseaux solaires alimentent désormais {n} villages jamais raccordés au réseau.",
        "« Nos clients paient leur électricité avec leur téléphone », explique {person}, fondateur d'une entreprise solaire.",
        "Les opérateurs reconnaissent que la couverture rurale reste inégale et que les pylônes coûtent cher à entretenir.",
        "Le gouvernement prévoit de numériser les registres fonciers d'ici trois ans.",
        "Une école de code de {capital} a formé plus de {hundred} jeunes depuis son ouverture.",
        "Des banques s'associent aux opérateurs de téléphonie pour proposer des comptes d'épargne sur mobile.",
        "Le régulateur a fait baisser le prix des données mobiles de {pct} % en deux ans.",
        "Des étudiants ont présenté des applications pour les agriculteurs, des alertes météo aux prix des marchés.",
        "Les centres de données restent rares dans la région et la plupart des services sont hébergés à l'étranger.",
    ],
}
TEAMS = ["AS Réal", "Djoliba AC", "Stade Malien", "ASFA Yennenga", "Rahimo FC", "Enyimba", "Kano Pillars",
         "Remo Stars", "AS Douanes", "Sahel SC", "Coton FC", "ASKO Kara", "Dynamic Togolais", "Elect Sport",
         "Gazelle FC", "Salitas FC"]
ARTISTS = ["Awa Sangho", "Kader Diabaté", "Ténin Kouyaté", "Sidiki Bamba", "Fati Tall", "Bako Ouattara",
           "Nnamdi Okoye", "Abla Mensah"]
ATHLETES = ["Marthe Koala", "Hugues Zango", "Issa Dembélé", "Aminata Kanté", "Tobi Adewale"]
CITIES = {"ML": ["Ségou", "Sikasso", "Kayes", "Mopti", "Koutiala"], "BF": ["Bobo-Dioulasso", "Koudougou", "Banfora", "Ouahigouya"],
          "NE": ["Zinder", "Maradi", "Tahoua", "Dosso"], "NG": ["Kano", "Lagos", "Ibadan", "Enugu", "Jos", "Kaduna"],
          "BJ": ["Parakou", "Porto-Novo", "Abomey", "Djougou"], "TG": ["Kara", "Sokodé", "Atakpamé", "Kpalimé"],
          "TD": ["Moundou", "Sarh", "Abéché"], "SN": ["Thiès", "Saint-Louis", "Ziguinchor"], "CI": ["Bouaké", "Yamoussoukro", "Korhogo"]}
OTHER_COUNTRIES = {"SN": ("Senegal", "le Sénégal", "Sénégal", "Dakar"), "CI": ("Côte d'Ivoire", "la Côte d'Ivoire", "Côte d'Ivoire", "Abidjan")}

GENERIC_CLOSE = {
    "en": ["The ministry said a full report would be published before the end of the year.",
           "Similar initiatives are planned in other regions next year, officials said.",
           "Observers will follow closely how the measures are implemented in the coming months.",
           "Further details are expected at a press conference on {weekday_en}."],
    "fr": ["Le ministère indique qu'un rapport complet sera publié avant la fin de l'année.",
           "Des initiatives similaires sont prévues dans d'autres régions l'an prochain, selon les autorités.",
           "Les observateurs suivront de près la mise en œuvre de ces mesures dans les prochains mois.",
           "Davantage de détails sont attendus lors d'une conférence de presse {weekday_fr}."],
}


# --------------------------------------------------------------------------
# Document assembly
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Story:
    language: str
    title: str
    paragraphs: list[str]
    topic: str  # a security kind or a news topic
    country: str


def base_slots(rng: random.Random, cc: str, lang: str, published: dt.date) -> dict:
    geo = GEO.get(cc)
    if geo is None:
        name_en, name_fr, bare, capital = OTHER_COUNTRIES[cc]
    else:
        name_en, name_fr, bare, capital = geo["en"], geo["fr"], geo["fr_bare"], geo["capital"]
    return {
        "country_en": name_en, "country_fr": name_fr, "country_fr_bare": bare,
        "country_fr_cap": name_fr[0].upper() + name_fr[1:], "capital": capital,
        "city": rng.choice(CITIES[cc]),
        "person": person,
        "pubday_en": WEEKDAYS["en"][published.weekday()], "pubday_fr": WEEKDAYS["fr"][published.weekday()],
        "weekday_en": lambda r: r.choice(WEEKDAYS["en"]), "weekday_fr": lambda r: r.choice(WEEKDAYS["fr"]),
        "month_en": lambda r: r.choice(MONTHS["en"]), "month_fr": lambda r: r.choice(MONTHS["fr"]),
        "pct": lambda r: f"{r.randint(2, 9)}{'.' if lang == 'en' else ','}{r.randint(0, 9)}",
        "pct2": lambda r: f"{r.randint(2, 9)}{'.' if lang == 'en' else ','}{r.randint(0, 9)}",
        "price": lambda r: str(r.choice([285, 300, 310, 325, 350])),
        "bn": lambda r: str(r.randint(12, 480)),
        "n": lambda r: str(r.randint(3, 14)),
        "hundred": lambda r: str(r.randint(120, 900)),
        "thousand": lambda r: number_words(r.randint(3, 60) * 1000, lang),
        "temp": lambda r: str(r.randint(41, 47)),
        "team": rng.choice(TEAMS), "team2": rng.choice(TEAMS), "player": person(rng),
        "artist": rng.choice(ARTISTS), "athlete": rng.choice(ATHLETES),
        "score": lambda r: f"{r.randint(1, 4)}-{r.randint(0, 1)}",
    }


def of_fr(name: str) -> str:
    """French 'of' before a name: 'du JNIM', "de l'ISWAP", 'de jihadistes présumés', 'de Boko Haram'."""
    if name.startswith("le "):
        return "du " + name[3:]
    if name.startswith("des "):
        return "d'" + name[4:] if name[4] in "aeiouhé" else "de " + name[4:]
    return "de " + name


def region_fr(cc: str, region: str) -> str:
    """'la région de Mopti', "l'État de Borno", "le département de l'Alibori": French wants the article."""
    if cc == "NG":
        return f"l'État de {region}"
    if cc == "BJ":
        return {"Alibori": "le département de l'Alibori", "Atacora": "le département de l'Atacora"}.get(region, f"le département du {region}")
    word = GEO[cc]["region_fr"]
    return f"la {word} de {region}"


def when_phrase(rng: random.Random, event_day: dt.date, published: dt.date, lang: str) -> str:
    gap = (published - event_day).days
    wd = WEEKDAYS[lang][event_day.weekday()]
    style = rng.random()
    if gap == 0:
        return "earlier today" if lang == "en" and style < 0.5 else ("today" if lang == "en" else "ce " + wd)
    if gap == 1 and style < 0.3:
        return "yesterday" if lang == "en" else "hier"
    if style < 0.6:
        return f"on {wd}" if lang == "en" else wd
    if style < 0.8:
        if lang == "en":
            return f"on {wd}, {MONTHS['en'][event_day.month - 1]} {event_day.day}"
        return f"le {wd} {event_day.day} {MONTHS['fr'][event_day.month - 1]}"
    prev = WEEKDAYS[lang][(event_day.weekday() - 1) % 7]
    return f"overnight from {prev} to {wd}" if lang == "en" else f"dans la nuit de {prev} à {wd}"


def security_story(rng: random.Random, lang: str, published: dt.date, target: int) -> Story:
    cc = rng.choice(list(GEO))
    geo = GEO[cc]
    kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
    if kind == "withdrawal" and cc not in ("ML", "NE", "TD"):
        kind = "camp_attack"
    region = rng.choice(list(geo["regions"]))
    towns = geo["regions"][region]
    town = rng.choice(towns)
    others = [t for r in geo["regions"].values() for t in r if t != town]
    town2 = rng.choice([t for t in towns if t != town] or others)
    event_day = published - dt.timedelta(days=rng.choice([0, 1, 1, 2, 2, 3, 4, 5]))
    toll = rng.choice([3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 17, 20, 23, 26, 31, 38, 45, 52, 70])
    group = rng.choice(ARMED_GROUPS[cc])
    army = ACTORS[geo["army"]]
    slots = base_slots(rng, cc, lang, published)
    foreign = rng.choice(FOREIGN)
    slots.update({
        "town": town, "town2": town2, "region": region,
        "region_word_en": geo["region_en"], "region_word_fr": geo["region_fr"],
        "toll": str(toll), "toll_w_cap": number_words(toll, lang).capitalize(),
        "enemy_toll": str(rng.choice([10, 15, 20, 25, 30, 40, 60])),
        "injured": str(rng.randint(5, 60)), "abducted": str(rng.randint(8, 160)),
        "bury": str(max(2, toll - rng.randint(0, 2))),
        "group_en": group[0], "group_fr": group[1],
        "have_fr": "ont" if group[1].startswith("des ") else "a",
        "of_group_fr": of_fr(group[1]),
        "army_en": army["en"], "army_fr": army["fr"], "army_fr_cap": army["fr"][0].upper() + army["fr"][1:],
        "foreign_en": foreign[0], "foreign_fr": foreign[1],
        "when_en": when_phrase(rng, event_day, published, "en"), "when_fr": when_phrase(rng, event_day, published, "fr"),
        "capital_region": region if region in towns else towns[0],
        "distance": str(rng.randint(12, 90)),
        "past_year": str(rng.randint(2015, published.year - 1)),
        "old_town": rng.choice(others), "old_toll": str(rng.randint(20, 160)),
        "displaced": number_words(rng.randint(20, 400) * 1000, lang),
        "houses": str(rng.randint(80, 3000)), "source": rng.choice(SOURCES[lang]),
        "the_region_fr": region_fr(cc, region),
        "src_en": lambda r: r.choice(SOURCES_SAID["en"]).format(pubday_en=slots["pubday_en"]),
        "src_fr": lambda r: r.choice(SOURCES_SAID["fr"]).format(pubday_fr=slots["pubday_fr"]),
    })
    fill = Filler(rng, slots)
    title = fill(rng.choice(HEADLINES[(kind, lang)]))
    lead = fill(rng.choice(LEADS[(kind, lang)]))
    if rng.random() < 0.35:  # a dateline, as wires write them
        place = (town if rng.random() < 0.5 else geo["capital"]).upper()
        date = f"{SHORT_MONTHS_EN[published.month - 1]} {published.day}" if lang == "en" else f"{published.day} {MONTHS['fr'][published.month - 1]}"
        lead = f"{place}, {date} - {lead}"
    detail_pool = {"flood": FLOOD_DETAILS, "withdrawal": WITHDRAWAL_DETAILS}.get(kind, DETAILS)[lang]
    if kind == "clash" and rng.random() < 0.5:
        militia = MILITIAS[cc][0 if lang == "en" else 1]
        lead += " " + (f"Members of {militia} fought alongside the soldiers." if lang == "en"
                       else f"{militia[0].upper() + militia[1:]} ont combattu aux côtés des soldats.")
    paragraphs = [lead]
    background = COUNTRY_BACKGROUND[cc][lang] + BACKGROUND[lang]
    if kind == "flood":
        pools = [detail_pool, FLOOD_QUOTES[lang], FLOOD_CONTEXT[lang], COUNTRY_BACKGROUND[cc][lang]]
    elif kind == "withdrawal":
        pools = [detail_pool, QUOTES[lang][1:2] + QUOTES[lang][3:4], background, ANALYSIS[lang]]
    else:
        pools = [detail_pool, QUOTES[lang], background, ANALYSIS[lang]]
    used: list[set[int]] = [set() for _ in pools]
    words = count_words(title) + count_words(lead)
    order = [0, 1, 0, 2, 0, 1, 2, 3, 2, 3, 3]
    step = 0
    while words < target and step < 60:
        which = order[step % len(order)] if step < len(order) else rng.randrange(len(pools))
        step += 1
        sentences = []
        for _ in range(rng.randint(1, 3)):
            template = take(rng, pools[which], used[which])
            if template is not None:
                sentences.append(fill(template))
        if sentences:
            paragraphs.append(" ".join(sentences))
            words += sum(count_words(s) for s in sentences)
        if all(len(u) == len(p) for u, p in zip(used, pools)):
            for u in used:
                u.clear()
    return Story(lang, title, paragraphs, kind, cc)


def other_story(rng: random.Random, lang: str, published: dt.date, target: int) -> Story:
    topic = rng.choice(TOPICS)
    cc = rng.choice(list(GEO) + list(OTHER_COUNTRIES))
    slots = base_slots(rng, cc, lang, published)
    fill = Filler(rng, slots)
    title = fill(rng.choice(OTHER_HEADLINES[(topic, lang)]))
    main = OTHER_SENTENCES[(topic, lang)]
    # A neighbour topic pads long pieces, as a column drifts from cotton to credit.
    side = OTHER_SENTENCES[(rng.choice([t for t in TOPICS if t != topic]), lang)]
    paragraphs: list[str] = []
    used_main: set[int] = set()
    used_side: set[int] = set()
    words = count_words(title)
    rounds = 0
    while words < target and rounds < 80:
        rounds += 1
        pool, used = (main, used_main) if len(used_main) < len(main) else (side, used_side)
        if len(used_side) == len(side):
            used_main.clear()
            used_side.clear()
        sentences = []
        for _ in range(rng.randint(2, 4)):
            template = take(rng, pool, used)
            if template is None:
                break
            sentences.append(fill(template))
        if sentences:
            paragraphs.append(" ".join(sentences))
            words += sum(count_words(s) for s in sentences)
    paragraphs.append(fill(rng.choice(GENERIC_CLOSE[lang])))
    return Story(lang, title, paragraphs, topic, cc)


def teaser(rng: random.Random, story: Story) -> str:
    """A desk-page teaser: headline, byline run into the first words, ellipsis, category."""
    marker = rng.choice(["Edited by :", "Editorial :", "By"] if story.language == "en" else ["Par", "Rédaction :"])
    words = story.paragraphs[0].split()[: rng.randint(12, 22)]
    cut = " ".join(words).rstrip(".,;:")
    desks = dict(zip(["security", "society", "economy", "sport", "culture", "politics", "health", "weather", "technology"],
                     DESKS[story.language]))
    desk = desks["security"] if story.topic in KINDS else desks[story.topic]
    return f"{story.title}\n{marker} {person(rng)} {cut}... {desk} -"


def html_page(rng: random.Random, story: Story, source: str, published: dt.date | None) -> str:
    nav = ["Home", "Security", "Politics", "Economy", "Sport"] if story.language == "en" else ["Accueil", "Sécurité", "Politique", "Économie", "Sport"]
    links = "".join(f'<a href="/{html_lib.escape(n.lower())}">{html_lib.escape(n)}</a>' for n in nav)
    body = "\n".join(f"<p>{html_lib.escape(p)}</p>" for p in story.paragraphs)
    meta = f'<meta property="article:published_time" content="{published.isoformat()}T08:00:00+00:00">' if published else ""
    ad = "Advertisement - Subscribe for unlimited access" if story.language == "en" else "Publicité - Abonnez-vous pour un accès illimité"
    return (
        f'<!DOCTYPE html>\n<html lang="{story.language}"><head><meta charset="utf-8">'
        f"<title>{html_lib.escape(story.title)} - {html_lib.escape(source)}</title>{meta}\n"
        f"<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}</script>\n"
        f"<style>.nav{{display:flex}}.ad{{margin:1em}}</style></head>\n<body>\n"
        f'<nav class="nav">{links}</nav>\n<div class="ad">{ad}</div>\n<article>\n'
        f"<h1>{html_lib.escape(story.title)}</h1>\n<p class=\"byline\">{html_lib.escape(person(rng))}</p>\n{body}\n</article>\n"
        f'<aside class="related"><h3>{"Most read" if story.language == "en" else "Les plus lus"}</h3><ul><li><a href="/a">…</a></li></ul></aside>\n'
        f"<footer>© {html_lib.escape(source)}</footer>\n<script>gtag('config','X');</script>\n</body></html>"
    )


def generate(n_docs: int = DEFAULT_DOCS, seed: int = DEFAULT_SEED,
             words: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> Iterator[dict]:
    """Yield ``n_docs`` document objects of about ``words`` (fewest, most) words; the same ``seed`` gives the
    same stream."""
    low, high = words
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    for i in range(n_docs):
        lang = "en" if rng.random() < 0.5 else "fr"
        published = FIRST_DAY + dt.timedelta(days=rng.randint(0, span))
        security = rng.random() < SECURITY_SHARE
        roll = rng.random()
        desk_page = HTML_SHARE <= roll < HTML_SHARE + DESK_PAGE_SHARE
        # Stories overshoot their target by up to a paragraph; teasers add up to ~200 words.
        target = rng.randint(low, max(low, high - (300 if desk_page else 100)))
        story = (security_story if security else other_story)(rng, lang, published, target)
        source = rng.choice(SOURCES[lang])
        slug = "-".join(story.title.lower().split()[:6]).replace("'", "").replace(":", "")
        doc: dict = {
            "url": f"https://news.example.org/{lang}/{published:%Y/%m}/{i:06d}-{slug}",
            "published": published.isoformat(),
            "source": source,
            "language": lang,
            "title": story.title,
        }
        if roll < HTML_SHARE:
            doc["html"] = html_page(rng, story, source, published)
            del doc["title"]
        elif desk_page:
            byline = ("Editorial : " if lang == "en" else "Par ") + person(rng)
            parts = [story.title, byline, *story.paragraphs, "-"]
            for _ in range(rng.randint(3, 6)):
                teaser_day = published - dt.timedelta(days=rng.randint(0, 5))
                make = security_story if rng.random() < 0.4 else other_story
                parts.append(teaser(rng, make(rng, lang, teaser_day, 40)))
            doc["text"] = "\n".join(parts)
            del doc["title"]
        else:
            doc["text"] = "\n".join([story.title, *story.paragraphs])
        if rng.random() < UNDATED_SHARE:
            del doc["published"]
        yield doc


def write_stream(path: str | Path, n_docs: int = DEFAULT_DOCS, seed: int = DEFAULT_SEED,
                 words: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> int:
    """Write the stream to ``path`` as JSON Lines (gzip-compressed when it ends in ``.gz``); return the number
    of documents."""
    count = 0
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8", newline="\n") as out:
        for doc in generate(n_docs, seed, words):
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="path of the JSON Lines file to write")
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help=f"number of documents (default {DEFAULT_DOCS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (same seed, same stream)")
    parser.add_argument("--words", default=f"{MIN_WORDS}-{MAX_WORDS}",
                        help=f"length of the stories, fewest-most words (default {MIN_WORDS}-{MAX_WORDS})")
    args = parser.parse_args(argv)
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    low, _, high = args.words.partition("-")
    n = write_stream(args.out, args.docs, args.seed, (int(low), int(high or low)))
    print(f"wrote {n} documents to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
