"""Merging reports: one event per incident, whatever the order of the reports."""
from __future__ import annotations

import itertools
import json

from harmattan.loaders import load_documents
from harmattan.pipeline import run_pipeline
from harmattan.records import Document


def _docs(path):
    return [d for d in load_documents([str(path)])]


def test_rising_toll_is_one_event_in_any_order(shared):
    docs = _docs(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")
    for order in itertools.permutations(docs):
        (event,) = run_pipeline(list(order)).events
        assert event.fatalities == 200
        assert [h["fatalities"] for h in event.history] == [21, 151, 200]
        assert event.location == "Mokwa" and event.admin1 == "Niger" and event.country_code == "NG"
        assert len(event.sources) == 3


def test_reports_of_one_bombing_merge_across_languages(shared):
    en = _docs(shared / "eval" / "dev" / "gwoza-2024-rising-toll.docs.jsonl")
    fr = _docs(shared / "eval" / "dev" / "desk-page-fr.docs.jsonl")
    events = run_pipeline(en + fr).events
    gwoza = [e for e in events if e.location == "Gwoza"]
    assert len(gwoza) == 1 and gwoza[0].fatalities == 32 and len(gwoza[0].sources) == 3


def test_different_towns_same_day_stay_apart():
    import datetime as dt
    day = dt.date(2024, 1, 2)
    a = Document("a", "a", "Gunmen killed 12 villagers in Bokkos, Plateau State, on Monday.", published=day)
    b = Document("b", "b", "Gunmen killed 7 villagers in Mangu, Plateau State, on Monday.", published=day)
    events = run_pipeline([a, b]).events
    assert sorted(e.fatalities for e in events) == [7, 12]


def test_no_merge_flag_keeps_reports(shared):
    docs = _docs(shared / "eval" / "dev" / "mokwa-flood-updates.docs.jsonl")
    assert len(run_pipeline(docs, merge=False).events) == 3


def test_a_report_of_unknown_date_may_carry_the_latest_toll():
    """A page without a publication date that counts more dead is taken as the later word, in any order."""
    import datetime as dt
    first = Document("a", "a", "Gunmen killed 40 villagers in Bokkos, Plateau State, on Sunday 24 December 2023.",
                     published=dt.date(2023, 12, 25))
    undated = Document("b", "b", "The toll of the attack on Bokkos, Plateau State, has risen: 79 villagers were killed.")
    for order in ([first, undated], [undated, first]):
        (event,) = run_pipeline(order).events
        assert (event.fatalities, event.location) == (79, "Bokkos")
        assert event.event_date == dt.date(2023, 12, 24)


def test_of_reports_dated_only_by_their_text_the_revised_toll_is_the_later_word():
    """Pages without a publication date are dated by the dates they tell (a lower bound): their order is unknown,
    so a toll the report calls new ('nouveau bilan') wins over a plain larger estimate, in any order."""
    early = Document("a", "a", "Dans la nuit du 11 au 12 juin 2022, plus d'une centaine de personnes ont été tuées "
                               "par des hommes armés à Seytenga, dans la province du Séno.")
    revised = Document("b", "b", "Selon un nouveau bilan officiel, au moins 86 personnes ont été tuées lors de l'attaque "
                                 "de la nuit du 11 au 12 juin 2022 à Seytenga, dans la province du Séno.")
    for order in ([early, revised], [revised, early]):
        (event,) = run_pipeline(order).events
        assert event.fatalities == 86
        assert [h.get("revised", False) for h in sorted(event.history, key=lambda h: h["fatalities"])] == [True, False]


def test_a_weekday_in_a_report_dated_only_by_its_url_month_is_only_as_sure_as_that_month():
    """A blog page under /2024/09/ saying "on Tuesday" could mean any Tuesday of September: the event date
    is of month precision, so the page joins the dated report of the same flood instead of standing apart."""
    import datetime as dt
    blog = Document("a", "a", "Thousands flee as a dam collapse floods Maiduguri\nThousands of residents fled severe "
                              "flooding in Maiduguri, Borno State, after a dam gave way on Tuesday.",
                    url="https://blog.example.org/2024/09/maiduguri-flood.html")
    wire = Document("b", "b", "Floods after a dam burst on Tuesday, September 10, killed 30 people in Maiduguri, Borno State.",
                    published=dt.date(2024, 9, 12))
    (alone,) = run_pipeline([blog]).events
    assert alone.time_precision == "month"
    for order in ([blog, wire], [wire, blog]):
        (event,) = run_pipeline(order).events
        assert (event.event_date, event.time_precision, event.fatalities) == (dt.date(2024, 9, 10), "day", 30)


def test_a_publication_date_read_from_the_text_does_not_order_two_tolls():
    """A page dated only by the dates its text tells (a lower bound) may come out before or after another:
    a smaller toll in it is no falling toll."""
    import datetime as dt

    from harmattan.merge import conflicting
    from harmattan.records import Event, SourceRef

    def report(toll, day, bound):
        src = SourceRef(doc=f"d{day}", url=None, title=None, published=dt.date(2025, 3, day), published_bound=bound)
        return Event("Battles", "Armed clash", "BF", fatalities=toll, sources=(src,))
    assert conflicting(report(25, 1, False), report(10, 2, False)) == "the toll falls from 25 to 10"
    assert conflicting(report(25, 1, False), report(10, 2, True)) is None
    assert conflicting(report(25, 1, True), report(10, 2, False)) is None
