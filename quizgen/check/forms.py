"""Form names a fact sheet writes (``skip:``, ``questions:``): a name that is no form of the
fact's type is a typo that silently does nothing, so `check` says so."""

from __future__ import annotations

import functools

from quizgen.model import Deck, Fact, Problem
from quizgen.text.compare import suggest

CLOZE = "cloze"  # made for every type, outside the templates
PER_FACT_DECK_FORMS = ("before_after",)  # the deck's forms a fact may keep out of ('skip:' only)


@functools.cache
def _shipped() -> dict[str, frozenset[str]]:
    from quizgen.load.schema import shipped_forms  # package data, read once

    return {group: frozenset(forms) for group, forms in shipped_forms().items()}


def check_form_names(deck: Deck) -> list[Problem]:
    """A warning for each name under a fact's ``skip:`` or ``questions:`` that is not one of its
    forms (shipped, or added by the deck's question_templates), with the closest one."""
    added = {group: frozenset(forms) for group, forms in (deck.settings.question_templates or {}).items()
             if isinstance(forms, dict)}  # fmt: skip
    problems: list[Problem] = []
    for fact in deck.facts:
        forms = _shipped().get(fact.type, frozenset()) | added.get(fact.type, frozenset()) | {CLOZE}
        problems += _unknown(fact, "skip", fact.skip, forms | set(PER_FACT_DECK_FORMS))
        problems += _unknown(fact, "questions", fact.questions, forms)
    return problems


def _unknown(fact: Fact, key: str, names, forms: frozenset[str]) -> list[Problem]:
    known = sorted(forms)
    return [
        Problem(
            fact.where(key),
            f"'{name}' under {key} is not a form of a {fact.type} fact, so it does nothing: write one "
            f"of {', '.join(known)}{suggest(str(name), known)}",
            severity="warning",
        )
        for name in names
        if name not in forms
    ]
