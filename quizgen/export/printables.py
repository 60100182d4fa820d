"""The printed material of a deck: every version of its worksheet, and its study sheet."""

from __future__ import annotations

from collections.abc import Sequence

from quizgen.assemble import assemble_quiz
from quizgen.export import html_quiz, study_sheet
from quizgen.model import Deck, Question, QuizSettings


def printable_files(
    deck: Deck, questions: Sequence[Question], settings: QuizSettings | None = None
) -> dict[str, str]:
    """File name → HTML: the worksheet of each version (with its key), then the study sheet.

    ``settings`` default to the deck's own (``quiz:`` in deck.yaml)."""
    settings = settings or deck.settings.quiz
    files = html_quiz.render_quiz_versions(deck, assemble_quiz(questions, settings), settings.paper)
    files[study_sheet.study_sheet_name(deck)] = study_sheet.render_study_sheet(deck, settings.paper)
    return files
