"""Question templates: Jinja2 strings from the shipped YAML, with a deck's overrides."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
import yaml

from quizgen.generate.values import capfirst, date_on, date_text, number_text
from quizgen.model import Deck, InputError, Location, Problem

FACT_KINDS = ("recall", "typed", "choice", "true_false")  # forms about one fact
DECK_KINDS = ("true_false", "matching", "ordering")  # forms across facts, under `deck`
KINDS = (*FACT_KINDS, "matching", "ordering")
TEXT_KEYS = ("prompt", "answer", "statement")


@dataclass(frozen=True)
class Form:
    """One question form of a fact type: how it is answered and its compiled texts."""

    name: str
    kind: str
    options: str | None
    texts: dict[str, jinja2.Template]
    estimate: bool = False  # typed: ask for the value rounded (variables nearest, rounded)


def shipped_templates() -> dict[str, dict[str, dict[str, Any]]]:
    """The question templates shipped in the package."""
    text = resources.files("quizgen").joinpath("templates/questions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)
    env.filters.update(number_text=number_text, date_text=date_text, date_on=date_on, capfirst=capfirst)
    return env


def tidy(text: str) -> str:
    """Fold white space and start with a capital letter."""
    return capfirst(" ".join(text.split()))


class QuestionTemplates:
    """Compiled forms by fact type ('date', 'number', 'actor', 'cause', 'deck')."""

    def __init__(self, raw: dict[str, dict[str, dict[str, Any]]], origin: Location):
        env = _environment()
        self.origin = origin
        self.forms: dict[str, dict[str, Form]] = {}
        for group, forms in raw.items():
            self.forms[group] = {}
            for name, spec in forms.items():
                self.forms[group][name] = self._compile(env, group, name, spec)

    def _compile(self, env: jinja2.Environment, group: str, name: str, spec: Any) -> Form:
        where = f"question template {group}.{name}"
        if not isinstance(spec, dict):
            raise InputError([Problem(self.origin, f"{where} must be a mapping")])
        kind = spec.get("kind", "recall")
        allowed = DECK_KINDS if group == "deck" else FACT_KINDS
        if kind not in allowed:
            raise InputError(
                [Problem(self.origin, f"{where}: kind '{kind}' is not one of: {', '.join(allowed)}")]
            )
        if group == "deck" and name not in shipped_templates()["deck"]:
            raise InputError([Problem(self.origin, f"{where}: quizgen makes no such deck form")])
        try:
            texts = {k: env.from_string(str(spec[k])) for k in TEXT_KEYS if k in spec}
        except jinja2.TemplateSyntaxError as exc:
            raise InputError([Problem(self.origin, f"{where} is invalid: {exc}")]) from exc
        return Form(name, kind, spec.get("options"), texts, bool(spec.get("estimate", False)))

    @classmethod
    def for_deck(cls, deck: Deck) -> QuestionTemplates:
        """Shipped templates with the deck's overrides laid over them."""
        raw = shipped_templates()
        origin = Location(deck.settings.path, deck.settings.templates_line)
        for group, forms in deck.settings.question_templates.items():
            if group not in raw:
                known = ", ".join(raw)
                raise InputError(
                    [Problem(origin, f"question_templates: unknown fact type '{group}' (known: {known})")]
                )
            if not isinstance(forms, dict):
                raise InputError(
                    [Problem(origin, f"question_templates: '{group}' must map form names to forms")]
                )
            for name, parts in forms.items():
                if not isinstance(parts, dict):
                    message = f"question_templates: {group}.{name} must be a mapping (prompt, answer, …)"
                    raise InputError([Problem(origin, message)])
                raw[group][name] = {**raw[group].get(name, {}), **parts}
        return cls(raw, origin)

    def render(self, form: Form, key: str, where: Location, **context: Any) -> str:
        """Render one text of a form; a failing template is a problem at ``where``."""
        if key not in form.texts:
            raise InputError([Problem(self.origin, f"question template {form.name} has no '{key}'")])
        try:
            return tidy(form.texts[key].render(**context))
        except jinja2.TemplateError as exc:
            raise InputError([Problem(where, f"question template {form.name} failed: {exc}")]) from exc
