"""A generated batch with known corrupt inputs, shared by the batch test and the cluster test.

Texts are invented short English reports (English runs a blank spaCy pipeline: fast); the
corrupt inputs are of the kinds a real crawl brings: not UTF-8, binary, empty, a broken JSONL
line, a language sitrep does not read.
"""

from __future__ import annotations

import json
from pathlib import Path

SITES = ["Ain al-Asad air base", "the al-Tanf garrison", "Erbil air base", "the Conoco base", "al-Shaddadi",
         "Tower 22", "the al-Omar oil field", "Harir air base"]
WEAPONS = ["Rockets", "Two drones", "A one-way attack drone", "Mortar rounds"]
CORRUPT_KINDS = ("latin1", "binary", "empty", "bad_json", "german")
GERMAN = "Drei Drohnen trafen am Montag den US-Stützpunkt, teilten Beamte mit. Niemand wurde verletzt."


def report_text(number: int) -> str:
    """A short invented report, different for each number."""
    return (f"{WEAPONS[number % len(WEAPONS)]} struck {SITES[number % len(SITES)]} on Monday, "
            f"officials said. No casualties were reported. (report {number})")


def write_corrupt_batch(folder: Path, documents: int, corrupt: int,
                        per_jsonl: int = 1000) -> list[tuple[str, str, str]]:
    """Write `documents` inputs, `corrupt` of them bad: even numbers as JSONL lines, odd ones as .txt files.

    Returns:
        (source, code, detail) of every corrupt input: the path its error names, the error
        code, and "line N:" for a broken JSONL line (else ""); an unsupported language in a
        JSONL line names the file.
    """
    folder.mkdir(parents=True, exist_ok=True)
    spacing = documents // corrupt
    kinds = {(index * spacing + spacing // 2) // 2 * 2: CORRUPT_KINDS[index % len(CORRUPT_KINDS)]  # even: a JSONL line
             for index in range(corrupt)}
    expected: list[tuple[str, str, str]] = []
    lines: list[str] = []
    jsonl_files = 0

    def jsonl_path() -> Path:
        return folder / f"batch-{jsonl_files:03d}.jsonl"

    for number in range(documents):
        kind = kinds.get(number)
        if number % 2 == 0:  # a JSONL line; file-level corruptions fall on .txt files instead
            if kind == "bad_json":
                lines.append('{"id": "broken-%d", "text": "unterminated' % number)
                expected.append((str(jsonl_path()), "E005", f"line {len(lines)}:"))
            elif kind == "german":
                lines.append(json.dumps({"id": f"doc-{number}", "text": GERMAN}))
                expected.append((str(jsonl_path()), "E006", ""))
            else:
                lines.append(json.dumps({"id": f"doc-{number}", "text": report_text(number)}))
            if kind in ("latin1", "binary", "empty"):
                kind = None  # the line above is good; this kind is not a JSONL corruption
                kinds[number + 1] = kinds[number]
            if len(lines) == per_jsonl:
                jsonl_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
                lines, jsonl_files = [], jsonl_files + 1
            continue
        path = folder / "txt" / f"{number // 1000:02d}" / f"doc-{number}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        if kind == "latin1":
            path.write_bytes(report_text(number).replace("Monday", "lundi à l'aube").encode("latin-1"))
        elif kind == "binary":
            path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "german":
            path.write_text(GERMAN, encoding="utf-8")
        else:
            path.write_text(report_text(number), encoding="utf-8")
        if kind is not None:
            expected.append((str(path), {"latin1": "E003", "binary": "E002", "empty": "E001", "german": "E006",
                                         "bad_json": "E005"}[kind], ""))
    if lines:
        jsonl_path().write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected
