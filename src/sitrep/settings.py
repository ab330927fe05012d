"""One validated Settings object, read from SITREP_* environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB_PATH = Path.home() / ".local" / "share" / "sitrep" / "sitrep.db"


class Settings(BaseSettings):
    """Run-time configuration; build once at the entry point and pass down."""

    model_config = SettingsConfigDict(env_prefix="SITREP_", extra="ignore")

    database_url: str = Field(default=f"sqlite:///{DEFAULT_DB_PATH}")
    pack: str = "iraq_syria"
    max_file_bytes: int = 10_000_000
    default_language: str = "fr"
    fetch_timeout: float = Field(default=10.0, gt=0)  # seconds to connect, and for each read, of a listed URL
    fetch_retries: int = Field(default=2, ge=0)  # further attempts after a timeout, a refused connection or a 429/5xx
    fetch_backoff: float = Field(default=1.0, ge=0)  # seconds before the first retry, doubled for each next one
    fetch_host_delay: float = Field(default=1.0, ge=0)  # seconds between two requests to the same host
    api_token: str | None = Field(default=None, repr=False)  # SITREP_API_TOKEN turns on POST /api/documents; never echoed
