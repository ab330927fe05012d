"""RSS 2.0, RSS 1.0 and Atom feeds -> one Article per item, with its link and date (feedparser)."""

from __future__ import annotations

import time
from collections.abc import Iterator

import feedparser
import lxml.html

from sitrep.errors import MalformedFeed, NoArticleText, SitrepError
from sitrep.ingest.article import Article

MIN_TEXT_CHARS = 20  # an item with less text than this (a bare headline link) has nothing to extract


def _plain_text(markup: str) -> str:
    """The text of an HTML fragment (item content is often HTML), paragraphs kept apart."""
    if "<" not in markup:
        return markup.strip()
    fragment = lxml.html.fragment_fromstring(markup, create_parent="div")
    for block in fragment.iter("p", "br", "div", "li", "h1", "h2", "h3", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in fragment.text_content().splitlines() if line.strip())


def _item_text(entry: feedparser.FeedParserDict) -> str:
    """The fullest text an item carries: its content, else its summary (a title alone is not an article)."""
    for content in entry.get("content", []):
        if content.get("value", "").strip():
            return _plain_text(content["value"])
    return _plain_text(entry.get("summary", ""))


def _item_date(entry: feedparser.FeedParserDict) -> str | None:
    """The item's publication (else update) date as YYYY-MM-DD."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def read_feed(data: bytes, source: str, stem: str) -> Iterator[Article | SitrepError]:
    """One Article per feed item, in feed order; an item without text yields NoArticleText.

    The item's id (guid), else its link, else `<stem>:<n>` is its document id; the feed's
    title is the outlet. A feed that cannot be parsed at all yields one MalformedFeed.
    """
    feed = feedparser.parse(data)
    if feed.get("bozo") and not feed.entries:
        reason = feed.get("bozo_exception")
        yield MalformedFeed(source, f" ({reason})" if reason else "")
        return
    if not feed.entries:
        yield MalformedFeed(source, " (it has no items)")
        return
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        item = f"{source} item {number}"
        text = _item_text(entry)
        if len(text) < MIN_TEXT_CHARS:
            yield NoArticleText(item, " (the item has only a title or a link)")
            continue
        yield Article(
            doc_id=entry.get("id") or entry.get("link") or f"{stem}:{number}",
            text=text,
            source=item,
            url=entry.get("link") or None,
            title=entry.get("title") or None,
            outlet=outlet,
            published=_item_date(entry),
        )
