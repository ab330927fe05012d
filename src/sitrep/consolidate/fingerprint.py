"""Syndicated and copied articles: near-duplicate documents found with MinHash LSH (datasketch).

A document's fingerprint is the MinHash of its word 5-grams (folded). Two documents whose
estimated Jaccard similarity reaches DUPLICATE_JACCARD are copies of one report (a wire story run
by several outlets, a translation-free repost), and count as one source.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable
from functools import cache

from datasketch import LeanMinHash, MinHash, MinHashLSH

from sitrep.normalize import fold_token

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 5
DUPLICATE_JACCARD = 0.5  # copies with a new lead or a cut tail stay above; distinct reports of one attack share < 0.1
SIGNATURE_FORMAT = f"<{NUM_PERM}I"  # affine32 hash values, little-endian unsigned 32-bit: 512 bytes a document
INDEXED_PER_GROUP = 8  # copies of one original kept in the index, to catch copies of copies


def shingles(text: str) -> set[bytes]:
    """The folded word 5-grams of a text (the whole text as one shingle when it is shorter)."""
    tokens = re.findall(r"\w+", fold_token(text))
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(tokens) - SHINGLE_WORDS + 1)}


@cache
def _empty_minhash() -> MinHash:
    """A MinHash of nothing; copies share its permutations, which cost more to draw than to apply."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)


def fingerprint(text: str) -> bytes:
    """A text's MinHash signature as bytes, for storage."""
    minhash = _empty_minhash().copy()
    minhash.update_batch(sorted(shingles(text)))
    return struct.pack(SIGNATURE_FORMAT, *(int(value) for value in minhash.hashvalues))


def minhash_of(signature: bytes) -> LeanMinHash:
    """The MinHash a stored signature holds (lean: values only, no permutations to draw)."""
    return LeanMinHash(seed=SEED, hashvalues=struct.unpack(SIGNATURE_FORMAT, signature), scheme=SCHEME)


class DuplicateIndex:
    """Documents indexed by fingerprint; `add` tells which earlier document a new one copies.

    Each original and its first INDEXED_PER_GROUP copies are indexed; later copies are only
    looked up, so a story syndicated a thousand times costs a bounded number of comparisons
    per document instead of one per earlier copy.
    """

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self._minhashes: dict[str, LeanMinHash] = {}
        self._original: dict[str, str] = {}
        self._indexed_copies: dict[str, int] = {}
        self._seen: dict[str, str | None] = {}

    def add(self, doc_id: str, signature: bytes) -> str | None:
        """Index a document; return the original it copies (the first indexed of its group), or None."""
        if doc_id in self._seen:
            return self._seen[doc_id]
        minhash = minhash_of(signature)
        original = min((self._original[key] for key in self._lsh.query(minhash)
                        if self._minhashes[key].jaccard(minhash) >= DUPLICATE_JACCARD), default=None)
        self._seen[doc_id] = original
        group = original or doc_id
        if self._indexed_copies.get(group, -1) < INDEXED_PER_GROUP:
            self._indexed_copies[group] = self._indexed_copies.get(group, -1) + 1
            self._lsh.insert(doc_id, minhash)
            self._minhashes[doc_id] = minhash
            self._original[doc_id] = group
        return original


def duplicate_groups(texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """doc_id -> the doc_id of the original its group starts with (itself when it copies nothing).

    Documents are taken in doc_id order, so the result does not depend on the input order.
    """
    index = DuplicateIndex()
    return {doc_id: index.add(doc_id, fingerprint(text)) or doc_id for doc_id, text in sorted(texts)}
