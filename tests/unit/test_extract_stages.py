"""Unit tests of the pure extraction stages on hand-built sentences (EN and FR)."""
from __future__ import annotations

import datetime as dt

import pytest

from harmattan.extract.casualties import extract_casualties
from harmattan.extract.coding import consolidate_killed
from harmattan.extract.dates import find_dates
from harmattan.extract.frames import classify_background, is_aggregate
from harmattan.extract.numbers import parse_quantity
from harmattan.extract.text import split_sentences

SAT = dt.date(2025, 6, 7)  # a Saturday


@pytest.mark.parametrize("text,value,low,high", [
    ("more than 200", 200, 200, None),
    ("at least 70", 70, 70, None),
    ("dozens", 12, 12, 99),
    ("Forty-five", 45, 45, 45),
    ("vingt et un", 21, 21, 21),
    ("quatre-vingt-dix", 90, 90, 90),
    ("une centaine", 100, 100, 109),
    ("1,200", 1200, 1200, 1200),
])
def test_quantities(text, value, low, high):
    q = parse_quantity(text)
    assert (q.value, q.low, q.high) == (value, low, high)


def test_not_a_count():
    assert parse_quantity("yesterday") is None


@pytest.mark.parametrize("text,expected", [
    ("Gunmen attacked the village on Wednesday evening.", "2025-06-04"),
    ("Des hommes armés ont attaqué le village mardi soir.", "2025-06-03"),
    ("L'attaque a eu lieu dans la nuit de jeudi à vendredi.", "2025-06-05"),
    ("The attack happened yesterday.", "2025-06-06"),
    ("L'attaque a eu lieu hier.", "2025-06-06"),
    ("The floods struck last week.", "2025-05-31"),
    ("le mardi 17 septembre 2024", "2024-09-17"),
    ("on June 8", "2025-06-08"),  # a day ahead of the report (time zones): same year
    ("on December 30", "2024-12-30"),  # months ahead of the report: last year's
])
def test_dates_resolved_against_publication(text, expected):
    mentions = [m for m in find_dates(text, SAT) if not m.reporting]
    assert mentions and mentions[0].date.isoformat() == expected


def test_full_date_beats_weekday():
    mentions = find_dates("Attaque du mardi 17 septembre 2024 à Bamako", None)
    assert [(m.kind, m.date.isoformat()) for m in mentions] == [("dmy", "2024-09-17")]


def test_weekday_without_publication_date_is_unresolved_not_today():
    (m,) = find_dates("Gunmen attacked on Tuesday", None)
    assert m.date is None and m.precision == "week"


def test_reporting_dates_are_flagged():
    mentions = find_dates("A security source said on Wednesday that 70 people were killed on Tuesday", SAT)
    assert [(m.text, m.reporting) for m in mentions] == [("on Wednesday", True), ("on Tuesday", False)]


def test_dateline_is_reporting():
    (m,) = [d for d in find_dates("BAMAKO, Sept 18 - Jihadists stormed a school", SAT) if d.kind == "mdy"]
    assert m.reporting


@pytest.mark.parametrize("sentence,expected", [
    ("Gunmen killed 44 civilians and wounded 13 others.", [("killed", 44), ("injured", 13)]),
    ("Three Soldiers and Two Police Officers Killed in Suspected Jihadist Attack", [("killed", 5)]),
    ("Au moins 150 personnes, en majorité des civils, ont été tuées samedi", [("killed", 150)]),
    ("Nigeria Flood Death Toll Surpasses 200, Hundreds Still Missing", [("killed", 200), ("missing", 100)]),
    ("Gunmen abducted at least 287 pupils and teachers from a school.", [("abducted", 287)]),
    ("No deaths were reported.", [("killed", 0)]),
    ("Boko Haram Kills Farmer in Borno", [("killed", 1)]),
    ("NIAMEY, March 22 - Gunmen killed 44 civilians", [("killed", 44)]),
])
def test_casualties(sentence, expected):
    assert [(c.kind, c.value) for c in extract_casualties(sentence)] == expected


def test_perpetrator_claim_is_flagged_and_not_the_toll():
    found = extract_casualties("Plus de 100 soldats ont été tués.") + extract_casualties("Le JNIM affirme avoir tué 107 militaires.")
    assert [c.claim for c in found] == [False, True]
    assert consolidate_killed(found) == (100, 100, 107)


def test_revised_toll_wins():
    found = extract_casualties("Suicide bombers killed at least 18 people.") + extract_casualties(
        "The number of people killed has risen to 32, an official said.")
    assert consolidate_killed(found)[0] == 32


def test_attackers_and_victims_both_counted():
    found = extract_casualties("Jihadists killed 10 soldiers.") + extract_casualties("The army said 5 assailants were killed.")
    assert consolidate_killed(found)[0] == 15


