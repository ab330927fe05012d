"""Serve fixtures: the API on a seeded store, on SQLite and on a throwaway PostgreSQL database.

The backend fixtures (`database_url`, `postgres_database`) and the invented sample documents are
those of tests/store/conftest.py, loaded from there so both suites share one definition.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sitrep.models import Document, Event, Evidence
from sitrep.serve import create_app
from sitrep.settings import Settings
from sitrep.store import Store

_spec = importlib.util.spec_from_file_location("store_fixtures", Path(__file__).parents[1] / "store" / "conftest.py")
store_fixtures = importlib.util.module_from_spec(_spec)
sys.modules["store_fixtures"] = store_fixtures
_spec.loader.exec_module(store_fixtures)

postgres_database = store_fixtures.postgres_database
database_url = store_fixtures.database_url
TOKEN = "s3cret-token-for-tests"
SCRIPT_TEXT = (
    "<script>window.__pwned = true</script> A rocket attack hit al-Tanf garrison on Friday, "
    "the <b>coalition</b> said. <img src=x onerror=\"window.__pwned = true\">"
)


def script_document() -> Document:
    """An article whose text carries HTML and script: the UI must show it as text, never run it."""
    passage = "A rocket attack hit al-Tanf garrison"
    start = SCRIPT_TEXT.index(passage)
    return Document(
        doc_id="en_test_20240126_tanf_script",
        text=SCRIPT_TEXT,
        outlet="Test Wire",
        published="2024-01-27",
        language="en",
        events=[Event(id="e1", date="2024-01-26", date_precision="day", site="al-Tanf garrison", country="SY",
                      admin1="Homs", lat=33.5, lon=38.6, event_kind="rocket_or_missile_attack", weapons=["rocket"],
                      actor_basis="unknown", target="US forces",
                      evidence=[Evidence(passage, start, start + len(passage))])],
    )


def seed(store: Store) -> None:
    """Store the invented documents of the store tests and the script document, then consolidate."""
    for document in (store_fixtures.omar_document(), store_fixtures.tower_document(),
                     store_fixtures.asad_document(), script_document()):
        store.save(document)
    store.consolidate("iraq_syria")


@pytest.fixture(name="seed", scope="session")
def seed_function() -> Callable[[Store], None]:
    """The seeding function, for tests that open their own store."""
    return seed


@pytest.fixture
def seeded_store(database_url: str) -> Iterator[Store]:
    """A store holding four invented documents and their incidents."""
    with Store(database_url) as store:
        seed(store)
        yield store


@pytest.fixture
def client(seeded_store: Store, database_url: str) -> Iterator[TestClient]:
    """The read-only API (no token set) on the seeded store."""
    app = create_app(Settings(database_url=database_url, api_token=None), seeded_store)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def token_client(seeded_store: Store, database_url: str) -> Iterator[TestClient]:
    """The API with ingest turned on by a token."""
    app = create_app(Settings(database_url=database_url, api_token=TOKEN), seeded_store)
    with TestClient(app) as test_client:
        yield test_client
