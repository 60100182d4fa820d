"""Wrong options that teach nothing false and give nothing away.

- Numbers and dates: the answer's rank among the sorted options is drawn uniformly (seeded),
  and the wrong values are a ladder away from it (numbers: each step x1.25 to x2, rounded to
  the answer's significant figures; dates: steps at the answer's precision). They stay in the
  value's domain (a percentage in 0-100, an adult's age, whole counts, no date after the
  article) and outside the grading tolerance. Ranks the domain forbids are never drawn; if
  only the top or bottom rank is left, the form is skipped rather than give the answer away.
- Text: values of the same kind from other facts (the same article first), never a value the
  graph makes right, never a near-duplicate of another option, of balanced length.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from quizgen.text.compare import folded, same_text
from quizgen.text.datevalue import PartialDate

LONG_ANSWER = 1.3  # the answer may not be this much longer than every wrong option
NEAR_DUPLICATE = 86  # rapidfuzz token_set_ratio from which two options say the same thing


@dataclass(frozen=True)
class Options:
    """The options of one question, in display order, and where the answer is."""

    values: tuple[Any, ...]
    answer_index: int
    # Ordered options only: every feasible set, as (the answer's rank, the sorted values), in
    # the question's own seeded order of preference; the first is ``values``. The deck may take
    # another so that the answer's rank is even across it (generate/balance.py).
    by_rank: tuple[tuple[int, tuple[Any, ...]], ...] = ()


class NoGoodOptions(Exception):
    """Too few good wrong options: the form is skipped with this reason."""


# --- numbers --------------------------------------------------------------------------------


def significant_unit(value: float) -> float:
    """The place of a number's last significant digit: 1500 -> 100, 1234 -> 1, 2.5 -> 0.1."""
    if value == 0 or not math.isfinite(value):
        return 1
    if value != int(value):
        text = f"{value:.12g}"
        decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
        return 10.0**-decimals if decimals else 1.0
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
    """Round ``value`` to as many significant figures as ``like`` has (at least one)."""
    if value == 0 or like == 0 or not math.isfinite(value) or not math.isfinite(like):
        return value
    unit = significant_unit(like)
    figures = max(1, math.floor(math.log10(abs(like))) - round(math.log10(unit)) + 1)
    place = 10.0 ** (math.floor(math.log10(abs(value))) - figures + 1)
    result = round_to(value, place)
    return float(int(result)) if place >= 1 else result


def _round_like(value: float, like: float) -> float:
    """``value`` rounded as ``like`` is: to its place when it is round ('12 million' -> whole
    millions, '1,500' -> hundreds), to quarters like a quarter ('0.25%' -> 0.5%, not 0.34%),
    else to as many significant figures."""
    if like * 2 != int(like * 2) and like * 4 == int(like * 4) and value >= 0.25:
        return max(0.25, round(value * 4) / 4)
    if like > 1 and like != int(like) and like * 2 == int(like * 2) and value >= 0.5:
        return max(0.5, round(value * 2) / 2)  # halves like a half: 1.5C among 1.0C and 2.5C, not 0.75C
    unit = significant_unit(like)
    rounded = round_to(value, unit) if unit > 1 and round_to(value, unit) else round_significant(value, like)
    if like == int(like) and rounded != int(rounded):
        rounded = float(round(rounded))
    return rounded


def _grain(like: float) -> float:
    """The step options round to, from the answer: its last significant place ('1,500' -> 100),
    a half for a half ('1.5C'), a quarter for a quarter ('0.25%'), half the place for a small
    multiple of it ('€100m' -> €50m, so that values below it exist)."""
    if like > 1 and like != int(like) and like * 2 == int(like * 2):
        return 0.5
    if like != int(like) and like * 4 == int(like * 4):
        return 0.25
    unit = significant_unit(like)
    if unit >= 10 and abs(like) / unit < 3:
        # quarters (EUR 75m, 125m) made the round answer stand out (a round-11 judge)
        return unit / 2
    return unit


def _apart(a: float, b: float) -> bool:
    """Two numbers a reader tells apart at a glance: at least 10% apart."""
    return max(a, b) >= 1.1 * min(a, b)


def _symmetric(answer: float, values: Sequence[float]) -> bool:
    below = [v for v in values if v < answer]
    above = [v for v in values if v > answer]
    return any(abs((answer - b) - (a - answer)) < 1e-9 * max(1.0, answer) for b in below for a in above)


