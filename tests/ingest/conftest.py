"""Fixtures for ingest tests: settings, a good file, and a batch reader split into documents and errors."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.ingest import read_paths
from sitrep.models import Document
from sitrep.settings import Settings

FRENCH_TEXT = "La base américaine d'al-Omar a été attaquée ce matin, lundi 8 janvier, par des roquettes.\n"
Batch = tuple[list[Document], list[SitrepError]]


@pytest.fixture
def settings() -> Settings:
    """Settings with the default file-size limit, independent of SITREP_* variables."""
    return Settings(max_file_bytes=10_000_000)


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    """A valid French .txt document that every batch should still yield."""
    path = tmp_path / "good.txt"
    path.write_text(FRENCH_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def read_batch(settings: Settings) -> Callable[[Iterable[Path]], Batch]:
    """Read paths with `settings`, returning (documents, errors) in order."""

    def read(paths: Iterable[Path]) -> Batch:
        items = list(read_paths([str(path) for path in paths], settings))
        documents = [item for item in items if isinstance(item, Document)]
        errors = [item for item in items if isinstance(item, SitrepError)]
        assert len(documents) + len(errors) == len(items)
        return documents, errors

    return read
