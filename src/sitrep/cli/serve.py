"""`sitrep serve`: the web app and REST API on the configured database, with uvicorn."""

from __future__ import annotations

import uvicorn

from sitrep.serve import create_app
from sitrep.settings import Settings


def serve_command(host: str, port: int, settings: Settings) -> None:
    """Serve the app at http://host:port until interrupted; ingest over HTTP only if SITREP_API_TOKEN is set."""
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
