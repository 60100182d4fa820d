"""Vague subjects: 'the ship was 400 metres long' reads well in the article, where the ship was
named a line before, but a card or a quiz question stands alone: 'How wide is the ship?' does
not say which ship (judges of the dev set flagged every one of them)."""

from __future__ import annotations

import re

from quizgen.model import Fact, Problem
from quizgen.text.grammar import head_noun, main_verb, tokens

# 'the ship', 'the whole rescue', 'the ratifying countries': a definite article and up to three
# lower-case words, nothing that names which one (a name, a number, 'of …', a clause).
NAME_IT = "name it as the article does"
VAGUE = re.compile(r"the (?:[a-z-]+(?:['’]s)? ){0,2}[a-z-]+")


def vague_subject(clause: str) -> str | None:
    """The clause's subject when it does not say which thing it is, else None."""
    verb = main_verb(clause)
    if verb is None:
        return None
    subject = " ".join(t.text for t in tokens(clause)[:verb])
    return subject if VAGUE.fullmatch(subject) else None


def is_vague_subject(problem: Problem) -> bool:
    """Whether the problem is this check's (a drafter leaves it for the author to resolve)."""
    return problem.severity == "warning" and NAME_IT in problem.message


def check_vague_subjects(fact: Fact) -> list[Problem]:
    """A warning at each clause of the fact whose subject does not say which one it is."""
    problems = []
    for key in fact.KEYS:
        value = getattr(fact, key.name, None)
        clause_like = key.shape == "clause" or (key.name == "effect" and _effect_is_clause(fact))
        if not clause_like or not isinstance(value, str) or not value:
            continue
        subject = vague_subject(value)
        if subject is None:
            continue
        message = (
            f"'{subject}' does not say which {head_noun(subject)} it is, and a card or a quiz question "
            f"stands alone: {NAME_IT} ('the Ever Given', 'Notre-Dame's spire')"
        )
        problems.append(Problem(fact.where(key.name), message, "warning"))
    return problems


def _effect_is_clause(fact: Fact) -> bool:
    is_clause = getattr(fact, "effect_is_clause", None)
    return bool(is_clause and is_clause())
