"""What a question's surroundings show: the context line of its Anki card, and the header
printed above every item of a worksheet. Neither may show the question's answer."""

from __future__ import annotations

import calendar
import re

from quizgen.model import DeckSettings, Fact, Question
from quizgen.text.compare import mentions
from quizgen.text.numbers import ORDINALS, UNITS

# a bare number, number word or month: shared by many values, it tells none of them
BARE = re.compile(
    r"[\d.,]+|(?:" + "|".join([*calendar.month_name[1:], *UNITS, *ORDINALS]) + r")", re.IGNORECASE
)
HEADER_SHOWS = "the worksheet's title or description (deck.yaml) shows its answer: reword them"


def card_context(context: str, question: Question, facts: dict[str, Fact]) -> str:
    """The sheet's context for a question, unless it shows the question's answer or its facts'
    values ('the Notre-Dame fire, 2019' answers 'In which year …?'): then the question goes without."""
    if not context:
        return ""
    return "" if shows_answer(context, question, facts) else context


def header_shows(settings: DeckSettings, question: Question, facts: dict[str, Fact]) -> bool:
    """Whether the worksheet's header (the deck's quiz title and description) shows the answer."""
    return bool(shown_by_header(settings, [question], facts))


def shown_by_header(
    settings: DeckSettings, questions: list[Question], facts: dict[str, Fact]
) -> list[Question]:
    """The questions whose answer the worksheet's header shows (``header_shows``), each text
    looked for once: a deck's questions share their facts and answers."""
    header = " ".join(t for t in (settings.quiz_title, settings.description) if t)
    if not header:
        return []
    shows = _Shows(header, facts, telling=True)
    return [q for q in questions if shows(q)]


def shows_answer(text: str, question: Question, facts: dict[str, Fact], telling: bool = False) -> bool:
    """Whether ``text`` names the question's answer or a value of its facts. ``telling``: only
    by a spelling that says which value it is, not a bare number or month ('33' of '33 miners'
    is no answer to 'after how many days of drilling')."""
    return _Shows(text, facts, telling)(question)


class _Shows:
    """``shows_answer`` for one text and many questions: each fact's spellings and each value
    looked for once."""

    def __init__(self, text: str, facts: dict[str, Fact], telling: bool):
        self.text, self.facts, self.telling = text, facts, telling
        self._spellings: dict[str, list[str]] = {}
        self._found: dict[str, bool] = {}

    def __call__(self, question: Question) -> bool:
        own = (question.answer, *question.accepted)
        return any(self._named(t) for t in own) or any(
            self._named(v) for f in question.fact_ids for v in self._values(f)
        )

    def _named(self, value: str) -> bool:
        found = self._found.get(value)
        if found is None:
            usable = bool(value) and value not in ("True", "False")
            if self.telling:
                usable = usable and not BARE.fullmatch(value.strip())
            found = self._found[value] = usable and mentions(self.text, value)
        return found

    def _values(self, fact_id: str) -> list[str]:
        found = self._spellings.get(fact_id)
        if found is None:
            fact = self.facts.get(fact_id)
            found = self._spellings[fact_id] = fact.spellings() if fact is not None else []
        return found
