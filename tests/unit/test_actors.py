"""Actor knowledge base and actor finder, on hand-built sentences (EN and FR)."""
from __future__ import annotations

import datetime as dt

import pytest

from harmattan.actors import ACTOR_TYPES, DEFAULT_KB_PATH, extract_actors, load_actor_kb

JNIM = "JNIM: Group for Support of Islam and Muslims"
ISSP = "ISSP: Islamic State Sahel Province"
ISGS = "ISGS: Islamic State in the Greater Sahara"
ISWAP = "ISWAP: Islamic State West Africa Province"
BOKO = "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"
REGION = ("ML", "BF", "NE", "BJ", "TG", "NG", "TD", "GH", "CI", "SN", "MR", "CM", "GN", "LY", "SD", "DZ", "FR", "RU", "US")


@pytest.fixture(scope="module")
def kb():
    return load_actor_kb()


def names(text, hint=None, lang=None):
    return [m.actor.name for m in extract_actors(text, hint, lang)]


def found(text, hint=None, lang=None):
    return [(m.surface, m.actor.name, m.suspected) for m in extract_actors(text, hint, lang)]


# --- knowledge base --------------------------------------------------------

def test_kb_is_loaded_once_per_process(kb):
    assert load_actor_kb() is kb
    assert load_actor_kb(DEFAULT_KB_PATH) is kb


def test_every_actor_has_an_acled_type_and_kind(kb):
    assert len(kb) > 200
    for actor in kb.actors.values():
        assert actor.actor_type in ACTOR_TYPES, actor.name
        assert actor.kind in {"armed", "state", "civilians", "militia", "rioters", "protesters", "other"}, actor.name


@pytest.mark.parametrize("iso", REGION)
def test_every_country_has_forces_police_and_civilians(kb, iso):
    for role in ("military", "police", "civilians", "armed"):
        actor = kb.country_actor(role, iso)
        assert actor is not None and actor.country_code == iso


def test_country_actor_names_follow_acled_style(kb):
    assert kb.country_actor("military", "ML").name == "Military Forces of Mali"
    assert kb.country_actor("police", "NG").name == "Police Forces of Nigeria"
    assert kb.country_actor("civilians", "ML").name == "Civilians (Mali)"
    assert kb.country_actor("armed", "NG").name == "Unidentified Armed Group (Nigeria)"
    assert kb.get("Fulani Ethnic Militia (Nigeria)").actor_type == "Identity militias"


@pytest.mark.parametrize("alias", [
    "JNIM", "GSIM", "Jama'at Nusrat al-Islam wal-Muslimin", "Jama’a Nusrat ul-Islam wa al-Muslimin",
    "Jamaat Nusrat al-Islam wal Muslimin", "Group for Support of Islam and Muslims",
    "Groupe de soutien à l'islam et aux musulmans", "Groupe de soutien a l’islam et aux musulmans",
])
def test_jnim_aliases_resolve(kb, alias):
    assert kb.resolve(alias).name == JNIM


@pytest.mark.parametrize("alias, name", [
    ("EIGS", ISGS), ("ISGS", ISGS), ("Islamic State in the Greater Sahara", ISGS), ("Etat islamique au Grand Sahara", ISGS),
    ("ISSP", ISSP), ("IS Sahel", ISSP), ("Islamic State Sahel Province", ISSP), ("État islamique au Sahel", ISSP),
    ("ISWAP", ISWAP), ("Islamic State West Africa Province", ISWAP), ("Etat islamique en Afrique de l'Ouest", ISWAP),
    ("Boko Haram", BOKO), ("JAS", BOKO), ("Jama'atu Ahlis Sunna Lidda'awati wal-Jihad", BOKO),
    ("PMC Wagner", "Wagner Group"), ("groupe Wagner", "Wagner Group"), ("Russia's Africa Corps", "Africa Corps"),
    ("Front de libération de l'Azawad", "FLA: Azawad Liberation Front"), ("VDP", "VDP: Volunteers for the Defense of the Homeland"),
    ("Volontaires pour la défense de la patrie", "VDP: Volunteers for the Defense of the Homeland"),
    ("FAMa", "Military Forces of Mali"), ("Forces armées nigériennes", "Military Forces of Niger"),
    ("FAB", "Military Forces of Benin"), ("ANT", "Military Forces of Chad"), ("Civilian JTF", "CJTF: Civilian Joint Task Force"),
    ("Koglweogo", "Koglweogo Militia"), ("Dan Na Ambassagou", "Dan Na Ambassagou"), ("Barkhane", "Military Forces of France"),
])
def test_aliases_resolve(kb, alias, name):
    assert kb.resolve(alias).name == name


