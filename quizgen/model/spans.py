"""How facts appear in text: normalised comparison, and the span of evidence that states a fact."""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable
from decimal import Decimal

from quizgen.model import ActorFact, DateFact, Fact, NumberFact, PartialDate

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
    }
)


def normalise(text: str) -> str:
    """Text compared for evidence: curly quotes straight, dashes as '-', white space folded."""
    text = text.translate(_TRANSLATE)
    text = " ".join(text.split())
    # "a — b", "a—b" and "a - b" are the same quote.
    return re.sub(r" ?- ?", "-", text)


def folded(text: str) -> str:
    """Text as a reader compares answers: case, quotes, dashes, spacing and a final stop aside."""
    return normalise(text).casefold().rstrip(".")


def same_text(a: str, b: str) -> bool:
    """True when a reader would take the two texts for the same answer."""
    return folded(a) == folded(b)


def mentions(text: str, answer: str) -> bool:
    """True when ``answer`` stands in ``text`` as a reader compares them (folded), as whole
    words or a whole number: "1,500" is not in "11,500", nor "France" in "Francesca"."""
    answer = folded(answer).strip()
    pattern = rf"(?<![\w,.]){re.escape(answer)}(?![\w]|[,.]\d)"
    return bool(answer) and re.search(pattern, folded(text)) is not None


def contains(haystack: str, needle: str) -> bool:
    """True when ``needle`` occurs in ``haystack`` after normalising both."""
    return normalise(needle) in normalise(haystack)


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


def number_text(value: float) -> str:
    """A number as quizgen writes it everywhere: 1500 -> '1,500'; 2.5 -> '2.5'; 1e-06 -> '0.000001'."""
    if value == int(value):
        return f"{int(value):,}"
    return format(Decimal(repr(float(value))).normalize(), ",f")


def number_spellings(value: float) -> list[str]:
    """Ways an article writes a number: 1,500 / 1500 / 1 500 / 1.5 million."""
    spellings = []
    if value == int(value):
        n = int(value)
        spellings += [f"{n:,}", f"{n:,}".replace(",", " "), str(n)]
        for word, size in (("billion", 10**9), ("million", 10**6)):
            if abs(n) >= size:
                spellings.append(f"{n / size:g} {word}")
    else:
        spellings += [number_text(value), number_text(value).replace(",", "")]
    return list(dict.fromkeys(spellings))


def key_spellings(fact: Fact) -> list[str]:
    """The ways the fact's key value may be written in its evidence."""
    if isinstance(fact, DateFact):
        return date_spellings(fact.date)
    if isinstance(fact, NumberFact):
        return number_spellings(fact.value)
    if isinstance(fact, ActorFact):
        return [fact.name]
    return []


def key_span(fact: Fact) -> str | None:
    """The exact text of the evidence that states the fact's key value, if visible there.

    A fact's own ``gap`` wins; otherwise the first spelling of its value that occurs in the
    evidence as a whole word or number.
    """
    if fact.gap is not None:
        return fact.gap if fact.gap in fact.evidence else None
    for spelling in key_spellings(fact):
        match = re.search(rf"(?<![\w,.]){re.escape(spelling)}(?![\w]|[,.]\d)", fact.evidence)
        if match:
            return match.group(0)
    return None


def suggest(word: str, known: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
