"""Dates in a sentence: absolute ones, and relative ones resolved against the publication date.

Every mention keeps its true precision: "July 26" is a day, "in July" a month, "last year" and
"in 2020" a year. A weekday ("on Wednesday") and "yesterday"/"today" resolve to a guess that the
author is asked to confirm.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from quizgen.text.datevalue import PartialDate

MONTHS = {name: i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({"Sept": 9})
MONTHS.update({abbr: i for i, abbr in enumerate(calendar.month_abbr) if abbr})
WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_NOT_NUMBER_AFTER = r"(?![\d,.]\d|\s*(?:%|percent|per cent))"

# Tried in order; a later pattern never claims words an earlier one took.
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        ("iso", r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
        ("month_day_year", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("day_month_year", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
        ("month_year", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
        ("month_day", rf"\b{_MONTH}\s+{_DAY}\b(?!,?\s*\d)"),
        ("day_month", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
        (
            "month",
            rf"\b(?:in|since|by|until|from|during|of|last|this|next)\s+(?:early\s+|late\s+|mid-)?"
            rf"{_MONTH}\b(?!\s*\d)",
        ),
        ("relative_year", r"\b(?P<which>(?i:last|this|next|past)) year\b"),
        ("relative_month", r"\b(?:(?i:earlier|later) )?(?P<which>(?i:last|this|next)) month\b"),
        ("years_ago", r"\b(?P<count>\d+|two|three|four|five|six|seven|eight|nine|ten) years ago\b"),
        ("day_word", r"\b(?P<which>(?i:yesterday|today|tomorrow))\b"),
        (
            "weekday",
            r"\b(?:(?P<which>last|next|this|on) )?"
            r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
        ),
        ("year", rf"(?<![\d$€£,.\-]){_YEAR}\b{_NOT_NUMBER_AFTER}(?!-\d)"),
        # years before 1800 only after a word that makes them years: 'began in 1163'
        (
            "old_year",
            r"\b(?:in|since|from|until|of)\s(?P<year>1[0-7]\d\d)\b(?![\d,.]\d|\s*(?:%|percent)|\s+[a-z]+s\b)",
        ),
    )
)

_COUNT_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}
_HEDGED_BEFORE = re.compile(
    r"(?:\babout|\baround|\bnearly|\balmost|\bover|\bthan|\bleast|\bsome|\bapproximately|\broughly|[$€£])\s*$",
    re.IGNORECASE,
)


PAST_BIAS = 3  # a year-less date is put in the future only when that is this many times closer
_FUTURE = re.compile(
    r"\b(?:will|would|shall|next|upcoming|due to|scheduled|expected to|plans? to|is to|are to)\b", re.I
)
# Words just before a weekday that put it after the publication ("starting on Friday").
_FUTURE_BEFORE = re.compile(
    r"\b(?:starting|beginning|from|until|till|by|will|would|shall)\s+(?:on\s+)?$", re.I
)


@dataclass(frozen=True)
class DateMention:
    """A date stated in a sentence."""

    text: str  # the words that state it, exactly as written ("July 26", "last year")
    start: int  # offsets within the sentence
    end: int
    date: PartialDate
    relative: bool = False  # resolved against the publication date
    confirm: str | None = None  # why the author must confirm the resolution, if they must

    @property
    def note(self) -> str:
        """A short comment for the sheet: how the date was read."""
        if self.confirm:
            return self.confirm
        if self.relative:
            return f'"{self.text}", resolved against the publication date'
        return f'"{self.text}"'


def find_dates(sentence: str, published: PartialDate) -> list[DateMention]:
    """Every date the sentence states, in order of appearance."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            mention = _resolve(kind, match, sentence, published)
            if mention is not None:
                taken.append((start, end))
                found.append(mention)
    return sorted(found, key=lambda m: m.start)


