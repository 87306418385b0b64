"""Bad input never stops the batch and loses nothing: every problem is a LoadError naming file and line."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from harmattan.loaders import load_documents
from harmattan.records import Document, LoadError
from harmattan.settings import Settings

INPUTS = Path(__file__).resolve().parents[1] / "fixtures" / "inputs"
GOOD = "Gunmen killed three herders near Ménaka on Monday, officials said."


def _load(*paths, settings=None, stdin=None):
    return list(load_documents([str(p) for p in paths], settings, stdin=stdin))


def _write_good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD)
    return path


def _only_error(items) -> LoadError:
    errors = [i for i in items if isinstance(i, LoadError)]
    assert len(errors) == 1, items
    return errors[0]


def test_batch_goes_on_after_each_bad_input(tmp_path):
    good = _write_good(tmp_path)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.bin").write_bytes(os.urandom(2048) + b"\x00")
    items = _load(tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blob.bin", good)
    assert [type(i).__name__ for i in items] == ["LoadError", "LoadError", "LoadError", "Document"]
    assert items[-1].text == GOOD


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    error = _only_error(_load(tmp_path / "empty.txt"))
    assert error.origin == str(tmp_path / "empty.txt") and error.message == "empty file"


@pytest.mark.parametrize("content", [b"   \n\t\n  ", b"\n\n"])
def test_whitespace_only_file(tmp_path, content):
    (tmp_path / "blank.txt").write_bytes(content)
    assert "whitespace" in _only_error(_load(tmp_path / "blank.txt")).message


def test_html_page_without_text(tmp_path):
    (tmp_path / "blank.html").write_text(
        "<html><head><title></title><script>var x = 1;</script></head><body>  <nav>Home</nav> </body></html>"
    )
    error = _only_error(_load(tmp_path / "blank.html"))
    assert error.message == "no text found in the HTML page"


def test_binary_file_with_nul_bytes(tmp_path):
    (tmp_path / "data.txt").write_bytes(b"abc\x00\x01\x02" * 100)
    assert "binary" in _only_error(_load(tmp_path / "data.txt")).message


@pytest.mark.parametrize(
    "magic, what",
    [(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"\x1f\x8b\x08\x00", "gzip")],
)
def test_known_binary_formats_are_named(tmp_path, magic, what):
    (tmp_path / "report").write_bytes(magic + os.urandom(500))
    assert what in _only_error(_load(tmp_path / "report")).message


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse 50 MB file: written instantly, never read
        fh.truncate(50 * 1024 * 1024)
    good = _write_good(tmp_path)
    items = _load(big, good, settings=Settings(max_file_bytes=10 * 1024 * 1024))
    error = _only_error(items)
    assert error.origin == str(big)
    assert "over max_file_bytes" in error.message and str(50 * 1024 * 1024) in error.message
    assert items[-1].text == GOOD


def test_big_text_under_the_limit_is_read_and_cut(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Gunmen attacked the village of Boni on Monday, residents said.\n" * 800_000)  # 50 MB
    items = _load(big)
    (doc,) = [i for i in items if isinstance(i, Document)]
    assert len(doc.text) == Settings().max_document_chars
    assert "cut" in _only_error(items).message


def test_standard_input_over_the_limit(tmp_path):
    error = _only_error(_load("-", settings=Settings(max_file_bytes=100), stdin=io.BytesIO(b"x" * 1000)))
    assert error.origin == "<stdin>" and "over max_file_bytes" in error.message


def test_invalid_utf8_names_line_and_byte_offset(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"First line is fine.\nSecond line too.\nLes soldats ont \xe9t\xe9 tu\xe9s.\n")
    error = _only_error(_load(path))
    assert error.line == 3
    assert "invalid UTF-8 at byte offset 53" in error.message and "0xe9" in error.message
    assert str(error).startswith(f"{path}:3: ")


def test_invalid_utf8_in_one_json_line_loses_only_that_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_bytes(b'{"text": "Good one."}\n{"text": "caf\xe9"}\n{"text": "Good two."}\n')
    items = _load(path)
    assert [i.text for i in items if isinstance(i, Document)] == ["Good one.", "Good two."]
    error = _only_error(items)
    assert error.line == 2 and "byte offset 35" in error.message  # 22 bytes of line 1 + 13


def test_malformed_json_line_loses_only_that_line(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"text": "First report."}\n{"text": "unterminated\n{"text": "Third report."}\n')
    items = _load(path)
    assert [i.origin for i in items if isinstance(i, Document)] == [f"{path}:1", f"{path}:3"]
    error = _only_error(items)
    assert (error.origin, error.line) == (str(path), 2)
    assert error.message.startswith("malformed JSON")


@pytest.mark.parametrize(
    "line, fragment",
    [
        ('["a", "list"]', "expected a JSON object, found list"),
        ('"just a string"', "expected a JSON object, found str"),
        ('{"url": "https://example.org/x", "title": "No body"}', "no 'text' or 'html' field"),
        ('{"text": "   "}', "empty 'text'/'html'"),
        ('{"text": 42}', "empty 'text'/'html'"),
    ],
)
def test_json_line_that_is_no_document(tmp_path, line, fragment):
    path = tmp_path / "docs.jsonl"
    path.write_text(f'{{"text": "A good document."}}\n{line}\n')
    items = _load(path)
    error = _only_error(items)
    assert error.line == 2 and fragment in error.message
    assert sum(isinstance(i, Document) for i in items) == 1


def test_unreadable_date_is_reported_and_the_document_kept(tmp_path):
    path = tmp_path / "docs.jsonl"
    path.write_text('{"published": "last Tuesday", "text": "A curfew was declared in Zinder."}\n')
    items = _load(path)
    error = _only_error(items)
    assert error.line == 1 and "published" in error.message and error.message.endswith("ignored")
    (doc,) = [i for i in items if isinstance(i, Document)]
    assert doc.published is None


def test_missing_file_and_folder(tmp_path):
    error = _only_error(_load(tmp_path / "nope.txt"))
    assert error.origin == str(tmp_path / "nope.txt") and "no such file" in error.message


def test_empty_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    assert _only_error(_load(tmp_path / "empty")).message == "folder holds no files"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = _write_good(tmp_path)
    path.chmod(0)
    try:
        assert "cannot read" in _only_error(_load(path)).message
    finally:
        path.chmod(0o644)


def test_read_failure_is_reported(tmp_path, monkeypatch):
    path = _write_good(tmp_path)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", refuse)
    error = _only_error(_load(path))
    assert error.origin == str(path) and error.message == "cannot read: Permission denied"


def test_not_a_regular_file(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert _only_error(_load(fifo)).message == "not a regular file"


def test_hostile_html_leaks_no_code():
    (doc,) = _load(INPUTS / "hostile.html")
    assert "Fighting broke out in Gao" in doc.text
    assert "The army sent reinforcements" in doc.text
    for code in ("exfiltrate", "document.cookie", "javascript:", "onerror", "onclick", "injected", "<", "WIN A PHONE"):
        assert code not in doc.text


def test_hostile_html_through_the_fallback_leaks_no_code():
    from harmattan.loaders.html import fallback_text

    text, _ = fallback_text((INPUTS / "hostile.html").read_text())
    assert "Fighting broke out in Gao" in text
    for code in ("exfiltrate", "document.cookie", "javascript:", "injected", "WIN A PHONE", "enable scripts"):
        assert code not in text


def test_every_error_names_its_file(tmp_path):
    (tmp_path / "a.jsonl").write_text("not json\n")
    (tmp_path / "b.txt").write_bytes(b"\xff\xfe\xfd bad")
    (tmp_path / "c.txt").write_bytes(b"")
    for error in _load(tmp_path):
        assert isinstance(error, LoadError)
        assert str(error).startswith(str(tmp_path))


def test_unclosed_and_nested_script_tricks(tmp_path):
    (tmp_path / "unclosed.html").write_text("<html><body><p>Troops entered Kidal on Sunday.</p>" + "<script>steal() " * 20000)
    (tmp_path / "nested.html").write_text(
        "<html><body><p>Troops entered Kidal on Sunday.</p><scr<script>x</script>ipt>steal()</script></body></html>"
    )
    docs = _load(tmp_path / "unclosed.html", tmp_path / "nested.html")
    assert [d.text for d in docs] == ["Troops entered Kidal on Sunday."] * 2


def test_page_with_thousands_of_teasers_is_split():
    from harmattan.loaders import split_articles

    text = "\n".join(["Floods Hit Mopti Again", "By Ali Diallo Heavy rain flooded the town... Society -"] * 5000)
    articles = split_articles(Document(doc_id="d", origin="o", text=text, language="en"))
    assert len(articles) == 5000 and articles[-1].category == "Society"
