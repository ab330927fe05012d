"""Incidents: consolidated attacks, the events that report each, and document fingerprints.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create incidents, incident_members and fingerprints, with the indexes filters use."""
    op.create_table(
        "incidents",
        sa.Column("id", sa.Text(), nullable=False),
        sa.Column("block", sa.Text(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_earliest", sa.Text(), nullable=True),
        sa.Column("date_latest", sa.Text(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("event_kind", sa.Text(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Double(), nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("n_sources", sa.Integer(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "confidence >= 0 AND confidence <= 1", name=op.f("ck_incidents_confidence_in_range")
        ),
        sa.CheckConstraint("n_reports >= 1", name=op.f("ck_incidents_has_reports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    for column in ("block", "date", "site", "country", "actor"):
        op.create_index(op.f(f"ix_incidents_{column}"), "incidents", [column])

    op.create_table(
        "incident_members",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Text(), nullable=False),
        sa.Column("block", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_incident_members_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_members_incident_id_incidents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", name=op.f("pk_incident_members")),
    )
    for column in ("incident_id", "block"):
        op.create_index(op.f(f"ix_incident_members_{column}"), "incident_members", [column])

    op.create_table(
        "fingerprints",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("original_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_fingerprints_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["original_id"],
            ["documents.id"],
            name=op.f("fk_fingerprints_original_id_documents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("document_id", name=op.f("pk_fingerprints")),
    )


def downgrade() -> None:
    """Drop the three tables (their indexes go with them)."""
    for table in ("fingerprints", "incident_members", "incidents"):
        op.drop_table(table)
