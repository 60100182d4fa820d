"""Numbers in a sentence: the value, its hedge ("around"), unit or counted noun, and whether it
describes the present (then it goes stale and gets an ``as_of`` date).

Digits ("1,500", "2.5 million"), percentages, money ("$3 billion", "40 million euros") and
numbers in words ("two hundred", "a dozen") are found; years and days of dates are left to
``dates``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
SHORT_SCALES = {"m": 1_000_000, "bn": 10**9}

# What an article writes before a number, and the hedge a fact sheet records for it.
HEDGE_WORDS = {
    "about": "about",
    "around": "around",
    "approximately": "approximately",
    "roughly": "roughly",
    "nearly": "nearly",
    "almost": "almost",
    "more than": "more than",
    "over": "over",
    "just over": "over",
    "upwards of": "more than",
    "at least": "at least",
    "less than": "less than",
    "fewer than": "fewer than",
    "under": "under",
    "just under": "under",
    "up to": "up to",
    "some": "about",
    "an estimated": "about",
    "estimated": "about",
    "close to": "nearly",
}
CURRENCY_SIGNS = {"$": "dollars", "€": "euros", "£": "pounds"}
CURRENCY_WORDS = ("CFA francs", "US dollars", "dollars", "euros", "pounds", "francs", "yuan", "rupees")
PERCENT = ("per cent", "percent", "%")

_WORD = "|".join(sorted([*UNITS, *SCALES, "dozen"], key=len, reverse=True))
_PATTERN = re.compile(
    r"(?P<cur>[$€£])?\s?"
    r"(?:(?<![\w.,\-/:])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w\-/:]|[.,]\d)"
    rf"|(?P<words>\b(?:an?\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s\-]+)(?:{_WORD}))*\b))"
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|m)\b)?",
    re.IGNORECASE,
)
_CLAUSE_STOP = re.compile(
    r"[,;:.!?()\u2014]|\s(?:as|which|who|while|but|because|after|following|since|when|where|whereas|"
    r"although|despite|according|amid|including|prompting|raising)\s"
)
_PRESENT = re.compile(r"\b(?:currently|now|still|at present|as of|so far|to date|remain|remains)\b", re.I)
_PRESENT_VERB = re.compile(r"^(?:\S+\s+){0,4}?(?:are|is|remain|remains|have|has)\b")
_FUNCTION_START = re.compile(
    r"^(?:in|on|at|to|from|by|for|with|and|or|was|were|is|are|had|has|have|will|would|could|the|a|an)\b", re.I
)


@dataclass(frozen=True)
class NumberMention:
    """A number stated in a sentence."""

    text: str  # the whole phrase, hedge and unit included ("around 1,500")
    start: int  # offsets of ``text`` within the sentence
    end: int
    value: float
    number_text: str  # the words of the value alone, for the cloze gap ("1,500")
    hedge: str | None = None
    unit: str | None = None  # "percent", "dollars", ...
    counted: str = ""  # what the value counts, and the rest of its clause
    present: bool = False  # stated of the present: the fact needs an as_of date


def find_numbers(sentence: str, taken: list[tuple[int, int]] = ()) -> list[NumberMention]:  # type: ignore[assignment]
    """Every number the sentence states, outside the ``taken`` spans (dates)."""
    found = []
    for match in _PATTERN.finditer(sentence):
        start, end = match.span()
        while start < end and sentence[start].isspace():
            start += 1
        if any(start < b and a < end for a, b in taken):
            continue
        mention = _mention(sentence, match, start, end)
        if mention is not None:
            found.append(mention)
    return found


def _mention(sentence: str, match: re.Match[str], start: int, end: int) -> NumberMention | None:
    value = _value(match)
    if value is None:
        return None
    unit = None
    if match.group("cur"):
        unit = CURRENCY_SIGNS[match.group("cur")]
    rest = sentence[end:]
    for word in (*PERCENT, *CURRENCY_WORDS):
        found = re.match(rf"\s?{re.escape(word)}\b" if word[0].isalpha() else rf"\s?{re.escape(word)}", rest)
        if found and unit is None:
            unit = "percent" if word in PERCENT else word
            end += found.end()
            break
    number_text = sentence[start:end]
    hedge, start = _hedge(sentence, start)
    counted, present = _counted(sentence, end)
    return NumberMention(sentence[start:end], start, end, value, number_text, hedge, unit, counted, present)


def _value(match: re.Match[str]) -> float | None:
    scale_word = (match.group("scale") or "").lower()
    scale = SCALES.get(scale_word) or SHORT_SCALES.get(scale_word) or 1
    if match.group("num"):
        if scale_word in SHORT_SCALES and not match.group("cur"):
            return None  # "5 m" is a length, not five million
        return float(match.group("num").replace(",", "")) * scale
    words = match.group("words")
    value = words_value(words)
    if value is None:
        return None
    return value * scale


def words_value(text: str) -> float | None:
    """``two hundred and fifty`` -> 250; None for words that are not a number worth asking."""
    tokens = [t for t in re.split(r"[\s\-]+", text.lower()) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        if len(tokens) == 1 or tokens[1] not in (*SCALES, "dozen"):
            return None
        tokens[0] = "one"
    if tokens in (["one"], ["zero"]):
        return None  # "one of", "no one": rarely a quantity
    total, current = 0, 0
    for token in tokens:
        if token in UNITS:
            current += UNITS[token]
        elif token in ("hundred", "dozen"):
            current = max(current, 1) * (100 if token == "hundred" else 12)
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
        else:
            return None
    return float(total + current)


def _hedge(sentence: str, start: int) -> tuple[str | None, int]:
    before = sentence[:start]
    for words in sorted(HEDGE_WORDS, key=len, reverse=True):
        found = re.search(rf"\b{re.escape(words)}\s+$", before, re.IGNORECASE)
        if found:
            return HEDGE_WORDS[words.lower()], found.start()
    return None, start


def _counted(sentence: str, end: int) -> tuple[str, bool]:
    rest = sentence[end:].lstrip()
    stop = _CLAUSE_STOP.search(rest)
    clause = rest[: stop.start()] if stop else rest
    words = clause.split()[:14]
    counted = " ".join(words)
    if _FUNCTION_START.match(counted) and not counted.lower().startswith("of "):
        counted = ""
    present = bool(_PRESENT.search(sentence)) or bool(_PRESENT_VERB.search(counted))
    return counted, present


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
