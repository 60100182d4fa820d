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
SHORT_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 10**9}

# What an article writes before a number, and the hedge a fact sheet records for it.
HEDGE_WORDS = {
    "well below": "under",
    "well under": "under",
    "well above": "over",
    "below": "under",
    "above": "over",
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
# Measures an article joins to a number with a hyphen ("a 69-day ordeal", "the 400-metre vessel",
# "rose 13-fold"), and the C of a temperature ("2C", "1.5C"): the number is still a number.
MEASURE_WORDS = (
    "second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "metre", "meter",
    "kilometre", "kilometer", "km", "mile", "foot", "feet", "inch", "tonne", "ton", "kilogram", "kg",
    "fold", "storey", "story", "seat", "page", "point", "member", "nation", "country", "strong", "man",
)  # fmt: skip
_MEASURE = "|".join(MEASURE_WORDS)
_PATTERN = re.compile(
    r"(?P<cur>[$€£])?\s?"
    r"(?:(?<![\w.,\-/:])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    rf"(?:(?P<short>bn|m|k)\b|(?=-(?:{_MEASURE})s?\b|C\b|°C\b)|(?![\w\-/:]|[.,]\d))"
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


ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100,
}  # fmt: skip
FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
}
_ORDINAL = re.compile(
    rf"\b(?:(?P<tens>twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?P<word>{'|'.join(ORDINALS)})\b"
    r"|\b(?P<digits>\d+)(?:st|nd|rd|th)\b",
    re.IGNORECASE,
)
_FRACTION = re.compile(
    r"\b(?P<count>a|an|one|two|three|four|half)[\s-](?P<part>half|halves|thirds?|quarters?|fifths?)\b"
    r"|\b(?P<half>half)\b(?=\s+(?:of|the|a|an)\b)",
    re.IGNORECASE,
)
# "a 69-day ordeal", "the 400-metre vessel": a number joined to its unit by a hyphen.
_COMPOUND = re.compile(
    r"\b(?P<num>\d+(?:\.\d+)?)-(?P<unit>second|minute|hour|day|week|month|year|decade|metre|meter|"
    r"kilometre|kilometer|km|mile|foot|tonne|ton|storey|story|seat|point|page)s?\b(?!-old)"
)
_TEMPERATURE = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?(?:°\s?C|C|degrees? Celsius)\b")
_AGE = re.compile(r"\b(?P<num>\d{1,3})(?:-year-old\b|\s+years?\s+old\b)|\baged\s+(?P<aged>\d{1,3})\b")
_RANGE_JOIN = re.compile(r"^\s*(?:and|to|-|–|—)\s*$")


@dataclass(frozen=True)
class NumberMention:
    """A number stated in a sentence."""

    text: str  # the whole phrase, hedge and unit included ("around 1,500")
    start: int  # offsets of ``text`` within the sentence
    end: int
    value: float
    number_text: str  # the words of the value alone, for the cloze gap ("1,500")
    hedge: str | None = None
    unit: str | None = None  # "percent", "dollars", "years old", ...
    counted: str = ""  # what the value counts, and the rest of its clause
    present: bool = False  # stated of the present: the fact needs an as_of date
    kind: str = "cardinal"  # cardinal, ordinal ("the sixth"), fraction ("two-thirds")
    high: float | None = None  # a range's upper end ("between $12m and $14m")
    hedge_text: str | None = None  # the hedge exactly as written ("an estimated")

    @property
    def number_start(self) -> int:
        """Where the number itself starts (after the hedge)."""
        return self.end - len(self.number_text) if self.high is None else self.start_of_numbers

    @property
    def start_of_numbers(self) -> int:
        skip = len(self.hedge_text) + 1 if self.hedge_text else 0
        return self.start + skip


