"""Engine set-up: URL normalisation, SQLite folder creation and pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from sitrep.store import Store
from sitrep.store.engine import database_url, sqlite_file


@pytest.mark.parametrize(
    "url,driver",
    [
        ("postgresql://postgres@localhost/sitrep", "postgresql+psycopg"),
        ("postgresql+psycopg://postgres@localhost/sitrep", "postgresql+psycopg"),
        ("sqlite:///sitrep.db", "sqlite"),
    ],
)
def test_database_url_driver(url: str, driver: str) -> None:
    assert database_url(url).drivername == driver


@pytest.mark.parametrize(
    "url,path",
    [
        ("sqlite:////var/lib/sitrep/sitrep.db", Path("/var/lib/sitrep/sitrep.db")),
        ("sqlite:///relative/sitrep.db", Path("relative/sitrep.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql://postgres@localhost/sitrep", None),
    ],
)
def test_sqlite_file(url: str, path: Path | None) -> None:
    assert sqlite_file(database_url(url)) == path


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "sitrep.db"
    with Store(f"sqlite:///{path}"):
        assert path.is_file()


def test_sqlite_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sitrep.db'}"
    with Store(url) as store, store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_in_memory_sqlite_works() -> None:
    with Store("sqlite://") as store:
        assert store.document_count() == 0


def test_postgresql_sessions_run_without_jit(postgres_database) -> None:  # noqa: ANN001 - conftest's database
    postgres_database.reset()
    with Store(postgres_database.url) as store, store.engine.connect() as connection:
        assert connection.execute(text("SHOW jit")).scalar() == "off"
