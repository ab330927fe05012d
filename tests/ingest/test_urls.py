"""URL lists fetched from a local HTTP server on 127.0.0.1: pages, a feed, a 404, a timeout, retries.

The server is real (http.server in a thread), never a mock of the reader; no test leaves 127.0.0.1.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.errors import FetchFailed
from sitrep.ingest import read_paths
from sitrep.ingest.urls import FetchPolicy, Fetcher
from sitrep.models import Document
from sitrep.settings import Settings

SAMPLES = Path(__file__).parent / "samples"
SLOW_SECONDS = 1.5
FAST = FetchPolicy(timeout=0.3, retries=1, backoff=0.05, max_bytes=200_000, host_delay=0.0)


class Site(BaseHTTPRequestHandler):
    """A small news site: an article, a feed, a text dispatch, a slow page, a flaky one, a huge one."""

    requests: list[tuple[str, float]] = []
    flaky_calls = 0

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Site.requests.append((self.path, time.monotonic()))
        if self.path == "/world/drones-omar":
            self._send(200, (SAMPLES / "omar-drones.html").read_bytes())
        elif self.path == "/feed":
            self._send(200, (SAMPLES / "monitor.atom").read_bytes(), "application/atom+xml")
        elif self.path == "/dispatch.txt":
            self._send(200, b"Rockets were fired at the Conoco base in Syria on Monday, a monitor said.", "text/plain")
        elif self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"<html><body><p>too late</p></body></html>")
        elif self.path == "/flaky":
            Site.flaky_calls += 1
            if Site.flaky_calls == 1:
                self._send(503, b"busy")
            else:
                self._send(200, (SAMPLES / "saved-page").read_bytes())
        elif self.path == "/huge":
            self._send(200, b"<html><body>" + b"<p>word</p>" * 50_000 + b"</body></html>")
        else:
            self._send(404, b"<html><body>Not found</body></html>")


@pytest.fixture
def site() -> Iterator[str]:
    """The base URL of the local site, reset for each test."""
    Site.requests, Site.flaky_calls = [], 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_url_list_with_a_404_and_a_timeout(tmp_path, settings, site):
    urls = tmp_path / "reading-list.txt"
    urls.write_text(f"# saved links\n{site}/world/drones-omar\n{site}/missing\n\n{site}/slow\n{site}/feed\n"
                    f"{site}/dispatch.txt\n", encoding="utf-8")
    items = list(read_paths([str(urls)], settings, fetch_policy=FAST))
    documents = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if not isinstance(item, Document)]
    assert [d.doc_id for d in documents] == [
        f"{site}/world/drones-omar",
        "tag:example-monitor.test,2024:shaddadi-0205",
        "tag:example-monitor.test,2024:erbil-0204",
        f"{site}/dispatch.txt",
    ]
    page = documents[0]
    assert "al-Omar oil field" in page.text and "Subscribe now" not in page.text
    assert (page.url, page.outlet, page.published) == (f"{site}/world/drones-omar", "Example Daily", "2024-02-05")
    assert documents[-1].text.startswith("Rockets were fired at the Conoco base")
    missing, slow = errors
    assert isinstance(missing, FetchFailed)
    assert str(missing) == f"E014 {site}/missing: could not fetch the page (HTTP 404)"
    assert isinstance(slow, FetchFailed) and str(slow).startswith(f"E014 {site}/slow: could not fetch the page")
    assert "timed out after 0.3 s" in str(slow) and "after 2 attempts" in str(slow)
    paths = [path for path, _ in Site.requests]
    assert paths.count("/missing") == 1  # a 404 is not retried
    assert paths.count("/slow") == 2  # a timeout is, once (retries=1)


def test_server_error_is_retried_with_backoff(settings, site):
    with Fetcher(FAST) as fetcher:
        page = fetcher.fetch(f"{site}/flaky")
    assert not isinstance(page, FetchFailed) and b"Ain al-Asad" in page.body
    (_, first), (_, second) = Site.requests
    assert second - first >= FAST.backoff


def test_page_over_the_size_limit_is_abandoned(site):
    with Fetcher(FAST) as fetcher:
        error = fetcher.fetch(f"{site}/huge")
    assert isinstance(error, FetchFailed) and "limit 200,000" in str(error)


def test_requests_to_one_host_are_spaced_by_the_host_delay(site):
    polite = FetchPolicy(timeout=1.0, retries=0, host_delay=0.25)
    with Fetcher(polite) as fetcher:
        for _ in range(3):
            fetcher.fetch(f"{site}/dispatch.txt")
    times = [at for _, at in Site.requests]
    assert all(later - earlier >= 0.24 for earlier, later in zip(times, times[1:], strict=False))


def test_only_http_urls_are_fetched():
    with Fetcher(FAST) as fetcher:
        error = fetcher.fetch("file:///etc/passwd")
    assert isinstance(error, FetchFailed) and "only http and https" in str(error)


def test_fetch_policy_comes_from_settings(tmp_path, site, monkeypatch):
    for name, value in (("TIMEOUT", "0.3"), ("RETRIES", "0"), ("BACKOFF", "0"), ("HOST_DELAY", "0")):
        monkeypatch.setenv(f"SITREP_FETCH_{name}", value)
    urls = tmp_path / "links.txt"
    urls.write_text(f"{site}/slow\n", encoding="utf-8")
    [error] = read_paths([str(urls)], Settings())
    assert isinstance(error, FetchFailed) and "timed out after 0.3 s" in str(error)
    assert [path for path, _ in Site.requests] == ["/slow"]  # no retry