def find_numbers(sentence: str, taken: list[tuple[int, int]] = ()) -> list[NumberMention]:  # type: ignore[assignment]
    """Every number the sentence states, outside the ``taken`` spans (dates): cardinals, ages,
    ordinals and fractions, ranges joined into one mention."""
    taken = list(taken)
    found: list[NumberMention] = []
    for finder in (_ages, _compounds, _temperatures, _fractions, _cardinals, _ordinals):
        for mention in finder(sentence):
            if any(mention.start < b and a < mention.end for a, b in taken):
                continue
            taken.append((mention.start, mention.end))
            found.append(mention)
    return _ranges(sentence, sorted(found, key=lambda m: m.start))


def _cardinals(sentence: str) -> list[NumberMention]:
    found = []
    for match in _PATTERN.finditer(sentence):
        start, end = match.span()
        while start < end and sentence[start].isspace():
            start += 1
        mention = _mention(sentence, match, start, end)
        if mention is not None:
            found.append(mention)
    return found


def _ages(sentence: str) -> list[NumberMention]:
    found = []
    for match in _AGE.finditer(sentence):
        digits = match.group("num") or match.group("aged")
        hedge, start = _hedge(sentence, match.start())
        text = sentence[start : match.end()]
        found.append(
            _plain(sentence, text, start, match.end(), float(digits), match.group(), hedge, "years old")
        )
    return found


def _compounds(sentence: str) -> list[NumberMention]:
    found = []
    for match in _COMPOUND.finditer(sentence):
        hedge, start = _hedge(sentence, match.start())
        unit = match.group("unit") + "s"
        value = float(match.group("num"))
        found.append(
            _plain(
                sentence, sentence[start : match.end()], start, match.end(), value, match.group(), hedge, unit
            )
        )
    return found


def _temperatures(sentence: str) -> list[NumberMention]:
    found = []
    for match in _TEMPERATURE.finditer(sentence):
        hedge, start = _hedge(sentence, match.start())
        value, text = float(match.group("num")), sentence[start : match.end()]
        found.append(
            _plain(sentence, text, start, match.end(), value, match.group(), hedge, "degrees Celsius")
        )
    return found


def _ordinals(sentence: str) -> list[NumberMention]:
    found = []
    for match in _ORDINAL.finditer(sentence):
        if match.group("digits"):
            value = int(match.group("digits"))
        else:
            tens = UNITS[match.group("tens").lower()] if match.group("tens") else 0
            value = ORDINALS[match.group("word").lower()] + tens
        found.append(
            NumberMention(
                match.group(), match.start(), match.end(), float(value), match.group(), kind="ordinal"
            )
        )
    return found


def _fractions(sentence: str) -> list[NumberMention]:
    found = []
    for match in _FRACTION.finditer(sentence):
        if match.group("half"):
            value = 0.5
        else:
            count = match.group("count").lower()
            top = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "half": 1}[count]
            value = top / FRACTIONS[match.group("part").lower()]
        hedge, start = _hedge(sentence, match.start())
        found.append(
            NumberMention(
                sentence[start : match.end()], start, match.end(), value, match.group(), hedge,
                kind="fraction", hedge_text=_hedge_text(sentence, start, match.start()),
            )
        )  # fmt: skip
    return found


def _plain(
    sentence: str,
    text: str,
    start: int,
    end: int,
    value: float,
    number_text: str,
    hedge: str | None,
    unit: str,
) -> NumberMention:
    counted, present = _counted(sentence, end)
    hedge_text = _hedge_text(sentence, start, end - len(number_text))
    return NumberMention(
        text, start, end, value, number_text, hedge, unit, counted, present, hedge_text=hedge_text
    )


def _hedge_text(sentence: str, start: int, number_start: int) -> str | None:
    words = sentence[start:number_start].strip()
    return words or None


def _range(sentence: str, low: NumberMention, high: NumberMention) -> NumberMention | None:
    """The two numbers as one range, when the sentence joins them as one."""
    if not (low.kind == high.kind == "cardinal" and low.hedge is None and high.value > low.value):
        return None
    if not _RANGE_JOIN.match(sentence[low.end : high.start]):
        return None
    opener = re.search(r"\b(between|from)\s+$", sentence[: low.start], re.IGNORECASE)
    joiner = sentence[low.end : high.start].strip().lower()
    paired = opener is not None and (opener.group(1).lower() == "between") == (joiner == "and")
    # "within 15 to 30 minutes": 'to' joins two numbers that share the noun after the second.
    shared = opener is None and joiner == "to" and not low.unit and high.counted and not low.counted
    if not paired and not shared and joiner not in ("-", "–", "—"):
        return None
    start = opener.start() if opener else low.start
    return NumberMention(
        sentence[start : high.end], start, high.end, low.value, low.number_text,
        None, high.unit or low.unit, high.counted, high.present, high=high.value,
        hedge_text=opener.group(1) if opener else None,
    )  # fmt: skip


