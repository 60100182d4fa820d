"""Stage 4, export a study sheet: a printable one-page summary of each article from its facts.

Timeline of dates, key numbers with their hedges, who's who, and causes leading to effects:
the handout that goes with the quiz. One HTML file per deck, one page per article.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizgen.export.html_quiz import environment
from quizgen.model import ActorFact, CauseFact, DateFact, Deck, FactSheet, NumberFact
from quizgen.text.numbers import number_text


@dataclass(frozen=True)
class KeyNumber:
    value: str  # with its hedge and unit: "around 1,500"
    what: str  # what is counted: "French troops were stationed in Niger"
    as_of: str = ""  # "November 2023" for values that go stale


@dataclass(frozen=True)
class ArticleSummary:
    """What the study sheet shows of one article."""

    title: str
    published: str
    source: str
    timeline: tuple[tuple[str, str], ...]  # (date, event), earliest first
    numbers: tuple[KeyNumber, ...]
    actors: tuple[ActorFact, ...]
    causes: tuple[tuple[str, str], ...]  # (cause, effect)


def summarise(sheet: FactSheet) -> ArticleSummary:
    """The study-sheet summary of one fact sheet (draft facts left out)."""
    facts = [f for f in sheet.facts if not f.draft]
    dates = sorted((f for f in facts if isinstance(f, DateFact)), key=lambda f: (f.date.earliest(), f.id))
    article = sheet.article
    return ArticleSummary(
        title=article.title if article else sheet.article_ref,
        published=article.published.text() if article else "",
        source=article.source if article else "",
        timeline=tuple((f.date.text(), _capfirst(f.event)) for f in dates),
        numbers=tuple(_key_number(f) for f in facts if isinstance(f, NumberFact)),
        actors=tuple(f for f in facts if isinstance(f, ActorFact)),
        causes=tuple((_capfirst(f.cause), f.effect) for f in facts if isinstance(f, CauseFact)),
    )


def _key_number(fact: NumberFact) -> KeyNumber:
    value = " ".join(p for p in (fact.hedge, number_text(fact.value), fact.unit) if p)
    return KeyNumber(value, fact.how_many, fact.as_of.text() if fact.as_of else "")


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def study_sheet_name(deck: Deck) -> str:
    return f"{deck.settings.key}-study.html"


def render_study_sheet(deck: Deck, paper: str = "a4") -> str:
    """The deck's study sheet: one page per article, self-contained and escaped."""
    settings = deck.settings
    template = environment().get_template("study-sheet.html.j2")
    return template.render(
        title=settings.quiz_title or settings.name.split("::")[-1],
        deck_name=" › ".join(part.strip() for part in settings.name.split("::")),
        paper="letter" if paper.lower() == "letter" else "A4",
        articles=[summarise(sheet) for sheet in deck.sheets],
    )
