"""Stage 4, export a study sheet: a printable one-page summary of each article from its facts.

Timeline of dates, key numbers with their hedges, who's who, and causes leading to effects.
It is handed out *before* the quiz, for revision: it states the facts the quiz asks about, so
the worksheet says "closed book" and the sheet says it is put away during the quiz. One HTML
file per deck, one page per article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizgen.assemble import quiz_title
from quizgen.export.html_quiz import environment
from quizgen.model import Deck, FactSheet

SECTIONS = ("timeline", "numbers", "who", "events", "places", "quotes", "lists", "causes")


@dataclass(frozen=True)
class ArticleSummary:
    """What the study sheet shows of one article: its rows by section, as plain data."""

    title: str
    published: str
    source: str
    sections: dict[str, list[dict[str, Any]]]


def summarise(sheet: FactSheet) -> ArticleSummary:
    """The study-sheet summary of one fact sheet (draft facts left out): each fact's row in its
    type's section, the timeline in date order."""
    sections: dict[str, list[dict[str, Any]]] = {name: [] for name in SECTIONS}
    for fact in sheet.facts:
        if fact.draft:
            continue
        entry = fact.study()
        if entry is not None:
            section, row = entry
            sections.setdefault(section, []).append(row)
    sections["timeline"].sort(key=lambda row: row.get("sort", ""))
    article = sheet.article
    return ArticleSummary(
        title=article.title if article else sheet.article_ref,
        published=article.published.text() if article else "",
        source=article.source if article else "",
        sections=sections,
    )


def study_sheet_name(deck: Deck) -> str:
    return f"{deck.settings.key}-study.html"


def render_study_sheet(deck: Deck, paper: str = "a4") -> str:
    """The deck's study sheet: one page per article, self-contained and escaped."""
    template = environment().get_template("study-sheet.html.j2")
    title = quiz_title(deck)
    return template.render(
        title=title,
        deck_name=" › ".join(part.strip() for part in deck.settings.name.split("::")),  # h1: the article
        paper="letter" if paper.lower() == "letter" else "A4",
        articles=[summarise(sheet) for sheet in deck.sheets],
    )
