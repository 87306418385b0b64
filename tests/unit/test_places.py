"""Unit tests of place finding (EN/FR), country detection and best location."""
import pytest

from harmattan.gazetteer import DEFAULT_PATH
from harmattan.places import best_location, detect_countries, extract_places

pytestmark = pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="run scripts/build_gazetteer.py first")


def found(text, hints=()):
    return [(m.surface, m.place.kind, m.place.country_code) for m in extract_places(text, hints)]


def best(text, hints=()):
    return best_location(extract_places(text, hints or detect_countries(text)))


# --- countries -------------------------------------------------------------------------
@pytest.mark.parametrize("text,cc", [
    ("Malian soldiers were ambushed", "ML"), ("des soldats maliens", "ML"), ("Burkinabe troops", "BF"),
    ("l'armée burkinabè", "BF"), ("Nigerien soldiers", "NE"), ("l'armée nigérienne", "NE"), ("Nigerian soldiers", "NG"),
    ("l'armée nigériane", "NG"), ("Chadian troops", "TD"), ("l'armée tchadienne", "TD"), ("Beninese soldiers", "BJ"),
    ("des soldats béninois", "BJ"), ("Togolese army", "TG"), ("Ghanaian police", "GH"), ("Ivorian troops", "CI"),
    ("les forces ivoiriennes", "CI"), ("Senegalese", "SN"), ("sénégalais", "SN"), ("Mauritanian", "MR"),
    ("Cameroonian soldiers", "CM"), ("soldats camerounais", "CM"), ("BAMAKO, Sept 18 - Jihadists attacked", "ML"),
    ("OUAGADOUGOU, 27 août - Au moins 150 personnes", "BF"), ("Attaque au Tchad", "TD")])
def test_detect_countries(text, cc):
    assert detect_countries(text)[:1] == [cc]


def test_niger_state_is_not_niger_country():
    assert detect_countries("Flash floods kill 21 in Nigeria's Niger State") == ["NG"]
    assert "NE" not in detect_countries("Inondations dans l'État du Niger")
    assert "NE" not in detect_countries("Boats capsized on the River Niger")
    assert "TD" not in detect_countries("Boko Haram fighters on Lake Chad islands")


def test_niger_country_vs_state():
    assert ("Niger", "country", "NE") in found("Gunmen kill 44 worshippers at Niger mosque")
    assert ("Niger", "admin1", "NG") in found("floods in Mokwa, Niger State")
    assert ("Niger", "admin1", "NG") in found("à Mokwa, dans l'État du Niger")
    place, _ = best("Flash floods kill at least 21 in Nigeria's Niger State")
    assert (place.country_code, place.admin1) == ("NG", "Niger")


# --- admin units -----------------------------------------------------------------------
@pytest.mark.parametrize("text,cc,admin1", [
    ("in Nigeria's northeastern Borno state", "NG", "Borno"), ("dans l'État de Borno", "NG", "Borno"),
    ("dans la région du Sahel", "BF", "Sahel"), ("in western Niger's Tillaberi region", "NE", "Tillabéri"),
    ("an island in Chad's Lac province", "TD", "Lac"), ("Boko Haram Kills 5, Borno", "NG", "Borno"),
    ("dans le Centre-Nord du Burkina", "BF", "Centre-Nord"), ("Gunmen Kill Four in Plateau", "NG", "Plateau")])
def test_admin1(text, cc, admin1):
    assert any(m.place.kind == "admin1" and (m.place.country_code, m.place.admin1) == (cc, admin1)
               for m in extract_places(text, detect_countries(text)))


@pytest.mark.parametrize("text,name,cc", [
    ("in the Chikun local government area of Kaduna state", "Chikun", "NG"), ("dans la province du Yagha", "Yagha", "BF"),
    ("attack in Riyom LGA of Plateau State", "Riyom", "NG")])
def test_admin2(text, name, cc):
    assert (name, "admin2", cc) in found(text)


# --- localities ------------------------------------------------------------------------
@pytest.mark.parametrize("text,name,cc,prec", [
    ("suicide bombers killed 18 in Gwoza, in Nigeria's northeastern Borno state", "Gwoza", "NG", 1),
    ("a mosque in the village of Fambita, in the Kokorou rural commune of western Niger's Tillaberi region", "Fambita", "NE", 1),
    ("Au moins 150 personnes ont été tuées samedi à Barsalogho, dans la province du Sanmatenga", "Barsalogo", "BF", 1),
    ("L'attaque du camp militaire de Mansila, dans la province du Yagha", "Mansila", "BF", 1),
    ("flash flooding in Mokwa, a market town in north-central Niger State", "Mokwa", "NG", 1),
    ("Nigerian Military Confirms Six Killed, Five Injured in Riyom, Plateau Attack", "Riyom", "NG", 1),
    ("Gunmen attacked a village near Djibo, Burkina Faso", "Djibo", "BF", 2),
    ("Army base on Barkaram, an island in Chad's Lac province", "Barkaram", "TD", 1)])
