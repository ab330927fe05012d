"""The documentation builds with `mkdocs build --strict`; generated pages cover every command and public name."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import sitrep
from sitrep.cli.app import app

ROOT = Path(__file__).parents[2]
sys.path.insert(0, str(ROOT / "docs" / "scripts"))

from accuracy_table import accuracy_page  # noqa: E402
from cli_reference import cli_reference  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from mkdocs.yml in strict mode (any warning fails the build)."""
    out = tmp_path_factory.mktemp("site")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


def test_cli_reference_has_every_command() -> None:
    commands = typer.main.get_command(app).commands
    reference = cli_reference()
    for name, command in commands.items():
        assert f"## sitrep {name}\n" in reference
        for param in command.params:
            for option in (opt for opt in param.opts if opt.startswith("--")):
                assert f"`{option}`" in reference, (name, option)


def test_accuracy_page_shows_both_systems() -> None:
    scores = {"n_docs": 2, "n_gold": 4, "events": {"precision": 1.0, "recall": 0.5, "f1": 2 / 3},
              "fields": {"date": {"accuracy": 0.75}}, "incidents": {"precision": 1.0, "recall": 1.0, "f1": 1.0}}
    page = accuracy_page({"corpora": [{"corpus": "toy", "sitrep": scores, "baseline": scores | {"incidents": None}}]},
                         "sitrep eval toy")
    assert "| toy | 2 | 4 | 1.000 / 1.000 | 0.500 / 0.500 | 0.667 / 0.667 |" in page
    assert "| date | 0.750 / 0.750 |" in page
    assert "| toy | 1.000 / n/a |" in page


def test_site_builds_with_generated_pages(site: Path) -> None:
    cli = (site / "cli" / "index.html").read_text(encoding="utf-8")
    assert "sitrep report" in cli and "--stack-by" in cli
    accuracy = (site / "accuracy" / "index.html").read_text(encoding="utf-8")
    assert "seeds" in accuracy and re.search(r"\d\.\d{3} / \d\.\d{3}", accuracy)


def test_every_public_name_is_documented(site: Path) -> None:
    pages = "".join(path.read_text(encoding="utf-8") for path in site.rglob("index.html"))
    documented = set(re.findall(r'id="sitrep\.[\w.]*?\.?(\w+)"', pages))
    public = {name for name in sitrep.__all__ if not name.startswith("_")} - {"Day", "SitrepError"}
    assert public <= documented, public - documented
