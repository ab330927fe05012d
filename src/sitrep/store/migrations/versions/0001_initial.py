"""Initial schema: documents, events, statistics and their evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the four tables and the indexes the event filters use."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.Text(), nullable=True),
        sa.Column("published_basis", sa.Text(), nullable=False),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
    )
    op.create_index(op.f("ix_documents_doc_id"), "documents", ["doc_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("event_key", sa.Text(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_earliest", sa.Text(), nullable=True),
        sa.Column("date_latest", sa.Text(), nullable=True),
        sa.Column("date_precision", sa.Text(), nullable=False),
        sa.Column("time_of_day", sa.Text(), nullable=True),
        sa.Column("site", sa.Text(), nullable=True),
        sa.Column("place_text", sa.Text(), nullable=True),
        sa.Column("admin1", sa.Text(), nullable=True),
        sa.Column("country", sa.Text(), nullable=True),
        sa.Column("lat", sa.Double(), nullable=True),
        sa.Column("lon", sa.Double(), nullable=True),
        sa.Column("event_kind", sa.Text(), nullable=False),
        sa.Column("weapons", sa.JSON(), nullable=False),
        sa.Column("munition_count", sa.Integer(), nullable=True),
        sa.Column("actor", sa.Text(), nullable=True),
        sa.Column("actor_basis", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=True),
        sa.Column("killed", sa.Integer(), nullable=True),
        sa.Column("injured", sa.Integer(), nullable=True),
        sa.Column("damage", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.JSON(), nullable=False),
        sa.Column("hedged", sa.Boolean(), nullable=False),
        sa.CheckConstraint("injured >= 0", name=op.f("ck_events_injured_not_negative")),
        sa.CheckConstraint("killed >= 0", name=op.f("ck_events_killed_not_negative")),
        sa.CheckConstraint(
            "munition_count >= 0", name=op.f("ck_events_munition_count_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_events_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    for column in ("document_id", "date", "site", "actor", "country"):
        op.create_index(op.f(f"ix_events_{column}"), "events", [column])

    op.create_table(
        "statistics",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("claimant", sa.Text(), nullable=True),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("period_start", sa.Text(), nullable=True),
        sa.Column("period_end", sa.Text(), nullable=True),
        sa.Column("stated_date", sa.Text(), nullable=True),
        sa.CheckConstraint("count >= 0", name=op.f("ck_statistics_count_not_negative")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_statistics_document_id_documents"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_statistics")),
    )
    op.create_index(op.f("ix_statistics_document_id"), "statistics", ["document_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("statistic_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(event_id IS NULL) <> (statistic_id IS NULL)", name=op.f("ck_evidence_one_owner")
        ),
        sa.CheckConstraint(
            'start >= 0 AND "end" >= start', name=op.f("ck_evidence_offsets_in_order")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_evidence_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statistic_id"],
            ["statistics.id"],
            name=op.f("fk_evidence_statistic_id_statistics"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
    )
    op.create_index(op.f("ix_evidence_event_id"), "evidence", ["event_id"])
    op.create_index(op.f("ix_evidence_statistic_id"), "evidence", ["statistic_id"])


def downgrade() -> None:
    """Drop the four tables (their indexes go with them)."""
    for table in ("evidence", "statistics", "events", "documents"):
        op.drop_table(table)
