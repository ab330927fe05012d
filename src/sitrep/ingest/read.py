"""Readers: .txt files, .jsonl files and folders of them -> Documents; each bad input -> one error."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from sitrep.errors import (
    BinaryInput,
    EmptyInput,
    MalformedJsonLine,
    NotUtf8,
    SitrepError,
    TooLarge,
    UnreadablePath,
    UnsupportedFormat,
)
from sitrep.ingest.jsonl import parse_json_line
from sitrep.ingest.language import detect_language
from sitrep.models import Document
from sitrep.resolve.published import infer_published, parse_crawler_header
from sitrep.settings import Settings

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SNIFF_BYTES = 65_536  # control characters are counted over this much of a file; JSONL is sniffed on it
MAX_CONTROL_RATIO = 0.10  # more control characters than this: binary
CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13} | {127}


def read_paths(
    paths: Iterable[str], settings: Settings, published: str | None = None, reference_date: date | None = None
) -> Iterator[Document | SitrepError]:
    """Read every path in turn: files (.txt, .jsonl, anything else as text) and folders of them.

    Folders are walked recursively in sorted order; hidden entries are skipped. Every bad input
    yields one SitrepError naming the file (and the line, for JSONL) and the batch goes on.

    Args:
        paths: files and folders, in the order given.
        settings: `max_file_bytes` bounds the size of a file (checked before reading).
        published: ISO date that overrides every document's publication date (basis "given").
        reference_date: the date undated texts are read against (default today).

    Raises:
        ValueError: when `published` is not an ISO date.
    """
    if published is not None:
        published = _iso_date(published)
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            yield from _read_folder(path, settings, published, reference_date)
        else:
            yield from _read_file(path, settings, published, reference_date)


def _iso_date(value: str) -> str:
    """`value` as YYYY-MM-DD, or ValueError saying what is expected."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as error:
        raise ValueError(f"publication date must be YYYY-MM-DD, got {value!r}") from error


def folder_files(folder: Path) -> list[Path]:
    """Every non-hidden file under `folder`, recursively, in sorted path order."""
    return sorted(
        path
        for path in folder.rglob("*")
        if not any(part.startswith(".") for part in path.relative_to(folder).parts) and not path.is_dir()
    )


def _read_folder(folder: Path, settings: Settings, published: str | None,
                 reference_date: date | None) -> Iterator[Document | SitrepError]:
    """Read the .txt and .jsonl files of a folder; report the others."""
    for path in folder_files(folder):
        if path.suffix.lower() in (TEXT_SUFFIX, JSONL_SUFFIX):
            yield from _read_file(path, settings, published, reference_date)
        else:
            yield UnsupportedFormat(str(path), f" ({path.suffix or 'no extension'})")


def _read_file(path: Path, settings: Settings, published: str | None,
               reference_date: date | None) -> Iterator[Document | SitrepError]:
    """Check a file's size, then read it as JSONL (by suffix) or as text."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    if not path.is_file():
        yield UnreadablePath(source, ": not a regular file")
    elif size > settings.max_file_bytes:
        yield TooLarge(source, f" ({size:,} bytes, limit {settings.max_file_bytes:,})")
    elif size == 0:
        yield EmptyInput(source)
    elif path.suffix.lower() == JSONL_SUFFIX:
        yield from _read_jsonl(path, published, reference_date)
    else:
        yield _read_text(path, published, reference_date)


def _read_text(path: Path, published: str | None, reference_date: date | None) -> Document | SitrepError:
    """One document from a text file; doc_id is the file stem."""
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return UnreadablePath(source, f": {error.strerror or error}")
    problem = _binary_problem(data, source)
    if problem is not None:
        return problem
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return NotUtf8(source, f" (byte 0x{data[error.start]:02x} at offset {error.start})")
    if not text.strip():
        return EmptyInput(source, " (whitespace only)")
    return make_document(path.stem, text, source_path=source, published=published, reference_date=reference_date)


def _binary_problem(data: bytes, source: str) -> SitrepError | None:
    """An error when `data` is UTF-16 or looks binary (NUL bytes, many control characters)."""
    if data.startswith(UTF16_BOMS):
        return NotUtf8(source, " (it starts with a UTF-16 byte-order mark)")
    if b"\x00" in data:
        return BinaryInput(source, " (it contains NUL bytes)")
    sample = data[:SNIFF_BYTES]
    control = sum(1 for byte in sample if byte in CONTROL_BYTES)
    if control > MAX_CONTROL_RATIO * len(sample):
        return BinaryInput(source, f" ({control / len(sample):.0%} control characters)")
    return None


def _read_jsonl(path: Path, published: str | None, reference_date: date | None) -> Iterator[Document | SitrepError]:
    """One document per non-blank line; a bad line yields an error and the next lines go on."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            problem = _binary_problem(handle.read(SNIFF_BYTES), source)
            if problem is not None:
                yield problem
                return
            handle.seek(0)
            found_line = False
            for number, raw_line in enumerate(handle, start=1):
                line_bytes = raw_line.removeprefix(UTF8_BOM) if number == 1 else raw_line
                if line_bytes.strip():
                    found_line = True
                    yield _json_line_document(line_bytes, path, number, published, reference_date)
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    if not found_line:
        yield EmptyInput(source, " (no JSON lines)")


def _json_line_document(raw_line: bytes, path: Path, number: int, published: str | None,
                        reference_date: date | None) -> Document | SitrepError:
    """The document of one JSONL line, or the error that names the line."""
    source = str(path)
    try:
        line = raw_line.decode("utf-8")
    except UnicodeDecodeError as error:
        return NotUtf8(source, f" at line {number} (byte 0x{raw_line[error.start]:02x} at column {error.start + 1})")
    try:
        record = parse_json_line(line, default_id=f"{path.stem}:{number}")
    except ValueError as error:
        return MalformedJsonLine(source, f" {number}: {error}")
    return make_document(
        record.doc_id,
        record.text,
        source_path=source,
        url=record.url,
        title=record.title,
        outlet=record.outlet,
        published=published or record.published,
        reference_date=reference_date,
    )


def make_document(
    doc_id: str,
    text: str,
    *,
    source_path: str | None = None,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    reference_date: date | None = None,
) -> Document:
    """A Document with its language and publication date filled in.

    A given `published` has basis "given"; otherwise it is inferred from URL and text
    (a crawler header's URL stands in for a missing `url`).
    """
    header = parse_crawler_header(text)
    url = url or (header.url if header else None)
    language = detect_language(text)
    if published is not None:
        basis = "given"
    else:
        published, basis = infer_published(text, url, reference_date, language=language)
    return Document(
        doc_id=doc_id,
        text=text,
        url=url,
        title=title,
        outlet=outlet,
        published=published,
        published_basis=basis,
        language=language,
        source_path=source_path,
    )