def test_best_location(text, name, cc, prec):
    place, precision = best(text)
    assert (place.name, place.country_code, precision) == (name, cc, prec)


def test_mokwa_is_the_lga_seat():
    place, _ = best("flash flooding in Mokwa, Niger State")
    assert place.admin2 == "Mokwa" and abs(place.latitude - 9.29) < 0.05


def test_same_name_resolved_by_context():
    place, _ = best("Des jihadistes ont attaqué Léré, dans la région de Tombouctou, au Mali")
    assert (place.country_code, place.admin1) == ("ML", "Tombouctou")
    place, _ = best("Des jihadistes ont attaqué Léré, dans le cercle de Koro (région de Mopti), au Mali")
    assert (place.country_code, place.admin1) == ("ML", "Mopti")
    place, _ = best("Les blessés ont été évacués vers Kaya, au Burkina Faso")
    assert (place.name, place.admin1) == ("Kaya", "Centre-Nord")


def test_region_only_gives_precision_3():
    place, precision = best("Boko Haram Kills 5, Borno")
    assert (place.kind, place.admin1, precision) == ("admin1", "Borno", 3)


@pytest.mark.parametrize("text", [
    "Boko Haram Kills 5", "Police Confirm Scores Dead", "Mercredi, des hommes armés ont attaqué", "Sunday attack",
    "Daesh claimed it", "Wagner fighters and Africa Corps", "Jama'at Nusrat al-Islam wal-Muslimin claimed responsibility",
    "Gunmen Kill 16 in Four Villages", "President Mahamat Idriss Deby travelled to the area"])
def test_no_false_places(text):
    assert [m for m in extract_places(text) if m.place.kind != "country"] == []


def test_headline_title_case_plateau_villages():
    place, precision = best("Gunmen Kill 16 in Four Plateau Villages")
    assert (place.country_code, place.admin1, precision) == ("NG", "Plateau", 3)


def test_spelling_variants_in_text():
    assert best("attack near Boulikessi, Mali")[0].name == "Boulkessi"
    assert best("Des soldats tués à Tillabery")[0].admin1 == "Tillabéri"
    assert best("attaque à Barsalogo")[0].country_code == "BF"


def test_empty():
    assert extract_places("") == []
    assert best_location([]) == (None, 3)


# --- spelling tolerance, person names, states named like their capital (issue 8) -------------------

def test_a_near_spelling_after_a_cue_is_found_in_the_texts_country():
    found = [(m.place.name, m.place.country_code) for m in extract_places("Des terroristes ont attaqué le camp de Boulkessy.", ["ML"])]
    assert ("Boulkessi", "ML") in found


def test_a_near_spelling_is_never_taken_from_another_country_or_without_a_cue():
    assert not [m for m in extract_places("Des terroristes ont attaqué le camp de Boulkessy.", ["NG"]) if m.place.kind == "locality"]
    assert not [m for m in extract_places("Boulkessy a parlé hier.", ["ML"]) if m.place.kind == "locality"]


def test_names_written_in_several_words_meet_their_one_word_spelling():
    one = {(m.place.name, m.place.country_code) for m in extract_places("Gunmen attacked Banibangou on Monday", ["NE"])}
    two = {(m.place.name, m.place.country_code) for m in extract_places("Gunmen attacked Bani Bangou on Monday", ["NE"])}
    assert one and one == two


def test_people_named_beside_a_place_name_are_not_places():
    for text in ("Resident Musa Dahiru told reporters the gunmen came at night.",
                 "Le ministre, Hervé Tapsoba, s'est exprimé devant la presse."):
        assert [m for m in extract_places(text, ["NG", "BF"]) if m.place.kind == "locality"] == [], text


def test_mixed_case_acronyms_are_not_places():
    assert [m for m in extract_places("Les FAMa ont repris la ville.", ["ML"]) if m.place.kind == "locality"] == []


def test_a_state_qualifying_a_noun_is_the_state_not_its_capital():
    (m,) = [m for m in extract_places("Gunmen abduct Kano pupils", ["NG"])]
    assert (m.place.kind, m.place.name) == ("admin1", "Kano")


