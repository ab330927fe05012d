"""Places: canonical keys, containment, nearby installations, blocks; the officials data file."""

from __future__ import annotations

import pytest
import yaml

from event_records import THEATRE
from sitrep.consolidate.places import CONTAINS, NEAR, SAME, UNRELATED
from sitrep.consolidate.sources import OFFICIALS_FILE
from sitrep.packs import PACKS_DIR

PLACES = THEATRE.places
TARGETS = {"US forces", "coalition forces", "SDF", "civilians", "Israel", "militia", "vehicle/truck", "other"}


@pytest.mark.parametrize("first,second,expected", [
    (("Ain al-Asad air base", "Anbar", "IQ"), ("Aïn al-Assad", None, None), SAME),
    (("Erbil", "Erbil", "IQ"), ("Erbil airport base", "Erbil", "IQ"), CONTAINS),
    (("al-Tanf garrison", "Homs", "SY"), ("Tower 22", "Mafraq", "JO"), NEAR),
    ((None, "Deir ez-Zor", "SY"), ("al-Omar oil field base", "Deir ez-Zor", "SY"), NEAR),
    (("al-Omar oil field base", None, None), ("Conoco gas field base", None, None), UNRELATED),
    (("Erbil airport base", None, None), ("al-Harir air base", None, None), UNRELATED),
    ((None, "Anbar", "IQ"), ("al-Omar oil field base", "Deir ez-Zor", "SY"), UNRELATED),
])
def test_place_relations(first: tuple, second: tuple, expected: int) -> None:
    assert PLACES.relation(PLACES.place(*first), PLACES.place(*second)) == expected
    assert PLACES.relation(PLACES.place(*second), PLACES.place(*first)) == expected


def test_related_sites_across_a_border_share_a_block() -> None:
    tanf, tower = PLACES.place("al-Tanf garrison", None, None), PLACES.place("Tower 22", None, None)
    assert tanf.region != tower.region and PLACES.block(tanf) == PLACES.block(tower)
    assert PLACES.block(PLACES.place("Ain al-Asad air base", None, None)) != PLACES.block(tanf)


def test_unlisted_place_keeps_its_name_and_region() -> None:
    place = PLACES.place("Hisham", "Deir ez-Zor", "SY", 35.3, 40.3)
    assert (place.key, place.region, place.lat) == ("hisham", "SY/deir ez-zor", 35.3)


def test_officials_file_is_valid() -> None:
    data = yaml.safe_load((PACKS_DIR / "iraq_syria" / OFFICIALS_FILE).read_text(encoding="utf-8"))
    for name, entry in data.items():
        assert set(entry) == {"speaks_for", "aliases"}, name
        assert set(entry["speaks_for"]) <= TARGETS, name
        assert entry["aliases"] and all(isinstance(a, str) and a.strip() for a in entry["aliases"]), name
        assert len(set(entry["aliases"])) == len(entry["aliases"]), name
