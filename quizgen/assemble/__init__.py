"""Stage 4, assemble: a quiz as a whole, from a deck's generated questions.

It picks the questions (``select``: count, forms, no item giving away another or asking its
answer again, true and false balanced, every fact at most once) and lays out the versions
(``versions``). It ties each item to its article where the deck has several. Every exporter
reads the assembled quiz; none chooses questions itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quizgen.assemble.forms import form_of, version_letters
from quizgen.assemble.select import select_questions
from quizgen.assemble.versions import Item, Section, Version, build_versions
from quizgen.model import Deck, Question, QuizSettings, Source

__all__ = [
    "Item",
    "Quiz",
    "Section",
    "Version",
    "assemble_quiz",
    "form_of",
    "quiz_title",
    "version_letters",
]


@dataclass(frozen=True)
class Quiz:
    """The questions of a quiz, its versions, and the articles it asks about."""

    settings: QuizSettings
    questions: tuple[Question, ...]  # chosen, in generation order
    versions: tuple[Version, ...]
    articles: tuple[Source, ...] = ()  # the deck's articles, in sheet order
    article_of: dict[str, int] = field(default_factory=dict, compare=False)  # fact id -> index

    @property
    def several_articles(self) -> bool:
        return len(self.articles) > 1

    def articles_of(self, question: Question) -> tuple[int, ...]:
        """The 1-based numbers of the articles a question is about, in article order."""
        found = {self.article_of[f] for f in question.fact_ids if f in self.article_of}
        if not found and question.source in self.articles:
            found = {self.articles.index(question.source)}
        return tuple(sorted(i + 1 for i in found))


def quiz_title(deck: Deck) -> str:
    """The title printed on the quiz: ``quiz_title``, else the last part of the deck name."""
    settings = deck.settings
    return settings.quiz_title or settings.name.split("::")[-1].strip()


def assemble_quiz(questions: Sequence[Question], settings: QuizSettings, deck: Deck | None = None) -> Quiz:
    """Choose the quiz's questions and lay out its versions.

    With the deck, the choice knows each question's facts (a person's name in part, the true
    value of a true/false statement) and what every reader sees on the sheet (title,
    description, the articles' titles), and items are tied to their articles."""
    articles, article_of = _articles(questions, deck)
    facts = {f.id: f for f in deck.facts} if deck is not None else {}
    shown: list[str] = []
    if deck is not None:
        shown = [quiz_title(deck), deck.settings.description]
        if len(articles) > 1:
            shown += [a.title for a in articles]
    chosen = select_questions(questions, settings, facts, shown)
    versions = build_versions(chosen, settings.seed, settings.versions) if chosen else ()
    return Quiz(settings, chosen, versions, articles, article_of)


def _articles(questions: Sequence[Question], deck: Deck | None) -> tuple[tuple[Source, ...], dict[str, int]]:
    """The articles in sheet order (else in order of first question), and each fact's article."""
    sources: dict[str, Source] = {}
    places: dict[str, int] = {}  # an article's path -> its place among them (lookups: 1,000 articles)
    article_of: dict[str, int] = {}
    for question in questions:
        path = question.source.path
        if path not in sources:
            sources[path], places[path] = question.source, len(sources)
        if "+" not in question.fact_id:
            article_of.setdefault(question.fact_id, places[path])
    if deck is not None:
        order = [s.article.path.name if s.article else s.article_ref for s in deck.sheets]
        listed = set(order)
        paths = [p for p in dict.fromkeys(order) if p in sources] + [p for p in sources if p not in listed]
        places = {path: place for place, path in enumerate(paths)}
        by_fact = {
            f.id: (s.article.path.name if s.article else s.article_ref) for s in deck.sheets for f in s.facts
        }
        article_of = {fact: places[path] for fact, path in by_fact.items() if path in places}
        return tuple(sources[p] for p in paths), article_of
    return tuple(sources.values()), article_of
