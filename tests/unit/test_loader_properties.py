"""Property-based fuzzing of the loaders (Hypothesis): hostile lines beside valid ones never crash, never lose one.

Whatever bytes sit on the other lines (random bytes, NUL, lone surrogates,
deep nesting, huge numbers, wrong types), every valid JSON line gives its
document with its url and date, every other line is a Document or a LoadError
naming the input and its line, and nothing raises. Files on disk of every
kind (by suffix or sniffed) go through the same guarantee.
"""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from harmattan.loaders import load_bytes, load_documents
from harmattan.records import Document, LoadError

WORDS = st.sampled_from("Gunmen killed villagers soldiers Mopti Djibo Gao attack army said Monday été à l'armée".split())
VALID_TEXT = st.lists(WORDS, min_size=3, max_size=30).map(" ".join)

_json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20))
_json_values = st.recursive(_json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                 st.dictionaries(st.text(max_size=5), inner, max_size=4)),
                            max_leaves=20)


def _surrogate_line(text: str) -> bytes:
    return json.dumps({"text": text + "\ud800", "url": "https://hostile.example/s"}).encode()


HOSTILE_LINE = st.one_of(
    st.binary(max_size=200).map(lambda b: b.replace(b"\n", b" ")),
    st.text(max_size=200).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
    _json_values.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({"text": _json_values, "published": _json_values, "url": _json_values}).map(
        lambda d: json.dumps(d).encode()),
    st.integers(1, 3000).map(lambda n: b'{"text": "x", "a": ' + b"[" * n + b"]" * n + b"}"),
    st.integers(4300, 6000).map(lambda n: b'{"text": "x", "n": ' + b"9" * n + b"}"),
    VALID_TEXT.map(_surrogate_line),
    VALID_TEXT.map(lambda t: json.dumps({"text": t}).encode()[:-3] + b"\x00" + b'"}'),
    VALID_TEXT.map(lambda t: json.dumps({"text": t, "published": "2025-02-30"}).encode()),
    st.just(b"<html><head><meta charset='rot13'></head><body>\xe9</body></html>"),
)


@st.composite
def mixed_file(draw):
    """(bytes, {line number: (url, published)} of the valid lines); valid lines are the majority and come first."""
    n_valid = draw(st.integers(1, 6))
    hostile = draw(st.lists(HOSTILE_LINE, max_size=n_valid - 1 if n_valid > 1 else 0))
    lines: list[bytes] = []
    expected: dict[int, tuple[str, str]] = {}
    valid = [(f"https://example.org/{i}", f"2025-0{1 + i % 9}-1{i % 9}") for i in range(n_valid)]
    order = draw(st.permutations(["v"] * (n_valid - 1) + ["h"] * len(hostile)))
    text = draw(VALID_TEXT)
    items = iter(hostile)
    for slot in ["v", *order]:  # a valid line first: the file's opening bytes are not hostile (no stray BOM)
        if slot == "v":
            url, published = valid[len(expected)]
            lines.append(json.dumps({"url": url, "published": published, "text": f"{text} {url}"}).encode())
            expected[len(lines)] = (url, published)
        else:
            lines.append(next(items))
    return b"\n".join(lines) + b"\n", expected


def _check(items, expected, origin):
    docs = [i for i in items if isinstance(i, Document)]
    assert all(isinstance(i, (Document, LoadError)) for i in items)
    for item in items:
        assert (item.origin if isinstance(item, LoadError) else item.origin.rsplit(":", 1)[0]) == origin
    found = {d.url: d for d in docs}
    for line, (url, published) in expected.items():
        assert url in found, (line, url, items)
        assert found[url].published == dt.date.fromisoformat(published)
        assert found[url].origin == f"{origin}:{line}"
    for doc in docs:
        doc.text.encode("utf-8")  # valid Unicode, hashable and storable


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mixed_file(), st.sampled_from(["jsonl", None]))
def test_valid_lines_survive_any_neighbours(case, kind):
    data, expected = case
    items = list(load_bytes(data, "feed", kind=kind))
    _check(items, expected, "feed")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.binary(max_size=300), st.sampled_from([".txt", ".html", ".jsonl", ".json", ".dat", ""])),
                min_size=1, max_size=5), mixed_file())
def test_any_files_in_a_folder_each_give_a_document_or_a_named_error(tmp_path_factory, files, good):
    folder = tmp_path_factory.mktemp("fuzz")
    names = []
    for i, (data, suffix) in enumerate(files):
        path = folder / f"f{i}{suffix}"
        path.write_bytes(data)
        names.append(str(path))
    good_path = folder / "good.jsonl"
    good_path.write_bytes(good[0])
    items = list(load_documents([str(folder)]))
    origins = {(i.origin if isinstance(i, LoadError) else i.origin.split(".jsonl:")[0].split(".json:")[0]) for i in items}
    for name in names:  # every file accounted for, by its name
        assert any(o.startswith(name.rsplit(".", 1)[0] if "." in name.rsplit("/", 1)[-1] else name) for o in origins)
    _check([i for i in items if (i.origin.startswith(str(good_path)))], good[1], str(good_path))
