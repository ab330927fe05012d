"""Publication-date inference from the URL, a crawler page date, a dateline or dated weekdays.

Order of evidence: a date in the URL path ("url"); a full crawler page date ("page_date");
a full date in the first lines or after a "published" label ("dateline"); otherwise the most
recent date the text reports, with weekday + day + month mentions given the year in which
weekday and date agree ("inferred", or "page_date" when a crawler page month fixed the year).
An article is published on or after what it reports, so later dates win.
The crawler header some texts start with (" date 2023-10 https://...") is read here too.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

import yaml

FOLD = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹أإآ", "0123456789" * 2 + "ااا")  # one char -> one char
DATELINE_LINES = 8  # a dateline stands in the first 8 non-empty lines of the body ...
FOOTER_LINES = 2  # ... or in the last 2 (bylines, "published" footers)
DATELINE_MAX_CHARS = 100  # ... on a short line ...
DATELINE_MAX_COLUMN = 40  # ... or near the start of its line ("BAGHDAD, Feb. 5, 2024 (Reuters) -")
LEAD_LINES = 3  # title and lead: a plain full date there may be the publication day
CONTEXT_CHARS = 24  # how far back to look for "ce", "published:", "updated:"
EARLIEST_YEAR = 1990
WEEKDAY_YEARS = 30  # how many years back a weekday + day + month may be resolved
CAPTION_PATTERN = re.compile(
    r"©|\bphotos?\b|\bgetty\b|/\s*(?:afp|ap|reuters|epa)\b|\b(?:afp|ap|reuters|epa)\s*/|^\s*file\b|صورة",
    re.IGNORECASE,
)
EMBED_PATTERN = re.compile(r"\(@\w+\)|pic\.twitter\.com|t\.co/", re.IGNORECASE)
URL_SEPARATED = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})(?P<sep>[-/_.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)"
)
URL_COMPACT = re.compile(r"(?<!\d)(?P<year>20\d{2})(?P<month>\d{2})(?P<day>\d{2})(?!\d)")
URL_UNIX_TIME = re.compile(r"(?<!\d)(?P<seconds>1\d{9})(?!\d)")
HEADER_PATTERN = re.compile(  # crawler header opening some texts: " date 2023-10 https://..."
    r"\A[ \t]*date[ \t]+(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?!\d)"
    r"(?:[ \t]+(?P<url>https?://\S+))?"
)


@dataclass(frozen=True)
class CrawlerHeader:
    """What a crawler header says: the page's year and month, maybe its day, maybe its URL."""

    year: int
    month: int
    day: int | None
    url: str | None
    end: int  # offset just after the header in the text


@dataclass(frozen=True)
class DateWords:
    """Date vocabulary of every language with a lang/<code>/months.yaml, folded to match text."""

    months: dict[str, int]
    weekdays: dict[str, int]
    this_day: tuple[str, ...]
    published_labels: tuple[str, ...]
    updated_labels: tuple[str, ...]


@dataclass(frozen=True)
class DateMention:
    """A written date: day and month, maybe a year and a weekday, at a character offset."""

    start: int
    day: int
    month: int
    year: int | None
    weekday: int | None


@dataclass(frozen=True)
class Candidate:
    """A date the text supports as publication date, with how it would be justified."""

    day: date
    basis: str  # dateline | inferred | page_date
    labelled: bool  # follows a "published" label
    this_day: bool  # "ce lundi", "today, Monday", "اليوم الخميس"


@dataclass(frozen=True)
class Placement:
    """Where a date mention stands and what its surroundings say about it."""

    skipped: bool  # in a photo caption or after an "updated:" label
    dateline: bool  # after a "published" label, or on a dateline-like line near the top or end
    in_lead: bool  # in the first non-empty lines of the body
    labelled: bool
    this_day: bool


@dataclass(frozen=True)
class DatePatterns:
    """Compiled regular expressions for written dates."""

    day_month: re.Pattern[str]
    month_day: re.Pattern[str]
    numeric_ymd: re.Pattern[str]
    numeric_dmy: re.Pattern[str]
    this_day: re.Pattern[str]
    this_weekday: re.Pattern[str]
    published: re.Pattern[str]
    updated: re.Pattern[str]


def fold(text: str) -> str:
    """Map Arabic-Indic digits to ASCII and alef forms to bare alef, keeping every offset."""
    return text.translate(FOLD)


