"""Every bad input yields one coded error naming the file and the reason; the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.errors import (
    BinaryInput,
    EmptyInput,
    MalformedJsonLine,
    NotUtf8,
    TooLarge,
    UnreadablePath,
    UnsupportedFormat,
)


def assert_one_error(errors: list, kind: type, path: Path, *reason_words: str) -> None:
    """Exactly one error, of `kind`, whose message names `path` and contains every reason word."""
    assert len(errors) == 1, [str(error) for error in errors]
    error = errors[0]
    assert isinstance(error, kind)
    message = str(error)
    assert message.startswith(f"{kind.code} {path}")
    for word in reason_words:
        assert word in message


def test_missing_path(tmp_path, good_file, read_batch):
    missing = tmp_path / "nowhere.txt"
    documents, errors = read_batch([missing, good_file])
    assert_one_error(errors, UnreadablePath, missing, "cannot read path", "No such file")
    assert [document.doc_id for document in documents] == ["good"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"], ids=["zero_bytes", "whitespace_only"])
def test_empty_file(tmp_path, good_file, read_batch, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    documents, errors = read_batch([empty, good_file])
    assert_one_error(errors, EmptyInput, empty, "file is empty")
    assert [document.doc_id for document in documents] == ["good"]


@pytest.mark.parametrize(
    "content,reason",
    [(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"), (bytes(range(1, 9)) * 20 + b"text", "control characters")],
    ids=["nul_bytes", "control_characters"],
)
def test_binary_file(tmp_path, good_file, read_batch, content, reason):
    binary = tmp_path / "image.txt"
    binary.write_bytes(content)
    documents, errors = read_batch([binary, good_file])
    assert_one_error(errors, BinaryInput, binary, "looks binary", reason)
    assert [document.doc_id for document in documents] == ["good"]


@pytest.mark.parametrize(
    "content,reason",
    [
        ("La base a été attaquée.".encode("latin-1"), "byte 0xe9 at offset 10"),
        ("La base a été attaquée.".encode("utf-16"), "UTF-16"),
    ],
    ids=["latin1", "utf16"],
)
def test_not_utf8_file(tmp_path, good_file, read_batch, content, reason):
    latin = tmp_path / "latin.txt"
    latin.write_bytes(content)
    documents, errors = read_batch([latin, good_file])
    assert_one_error(errors, NotUtf8, latin, "not valid UTF-8", reason)
    assert [document.doc_id for document in documents] == ["good"]


def test_too_large_file_is_not_read(tmp_path, good_file, read_batch, monkeypatch):
    large = tmp_path / "large.txt"
    with large.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: instant, no disk space
    opened: list[Path] = []
    read_bytes, path_open = Path.read_bytes, Path.open
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self) or read_bytes(self))
    monkeypatch.setattr(Path, "open", lambda self, *args, **kw: opened.append(self) or path_open(self, *args, **kw))
    documents, errors = read_batch([large, good_file])
    assert_one_error(errors, TooLarge, large, "too large", "52,428,800 bytes", "SITREP_MAX_FILE_BYTES")
    assert [document.doc_id for document in documents] == ["good"]
    assert large not in opened


@pytest.mark.parametrize(
    "bad_line,reason",
    [
        ('{"id": "x", "text": "La base"', "not valid JSON"),
        ('["La base a été attaquée"]', "not a JSON object"),
        ('{"id": "x"}', "'text' is missing or empty"),
        ('{"id": "x", "text": "  "}', "'text' is missing or empty"),
        ('{"id": "x", "text": 42}', "'text' must be a string"),
        ('{"id": 7, "text": "La base"}', "'id' must be a non-empty string"),
        ('{"id": "x", "text": "La base", "url": ["a"]}', "'url' must be a string or null"),
        ('{"id": "x", "text": "La base", "published": "5 février"}', "'published' is not a date"),
    ],
    ids=["bad_json", "array", "no_text", "blank_text", "text_type", "id_type", "url_type", "published_format"],
)
def test_malformed_jsonl_line_amid_good_ones(tmp_path, good_file, read_batch, bad_line, reason):
    batch = tmp_path / "batch.jsonl"
    good = json.dumps({"id": "a", "text": "La base américaine a été attaquée."}, ensure_ascii=False)
    also_good = json.dumps({"id": "c", "text": "Des roquettes ont visé la base."}, ensure_ascii=False)
    batch.write_text("\n".join([good, bad_line, also_good]) + "\n", encoding="utf-8")
    documents, errors = read_batch([batch, good_file])
    assert_one_error(errors, MalformedJsonLine, batch, "malformed JSONL line 2:", reason)
    assert [document.doc_id for document in documents] == ["a", "c", "good"]


def test_non_utf8_jsonl_line_amid_good_ones(tmp_path, read_batch):
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(b'{"text": "bonne ligne"}\n{"text": "base attaqu\xe9e"}\n{"text": "autre ligne"}\n')
    documents, errors = read_batch([batch])
    assert_one_error(errors, NotUtf8, batch, "at line 2", "byte 0xe9")
    assert [document.doc_id for document in documents] == ["batch:1", "batch:3"]


def test_unsupported_extension_in_folder(tmp_path, read_batch):
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text("La base américaine a été attaquée.", encoding="utf-8")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    (folder / ".DS_Store").write_bytes(b"\x00\x01")
    documents, errors = read_batch([folder])
    assert_one_error(errors, UnsupportedFormat, folder / "report.pdf", "unsupported file type", "(.pdf)")
    assert [document.doc_id for document in documents] == ["a"]


@pytest.mark.parametrize(
    "text,language",
    [("Drei US-Soldaten wurden bei einem Drohnenangriff in Jordanien getötet.", "de"), ("2024-01-28 — 3 / 25 / 34", None)],
    ids=["german", "no_words"],
)
def test_unsupported_language_is_left_to_the_extractor(tmp_path, good_file, read_batch, text, language):
    other = tmp_path / "other.txt"
    other.write_text(text, encoding="utf-8")
    documents, errors = read_batch([other, good_file])
    assert errors == []  # the extractor, not ingest, raises UnknownLanguage
    assert [(document.doc_id, document.language) for document in documents] == [("other", language), ("good", "fr")]
