"""`sitrep report`: write a situation report (HTML, PDF or Markdown) of the stored incidents."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sitrep.report import Filters, write_report
from sitrep.settings import Settings


def default_output(fmt: str) -> Path:
    """Where a report goes when no --out is given: sitrep-report.<format> in the current folder."""
    return Path(f"sitrep-report.{fmt}")


def report_command(since: str | None, until: str | None, country: str | None, site: str | None, actor: str | None,
                   fmt: str, lang: str, stack_by: str, out: Path | None, settings: Settings) -> Path:
    """Write the report of the incidents the filters select; say on stderr where, how many, how long."""
    started = time.perf_counter()
    filters = Filters(since=since, until=until, country=country, site=site, actor=actor)
    path = out or default_output(fmt)
    data = write_report(settings, filters, path, fmt, lang, stack_by)
    print(f"wrote {path} ({fmt}, {lang}): {data.n_incidents} incidents, "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    return path
