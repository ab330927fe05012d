"""Incidents carry what listings filter and sort on: stored days, a point, weapons, a full-text index.

Adds incidents.first_day/last_day/lat/lon, composite indexes (a filter plus the date sort),
upper-case country codes, the incident_weapons and incident_search tables, and the full-text
index over incident_search.body: FTS5 kept by triggers on SQLite, a generated tsvector column
with a GIN index on PostgreSQL. Existing incidents are backfilled from their columns, member
events and evidence.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa
from alembic import op

from sitrep.models import WEAPONS
from sitrep.store.search import FTS_TABLE, PG_WORD_JOINERS, SEARCH_VECTOR, search_body

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

DAY_AND_GROUPS = ["first_day", "id", "last_day", "site", "actor", "status", "event_kind"]
INCIDENT_INDEXES = {  # name -> columns (see tables.INCIDENT_INDEXES)
    "ix_incidents_first_day_id": ["first_day", "id", "last_day"],
    "ix_incidents_last_day_first_day": ["last_day", "first_day"],
    "ix_incidents_country_first_day": ["country", *DAY_AND_GROUPS],
    "ix_incidents_status_first_day": ["status", "first_day", "id", "last_day", "country"],
    "ix_incidents_event_kind_first_day": ["event_kind", "first_day", "id", "last_day", "country"],
    "ix_incidents_confidence_id": ["confidence", "id"],
    "ix_incidents_lat_lon": ["lat", "lon", "first_day", "id"],
}
SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(body, content='incident_search', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON incident_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, new.body); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON incident_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body) VALUES ('delete', old.id, old.body); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON incident_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, body) VALUES ('delete', old.id, old.body); "
    f"INSERT INTO {FTS_TABLE}(rowid, body) VALUES (new.id, new.body); END",
]
POSTGRES_FTS = [  # a stored tsvector: phrase matches and probes need no to_tsvector per row
    f"ALTER TABLE incident_search ADD COLUMN {SEARCH_VECTOR} tsvector GENERATED ALWAYS AS "
    f"(to_tsvector('simple', translate(body, '{PG_WORD_JOINERS}', '{' ' * len(PG_WORD_JOINERS)}'))) STORED",
    f"CREATE INDEX {FTS_TABLE} ON incident_search USING gin ({SEARCH_VECTOR})",
]
FIRST_PLACED = """(SELECT events.{column} FROM incident_members JOIN events ON events.id = incident_members.event_id
    WHERE incident_members.incident_id = incidents.id AND events.lat IS NOT NULL AND events.lon IS NOT NULL
    ORDER BY incident_members.position LIMIT 1)"""


def upgrade() -> None:
    """Add the columns, tables and indexes, then fill them for the incidents already stored."""
    with op.batch_alter_table("incidents", recreate="never") as batch:  # see downgrade
        batch.add_column(sa.Column("first_day", sa.Text(), nullable=True))
        batch.add_column(sa.Column("last_day", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lat", sa.Double(), nullable=True))
        batch.add_column(sa.Column("lon", sa.Double(), nullable=True))
        batch.drop_index("ix_incidents_country")  # the composite (country, first_day, id) serves it
    op.create_index(op.f("ix_incidents_admin1"), "incidents", ["admin1"])
    for name, columns in INCIDENT_INDEXES.items():
        op.create_index(name, "incidents", columns)
    op.create_table(
        "incident_weapons",
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.Column("weapon", sa.Text(), nullable=False),
        sa.Column("first_day", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_incident_weapons_incident_id_incidents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("incident_id", "weapon", name=op.f("pk_incident_weapons")),
    )
    op.create_index("ix_incident_weapons_weapon", "incident_weapons", ["weapon", "first_day", "incident_id"])
    op.create_table(
        "incident_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_incident_search_incident_id_incidents"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_search")),
        sa.UniqueConstraint("incident_id", name=op.f("uq_incident_search_incident_id")),
    )
    connection = op.get_bind()  # DDL as written: ':' in it is no bind parameter
    for statement in SQLITE_FTS if connection.dialect.name == "sqlite" else POSTGRES_FTS:
        connection.exec_driver_sql(statement)
    backfill()


def backfill() -> None:
    """Fill the new columns and tables of the stored incidents (the index triggers fill FTS5)."""
    op.execute("UPDATE incidents SET country = upper(country), "
               "first_day = coalesce(date, date_earliest, date_latest), "
               "last_day = coalesce(date, date_latest, date_earliest), "
               f"lat = {FIRST_PLACED.format(column='lat')}, lon = {FIRST_PLACED.format(column='lon')}")
    connection = op.get_bind()
    weapons: set[tuple[str, str, str | None]] = set()
    passages: dict[str, list[str]] = defaultdict(list)
    for incident_id, first_day, listed in connection.execute(sa.text(
            "SELECT incidents.id, incidents.first_day, events.weapons FROM incidents "
            "JOIN incident_members ON incident_members.incident_id = incidents.id "
            "JOIN events ON events.id = incident_members.event_id").columns(weapons=sa.JSON)):
        weapons.update((incident_id, weapon, first_day) for weapon in listed or [] if weapon in WEAPONS)
    for incident_id, text in connection.execute(sa.text(
            "SELECT incident_members.incident_id, evidence.text FROM incident_members "
            "JOIN evidence ON evidence.event_id = incident_members.event_id "
            "ORDER BY incident_members.incident_id, incident_members.position, evidence.id")):
        passages[incident_id].append(text)
    bodies = [{"incident_id": incident_id, "body": search_body(names, passages[incident_id])}
              for incident_id, *names in connection.execute(sa.text(
                  "SELECT id, site, admin1, actor, target FROM incidents ORDER BY id"))]
    if weapons:
        connection.execute(sa.text("INSERT INTO incident_weapons (incident_id, weapon, first_day) "
                                   "VALUES (:incident_id, :weapon, :first_day)"),
                           [{"incident_id": incident_id, "weapon": weapon, "first_day": first_day}
                            for incident_id, weapon, first_day in sorted(weapons, key=lambda row: row[:2])])
    if bodies:
        connection.execute(sa.text("INSERT INTO incident_search (incident_id, body) VALUES (:incident_id, :body)"),
                           bodies)


def downgrade() -> None:
    """Drop the full-text index, the two tables and the new columns and indexes (country stays upper case)."""
    if op.get_bind().dialect.name == "sqlite":
        for suffix in ("_insert", "_delete", "_update"):
            op.execute(f"DROP TRIGGER {FTS_TABLE}{suffix}")
        op.execute(f"DROP TABLE {FTS_TABLE}")
    op.drop_table("incident_search")
    op.drop_table("incident_weapons")
    for name in (*INCIDENT_INDEXES, "ix_incidents_admin1"):
        op.drop_index(name, "incidents")
    # ALTER TABLE, not batch's copy of the table: dropping the old copy would cascade to incident_members
    with op.batch_alter_table("incidents", recreate="never") as batch:
        for column in ("lon", "lat", "last_day", "first_day"):
            batch.drop_column(column)
        batch.create_index("ix_incidents_country", ["country"])