def _word_key(name: str) -> str:
    """The date_words() key of a month or weekday name: folded, case-folded, one space, no final dot."""
    return re.sub(r"\s+", " ", fold(name).rstrip(".").casefold())


@cache
def date_words() -> DateWords:
    """Merge the months.yaml files of all languages (loaded once)."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    this_day: list[str] = []
    published: list[str] = []
    updated: list[str] = []
    for lang_dir in sorted(files("sitrep").joinpath("lang").iterdir(), key=lambda entry: entry.name):
        data_file = lang_dir.joinpath("months.yaml")
        if not data_file.is_file():
            continue
        data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
        months.update({_word_key(name): int(key) for key, names in data["months"].items() for name in names})
        weekdays.update({_word_key(name): int(key) for key, names in data["weekdays"].items() for name in names})
        this_day += [_word_key(word) for word in data["this_day"]]
        published += [_word_key(word) for word in data["published_labels"]]
        updated += [_word_key(word) for word in data["updated_labels"]]
    return DateWords(months, weekdays, tuple(this_day), tuple(published), tuple(updated))


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@cache
def date_patterns() -> DatePatterns:
    """Build the date regexes from the language data (once)."""
    words = date_words()
    month = rf"(?:{_alternation(words.months)})(?![^\W\d_])\.?"
    weekday = rf"(?P<weekday>{_alternation(words.weekdays)})(?!\w)\s*[,،]?\s*(?:the\s+)?"
    day = r"(?P<day>\d{1,2})(?!\d)(?:er|st|nd|rd|th)?"
    year = r"(?:\s*,?\s+(?P<year>\d{4})(?!\d))?"
    second_name = rf"(?:\s*[/(]\s*{month}\)?)?"  # "تشرين الأول/ أكتوبر", "شباط (فبراير)"
    context_end = r"\s*[:,،]?\s*\Z"
    flags = re.IGNORECASE
    return DatePatterns(
        day_month=re.compile(
            rf"(?<!\w)(?:{weekday})?{day}\s*(?:de\s+|of\s+|من\s+)?(?P<month>{month}){second_name}{year}", flags
        ),
        month_day=re.compile(rf"(?<!\w)(?:{weekday})?(?P<month>{month})\s*{day}{year}", flags),
        numeric_ymd=re.compile(
            r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d.])"
        ),
        numeric_dmy=re.compile(
            r"(?<![\d.])(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)(?P<year>\d{4})(?!\d)"
        ),
        this_day=re.compile(rf"(?<![\w'’])(?:{_alternation(words.this_day)}){context_end}", flags),
        this_weekday=re.compile(rf"(?<![\w'’])(?:{_alternation(words.this_day)})\s*[,،]?\s*{weekday}", flags),
        published=re.compile(rf"(?<!\w)(?:{_alternation(words.published_labels)}){context_end}", flags),
        updated=re.compile(rf"(?<!\w)(?:{_alternation(words.updated_labels)}){context_end}", flags),
    )


def parse_crawler_header(text: str) -> CrawlerHeader | None:
    """Read the crawler header at the very start of `text`, or None when there is none."""
    match = HEADER_PATTERN.match(text)
    if match is None or not 1 <= int(match["month"]) <= 12:
        return None
    return CrawlerHeader(
        year=int(match["year"]),
        month=int(match["month"]),
        day=int(match["day"]) if match["day"] else None,
        url=match["url"],
        end=match.end(),
    )


def _valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the numbers do not make one."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def url_date(url: str, page_month: tuple[int, int] | None = None) -> date | None:
    """A date written in the URL path or query (/2024/02/05/, /20231024/, -20240205_, 2023-10-30).

    A 10-digit Unix time (as in /1703567812-title) is accepted only when it falls in
    `page_month`, the month a crawler header gives for the page.
    """
    parts = urlsplit(url)
    location = f"{parts.path}?{parts.query}"
    for pattern in (URL_SEPARATED, URL_COMPACT):
        for match in pattern.finditer(location):
            found = _valid_date(int(match["year"]), int(match["month"]), int(match["day"]))
            if found is not None:
                return found
    if page_month is not None:
        for match in URL_UNIX_TIME.finditer(location):
            found = datetime.fromtimestamp(int(match["seconds"]), tz=UTC).date()
            if (found.year, found.month) == page_month:
                return found
    return None


def _named_mentions(view: str) -> list[tuple[int, int, DateMention]]:
    """Dates written with a month name, as (start, end, mention)."""
    patterns, words = date_patterns(), date_words()
    found = []
    for pattern in (patterns.day_month, patterns.month_day):
        for match in pattern.finditer(view):
            month = words.months.get(_word_key(match["month"]))
            weekday = words.weekdays.get(_word_key(match["weekday"])) if match["weekday"] else None
            if month is None or (match["weekday"] and weekday is None):
                continue  # a case-insensitive match that is no listed spelling ("ſept")
            mention = DateMention(
                start=match.start(),
                day=int(match["day"]),
                month=month,
                year=int(match["year"]) if match["year"] else None,
                weekday=weekday,
            )
            found.append((match.start(), match.end(), mention))
    return found


def _numeric_mentions(view: str, language: str | None) -> list[tuple[int, int, DateMention]]:
    """Dates written in digits: 2024-02-04, 2024/2/4, 24.10.2023, 10/21/2023 (m/d in English)."""
    patterns = date_patterns()
    found = []
    for match in patterns.numeric_ymd.finditer(view):
        mention = DateMention(match.start(), int(match["day"]), int(match["month"]), int(match["year"]), None)
        found.append((match.start(), match.end(), mention))
    for match in patterns.numeric_dmy.finditer(view):
        first, second = int(match["first"]), int(match["second"])
        month_first = match["sep"] == "/" and (first <= 12 < second or (language == "en" and second <= 12))
        day, month = (second, first) if month_first else (first, second)
        found.append((match.start(), match.end(), DateMention(match.start(), day, month, int(match["year"]), None)))
    return found


def date_mentions(text: str, language: str | None = None) -> list[DateMention]:
    """Every written date with at least a day and a month, in text order, without overlaps.

    Args:
        text: the document text.
        language: ISO 639-1 code; "en" reads ambiguous slashed dates as month/day.
    """
    view = fold(text)
    spans = _numeric_mentions(view, language) + _named_mentions(view)
    spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
    mentions: list[DateMention] = []
    taken_until = -1
    for start, end, mention in spans:
        if start >= taken_until:
            mentions.append(mention)
            taken_until = end
    return mentions


def _weekday_date(mention: DateMention, anchor: date, reference: date, year: int | None) -> date | None:
    """The date of a weekday + day + month mention: in `year` if given, else the agreeing year nearest `anchor`."""
    # anchor.year + 1: a December anchor may be followed by a January weekday
    years = [year] if year is not None else range(anchor.year + 1, anchor.year - WEEKDAY_YEARS, -1)
    agreeing = [
        found
        for found in (_valid_date(each, mention.month, mention.day) for each in years)
        if found is not None and found <= reference and found.weekday() == mention.weekday
    ]
    return min(agreeing, key=lambda found: abs((found - anchor).days), default=None)


def _line_starts(text: str) -> list[int]:
    """Offsets at which each line of `text` starts."""
    return [0] + [match.end() for match in re.finditer(r"\n", text)]


def _placements(text: str, body_start: int, mentions: list[DateMention]) -> list[Placement]:
    """Place each mention (offsets relative to `body_start`) within the lines of `text`."""
    patterns = date_patterns()
    view = fold(text)
    lines = view.split("\n")
    starts = _line_starts(view)
    body_lines = [index for index, line in enumerate(lines) if line.strip() and starts[index] + len(line) > body_start]
    zone = set(body_lines[:DATELINE_LINES] + body_lines[-FOOTER_LINES:])
    lead = set(body_lines[:LEAD_LINES])
    placements = []
    for mention in mentions:
        start = body_start + mention.start
        index = bisect_right(starts, start) - 1
        line = lines[index]
        context = view[max(body_start, start - CONTEXT_CHARS) : start]
        labelled = bool(patterns.published.search(context))
        short = len(line.strip()) <= DATELINE_MAX_CHARS or start - starts[index] <= DATELINE_MAX_COLUMN
        placements.append(
            Placement(
                skipped=bool(CAPTION_PATTERN.search(line) or patterns.updated.search(context)),
                dateline=labelled or (index in zone and short and not EMBED_PATTERN.search(line)),
                in_lead=index in lead,
                labelled=labelled,
                this_day=bool(patterns.this_day.search(context)),
            )
        )
    return placements


def _full_date(mention: DateMention) -> date | None:
    """The date of a mention with a year, or None if invalid or its weekday disagrees."""
    found = _valid_date(mention.year, mention.month, mention.day) if mention.year is not None else None
    if found is None or (mention.weekday is not None and found.weekday() != mention.weekday):
        return None
    return found


def _candidates(
    text: str, body_start: int, reference: date, page_month: tuple[int, int] | None, language: str | None
) -> list[Candidate]:
    """Dates the body of `text` supports as publication date.

    Photo captions and "updated:" stamps are skipped. A full date counts when it is a dateline,
    in the lead, or carries a weekday or "this day" (deeper undated-weekday dates are often history).
    A weekday + day + month gets the agreeing year nearest the latest full date (or `reference`).
    """
    mentions = date_mentions(text[body_start:], language)
    placed = [
        (mention, placement)
        for mention, placement in zip(mentions, _placements(text, body_start, mentions), strict=True)
        if not placement.skipped
    ]
    full_dates = {}
    for mention, placement in placed:
        found = _full_date(mention)
        recent_style = placement.dateline or placement.in_lead or placement.this_day or mention.weekday is not None
        if found is not None and found <= reference and recent_style:
            full_dates[mention] = found
    anchor = max(full_dates.values(), default=reference)
    candidates = []
    for mention, placement in placed:
        if mention in full_dates:
            found, basis = full_dates[mention], "dateline" if placement.dateline else "inferred"
        elif mention.year is None and mention.weekday is not None:
            found = _weekday_date(mention, anchor, reference, page_month[0] if page_month else None)
            basis = "page_date" if page_month else "inferred"
        else:
            continue
        if found is None or found.year < EARLIEST_YEAR:
            continue
        if page_month is not None and (found.year, found.month) != page_month:
            continue
        candidates.append(Candidate(found, basis, placement.labelled, placement.this_day))
    return candidates


def _choose(candidates: list[Candidate]) -> Candidate | None:
    """Prefer a labelled date, then a dateline, then a "this day" weekday, then the latest date."""
    for preferred in (
        [each for each in candidates if each.labelled],
        [each for each in candidates if each.basis == "dateline"],
        [each for each in candidates if each.this_day],
        candidates,
    ):
        if preferred:
            return max(preferred, key=lambda each: each.day)
    return None


def _advance_to_this_weekday(
    found: date, text: str, reference: date, page_month: tuple[int, int] | None
) -> date:
    """Move `found` forward to the day the text calls "this" weekday ("ce dimanche"), if one and within a week."""
    weekdays = date_words().weekdays
    matches = date_patterns().this_weekday.finditer(fold(text))
    named = {weekdays[key] for key in (_word_key(match["weekday"]) for match in matches) if key in weekdays}
    if len(named) != 1:
        return found
    advanced = found + timedelta(days=(named.pop() - found.weekday()) % 7)
    if advanced > reference or (page_month is not None and (advanced.year, advanced.month) != page_month):
        return found
    return advanced


def infer_published(
    text: str, url: str | None, reference_date: date | None = None, language: str | None = None
) -> tuple[str | None, str]:
    """Infer the publication date of an article.

    Args:
        text: the document text, possibly starting with a crawler header (" date 2024-08 https://...").
        url: where the text was found, if known; a crawler header URL is used otherwise.
        reference_date: no date after it is accepted (default today).
        language: ISO 639-1 code of the text; "en" reads 02/05/2024 as February 5.

    Returns:
        (ISO date or None, basis) with basis one of url, dateline, page_date, inferred, unknown.
    """
    reference = reference_date or date.today()
    header = parse_crawler_header(text)
    page_month = (header.year, header.month) if header else None
    page_url = url or (header.url if header else None)
    if page_url:
        found = url_date(page_url, page_month)
        if found is not None and found <= reference:
            return found.isoformat(), "url"
    if header is not None and header.day is not None:
        found = _valid_date(header.year, header.month, header.day)
        if found is not None and found <= reference:
            return found.isoformat(), "page_date"
    body_start = header.end if header else 0
    chosen = _choose(_candidates(text, body_start, reference, page_month, language))
    if chosen is None:
        return None, "unknown"
    found = chosen.day
    if chosen.basis != "dateline":
        found = _advance_to_this_weekday(found, text[body_start:], reference, page_month)
    return found.isoformat(), chosen.basis
