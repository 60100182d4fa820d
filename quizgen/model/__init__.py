"""The typed model that every pipeline stage shares: articles, decks, facts and questions.

``base`` holds the core; each fact type is a module of ``facts`` registered in ``registry``.
"""

from quizgen.model.base import (
    PAPER_SIZES,
    QUIZ_FORMS,
    Article,
    Cloze,
    Deck,
    DeckSettings,
    Fact,
    FactSheet,
    InputError,
    Location,
    Problem,
    Question,
    QuestionKind,
    QuizSettings,
    Source,
)
from quizgen.model.facts.actor import ACTOR_KINDS, ActorFact
from quizgen.model.facts.cause import CauseFact
from quizgen.model.facts.date import DateFact
from quizgen.model.facts.event import EventFact
from quizgen.model.facts.listing import ListFact
from quizgen.model.facts.number import HEDGES, NumberFact
from quizgen.model.facts.place import PlaceFact
from quizgen.model.facts.quote import QuoteFact
from quizgen.model.registry import FACT_TYPES, fact_types
from quizgen.text.datevalue import PartialDate

__all__ = [
    "ACTOR_KINDS",
    "FACT_TYPES",
    "HEDGES",
    "PAPER_SIZES",
    "QUIZ_FORMS",
    "ActorFact",
    "Article",
    "CauseFact",
    "Cloze",
    "DateFact",
    "Deck",
    "DeckSettings",
    "EventFact",
    "Fact",
    "FactSheet",
    "InputError",
    "ListFact",
    "Location",
    "NumberFact",
    "PartialDate",
    "PlaceFact",
    "Problem",
    "Question",
    "QuestionKind",
    "QuizSettings",
    "QuoteFact",
    "Source",
    "fact_types",
]
