"""Stage 3, generate: facts become questions through the question templates (data, not code)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
import yaml

from quizgen.model import (
    Cloze,
    Deck,
    Fact,
    FactSheet,
    InputError,
    Location,
    PartialDate,
    Problem,
    Question,
    Source,
)
from quizgen.model.spans import key_span

CLOZE_FORM = "cloze"
CLOZE_BLANK = "_____"


@dataclass(frozen=True)
class Skipped:
    """A question form that was not made for a fact, and why."""

    deck: str
    fact_id: str
    form: str
    reason: str


@dataclass(frozen=True)
class Generated:
    questions: tuple[Question, ...]
    skipped: tuple[Skipped, ...]


def number_text(value: float) -> str:
    """1500 -> '1,500'; 2.5 -> '2.5'."""
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def date_text(date: PartialDate) -> str:
    return date.text()


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def shipped_templates() -> dict[str, dict[str, dict[str, str]]]:
    """The question templates shipped in the package."""
    text = resources.files("quizgen").joinpath("templates/questions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


class QuestionTemplates:
    """Compiled prompt and answer templates by fact type and form."""

    def __init__(self, raw: dict[str, dict[str, dict[str, str]]], origin: Location):
        env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
        env.filters.update(number_text=number_text, date_text=date_text, capfirst=capfirst)
        self.forms: dict[str, dict[str, tuple[jinja2.Template, jinja2.Template]]] = {}
        for fact_type, forms in raw.items():
            self.forms[fact_type] = {}
            for form, parts in forms.items():
                try:
                    self.forms[fact_type][form] = (
                        env.from_string(parts["prompt"]),
                        env.from_string(parts["answer"]),
                    )
                except (KeyError, TypeError, jinja2.TemplateSyntaxError) as exc:
                    raise InputError(
                        [Problem(origin, f"question template {fact_type}.{form} is invalid: {exc}")]
                    ) from exc

    @classmethod
    def for_deck(cls, deck: Deck) -> QuestionTemplates:
        """Shipped templates with the deck's overrides laid over them."""
        raw = shipped_templates()
        overrides = deck.settings.question_templates
        origin = Location(deck.settings.path, 1)
        for fact_type, forms in overrides.items():
            if fact_type not in raw or not isinstance(forms, dict):
                raise InputError([Problem(origin, f"question_templates: unknown fact type '{fact_type}'")])
            for form, parts in forms.items():
                raw[fact_type][form] = {**raw[fact_type].get(form, {}), **(parts or {})}
        return cls(raw, origin)

    def render(self, fact: Fact, form: str, context: dict[str, Any]) -> tuple[str, str]:
        prompt_t, answer_t = self.forms[fact.type][form]
        try:
            prompt = _tidy(prompt_t.render(fact=fact, **context))
            answer = _tidy(answer_t.render(fact=fact, **context))
        except jinja2.TemplateError as exc:
            raise InputError(
                [Problem(fact.location, f"question template {fact.type}.{form} failed: {exc}")]
            ) from exc
        return prompt, answer


def _tidy(text: str) -> str:
    return capfirst(" ".join(text.split()))


def generate_deck(deck: Deck) -> Generated:
    """Every question of a deck, in sheet and fact order, then form order. Deterministic."""
    templates = QuestionTemplates.for_deck(deck)
    questions: list[Question] = []
    skipped: list[Skipped] = []
    for sheet in deck.sheets:
        source = _source(sheet)
        for fact in sheet.facts:
            if fact.draft:  # candidates from `quizgen new` wait for the author's confirmation
                continue
            made, missed = _fact_questions(deck, fact, source, templates)
            questions += made
            skipped += missed
    return Generated(tuple(questions), tuple(skipped))


def _source(sheet: FactSheet) -> Source:
    article = sheet.article
    if article is None:
        raise InputError([Problem(sheet.article_location, "article could not be loaded")])
    return Source(article.title, article.published, article.path.name)


def _fact_questions(
    deck: Deck, fact: Fact, source: Source, templates: QuestionTemplates
) -> tuple[list[Question], list[Skipped]]:
    key = deck.settings.key
    tags = (fact.type, *fact.tags)
    context = {"article": source}
    questions = []
    for index, form in enumerate(templates.forms.get(fact.type, {})):
        prompt, answer = templates.render(fact, form, context)
        if index == 0 and fact.question:
            prompt = fact.question
        questions.append(Question(key, fact.id, form, "recall", prompt, answer, fact.evidence, source, tags))
    span = key_span(fact)
    if span is None:
        reason = "no gap: the key value is not visible in the evidence"
        return questions, [Skipped(key, fact.id, CLOZE_FORM, reason)]
    before, gap, after = fact.evidence.partition(span)
    cloze = Cloze(before, gap, after)
    prompt = f"{before}{CLOZE_BLANK}{after}"
    questions.append(
        Question(key, fact.id, CLOZE_FORM, "cloze", prompt, gap, fact.evidence, source, tags, cloze)
    )
    return questions, []