def _resolve(kind: str, match: re.Match[str], sentence: str, published: PartialDate) -> DateMention | None:
    groups = match.groupdict()
    text, start, end = match.group(0), match.start(), match.end()
    ref = published.earliest()
    try:
        if kind in ("iso", "month_day_year", "day_month_year"):
            date = PartialDate(int(groups["year"]), _month(groups["month"]), int(groups["day"]))
            return DateMention(text, start, end, date)
        if kind == "month_year":
            return DateMention(text, start, end, PartialDate(int(groups["year"]), _month(groups["month"])))
        if kind in ("month_day", "day_month"):
            month, day = _month(groups["month"]), int(groups["day"])
            date = _nearest_year(month, day, ref, _speaks_of_future(sentence))
            return DateMention(text, start, end, date, relative=True)
        if kind == "month":
            start, end = match.start("month"), match.end()
            month = _month(groups["month"])
            date = PartialDate(_nearest_year(month, 15, ref, _speaks_of_future(sentence)).year, month)
            return DateMention(sentence[start:end], start, end, date, relative=True)
        if kind == "year":
            if _HEDGED_BEFORE.search(sentence[:start]):
                return None
            return DateMention(text, start, end, PartialDate(int(groups["year"])))
        if kind == "old_year":
            start = match.start("year")
            return DateMention(groups["year"], start, end, PartialDate(int(groups["year"])))
        return _resolve_relative(kind, groups, text, start, end, published, sentence)
    except ValueError:
        return None  # "February 30": not a date


def _resolve_relative(
    kind: str,
    groups: dict[str, str],
    text: str,
    start: int,
    end: int,
    published: PartialDate,
    sentence: str = "",
) -> DateMention | None:
    ref = published.earliest()
    coarse = published.precision != "day"
    if kind == "relative_year":
        shift = {"last": -1, "past": -1, "this": 0, "next": 1}[groups["which"].lower()]
        return DateMention(text, start, end, PartialDate(ref.year + shift), relative=True)
    if kind == "relative_month":
        shift = {"last": -1, "this": 0, "next": 1}[groups["which"].lower()]
        year, month = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return DateMention(text, start, end, PartialDate(year, month + 1), relative=True)
    if kind == "years_ago":
        count = groups["count"]
        years = int(count) if count.isdigit() else _COUNT_WORDS[count]
        return DateMention(text, start, end, PartialDate(ref.year - years), relative=True)
    if kind == "day_word":
        day = ref + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[groups["which"].lower()])
        note = f'"{text}" read as {_day_text(day)}: confirm the date'
        return DateMention(text, start, end, _partial(day), relative=True, confirm=note)
    if kind == "weekday":
        which = groups.get("which")
        if which in (None, "on") and _FUTURE_BEFORE.search(sentence[:start]):
            which = "next"  # "would suspend travel for 30 days, starting on Friday"
        day = _weekday(groups["weekday"], which, ref)
        where = "after" if which == "next" else "on or before"
        note = f'"{text}" read as {_day_text(day)}, the {groups["weekday"]} {where} publication: confirm'
        if coarse:
            note += " (the publication date has no day, so this is a guess)"
        return DateMention(text, start, end, _partial(day), relative=True, confirm=note)
    return None


def _month(name: str) -> int:
    return int(name) if name.isdigit() else MONTHS[name]


def _nearest_year(month: int, day: int, ref: dt.date, future: bool = True) -> PartialDate:
    """The year that puts month/day closest to the publication date (ties go to the past).

    News reports speak of the past far more than of the future: unless the sentence speaks of
    the future (``future``), a later date is taken only when it is three times closer than the
    earlier one ("the earthquake of February" in October is last February, not next February).
    """
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        last = calendar.monthrange(year, month)[1]
        if day <= last:
            days = (dt.date(year, month, day) - ref).days
            weight = days * PAST_BIAS if days > 0 and not future else abs(days)
            candidates.append((weight, -year, year))
    if not candidates:
        raise ValueError("no such day")
    year = min(candidates)[2]
    return PartialDate(year, month, day)


def _speaks_of_future(sentence: str) -> bool:
    return _FUTURE.search(sentence) is not None


def _weekday(name: str, which: str | None, ref: dt.date) -> dt.date:
    target = WEEKDAYS[name]
    if which == "next":
        return ref + dt.timedelta(days=(target - ref.weekday() - 1) % 7 + 1)
    back = (ref.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return ref - dt.timedelta(days=back)


def _partial(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def _day_text(day: dt.date) -> str:
    return f"{calendar.day_name[day.weekday()]} {_partial(day).text()}"
