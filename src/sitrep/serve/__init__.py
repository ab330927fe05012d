"""The web app: a FastAPI app factory, one router per resource, schemas, and the static web UI."""

from sitrep.serve.app import create_app

__all__ = ["create_app"]
