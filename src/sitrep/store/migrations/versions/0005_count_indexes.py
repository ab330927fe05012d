"""Indexes for counts by weapon or site and for a province filter within a country.

Narrow (weapon, first_day) and (country, site, first_day) indexes let counts by weapon, and a
country's counts by site, aggregate in index order instead of sorting or hashing every row; the
covering (country, first_day, ...) index gains admin1, so a province filter within a country
reads no table rows.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


COUNTRY_INDEX = "ix_incidents_country_first_day"
COUNTRY_COLUMNS = ["country", "first_day", "id", "last_day", "site", "actor", "status", "event_kind"]


def upgrade() -> None:
    """Add the two count indexes; rebuild the country index with admin1 last."""
    op.create_index("ix_incident_weapons_weapon_day", "incident_weapons", ["weapon", "first_day"])
    op.create_index("ix_incidents_country_site_first_day", "incidents", ["country", "site", "first_day"])
    op.drop_index(COUNTRY_INDEX, "incidents")
    op.create_index(COUNTRY_INDEX, "incidents", [*COUNTRY_COLUMNS, "admin1"])


def downgrade() -> None:
    """Drop the two count indexes; rebuild the country index without admin1."""
    op.drop_index(COUNTRY_INDEX, "incidents")
    op.create_index(COUNTRY_INDEX, "incidents", COUNTRY_COLUMNS)
    op.drop_index("ix_incidents_country_site_first_day", "incidents")
    op.drop_index("ix_incident_weapons_weapon_day", "incident_weapons")