def test_resolve_uses_country_to_break_ties(kb):
    assert kb.resolve("Dozo", country="BF").name == "Dozo Communal Militia (Burkina Faso)"
    assert kb.resolve("Dozo").name == "Dozo Communal Militia (Mali)"
    assert kb.resolve("no such group") is None


def test_affiliations_and_successions(kb):
    jnim = kb.get(JNIM)
    assert any(a["with"] == "Al Qaeda" and str(a["since"]).startswith("2017") for a in jnim.affiliations)
    assert any("split" in a["relation"] and str(a["since"]).startswith("2016") for a in kb.get(ISWAP).affiliations)
    assert kb.get(ISGS).successor == ISSP
    assert kb.successor_on(ISGS, dt.date(2021, 5, 1)) == ISGS
    assert kb.successor_on(ISGS, "2023-01-10") == ISSP


def test_wagner_hands_over_to_africa_corps_by_date(kb):
    assert kb.successor_on("Wagner Group", dt.date(2022, 1, 1)) == "Wagner Group"
    assert kb.successor_on("Wagner Group", dt.date(2024, 3, 1)) == "Africa Corps"
    assert kb.successor_on("Wagner Group", dt.date(2025, 1, 1), country="ML") == "Wagner Group"
    assert kb.successor_on("Wagner Group", dt.date(2025, 7, 1), country="ML") == "Africa Corps"
    assert kb.successor_on("Wagner Group", None) == "Wagner Group"


def test_mali_rebel_coalitions_chain_to_fla(kb):
    assert kb.successor_on("CMA: Coordination of Azawad Movements", "2025-02-01") == "FLA: Azawad Liberation Front"


def test_foreign_state_forces_are_external(kb):
    assert kb.type_in("Military Forces of France", "ML") == "External/Other forces"
    assert kb.type_in("Military Forces of Mali", "ML") == "State forces"


def test_kb_loads_from_its_cached_copy(tmp_path, monkeypatch):
    from harmattan import actors

    monkeypatch.setenv("HARMATTAN_CACHE_DIR", str(tmp_path))
    actors._load_cached.cache_clear()
    try:
        actors.load_actor_kb()  # builds and stores the pickled copy
        actors._load_cached.cache_clear()
        again = actors.load_actor_kb()
        assert again.resolve("JNIM").name == JNIM
        assert list(tmp_path.glob("actors-*.pickle"))
    finally:
        actors._load_cached.cache_clear()


# --- named groups in text --------------------------------------------------

def test_both_jnim_spellings_in_text():
    text = "Jama’a Nusrat ul-Islam wa al-Muslimin (JNIM) claimed the attack."
    assert found(text) == [("Jama’a Nusrat ul-Islam wa al-Muslimin (JNIM)", JNIM, False)]
    fr = "une attaque revendiquée par le Groupe de soutien à l'islam et aux musulmans (GSIM, ou JNIM), selon des sources"
    assert found(fr, "BF", "fr") == [("Groupe de soutien à l'islam et aux musulmans (GSIM, ou JNIM)", JNIM, False)]


def test_eigs_and_iswap_are_told_apart():
    text = "The Islamic State in the Greater Sahara (EIGS) and ISWAP both claimed attacks."
    assert names(text) == [ISGS, ISWAP]


def test_bare_islamic_state_follows_the_country():
    assert names("IS claims killing soldiers in Nigeria's Borno State", "NG") == [ISWAP, "Military Forces of Nigeria"]
    assert names("L'Etat islamique a revendiqué l'attaque", "NE", "fr") == [ISSP]


def test_al_qaeda_linked_jihadists_are_jnim_in_the_sahel():
    assert found("Jihadists linked to al-Qaeda stormed the school", "ML") == [("Jihadists linked to al-Qaeda", JNIM, False)]


def test_linked_descriptors_join_the_named_mention():
    assert found("JNIM-linked militants attacked", "BF") == [("JNIM-linked militants", JNIM, False)]
    assert found("Un groupe jihadiste affilié à Al-Qaïda a frappé", "BJ", "fr") == [
        ("groupe jihadiste affilié à Al-Qaïda", JNIM, False)]


