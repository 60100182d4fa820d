"""Question templates: Jinja2 strings from the shipped YAML, with a deck's overrides."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from typing import Any

import jinja2
import yaml

from quizgen.generate.values import capfirst, date_on, date_text, number_text
from quizgen.model import Deck, InputError, Location, PartialDate, Problem
from quizgen.templating import (
    PlainDataSandbox,
    TemplateRefused,
    compile_phrase,
    phrase_environment,
    plain_data,
    render_phrase,
)
from quizgen.text.compare import suggest

FACT_KINDS = ("recall", "typed", "choice", "true_false")  # forms about one fact
DECK_KINDS = ("true_false", "matching", "ordering")  # forms across facts, under `deck`
KINDS = (*FACT_KINDS, "matching", "ordering")
TEXT_KEYS = ("prompt", "answer", "statement")
PHRASES = "phrases"  # wording that is not a form: stamps, names of round numbers
FORM_KEYS = ("kind", "options", "estimate", *TEXT_KEYS)
# The texts each kind needs, and the values a fact type can offer as options.
NEEDED_TEXTS = {
    "recall": ("prompt", "answer"),
    "typed": ("prompt", "answer"),
    "choice": ("prompt",),
    "true_false": ("statement",),
    "matching": ("prompt",),
    "ordering": ("prompt",),
}
OPTION_KINDS = {"date": ("date",), "number": ("number",), "actor": ("name",), "cause": ("cause", "effect")}


@dataclass(frozen=True)
class Form:
    """One question form of a fact type: how it is answered and its compiled texts."""

    name: str
    kind: str
    options: str | None
    texts: dict[str, jinja2.Template]
    estimate: bool = False  # typed: ask for the value rounded (variables nearest, rounded)
    group: str = ""  # the fact type, or "deck"
    from_deck: bool = False  # a deck's override: its failures are the deck's, at deck.yaml


def shipped_templates() -> dict[str, dict[str, dict[str, Any]]]:
    """The question templates shipped in the package."""
    text = resources.files("quizgen").joinpath("templates/questions.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _environment() -> PlainDataSandbox:
    # A deck's templates are input from a shared folder: plain data and lookups only.
    return phrase_environment(
        {"number_text": number_text, "date_text": date_text, "date_on": date_on, "capfirst": capfirst}
    )


def tidy_stamp(text: str) -> str:
    return " ".join(text.split())


def tidy(text: str) -> str:
    """Fold white space and start with a capital letter."""
    return capfirst(" ".join(text.split()))


class QuestionTemplates:
    """Compiled forms by fact type ('date', 'number', 'actor', 'cause', 'deck')."""

    def __init__(
        self,
        raw: dict[str, dict[str, dict[str, Any]]],
        origin: Location,
        overridden: frozenset[tuple[str, str]] = frozenset(),
    ):
        env = _environment()
        self.origin = origin
        self.overridden = overridden
        raw = dict(raw)
        phrases = raw.pop(PHRASES, {})
        try:
            self.stamp = compile_phrase(env, str(phrases.get("as_of_stamp", "")))
        except (TemplateRefused, jinja2.TemplateSyntaxError) as exc:
            raise InputError([Problem(origin, f"phrase as_of_stamp: {exc}")]) from exc
        self.nearest: dict[int, str] = {int(k): str(v) for k, v in phrases.get("nearest", {}).items()}
        self.forms: dict[str, dict[str, Form]] = {}
        for group, forms in raw.items():
            self.forms[group] = {}
            for name, spec in forms.items():
                self.forms[group][name] = self._compile(env, group, name, spec)

    def _compile(self, env: PlainDataSandbox, group: str, name: str, spec: Any) -> Form:
        where = f"question template {group}.{name}"

        def problem(message: str) -> InputError:
            return InputError([Problem(self.origin, f"{where}: {message}")])

        if not isinstance(spec, dict):
            raise problem("must be a mapping (kind, prompt, answer, …)")
        for key in spec:
            if key not in FORM_KEYS:
                raise problem(f"unknown key '{key}'{suggest(str(key), FORM_KEYS)}")
        kind = spec.get("kind", "recall")
        if group == "deck":
            shipped = shipped_templates()["deck"]
            if name not in shipped:
                raise problem(f"quizgen makes no such deck form (known: {', '.join(shipped)})")
            if kind != shipped[name]["kind"]:
                raise problem(f"the kind of this form is fixed: {shipped[name]['kind']}")
        elif kind not in FACT_KINDS:
            raise problem(f"kind '{kind}' is not one of: {', '.join(FACT_KINDS)}")
        missing = [k for k in NEEDED_TEXTS[kind] if k not in spec]
        if missing:
            raise problem(f"a {kind} form needs {' and '.join(repr(k) for k in missing)}")
        options = spec.get("options")
        if kind in ("choice", "true_false") and group != "deck":
            allowed = OPTION_KINDS[group]
            if options not in allowed:
                raise problem(f"options must be one of: {', '.join(allowed)} (the values it offers)")
        if spec.get("estimate") and (group, kind) != ("number", "typed"):
            raise problem("estimate is for typed forms of number facts")
        texts = {}
        for key in TEXT_KEYS:
            if key not in spec:
                continue
            try:
                texts[key] = compile_phrase(env, str(spec[key]))
            except jinja2.TemplateSyntaxError as exc:
                raise problem(f"invalid template: {exc}") from exc
            except TemplateRefused as exc:
                raise problem(f"{key}: {exc}") from exc
        estimate = bool(spec.get("estimate", False))
        return Form(name, kind, options, texts, estimate, group, (group, name) in self.overridden)

    @classmethod
    def for_deck(cls, deck: Deck) -> QuestionTemplates:
        """Shipped templates with the deck's overrides laid over them."""
        raw = shipped_templates()
        origin = Location(deck.settings.path, deck.settings.templates_line)
        overridden: set[tuple[str, str]] = set()
        for group, forms in deck.settings.question_templates.items():
            if group not in raw or group == PHRASES:
                known = ", ".join(g for g in raw if g != PHRASES)
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
                overridden.add((group, name))
        return cls(raw, origin, frozenset(overridden))

    def as_of_stamp(self, date: PartialDate) -> str:
        """The stamp put before a quote about a value that goes stale: "[As of November 2023]"."""
        return tidy_stamp(render_phrase(self.stamp, {"date": date.text()}))

    def render(self, form: Form, key: str, where: Location, **context: Any) -> str:
        """Render one text of a form; a failing template is a problem at ``where`` (the fact), or
        at deck.yaml when the form is the deck's override."""
        if key not in form.texts:
            message = f"question template {form.group}.{form.name} has no '{key}'"
            raise InputError([Problem(self.origin, message)])
        try:
            return tidy(render_phrase(form.texts[key], plain_data(context)))
        except Exception as exc:  # a deck's template is input: whatever it raises is its problem
            message = f"question template {form.group}.{form.name} failed: {exc}"
            if form.from_deck:
                message += f" (rendering the fact at {where})"
                where = self.origin
            raise InputError([Problem(where, message)]) from exc
