"""How fast is `sitrep extract` beside spaCy's own `nlp.pipe` on the same French texts?

Both run in the same process on the same texts: sitrep's `Extractor.extract_batch` (language
detection, publication-date inference, the spaCy pipeline with sitrep's components, resolution)
and plain `spacy.load(MODEL).pipe` (the model's full default pipeline). Models are loaded and
both are warmed up before any timing; each measurement is repeated and the median is kept.
The figure to watch is extract time / nlp.pipe time, whose target is <= 1.5.

In the same run, the English and Arabic paths (blank spaCy pipelines) are timed on the corpus's
English and Arabic texts; their words/s against the French path's is the second figure to
watch, whose target is >= 5.

    .venv/bin/python bench/extract_speed.py [--corpus DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import spacy

from sitrep.extract import BATCH_SIZE, Extractor
from sitrep.ingest.language import detect_language
from sitrep.models import Document
from sitrep.settings import Settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
MODEL = "fr_core_news_md"
LANGUAGE = "fr"
TARGET_RATIO = 1.5
OTHER_LANGUAGES = ("en", "ar")
TARGET_SPEEDUP = 5.0


@dataclass(frozen=True)
class Text:
    """A benchmark input: the document id (file stem) and its text."""

    doc_id: str
    text: str


def texts_by_language(corpus: Path) -> tuple[dict[str | None, list[Text]], int]:
    """Every .txt file under `corpus` grouped by language, and how many files were read.

    The language is sitrep's own detection (lingua), so `--corpus` may point at any folder:
    a corpus root with <name>/docs/ folders, one docs/ folder, or loose .txt files.
    """
    paths = sorted(corpus.rglob("*.txt"))
    grouped: dict[str | None, list[Text]] = {}
    for path in paths:
        text = Text(path.stem, path.read_text(encoding="utf-8"))
        grouped.setdefault(detect_language(text.text), []).append(text)
    return grouped, len(paths)


def seconds(run: Callable[[], None]) -> float:
    """Wall-clock time of one call of `run`."""
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def median_seconds(runs: list[Callable[[], None]], repeat: int) -> list[float]:
    """Median time of each of `runs` over `repeat` rounds; rounds interleave them so drift hits all alike."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, run_times in zip(runs, times):
            run_times.append(seconds(run))
    return [statistics.median(run_times) for run_times in times]


def main(argv: list[str] | None = None) -> None:
    """Parse options, load and warm up both pipelines, time them and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder searched recursively for .txt files (default {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each pipeline; the median is kept")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")

    grouped, files_read = texts_by_language(options.corpus)
    texts = grouped.get(LANGUAGE, [])
    if not texts:
        sys.exit(f"no French .txt files under {options.corpus}")
    words = sum(len(text.text.split()) for text in texts)
    others = {lang: grouped[lang] for lang in OTHER_LANGUAGES if grouped.get(lang)}

    nlp = spacy.load(MODEL)
    extractor = Extractor(Settings())

    def run_nlp_pipe() -> None:
        for _ in nlp.pipe((text.text for text in texts), batch_size=BATCH_SIZE):
            pass

    def extract_run(batch: list[Text]) -> Callable[[], None]:
        def run() -> None:
            # Fresh Documents each run: language and publication date are inferred every time, as in `sitrep extract`.
            documents = [Document(doc_id=text.doc_id, text=text.text) for text in batch]
            for _ in extractor.extract_batch(documents):
                pass
        return run

    run_extract = extract_run(texts)
    other_runs = [extract_run(batch) for batch in others.values()]
    for run in [run_nlp_pipe, run_extract, *other_runs]:  # warm-up: load pipelines, vectors, caches
        run()
    pipe_seconds, extract_seconds, *other_seconds = median_seconds(
        [run_nlp_pipe, run_extract, *other_runs], options.repeat)

    print(f"corpus   {options.corpus}: {len(texts)} French documents of {files_read} .txt files, {words:,} words")
    print(f"model    {MODEL} {spacy.util.get_package_version(MODEL)}, spaCy {spacy.__version__}; "
          f"median of {options.repeat} runs after a warm-up")
    print(f"{'':16} {'seconds':>9} {'docs/s':>9} {'words/s':>10}")
    for name, elapsed in (("spaCy nlp.pipe", pipe_seconds), ("sitrep extract", extract_seconds)):
        print(f"{name:16} {elapsed:9.3f} {len(texts) / elapsed:9.1f} {words / elapsed:10,.0f}")
    ratio = extract_seconds / pipe_seconds
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(f"ratio    extract / nlp.pipe = {ratio:.2f} (target <= {TARGET_RATIO}: {verdict})")
    french_rate = words / extract_seconds
    print()
    print(f"{'language':16} {'docs':>5} {'words':>7} {'seconds':>9} {'words/s':>10} {'x French':>9}")
    print(f"{'fr (fr_core_news_md)':16} {len(texts):5} {words:7,} {extract_seconds:9.3f} {french_rate:10,.0f} {1:9.1f}")
    for (lang, batch), elapsed in zip(others.items(), other_seconds):
        batch_words = sum(len(text.text.split()) for text in batch)
        speedup = batch_words / elapsed / french_rate
        verdict = "meets" if speedup >= TARGET_SPEEDUP else "misses"
        print(f"{lang + ' (blank)':16} {len(batch):5} {batch_words:7,} {elapsed:9.3f} {batch_words / elapsed:10,.0f} "
              f"{speedup:9.1f}  (target >= {TARGET_SPEEDUP:g}: {verdict})")


if __name__ == "__main__":
    main()
