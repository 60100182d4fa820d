"""Question templates: phrasings from ``templates/questions/`` (one file per fact type), with a
deck's overrides and a fact's own wording laid over them.

The shipped files are read and compiled once per process; a deck's overrides are compiled
when the deck is generated, with the same rules (see ``quizgen.templating``).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import jinja2
import yaml

from quizgen.model import Deck, InputError, Location, PartialDate, Problem, fact_types
from quizgen.templating import (
    PlainDataSandbox,
    TemplateRefused,
    compile_phrase,
    phrase_environment,
    plain_data,
    render_phrase,
)
from quizgen.text.compare import suggest
from quizgen.text.grammar import capfirst
from quizgen.text.numbers import number_text

FACT_KINDS = ("recall", "typed", "choice", "true_false")  # forms about one fact
DECK_KINDS = ("true_false", "matching", "ordering")  # forms across facts, under `deck`
KINDS = (*FACT_KINDS, "matching", "ordering")
TEXT_KEYS = ("prompt", "answer", "statement")
PHRASES = "phrases"  # wording that is not a form: stamps, names of round numbers
DECK = "deck"
FORM_KEYS = ("kind", "options", "estimate", "only_if", "reason", *TEXT_KEYS)
NEEDED_TEXTS = {
    "recall": ("prompt", "answer"),
    "typed": ("prompt", "answer"),
    "choice": ("prompt",),
    "true_false": ("statement",),
    "matching": ("prompt",),
    "ordering": ("prompt",),
}
EXTRA_OPTIONS = {"true_false": ("reverse",), "choice": ("outsider",)}  # beyond the type's own


def date_text(date: Any) -> str:
    """A date as a reader says it, from a date, its template data or its text."""
    if isinstance(date, PartialDate):
        return date.text()
    if isinstance(date, dict):
        return str(date["text"])
    return str(date)


def date_on(date: Any, since: bool = False) -> str:
    """'on 26 July 2023', 'in July 2023', 'in 2020', 'since 1869'."""
    text = date_text(date)
    if since:
        return f"since {text}"
    precision = date.precision if isinstance(date, PartialDate) else (date or {}).get("precision")
    return f"{'on' if precision == 'day' else 'in'} {text}"


FILTERS = {"number_text": number_text, "date_text": date_text, "date_on": date_on, "capfirst": capfirst}


@functools.cache
def environment() -> PlainDataSandbox:
    """The one phrasing environment of the process (phrasings compiled in it are cached too)."""
    return phrase_environment(FILTERS)


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
    condition: jinja2.Template | None = None  # only made when this renders "1"
    reason: str = ""  # why it was not made when the condition fails
    sources: dict[str, str] = field(default_factory=dict, compare=False)  # the texts as written


@functools.cache
def shipped_templates() -> dict[str, dict[str, Any]]:
    """The question templates shipped in the package, by file: fact types, deck, phrases."""
    folder = resources.files("quizgen").joinpath("templates/questions")
    raw: dict[str, dict[str, Any]] = {}
    for group in (*fact_types(), DECK, PHRASES):
        raw[group] = yaml.safe_load(folder.joinpath(f"{group}.yaml").read_text("utf-8")) or {}
    return raw


def tidy(text: str) -> str:
    """Fold white space and start with a capital letter."""
    return capfirst(" ".join(text.split()))


@functools.cache
def _compiled(source: str) -> jinja2.Template:
    return compile_phrase(environment(), source)


@functools.cache
def _shipped() -> QuestionTemplates:
    return QuestionTemplates(shipped_templates(), Location(resources.files("quizgen").joinpath("templates")))  # type: ignore[arg-type]


class QuestionTemplates:
    """Compiled forms by fact type and 'deck'."""

    def __init__(
        self,
        raw: dict[str, dict[str, Any]],
        origin: Location,
        overridden: frozenset[tuple[str, str]] = frozenset(),
    ):
        self.origin = origin
        self.overridden = overridden
        raw = dict(raw)
        phrases = raw.pop(PHRASES, {})
        try:
            self.stamp = _compiled(str(phrases.get("as_of_stamp", "")))
        except (TemplateRefused, jinja2.TemplateSyntaxError) as exc:
            raise InputError([Problem(origin, f"phrase as_of_stamp: {exc}")]) from exc
        self.nearest: dict[int, str] = {int(k): str(v) for k, v in phrases.get("nearest", {}).items()}
        self.forms: dict[str, dict[str, Form]] = {}
        for group, forms in raw.items():
            self.forms[group] = {name: self._compile(group, name, spec) for name, spec in forms.items()}

    def _compile(self, group: str, name: str, spec: Any) -> Form:
        where = f"question template {group}.{name}"

        def problem(message: str) -> InputError:
            return InputError([Problem(self.origin, f"{where}: {message}")])

        if not isinstance(spec, dict):
            raise problem("must be a mapping (kind, prompt, answer, …)")
        for key in spec:
            if key not in FORM_KEYS:
                raise problem(f"unknown key '{key}'{suggest(str(key), FORM_KEYS)}")
        kind = spec.get("kind", "recall")
        if group == DECK:
            shipped = shipped_templates()[DECK]
            if name not in shipped:
                raise problem(f"quizgen makes no such deck form (known: {', '.join(shipped)})")
            if kind != shipped[name].get("kind", "recall"):
                raise problem(f"the kind of this form is fixed: {shipped[name]['kind']}")
        elif kind not in FACT_KINDS:
            raise problem(f"kind '{kind}' is not one of: {', '.join(FACT_KINDS)}")
        missing = [k for k in NEEDED_TEXTS[kind] if k not in spec]
        if missing:
            raise problem(f"a {kind} form needs {' and '.join(repr(k) for k in missing)}")
        options = spec.get("options")
        if kind in ("choice", "true_false") and group != DECK:
            allowed = (*fact_types()[group].OPTIONS, *EXTRA_OPTIONS.get(kind, ()))
            if options not in allowed:
                raise problem(f"options must be one of: {', '.join(allowed)} (the values it offers)")
        if spec.get("estimate") and (group, kind) != ("number", "typed"):
            raise problem("estimate is for typed forms of number facts")
        texts, sources = {}, {}
        for key in TEXT_KEYS:
            if key in spec:
                texts[key] = self._phrase(str(spec[key]), problem, key)
                sources[key] = str(spec[key])
        condition = None
        if spec.get("only_if"):
            condition = self._phrase("{% if " + str(spec["only_if"]) + " %}1{% endif %}", problem, "only_if")
        return Form(
            name,
            kind,
            options,
            texts,
            bool(spec.get("estimate", False)),
            group,
            (group, name) in self.overridden,
            condition,
            str(spec.get("reason", "its condition does not hold for this fact")),
            sources,
        )

    @staticmethod
    def _phrase(source: str, problem: Any, key: str) -> jinja2.Template:
        try:
            return _compiled(source)
        except jinja2.TemplateSyntaxError as exc:
            raise problem(f"invalid template: {exc}") from exc
        except TemplateRefused as exc:
            raise problem(f"{key}: {exc}") from exc

    @classmethod
    def for_deck(cls, deck: Deck) -> QuestionTemplates:
        """Shipped templates with the deck's overrides laid over them."""
        if not deck.settings.question_templates:
            return _shipped()
        raw = copy.deepcopy(shipped_templates())
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
        return " ".join(render_phrase(self.stamp, {"date": date.text()}).split())

    def holds(self, form: Form, where: Location, **context: Any) -> bool:
        """Whether the form's condition holds for this context (a form without one always does)."""
        if form.condition is None:
            return True
        return self._render(form, form.condition, where, context) == "1"

    def render(self, form: Form, key: str, where: Location, **context: Any) -> str:
        """Render one text of a form; a failing template is a problem at ``where`` (the fact), or
        at deck.yaml when the form is the deck's override."""
        if key not in form.texts:
            message = f"question template {form.group}.{form.name} has no '{key}'"
            raise InputError([Problem(self.origin, message)])
        return tidy(self._render(form, form.texts[key], where, context))

    def render_text(self, source: str, where: Location, **context: Any) -> str:
        """A fact's own wording (``questions:`` in its sheet), as a phrasing of its own."""
        try:
            template = compile_phrase(environment(), source)
            return tidy(render_phrase(template, plain_data(context)))
        except (TemplateRefused, jinja2.TemplateError) as exc:
            raise InputError([Problem(where, f"this wording does not work: {exc}")]) from exc

    def _render(self, form: Form, template: jinja2.Template, where: Location, context: dict) -> str:
        try:
            return render_phrase(template, plain_data(context))
        except Exception as exc:  # a deck's template is input: whatever it raises is its problem
            message = f"question template {form.group}.{form.name} failed: {exc}"
            if form.from_deck:
                message += f" (rendering the fact at {where})"
                where = self.origin
            raise InputError([Problem(where, message)]) from exc
