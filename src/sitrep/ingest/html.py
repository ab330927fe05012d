"""HTML pages -> the main article text, title, outlet and publication date (trafilatura)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import use_config

from sitrep.errors import NoArticleText, SitrepError
from sitrep.ingest.article import Article

MIN_TEXT_CHARS = 40  # shorter than this, what trafilatura kept is a caption or a menu, not an article


def _config():  # noqa: ANN202 - a ConfigParser
    """trafilatura's settings, lowered so that short dispatches (two paragraphs) are kept."""
    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "60")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "40")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # no signal-based timeout: it fails off the main thread
    return config


CONFIG = _config()


def _iso_day(value: str | None) -> str | None:
    """The YYYY-MM-DD prefix of a metadata date, or None when it is not a date."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def read_html(data: bytes | str, source: str, doc_id: str, url: str | None = None) -> Article | SitrepError:
    """The main text of an HTML page, without menus, footers, comments and related links.

    Args:
        data: the page, as bytes (its declared encoding is honoured) or text.
        source: what the page is called in messages (a path, a URL, an archive record).
        doc_id: the document id to give it.
        url: where the page was found; trafilatura also reads canonical URLs from the page.

    Returns:
        An Article with title, outlet (site name) and the page's publication date when its
        metadata gives one, or NoArticleText.
    """
    result = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=CONFIG,
    )
    text = (result.text or "").strip() if result is not None else ""
    if len(text) < MIN_TEXT_CHARS:
        return NoArticleText(source, f" ({len(text)} characters of text)" if text else "")
    page_url = url or result.url
    outlet = result.sitename or (urlsplit(page_url).hostname if page_url else None)
    return Article(
        doc_id=doc_id,
        text=text,
        source=source,
        url=page_url,
        title=result.title or None,
        outlet=outlet or None,
        published=_iso_day(result.date),
    )
