"""Who tells a report: outlets (country, affiliation) and officials of a side, from the theatre pack."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml

from sitrep.normalize import fold_token
from sitrep.packs import PACKS_DIR, Outlet, load_pack

OFFICIALS_FILE = "officials.yaml"


@dataclass(frozen=True)
class Official:
    """A government or force whose spokespeople speak for some sides (canonical targets)."""

    name: str
    speaks_for: frozenset[str]
    aliases: tuple[str, ...]


@lru_cache(maxsize=8192)
def words(text: str) -> str:
    """Folded text with single spaces around words, for whole-word containment tests."""
    return " " + " ".join(re.findall(r"\w+", fold_token(text))) + " "


def mentions(text: str, alias: str) -> bool:
    """Whether `alias` occurs in `text` as whole words, case- and accent-insensitively."""
    return words(alias) in words(text)


class SourceCatalogue:
    """Outlets and officials of a pack, matched against outlet names and `reported_by` entries."""

    def __init__(self, outlets: dict[str, Outlet], officials: list[Official]) -> None:
        self.outlets = outlets
        self.officials = officials
        self._outlet_aliases = sorted(
            ((alias, outlet) for outlet in outlets.values() for alias in (outlet.name, *outlet.aliases)),
            key=lambda item: -len(item[0]),
        )

    def outlet(self, name: str | None) -> Outlet | None:
        """The pack outlet a document's outlet name refers to ("Press TV (French)" -> Press TV), or None."""
        if not name:
            return None
        return next((outlet for alias, outlet in self._outlet_aliases if mentions(name, alias)), None)

    def official(self, name: str | None) -> Official | None:
        """The official body a name refers to ("two U.S. officials" -> US government), or None."""
        if not name:
            return None
        return next((o for o in self.officials if any(mentions(name, alias) for alias in o.aliases)), None)

    def speaks_for(self, names: Iterable[str | None], target: str | None) -> bool:
        """Whether one of `names` is an official of the side `target` names."""
        return target is not None and any(
            (official := self.official(name)) is not None and target in official.speaks_for for name in names
        )


def independence_groups(documents: Iterable[tuple[str, str | None, str]], catalogue: SourceCatalogue) -> dict[str, str]:
    """doc_id -> its group of non-independent documents, named by the group's smallest doc_id.

    Args:
        documents: (doc_id, outlet name, doc_id of the original it copies, or itself).
    Copies of one original, and articles of one outlet, fall in one group.
    """
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    def link(first: str, second: str) -> None:
        low, high = sorted((root(first), root(second)))
        parent[high] = low

    for doc_id, outlet_name, original in documents:
        link(doc_id, original)
        if outlet_name:
            outlet = catalogue.outlet(outlet_name)
            link(doc_id, "\x00outlet:" + (outlet.name if outlet else words(outlet_name)))
    groups = {key: root(key) for key in list(parent) if not key.startswith("\x00")}
    named: dict[str, str] = {}
    for doc_id in sorted(groups):
        named.setdefault(groups[doc_id], doc_id)
    return {doc_id: named[group] for doc_id, group in groups.items()}


def read_officials(pack: str) -> list[Official]:
    """The officials of a pack's officials.yaml (none when the pack has no such file)."""
    path = PACKS_DIR / pack / OFFICIALS_FILE
    if not path.is_file():
        return []
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return [Official(name, frozenset(entry["speaks_for"]), tuple(entry["aliases"])) for name, entry in data.items()]


@cache
def source_catalogue(pack: str) -> SourceCatalogue:
    """The source catalogue of a theatre pack."""
    return SourceCatalogue(load_pack(pack).outlets, read_officials(pack))