def _ranges(sentence: str, found: list[NumberMention]) -> list[NumberMention]:
    """'between $12m and $14m', 'from 200 to 300', '12-14': one mention from low to high."""
    out: list[NumberMention] = []
    index = 0
    while index < len(found):
        low = found[index]
        high = found[index + 1] if index + 1 < len(found) else None
        joined = _range(sentence, low, high) if high is not None else None
        if joined is not None:
            out.append(joined)
            index += 2
            continue
        out.append(low)
        index += 1
    return out


_ONE_OF_A_MEASURE = re.compile(
    r"\s+(?:second|minute|hour|day|week|month|year|decade|century|metre|kilometre|mile|person|man|woman)\b"
)


_ONE_OF_A_MEASURE = re.compile(
    r"\s+(?:second|minute|hour|day|week|month|year|decade|century|metre|kilometre|mile|person|man|woman)\b"
)


def _mention(sentence: str, match: re.Match[str], start: int, end: int) -> NumberMention | None:
    value = _value(match)
    if (
        value is None
        and (match.group("words") or "").lower() == "one"
        and _ONE_OF_A_MEASURE.match(sentence[end:])
    ):
        value = 1.0  # 'one month', 'one person': a quantity, unlike 'one of' or 'no one'
    if (
        value is None
        and (match.group("words") or "").lower() == "one"
        and _ONE_OF_A_MEASURE.match(sentence[end:])
    ):
        value = 1.0  # 'one month', 'one person': a quantity, unlike 'one of' or 'no one'
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
    number_start = start
    hedge, start = _hedge(sentence, start)
    counted, present = _counted(sentence, end)
    hedge_text = _hedge_text(sentence, start, number_start)
    return NumberMention(
        sentence[start:end],
        start,
        end,
        value,
        number_text,
        hedge,
        unit,
        counted,
        present,
        hedge_text=hedge_text,
    )


def _value(match: re.Match[str]) -> float | None:
    scale_word = (match.group("short") or match.group("scale") or "").lower()
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


_SMALL_WORDS = {v: k for k, v in UNITS.items()}


def number_words(value: float) -> str | None:
    """A whole number in words, as a student may write it: 'twenty-five', 'two hundred',
    'sixty million'; None for other numbers (a fraction, 1,234,567)."""
    if value != int(value) or value <= 0:
        return None
    n = int(value)
    for word, size in (("billion", 10**9), ("million", 10**6), ("thousand", 1000)):
        if n >= size and n % size == 0 and n // size < 1000:
            return f"{_below_thousand(n // size)} {word}"
    return _below_thousand(n) if n < 1000 else None


def _below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    words = [f"{_SMALL_WORDS[hundreds]} hundred"] if hundreds else []
    if rest:
        tens, units = divmod(rest, 10)
        small = _SMALL_WORDS.get(rest) or f"{_SMALL_WORDS[tens * 10]}-{_SMALL_WORDS[units]}"
        words.append(f"and {small}" if hundreds else small)
    return " ".join(words)


