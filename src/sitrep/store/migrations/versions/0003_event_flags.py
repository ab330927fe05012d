"""Events say whether they are a second, distinct attack and whether a source denies them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add events.distinct and events.denied, false for events stored before."""
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("distinct", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("denied", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    """Drop the two flags."""
    with op.batch_alter_table("events") as batch:
        batch.drop_column("denied")
        batch.drop_column("distinct")
