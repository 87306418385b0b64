"""load_documents on each input format, folders, standard input and the published date."""
from __future__ import annotations

import datetime as dt
import io
import json
import time
from pathlib import Path

import pytest

from harmattan.language import detect_language, guess_by_stopwords
from harmattan.loaders import load_documents
from harmattan.loaders.documents import make_doc_id, parse_published
from harmattan.records import Document, LoadError
from harmattan.settings import Settings

INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _errors(items):
    return [i for i in items if isinstance(i, LoadError)]


def test_plain_text_file():
    items = list(load_documents([str(INPUTS / "article-en.txt")]))
    assert _errors(items) == []
    (doc,) = items
    assert doc.origin == str(INPUTS / "article-en.txt")
    assert doc.text.startswith("Gunmen kill four traders")
    assert doc.language == "en"
    assert doc.published is None
    assert len(doc.doc_id) == 16


def test_html_file_main_text_title_and_date():
    (doc,) = list(load_documents([str(INPUTS / "article-fr.html")]))
    assert doc.title == "Inondations à Niamey : deux quartiers évacués"
    assert doc.published == dt.date(2024, 8, 21)
    assert doc.language == "fr"
    assert doc.text.startswith("NIAMEY, 20 août - La crue du fleuve Niger")
    for furniture in ("Accueil", "Publicité", "Les plus lus", "tous droits réservés", "tracker", "pixel", "color:red"):
        assert furniture not in doc.text


def test_jsonl_fields_and_line_origins():
    items = list(load_documents([str(INPUTS / "docs.jsonl")]))
    assert _errors(items) == []
    first, second, third = items
    assert first.origin.endswith("docs.jsonl:1")
    assert (first.url, first.source, first.language) == ("https://example.org/ml/1", "Test Wire", "en")
    assert first.title == "Drone strike hits market in central Mali"
    assert first.published == dt.date(2024, 5, 14)
    # an html field is extracted; an ISO datetime keeps the publisher's local date
    assert second.title == "Manifestation à Bobo-Dioulasso"
    assert second.text.startswith("Des centaines de jeunes")
    assert second.published == dt.date(2024, 5, 15)
    assert second.language == "fr"
    # the blank line 3 is skipped, but line numbers stay those of the file
    assert third.origin.endswith("docs.jsonl:4")
    assert third.published is None


def test_published_argument_fills_missing_dates_only():
    fill = dt.date(2024, 6, 1)
    items = list(load_documents([str(INPUTS / "docs.jsonl")], published=fill))
    assert [d.published for d in items] == [dt.date(2024, 5, 14), dt.date(2024, 5, 15), fill]
    (text_doc,) = list(load_documents([str(INPUTS / "article-en.txt")], published=fill))
    assert text_doc.published == fill


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "inner.txt").write_text("Second file, in a subfolder, about a clash near Gao.")
    (tmp_path / "a.txt").write_text("First file, about an attack on a convoy near Ansongo.")
    (tmp_path / "c.md").write_text("Third file, about a protest in Niamey.")
    (tmp_path / ".secret.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder")
    items = list(load_documents([str(tmp_path)]))
    assert [Path(d.origin).relative_to(tmp_path).as_posix() for d in items] == ["a.txt", "b/inner.txt", "c.md"]
    assert not any("hidden" in d.text for d in _docs(items))


def test_fixture_folder_mixes_formats():
    items = list(load_documents([str(INPUTS / "folder")]))
    assert [Path(d.origin).name for d in items] == ["a.txt", "b.md"]
    assert [d.language for d in items] == ["fr", "en"]


def test_stdin_plain_text():
    items = list(load_documents(["-"], stdin=io.BytesIO("Des hommes armés ont tué deux bergers près de Tahoua.".encode())))
    (doc,) = items
    assert doc.origin == "<stdin>"
    assert doc.language == "fr"


def test_stdin_sniffs_json_lines():
    payload = b'{"text": "Gunmen killed two herders near Tahoua, officials said."}\n{"text": "Soldiers were wounded in a blast."}\n'
    items = list(load_documents(["-"], stdin=io.BytesIO(payload)))
    assert [d.origin for d in items] == ["<stdin>:1", "<stdin>:2"]


def test_stdin_sniffs_html():
    payload = b"<!doctype html><html><body><nav>Menu</nav><p>A protest took place in Dakar on Friday, witnesses said.</p></body></html>"
    (doc,) = list(load_documents(["-"], stdin=io.BytesIO(payload)))
    assert doc.text == "A protest took place in Dakar on Friday, witnesses said."


def test_stdin_accepts_text_stream():
    (doc,) = list(load_documents(["-"], stdin=io.StringIO("Gunmen killed two herders in the north, the mayor said.")))
    assert doc.text.startswith("Gunmen")


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "page.dat").write_text("<html><body><p>Rebels attacked the town of Kidal on Monday, the army said.</p></body></html>")
    (tmp_path / "note.log").write_text("Rebels attacked the town of Kidal on Monday, the army said.")
    (tmp_path / "feed.out").write_text('{"text": "Rebels attacked the town of Kidal on Monday."}\n')
    (tmp_path / "update.txt2").write_text("[Update] Rebels attacked the town of Kidal on Monday.")
    items = list(load_documents([str(tmp_path / n) for n in ("page.dat", "note.log", "feed.out", "update.txt2")]))
    assert _errors(items) == []
    assert items[0].text == items[1].text == "Rebels attacked the town of Kidal on Monday, the army said."
    assert items[2].origin.endswith("feed.out:1")
    assert items[3].text.startswith("[Update]")


