"""End to end in headless Chromium: load the page, filter, open an incident, see highlighted evidence.

The map draws province outlines and places an incident without coordinates at its province.

Uses Debian's chromium (/usr/bin/chromium; `apt-get install -y chromium`), never a downloaded browser.
Without it the test fails, unless SITREP_SKIP_BROWSER=1, which skips it. Screenshots are written to
tests/serve/screenshots/ (not committed).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn

from sitrep.serve import create_app
from sitrep.settings import Settings
from sitrep.store import Store

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-dev-shm-usage", "--no-first-run"]
SCREENSHOTS = Path(__file__).parent / "screenshots"


def chromium_or_skip() -> str:
    """The chromium binary, or a skip (SITREP_SKIP_BROWSER=1) or failure that says how to install it."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM}: `apt-get update && apt-get install -y chromium`"
    if os.environ.get("SITREP_SKIP_BROWSER") == "1":
        pytest.skip(f"{message} (SITREP_SKIP_BROWSER=1)")
    pytest.fail(f"{message}, or set SITREP_SKIP_BROWSER=1 to skip the browser test", pytrace=False)


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server_url(tmp_path: Path, seed: Callable[[Store], None]) -> Iterator[str]:
    """The app on a seeded SQLite store, served by uvicorn on 127.0.0.1 in a thread."""
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    with Store(url) as store:
        seed(store)
        port = free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(Settings(database_url=url), store), host="127.0.0.1",
                                               port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        server.should_exit = True
        thread.join(timeout=10)


def test_load_filter_open_incident_see_evidence(server_url: str) -> None:
    executable = chromium_or_skip()
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        external: list[str] = []
        page.on("request", lambda request: None if request.url.startswith(server_url) else external.append(request.url))

        page.goto(server_url)
        expect(page.locator("body[data-ready=true]")).to_be_attached()
        expect(page.get_by_test_id("incident-item")).to_have_count(6)
        expect(page.locator("path.incident-marker")).to_have_count(2)  # the two placed incidents
        expect(page.locator("path.province-marker")).to_have_count(3)  # Conoco and two in Al Anbar: province only
        assert page.locator("path.province-outline").count() > 200  # Natural Earth admin-1 of 12 countries
        expect(page.get_by_test_id("summary")).to_contain_text("3 placed at province level, 1 not mapped")
        expect(page.get_by_test_id("incident-item").filter(has_text="Tower 22")).to_contain_text("not mapped")
        expect(page.get_by_test_id("timeline-bar")).to_have_count(5)
        page.screenshot(path=SCREENSHOTS / "01_loaded.png")

        page.get_by_test_id("country").select_option("SY")
        page.get_by_test_id("apply").click()
        expect(page.get_by_test_id("incident-item")).to_have_count(3)
        expect(page.locator("path.province-marker")).to_have_count(1)
        page.get_by_test_id("incident-item").filter(has_text="Conoco").click()
        expect(page.get_by_test_id("placement-note")).to_have_text(
            "placed at province level (Deir ez-Zor): no coordinates for the site")
        page.screenshot(path=SCREENSHOTS / "02_filtered_syria_province_level.png")

        page.get_by_test_id("incident-item").filter(has_text="al-Tanf").click()
        evidence = page.get_by_test_id("evidence")
        expect(evidence).to_have_text("A rocket attack hit al-Tanf garrison")
        expect(page.get_by_test_id("incident-title")).to_contain_text("al-Tanf garrison")
        expect(page.get_by_test_id("placement-note")).to_have_text("on the map at the site's coordinates")
        text = page.get_by_test_id("document-text")
        expect(text).to_contain_text("<script>window.__pwned = true</script>")  # shown as text, not run
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#incident script, #incident img").count() == 0
        page.screenshot(path=SCREENSHOTS / "03_incident_evidence.png")

        timeline = page.get_by_test_id("timeline").bounding_box()
        page.mouse.move(timeline["x"] + timeline["width"] * 0.55, timeline["y"] + 40)
        page.mouse.down()
        page.mouse.move(timeline["x"] + timeline["width"] * 0.99, timeline["y"] + 40, steps=5)
        page.mouse.up()
        expect(page.get_by_test_id("timeline-range")).not_to_be_empty()
        expect(page.get_by_test_id("incident-item")).to_have_count(2)  # Conoco and Omar, in February
        page.screenshot(path=SCREENSHOTS / "04_brushed.png")

        browser.close()
    assert errors == []
    assert external == []  # works offline: nothing fetched from anywhere but the app