def test_group_words_are_absorbed_into_the_named_mention():
    assert found("Boko Haram fighters overran the base", "TD") == [("Boko Haram fighters", BOKO, False)]
    assert found("Les jihadistes du JNIM ont attaqué", "BF", "fr") == [("jihadistes du JNIM", JNIM, False)]


def test_wagner_and_africa_corps_in_text():
    text = "Russia's Wagner Group left Mali; the Africa Corps took over."
    assert names(text, "ML") == ["Wagner Group", "Africa Corps"]


# --- abbreviations ------------------------------------------------------------

def test_short_abbreviations_match_only_whole_words_and_in_capitals():
    assert names("Les FAN ont repoussé une attaque", "NE", "fr") == ["Military Forces of Niger"]
    assert names("a fan of the cma and msa bands", "ML") == []  # lower case: ordinary words
    assert names("The FANTASTIC fanfare and Fabrice", "NE") == []
    assert names("The CMA and MSA clashed", "ML") == ["CMA: Coordination of Azawad Movements", "MSA: Movement for the Salvation of Azawad"]
    assert names("Lakurawa militants killed farmers", "NG") == ["Lakurawa", "Civilians (Nigeria)"]


def test_words_that_are_abbreviations_are_ignored_in_all_caps_headlines():
    assert names("GUNMEN KILL FIVE AS FAN IS SEEN AT STADIUM", "NE") == ["Unidentified Armed Group (Niger)"]


# --- generic mentions: state forces --------------------------------------------

@pytest.mark.parametrize("text, hint, expected", [
    ("Malian soldiers were killed", None, "Military Forces of Mali"),
    ("des soldats maliens ont été tués", None, "Military Forces of Mali"),
    ("l'armée burkinabè a riposté", None, "Military Forces of Burkina Faso"),
    ("the Chadian army said", None, "Military Forces of Chad"),
    ("Nigerian troops repelled the attack", None, "Military Forces of Nigeria"),
    ("Nigerien soldiers repelled the attack", None, "Military Forces of Niger"),
    ("des militaires nigériens", None, "Military Forces of Niger"),
    ("des soldats nigérians", None, "Military Forces of Nigeria"),
    ("Mali's army retook the town", None, "Military Forces of Mali"),
    ("Chad troops killed 50 fighters", None, "Military Forces of Chad"),
    ("the army of Burkina Faso", None, "Military Forces of Burkina Faso"),
    ("les forces de défense et de sécurité", "BF", "Military Forces of Burkina Faso"),
    ("Soldiers repelled the attack", "BJ", "Military Forces of Benin"),
    ("trainee gendarmes were killed", "ML", "Military Forces of Mali"),  # the gendarmerie is a military force in the francophone Sahel
    ("des policiers ivoiriens", None, "Police Forces of Ivory Coast"),
    ("French troops left", "ML", "Military Forces of France"),
])
def test_state_forces_from_adjective_or_hint(text, hint, expected):
    assert names(text, hint)[0] == expected


def test_joint_forces_give_one_mention_per_country():
    got = found("a bombing targeted joint Malian–Russian forces", "ML")
    assert [n for _, n, _ in got] == ["Military Forces of Mali", "Wagner Group"]
    assert got[0][0].endswith("Malian") and got[1][0] == "Russian forces"


def test_niger_state_and_lake_chad_are_not_countries():
    assert names("Soldiers in Niger State were attacked", "NG") == ["Military Forces of Nigeria"]
    assert names("Gunmen near Lake Chad killed traders") == ["Unidentified Armed Group", "Civilians"]


def test_non_actor_uses_of_military_words_are_skipped():
    assert names("after the military coup, the junta spoke", "ML") == []
    assert names("selon des sources militaires, la transition militaire", "ML", "fr") == []
    assert names("an army spokesman said", "NG") == []


# --- generic mentions: others ----------------------------------------------------

