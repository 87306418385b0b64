"""split_articles on the shared desk pages, on invented pages and on ordinary articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from harmattan.loaders import load_documents, normalize_name, split_articles, split_byline
from harmattan.loaders.pages import is_dateline, is_headline
from harmattan.records import Document

REPO = Path(__file__).resolve().parents[2]
SHARED_DEV = REPO.parent / "shared" / "eval" / "dev"
INPUTS = REPO / "tests" / "fixtures" / "inputs"


def _shared_doc(name: str) -> Document:
    path = SHARED_DEV / name
    if not path.is_file():
        pytest.skip(f"shared evaluation pages not found at {SHARED_DEV}")
    (doc,) = list(load_documents([str(path)]))
    assert isinstance(doc, Document), doc
    return doc


def _doc(text: str, title: str | None = None, language: str | None = None) -> Document:
    return Document(doc_id="t", origin="test.txt", text=text, title=title, language=language)


def _summary(articles):
    return [(a.title, a.byline, a.category, a.truncated) for a in articles]


def _assert_clean(articles):
    """No article text holds separators, bylines, categories or trailing dashes."""
    for article in articles:
        lines = article.text.split("\n")
        assert all(line.strip() not in {"-", "—", "* * *"} for line in lines), article
        assert not article.text.rstrip().endswith(" -"), article
        if article.byline:
            assert article.byline not in article.text
        if article.category:
            assert not article.text.endswith(article.category)
        if article.title:
            assert not article.text.startswith(article.title)


def test_seed_sahel_page():
    articles = split_articles(_shared_doc("seed-sahel-page.docs.jsonl"))
    assert _summary(articles) == [
        ("Strategic Realignment: Wagner’s Withdrawal from Mali and Russia’s Enduring Presence", "Reda El Ghazal", None, False),
        ("Benin: Three Soldiers and Two Police Officers Killed in Suspected Jihadist Attack in the North", "Widad Wahbi", "Security trends", True),
        ("Chad Responds to US Visa Ban With Reciprocal Restrictions", "Reda El Ghazal", "Security trends", True),
        ("Niger: International NGOs Urge Immediate Release of Detained Civil Society Leader Moussa Tchangari", "Widad Wahbi", "Human Rights", True),
        ("Ghana’s Battle Against Crime in Gold Mining", "Reda El Ghazal", "Conflict prevention", True),
        ("Nigeria: Flood Death Toll Surpasses 200, Hundreds Still Missing", "Widad Wahbi", "Society", True),
        ("Nigeria Flood Death Toll Climbs to 151", "Fatima Babadin", "Environment", True),
    ]
    _assert_clean(articles)
    assert articles[0].text.startswith("In a significant development")
    assert articles[0].text.endswith("even as the means and branding of its engagement evolve.")
    assert articles[1].text == (
        "A deadly attack on Wednesday evening in northern Benin claimed the lives of three soldiers and..."
    )
    assert articles[2].text.startswith("Chad Responds to the recent US entry ban")
    assert articles[4].text.startswith("As Africa's leading gold producer")
    assert articles[6].text.startswith("Confirm a devastating rise")
    assert [a.index for a in articles] == list(range(7))
    assert len({a.article_id for a in articles}) == 7
    assert all(a.language == "en" for a in articles)


def test_desk_page_fr():
    articles = split_articles(_shared_doc("desk-page-fr.docs.jsonl"))
    assert _summary(articles) == [
        ("Nigeria : le bilan des attentats-suicides de Gwoza s'alourdit à 32 morts", "Aïcha Traoré", None, False),
        ("Burkina : plus de 100 soldats tués à Mansila, selon des sources sécuritaires", "Ibrahim S.", "Sécurité", True),
        ("Sénégal : premier baril de pétrole pour le champ offshore de Sangomar", "Aïcha Traoré", "Économie", True),
    ]
    _assert_clean(articles)
    assert articles[0].text.startswith("Le bilan des attentats-suicides commis samedi à Gwoza")
    assert articles[0].text.endswith("a souvent recours à des femmes kamikazes.")
    assert articles[1].text.startswith("L'attaque du camp militaire de Mansila")
    assert articles[2].text.startswith("Le Sénégal est officiellement devenu")


def test_invented_english_page():
    (doc,) = list(load_documents([str(INPUTS / "page-en.txt")]))
    articles = split_articles(doc)
    assert _summary(articles) == [
        ("Mauritania Tightens Border Checks After Raids on Herders", "Samba Diallo", None, False),
        ("Togo: Curfew Extended in Savanes Region", "Moussa Ould Cheikh", "Security", True),
        ("Cameroon: Two Teachers Abducted in the North-West", "Marie-Claire Ngono", "Human Rights", True),
        ("Rain Brings Relief to Pastoralists in Chad", "Hassan Ag Alhousseini", "Environment", False),
    ]
    _assert_clean(articles)
    assert articles[1].text.startswith("Authorities in northern Togo")
    assert articles[2].text.endswith("by armed men who…")
    assert articles[3].text == "Early rains have refilled ponds used by herders in the Batha region, officials said."


def test_invented_french_page_keeps_the_dateline():
    (doc,) = list(load_documents([str(INPUTS / "page-fr.txt")]))
    articles = split_articles(doc)
    assert _summary(articles) == [
        ("Mali : l'armée annonce avoir repris le contrôle de Léré", "Fatoumata D.", None, False),
        ("Niger : grève des enseignants contractuels à Zinder", "Ousmane Ben Salah", "Société", True),
        ("Côte d'Ivoire : hausse des prix du cacao", "Awa Koné", "Économie", True),
    ]
    _assert_clean(articles)
    assert articles[0].text.startswith("BAMAKO, 12 mai - L'armée malienne")
    assert articles[1].text.startswith("Les enseignants contractuels")
    assert all(a.language == "fr" for a in articles)


def test_teasers_without_bylines_are_split_on_their_endings():
    text = (
        "Soldiers Killed in Ambush Near Kaya\n"
        "Eight soldiers were killed when their convoy was ambushed... Security -\n"
        "Market Fire in Maradi\n"
        "A fire destroyed hundreds of stalls in the central market of Maradi... Society -\n"
    )
    articles = split_articles(_doc(text))
    assert _summary(articles) == [
        ("Soldiers Killed in Ambush Near Kaya", None, "Security", True),
        ("Market Fire in Maradi", None, "Society", True),
    ]


def test_plain_article_is_one_article_titled_by_its_headline():
    (doc,) = list(load_documents([str(INPUTS / "single-with-dateline.txt")]))
    (article,) = split_articles(doc)
    assert article.title == "Army repels attack on post near Tillabéri"
    assert article.byline is None  # "By nightfall" is no byline
    assert article.text.startswith("TILLABERI, Nov 2 -\nSoldiers repelled")
    assert article.text.endswith("By nightfall the area was calm, residents said.")


def test_document_title_wins_and_is_not_repeated_in_the_text():
    doc = _doc("Five killed in Kano blast\nKANO, May 2 - A blast killed five people.", title="Five killed in Kano blast")
    (article,) = split_articles(doc)
    assert article.title == "Five killed in Kano blast"
    assert article.text == "KANO, May 2 - A blast killed five people."


def test_document_title_different_from_first_line():
    doc = _doc("A blast killed five people in Kano on Monday.", title="Kano blast")
    (article,) = split_articles(doc)
    assert (article.title, article.text) == ("Kano blast", "A blast killed five people in Kano on Monday.")


def test_first_line_that_is_a_sentence_is_no_title():
    (article,) = split_articles(_doc("Gunmen killed five people in Kano on Monday.\nPolice said they had made arrests."))
    assert article.title is None
    assert article.text.startswith("Gunmen killed five")


def test_single_line_document_has_no_title():
    (article,) = split_articles(_doc("Gunmen kill five in Kano"))
    assert (article.title, article.text) == (None, "Gunmen kill five in Kano")


def test_stray_separator_and_ellipsis_do_not_split_an_article():
    text = (
        "Talks resume in Niamey\n"
        "Delegations met on Monday. The mediator said progress was slow...\n"
        "-\n"
        "A second round is planned for next month, officials said."
    )
    (article,) = split_articles(_doc(text))
    assert article.title == "Talks resume in Niamey"
    assert article.text == (
        "Delegations met on Monday. The mediator said progress was slow...\n"
        "A second round is planned for next month, officials said."
    )


def test_one_article_with_a_byline_line():
    (article,) = split_articles(_doc("Floods in Mopti\nPar la rédaction — 13 juin 2024\nLes eaux ont monté.", language="fr"))
    assert (article.title, article.byline, article.text) == ("Floods in Mopti", "La Rédaction", "Les eaux ont monté.")


def test_empty_document_gives_one_empty_article():
    (article,) = split_articles(_doc("   \n  "))
    assert article.text == "" and article.index == 0


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Editorial : Reda El Ghazal", ("Reda El Ghazal", "")),
        ("Editorial: reda El ghazalAs Africa's leading producer", ("Reda El Ghazal", "As Africa's leading producer")),
        ("Edited by : Widad WAHBI A deadly attack on Wednesday", ("Widad Wahbi", "A deadly attack on Wednesday")),
        ("Edited by: Widad WAHBI The toll rose", ("Widad Wahbi", "The toll rose")),
        ("Editorial : fatima BabadinConfirm a devastating rise", ("Fatima Babadin", "Confirm a devastating rise")),
        ("Par aïcha traoréLe Sénégal est producteur", ("Aïcha Traoré", "Le Sénégal est producteur")),
        ("Par Ibrahim S. L'attaque du camp", ("Ibrahim S.", "L'attaque du camp")),
        ("Rédigé par Moussa Ag Assarid Des hommes armés ont attaqué", ("Moussa Ag Assarid", "Des hommes armés ont attaqué")),
        ("Éditorial : Mariam Ould Ahmed", ("Mariam Ould Ahmed", "")),
        ("By Kofi MENSAHGunmen attacked", ("Kofi Mensah", "Gunmen attacked")),
        ("By John McDonald Troops arrived", ("John McDonald", "Troops arrived")),
        ("By AFP", ("AFP", "")),
        ("By Amina Bello, Staff Writer", ("Amina Bello", "")),
        ("Par la rédaction — 13 juin 2024", ("La Rédaction", "")),
    ],
)
def test_split_byline(line, expected):
    assert split_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "By then the army had left the town.",
        "By Sunday the toll had risen to 40.",
        "Par ailleurs, le gouvernement a décrété un deuil national.",
        "Par la suite, le gouvernement a annoncé un plan de secours pour les sinistrés.",
        "By the end of the week, most roads were open.",
        "Editorial standards are strict.",
        "Bypassing the checkpoint, the convoy reached Gao.",
        "Paris a condamné l'attaque.",
        "Bypass Road Closed",
        "Parmi les victimes figurent deux enfants",
        "By",
    ],
)
def test_sentences_are_no_bylines(line):
    assert split_byline(line) is None


def test_normalize_name_makes_spellings_equal():
    assert normalize_name("reda El ghazal") == normalize_name("Reda El Ghazal") == normalize_name("REDA EL GHAZAL")
    assert normalize_name("aïcha traoré") == "Aïcha Traoré"


@pytest.mark.parametrize(
    "line", ["BAMAKO, Sept 18 - Gunmen killed", "OUAGADOUGOU, 27 août - Des hommes", "N'DJAMENA, Oct 28 -",
             "ABUJA (Reuters) - Troops", "OUAGADOUGOU — Plus de 100 soldats"]
)
def test_datelines(line):
    assert is_dateline(line)
    assert split_byline(line) is None


@pytest.mark.parametrize("line", ["Mali - Gunmen killed", "US - Chad ties", "Gunmen killed five in Kano."])
def test_not_datelines(line):
    assert not is_dateline(line)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("Nigeria Flood Death Toll Climbs to 151", True),
        ("Why did the convoy turn back?", True),
        ("The toll rose to 32, officials said.", False),
        ("-", False),
        ("Par Aïcha Traoré", False),
        ("word", False),
        ("BAMAKO, Sept 18 - Gunmen killed five", False),
    ],
)
def test_is_headline(line, expected):
    assert is_headline(line) is expected


def test_shared_page_gold_mentions_events_in_each_teaser():
    """The articles keep the words the extractor needs (tolls, places) from the teasers."""
    articles = split_articles(_shared_doc("seed-sahel-page.docs.jsonl"))
    joined = json.dumps([a.text for a in articles], ensure_ascii=False)
    for needle in ("three soldiers", "Niger State", "more than 100 Malian soldiers", "outskirts of Bamako"):
        assert needle in joined
