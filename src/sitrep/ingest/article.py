"""What a format reader finds in one article, before it becomes a Document."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Article:
    """The text and metadata of one article read from a web page, a feed item or an archive record.

    `published` is the date the page's own metadata gives (YYYY-MM-DD), if any; a Document built
    from it records the basis "page_date".
    """

    doc_id: str
    text: str
    source: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
