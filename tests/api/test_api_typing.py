"""mypy is clean on the public API (`sitrep/__init__.py`, `sitrep/api.py`) and on code that uses it."""

from __future__ import annotations

from pathlib import Path

from mypy import api as mypy_api

ROOT = Path(__file__).parents[2]


def test_public_api_type_checks() -> None:
    stdout, stderr, status = mypy_api.run([
        "--strict", "--follow-imports=silent", "--ignore-missing-imports", "--no-incremental",
        str(ROOT / "src" / "sitrep" / "__init__.py"), str(ROOT / "src" / "sitrep" / "api.py"),
    ])
    assert status == 0, stdout + stderr


def check(path: Path) -> tuple[str, int]:
    """mypy's report and exit status on a file that imports sitrep (found through its py.typed marker)."""
    stdout, stderr, status = mypy_api.run(["--follow-imports=silent", "--no-incremental", str(path)])
    return stdout + stderr, status


def test_notebook_usage_type_checks() -> None:
    report, status = check(Path(__file__).with_name("notebook_usage.py"))
    assert status == 0, report


def test_a_misuse_is_caught(tmp_path: Path) -> None:
    misuse = tmp_path / "misuse.py"
    misuse.write_text('import sitrep\n\ncount: int = sitrep.extract("text")\nsitrep.open(3)\n')
    report, status = check(misuse)
    assert status == 1
    assert 'expression has type "Document", variable has type "int"' in report
    assert 'Argument 1 to "open" has incompatible type "int"' in report


def test_report_package_type_checks() -> None:
    stdout, stderr, status = mypy_api.run([
        "--follow-imports=silent", "--ignore-missing-imports", "--no-incremental",
        str(ROOT / "src" / "sitrep" / "report"), str(ROOT / "src" / "sitrep" / "cli" / "report.py"),
    ])
    assert status == 0, stdout + stderr
