"""Wrong options that teach nothing false: homogeneous, never also true, never a giveaway.

Numbers and dates are listed in ascending order, with the answer at a random (seeded) rank;
text options are shuffled. Values from other facts of the deck come first; numbers and dates
are generated where the deck has too few: a multiplier ladder (each step x1.25 to x2, rounded
to the answer's significant figures) for numbers, neighbours at the same precision for dates.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from quizgen.generate.values import round_significant, same_text
from quizgen.model import PartialDate

WANTED = 3  # wrong options when three good ones exist
MINIMUM = 2  # else two; fewer and the form is skipped
LONG_ANSWER = 1.3  # the answer may not be this much longer than every wrong option


@dataclass(frozen=True)
class Options:
    """The options of one question, in display order, and where the answer is."""

    values: tuple[object, ...]
    answer_index: int


class NoGoodOptions(Exception):
    """Too few good wrong options: the form is skipped with this reason."""


def _ranks(rng: random.Random, count: int) -> list[int]:
    ranks = list(range(count + 1))
    rng.shuffle(ranks)
    return ranks


def _ordered(answer: object, below: Sequence, above: Sequence) -> Options:
    values = (*sorted(below), answer, *sorted(above))
    return Options(tuple(values), len(below))


def _ladder(
    start: float, direction: int, count: int, rng: random.Random, fits: Callable[[float], bool], like: float
) -> list[float] | None:
    values: list[float] = []
    current = start
    for _ in range(count):
        for _attempt in range(8):
            factor = rng.uniform(1.25, 2.0)
            candidate = current * factor if direction > 0 else current / factor
            rounded = round_significant(candidate, like)
            if fits(rounded) and rounded not in values:
                values.append(rounded)
                current = rounded
                break
        else:
            return None
    return values


def _apart(a: float, b: float) -> bool:
    """Two numbers a reader tells apart at a glance: at least 10% apart."""
    return max(a, b) >= 1.1 * min(a, b)


def _some(rng: random.Random, values: list, count: int) -> list:
    return sorted(rng.sample(values, min(count, len(values))))


def _symmetric(answer: float, below: Sequence[float], above: Sequence[float]) -> bool:
    return any(abs((answer - b) - (a - answer)) < 1e-9 * max(1.0, answer) for b in below for a in above)


def number_options(
    answer: float,
    rng: random.Random,
    pool: Sequence[float],
    outside: tuple[float, float],
    excluded: Callable[[float], bool],
) -> Options:
    """Numeric options: deck values first, then a ladder; never inside ``outside`` (the tolerance)."""
    integral = answer == int(answer)

    def fits(value: float) -> bool:
        if value <= 0 or (integral and value != int(value)):
            return False
        if outside[0] <= value <= outside[1] or excluded(value):
            return False
        return not (integral and value < 1)

    usable = sorted({v for v in pool if fits(v) and answer / 4 <= v <= answer * 4 and _apart(v, answer)})
    for count in (WANTED, MINIMUM):
        for rank in _ranks(rng, count):
            for attempt in range(4):
                # Deck values first; the last attempt is a pure ladder.
                below = _some(rng, [v for v in usable if v < answer], rank if attempt < 3 else 0)
                above = _some(rng, [v for v in usable if v > answer], count - rank if attempt < 3 else 0)
                low = _ladder(min(below, default=answer), -1, rank - len(below), rng, fits, answer)
                high = _ladder(max(above, default=answer), +1, count - rank - len(above), rng, fits, answer)
                if low is None or high is None:
                    continue
                values = sorted(below + low + above + high)
                spread = all(_apart(a, b) for a, b in zip(values, values[1:], strict=False))
                if spread and len(values) == count and not _symmetric(answer, below + low, above + high):
                    return _ordered(answer, below + low, above + high)
    raise NoGoodOptions("no numeric distractors fit outside the tolerance")


def _shift(date: PartialDate, steps: int) -> PartialDate:
    if date.precision == "year":
        return PartialDate(date.year + steps)
    if date.precision == "month":
        index = date.year * 12 + (date.month or 1) - 1 + steps
        return PartialDate(index // 12, index % 12 + 1)
    day = dt.date(date.year, date.month or 1, date.day or 1) + dt.timedelta(days=steps)
    return PartialDate(day.year, day.month, day.day)


def date_options(
    answer: PartialDate,
    rng: random.Random,
    pool: Sequence[PartialDate],
    latest: PartialDate | None,
    excluded: Callable[[PartialDate], bool],
) -> Options:
    """Date options at the answer's precision; none after ``latest`` (the article's date)."""

    def fits(date: PartialDate) -> bool:
        if date.precision != answer.precision or date == answer or excluded(date):
            return False
        return latest is None or date.earliest() <= latest.latest()

    usable = sorted({d for d in pool if fits(d)})
    step_range = {"year": (1, 3), "month": (1, 4), "day": (2, 9)}[answer.precision]
    for count in (WANTED, MINIMUM):
        for rank in _ranks(rng, count):
            below = [d for d in usable if d < answer][-rank:] if rank else []
            above = [d for d in usable if d > answer][: count - rank]
            below = _extend_dates(below, answer, -1, rank, rng, fits, step_range)
            above = _extend_dates(above, answer, +1, count - rank, rng, fits, step_range)
            if below is not None and above is not None:
                return _ordered(answer, below, above)
    raise NoGoodOptions("no dates at this precision fit before the article's date")


def _extend_dates(
    chosen: list[PartialDate],
    answer: PartialDate,
    direction: int,
    count: int,
    rng: random.Random,
    fits: Callable[[PartialDate], bool],
    step_range: tuple[int, int],
) -> list[PartialDate] | None:
    values = list(chosen)
    current = (min if direction < 0 else max)(values, default=answer)
    while len(values) < count:
        try:
            current = _shift(current, direction * rng.randint(*step_range))
        except (ValueError, OverflowError):  # past year 1 or 9999
            return None
        if not fits(current):
            return None
        values.append(current)
    return values


def text_options(
    answer: str,
    rng: random.Random,
    pool: Sequence[str],
    excluded: Callable[[str], bool],
    balanced: bool = True,
) -> Options:
    """Text options (names, causes, effects) from other facts, shuffled.

    ``balanced``: options are shown side by side, so the answer may not be the only long one.
    """
    usable = sorted({p for p in pool if not same_text(p, answer) and not excluded(p)})
    usable = [p for i, p in enumerate(usable) if not any(same_text(p, q) for q in usable[:i])]
    if len(usable) < MINIMUM:
        raise NoGoodOptions(f"only {len(usable)} other value(s) of this kind in the deck, {MINIMUM} needed")
    count = min(WANTED, len(usable))
    for _attempt in range(12):
        wrong = rng.sample(usable, count)
        if not balanced or len(answer) <= LONG_ANSWER * max(len(w) for w in wrong):
            values = [answer, *wrong]
            rng.shuffle(values)
            return Options(tuple(values), values.index(answer))
    raise NoGoodOptions("the answer would be the only long option")