def test_precise_figure_beats_vague_headline():
    found = extract_casualties("Dozens killed as jihadists strike the capital") + extract_casualties("at least 70 people had been killed")
    assert consolidate_killed(found)[0] == 70


@pytest.mark.parametrize("sentence", [
    "Mali's junta, which seized power in coups in 2020 and 2021, expelled French troops.",
    "Boko Haram, whose insurgency began in 2009, has often used women as suicide bombers.",
    "En 2023, plusieurs attaques avaient déjà visé des positions de l'armée.",
    "The Lake Chad basin has long been a hideout for Boko Haram.",
])
def test_background(sentence):
    assert classify_background(sentence, find_dates(sentence, SAT), SAT)


def test_news_is_not_background():
    s = "Gunmen killed 12 villagers in Kwall on Tuesday."
    assert not classify_background(s, find_dates(s, SAT), SAT)


def test_aggregate():
    assert is_aggregate("Over the past weeks, coordinated attacks by JNIM have killed more than 100 soldiers.")
    assert not is_aggregate("Bombers struck a wedding, a funeral and a hospital in a series of attacks on Saturday.")


def test_a_sum_without_a_figure_is_a_trend_not_an_event():
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    text = ("Gunmen killed seven soldiers in an attack on a base in Marte, Borno State, on Monday. "
            "The group has stepped up its attacks on military and civilian targets in recent months.")
    events = run_pipeline([Document("d", "d", text, published=dt.date(2025, 5, 13))]).events
    assert [(e.fatalities, e.aggregate) for e in events] == [(7, False)]
    counted = "Over the past weeks, coordinated attacks by JNIM have killed more than 100 soldiers across the Sahel region."
    events = run_pipeline([Document("e", "e", text + " " + counted, published=dt.date(2025, 5, 13))]).events
    assert sorted((e.fatalities, e.aggregate) for e in events) == [(7, False), (100, True)]


def test_an_earlier_attack_recalled_and_dated_by_the_next_sentence_is_an_event_of_its_own():
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    text = ("Une soixantaine de civils ont été tués jeudi 20 avril à Karma, dans la province du Yatenga. "
            "Ce massacre intervient quelques jours après une attaque qui a visé l'armée et les VDP tout près de là. "
            "C'était le samedi 15 avril, à Aoréma.")
    events = run_pipeline([Document("d", "d", text, published=dt.date(2023, 4, 23), language="fr")]).events
    got = sorted((e.event_date.isoformat(), e.location, e.event_type) for e in events)
    assert got == [("2023-04-15", "Aorema", "Battles"), ("2023-04-20", "Karma", "Violence against civilians")]


def test_a_sentence_after_the_event_that_names_the_group_gives_the_perpetrator():
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    text = ("Le camp militaire de Kati a été attaqué vendredi à l'aube. Selon l'état-major, il s'agit "
            "d'une tentative des terroristes de la Katiba Macina. Le bilan fait état d'un mort côté FAMa, 07 assaillants neutralisés.")
    (event,) = run_pipeline([Document("d", "d", text, published=dt.date(2022, 7, 23), language="fr")]).events
    assert event.actor1 == "Katiba Macina" and event.fatalities == 8
    # a group named in a sentence that is not next to the event's does not join it
    text = ("Le camp militaire de Kati a été attaqué vendredi à l'aube. Un soldat a été tué. "
            "Le président a reçu les ambassadeurs. La Katiba Macina opère surtout dans le centre.")
    (event,) = run_pipeline([Document("e", "e", text, published=dt.date(2022, 7, 23), language="fr")]).events
    assert event.actor1 != "Katiba Macina"


def test_a_bomb_among_passengers_targets_civilians_whoever_hunts_the_bombers():
    from harmattan.pipeline import run_pipeline
    from harmattan.records import Document
    pub = dt.date(2022, 3, 29)
    text = ("A bomb exploded under a passenger train near Katari, Kaduna State, on Monday, killing eight people. "
            "Troops and police were searching for the bandits who laid it.")
    (event,) = run_pipeline([Document("d", "d", text, published=pub)]).events
    assert (event.sub_event_type, event.civilian_targeting) == ("Remote explosive/landmine/IED", True)
    text = "A roadside bomb hit a military convoy near Katari, Kaduna State, on Monday, killing eight people."
    (event,) = run_pipeline([Document("e", "e", text, published=pub)]).events
    assert (event.sub_event_type, event.civilian_targeting) == ("Remote explosive/landmine/IED", False)


@pytest.mark.parametrize("sentence", [
    "L'attaque d'Inates, qui était la plus meurtrière jusqu'à jeudi, avait traumatisé le pays.",
    "It had been the deadliest attack until Thursday.",
])
def test_a_weekday_after_until_is_the_edge_of_a_span_not_an_event_date(sentence):
    assert [d for d in find_dates(sentence, SAT) if d.kind == "weekday"] == []


