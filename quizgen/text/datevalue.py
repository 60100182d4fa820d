"""Dates known to the year, the month or the day, and the ways an article writes them."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is out of range: write a year from 1 to 9999")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} does not exist")
        if self.day is not None:
            assert self.month is not None
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"{self.year}-{self.month:02d}-{self.day:02d} does not exist: "
                    f"{calendar.month_name[self.month]} {self.year} has {last} days"
                )

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str:
        """``2020``, ``2023-07`` or ``2023-07-26``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def text(self) -> str:
        """The date as a reader says it: ``2020``, ``July 2023``, ``26 July 2023``."""
        if self.month is None:
            return str(self.year)
        month = calendar.month_name[self.month]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def earliest(self) -> dt.date:
        """The first day the date may mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date may mean: 2020 -> 31 December 2020."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError with a reason."""
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        if len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts] + [None] * (3 - len(parts))
        return cls(numbers[0], numbers[1], numbers[2])  # type: ignore[arg-type]


def date_spellings(date: PartialDate) -> list[str]:
    """Ways an article writes a date, longest first."""
    if date.month is None:
        return [str(date.year)]
    names = [calendar.month_name[date.month], calendar.month_abbr[date.month]]
    if date.day is None:
        return [f"{m} {date.year}" for m in names] + [date.iso()] + names
    d = date.day
    spellings = []
    for m in names:
        spellings += [f"{m} {d}, {date.year}", f"{d} {m} {date.year}", f"{m} {d}", f"{d} {m}"]
    return [date.iso(), *spellings]
