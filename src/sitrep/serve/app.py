"""The app factory: `create_app(settings)` opens the store and mounts the API routers and the web UI."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from sitrep.serve.routes import documents, export, incidents, stats
from sitrep.settings import Settings
from sitrep.store import Store

STATIC_DIR = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    # scripts and data only from this server: an article's text can never run as code
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The sitrep web app on `settings.database_url` (or on an already open `store`).

    The API is read-only unless `settings.api_token` is set, which turns on `POST /api/documents`.
    """
    owned = store is None
    opened = store if store is not None else Store(settings.database_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # what start-up loaded lives as long as the app: keep it out of the collector's full passes,
        # which otherwise stall a request building thousands of rows (tail latency of /api/stats)
        gc.collect()
        gc.freeze()
        yield
        gc.unfreeze()
        if owned:
            opened.close()

    app = FastAPI(title="sitrep", version="0.1.0", lifespan=lifespan,
                  description="Incidents of armed attacks consolidated from news reports, with their sources "
                              "and evidence. Read-only unless the operator sets SITREP_API_TOKEN.")
    app.state.settings = settings
    app.state.store = opened
    for module in (incidents, documents, stats, export):
        app.include_router(module.router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next) -> Response:  # noqa: ANN001 - Starlette's callable
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
