"""The sections of a quiz and the seeded generators every shuffle draws from."""

from __future__ import annotations

import random

from quizgen.model import Question

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
FORM_OF_KIND = {
    "choice": "choice",
    "true_false": "true_false",
    "matching": "matching",
    "ordering": "ordering",
    "cloze": "cloze",
    "recall": "short_answer",
    "typed": "short_answer",
}


def form_of(question: Question) -> str:
    """The quiz section a question goes in (one of QUIZ_FORMS)."""
    return FORM_OF_KIND[question.kind]


def version_letters(count: int) -> tuple[str, ...]:
    if not 1 <= count <= len(LETTERS):
        raise ValueError(f"versions must be from 1 to {len(LETTERS)}, not {count}")
    return tuple(LETTERS[:count])


def seeded(seed: str, *parts: str) -> random.Random:
    """A private generator seeded from the quiz seed and the given parts (never the global one)."""
    return random.Random("\x1f".join((str(seed), *parts)))
