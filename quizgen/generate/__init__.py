"""Stage 3, generate: facts become questions through the question templates (data, not code).

Generation is deterministic: every random choice comes from a generator seeded with the deck,
the fact id and the form, so an edit to one fact changes no other fact's questions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizgen.generate.balance import balance
from quizgen.generate.combined import DeckContext, deck_questions
from quizgen.generate.graph import FactGraph
from quizgen.generate.pools import OptionPools
from quizgen.generate.reuse import FactMade, deck_digest, fits, sheet_data, sheet_key, sheet_made
from quizgen.generate.single import CLOZE_FORM, MAKERS, DeckIndexes, FactContext, Skip, cloze, holds
from quizgen.generate.surroundings import HEADER_SHOWS, card_context, shown_by_header
from quizgen.generate.templates import QuestionTemplates
from quizgen.model import Deck, Fact, FactSheet, InputError, NumberFact, Problem, Question, Source
from quizgen.text.compare import one_sentence

__all__ = ["CLOZE_FORM", "Generated", "Skipped", "generate_deck"]

COMPLETE = "Complete the sentence: "  # how the templates open a sentence to complete


@dataclass(frozen=True)
class Skipped:
    """A question form that was not made for a fact, and why."""

    deck: str
    fact_id: str
    form: str
    reason: str
    kind: str = ""


@dataclass(frozen=True)
class Generated:
    questions: tuple[Question, ...]
    skipped: tuple[Skipped, ...]
    kept: dict[str, str] = field(default_factory=dict, compare=False)  # sheet key -> its questions
    reused: int = field(default=0, compare=False)  # sheets whose questions were reused, not made


def source_of(sheet: FactSheet) -> Source:
    article = sheet.article
    if article is None:
        raise InputError([Problem(sheet.article_location, "article could not be loaded")])
    return Source(article.title, article.published, article.path.name)


def generate_deck(deck: Deck, seed: str = "", reuse: Mapping[str, str] | None = None) -> Generated:
    """Every question of a deck: per fact in sheet order and form order, then across facts.

    With ``reuse`` (what an earlier generation kept: ``Generated.kept``), a sheet whose key is
    there is not made again; the questions are the same as made anew (``generate.reuse``)."""
    templates = QuestionTemplates.for_deck(deck)
    facts = tuple(f for f in deck.facts if not f.draft)  # drafts wait for the author's confirmation
    graph = FactGraph(facts)
    sheet_of = {f.id: index for index, sheet in enumerate(deck.sheets) for f in sheet.facts}
    wrong = deck.settings.choice_options - 1
    pools: OptionPools | None = None  # made when a sheet's questions are made, not when all are reused
    shared = DeckIndexes()
    by_id = {f.id: f for f in facts}
    questions: list[Question] = []
    skipped: list[Skipped] = []
    kept: dict[str, str] = {}
    reused = 0
    sources: dict[str, Source] = {}
    several = len({s.article_ref for s in deck.sheets}) > 1  # once: per sheet, N sheets cost N x N
    digest = deck_digest(deck, seed) if reuse is not None else ""
    for sheet in deck.sheets:
        source = source_of(sheet)
        live = [fact for fact in sheet.facts if not fact.draft]  # drafts wait for confirmation
        key = sheet_key(digest, sheet) if reuse is not None else ""
        made = None if reuse is None else _reused(reuse.get(key), deck.settings.key, source, live, templates)
        if made is not None:
            kept[key] = reuse[key]  # type: ignore[index]
            reused += 1
        else:
            if pools is None:
                pools = OptionPools(facts, sheet_of)
            ctx = FactContext(
                deck.settings.key, facts, source, source.published, seed, templates, graph, sheet_of, wrong,
                several, pools, shared,
                numbers_here=frozenset(f.value for f in sheet.facts if isinstance(f, NumberFact)),
            )  # fmt: skip
            made = [_fact_made(fact, ctx) for fact in live]
            if reuse is not None:
                kept[key] = sheet_data(made)
        for fact, one in zip(live, made, strict=True):
            sources[fact.id] = source
            shared.variants.update(one.variants)
            made_here, missed = _merged(fact, one, shared.clozes)
            # Anki ships the image; a card read alone says what it is about
            here = sheet.context
            questions += [_surrounded(q, fact.image, card_context(here, q, by_id)) for q in made_here]
            skipped += [Skipped(deck.settings.key, fact.id, *miss) for miss in missed]
    contexts = {f.id: sheet.context for sheet in deck.sheets for f in sheet.facts}
    for question in deck_questions(
        DeckContext(deck.settings.key, facts, sources, seed, templates, graph, several)
    ):
        common = {contexts.get(f, "") for f in question.fact_ids}
        context = common.pop() if len(common) == 1 else ""
        questions.append(_surrounded(question, question.image, card_context(context, question, by_id)))
    given = shown_by_header(deck.settings, questions, by_id)
    skipped += [Skipped(deck.settings.key, q.fact_id, q.form, HEADER_SHOWS, q.kind) for q in given]
    questions = [q for q in questions if q not in given]
    return Generated(tuple(balance(questions, shared.variants, seed)), tuple(skipped), kept, reused)


def _surrounded(question: Question, image: Path | None, context: str) -> Question:
    """The question with its fact's image and its card's context (most have neither: not copied)."""
    if question.image == image and question.context == context:
        return question
    return replace(question, image=image, context=context)


def _reused(
    text: str | None, deck: str, source: Source, live: list[Fact], templates: QuestionTemplates
) -> list[FactMade] | None:
    """A sheet's kept questions, or None when there are none, or they do not read as what
    generation gives for these facts."""
    if text is None:
        return None
    try:
        made = sheet_made(text, deck, source)
        if len(made) != len(live):
            return None
        for fact, one in zip(live, made, strict=True):
            forms = frozenset(templates.forms.get(fact.type, {}))
            if not fits(one, fact, forms, deck, CLOZE_FORM):
                return None
    except Exception:  # kept data of any shape (nested too deep, of wrong types): made again
        return None
    return made


def _fact_made(fact: Fact, ctx: FactContext) -> FactMade:
    """One fact's questions, forms not made, keys each question may take, and cloze: all that
    depends on the fact and the deck, not on the facts before it."""
    questions: list[Question] = []
    missed: list[tuple[str, str, str]] = []  # form, reason, kind
    deck_variants, ctx.shared.variants = ctx.shared.variants, {}  # the makers note this fact's
    try:
        for form in ctx.templates.forms.get(fact.type, {}).values():
            try:
                holds(fact, form, ctx)
                questions.append(MAKERS[form.kind](fact, form, ctx))
            except Skip as exc:
                missed.append((form.name, str(exc), form.kind))
    finally:
        variants, ctx.shared.variants = ctx.shared.variants, deck_variants
    if fact.question and questions:
        # Version 1: a hand-written question replaces the prompt of the type's first form.
        first = next(iter(ctx.templates.forms.get(fact.type, {})))
        templated = next((q.prompt for q in questions if q.form == first), None)
        questions = [replace(q, prompt=fact.question) if q.prompt == templated else q for q in questions]
    made = FactMade(questions, missed, variants)
    try:
        made.cloze = cloze(fact, ctx)
    except Skip as exc:
        made.cloze_missed = str(exc)
        return made
    # a recall of the same sentence is the same card (options or typing make another one)
    recalls = (q for q in questions if q.kind == "recall" and q.answer == made.cloze.answer)
    sentence = made.cloze.prompt.removeprefix(COMPLETE)
    twin = next((q for q in recalls if one_sentence(q.prompt.removeprefix(COMPLETE), sentence)), None)
    if twin is not None:
        made.cloze_missed = f"the same sentence and answer as the {twin.form} question"
    return made


def _merged(
    fact: Fact, made: FactMade, clozes: dict[str, str]
) -> tuple[list[Question], list[tuple[str, str, str]]]:
    """A fact's questions and forms not made, its cloze dropped when an earlier fact of the deck
    made the same one (``clozes``: each cloze kept so far -> its fact)."""
    cloze_made = made.cloze
    if cloze_made is None:
        return made.questions, [*made.missed, (CLOZE_FORM, made.cloze_missed, "cloze")]
    if cloze_made.prompt in clozes:
        why = f"the same sentence and gap as the cloze of '{clozes[cloze_made.prompt]}'"
        return made.questions, [*made.missed, (CLOZE_FORM, why, "cloze")]
    if made.cloze_missed:
        return made.questions, [*made.missed, (CLOZE_FORM, made.cloze_missed, "cloze")]
    clozes[cloze_made.prompt] = fact.id
    return [*made.questions, cloze_made], made.missed
