"""Near-duplicate (syndicated, copied) documents found with MinHash LSH."""

from __future__ import annotations

from pathlib import Path

from sitrep.consolidate.fingerprint import DuplicateIndex, duplicate_groups, fingerprint, minhash_of

CORPUS = Path(__file__).parents[2].parent / "shared" / "corpus"
WIRE = (
    "Three U.S. service members were injured early Monday in a one-way drone attack on Erbil Air Base "
    "in northern Iraq, the Pentagon said, blaming Kataib Hezbollah and affiliated groups under the "
    "umbrella of Iran-backed militias. One of the service members was in critical condition, and the "
    "United States carried out retaliatory strikes on three facilities used by the group."
)
REPOST = "UPDATED 10:42 — " + WIRE.replace("northern Iraq", "northern Iraq's Kurdistan region")[:-60] + " (AP)"
OTHER = (
    "Rockets were fired overnight at the al-Omar oil field in Deir ez-Zor, where US forces are based; "
    "local sources reported explosions but no casualties, and no group has claimed the attack so far."
)


def test_a_reposted_wire_story_is_a_copy() -> None:
    assert minhash_of(fingerprint(WIRE)).jaccard(minhash_of(fingerprint(REPOST))) >= 0.5
    assert duplicate_groups([("wire", WIRE), ("repost", REPOST), ("other", OTHER)]) == {
        "other": "other", "repost": "repost", "wire": "repost"}


def test_groups_do_not_depend_on_input_order() -> None:
    items = [("wire", WIRE), ("repost", REPOST), ("other", OTHER)]
    assert duplicate_groups(items) == duplicate_groups(list(reversed(items)))


def test_distinct_reports_of_one_attack_are_not_copies() -> None:
    paths = sorted((CORPUS / "dev_multi" / "docs").glob("*.txt"))
    texts = [(path.stem, path.read_text(encoding="utf-8")) for path in paths]
    assert texts
    assert all(doc_id == original for doc_id, original in duplicate_groups(texts).items())


def test_index_names_the_first_document_of_a_group() -> None:
    index = DuplicateIndex()
    assert index.add("1", fingerprint(WIRE)) is None
    assert index.add("2", fingerprint(REPOST)) == "1"
    assert index.add("3", fingerprint(WIRE + " Reuters contributed.")) == "1"
    assert index.add("4", fingerprint(OTHER)) is None


def test_signature_is_512_bytes_and_stable() -> None:
    assert len(fingerprint(WIRE)) == 512
    assert fingerprint(WIRE) == fingerprint(WIRE)
