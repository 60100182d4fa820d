"""Quizlet: the quiz's questions as flashcards for Quizlet's Import (between term and definition:
Tab; between cards: New line).

Each item is a card, the question as the term and the answer as the definition, followed by the
evidence and the source; a matching item gives a card per pair, a timeline one card with its
events in order. Tabs and line breaks inside a text become spaces (Quizlet's separators).
"""

from __future__ import annotations

from pathlib import Path

from quizgen.export import lms
from quizgen.export.registry import ExportJob, Output, SimpleFormat, register, text_writer

NAME = "quizlet"


def cards(entry: lms.Entry) -> list[tuple[str, str]]:
    """The (term, definition) cards of one item."""
    q = entry.question
    if entry.kind == "matching":
        return [(left, f"{right} — {entry.feedback}") for left, right in q.pairs]
    if entry.kind == "ordering":
        events = "; ".join(entry.item.events)
        return [(f"{entry.stem} {events}", f"{' → '.join(q.sequence)} — {entry.feedback}")]
    return [(entry.stem, f"{q.answer} — {entry.feedback}")]


def quizlet_text(job: ExportJob) -> str:
    lines = []
    for entry in lms.entries(job.quiz):
        for term, definition in cards(entry):
            lines.append(f"{lms.one_line(term)}\t{lms.one_line(definition)}")
    return "\n".join(lines) + "\n"


def outputs(job: ExportJob) -> list[Output]:
    if not job.quiz.questions:
        return []
    return [Output(Path(f"{job.deck.settings.key}-quizlet.txt"), text_writer(quizlet_text(job)))]


FORMAT = register(
    SimpleFormat(NAME, "Quizlet import text of the quiz: term, tab, definition (.txt)", outputs)
)
