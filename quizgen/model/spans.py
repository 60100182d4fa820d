"""The span of a fact's evidence that states its key value."""

from __future__ import annotations

import functools
import re

from quizgen.model.base import Fact
from quizgen.text.compare import stands_alone


def key_spellings(fact: Fact) -> list[str]:
    """The ways the fact's key value may be written in its evidence."""
    return fact.spellings()


def key_span(fact: Fact) -> str | None:
    """The exact text of the evidence that states the fact's key value, if visible there.

    A fact's own ``gap`` wins; otherwise the first spelling of its value that occurs in the
    evidence as a whole word or number.
    """
    if fact.gap is not None:
        return fact.gap if fact.gap in fact.evidence else None
    for spelling in key_spellings(fact):
        if not spelling:
            continue
        found = spelling_in(spelling, fact.evidence)
        if found is not None:
            return found
    return None


def spelling_in(spelling: str, text: str) -> str | None:
    r"""The first place ``text`` writes ``spelling`` as a whole word or number, its first letter
    in either case ("Six" at a sentence's start): what
    ``(?<![\w,.])(?i:F)REST(?![\w]|[,.]\d)`` finds, without compiling a pattern per spelling
    (thousands in a big deck): the rest is found as it is written, the first letter by a pattern
    per letter, and the edges as ``mentions`` tests them."""
    first, rest = spelling[:1], spelling[1:]
    if not rest:
        match = _spelling_pattern(spelling).search(text)
        return match.group(0) if match else None
    same_first = _first_letter(first)
    at = text.find(rest, 1)
    while at >= 0:
        start, end = at - 1, at + len(rest)
        if same_first.fullmatch(text, start, at) and stands_alone(text, start, end):
            return text[start:end]
        at = text.find(rest, at + 1)
    return None


@functools.lru_cache(maxsize=1024)
def _first_letter(letter: str) -> re.Pattern[str]:
    return re.compile(rf"(?i:{re.escape(letter)})")


@functools.lru_cache(maxsize=1024)  # spellings of one character only: few
def _spelling_pattern(spelling: str) -> re.Pattern[str]:
    first, rest = re.escape(spelling[:1]), re.escape(spelling[1:])
    return re.compile(rf"(?<![\w,.])(?i:{first}){rest}(?![\w]|[,.]\d)")  # "Six" at a sentence's start
