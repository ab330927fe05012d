"""How does ingest scale out? N generated documents: one process against a 2-worker Dask LocalCluster.

Documents are invented short English reports (one JSONL file), so that each run measures the
pipeline, not the French model: English runs a blank spaCy pipeline with sitrep's components,
while `fr_core_news_md` would cost several times more per document and ~500 MB per worker.
Both runs do what `sitrep ingest` does per document -- read, extract, store in a fresh SQLite
database (one transaction per batch of documents) -- and store the same counts. Consolidation, which runs
once at the end of a batch in the one writer whichever way the documents were extracted, is
left out (`consolidate=False`): it is the same code in both runs and `bench/consolidate_scale.py`
measures it.

The one-process run is a fresh subprocess (so its peak memory is its own); the cluster run
starts a LocalCluster of 2 worker processes (1 thread each) whose start-up is timed apart.
Printed: docs/s for each, the ratio, and peak resident memory of the one process, of the
driver (the one writer) and of each worker. No assertions.

    .venv/bin/python bench/ingest_scale.py [--docs 20000] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SITES = ["Ain al-Asad air base", "the al-Tanf garrison", "Erbil air base", "the Conoco base", "al-Shaddadi",
         "Tower 22", "the al-Omar oil field", "Harir air base", "Mission Support Site Euphrates", "Rumeilan"]
WEAPONS = ["Rockets", "Two drones", "A one-way attack drone", "Mortar rounds", "Three rockets"]
START = date(2023, 10, 17)
DAYS = ["on Monday", "on Sunday night", "early on Saturday", "on Tuesday morning", "yesterday"]


def write_documents(path: Path, count: int) -> None:
    """`count` invented reports, each a distinct text, as one JSONL file."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            text = (f"{WEAPONS[number % 5]} struck {SITES[number % 10]} {DAYS[number % 5]}, officials said. "
                    f"The Islamic Resistance in Iraq claimed the attack. No casualties were reported. "
                    f"(dispatch {number})")
            published = (START + timedelta(days=number % 365)).isoformat()  # a year of reporting, as a real batch
            handle.write(json.dumps({"id": f"bench-{number}", "text": text, "published": published}) + "\n")


def peak_rss_mb() -> float:
    """Peak resident memory of this process, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_single(inputs: Path, database: Path) -> dict[str, float]:
    """In this process: ingest everything; return docs, stored, seconds and peak memory."""
    from sitrep.pipeline import ingest_paths
    from sitrep.settings import Settings

    settings = Settings(database_url=f"sqlite:///{database}")
    started = time.perf_counter()
    report = None
    for _, report in ingest_paths([str(inputs)], settings, consolidate=False):
        pass
    seconds = time.perf_counter() - started
    return {"read": report.read, "stored": report.stored, "seconds": seconds, "peak_mb": peak_rss_mb()}


def run_cluster(inputs: Path, database: Path, workers: int) -> dict[str, object]:
    """On a LocalCluster: ingest everything; return counts, start-up and run seconds, memory per process."""
    from distributed import Client, LocalCluster

    from sitrep.scale import ingest_on_cluster
    from sitrep.settings import Settings

    settings = Settings(database_url=f"sqlite:///{database}")
    started = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        startup = time.perf_counter() - started
        started = time.perf_counter()
        report = None
        for _, report in ingest_on_cluster([str(inputs)], settings, client, consolidate=False):
            pass
        seconds = time.perf_counter() - started
        worker_mb = sorted(client.run(peak_rss_mb).values())
    return {"read": report.read, "stored": report.stored, "seconds": seconds, "startup": startup,
            "driver_mb": peak_rss_mb(), "worker_mb": worker_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--single-only", action="store_true", help=argparse.SUPPRESS)  # the subprocess's mode
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.single_only:
        print(json.dumps(run_single(args.inputs, args.database)))
        return
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as folder:
        inputs = Path(folder) / "documents.jsonl"
        write_documents(inputs, args.docs)
        print(f"{args.docs:,} generated English documents (blank spaCy pipeline), one JSONL file; "
              f"read + extract + store (SQLite, one writer); consolidation left out", flush=True)
        single_run = subprocess.run(
            [sys.executable, __file__, "--single-only", "--inputs", str(inputs), "--database",
             str(Path(folder) / "single.db")], check=True, capture_output=True, text=True)
        single = json.loads(single_run.stdout.strip().splitlines()[-1])
        single_rate = single["read"] / single["seconds"]
        print(f"one process         : {single['seconds']:7.1f} s  {single_rate:7.1f} docs/s  "
              f"stored {single['stored']:,}  peak {single['peak_mb']:.0f} MB", flush=True)
        cluster = run_cluster(inputs, Path(folder) / "cluster.db", args.workers)
        cluster_rate = cluster["read"] / cluster["seconds"]
        workers = ", ".join(f"{mb:.0f}" for mb in cluster["worker_mb"])
        print(f"{args.workers}-worker cluster    : {cluster['seconds']:7.1f} s  {cluster_rate:7.1f} docs/s  "
              f"stored {cluster['stored']:,}  (+{cluster['startup']:.1f} s cluster start-up)")
        print(f"  peak memory       : driver (the one writer) {cluster['driver_mb']:.0f} MB; workers {workers} MB")
        with_startup = cluster["read"] / (cluster["seconds"] + cluster["startup"])
        print(f"ratio cluster/single: {cluster_rate / single_rate:.2f}x  "
              f"({with_startup / single_rate:.2f}x counting start-up)")


if __name__ == "__main__":
    main()
