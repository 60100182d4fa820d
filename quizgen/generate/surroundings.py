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
    """The questions whose answer the worksheet's header shows (``header_shows``), each fact's
    spellings and each text looked for once: a deck's questions share their facts and answers."""
    header = " ".join(t for t in (settings.quiz_title, settings.description) if t)
    if not header:
        return []
    spellings: dict[str, list[str]] = {}
    shown: dict[str, bool] = {}

    def telling(text: str) -> bool:
        found = shown.get(text)
        if found is None:
            usable = bool(text) and text not in ("True", "False") and not BARE.fullmatch(text.strip())
            found = shown[text] = usable and mentions(header, text)
        return found

    def values(fact_id: str) -> list[str]:
        found = spellings.get(fact_id)
        if found is None:
            found = spellings[fact_id] = facts[fact_id].spellings() if fact_id in facts else []
        return found

    def shows(question: Question) -> bool:
        own = (question.answer, *question.accepted)
        return any(telling(t) for t in own) or any(telling(v) for f in question.fact_ids for v in values(f))

    return [q for q in questions if shows(q)]


def shows_answer(text: str, question: Question, facts: dict[str, Fact], telling: bool = False) -> bool:
    """Whether ``text`` names the question's answer or a value of its facts. ``telling``: only
    by a spelling that says which value it is, not a bare number or month ('33' of '33 miners'
    is no answer to 'after how many days of drilling')."""
    values = [v for f in question.fact_ids if f in facts for v in facts[f].spellings()]
    shown = [s for s in (question.answer, *question.accepted, *values) if s and s not in ("True", "False")]
    if telling:
        shown = [s for s in shown if not BARE.fullmatch(s.strip())]
    return any(mentions(text, s) for s in shown)