def _ladder(
    start: float,
    direction: int,
    count: int,
    rng: random.Random,
    fits: Callable[[float], bool],
    like: float,
    step: float | None = None,
) -> list[float] | None:
    """``count`` values from ``start`` in ``direction``: evenly spaced by about ``step`` (so that
    no option stands apart from the others, as 622 beside 195, 266 and 346 did), or, without a
    step, each 1.25 to 2 times the last."""
    values: list[float] = []
    current = start
    for _ in range(count):
        for _attempt in range(10):
            if step is not None:  # exactly even: in 10, 30, 40, 60 million the odd gap stands out
                candidate = current + direction * step
            else:
                factor = rng.uniform(1.25, 2.0)
                candidate = current * factor if direction > 0 else current / factor
            good = None
            if step is not None:  # evenly spaced: on the answer's grain, never finer
                roundings = [round_to(candidate, _grain(like))] if candidate > 0 else []
            else:  # the answer's place first; its figures when the place is too coarse
                roundings = [_round_like(candidate, like), round_significant(candidate, like)]
            for rounded in roundings:
                if (
                    fits(rounded)
                    and rounded not in values
                    and rounded != current
                    and _apart(rounded, current)
                ):
                    good = rounded  # the answer's place first; its figures when the place is too coarse
                    break
            if good is not None:
                values.append(good)
                current = good
                break
        else:
            return None
    return values


def number_options(
    answer: float,
    rng: random.Random,
    wrong: int,
    domain: tuple[float, float, bool],
    tolerance: tuple[float, float],
    excluded: Callable[[float], bool],
) -> Options:
    """``wrong`` numeric options around ``answer``, its rank uniform among the feasible ones."""
    low, high, whole = domain
    unit = significant_unit(answer)
    if unit >= 1000 and answer >= 3 * unit:
        low = max(low, unit)  # "four million": no "0.8 million" beside it

    def fits(value: float) -> bool:
        if not low <= value <= high or value <= 0:
            return False
        if whole and value != int(value):
            return False
        return not (tolerance[0] <= value <= tolerance[1]) and not excluded(value)

    # the smallest step that leaves the tolerance, on the answer's grain: 'about four' takes 2, 4, 6
    grain = _grain(answer)
    clear = math.ceil(max(answer - tolerance[0], tolerance[1] - answer) / grain - 1e-9) * grain

    def attempt(rank: int) -> list[float] | None:
        if rank and clear > answer * 0.6 / rank:
            return None  # below a hedge's band, 'about 622' would sit above 154 m: absurdly low
        for _attempt in range(6):
            # one step for both sides, small enough for the lowest option to stay above 0.4x the
            # answer (136 m beside 622 m was absurd, 190 years beside 850)
            step = answer * rng.uniform(0.2, 0.4) * (min(1.0, 3 / (rank + 1)) if rank else 1.0)
            step = min(step, answer * 0.6 / rank) if rank else step
            step = max(round_to(step, grain), grain, clear)  # a step the rounding keeps
            if rank and step * rank > answer * 0.6 + 1e-9:  # rounded up past the bound
                step = math.floor(answer * 0.6 / rank / grain) * grain
                if step < max(grain, clear):
                    return None
            below = _ladder(answer, -1, rank, rng, fits, answer, step)
            above = _ladder(answer, +1, wrong - rank, rng, fits, answer, step)
            # Evenly spaced options may centre on the answer like any other: its rank is uniform.
            if below is not None and above is not None and (step or not _symmetric(answer, below + above)):
                return below + above
        return None

    return _uniform_rank(
        answer, wrong, rng, attempt, "no wrong values fit the value's range outside the tolerance"
    )


def _uniform_rank(
    answer: Any, wrong: int, rng: random.Random, attempt: Callable[[int], list | None], none: str
) -> Options:
    """Options for a rank drawn uniformly among those the domain allows, with the other feasible
    ranks' options beside them. When only the top or the bottom rank is possible, the answer
    would stand out: NoGoodOptions."""
    ranks = list(range(wrong + 1))
    rng.shuffle(ranks)
    found = {rank: values for rank in ranks if (values := attempt(rank)) is not None}
    if not found:
        raise NoGoodOptions(none)
    if set(found) <= {0} or set(found) <= {wrong}:
        where = "smallest" if 0 in found else "largest"
        raise NoGoodOptions(f"only options on one side fit: the answer would always be the {where}")
    by_rank = tuple((rank, tuple(sorted([*found[rank], answer]))) for rank in ranks if rank in found)
    return Options(by_rank[0][1], by_rank[0][0], by_rank)


def range_options(
    answer: tuple[float, float], rng: random.Random, wrong: int, domain: tuple[float, float, bool]
) -> Options:
    """Ranges of the answer's width ratio, scaled by a ladder: 'between $12m and $14m' among
    'between $6m and $7m', 'between $25m and $29m'…"""
    low, high = answer
    ratio = high / low if low else 2.0

    def fits(value: float) -> bool:
        top = value * ratio
        return domain[0] <= value and top <= domain[1] and not (value <= high and top >= low)

    single = number_options(
        low, rng, wrong, (domain[0], domain[1], False), (low, high), lambda v: not fits(v)
    )

    def paired(values: tuple[float, ...]) -> tuple[Any, ...]:
        return tuple((v, _round_like(v * ratio, high)) if v != low else answer for v in values)

    by_rank = tuple((rank, paired(values)) for rank, values in single.by_rank)
    return Options(paired(single.values), single.answer_index, by_rank)


# --- dates ----------------------------------------------------------------------------------


