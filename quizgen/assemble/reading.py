"""Text as a reader compares it across the items of a quiz: one token per word, every number and
date written one way ("1,500", "1500" and "fifteen hundred" alike; "26 July 2023" and "July 26").

Built on ``quizgen.text.compare.folded`` (case, quotes, dashes and spacing aside); the tokens are
what the assembly indexes to find an item that gives away another's answer.
"""

from __future__ import annotations

import calendar
import functools
import re

from quizgen.text.compare import folded
from quizgen.text.numbers import ORDINALS, SCALES, UNITS, number_text

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr}
MONTHS["sept"] = 9
_MONTH = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>1[0-9]\d\d|20\d\d)"
_DATES = [
    re.compile(r"\b(?P<y>\d{4})-(?P<mm>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b(?!\s*(?:%|percent|per cent))"),
]
_SCALE = "|".join([*SCALES, "bn", "m", "k"])
_NUMBER = re.compile(
    rf"(?<![\w.,@-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<ord>st|nd|rd|th)?"
    rf"(?:\s*(?P<scale>{_SCALE})\b)?(?!\w)",
)
_WORD = re.compile(r"[^\W_]+|[#@][\w.-]+")
_DIGIT = re.compile(r"\d")
# Words a reader skips when deciding whether an answer stands somewhere: articles and hedges.
SKIPPED_BEFORE = frozenset(
    [
        "the",
        "a",
        "an",
        "about",
        "around",
        "approximately",
        "roughly",
        "nearly",
        "almost",
        "more",
        "less",
        "fewer",
        "than",
        "over",
        "under",
        "just",
        "at",
        "least",
        "up",
        "to",
        "some",
        "estimated",
        "close",
    ]
)
SMALL_WORDS = {word: value for word, value in UNITS.items() if value >= 2}  # "one" is a pronoun too
SCALE_VALUES = {**SCALES, "bn": 10**9, "m": 10**6, "k": 10**3}


def _date_token(month: int, day: int | None) -> str:
    return f"@{month:02d}-{day:02d}" if day else ""


def _dates(text: str) -> str:
    """Dates as '@MM-DD #YYYY' (or '@MM-DD' alone), whatever order the text writes them in."""

    def replace(match: re.Match[str]) -> str:
        groups = match.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else MONTHS[groups["m"]]
        day = int(groups["d"])
        if not 1 <= day <= 31 or not 1 <= month <= 12:
            return match.group(0)
        year = f" #{int(groups['y'])}" if groups.get("y") else ""
        return f" {_date_token(month, day)}{year} "

    for pattern in _DATES:
        text = pattern.sub(replace, text)
    return text


