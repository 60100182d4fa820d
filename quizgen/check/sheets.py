"""Checks of fact sheets: ids across a deck, evidence against the article, values in their evidence."""

from __future__ import annotations

from quizgen.check.hints import (
    closest_passage_hint,
    contradicts,
    evidence_gives_hint,
    unsupported_date_precision,
    unsupported_number,
)
from quizgen.check.images import check_images
from quizgen.model import Article, CauseFact, Deck, Fact, FactSheet, Problem
from quizgen.model.spans import key_span, key_spellings
from quizgen.text.compare import contains


def check_deck(deck: Deck) -> list[Problem]:
    """Every problem in a loaded deck, errors and warnings, in file order."""
    problems = _duplicate_ids(deck)
    for sheet in deck.sheets:
        problems += check_sheet(sheet)
    return problems + check_images(deck)


def check_sheet(sheet: FactSheet) -> list[Problem]:
    problems: list[Problem] = []
    for fact in sheet.facts:
        if sheet.article is not None:
            problems += _check_evidence(fact, sheet.article.body)
        problems += _check_key(fact, sheet.article)
        problems += _check_draft(fact)
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
            f"evidence of '{fact.id}' is not in the article: copy the quote verbatim"
            + closest_passage_hint(fact.evidence, body),
        )
    ]


def _check_key(fact: Fact, article: Article | None = None) -> list[Problem]:
    if fact.gap is not None and fact.gap not in fact.evidence:
        return [Problem(fact.where("gap"), f"gap '{fact.gap}' is not part of the evidence of '{fact.id}'")]
    if key_span(fact) is not None:
        return _check_value_in_evidence(fact, article)
    if isinstance(fact, CauseFact):
        message = f"cause '{fact.id}' has no 'gap': name the words of its evidence to blank in the cloze"
        return [Problem(fact.where("evidence"), message, severity="warning")]
    tried = " or ".join(f"'{s}'" for s in key_spellings(fact)[:4])
    message = f"the value of '{fact.id}' is not visible in its evidence (looked for {tried})"
    message += evidence_gives_hint(fact, article)
    # A value its own evidence contradicts would teach a false fact: an error, not a warning.
    severity = "error" if contradicts(fact, article) else "warning"
    return [Problem(fact.where(VALUE_KEYS[fact.type]), message, severity=severity)]


def _check_value_in_evidence(fact: Fact, article: Article | None) -> list[Problem]:
    """A date more precise than its evidence, or a number its evidence does not state: errors,
    since the cards would state what the quote does not."""
    if article is None:
        return []
    message = unsupported_date_precision(fact, article) or unsupported_number(fact, article)
    return [Problem(fact.where(VALUE_KEYS[fact.type]), message)] if message else []


VALUE_KEYS = {"date": "date", "number": "value", "actor": "name", "cause": "effect"}  # where to point


def _check_draft(fact: Fact) -> list[Problem]:
    if not fact.draft:
        return []
    message = f"draft fact '{fact.id}', confirm it by removing `draft: true` (build leaves it out until then)"
    return [Problem(fact.where("draft"), message, severity="warning")]
