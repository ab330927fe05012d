"""Store fixtures: each test runs on a SQLite file and on a throwaway PostgreSQL database.

PostgreSQL is the server at SITREP_TEST_POSTGRES_URL (default: trust auth on 127.0.0.1:5432,
database `test`). A missing server fails the PostgreSQL tests with instructions, unless
SITREP_SKIP_POSTGRES=1, which skips them.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo
from sqlalchemy.engine import make_url

from sitrep.models import Document, Event, Evidence, Statistic
from sitrep.store import Store

POSTGRES_SERVER = os.environ.get(
    "SITREP_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@dataclass
class PostgresDatabase:
    """A database created for this test session."""

    name: str

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the database."""
        url = make_url(POSTGRES_SERVER).set(drivername="postgresql+psycopg", database=self.name)
        return url.render_as_string(hide_password=False)

    def reset(self) -> None:
        """Drop every table (and the Alembic version) so the next test starts empty."""
        conninfo = make_conninfo(POSTGRES_SERVER, dbname=self.name)
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")


def connect_server() -> psycopg.Connection:
    """An autocommit connection to the PostgreSQL server, or a clear failure (or skip)."""
    try:
        return psycopg.connect(POSTGRES_SERVER, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        reason = str(error).splitlines()[0]
    if os.environ.get("SITREP_SKIP_POSTGRES") == "1":
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_SERVER}; SITREP_SKIP_POSTGRES=1")
    pytest.fail(
        f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {reason}\n"
        "Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`), point "
        "SITREP_TEST_POSTGRES_URL at a server, or set SITREP_SKIP_POSTGRES=1 to skip.",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[PostgresDatabase]:
    """A fresh `sitrep_test_<hex>` database for the session, dropped at the end."""
    database = PostgresDatabase(f"sitrep_test_{secrets.token_hex(6)}")
    with connect_server() as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database.name)))
        try:
            yield database
        finally:
            server.execute(
                sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(database.name))
            )


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of an empty database on each backend (SQLite in a folder that does not exist yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'nested' / 'sitrep.db'}"
    database: PostgresDatabase = request.getfixturevalue("postgres_database")
    database.reset()
    return database.url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """An open store on an empty database."""
    with Store(database_url) as opened:
        yield opened


def quote(text: str, passage: str) -> Evidence:
    """Evidence for the first occurrence of `passage` in `text`."""
    start = text.index(passage)
    return Evidence(passage, start, start + len(passage))


OMAR_TEXT = (
    "Les médias arabes ont rapporté lundi 5 février à l'aube qu'une frappe par drone avait visé "
    "la base du champ pétrolier d'al-Omar. Samedi ou dimanche, des roquettes ont visé le champ "
    "gazier de Conoco. Selon le Pentagone, 106 attaques avaient été menées depuis le 7 octobre."
)
TOWER_TEXT = (
    "Three US service members were killed and 34 injured in a drone attack on Tower 22 in "
    "Jordan on Sunday, officials said, blaming the Islamic Resistance in Iraq."
)
ASAD_TEXT = (
    "أطلقت 30 صاروخا على قاعدة عين الأسد الجوية يوم السبت. "
    "وفي وقت سابق استُهدفت قافلة في مكان ما."
)


def omar_document() -> Document:
    """A French report: a dated drone attack, an interval-dated rocket attack, a statistic."""
    return Document(
        doc_id="fr_presstv_20240205_omar",
        text=OMAR_TEXT,
        url="https://example.org/fr/2024/02/05/omar",
        title="Frappe sur al-Omar",
        outlet="Press TV (French)",
        published="2024-02-05",
        published_basis="url",
        language="fr",
        source_path="docs/fr_presstv_20240205_omar.txt",
        events=[
            Event(
                id="e1",
                date="2024-02-05",
                date_earliest="2024-02-05",
                date_latest="2024-02-05",
                date_precision="day",
                time_of_day="dawn",
                site="al-Omar oil field base",
                place_text="champ pétrolier d'al-Omar",
                admin1="Deir ez-Zor",
                country="SY",
                lat=35.0667,
                lon=40.5167,
                event_kind="drone_attack",
                weapons=["drone"],
                actor="Islamic Resistance in Iraq",
                actor_basis="claimed",
                target="US forces",
                damage="unknown",
                reported_by=["Al Mayadeen", "médias arabes"],
                evidence=[quote(OMAR_TEXT, "une frappe par drone avait visé")],
            ),
            Event(
                id="e2",
                date_earliest="2024-02-03",
                date_latest="2024-02-04",
                date_precision="interval",
                site="Conoco gas field",
                admin1="Deir ez-Zor",
                country="SY",
                event_kind="rocket_or_missile_attack",
                weapons=["rocket"],
                hedged=True,
                evidence=[quote(OMAR_TEXT, "des roquettes ont visé le champ gazier de Conoco")],
            ),
        ],
        statistics=[
            Statistic(
                claimant="Pentagon",
                count=106,
                what="attacks on US forces in Iraq and Syria",
                period_start="2023-10-07",
                stated_date="2024-02-05",
                evidence=[quote(OMAR_TEXT, "106 attaques avaient été menées depuis le 7 octobre")],
            )
        ],
    )


def tower_document() -> Document:
    """An English report with casualties and an attributed actor."""
    return Document(
        doc_id="en_wire_20240128_tower22",
        text=TOWER_TEXT,
        outlet="Wire",
        published="2024-01-29",
        language="en",
        events=[
            Event(
                id="e1",
                date="2024-01-28",
                date_precision="day",
                site="Tower 22",
                country="JO",
                event_kind="drone_attack",
                weapons=["drone"],
                actor="Islamic Resistance in Iraq",
                actor_basis="attributed",
                target="US forces",
                killed=3,
                injured=34,
                damage="reported",
                evidence=[
                    quote(TOWER_TEXT, "a drone attack on Tower 22"),
                    quote(TOWER_TEXT, "Sunday"),
                ],
            )
        ],
    )


def asad_document() -> Document:
    """An Arabic report: a rocket salvo on a named base, and an event with no date or site."""
    return Document(
        doc_id="ar_outlet_20240121_asad",
        text=ASAD_TEXT,
        published="2024-01-21",
        language="ar",
        events=[
            Event(
                id="e1",
                date="2024-01-20",
                date_precision="day",
                site="Ain al-Asad Air Base",
                place_text="قاعدة عين الأسد الجوية",
                admin1="Al Anbar",
                country="IQ",
                event_kind="rocket_or_missile_attack",
                weapons=["rocket", "missile"],
                munition_count=30,
                evidence=[quote(ASAD_TEXT, "أطلقت 30 صاروخا")],
            ),
            Event(id="e2", admin1="Al Anbar", country="IQ", event_kind="other_attack"),
        ],
    )


@pytest.fixture
def corpus() -> list[Document]:
    """Three documents in three languages, six events between them."""
    return [omar_document(), tower_document(), asad_document()]


@pytest.fixture
def filled_store(store: Store, corpus: list[Document]) -> Store:
    """A store holding the corpus."""
    for document in corpus:
        assert store.save(document)
    return store