def test_sentences_keep_abbreviations_and_initials():
    text = "BAMAKO, Sept. 18 - Gunmen attacked. Par Ibrahim S. L'attaque a eu lieu mardi."
    assert len(split_sentences(text)) == 2


@pytest.mark.parametrize("sentence,killed", [
    ("huit personnes, dont six humanitaires français et leur chauffeur, ont perdu la vie.", 8),
    ("Huit personnes dont six étrangers, un guide et un chauffeur, perdaient la vie ce jour-là.", 8),
    ("Three soldiers including a captain died in the ambush.", 3),
    ("Eight people, including six aid workers and their driver, were killed.", 8),
])
def test_a_toll_reaches_its_verb_over_an_aside_that_names_a_subset(sentence, killed):
    from harmattan.extract.casualties import extract_casualties
    whole = [c for c in extract_casualties(sentence) if c.kind == "killed" and not c.subset]
    assert [c.value for c in whole] == [killed]


def test_a_french_attentat_is_an_attack_unless_a_bomb_is_named():
    from harmattan.extract.triggers import find_cues
    assert "ied" not in find_cues("L'attentat contre l'hôtel a été revendiqué.")
    assert "attack" in find_cues("L'attentat contre l'hôtel a été revendiqué.")
    assert "ied" in find_cues("Un attentat à la bombe a visé le marché.")


@pytest.mark.parametrize("sentence,killed", [
    ("Two soldiers and a policeman were killed in the ambush.", 3),
    ("Deux journalistes espagnols et un guide irlandais ont été tués lundi.", 3),
    ("The number of people killed has risen to 32, an official said.", 32),  # an official is no victim
    ("Two soldiers died and a policeman was injured.", 2),
])
def test_one_more_victim_named_with_an_article_joins_the_count(sentence, killed):
    assert [c.value for c in extract_casualties(sentence) if c.kind == "killed"] == [killed]


def test_the_day_victims_are_found_does_not_date_the_event():
    from harmattan.extract.frames import reports_discovery
    assert reports_discovery("Le corps du guide a été retrouvé samedi.")
    assert reports_discovery("The bodies of the two hunters were found on Friday.")
    assert not reports_discovery("Gunmen killed two hunters on Friday.")


@pytest.mark.parametrize("text,url,expected,source", [
    ("Publié le 12 mars 2024\nDes hommes armés ont attaqué le marché.", None, dt.date(2024, 3, 12), "stamp"),
    ("Gunmen attacked the market.", "https://example.org/2024/06/25/market-attack/", dt.date(2024, 6, 25), "url"),
    ("NIAMEY, 22 mars 2023 (AFP) - Des hommes armés ont attaqué un poste.", None, dt.date(2023, 3, 22), "dateline"),
    ("L'attaque du 14 novembre 2021 a fait 20 morts. Un dernier bilan dressé mardi 16 novembre fait état de 53 morts.",
     None, dt.date(2021, 11, 16), "text"),
    ("L'attaque du 14 novembre 2021 a fait 20 morts. Un bilan dressé jeudi 16 novembre parle de 53 morts.",
     None, dt.date(2021, 11, 14), "text"),  # the weekday does not fit 2021 or 2022: not a date of this report
])
def test_a_report_without_a_date_is_dated_from_its_stamp_url_dateline_or_text(text, url, expected, source):
    from harmattan.extract.published import infer_published
    assert infer_published(text, url, read_on=dt.date(2026, 12, 1)) == (expected, source)


@pytest.mark.parametrize("sentence,killed", [
    ("Police confirm the death of 14 in fresh Zamfara raid", 14),
    ("Gunmen gun down 7 farmers in Benue", 7),
    ("18 victims buried after weekend violence", 18),
    ("Rescuers recovered nine bodies from the burnt houses", 9),
    ("Le gouverneur a confirmé la mort de 12 soldats.", 12),
])
def test_headline_ways_of_counting_the_dead(sentence, killed):
    assert [c.value for c in extract_casualties(sentence) if c.kind == "killed"] == [killed]


@pytest.mark.parametrize("sentence,group", [
    ("Insurgents kill vigilantes in a dawn raid", "security"),
    ("Des hommes armés ont tué des villageois à l'aube", "civilians"),
])
def test_a_killing_told_without_a_figure_makes_an_event_but_no_toll(sentence, group):
    (c,) = extract_casualties(sentence)
    assert (c.kind, c.unknown, c.group) == ("killed", True, group)
    assert consolidate_killed([c]) == (None, None, None)


def test_a_plural_determiner_counts_no_single_victim():
    assert [c.value for c in extract_casualties("Des hommes armés ont tué des villageois.") if not c.unknown] == []
    assert extract_casualties("The killing of civilians must stop.") == []
