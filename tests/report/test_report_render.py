"""`sitrep report` on the seed database: HTML parses and is self-contained, PDF has pages and its text,
read back with pdftotext, holds the headline numbers; French and English show the same data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from lxml import html as lxml_html
from typer.testing import CliRunner

from sitrep.cli.app import app
from sitrep.report import ReportData, render_report
from sitrep.report.labels import LANGUAGES, load_labels
from sitrep.report.view import build_view, headline
from sitrep.settings import Settings


def pdf_text(path: Path) -> str:
    """The text of a PDF as pdftotext reads it, whitespace collapsed; skips only when allowed to."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("SITREP_SKIP_PDFTOTEXT") == "1":
            pytest.skip("pdftotext is absent and SITREP_SKIP_PDFTOTEXT=1")
        pytest.fail("pdftotext is missing: apt-get install poppler-utils (or set SITREP_SKIP_PDFTOTEXT=1 to skip)")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


class StrictParser(HTMLParser):
    """Collects tags and external references while parsing."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith(("data:", "#")):
                self.external.append(value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_is_one_self_contained_file(seeds_data: ReportData, lang: str) -> None:
    text = render_report(seeds_data, "html", lang).decode("utf-8")
    parser = StrictParser()
    parser.feed(text)
    assert parser.external == []
    assert parser.tags.count("img") == 2
    tree = lxml_html.fromstring(text)
    assert tree.get_element_by_id("headline").text_content() == headline(seeds_data, load_labels(lang))
    rows = tree.get_element_by_id("incidents").findall(".//tbody/tr")
    assert len(rows) == seeds_data.n_incidents
    assert all(img.get("src").startswith("data:image/png;base64,") for img in tree.iter("img"))


def test_pdf_has_pages_and_the_headline(seeds_data: ReportData, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(render_report(seeds_data, "pdf", "en"))
    assert path.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", path.read_bytes())) >= 2
    text = pdf_text(path)
    assert headline(seeds_data, load_labels("en")) in text
    assert f"{seeds_data.n_incidents} incidents" in text
    assert f"killed {seeds_data.killed.text()}" in text and f"injured {seeds_data.injured.text()}" in text


def test_french_and_english_show_the_same_data(seeds_data: ReportData) -> None:
    english, french = build_view(seeds_data, "en"), build_view(seeds_data, "fr")
    assert english.headline != french.headline
    assert re.findall(r"\d+", english.headline) == re.findall(r"\d+", french.headline)
    assert len(english.incidents[1]) == len(french.incidents[1]) == seeds_data.n_incidents
    dates = [incident.get("date") for incident in seeds_data.incidents]
    assert [row[0] for row in english.incidents[1] if row[0] in dates] == [d for d in dates if d]
    assert [row[0] for row in french.incidents[1] if row[0] in dates] == [d for d in dates if d]
    assert [row[3] for row in english.incidents[1]] == [row[3] for row in french.incidents[1]]


def test_markdown_has_every_incident(seeds_data: ReportData) -> None:
    text = render_report(seeds_data, "md", "fr").decode("utf-8")
    assert text.startswith("# Rapport de situation")
    assert text.count("data:image/png;base64,") == 2
    summaries = build_view(seeds_data, "fr").incidents[1]
    assert all(row[4].replace("|", "\\|") in text for row in summaries)


def test_summaries_are_generated_from_fields(seeds_data: ReportData) -> None:
    rows = build_view(seeds_data, "en").incidents[1]
    for incident, row in zip(seeds_data.incidents, rows, strict=True):
        if incident.get("site"):
            assert incident["site"] in row[4]
        if incident.get("actor"):
            assert incident["actor"] in row[4]
        evidence = [member["evidence"] for member in incident["members"] if member.get("evidence")]
        assert not any(row[4] in passage for passage in evidence)


def test_label_files_have_the_same_keys() -> None:
    def keys(tree: dict, prefix: str = "") -> set[str]:
        return {f"{prefix}{k}" for k in tree} | {key for k, v in tree.items() if isinstance(v, dict)
                                                 for key in keys(v, f"{prefix}{k}.")}
    english = keys(load_labels("en"))
    for lang in LANGUAGES:
        assert keys(load_labels(lang)) == english, lang
        assert yaml.safe_load(yaml.safe_dump(load_labels(lang))) == load_labels(lang)


def test_report_command_writes_each_format(seeds_settings: Settings, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITREP_DATABASE_URL", seeds_settings.database_url)
    for fmt, lang in (("html", "fr"), ("pdf", "en"), ("md", "en")):
        out = tmp_path / f"report.{fmt}"
        result = CliRunner().invoke(app, ["report", "--format", fmt, "--lang", lang, "--out", str(out),
                                          "--since", "2023-10-01", "--stack-by", "weapon"])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 10_000
    result = CliRunner().invoke(app, ["report", "--since", "last week"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output
