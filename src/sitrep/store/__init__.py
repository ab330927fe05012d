"""The event database: SQLAlchemy tables, Alembic migrations and the repository API."""

from sitrep.store.repository import Store, StoreError

__all__ = ["Store", "StoreError"]
