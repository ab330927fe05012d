"""Alembic, run from code: the migrations ship inside the package, no alembic.ini needed."""

from __future__ import annotations

import threading
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from sitrep.store.search import FTS_TABLE, SEARCH_VECTOR

SCRIPT_LOCATION = "sitrep.store:migrations"
# Alembic runs a migration through one module-level proxy (`alembic.context`): two threads opening
# stores at once would clobber each other's, so a process runs one upgrade at a time.
UPGRADE_LOCK = threading.Lock()


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config for our migrations, bound to an open connection or to a URL.

    The URL form serves developers writing a new revision, e.g.
    `command.revision(alembic_config(url="sqlite:///dev.db"), "add x", autogenerate=True)`.
    """
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def in_metadata(name: str | None, type_: str, _parent_names: dict[str, str | None]) -> bool:
    """Whether autogenerate compares this database object: the dialect-specific full-text index is not modelled
    (SQLite's FTS5 tables, PostgreSQL's tsvector column and its GIN index; see migration 0004)."""
    return not (name or "").startswith(FTS_TABLE) and not (type_ == "column" and name == SEARCH_VECTOR)


def upgrade_to_head(engine: Engine) -> None:
    """Apply every migration not yet applied; a database already at head is left as is (and not locked)."""
    if current_revision(engine) == head_revision():
        return
    with UPGRADE_LOCK, engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")


@cache
def head_revision() -> str | None:
    """The newest revision shipped with the package."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for a database never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
