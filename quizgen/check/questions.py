"""Checks of generated questions: what would teach badly is an error at the fact it comes from."""

from __future__ import annotations

from quizgen.check.critic import criticise
from quizgen.model import Deck, Fact, Location, Problem, Question
from quizgen.text.compare import folded, mentions, same_text

NO_LEAK_KINDS = ("recall", "choice", "typed")


def check_questions(deck: Deck, questions: tuple[Question, ...]) -> list[Problem]:
    """Questions that would teach badly: leaked answers, duplicate or also-true options, empties.

    Each problem points at the fact the question comes from.
    """
    facts = {f.id: f for f in deck.facts}
    problems = []
    for question in questions:
        fact = facts.get(question.fact_ids[0])
        where = fact.location if fact else Location(deck.settings.path)
        for message in _question_faults(question, fact):
            problems.append(Problem(where, f"{question.id}: {message}"))
    for question, severity, message in criticise(deck, questions):
        fact = facts.get(question.fact_ids[0])
        where = fact.location if fact else Location(deck.settings.path)
        problems.append(Problem(where, f"{question.id}: {message}", severity))  # type: ignore[arg-type]
    return problems


def _question_faults(question: Question, fact: Fact | None) -> list[str]:
    faults = []
    if not question.prompt.strip() or not question.answer.strip():
        faults.append("renders an empty prompt or answer")
    if question.kind in NO_LEAK_KINDS and _leaks(question):
        faults.append(f"the prompt gives away its answer '{question.answer}'")
    if question.cloze is not None and _leaks(question):
        faults.append(
            f"the cloze text shows its gap '{question.cloze.gap}' elsewhere: "
            "shorten the evidence or choose another gap"
        )
    if len({folded(o) for o in question.options}) != len(question.options):
        faults.append("has duplicate options")
    if question.options and sum(folded(o) == folded(question.answer) for o in question.options) != 1:
        faults.append("its answer is not among its options exactly once")
    if fact is not None and question.kind == "choice":
        for option in question.options:
            if not same_text(option, question.answer) and any(same_text(option, a) for a in fact.also_true):
                faults.append(f"offers '{option}', which is also true, as a wrong option")
    return faults


def _leaks(question: Question) -> bool:
    return mentions(question.prompt, question.answer)
