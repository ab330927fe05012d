"""Alembic migrations: opening upgrades an empty database, re-opening changes nothing, upgrades backfill."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from sitrep.models import Document
from sitrep.store import Store
from sitrep.store.migrate import alembic_config, current_revision, head_revision, in_metadata
from sitrep.store.queries import IncidentFilters, incident_page
from sitrep.store.tables import Base

TABLES = {"alembic_version", "documents", "events", "statistics", "evidence", "incidents", "incident_members",
          "fingerprints", "incident_weapons", "incident_search"}


def test_open_upgrades_empty_database_to_head(database_url: str) -> None:
    with Store(database_url) as store:
        assert current_revision(store.engine) == head_revision() == "0005"
        inspector = inspect(store.engine)
        assert {name for name in inspector.get_table_names() if in_metadata(name, "table", {})} == TABLES
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
        differences = compare_metadata(MigrationContext.configure(connection, opts={"include_name": in_metadata}),
                                       Base.metadata)
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


def search_snapshot(store: Store) -> dict[str, object]:
    """What migration 0004 derives per incident: stored days, point, country, weapons, search text."""
    with store.engine.connect() as connection:
        return {
            "incidents": set(connection.execute(text(
                "SELECT id, first_day, last_day, lat, lon, country FROM incidents"))),
            "weapons": set(connection.execute(text("SELECT incident_id, weapon, first_day FROM incident_weapons"))),
            "search": set(connection.execute(text("SELECT incident_id, body FROM incident_search"))),
        }


def test_upgrade_backfills_incidents_stored_before_0004(database_url: str, corpus: list[Document]) -> None:
    with Store(database_url) as store:
        for document in corpus:
            store.save(document)
        store.consolidate("iraq_syria")
        written = search_snapshot(store)
        with store.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
            connection.execute(text("UPDATE incidents SET country = lower(country)"))  # as older code could store
    with Store(database_url) as store:  # opening upgrades to head
        assert search_snapshot(store) == written
        assert len(written["weapons"]) == 5 and all(country.isupper() for *_, country in written["incidents"] if country)
        found = incident_page(store, IncidentFilters(text="roquette", country="sy"))
        assert [item["site"] for item in found["items"]] == ["Conoco gas field"]
        omar = incident_page(store, IncidentFilters(text="vise", weapon="drone"))["items"]
        assert [(item["lat"], item["lon"]) for item in omar] == [(35.0667, 40.5167)]
