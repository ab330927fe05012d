"""Full-text search over incidents: the stored search text, and the conditions `q` filters by.

An incident's search text is its names (site, admin1, actor, target) and its reports' evidence
passages, folded in Python (case and diacritics removed, so "vise" finds "visé" and Arabic
harakat do not matter), one line each. The index differs by dialect (migration 0004): on SQLite
an FTS5 table kept by triggers, on PostgreSQL a stored 'simple' tsvector column with a GIN index;
so does the query syntax, which `FullTextMatch` renders as a phrase query for each. The user's
words reach the database only as a bound parameter, reduced to letters and digits: no query
syntax gets through.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, exists, false, func, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.expression import bindparam, literal_column
from sqlalchemy.types import NullType

from sitrep.store.tables import IncidentSearchRow

FTS_TABLE = "incident_search_fts"  # SQLite: FTS5 over incident_search.body, rowid = incident_search.id
SEARCH_VECTOR = "search_vector"  # PostgreSQL: incident_search's generated tsvector column
PG_WORD_JOINERS = "./@:_+-"  # PostgreSQL's parser keeps hosts, paths, versions, e-mails whole; split them as FTS5 does
WORD = re.compile(r"[^\W_]+")
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """`text` casefolded, without diacritics (NFKD, combining marks dropped), whitespace runs as one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return SPACES.sub(" ", bare.casefold()).strip()


def search_body(names: Iterable[str | None], passages: Iterable[str | None]) -> str:
    """The search text stored for an incident: each name and passage folded, one per line."""
    return "\n".join(fold(part) for part in (*names, *passages) if part)


class FullTextMatch(ColumnElement[Any]):
    """The incident_search row holds `words` in this order, next to each other, the last one as a word's start."""

    inherit_cache = False
    type = NullType()  # not Boolean: SQLite would get `IN (...) = 1`, which no index serves

    def __init__(self, words: list[str]) -> None:
        self.words = words


@compiles(FullTextMatch, "sqlite")
def _match_fts5(element: FullTextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    phrase = '"' + " ".join(element.words) + '"*'  # words hold letters and digits only: no quote to escape
    return (f"{compiler.process(IncidentSearchRow.id, **kw)} IN (SELECT rowid FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH {compiler.process(bindparam('fts_query', phrase), **kw)})")


@compiles(FullTextMatch, "postgresql")
def _match_tsvector(element: FullTextMatch, compiler: SQLCompiler, **kw: Any) -> str:
    phrase = " <-> ".join(element.words) + ":*"
    vector = literal_column(f"{IncidentSearchRow.__tablename__}.{SEARCH_VECTOR}")
    matched = vector.op("@@")(func.to_tsquery(literal_column("'simple'"), bindparam("ts_query", phrase)))
    return compiler.process(matched, **kw)


class ScannedFor(ColumnElement[Any]):
    """A column SQLite compares without using its index (`+column`): a list of values is then probed while
    another index is scanned, rather than each value looked up. SQLite has no statistics to choose
    itself; other dialects render the plain column.
    """

    inherit_cache = False

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self.type = column.type


@compiles(ScannedFor)
def _scanned_for(element: ScannedFor, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.column, **kw)


@compiles(ScannedFor, "sqlite")
def _scanned_for_sqlite(element: ScannedFor, compiler: SQLCompiler, **kw: Any) -> str:
    return "+" + compiler.process(element.column, **kw)


def search_condition(text: str) -> ColumnElement[Any] | None:
    """The incident_search row holds `text`, case and accents aside; None if `text` has no letter or digit.

    Its words must come in order, next to each other, each from a word's start (the last may be
    cut short: "tanf" finds "al-Tanf"); punctuation typed in `text` must be there as typed.
    """
    folded = fold(text)
    words = WORD.findall(folded)
    if not words:
        return None
    if folded == " ".join(words):
        return FullTextMatch(words)
    # punctuation: the index ignores it, so the text itself must hold it
    return FullTextMatch(words) & IncidentSearchRow.body.contains(folded, autoescape=True)


def text_condition(incident_id: ColumnElement[str], text: str, per_row: bool = False) -> ColumnElement[Any]:
    """`incident_id` is an incident whose search text holds `text` (see `search_condition`).

    With `per_row`, each incident's search row is probed (an EXISTS), for a scan that stops early;
    otherwise the matching incident ids are gathered once.
    """
    condition = search_condition(text)
    if condition is None:
        return false()
    if per_row:
        return exists().where(IncidentSearchRow.incident_id == incident_id, condition)
    return incident_id.in_(select(IncidentSearchRow.incident_id).where(condition))


def text_match_count(text: str) -> Select[Any]:
    """How many incidents hold `text`, counted on their search rows (one per incident)."""
    condition = search_condition(text)
    return select(func.count()).select_from(IncidentSearchRow).where(false() if condition is None else condition)