def _shift(date: PartialDate, steps: int) -> PartialDate:
    if date.precision == "year":
        return PartialDate(date.year + steps)
    if date.precision == "month":
        index = date.year * 12 + (date.month or 1) - 1 + steps
        return PartialDate(index // 12, index % 12 + 1)
    day = dt.date(date.year, date.month or 1, date.day or 1) + dt.timedelta(days=steps)
    return PartialDate(day.year, day.month, day.day)


STEPS = {"year": (1, 4), "month": (1, 4), "day": (2, 8)}


def date_options(
    answer: PartialDate,
    rng: random.Random,
    wrong: int,
    latest: PartialDate | None,
    excluded: Callable[[PartialDate], bool],
) -> Options:
    """Dates at the answer's precision, its rank uniform among the feasible ones; none after
    ``latest`` (the article's date, for a past event)."""

    def fits(date: PartialDate) -> bool:
        if date == answer or excluded(date):
            return False
        return latest is None or date.earliest() <= latest.latest()

    steps = STEPS[answer.precision]
    if answer.precision == "year" and latest is not None:
        # Options for 1163 step by decades, for 2020 by years: 1162 against 1163 only tests a digit.
        scale = max(1, (latest.year - answer.year) // 60)  # 1163: steps of 14 to 56 years
        steps = (steps[0] * scale, steps[1] * scale)
    none = "too few dates at this precision fit before the article's date"
    if answer.precision == "year" and answer.year % 5 == 0 and steps == STEPS["year"]:
        # a round year among round years: '2020' alone among 2022, 2026 and 2029 stands out
        try:
            return _date_ladders(answer, rng, wrong, fits, (1, 1), 5, none)  # 2010, 2015, 2020, 2025
        except NoGoodOptions:
            pass  # too close to the article's date for round years: plain ones
    return _date_ladders(answer, rng, wrong, fits, steps, 1, none)


def _date_ladders(
    answer: PartialDate,
    rng: random.Random,
    wrong: int,
    fits: Callable[[PartialDate], bool],
    steps: tuple[int, int],
    multiple: int,
    none: str,
) -> Options:
    """Options stepping from the answer by ``steps`` (times ``multiple``) of its precision."""

    def ladder(direction: int, count: int) -> list[PartialDate] | None:
        values, current = [], answer
        for _ in range(count):
            try:
                current = _shift(current, direction * rng.randint(*steps) * multiple)
            except (ValueError, OverflowError):  # before year 1 or after 9999
                return None
            if not fits(current):
                return None
            values.append(current)
        return values

    def attempt(rank: int) -> list[PartialDate] | None:
        for _attempt in range(4):
            below, above = ladder(-1, rank), ladder(+1, wrong - rank)
            if below is not None and above is not None:
                return below + above
        return None

    return _uniform_rank(answer, wrong, rng, attempt, none)


# --- text -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)  # pure, and asked again for the same pairs by every question
def near_duplicate(a: str, b: str) -> bool:
    """Two options a reader would take for one answer: 'Jihadists' and 'Jihadist fighters'."""
    from rapidfuzz import fuzz

    fa, fb = folded(a), folded(b)
    if fa == fb or fa.rstrip("s") == fb.rstrip("s"):
        return True
    shorter, longer = sorted((fa, fb), key=len)
    if len(shorter) >= 4 and fuzz.partial_ratio(shorter, longer) >= 95 and len(shorter.split()) <= 2:
        return True
    return fuzz.token_set_ratio(fa, fb) >= NEAR_DUPLICATE and min(len(fa), len(fb)) > 12


LOOK_AT = 3  # acceptable candidates looked at per wrong option, to choose similar lengths


def text_options(
    answer: str,
    rng: random.Random,
    wrong: int,
    candidates: Iterable[str],
    excluded: Callable[[str], bool],
    balanced: bool = True,
) -> Options:
    """Text options: ``wrong`` values from ``candidates`` (best first), shuffled with the answer.

    Among the first acceptable candidates, those closest to the answer's length are taken, so that
    no option stands out by its length; ``balanced`` (options shown side by side) also refuses an
    answer that would be the only long one.
    """
    acceptable: list[str] = []
    for value in candidates:
        if len(acceptable) == wrong * LOOK_AT:
            break
        if value in acceptable or excluded(value) or near_duplicate(value, answer):
            continue
        if not any(near_duplicate(value, c) for c in acceptable):
            acceptable.append(value)
    chosen = sorted(acceptable, key=lambda v: (abs(len(v) - len(answer)) // 8, acceptable.index(v)))[:wrong]
    if len(chosen) < wrong:
        raise NoGoodOptions(
            f"only {len(chosen)} good wrong option(s) of this kind in the deck, {wrong} needed"
        )
    if balanced and len(answer) > LONG_ANSWER * max(len(w) for w in chosen) + 4:
        raise NoGoodOptions("the answer would be the only long option")
    values = [answer, *chosen]
    rng.shuffle(values)
    return Options(tuple(values), values.index(answer))


def same_option(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return same_text(a, b)
    return a == b
