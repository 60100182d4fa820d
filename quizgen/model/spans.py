"""The span of a fact's evidence that states its key value."""

from __future__ import annotations

import re

from quizgen.model import ActorFact, DateFact, Fact, NumberFact
from quizgen.text.datevalue import date_spellings
from quizgen.text.numbers import number_spellings


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
