"""The span of a fact's evidence that states its key value."""

from __future__ import annotations

import functools
import re

from quizgen.model.base import Fact


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
        match = _spelling_pattern(spelling).search(fact.evidence)
        if match:
            return match.group(0)
    return None


@functools.lru_cache(maxsize=65536)  # one per spelling: more than re's own cache holds in a big deck
def _spelling_pattern(spelling: str) -> re.Pattern[str]:
    first, rest = re.escape(spelling[:1]), re.escape(spelling[1:])
    return re.compile(rf"(?<![\w,.])(?i:{first}){rest}(?![\w]|[,.]\d)")  # "Six" at a sentence's start