def _numbers(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        value = float(match.group("num").replace(",", ""))
        scale = (match.group("scale") or "").lower()
        if scale in ("m", "k", "bn") and not re.search(r"[$€£]\s*$", text[: match.start()]):
            scale = "" if scale != "bn" else scale  # "5 m" is a length; "$5m" is money
        value *= SCALE_VALUES.get(scale, 1)
        rest = "" if scale or not match.group("scale") else f" {match.group('scale')}"
        ordinal = "th" if match.group("ord") else ""
        return f" #{number_text(value).replace(',', '')}{ordinal}{rest} "

    return _NUMBER.sub(replace, text)


@functools.lru_cache(maxsize=65536)
def reader_tokens(text: str) -> tuple[str, ...]:
    """The words of ``text`` as a reader compares them: folded, numbers and dates one way,
    number words as numbers, plural -s dropped, punctuation left out."""
    text = folded(text).replace("%", " percent ").replace("per cent", "percent")
    if _DIGIT.search(text):  # every date and number pattern needs a digit: most texts have none
        text = _numbers(_dates(text))
    out: list[str] = []
    for word in _WORD.findall(text):
        if word in SMALL_WORDS:
            word = f"#{SMALL_WORDS[word]}"
        elif word in ORDINALS:
            word = f"#{ORDINALS[word]}th"
        elif word in MONTHS:
            word = calendar.month_name[MONTHS[word]].lower()
        elif len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word[0] not in "#@":
            word = word[:-1]
        out.append(word)
    return tuple(out)


def answer_keys(answer: str) -> list[tuple[str, ...]]:
    """The token runs that give ``answer`` away when a reader sees them: the answer without its
    article or hedge ("Around 1,500" → "1500"), and a date without its year ("26 July 2023" →
    "July 26")."""
    tokens = list(reader_tokens(answer))
    while tokens and tokens[0] in SKIPPED_BEFORE:
        tokens.pop(0)
    if not tokens:
        return []
    keys = [tuple(tokens)]
    if len(tokens) > 1 and tokens[0].startswith("#") and not _year(tokens[0]):
        keys.append((tokens[0],))  # "12%" is given away by "12 days" too: a number is a number
    without_years = [
        t for i, t in enumerate(tokens) if not (i and tokens[i - 1].startswith("@") and _year(t))
    ]
    if len(without_years) < len(tokens):
        keys.append(tuple(without_years))
    return keys


def _year(token: str) -> bool:
    return token.startswith("#") and token[1:].isdigit() and len(token) == 5


def name_parts(name: str) -> list[tuple[str, ...]]:
    """A person's name in part, as a reader recognises it: every word after the first
    ("Mohamed Bazoum" → "Bazoum"; "Ali Mahaman Lamine Zeine" → "Mahaman", "Lamine", "Zeine")."""
    tokens = [t for t in reader_tokens(name) if t not in SKIPPED_BEFORE]
    if len(tokens) < 2:
        return []
    return [(t,) for t in tokens[1:] if len(t) >= 3 and not t.startswith(("#", "@"))]


def proper_runs(answer: str) -> list[tuple[str, ...]]:
    """The runs of capitalised words inside a longer answer that a reader takes for it when they
    make a good part of it: "The San José copper and gold mine" → "San José"."""
    words = re.findall(r"[\w’'.-]+", answer)
    runs: list[list[str]] = [[]]
    for index, word in enumerate(words):
        if index and word[:1].isupper() and word.lower().rstrip(".") not in MONTHS:
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    size = len([t for t in reader_tokens(answer) if t not in SKIPPED_BEFORE and t not in LINKS])
    out = []
    for run in runs:
        tokens = tuple(t for t in reader_tokens(" ".join(run)) if t not in LINKS) if run else ()
        if tokens and 5 * len(tokens) >= 2 * size and len(tokens) < size:
            out.append(tokens)
    return out


LINKS = frozenset(["s", "and", "or", "of", "in", "with"])  # words that do not make a run distinctive
ROLE_STOP = frozenset(
    [
        "of",
        "who",
        "which",
        "that",
        "whose",
        "in",
        "at",
        "for",
        "with",
        "from",
        "behind",
        "to",
        "on",
        "by",
        "as",
        "after",
        "before",
    ]
)


def role_head(role: str) -> tuple[str, ...]:
    """The word a role turns on, as a reader would give it: the last word before its first
    preposition, relative pronoun or comma ("the President of Niger, …" → "president")."""
    head = re.split(r"[,;:(]", role, maxsplit=1)[0]
    tokens: list[str] = []
    for token in reader_tokens(head):
        if token in ROLE_STOP and tokens:
            break
        if token not in SKIPPED_BEFORE:
            tokens.append(token)
    return (tokens[-1],) if tokens and len(tokens[-1]) >= 4 else ()


def looks_like_a_name(text: str) -> bool:
    """Two to four words, each capitalised (particles aside): 'Mohamed Bazoum', 'Abdel Fattah al-Sisi'."""
    words = text.split()
    particles = {"al", "el", "de", "da", "di", "van", "von", "bin", "ibn", "du", "le", "la"}
    named = [w for w in words if w.split("-")[0].lower() not in particles]
    return 2 <= len(words) <= 4 and len(named) >= 2 and all(w[:1].isupper() for w in named)


def contains(tokens: tuple[str, ...], run: tuple[str, ...]) -> bool:
    """True when ``run`` stands in ``tokens`` as consecutive tokens (for tests and small checks)."""
    size = len(run)
    return any(tokens[i : i + size] == run for i in range(len(tokens) - size + 1))
