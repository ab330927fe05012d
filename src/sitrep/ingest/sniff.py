"""Recognise an input's format by its first bytes, with the file extension only as a tie-breaker.

An RSS feed saved as `.xml`, an HTML page saved without extension and a WARC named `.dat` are
recognised by content; a `.txt` file is plain text unless its content is plainly something else.
"""

from __future__ import annotations

import json
import re
import zlib
from enum import Enum

SNIFF_BYTES = 65_536  # formats are recognised on this much of the start of an input
GZIP_MAGIC = b"\x1f\x8b"
UTF8_BOM = b"\xef\xbb\xbf"


class Format(str, Enum):
    """The input formats sitrep reads, and `unknown` for everything else."""

    text = "text"
    jsonl = "jsonl"
    html = "html"
    feed = "feed"
    warc = "warc"
    urls = "urls"
    unknown = "unknown"


# Suffixes that name a format; content that contradicts them wins (see `sniff_format`).
SUFFIX_FORMATS = {
    ".txt": Format.text,
    ".jsonl": Format.jsonl,
    ".ndjson": Format.jsonl,
    ".html": Format.html,
    ".htm": Format.html,
    ".xhtml": Format.html,
    ".rss": Format.feed,
    ".atom": Format.feed,
    ".xml": Format.feed,
    ".warc": Format.warc,
    ".gz": Format.warc,  # .warc.gz; a gzip stream that is not a WARC is sniffed as unknown
    ".urls": Format.urls,
}
# Magic numbers of common non-article files, named in the error that skips them.
BINARY_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an Office document)",
}
HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)
HTML_TAGS = re.compile(rb"<(?:head|body|title|meta|article|div|p)[\s>/]", re.IGNORECASE)
XML_START = re.compile(rb"\s*<\?xml", re.IGNORECASE)
FEED_ROOT = re.compile(rb"<(?:rss[\s>]|feed[\s>]|rdf:RDF[\s>])", re.IGNORECASE)
URL_LINE = re.compile(r"https?://\S+")


def describe_binary(head: bytes) -> str | None:
    """What a file is, when its magic number names a common non-article format."""
    for magic, name in BINARY_MAGIC.items():
        if head.startswith(magic):
            return name
    return None


def _gunzip_head(head: bytes) -> bytes:
    """The first decompressed bytes of a gzip stream (b"" when they cannot be read)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _is_jsonl(text: str) -> bool:
    """True when the first non-blank line is a JSON object with a "text" field."""
    for line in text.splitlines():
        if line.strip():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(record, dict) and "text" in record
    return False


def _is_url_list(text: str) -> bool:
    """True when every non-blank, non-comment line is one http(s) URL (and there is at least one)."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    return bool(lines) and all(URL_LINE.fullmatch(line) for line in lines)


def sniff_format(head: bytes, suffix: str = "") -> Format:
    """The format of an input, from its first bytes (up to SNIFF_BYTES) and its extension.

    Content decides when it is unambiguous: WARC records, an HTML document, an XML feed root,
    JSON objects with a "text" field, a list of URLs. A `.jsonl` file stays JSONL even when its
    first line is broken (so the line is reported), and plain text is text. Known binary
    formats (PDF, images, ZIP) and gzip streams that are not WARC are `unknown`.
    """
    suffix = suffix.lower()
    if head.startswith(b"WARC/"):
        return Format.warc
    if head.startswith(GZIP_MAGIC):
        return Format.warc if _gunzip_head(head).startswith(b"WARC/") else Format.unknown
    if describe_binary(head) is not None:
        return Format.unknown
    body = head.removeprefix(UTF8_BOM)
    if HTML_START.match(body):
        return Format.html
    if XML_START.match(body) or body.lstrip().startswith(b"<"):
        if FEED_ROOT.search(body):
            return Format.feed
        if HTML_TAGS.search(body):
            return Format.html
        return Format.unknown if XML_START.match(body) else Format.text
    if SUFFIX_FORMATS.get(suffix) == Format.jsonl:
        return Format.jsonl
    text = body.decode("utf-8", errors="replace")
    if _is_jsonl(text):
        return Format.jsonl
    if _is_url_list(text):
        return Format.urls
    return Format.text

