"""Stage 2, check: what the loader cannot see alone — ids across a deck, evidence in articles."""

from __future__ import annotations

from quizgen.model import CauseFact, Deck, Fact, FactSheet, Problem
from quizgen.model.spans import contains, key_span, key_spellings


def check_deck(deck: Deck) -> list[Problem]:
    """Every problem in a loaded deck, errors and warnings, in file order."""
    problems = _duplicate_ids(deck)
    for sheet in deck.sheets:
        problems += check_sheet(sheet)
    return problems


def check_sheet(sheet: FactSheet) -> list[Problem]:
    problems: list[Problem] = []
    for fact in sheet.facts:
        if sheet.article is not None:
            problems += _check_evidence(fact, sheet.article.body)
        problems += _check_key(fact)
    return problems


def _duplicate_ids(deck: Deck) -> list[Problem]:
    seen: dict[str, Fact] = {}
    problems = []
    for fact in deck.facts:
        if fact.id in seen:
            first = seen[fact.id].where("id")
            where = "line" if first.path == fact.location.path else f"{first.path} line"
            problems.append(
                Problem(
                    fact.where("id"),
                    f"duplicate id '{fact.id}' (first used at {where} {first.line}); "
                    "ids must be unique within a deck",
                )
            )
        else:
            seen[fact.id] = fact
    return problems


def _check_evidence(fact: Fact, body: str) -> list[Problem]:
    if contains(body, fact.evidence):
        return []
    return [
        Problem(
            fact.where("evidence"),
            f"evidence of '{fact.id}' is not in the article: copy the quote verbatim",
        )
    ]


def _check_key(fact: Fact) -> list[Problem]:
    if fact.gap is not None and fact.gap not in fact.evidence:
        return [Problem(fact.where("gap"), f"gap '{fact.gap}' is not part of the evidence of '{fact.id}'")]
    if key_span(fact) is not None:
        return []
    if isinstance(fact, CauseFact):
        message = f"cause '{fact.id}' has no 'gap': name the words of its evidence to blank in the cloze"
    else:
        tried = " or ".join(f"'{s}'" for s in key_spellings(fact)[:4])
        message = f"the value of '{fact.id}' is not visible in its evidence (looked for {tried})"
    return [Problem(fact.where("evidence"), message, severity="warning")]
