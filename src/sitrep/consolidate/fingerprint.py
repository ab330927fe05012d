"""Syndicated and copied articles: near-duplicate documents found with MinHash LSH (datasketch).

A document's fingerprint is the MinHash of its word 5-grams (folded). Two documents whose
estimated Jaccard similarity reaches DUPLICATE_JACCARD are copies of one report (a wire story run
by several outlets, a translation-free repost), and count as one source.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

from sitrep.normalize import fold_token

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 5
DUPLICATE_JACCARD = 0.5  # copies with a new lead or a cut tail stay above; distinct reports of one attack share < 0.1
SIGNATURE_FORMAT = f"<{NUM_PERM}I"  # affine32 hash values, little-endian unsigned 32-bit: 512 bytes a document


def shingles(text: str) -> set[bytes]:
    """The folded word 5-grams of a text (the whole text as one shingle when it is shorter)."""
    tokens = re.findall(r"\w+", fold_token(text))
    if len(tokens) < SHINGLE_WORDS:
        return {" ".join(tokens).encode("utf-8")}
    return {" ".join(tokens[i:i + SHINGLE_WORDS]).encode("utf-8") for i in range(len(tokens) - SHINGLE_WORDS + 1)}


def fingerprint(text: str) -> bytes:
    """A text's MinHash signature as bytes, for storage."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(sorted(shingles(text)))
    return struct.pack(SIGNATURE_FORMAT, *(int(value) for value in minhash.hashvalues))


def minhash_of(signature: bytes) -> MinHash:
    """The MinHash a stored signature holds."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=struct.unpack(SIGNATURE_FORMAT, signature))


class DuplicateIndex:
    """Documents indexed by fingerprint; `add` tells which earlier document a new one copies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self._minhashes: dict[str, MinHash] = {}
        self._original: dict[str, str] = {}

    def add(self, doc_id: str, signature: bytes) -> str | None:
        """Index a document; return the original it copies (the first indexed of its group), or None."""
        minhash = minhash_of(signature)
        candidates = sorted(
            key for key in self._lsh.query(minhash) if self._minhashes[key].jaccard(minhash) >= DUPLICATE_JACCARD
        )
        original = min((self._original[key] for key in candidates), default=None)
        if doc_id not in self._minhashes:
            self._lsh.insert(doc_id, minhash)
            self._minhashes[doc_id] = minhash
            self._original[doc_id] = original or doc_id
        return original


def duplicate_groups(texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """doc_id -> the doc_id of the original its group starts with (itself when it copies nothing).

    Documents are taken in doc_id order, so the result does not depend on the input order.
    """
    index = DuplicateIndex()
    return {doc_id: index.add(doc_id, fingerprint(text)) or doc_id for doc_id, text in sorted(texts)}
