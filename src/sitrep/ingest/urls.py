"""URL lists -> fetched pages, politely: timeouts, retries with backoff, a size limit, a delay per host.

A URL list is a text file with one http(s) URL per line (blank lines and `#` comments allowed).
Each page is fetched with httpx; what comes back is read like a file (HTML, feed or text).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import version
from urllib.parse import urlsplit

import httpx

from sitrep.errors import FetchFailed

USER_AGENT = f"sitrep/{version('sitrep')} (news-report event extraction; polite fetcher)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})  # worth another try; 404, 403, 410... are not


@dataclass(frozen=True)
class FetchPolicy:
    """How politely URLs are fetched.

    Attributes:
        timeout: seconds for connecting and for each read.
        retries: further attempts after a timeout, a connection error or a 429/5xx answer.
        backoff: seconds before the first retry, doubled before each next one.
        max_bytes: a page larger than this is abandoned (FetchFailed), not read to its end.
        host_delay: seconds between two requests to the same host.
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 10_000_000
    host_delay: float = 1.0


@dataclass(frozen=True)
class FetchedPage:
    """A page as fetched: its final URL (after redirects), body and media type."""

    url: str
    body: bytes
    media_type: str


def url_list(text: str) -> list[str]:
    """The URLs of a URL list, in order: stripped lines that are neither blank nor comments."""
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


class Fetcher:
    """Fetches URLs one at a time with the policy's timeouts, retries, size limit and host delay."""

    def __init__(self, policy: FetchPolicy, sleep: Callable[[float], None] = time.sleep) -> None:
        self.policy = policy
        self.sleep = sleep
        self.last_request: dict[str, float] = {}  # host -> monotonic time of its last request
        self.client = httpx.Client(
            timeout=httpx.Timeout(policy.timeout),
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
        )

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _wait_for_host(self, url: str) -> None:
        """Sleep until `host_delay` has passed since the last request to the URL's host."""
        host = urlsplit(url).netloc
        last = self.last_request.get(host)
        if last is not None:
            remaining = self.policy.host_delay - (time.monotonic() - last)
            if remaining > 0:
                self.sleep(remaining)
        self.last_request[host] = time.monotonic()

    def fetch(self, url: str) -> FetchedPage | FetchFailed:
        """One page, retried on timeouts, connection errors and 429/5xx with exponential backoff."""
        if urlsplit(url).scheme not in ("http", "https"):
            return FetchFailed(url, " (only http and https URLs are fetched)")
        delay = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            if attempt:
                self.sleep(delay)
                delay *= 2
            self._wait_for_host(url)
            outcome = self._attempt(url)
            if isinstance(outcome, FetchedPage) or not outcome.retry:
                return outcome if isinstance(outcome, FetchedPage) else outcome.error
            last_error = outcome.error
        return FetchFailed(url, f"{last_error.detail} after {self.policy.retries + 1} attempts")

    def _attempt(self, url: str) -> FetchedPage | _Failure:
        """One request: the page, or the failure and whether it is worth retrying."""
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code != 200:
                    retry = response.status_code in RETRY_STATUSES
                    return _Failure(FetchFailed(url, f" (HTTP {response.status_code})"), retry)
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > self.policy.max_bytes:
                    return _Failure(FetchFailed(url, f" ({declared:,} bytes, limit {self.policy.max_bytes:,})"), False)
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.policy.max_bytes:
                        return _Failure(FetchFailed(url, f" (more than {self.policy.max_bytes:,} bytes)"), False)
                media = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                return FetchedPage(str(response.url), bytes(body), media)
        except httpx.TimeoutException:
            return _Failure(FetchFailed(url, f" (timed out after {self.policy.timeout:g} s)"), True)
        except httpx.TransportError as error:
            return _Failure(FetchFailed(url, f" ({type(error).__name__}: {error})"), True)


@dataclass(frozen=True)
class _Failure:
    error: FetchFailed
    retry: bool


def fetch_pages(urls: Iterable[str], policy: FetchPolicy) -> Iterator[FetchedPage | FetchFailed]:
    """Fetch each URL in turn; a URL that fails yields FetchFailed and the next goes on."""
    with Fetcher(policy) as fetcher:
        for url in urls:
            yield fetcher.fetch(url)
