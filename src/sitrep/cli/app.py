"""The `sitrep` command line: thin commands that parse options and call library functions."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from sitrep.cli.events import events_command
from sitrep.cli.eval import eval_command
from sitrep.cli.extract import extract_command, ingest_command, watch_command
from sitrep.cli.incidents import incident_command, incidents_command, tallies_command
from sitrep.cli.serve import serve_command
from sitrep.cli.report import report_command
from sitrep.eval.harness import corpus_dirs
from sitrep.settings import Settings

app = typer.Typer(help="sitrep: news reports of armed attacks -> a dated, placed, sourced event database.",
                  no_args_is_help=True, add_completion=False)


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExtractFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


class EvalMode(str, Enum):
    meta = "meta"
    text = "text"


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=option) from None


Paths = Annotated[list[Path], typer.Argument(help="Files or folders: text, JSONL, HTML, RSS/Atom feeds, WARC archives, "
                                                   "URL lists (recognised by content); - reads stdin.")]
Published = Annotated[Optional[str], typer.Option(help="Publication date of every input (YYYY-MM-DD).")]
Reference = Annotated[Optional[str], typer.Option(help="Date to resolve undated texts against (default today).")]


@app.command()
def extract(paths: Paths, published: Published = None, reference_date: Reference = None,
            format: Annotated[ExtractFormat, typer.Option("--format", help="jsonl or table")] = ExtractFormat.jsonl) -> None:
    """Extract events from documents and print one JSON line per document."""
    _date(published, "--published")
    ok = extract_command([str(p) for p in paths], Settings(), published, _date(reference_date, "--reference-date"), format.value)
    raise typer.Exit(0 if ok else 1)


@app.command()
def ingest(paths: Paths, published: Published = None, reference_date: Reference = None,
           workers: Annotated[Optional[int], typer.Option(min=1, help="Read and extract on a local Dask cluster "
                                                          "of N worker processes; this process alone writes.")] = None,
           dask: Annotated[Optional[str], typer.Option("--dask", metavar="ADDRESS",
                                                       help="Read and extract on the Dask scheduler at ADDRESS "
                                                       "(e.g. tcp://10.0.0.5:8786); this process alone writes.")] = None,
           ) -> None:
    """Extract documents and store them, their events and evidence in the database.

    Documents already stored (same text) are not extracted again, so an interrupted batch
    resumes where it stopped when the same command is run again.
    """
    _date(published, "--published")
    if workers is not None and dask is not None:
        raise typer.BadParameter("give --workers or --dask, not both", param_hint="--workers")
    ok = ingest_command([str(p) for p in paths], Settings(), published, _date(reference_date, "--reference-date"),
                        workers=workers, dask_address=dask)
    raise typer.Exit(0 if ok else 1)


@app.command()
def watch(
    folder: Annotated[Path, typer.Argument(help="The folder to watch (recursively).", exists=True, file_okay=False)],
    interval: Annotated[float, typer.Option(min=0.1, help="Seconds between two looks at the folder.")] = 2.0,
) -> None:
    """Ingest files as they appear in FOLDER (and again when they change), until Ctrl-C."""
    watch_command(folder, Settings(), interval)


@app.command()
def events(
    since: Annotated[Optional[str], typer.Option(help="Earliest event date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest event date (YYYY-MM-DD).")] = None,
    site: Annotated[Optional[str], typer.Option(help="Site name contains this.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name contains this.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO country code, e.g. SY.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table, jsonl or csv")] = OutputFormat.table,
) -> None:
    """List stored events."""
    _date(since, "--since")
    _date(until, "--until")
    events_command(since, until, site, actor, country, format.value, Settings())


@app.command()
def incidents(
    since: Annotated[Optional[str], typer.Option(help="Earliest incident date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest incident date (YYYY-MM-DD).")] = None,
    site: Annotated[Optional[str], typer.Option(help="Site name contains this.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name contains this.")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO country code, e.g. SY.")] = None,
    outlet: Annotated[Optional[str], typer.Option(help="Some report's outlet or its affiliation contains this.")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="table, jsonl or csv")] = OutputFormat.table,
) -> None:
    """List incidents: one per real attack, however many reports tell it."""
    _date(since, "--since")
    _date(until, "--until")
    incidents_command(since, until, site, actor, country, format.value, Settings(), outlet=outlet)


@app.command()
def incident(
    incident_id: Annotated[str, typer.Argument(metavar="ID", help="An id from `sitrep incidents`.")],
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Show one incident: every source with its evidence, each field's values by source, conflicts."""
    raise typer.Exit(0 if incident_command(incident_id, format, Settings()) else 1)


@app.command()
def tallies(format: Annotated[str, typer.Option("--format", help="table or jsonl")] = "table") -> None:
    """Counts stated by officials or groups, beside sitrep's incident count for the same period and place."""
    tallies_command(format, Settings())


@app.command(name="eval")
def evaluate(
    gold_dirs: Annotated[list[Path], typer.Argument(help="Corpus folders (docs/ and gold.jsonl), or folders of them.")],
    mode: Annotated[EvalMode, typer.Option(help="meta: url and date given; text: text only.")] = EvalMode.meta,
    format: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    incidents: Annotated[bool, typer.Option("--incidents", help="Also score incident clustering (B-cubed), "
                                            "per corpus and over all corpora together.")] = False,
    oracle: Annotated[bool, typer.Option("--oracle", help="Consolidate the gold events themselves: "
                                         "scores incident clustering alone.")] = False,
) -> None:
    """Score sitrep against gold corpora, beside the baseline (dateparser + alias matching)."""
    for gold_dir in gold_dirs:
        if not gold_dir.is_dir() or not corpus_dirs([gold_dir]):
            raise typer.BadParameter(f"{gold_dir} holds no gold.jsonl, nor corpora that do", param_hint="GOLD_DIRS")
    eval_command(gold_dirs, mode.value, format, Settings(), incidents, oracle)


class ReportFormat(str, Enum):
    html = "html"
    pdf = "pdf"
    md = "md"


class ReportLanguage(str, Enum):
    en = "en"
    fr = "fr"


class StackBy(str, Enum):
    country = "country"
    weapon = "weapon"


@app.command()
def report(
    since: Annotated[Optional[str], typer.Option(help="Earliest incident date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option(help="Latest incident date (YYYY-MM-DD).")] = None,
    country: Annotated[Optional[str], typer.Option(help="ISO country code, e.g. SY.")] = None,
    site: Annotated[Optional[str], typer.Option(help="Site name contains this.")] = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name contains this.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="html (one self-contained file), pdf or md")]
    = ReportFormat.html,
    out: Annotated[Optional[Path], typer.Option(help="Output file (default sitrep-report.<format>).")] = None,
    lang: Annotated[ReportLanguage, typer.Option(help="Report language: en or fr (same data).")] = ReportLanguage.en,
    stack_by: Annotated[StackBy, typer.Option(help="Timeline bars stacked by country or weapon.")] = StackBy.country,
) -> None:
    """Write a situation report: headline figures, map, timeline, incidents, tallies, disagreements."""
    _date(since, "--since")
    _date(until, "--until")
    report_command(since, until, country, site, actor, format.value, lang.value, stack_by.value, out, Settings())


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web app (map, timeline, evidence) and the REST API (/docs) on the database."""
    serve_command(host, port, Settings())


def main() -> None:
    """Entry point of the `sitrep` script."""
    app()
