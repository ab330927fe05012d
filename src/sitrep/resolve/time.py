"""Time expressions: find them in folded text and resolve them against the publication date.

The grammar (day-month-year, weekday, "N days ago", ranges) is here; the words come from
`lang/<code>/time.yaml`, so a new language is a new data file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from sitrep.lang import load_language
from sitrep.normalize import fold
from sitrep.resolve.numbers import parse_number


@dataclass(frozen=True)
class TimeExpression:
    """A time expression found in a text, with its resolution.

    kind: date (a day or a range of days), weekday, days_ago, ago, vague ("a few days ago"), focus (relative to the time
    just mentioned), anaphoric (a focus expression once resolved), since (start of a period),
    part (a part of the day only).
    """

    start: int
    end: int
    kind: str
    earliest: date | None = None
    latest: date | None = None
    focus_offset: int | None = None
    time_of_day: str | None = None
    best: date | None = None  # the single most likely day, when the interval is wider than one day

    @property
    def specific(self) -> bool:
        """Pins a day or a short interval (<= 7 days) rather than a vague period."""
        if self.kind in {"focus", "anaphoric"}:
            return True
        if self.earliest is None or self.latest is None or self.kind in {"since", "part"}:
            return False
        return (self.latest - self.earliest).days <= 7

    def shifted(self, focus: TimeExpression | None) -> TimeExpression:
        """Resolve a focus-relative expression against the previous one."""
        if self.kind != "focus" or focus is None or focus.earliest is None or focus.latest is None:
            return self
        offset = timedelta(days=self.focus_offset or 0)
        best = focus.best + offset if focus.best else None
        return replace(self, kind="anaphoric", earliest=focus.earliest + offset, latest=focus.latest + offset, best=best)


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


class TimeTagger:
    """Finds and resolves time expressions of one language."""

    def __init__(self, lang: str) -> None:
        data = load_language(lang).time
        self.lang = lang
        self.weekdays: dict[str, int] = data["weekdays"]
        self.months: dict[str, int] = data["months"]
        self.days_ago: dict[str, int] = data["days_ago"]
        self.focus_offsets: dict[str, int] = data["focus_offset"]
        self.parts: dict[str, str] = data["parts_of_day"]
        self.ago_units: dict[str, int] = data["ago_units"]
        self.vague: dict[str, list[int]] = data["vague_numbers"]
        wd, mo = _alternation(self.weekdays), _alternation(self.months)
        last = _alternation(data["last_words"])
        conn = data["connectors"]
        ords = _alternation(data["ordinal_suffixes"]) if data.get("ordinal_suffixes") else "(?!)"
        between, and_ = _alternation(conn["between"]), _alternation(conn["and"] + conn.get("to", []))
        since = _alternation(conn["since"])
        pod = _alternation(self.parts)
        self.vague_ago: dict[str, list[int]] = data.get("vague_ago", {})
        ago_prefix = _alternation(data.get("ago_prefix", [])) or "(?!)"
        ago_suffix = _alternation(data.get("ago_suffix", [])) or "(?!)"
        units = _alternation(self.ago_units)
        # word start, allowing the attached clitics of languages that have them ("والخميس")
        b = rf"(?:(?<!\w)|(?<=(?<!\w)[{''.join(data['clitics'])}]))" if data.get("clitics") else r"\b"
        day = rf"(\d{{1,2}})(?:{ords})?"
        self.patterns: list[tuple[str, re.Pattern[str]]] = [
            ("range", re.compile(
                rf"{b}(?:(?:{between})\s+)?(?:les?\s+)?{day}\s+(?:(?:{and_})\s+(?:le\s+)?){day}\s+({mo})\.?(?:\s+(\d{{4}}))?\b")),
            ("since", re.compile(rf"{b}(?:{since})\s+(?:le\s+)?{day}\s+({mo})\.?(?:\s+(\d{{4}}))?\b")),
            ("since_en", re.compile(rf"{b}(?:{since})\s+({mo})\.?\s+{day}(?:\s*,?\s+(\d{{4}}))?\b")),
            ("date", re.compile(
                rf"{b}(?:({wd})\s*,?\s+)?{day}\s+(?:(?:de|of|من)\s+)?({mo})\.?(?:\s*,?\s+(\d{{4}}))?\b")),
            ("date_en", re.compile(
                rf"{b}(?:({wd})\s*,?\s+)?({mo})\.?\s+{day}(?:\s*,?\s+(\d{{4}}))?\b")),
            ("vague_ago", re.compile(rf"{b}({_alternation(self.vague_ago) or '(?!)'})\b")),
            ("ago", re.compile(rf"{b}(?:{ago_prefix})\s+(\w+)\s+({units})\b")),
            ("ago_suffix", re.compile(rf"{b}(\w+)\s+({units})\s+(?:{ago_suffix})\b")),
            ("focus", re.compile(rf"{b}({_alternation(self.focus_offsets)})\b")),
            ("days_ago", re.compile(rf"{b}({_alternation(self.days_ago)})(?:\s+({wd}))?\b")),
            ("weekday", re.compile(rf"{b}(?:({last})\s+)?({wd})(?:\s+({last}))?\b")),
            ("part", re.compile(rf"{b}({pod})\b")),
            ("clock", re.compile(rf"\b(\d{{1,2}})(?:\s?(?:{_alternation(data.get('clock_separators', [':']))})\s?(\d{{2}})\b"
                                 rf"(?:\s*({_alternation(data.get('clock_pm', [])) or '(?!)'}))?"
                                 rf"|\s*({_alternation(data.get('clock_pm', [])) or '(?!)'}))")),
        ]

    def find(self, text: str, published: date | None) -> list[TimeExpression]:
        """All non-overlapping time expressions of `text`, resolved where `published` allows.

        Where two expressions overlap the longer wins ("the day before yesterday" over "the day
        before"); at equal length, the earlier pattern of the grammar.
        """
        folded = fold(text)
        matches = [(kind, match, rank) for rank, (kind, pattern) in enumerate(self.patterns)
                   for match in pattern.finditer(folded)]
        matches.sort(key=lambda item: (item[1].start() - item[1].end(), item[2]))
        taken: list[tuple[int, int]] = []
        found: list[TimeExpression] = []
        for kind, match, _ in matches:
            if any(match.start() < e and s < match.end() for s, e in taken):
                continue
            expression = self._resolve(kind, match, published)
            if expression is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(expression)
        found.sort(key=lambda e: e.start)
        return _attach_parts(found, folded)

    def _resolve(self, kind: str, m: re.Match[str], published: date | None) -> TimeExpression | None:
        start, end = m.start(), m.end()
        if kind == "range":
            first = _day_in_year(int(m[1]), self.months[m[3]], m[4], published)
            last = _day_in_year(int(m[2]), self.months[m[3]], m[4], published)
            if first is None or last is None or last < first:
                return TimeExpression(start, end, "date") if first is None else None
            return TimeExpression(start, end, "date", first, last)
        if kind in {"since", "since_en"}:
            day_text, month_text = (m[1], m[2]) if kind == "since" else (m[2], m[1])
            first = _day_in_year(int(day_text), self.months[month_text], m[3], published)
            return TimeExpression(start, end, "since", first, published)
        if kind == "vague_ago":
            if published is None:
                return TimeExpression(start, end, "ago")
            low, high = self.vague_ago[m[1]]
            return TimeExpression(start, end, "vague", published - timedelta(days=high), published - timedelta(days=low))
        if kind in {"date", "date_en"}:
            weekday, day_text, month_text, year = (
                (m[1], m[2], m[3], m[4]) if kind == "date" else (m[1], m[3], m[2], m[4]))
            day = _day_in_year(int(day_text), self.months[month_text], year, published,
                               self.weekdays.get(weekday) if weekday else None)
            return TimeExpression(start, end, "date", day, day)
        if kind == "days_ago":
            if published is None:
                return TimeExpression(start, end, "days_ago")
            day = published - timedelta(days=self.days_ago[m[1]])
            part = next((self.parts[w] for w in m[1].split() if w in self.parts), None)
            return TimeExpression(start, end, "days_ago", day, day, time_of_day=part)
        if kind in {"ago", "ago_suffix"}:
            return self._resolve_ago(m, published)
        if kind == "weekday":
            if published is None:
                return TimeExpression(start, end, "weekday")
            back = (published.weekday() - self.weekdays[m[2]]) % 7
            if (m[1] or m[3]) and back == 0:
                back = 7
            day = published - timedelta(days=back)
            return TimeExpression(start, end, "weekday", day, day)
        if kind == "focus":
            return TimeExpression(start, end, "focus", focus_offset=self.focus_offsets[m[1]])
        if kind == "clock":
            pm = m[3] or m[4]
            hour, minute = int(m[1]) + (12 if pm and int(m[1]) < 12 else 0), int(m[2] or 0)
            if hour > 23 or minute > 59:
                return None
            return TimeExpression(start, end, "part", time_of_day=f"{hour:02d}:{minute:02d}")
        return TimeExpression(start, end, "part", time_of_day=self.parts[m[1]])

    def _resolve_ago(self, m: re.Match[str], published: date | None) -> TimeExpression | None:
        unit = self.ago_units[m[2]]
        if m[1] in self.vague:
            low, high = self.vague[m[1]]
            span = (low * unit, high * unit)
        else:
            count = parse_number(m[1], self.lang)
            if count is None:
                return None
            span = (count * unit, count * unit) if unit == 1 else (count * unit + 3, count * unit - 3)
        if published is None:
            return TimeExpression(m.start(), m.end(), "ago")
        return TimeExpression(m.start(), m.end(), "ago",
                              published - timedelta(days=max(span)), published - timedelta(days=min(span)))


def _attach_parts(found: list[TimeExpression], folded: str) -> list[TimeExpression]:
    """Give a day expression the part of the day written right next to it ("lundi soir", "tôt jeudi")."""
    parts = [e for e in found if e.kind == "part"]
    days = [e for e in found if e.kind != "part"]
    used = set()
    result = []
    for expression in days:
        for part in parts:
            gap = folded[expression.end:part.start] if part.start >= expression.end else folded[part.end:expression.start]
            if len(gap) <= 6 and id(part) not in used and re.fullmatch(r"[\s,a-z'’]*", gap):
                expression = replace(expression, time_of_day=expression.time_of_day or part.time_of_day,
                                     start=min(expression.start, part.start), end=max(expression.end, part.end))
                used.add(id(part))
                break
        result.append(expression)
    result += [p for p in parts if id(p) not in used]
    return sorted(result, key=lambda e: e.start)


def _day_in_year(day: int, month: int, year: str | None, published: date | None,
                 weekday: int | None = None) -> date | None:
    """The date of `day`/`month`: in `year` if given, else the nearest year on or before publication.

    With a weekday and no publication date, the year in which weekday and date agree.
    """
    if year:
        try:
            return date(int(year), month, day)
        except ValueError:
            return None
    anchor = published or date.today()
    for candidate_year in range(anchor.year + (0 if published else 0), anchor.year - 8, -1):
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            continue
        if published is not None and candidate > published + timedelta(days=1):
            continue
        if published is None and (weekday is None or candidate > anchor):
            if weekday is None:
                return None
            continue
        if weekday is not None and candidate.weekday() != weekday and published is None:
            continue
        return candidate
    return None


@lru_cache(maxsize=None)
def time_tagger(lang: str) -> TimeTagger:
    """The shared tagger of a language."""
    return TimeTagger(lang)
