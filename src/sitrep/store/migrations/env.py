"""Alembic environment: migrate the connection handed over in `config.attributes`, or a URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sitrep.store.engine import open_engine
from sitrep.store.migrate import in_metadata
from sitrep.store.tables import Base


def run_migrations(connection: Connection) -> None:
    """Run the pending migrations on `connection` (batch mode lets SQLite alter tables)."""
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=in_metadata,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = open_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        run_migrations(connection)
    engine.dispose()