# --- villages no gazetteer knows, offices, titles, regions named elsewhere -------------------
@pytest.mark.parametrize("text,hints,name,admin1,precision", [
    ("Des hommes armés ont incendié le village de Zabrikoro, dans le cercle de Bankass.", ["ML"], "Zabrikoro", "Mopti", 2),
    ("Bandits raided Kofar Zandi village in Zamfara State overnight.", ["NG"], "Kofar Zandi", "Zamfara", 3),
    ("Gunmen killed four farmers at Zangbel in Bokkos local government area.", ["NG"], "Zangbel", "Plateau", 2),
])
def test_a_village_no_gazetteer_knows_is_kept_by_name_inside_the_unit_the_text_names(text, hints, name, admin1, precision):
    place, geo = best(text, hints)
    assert (place.name, place.admin1, place.source, geo) == (name, admin1, "text", precision)


def test_an_unknown_name_without_a_cue_or_a_container_is_not_made_a_place():
    assert [m for m in extract_places("Zabrikoro said the village of Kpalaba was burnt.", ["ML"])
            if m.place.source == "text"] == []
    assert [m for m in extract_places("Residents fled to Zangbel after the raid.", ["NG"])
            if m.place.source == "text"] == []


def test_a_name_after_a_title_is_a_person():
    assert [m.place.name for m in extract_places("Governor Uba Sani of Kaduna State spoke.", ["NG"])] == ["Kaduna"]
    assert [m.place.kind for m in extract_places("Le général Tiani a reçu les chefs coutumiers.", ["NE"])] == []


def test_the_seat_of_an_office_is_not_the_scene():
    place, _ = best("Le procureur de Ouahigouya a annoncé que des civils ont été tués à Karma.", ["BF"])
    assert place.name == "Karma"


def test_a_town_moves_to_its_namesake_in_a_region_the_article_names():
    from harmattan.gazetteer import load_gazetteer
    from harmattan.places import named_regions, relocate
    gaz = load_gazetteer()
    (town,) = [m for m in extract_places("Des hommes armés ont attaqué Barga dimanche.", ["BF"]) if m.place.kind == "locality"]
    regions = named_regions(extract_places("Barga relève de la province du Yatenga.", ["BF"]))
    assert ("BF", "Nord") in regions
    assert relocate(town, regions, gaz).place.admin1 == "Nord"
    assert relocate(town, frozenset({("NE", "Tahoua")}), gaz) is town  # a region of another country changes nothing


def test_a_facility_named_after_its_town_places_the_event_in_the_town_not_the_city_after_it():
    text = "Gunmen stormed the Kuje Medium Security Custodial Centre, Abuja, late on Tuesday."
    place, _ = best(text, ["NG"])
    assert place.name == "Kuje"
    assert {m.surface: getattr(m, "cue", None) for m in extract_places(text, ["NG"])}["Abuja"] == "container"


def test_the_islamic_state_in_west_africa_is_a_group_not_a_region():
    text = "The Islamic State in West Africa Province claimed the attack in Monguno."
    assert [m.surface for m in extract_places(text, ["NG"])] == ["Monguno"]


@pytest.mark.parametrize("text,hints,name,code", [
    ("Les deux touristes ont été enlevés dans le parc de la Pendjari.", ["BJ"], "Pendjari National Park", "RESN"),
    ("Une embuscade a visé une patrouille près du parc national d'Arly.", ["BF"], "Parc National de l’Arly", "PRK"),
    ("L'avion s'est posé à l'aéroport d'Arly.", ["BF"], "Arly Airport", "AIRP"),
    ("Troops cleared militant camps in the Sambisa forest.", ["NG"], "Sambisa Forest", "FRST"),
])
def test_a_park_forest_or_airport_is_found_when_the_text_names_its_kind(text, hints, name, code):
    place, precision = best(text, hints)
    assert (place.name, place.feature_code, precision) == (name, code, 2)


def test_a_feature_never_displaces_a_town_of_the_same_name_without_its_kind_word():
    place, _ = best("Gunmen attacked Arly on Monday.", ["BF"])
    assert (place.name, place.feature_code) == ("Arly", "PPL")


def test_a_headline_qualifier_between_the_preposition_and_the_place_keeps_the_cue():
    ms = extract_places("Eight Killed in Fresh Nasarawa Ethnic Clash", ["NG"])
    assert [(m.place.admin1, m.cue) for m in ms] == [("Nasarawa", "prep")]