_ORDINAL_WORDS = {v: k for k, v in ORDINALS.items()}
FRACTION_WORDS = {
    1 / 2: "half", 1 / 3: "a third", 2 / 3: "two-thirds", 1 / 4: "a quarter", 3 / 4: "three-quarters",
    1 / 5: "a fifth", 2 / 5: "two-fifths", 3 / 5: "three-fifths", 4 / 5: "four-fifths",
}  # fmt: skip
_STYLE = re.compile(
    r"^(?P<cur>[$€£])?\s?(?P<num>[\d,]+(?:\.\d+)?|[a-z][a-z\s-]*?)"
    r"(?P<scale>bn|m|k|\s(?:hundred|thousand|million|billion|trillion))?"
    r"(?P<tail>-year-old|\s+years?\s+old|%|\s?per cent|\s?percent|\s?°\s?C|C|\s?degrees? Celsius"
    r"|-(?:second|minute|hour|day|week|month|year|decade|metre|meter|kilometre|kilometer|km|mile|foot|tonne|ton)"
    r"|\s(?:CFA francs|US dollars|dollars|euros|pounds|francs|yuan|rupees))?$",
    re.IGNORECASE,
)


def small_number_words(value: int) -> str | None:
    """0 to 99 in words ('twenty-five'), else None."""
    if not 0 <= value < 100:
        return None
    if value in _SMALL_WORDS:
        return _SMALL_WORDS[value]
    return f"{_SMALL_WORDS[value - value % 10]}-{_SMALL_WORDS[value % 10]}"


def ordinal_text(value: int, words: bool) -> str:
    if words and value in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[value]
    if words and 20 < value < 100 and value % 10 and value - value % 10 in _SMALL_WORDS:
        return f"{_SMALL_WORDS[value - value % 10]}-{_ORDINAL_WORDS[value % 10]}"
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def fraction_text(value: float) -> str:
    for fraction, words in FRACTION_WORDS.items():
        if abs(fraction - value) < 1e-6:
            return words
    return f"{value:.0%}"


def _larger_scale(value: float, word: str, scale: float) -> tuple[str, float]:
    family = SHORT_SCALES if word in SHORT_SCALES else (SCALES if word in SCALES else {})
    for name, size in sorted(family.items(), key=lambda item: item[1]):
        if size > scale and value >= size and name != "hundred":
            word, scale = name, size
    return word, scale


def format_like(value: float, example: str) -> str:
    """``value`` written the way ``example`` writes its own number: '$9.6bn' -> '$4.8bn', '12%'
    -> '30%', 'six' -> 'nine', 'sixth' -> 'ninth', '41-year-old' -> '58-year-old'."""
    lowered = example.lower()
    if re.fullmatch(r"[a-z-]+", lowered) and any(w in lowered for w in ORDINALS) and lowered not in UNITS:
        if (
            lowered.rstrip("s") in FRACTIONS
            or "-" in lowered
            and lowered.split("-")[-1].rstrip("s") in FRACTIONS
        ):
            return fraction_text(value)
        return ordinal_text(int(value), words=True)
    if lowered in ("half",) or any(lowered.endswith(f) for f in ("thirds", "quarters", "fifths")):
        return fraction_text(value)
    if re.fullmatch(r"\d+(?:st|nd|rd|th)", lowered):
        return ordinal_text(int(value), words=False)
    match = _STYLE.match(example.strip())
    if match is None:
        return number_text(value)
    number = match.group("num")
    scale_word = (match.group("scale") or "").strip().lower()
    scale = SHORT_SCALES.get(scale_word) or SCALES.get(scale_word) or 1
    scale_word, scale = _larger_scale(value, scale_word, scale)  # "€1000m" reads "€1bn"
    if number[:1].isalpha():  # written in words: small whole numbers stay words
        scaled = value / scale
        spoken = small_number_words(int(scaled)) if scaled == int(scaled) else None
        core = spoken or number_text(scaled)
    else:
        core = number_text(value / scale)
        decimals = len(number.split(".")[1]) if "." in number else 0
        if decimals and round(value / scale, decimals) == value / scale:
            core = f"{value / scale:,.{decimals}f}"  # '4.0%' beside '5.9%', not '4%'
        if len(number.split(".")[0]) >= 4 and "," not in number:
            core = core.replace(",", "")  # the article writes 1300, not 1,300
    cur = match.group("cur") or ""
    sep = "" if scale_word in SHORT_SCALES else (" " if scale_word else "")
    return f"{cur}{core}{sep}{scale_word if scale != 1 else ''}{match.group('tail') or ''}"
