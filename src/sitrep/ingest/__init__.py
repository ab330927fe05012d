"""Ingest: text, JSONL, HTML, RSS/Atom, WARC, URL lists (recognised by content) -> Documents."""

from sitrep.ingest.language import detect_language, passage_languages
from sitrep.ingest.read import make_document, read_paths

__all__ = ["detect_language", "make_document", "passage_languages", "read_paths"]
