"""Which outlet published a document, from its URL's host and the theatre pack's outlet domains."""

from __future__ import annotations

from urllib.parse import urlsplit

from sitrep.packs import Pack


def outlet_of(url: str | None, pack: Pack) -> str | None:
    """The pack's outlet whose domain is the URL's host or a parent of it ("french.presstv.ir" -> Press TV)."""
    if not url:
        return None
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower()
    for outlet in pack.outlets.values():
        if any(host == domain or host.endswith("." + domain) for domain in outlet.domains):
            return outlet.name
    return None
