"""WARC archives (plain or .warc.gz) -> one Article per archived HTML or text page (warcio).

Only successful (HTTP 200) `response` records and `resource` records whose content type is HTML
or plain text are articles; request, metadata, warcinfo and revisit records, redirects and
images are what a crawl holds besides and are passed over without a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zlib import error as ZlibError

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.errors import MalformedWarc, NoArticleText, NotUtf8, SitrepError
from sitrep.ingest.article import Article
from sitrep.ingest.html import read_html

ARTICLE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def read_warc(path: Path, max_record_bytes: int) -> Iterator[Article | SitrepError]:
    """Stream the records of a WARC file; archives can be far larger than any one page.

    Args:
        path: a `.warc` or `.warc.gz` file.
        max_record_bytes: a record body larger than this is skipped with NoArticleText.
    """
    source = str(path)
    count = 0
    try:
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle):
                count += 1
                article = _record_article(record, f"{source} record {count}", max_record_bytes)
                if article is not None:
                    yield article
    except (ArchiveLoadFailed, ZlibError, EOFError, ValueError) as error:
        reason = " ".join(str(error).split())
        yield MalformedWarc(source, f" after record {count} ({reason})")


def _record_article(record, source: str, max_record_bytes: int) -> Article | SitrepError | None:  # noqa: ANN001
    """The article of one record, an error for a bad article record, None for other records."""
    if record.rec_type not in ARTICLE_RECORDS:
        return None
    if record.rec_type == "response":
        if record.http_headers is None or record.http_headers.get_statuscode() != "200":
            return None
        media = _media_type(record.http_headers.get_header("Content-Type"))
    else:
        media = _media_type(record.rec_headers.get_header("Content-Type"))
    if media not in HTML_TYPES and media != "text/plain":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    body = record.content_stream().read(max_record_bytes + 1)
    source = f"{source} ({url})" if url else source
    if len(body) > max_record_bytes:
        return NoArticleText(source, f" (page larger than {max_record_bytes:,} bytes)")
    doc_id = url or source
    if media in HTML_TYPES:
        return read_html(body, source, doc_id, url=url)
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return NotUtf8(source, f" (byte 0x{body[error.start]:02x} at offset {error.start})")
    if not text.strip():
        return NoArticleText(source)
    return Article(doc_id=doc_id, text=text, source=source, url=url)
