"""The values questions ask for, written the way options show them."""

from __future__ import annotations

import contextlib
import math
import re
from decimal import Decimal

from quizgen.model import ActorFact, CauseFact, DateFact, Fact, NumberFact, PartialDate
from quizgen.text.compare import same_text
from quizgen.text.datevalue import date_spellings
from quizgen.text.numbers import number_text

# How far a hedged value may be from the stated one and still be right, as factors.
HEDGE_BANDS: dict[str, tuple[float, float]] = {
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "up to": (0.9, 1.0),
    "less than": (0.9, 1.0),
    "fewer than": (0.9, 1.0),
    "under": (0.9, 1.0),
    "more than": (1.0, 1.1),
    "over": (1.0, 1.1),
    "at least": (1.0, 1.1),
}


def date_text(date: PartialDate | dict | str) -> str:
    """A date as a reader says it, from a date, its template data or its text."""
    if isinstance(date, PartialDate):
        return date.text()
    if isinstance(date, dict):
        return str(date["text"])
    return str(date)


def date_on(date: PartialDate | dict | str) -> str:
    """'on 26 July 2023', 'in July 2023', 'in 2020'."""
    text = date_text(date)
    if isinstance(date, PartialDate):
        day_precision = date.precision == "day"
    elif isinstance(date, dict):
        day_precision = date.get("precision") == "day"
    else:
        day_precision = bool(re.match(r"^\d{1,2} ", text))
    return f"{'on' if day_precision else 'in'} {text}"


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def option_value(fact: Fact, kind: str) -> object:
    """The raw value of a fact offered as an option of this kind, or None if it has none."""
    if kind == "date" and isinstance(fact, DateFact):
        return fact.date
    if kind == "number" and isinstance(fact, NumberFact):
        return fact.value
    if kind == "name" and isinstance(fact, ActorFact):
        return fact.name
    if kind == "cause" and isinstance(fact, CauseFact):
        return fact.cause
    if kind == "effect" and isinstance(fact, CauseFact):
        return fact.effect
    return None


def option_text(value: object, unit: str | None = None) -> str:
    """How an option is written: dates as text, numbers with separators and unit."""
    if isinstance(value, PartialDate):
        return value.text()
    if isinstance(value, float | int):
        return number_text(value) + (f" {unit}" if unit else "")
    return capfirst(str(value))


def also_true_values(fact: Fact) -> list[object]:
    """The fact's also_true answers as comparable values (dates and numbers parsed)."""
    values: list[object] = []
    for text in fact.also_true:
        values.append(text)
        if isinstance(fact, DateFact):
            with contextlib.suppress(ValueError):
                values.append(PartialDate.parse(text))
        if isinstance(fact, NumberFact):
            with contextlib.suppress(ValueError):
                values.append(float(text.replace(",", "").replace(" ", "")))
    return values


def is_also_true(fact: Fact, value: object) -> bool:
    """True when ``value`` is one of the fact's also_true answers, so never a wrong option."""
    for other in also_true_values(fact):
        if isinstance(other, str) and same_text(other, option_text(value)):
            return True
        if not isinstance(other, str) and other == value:
            return True
    return False


def tolerance(fact: NumberFact) -> tuple[float, float]:
    """The closed range of accepted values: exact for exact values, a band for hedged ones."""
    low, high = HEDGE_BANDS.get(fact.hedge or "", (1.0, 1.0))
    a, b = round(fact.value * low, 9), round(fact.value * high, 9)
    return (min(a, b), max(a, b))


def significant_unit(value: float) -> float:
    """The place of a number's last significant digit: 1500 -> 100, 1234 -> 1, 2.5 -> 0.1."""
    if value == 0:
        return 1
    if value != int(value):
        exponent = Decimal(repr(float(value))).normalize().as_tuple().exponent
        return 10.0 ** int(exponent)
    n = abs(int(value))
    unit = 1
    while n % (unit * 10) == 0:
        unit *= 10
    return float(unit)


def round_to(value: float, unit: float) -> float:
    """Round half away from zero to a multiple of ``unit``."""
    q = abs(value) / unit
    rounded = math.floor(q + 0.5) * unit
    return math.copysign(rounded, value) if unit >= 1 else round(math.copysign(rounded, value), 10)


def round_significant(value: float, like: float) -> float:
    """Round ``value`` to as many significant figures as ``like`` has."""
    unit = significant_unit(like)
    magnitude_like = math.floor(math.log10(abs(like))) if like else 0
    figures = max(1, magnitude_like - round(math.log10(unit)) + 1)
    magnitude = math.floor(math.log10(abs(value))) if value else 0
    place = 10.0 ** (magnitude - figures + 1)
    result = round_to(value, place)
    return float(int(result)) if place >= 1 else result


def typed_accepted(fact: Fact) -> tuple[str, ...]:
    """Other spellings accepted for a typed answer."""
    if isinstance(fact, DateFact):
        if fact.date.precision == "year":
            return (fact.date.iso(),)
        return tuple(dict.fromkeys(s for s in [*date_spellings(fact.date)] if any(c.isdigit() for c in s)))
    if isinstance(fact, NumberFact):
        spellings = [number_text(fact.value), number_text(fact.value).replace(",", "")]
        return tuple(dict.fromkeys(spellings))
    return ()