@pytest.mark.parametrize("text, hint, expected", [
    ("Gunmen killed 44 worshippers", "NE", ["Unidentified Armed Group (Niger)", "Civilians (Niger)"]),
    ("des hommes armés ont tué des villageois", "BF", ["Unidentified Armed Group (Burkina Faso)", "Civilians (Burkina Faso)"]),
    ("Bandits abducted 287 pupils", "NG", ["Bandits (Nigeria)", "Civilians (Nigeria)"]),
    ("Fulani herdsmen attacked farmers", "NG", ["Fulani Ethnic Militia (Nigeria)", "Civilians (Nigeria)"]),
    ("des éleveurs peuls ont attaqué", "ML", ["Fulani Ethnic Militia (Mali)"]),
    ("Protesters clashed with police", "SN", ["Protesters (Senegal)", "Police Forces of Senegal"]),
    ("des manifestants ont été dispersés", "TG", ["Protesters (Togo)"]),
    ("rioters burned a police station", "NG", ["Rioters (Nigeria)", "Police Forces of Nigeria"]),
    ("Fulani kill Tiv farmers, Benue", "NG", ["Fulani Ethnic Militia (Nigeria)", "Civilians (Nigeria)"]),
    ("27 killed in Tiv/Jukun clash", "NG", ["Tiv Ethnic Militia (Nigeria)", "Jukun Ethnic Militia (Nigeria)"]),
    ("Suspected cultists kill six", "NG", ["Unidentified Cult Militia (Nigeria)"]),
    ("Local hunters killed 70 insurgents", "NG", ["Vigilante Militia (Nigeria)", "Unidentified Armed Group (Nigeria)"]),
    ("des chasseurs dozo ont attaqué", "ML", ["Dozo Communal Militia (Mali)"]),
    ("Tuareg-led rebels held Kidal", "ML", ["CMA: Coordination of Azawad Movements"]),
    ("des soldats et des volontaires ont été tués", "BF", ["Military Forces of Burkina Faso", "VDP: Volunteers for the Defense of the Homeland"]),
    ("Des instructeurs russes accompagnaient les soldats", "ML", ["Wagner Group", "Military Forces of Mali"]),
    ("Chadian troops of the MNJTF killed Boko Haram terrorists", "NG",
     ["Military Forces of Chad", "MNJTF: Multinational Joint Task Force", BOKO]),
    ("Fulani leaders condemned the killing of Peul civilians", "ML", ["Civilians (Mali)"]),
])
def test_generic_mentions(text, hint, expected):
    assert names(text, hint) == expected


def test_people_count_as_civilians_only_when_counted():
    assert names("at least 150 people were killed", "BF") == ["Civilians (Burkina Faso)"]
    assert names("des dizaines de personnes tuées", "BF", "fr") == ["Civilians (Burkina Faso)"]
    assert names("people said the town was calm", "BF") == []


def test_country_is_inferred_from_the_text_without_hint():
    assert names("Gunmen killed 5 villagers in Nigeria's Kaduna state") == [
        "Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)"]


def test_adjective_country_beats_the_hint():
    assert names("Chadian soldiers killed Boko Haram fighters in Nigeria", "NG") == ["Military Forces of Chad", BOKO]


# --- hedges ----------------------------------------------------------------------

@pytest.mark.parametrize("text, hint, surface", [
    ("suspected Boko Haram gunmen raided the village", "NG", "suspected Boko Haram gunmen"),
    ("Suspected Fulani Herdsmen Kill 20", "NG", "Suspected Fulani Herdsmen"),
    ("Three Soldiers Killed in Suspected Jihadist Attack", "BJ", "Suspected Jihadist"),
    ("des présumés jihadistes ont attaqué", "BF", "présumés jihadistes"),
    ("des jihadistes présumés ont attaqué", "BF", "jihadistes présumés"),
    ("alleged bandits were arrested", "NG", "alleged bandits"),
    ("Boko Haram suspects escaped", "NG", "Boko Haram suspects"),
])
def test_hedged_mentions_are_suspected(text, hint, surface):
    hedged = [m for m in extract_actors(text, hint) if m.suspected]
    assert [m.surface for m in hedged] == [surface]


def test_plain_mentions_are_not_suspected():
    assert not any(m.suspected for m in extract_actors("Boko Haram gunmen killed soldiers", "NG"))


# --- spans, order, headlines -------------------------------------------------------

def test_spans_point_into_the_text_in_order_without_overlap():
    text = "Boko Haram Kills 5, Borno. Nigerian Troops Repel Suspected Bandits; soldats maliens et civils"
    mentions = extract_actors(text, "NG")
    assert [m.surface for m in mentions] == ["Boko Haram", "Nigerian Troops", "Suspected Bandits", "soldats maliens", "civils"]
    for m in mentions:
        assert text[m.start:m.end] == m.surface
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:]))


def test_longest_match_wins():
    assert found("Civilian JTF members killed a man", "NG") == [("Civilian JTF members", "CJTF: Civilian Joint Task Force", False)]


def test_empty_text():
    assert extract_actors("") == [] and extract_actors("   ") == []


