"""Stage 4, assemble: a quiz as a whole, from a deck's generated questions.

It picks the questions (``select``: count, forms, no item giving away another, true and false
balanced, every fact once where possible) and lays out the versions (``versions``). Every
exporter reads the assembled quiz; none chooses questions itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quizgen.assemble.forms import form_of, version_letters
from quizgen.assemble.select import select_questions
from quizgen.assemble.versions import Item, Section, Version, build_versions
from quizgen.model import Question, QuizSettings

__all__ = ["Item", "Quiz", "Section", "Version", "assemble_quiz", "form_of", "version_letters"]


@dataclass(frozen=True)
class Quiz:
    """The questions of a quiz and its versions."""

    settings: QuizSettings
    questions: tuple[Question, ...]  # chosen, in generation order
    versions: tuple[Version, ...]


def assemble_quiz(questions: Sequence[Question], settings: QuizSettings) -> Quiz:
    """Choose the quiz's questions and lay out its versions."""
    chosen = select_questions(questions, settings)
    versions = build_versions(chosen, settings.seed, settings.versions) if chosen else ()
    return Quiz(settings, chosen, versions)
