"""Reading .txt, .jsonl and folders into Documents: ids, fields, order, language, publication date."""

from __future__ import annotations

import json
from datetime import date

import pytest

from sitrep.ingest import read_paths


def test_text_file_becomes_one_document(tmp_path, good_file, read_batch):
    documents, errors = read_batch([good_file])
    assert errors == []
    [document] = documents
    assert document.doc_id == "good"
    assert document.text == good_file.read_text(encoding="utf-8")
    assert document.source_path == str(good_file)
    assert document.language == "fr"
    published = date.fromisoformat(document.published)  # "lundi 8 janvier": the latest year it was a Monday
    assert (published.month, published.day, published.weekday(), document.published_basis) == (1, 8, 0, "inferred")


def test_utf8_bom_is_accepted_and_dropped(tmp_path, read_batch):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Des roquettes ont visé la base.".encode())
    [document], errors = read_batch([path])
    assert errors == []
    assert document.text == "Des roquettes ont visé la base."


def test_crawler_header_gives_url_and_date(tmp_path, read_batch):
    path = tmp_path / "sputnik.txt"
    url = "https://fr.sputniknews.africa/20231024/deux-bases-attaquees-1063041659.html"
    path.write_text(f" date 2023-10 {url}\n\nDeux bases militaires américaines attaquées par des drones en Syrie.")
    [document], _ = read_batch([path])
    assert document.url == url
    assert document.text.startswith(" date 2023-10")  # offsets into the text stay those of the file
    assert (document.published, document.published_basis) == ("2023-10-24", "url")


def test_folder_is_read_recursively_in_sorted_order(tmp_path, read_batch):
    for relative in ["b/2.txt", "a/z.txt", "a/deeper/1.txt", "0.txt", ".hidden/x.txt", "a/.draft.txt"]:
        path = tmp_path / "inbox" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Rapport {relative}: la base a été attaquée.", encoding="utf-8")
    documents, errors = read_batch([tmp_path / "inbox"])
    assert errors == []
    assert [document.doc_id for document in documents] == ["0", "1", "z", "2"]
    assert [document.source_path.split("inbox/")[1] for document in documents] == [
        "0.txt",
        "a/deeper/1.txt",
        "a/z.txt",
        "b/2.txt",
    ]


def test_paths_are_read_in_the_order_given(tmp_path, good_file, read_batch):
    other = tmp_path / "another.txt"
    other.write_text("Des roquettes ont visé la base.", encoding="utf-8")
    documents, _ = read_batch([good_file, other])
    assert [document.doc_id for document in documents] == ["good", "another"]


def test_jsonl_fields_are_mapped(tmp_path, read_batch):
    path = tmp_path / "feed.jsonl"
    record = {
        "id": "presstv-719506",
        "text": "Les drones ont visé la base d'al-Omar lundi 5 février.",
        "url": "https://french.presstv.ir/Detail/2024/02/05/719506/Deir-ez-Zor",
        "published": "2024-02-05",
        "title": "Deir ez-Zor : attaque de drone",
        "outlet": "Press TV (French)",
    }
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    [document], errors = read_batch([path])
    assert errors == []
    assert document.doc_id == "presstv-719506"
    assert (document.text, document.url, document.title, document.outlet) == (
        record["text"],
        record["url"],
        record["title"],
        record["outlet"],
    )
    assert (document.published, document.published_basis) == ("2024-02-05", "given")
    assert document.language == "fr"


def test_jsonl_id_is_derived_from_stem_and_line(tmp_path, read_batch):
    path = tmp_path / "feed.jsonl"
    first, third = {"text": "La base a été attaquée."}, {"text": "Des roquettes ont visé la base."}
    lines = [json.dumps(first), "", json.dumps(third)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    documents, errors = read_batch([path])
    assert errors == []
    assert [document.doc_id for document in documents] == ["feed:1", "feed:3"]


def test_jsonl_url_gives_the_publication_date(tmp_path, read_batch):
    path = tmp_path / "feed.jsonl"
    record = {"text": "La base a été attaquée dimanche.", "url": "https://walf-groupe.com/blog/2024/01/16/base"}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    [document], _ = read_batch([path])
    assert (document.published, document.published_basis) == ("2024-01-16", "url")


def test_given_published_overrides_every_document(tmp_path, good_file, settings):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "La base a été attaquée.", "published": "2024-02-05"}) + "\n")
    documents = list(read_paths([str(good_file), str(feed)], settings, published="2023-10-30"))
    assert [(document.published, document.published_basis) for document in documents] == [
        ("2023-10-30", "given"),
        ("2023-10-30", "given"),
    ]


def test_given_published_must_be_a_date(good_file, settings):
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        list(read_paths([str(good_file)], settings, published="30/10/2023"))


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path, read_batch):
    path = tmp_path / "depeche.md"
    path.write_text("La base américaine a été attaquée.", encoding="utf-8")
    [document], errors = read_batch([path])
    assert errors == []
    assert document.doc_id == "depeche"


def test_jsonl_with_utf8_bom(tmp_path, read_batch):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "x", "text": "La base a été attaquée."}).encode() + b"\n")
    [document], errors = read_batch([path])
    assert errors == []
    assert document.doc_id == "x"