def test_a_speaker_and_a_foreign_region_are_not_places():
    assert extract_places("In the North East, Buba said that the troops neutralised 83 terrorists.", ["NG"]) == []
    ms = extract_places("Terrorist hideouts in the Tsafe area of Zamfara State were struck.", ["NG"])
    assert ("Zamfara", "admin1") in [(m.place.name, m.place.kind) for m in ms]


def test_a_destination_or_a_source_is_not_the_scene():
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    (event,) = run_pipeline([Document("d", "d", "Gunmen attacked Gwoza on Monday, killing four people; survivors fled to Maiduguri.")]).events
    assert event.location == "Gwoza"
    assert extract_places("The toll was 85, according to Dahiru, a resident.", ["NG"]) == []


def test_an_acronym_after_a_settlement_noun_is_not_a_village():
    assert [m.place.source for m in extract_places("Gunmen attacked the camp of IDPs in Borno State.", ["NG"])] == ["ocha"]


def test_a_village_the_text_puts_in_a_unit_is_not_its_namesake_abroad():
    # The gazetteer's villages of this name lie in Nigeria and Burkina Faso; the text puts it in a Malian cercle.
    ms = extract_places("Des hommes armés ont attaqué le village de Tiba, dans le cercle de Bankass.")
    (village,) = [m for m in ms if m.surface == "Tiba"]
    assert (village.place.country_code, village.place.admin1, village.place.source) == ("ML", "Mopti", "text")
    # a village the gazetteer has inside that unit stays the gazetteer's
    ms = extract_places("Gunmen attacked the village of Gwoza in Borno State.")
    assert [(m.surface, m.place.source) for m in ms][0] == ("Gwoza", "wof")


def test_a_point_of_the_compass_of_a_country_is_not_the_region_named_so():
    assert extract_places("Comme ailleurs au Centre du pays, les greniers ont brûlé.") == []
    assert [m.place.kind for m in extract_places("Gunmen struck in the north of Mali.")] == ["country"]
    assert [m.place.name for m in extract_places("Des soldats tués dans la région du Centre-Nord.")] == ["Centre-Nord"]


def test_between_equals_the_place_called_so_beats_one_with_the_name_as_an_alias():
    (m,) = extract_places("Attaque sur une mine d'or à Narena, au Mali.")[:1]
    assert (m.place.name, m.place.admin1) == ("Narena", "Koulikoro")


def test_a_village_near_a_town_is_kept_by_name_at_that_town():
    ms = extract_places("Des hommes armés sont entrés dans le village de Zzyqua, non loin de la ville de Bankass, au Mali.")
    assert [(m.surface, m.place.source, m.place.feature_code) for m in ms if m.place.kind == "locality"] == [
        ("Zzyqua", "text", "near")]  # the town is the reference point, not the scene
    place, precision = best_location(ms)
    assert (place.name, place.admin1, precision) == ("Zzyqua", "Mopti", 2)
    ms = extract_places("Gunmen raided the village of Zzyqua and the town of Gusau.")
    assert "Zzyqua" not in [m.surface for m in ms]  # "and" does not put a village near a town


def test_the_ends_of_a_route_and_a_distance_s_reference_give_way_to_the_scene():
    text = ("A bomb went off under the Abuja-Kaduna passenger train. The explosives had been laid on the track "
            "between Rijana and Katari, less than 60 km from Kaduna.")
    ms = extract_places(text, ["NG"])
    assert [(m.surface, m.cue) for m in ms] == [("Abuja", "route"), ("Kaduna", "route"), ("Katari", "near"),
                                                ("Kaduna", "distance")]
    place, precision = best_location(ms)
    assert (place.name, place.admin1, precision) == ("Katari", "Kaduna", 2)
    # a route alone places the event at one of its ends, and only near it
    ms = extract_places("Une embuscade sur l'axe Kaya-Dori a fait dix morts.", ["BF"])
    assert [m.cue for m in ms] == ["route", "route"] and best_location(ms)[1] == 2
    # a hyphenated town name is no route
    assert [m.cue for m in extract_places("Attaque à Gorom-Gorom.", ["BF"])] == ["prep"]


def test_in_the_x_area_names_the_scene():
    assert [(m.surface, m.cue) for m in extract_places("Fifty were reported dead in villages in the Barkin Ladi area.", ["NG"])] \
        == [("Barkin Ladi", "prep")]
    # "the X area of Y" stays a town or the state, as before
    assert ("Zamfara", "state") in [(m.surface, m.cue) for m in extract_places("in the Tsafe area of Zamfara State", ["NG"])]
