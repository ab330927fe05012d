"""One line of a JSONL input: {"id", "text", "url", "published", "title", "outlet"} -> checked fields."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

OPTIONAL_FIELDS = ("url", "published", "title", "outlet")


@dataclass(frozen=True)
class JsonRecord:
    """The fields of a valid JSONL line."""

    doc_id: str
    text: str
    url: str | None
    published: str | None
    title: str | None
    outlet: str | None


def parse_json_line(line: str, default_id: str) -> JsonRecord:
    """Check one JSONL line and return its fields; `default_id` stands in for a missing "id".

    Raises:
        ValueError: with a short reason ("not valid JSON: ...", "'text' is missing or empty", ...).
    """
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"not valid JSON ({error.msg} at column {error.colno})") from error
    if not isinstance(record, dict):
        raise ValueError(f"not a JSON object but {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) and text is not None:
        raise ValueError(f"'text' must be a string, not {type(text).__name__}")
    if text is None or not text.strip():
        raise ValueError("'text' is missing or empty")
    doc_id = record.get("id", default_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        raise ValueError("'id' must be a non-empty string")
    for name in OPTIONAL_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise ValueError(f"'{name}' must be a string or null, not {type(record[name]).__name__}")
    published = record.get("published") or None
    if published is not None:
        try:
            published = date.fromisoformat(published).isoformat()
        except ValueError as error:
            raise ValueError(f"'published' is not a date (YYYY-MM-DD): {published!r}") from error
    return JsonRecord(
        doc_id=doc_id,
        text=text,
        url=record.get("url") or None,
        published=published,
        title=record.get("title") or None,
        outlet=record.get("outlet") or None,
    )
