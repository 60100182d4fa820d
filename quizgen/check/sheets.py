"""Checks of fact sheets: ids across a deck, evidence against the article, values in their evidence."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from quizgen.check.aliases import check_aliases
from quizgen.check.forms import check_form_names
from quizgen.check.hints import closest_passage_hint
from quizgen.check.images import check_images
from quizgen.check.reuse import check_key, kept_problems, problems_data
from quizgen.check.review import review_comments
from quizgen.check.vague import check_vague_subjects
from quizgen.files import read_regular
from quizgen.load.yamlnodes import MAX_YAML_BYTES
from quizgen.model import Article, Deck, Fact, FactSheet, InputError, Problem
from quizgen.model.spans import key_span, key_spellings
from quizgen.text.compare import contains


def check_deck(
    deck: Deck, kept: Mapping[str, str] | None = None, keep: dict[str, str] | None = None
) -> list[Problem]:
    """Every problem in a loaded deck, errors and warnings, in file order. ``kept``: what an
    earlier check kept (``check.reuse``), reused for the sheets that did not change; ``keep``
    gets this check's, to be kept."""
    problems = _duplicate_ids(deck)
    for sheet in deck.sheets:
        problems += check_sheet(sheet) if kept is None and keep is None else _reused(sheet, kept or {}, keep)
    return problems + check_form_names(deck) + check_images(deck) + check_aliases(deck)


def _reused(sheet: FactSheet, kept: Mapping[str, str], keep: dict[str, str] | None) -> list[Problem]:
    """The problems kept of the sheet as it was loaded, else ``check_sheet``."""
    key = check_key(sheet)
    found = kept_problems(kept[key], sheet) if key in kept else None
    data = kept.get(key) if found is not None else None
    if found is None:
        raw = _as_loaded(sheet)
        if raw is None:  # saved since it was loaded: its comments are not those of the sheet loaded
            return check_sheet(sheet)
        found = check_sheet(sheet, raw)
        data = problems_data(found, sheet)
    if keep is not None and data is not None:
        keep[key] = data
    return found


def _as_loaded(sheet: FactSheet) -> bytes | None:
    """The sheet's file's bytes, if they are still those loaded."""
    try:
        raw = read_regular(sheet.path, MAX_YAML_BYTES, fix="")
    except InputError:
        return None
    return raw if hashlib.sha256(raw).hexdigest() == sheet.digest else None


def check_sheet(sheet: FactSheet, raw: bytes | None = None) -> list[Problem]:
    """The sheet's problems; ``raw``: the file's bytes as loaded, for its review comments."""
    problems: list[Problem] = []
    for fact in sheet.facts:
        if sheet.article is not None:
            problems += _check_evidence(fact, sheet.article.body)
        problems += _check_key(fact, sheet.article)
        problems += _check_draft(fact)
        problems += check_vague_subjects(fact)
    return problems + review_comments(sheet, raw)


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
    problems = fact.check(article)
    spellings = key_spellings(fact)
    if key_span(fact) is not None:
        # A date more precise than its evidence, a number it does not state: errors, since the
        # cards would state what the quote does not.
        message = fact.check_value(article)
        return [*problems, Problem(fact.where(fact.VALUE_KEY), message)] if message else problems
    if not spellings:
        if fact.type == "cause":
            message = f"cause '{fact.id}' has no 'gap': name the words of its evidence to blank in the cloze"
            problems.append(Problem(fact.where("evidence"), message, severity="warning"))
        return problems
    tried = " or ".join(f"'{s}'" for s in spellings[:4])
    message = f"the value of '{fact.id}' is not visible in its evidence (looked for {tried})"
    message += fact.value_hint(article)
    # A value its own evidence contradicts would teach a false fact: an error, not a warning.
    severity = "error" if fact.contradicted(article) else "warning"
    return [*problems, Problem(fact.where(fact.VALUE_KEY), message, severity=severity)]


def _check_draft(fact: Fact) -> list[Problem]:
    if not fact.draft:
        return []
    message = f"draft fact '{fact.id}', confirm it by removing `draft: true` (build leaves it out until then)"
    return [Problem(fact.where("draft"), message, severity="warning")]
