"""Readers: files, folders and stdin in any format sitrep reads -> Documents; each bad input -> one error.

Formats are recognised by content (`sniff.py`): plain text, JSONL, HTML pages, RSS/Atom feeds,
WARC archives and URL lists (fetched politely). Every reader yields Documents or coded errors
naming the input, and the batch goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from sitrep.errors import (
    BinaryInput,
    EmptyInput,
    MalformedJsonLine,
    NotUtf8,
    SitrepError,
    TooLarge,
    UnreadablePath,
    UnrecognisedContent,
    UnsupportedFormat,
)
from sitrep.ingest.article import Article
from sitrep.ingest.feeds import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.jsonl import parse_json_line
from sitrep.ingest.language import detect_language
from sitrep.ingest.sniff import SNIFF_BYTES, SUFFIX_FORMATS, Format, describe_binary, sniff_format
from sitrep.ingest.urls import FetchPolicy, fetch_pages, url_list
from sitrep.ingest.warc import read_warc
from sitrep.models import Document
from sitrep.resolve.published import infer_published, parse_crawler_header
from sitrep.settings import Settings

STDIN = "-"  # the path that stands for standard input
STDIN_SOURCE = "<stdin>"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
MAX_CONTROL_RATIO = 0.10  # more control characters than this: binary
CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13} | {127}
WARC_SUFFIXES = (".warc", ".gz")  # may be larger than max_file_bytes: archives are streamed
# Fetched pages are read by their content type when their content does not say more.
MEDIA_FORMATS = {"text/html": Format.html, "application/xhtml+xml": Format.html, "text/plain": Format.text,
                 "application/rss+xml": Format.feed, "application/atom+xml": Format.feed}


class ReadOptions:
    """What every reader of a batch shares: settings, date overrides and the fetch policy."""

    def __init__(self, settings: Settings, published: str | None, reference_date: date | None,
                 fetch_policy: FetchPolicy | None) -> None:
        self.settings = settings
        self.published = published
        self.reference_date = reference_date
        self.fetch_policy = fetch_policy or FetchPolicy(
            timeout=settings.fetch_timeout, retries=settings.fetch_retries, backoff=settings.fetch_backoff,
            max_bytes=settings.max_file_bytes, host_delay=settings.fetch_host_delay)


def read_paths(
    paths: Iterable[str],
    settings: Settings,
    published: str | None = None,
    reference_date: date | None = None,
    fetch_policy: FetchPolicy | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | SitrepError]:
    """Read every path in turn: files in any format sitrep reads, folders of them, `-` for stdin.

    Folders are walked recursively in sorted order; hidden entries are skipped. A file in a
    folder is read when its extension names a format or its content is HTML, a feed, a WARC
    archive or JSONL; other files there are reported (UnsupportedFormat). A file given by path is
    read whatever its extension. Every bad input yields one SitrepError naming the file (and
    the line, item or record) and the batch goes on.

    Args:
        paths: files and folders, in the order given; `-` reads standard input.
        settings: `max_file_bytes` bounds the size of a file (checked before reading) and of a
            fetched page or archived record.
        published: ISO date that overrides every document's publication date (basis "given").
        reference_date: the date undated texts are read against (default today).
        fetch_policy: timeouts, retries, size limit and host delay for URL lists.
        stdin: the stream `-` reads (default the process's standard input).

    Raises:
        ValueError: when `published` is not an ISO date.
    """
    if published is not None:
        published = _iso_date(published)
    options = ReadOptions(settings, published, reference_date, fetch_policy)
    for raw_path in paths:
        if raw_path == STDIN:
            yield from _read_stdin(stdin or sys.stdin.buffer, options)
            continue
        path = Path(raw_path)
        if path.is_dir():
            for file in folder_files(path):
                yield from read_file(file, options, in_folder=True)
        else:
            yield from read_file(path, options)


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


def read_file(path: Path, options: ReadOptions, in_folder: bool = False) -> Iterator[Document | SitrepError]:
    """Check a file's size, recognise its format by content (and extension), and read it."""
    source = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    if not path.is_file():
        yield UnreadablePath(source, ": not a regular file")
        return
    if size == 0:
        yield EmptyInput(source)
        return
    limit = options.settings.max_file_bytes
    if size > limit and suffix not in WARC_SUFFIXES:
        yield TooLarge(source, f" ({size:,} bytes, limit {limit:,})")
        return
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    fmt = sniff_format(head, suffix)
    if fmt == Format.warc:
        for item in read_warc(path, limit):
            yield _document(item, source, options)
        return
    if size > limit:
        yield TooLarge(source, f" ({size:,} bytes, limit {limit:,})")
        return
    if in_folder and suffix not in SUFFIX_FORMATS and fmt in (Format.text, Format.unknown):
        yield UnsupportedFormat(source, f" ({suffix or 'no extension'})")
        return
    if fmt == Format.jsonl:
        yield from _read_jsonl_file(path, options)
        return
    try:
        data = path.read_bytes()
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    yield from read_data(data, fmt, source, path.stem, options)


def _read_stdin(stream: BinaryIO, options: ReadOptions) -> Iterator[Document | SitrepError]:
    """Standard input, read whole (up to the size limit) and recognised like a file."""
    limit = options.settings.max_file_bytes
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield TooLarge(STDIN_SOURCE, f" (more than {limit:,} bytes)")
    elif not data:
        yield EmptyInput(STDIN_SOURCE)
    else:
        yield from read_data(data, sniff_format(data[:SNIFF_BYTES]), STDIN_SOURCE, "stdin", options)


def read_data(data: bytes, fmt: Format, source: str, stem: str, options: ReadOptions,
              url: str | None = None) -> Iterator[Document | SitrepError]:
    """The documents of an input already in memory, read as `fmt` (WARC excepted: it is streamed).

    Args:
        data: the whole input.
        fmt: its format, as `sniff_format` recognised it.
        source: what the input is called in messages and in `Document.source_path`.
        stem: the document id of a single-document input (a text file, a page).
        url: where the input was fetched from, if it was.
    """
    if fmt == Format.text:
        yield _read_text(data, source, stem, options, url)
    elif fmt == Format.jsonl:
        yield from _jsonl_documents(data.splitlines(keepends=True), source, stem, 1, options)
    elif fmt == Format.html:
        yield _document(read_html(data, source, url or stem, url=url), source, options)
    elif fmt == Format.feed:
        for item in read_feed(data, source, stem):
            yield _document(item, source, options)
    elif fmt == Format.urls and url is None:  # a URL list fetched from a URL is not followed
        yield from _read_url_list(data, source, options)
    else:
        yield _unrecognised(data, source)


def _unrecognised(data: bytes, source: str) -> SitrepError:
    """The error for content that is none of the formats: binary, or named by what it is."""
    problem = _binary_problem(data, source)
    if problem is not None:
        return problem
    kind = describe_binary(data[:SNIFF_BYTES])
    if kind is None and data.lstrip(UTF8_BOM + b" \t\r\n").startswith(b"<"):
        kind = "an XML document that is not an RSS or Atom feed"
    return UnrecognisedContent(source, f" (it looks like {kind})" if kind else "")


def _read_url_list(data: bytes, source: str, options: ReadOptions) -> Iterator[Document | SitrepError]:
    """Fetch every URL of a list and read each page by its content (and content type)."""
    for page in fetch_pages(url_list(data.decode("utf-8", errors="replace")), options.fetch_policy):
        if isinstance(page, SitrepError):
            yield page
            continue
        fmt = sniff_format(page.body[:SNIFF_BYTES])
        if fmt in (Format.text, Format.urls):
            fmt = MEDIA_FORMATS.get(page.media_type, Format.text)
        if fmt == Format.warc:
            yield UnrecognisedContent(page.url, " (a WARC archive: download it and give its path)")
            continue
        yield from read_data(page.body, fmt, page.url, page.url, options, url=page.url)


def _document(item: Article | SitrepError, source_path: str, options: ReadOptions) -> Document | SitrepError:
    """A Document from a reader's Article; errors pass through."""
    if isinstance(item, SitrepError):
        return item
    return make_document(
        item.doc_id,
        item.text,
        source_path=source_path,
        url=item.url,
        title=item.title,
        outlet=item.outlet,
        published=options.published or item.published,
        published_basis="given" if options.published else "page_date",
        reference_date=options.reference_date,
    )


def _read_text(data: bytes, source: str, stem: str, options: ReadOptions, url: str | None) -> Document | SitrepError:
    """One document from a text input; doc_id is the file stem (or the URL it was fetched from)."""
    problem = _binary_problem(data, source)
    if problem is not None:
        return problem
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return NotUtf8(source, f" (byte 0x{data[error.start]:02x} at offset {error.start})")
    if not text.strip():
        return EmptyInput(source, " (whitespace only)")
    return make_document(stem, text, source_path=source, url=url, published=options.published,
                         reference_date=options.reference_date)


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


def _read_jsonl_file(path: Path, options: ReadOptions) -> Iterator[Document | SitrepError]:
    """One document per non-blank line of a JSONL file, streamed."""
    source = str(path)
    try:
        with path.open("rb") as handle:
            problem = _binary_problem(handle.read(SNIFF_BYTES), source)
            if problem is not None:
                yield problem
                return
            handle.seek(0)
            yield from _jsonl_documents(handle, source, path.stem, 1, options)
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")


def read_jsonl_slice(path: Path, start: int, end: int, first_line: int,
                     options: ReadOptions) -> Iterator[Document | SitrepError]:
    """The documents of bytes `start`..`end` of a JSONL file, whose first line is `first_line`.

    Lets a batch split one large JSONL file between workers (see `sitrep.scale`).
    """
    source = str(path)
    try:
        with path.open("rb") as handle:
            handle.seek(start)
            lines = handle.read(end - start).splitlines(keepends=True)
    except OSError as error:
        yield UnreadablePath(source, f": {error.strerror or error}")
        return
    yield from _jsonl_documents(lines, source, path.stem, first_line, options, report_empty=False)


def _jsonl_documents(lines: Iterable[bytes], source: str, stem: str, first_line: int, options: ReadOptions,
                     report_empty: bool = True) -> Iterator[Document | SitrepError]:
    """One document per non-blank line; a bad line yields an error and the next lines go on."""
    found_line = False
    for number, raw_line in enumerate(lines, start=first_line):
        line_bytes = raw_line.removeprefix(UTF8_BOM) if number == 1 else raw_line
        if line_bytes.strip():
            found_line = True
            yield _json_line_document(line_bytes, source, stem, number, options)
    if report_empty and not found_line:
        yield EmptyInput(source, " (no JSON lines)")


def _json_line_document(raw_line: bytes, source: str, stem: str, number: int,
                        options: ReadOptions) -> Document | SitrepError:
    """The document of one JSONL line, or the error that names the line."""
    try:
        line = raw_line.decode("utf-8")
    except UnicodeDecodeError as error:
        return NotUtf8(source, f" at line {number} (byte 0x{raw_line[error.start]:02x} at column {error.start + 1})")
    try:
        record = parse_json_line(line, default_id=f"{stem}:{number}")
    except ValueError as error:
        return MalformedJsonLine(source, f" {number}: {error}")
    return make_document(
        record.doc_id,
        record.text,
        source_path=source,
        url=record.url,
        title=record.title,
        outlet=record.outlet,
        published=options.published or record.published,
        reference_date=options.reference_date,
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
    published_basis: str = "given",
    reference_date: date | None = None,
) -> Document:
    """A Document with its language and publication date filled in.

    A given `published` has basis `published_basis` ("given", or "page_date" when a page's
    own metadata gave it); otherwise it is inferred from URL and text
    (a crawler header's URL stands in for a missing `url`).
    """
    header = parse_crawler_header(text)
    url = url or (header.url if header else None)
    language = detect_language(text)
    if published is not None:
        basis = published_basis
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
