"""Engines for SQLite or PostgreSQL: URL normalisation and per-dialect connection set-up."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

IN_MEMORY_SQLITE = ("", ":memory:")
# The server's JIT compiles each aggregate query anew: ~60 ms per /api/stats call on 100k incidents,
# more than the query itself; sitrep's queries are short and indexed, so they run interpreted.
POSTGRES_OPTIONS = {"options": "-c jit=off"}


def database_url(url: str) -> URL:
    """Parse `url`; a bare `postgresql://` gets the installed psycopg (v3) driver."""
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        return parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_file(url: URL) -> Path | None:
    """The database file of a SQLite URL, or None for other backends and in-memory databases."""
    database = url.database or ""
    if url.get_backend_name() != "sqlite" or database in IN_MEMORY_SQLITE:
        return None
    return None if database.startswith("file:") else Path(database)


def open_engine(url: str) -> Engine:
    """An engine for `url`; a SQLite file gets its folder created and `set_sqlite_pragmas`, PostgreSQL no JIT."""
    parsed = database_url(url)
    path = sqlite_file(parsed)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    backend = parsed.get_backend_name()
    engine = create_engine(parsed, connect_args=POSTGRES_OPTIONS if backend == "postgresql" else {})
    if backend == "sqlite":
        event.listen(engine, "connect", set_sqlite_pragmas)
    return engine


def set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Write-ahead logging (readers do not block the writer), enforced foreign keys.

    With WAL, `synchronous=NORMAL` syncs at checkpoints rather than at every commit: a commit
    survives a crash of the program, and only a power loss may undo the last few commits, never
    corrupting the database (https://www.sqlite.org/wal.html#performance_considerations).
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
