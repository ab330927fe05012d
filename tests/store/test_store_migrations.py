"""Alembic migrations: opening upgrades an empty database, re-opening changes nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from sitrep.models import Document
from sitrep.store import Store
from sitrep.store.migrate import alembic_config, current_revision, head_revision
from sitrep.store.tables import Base

TABLES = {"alembic_version", "documents", "events", "statistics", "evidence", "incidents", "incident_members",
          "fingerprints"}


def test_open_upgrades_empty_database_to_head(database_url: str) -> None:
    with Store(database_url) as store:
        assert current_revision(store.engine) == head_revision() == "0003"
        inspector = inspect(store.engine)
        assert set(inspector.get_table_names()) == TABLES
        indexed = {index["column_names"][0] for index in inspector.get_indexes("events")}
        assert {"date", "site", "actor", "country"} <= indexed


def test_reopen_is_idempotent(database_url: str, corpus: list[Document]) -> None:
    with Store(database_url) as store:
        store.save(corpus[0])
    with Store(database_url) as store:
        assert current_revision(store.engine) == head_revision()
        assert store.document_count() == 1
        assert len(store.events()) == 2


def test_migrations_match_tables(store: Store) -> None:
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_downgrade_to_base_drops_tables(store: Store) -> None:
    with store.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "base")
    assert set(inspect(store.engine).get_table_names()) == {"alembic_version"}
    assert current_revision(store.engine) is None


def test_stores_opened_by_many_threads_at_once_all_migrate(database_url: str) -> None:
    def open_and_count(_: int) -> int:
        with Store(database_url) as store:
            return store.document_count()

    with ThreadPoolExecutor(max_workers=6) as pool:  # Alembic's global context must not be shared
        assert list(pool.map(open_and_count, range(12))) == [0] * 12