def test_json_single_object_and_array(tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"title": "T", "text": "A curfew was declared in Zinder."}, indent=2))
    (tmp_path / "many.json").write_text(
        '[\n  {"text": "First report on a clash in Kidal."},\n  {"text": "Second report on a clash in Kidal."}\n]\n'
    )
    (tmp_path / "lines.json").write_text('{"text": "One line."}\n{"text": "Another line."}\n')
    one = list(load_documents([str(tmp_path / "one.json")]))
    assert [(d.origin, d.title) for d in one] == [(str(tmp_path / "one.json"), "T")]
    many = list(load_documents([str(tmp_path / "many.json")]))
    assert [d.origin for d in many] == [f"{tmp_path / 'many.json'}:2", f"{tmp_path / 'many.json'}:3"]
    lines = list(load_documents([str(tmp_path / "lines.json")]))
    assert [d.text for d in lines] == ["One line.", "Another line."]


def test_language_field_is_kept_and_normalised(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(
        '{"language": "fr", "text": "The army said five soldiers were killed in the attack."}\n'
        '{"language": "FR-fr", "text": "x y z"}\n'
        '{"language": "English", "text": "x y z"}\n'
    )
    assert [d.language for d in load_documents([str(path)])] == ["fr", "fr", "en"]


def test_doc_id_is_stable_and_depends_on_url_or_origin():
    a = list(load_documents([str(INPUTS / "docs.jsonl")]))
    b = list(load_documents([str(INPUTS / "docs.jsonl")]))
    assert [d.doc_id for d in a] == [d.doc_id for d in b]
    assert len({d.doc_id for d in a}) == 3
    assert make_doc_id("u", "t") != make_doc_id("v", "t") != make_doc_id("u", "s")


def test_text_is_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("Title line\r\nLe de\u0301ploiement a commence\u0301.\r\n".encode())
    (doc,) = list(load_documents([str(path)]))
    assert doc.text == "Title line\nLe déploiement a commencé."


def test_utf8_bom_and_utf16_are_read(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfA march took place in Dakar on Friday.")
    (tmp_path / "u16.txt").write_bytes("Une marche a eu lieu à Dakar vendredi.".encode("utf-16"))
    texts = [d.text for d in load_documents([str(tmp_path / "bom.txt"), str(tmp_path / "u16.txt")])]
    assert texts == ["A march took place in Dakar on Friday.", "Une marche a eu lieu à Dakar vendredi."]


def test_html_declared_charset_is_honoured(tmp_path):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Des soldats ont été tués à Ménaka.</p></body></html>'
    (tmp_path / "latin1.html").write_bytes(page.encode("latin-1"))
    (doc,) = list(load_documents([str(tmp_path / "latin1.html")]))
    assert doc.text == "Des soldats ont été tués à Ménaka."


def test_long_document_is_cut_with_a_note(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The army said the town was calm. " * 100)
    items = list(load_documents([str(path)], Settings(max_document_chars=200)))
    (note,) = _errors(items)
    (doc,) = _docs(items)
    assert len(doc.text) <= 200 and "document kept" in note.message


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-06-13", dt.date(2024, 6, 13)),
        ("2024-06-13T23:30:00Z", dt.date(2024, 6, 13)),
        ("2024-06-13 08:00", dt.date(2024, 6, 13)),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize("value", ["13/06/2024", "yesterday", 20240613])
def test_parse_published_refuses_other_forms(value):
    with pytest.raises(ValueError):
        parse_published(value)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Gunmen killed five soldiers in an attack on a base, the army said.", "en"),
        ("Des hommes armés ont tué cinq soldats lors d'une attaque contre une base.", "fr"),
        ("Attaque meurtrière à Djibo", "fr"),
        ("Deadly raid near Djibo", "en"),
        ("", None),
        ("12 345 - 678", None),
        ("Kidal", None),
        ("Boko Haram Kill 5, Borno", None),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


def test_stopword_fast_path_decides_clear_texts_without_lingua():
    assert guess_by_stopwords("The soldiers said that the attack was over.") == "en"
    assert guess_by_stopwords("Les soldats ont dit que l'attaque était finie.") == "fr"
    assert guess_by_stopwords("Djibo Kaya Dori") is None


def test_detect_language_cost():
    detect_language("Deadly raid near Djibo")  # builds the lingua detector once
    texts = ["The army said five soldiers were killed in the attack on the base."] * 200
    start = time.perf_counter()
    for text in texts:
        detect_language(text)
    fast = (time.perf_counter() - start) / len(texts)
    start = time.perf_counter()
    for _ in range(50):
        detect_language("Deadly raid near Djibo")
    slow = (time.perf_counter() - start) / 50
    assert fast < 0.001, fast
    assert slow < 0.02, slow


@pytest.mark.parametrize(
    "module",
    ["harmattan.language", "harmattan.loaders.bylines", "harmattan.loaders.decoding", "harmattan.loaders.documents",
     "harmattan.loaders.files", "harmattan.loaders.html", "harmattan.loaders.pages"],
)
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.failed == 0
