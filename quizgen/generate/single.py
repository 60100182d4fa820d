"""Questions about one fact: recall, typed, multiple choice, true/false and cloze."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from quizgen.generate.distractors import (
    NoGoodOptions,
    Options,
    date_options,
    number_options,
    text_options,
)
from quizgen.generate.templates import Form, QuestionTemplates
from quizgen.generate.values import (
    is_also_true,
    number_text,
    option_text,
    option_value,
    round_to,
    same_text,
    significant_unit,
    tolerance,
    typed_accepted,
)
from quizgen.model import (
    ActorFact,
    CauseFact,
    Cloze,
    DateFact,
    Fact,
    NumberFact,
    PartialDate,
    Question,
    Source,
)
from quizgen.model.spans import key_span
from quizgen.text.compare import mentions

CLOZE_FORM = "cloze"
CLOZE_BLANK = "_____"


class Skip(Exception):
    """A form that cannot be made well for this fact; the message says why."""


@dataclass(frozen=True)
class FactContext:
    """What making questions about one fact needs to know beyond the fact."""

    deck_key: str
    facts: tuple[Fact, ...]  # every fact of the deck, for distractors
    source: Source
    published: PartialDate
    seed: str
    templates: QuestionTemplates
    truths: dict[str, bool] = field(default_factory=dict)  # fact id -> its true/false is true

    def rng(self, fact: Fact, form: str) -> random.Random:
        return random.Random(f"{self.seed}/{self.deck_key}/{fact.id}/{form}")

    def question(self, fact: Fact, form: Form, **fields) -> Question:
        return Question(
            deck=self.deck_key,
            fact_id=fact.id,
            form=form.name,
            evidence=fact.evidence,
            source=self.source,
            tags=(fact.type, *fact.tags),
            **fields,
        )


def _peers(fact: Fact, kind: str, facts: tuple[Fact, ...]) -> list[Fact]:
    """Other facts whose values are homogeneous with this fact's as options of ``kind``."""
    peers = [f for f in facts if f is not fact and not f.draft and option_value(f, kind) is not None]
    if isinstance(fact, ActorFact):
        peers = [f for f in peers if isinstance(f, ActorFact) and f.kind == fact.kind]
    if isinstance(fact, NumberFact):
        peers = [f for f in peers if isinstance(f, NumberFact) and f.unit == fact.unit]
    return peers


def _reachable(start: str, edges: list[tuple[str, str]]) -> list[str]:
    """Every phrase reachable from ``start`` along cause → effect edges, compared as text."""
    found: list[str] = []
    frontier = [start]
    while frontier:
        current = frontier.pop()
        for cause, effect in edges:
            if same_text(cause, current) and not any(same_text(effect, f) for f in found):
                found.append(effect)
                frontier.append(effect)
    return found


def also_right(fact: Fact, kind: str, facts: tuple[Fact, ...]) -> list[str]:
    """Values that would also be right through a chain of causes: X led to Y led to Z."""
    if not isinstance(fact, CauseFact):
        return []
    edges = [(f.cause, f.effect) for f in facts if isinstance(f, CauseFact)]
    if kind == "effect":
        return [fact.cause, *_reachable(fact.cause, edges)]
    if kind == "cause":
        return [fact.effect, *_reachable(fact.effect, [(e, c) for c, e in edges])]
    return []


def make_options(
    fact: Fact, kind: str, ctx: FactContext, rng: random.Random, prompt: str = "", balanced: bool = True
) -> Options:
    """Options for the fact's value of ``kind``, or NoGoodOptions.

    Never offered as wrong: an also_true value, a value that is also right through a chain of
    causes, or a value the prompt itself contains.
    """
    answer = option_value(fact, kind)
    pool = [option_value(f, kind) for f in _peers(fact, kind, ctx.facts)]
    right = also_right(fact, kind, ctx.facts)

    def excluded(value: object) -> bool:
        text = option_text(value)
        if is_also_true(fact, value) or any(same_text(text, r) for r in right):
            return True
        return bool(prompt) and mentions(prompt, text)

    if isinstance(fact, DateFact):
        # A past event's options stay on or before the article's date (its last day, for an
        # article dated by month or year).
        past = fact.date.earliest() <= ctx.published.latest()
        latest = ctx.published if past else None
        return date_options(fact.date, rng, pool, latest, excluded)  # type: ignore[arg-type]
    if isinstance(fact, NumberFact):
        low, high = tolerance(fact)
        return number_options(fact.value, rng, pool, (low, high), excluded)  # type: ignore[arg-type]
    return text_options(str(answer), rng, [str(p) for p in pool], excluded, balanced)


def _unit(fact: Fact) -> str | None:
    return fact.unit if isinstance(fact, NumberFact) else None


def recall(fact: Fact, form: Form, ctx: FactContext) -> Question:
    render = _renderer(fact, form, ctx)
    return ctx.question(fact, form, kind="recall", prompt=render("prompt"), answer=render("answer"))


def typed(fact: Fact, form: Form, ctx: FactContext) -> Question:
    if not isinstance(fact, DateFact | NumberFact):
        raise Skip("typed answers are for dates and numbers")
    extra: dict[str, object] = {}
    accepted = typed_accepted(fact)
    tol = tolerance(fact) if isinstance(fact, NumberFact) else None
    if form.estimate:
        rounded, unit = _estimate(fact, ctx.templates.nearest)
        extra = {"nearest": ctx.templates.nearest[int(unit)], "rounded": rounded}
        accepted = (number_text(rounded), number_text(rounded).replace(",", ""))
        tol = (rounded - unit / 2, rounded + unit / 2)
    render = _renderer(fact, form, ctx, **extra)
    answer = render("answer")
    return ctx.question(
        fact,
        form,
        kind="typed",
        prompt=render("prompt"),
        answer=answer,
        accepted=tuple(a for a in dict.fromkeys(accepted) if a != answer),
        tolerance=tol,
    )


def _estimate(fact: Fact, nearest: dict[int, str]) -> tuple[float, float]:
    """The value rounded for an estimation question, and the unit it is rounded to."""
    if not isinstance(fact, NumberFact) or fact.value < 100:
        raise Skip("estimation is for numbers of 100 and more")
    magnitude = 10 ** (len(str(int(abs(fact.value)))) - 2)
    unit = max(significant_unit(fact.value), magnitude)
    if unit not in nearest:
        raise Skip("no round unit to estimate to")
    rounded = round_to(fact.value, unit)
    if rounded == fact.value:
        raise Skip("the value is already round: estimating it would repeat the typed question")
    return rounded, unit


def choice(fact: Fact, form: Form, ctx: FactContext) -> Question:
    if form.options is None or option_value(fact, form.options) is None:
        raise Skip(f"this fact has no {form.options} to offer")
    prompt = _renderer(fact, form, ctx)("prompt")
    try:
        options = make_options(fact, form.options, ctx, ctx.rng(fact, form.name), prompt)
    except NoGoodOptions as exc:
        raise Skip(str(exc)) from exc
    texts = tuple(option_text(v, _unit(fact)) for v in options.values)
    return ctx.question(
        fact,
        form,
        kind="choice",
        prompt=prompt,
        answer=texts[options.answer_index],
        options=texts,
        ordered=isinstance(fact, DateFact | NumberFact),
    )


def true_false(fact: Fact, form: Form, ctx: FactContext) -> Question:
    if form.options is None or option_value(fact, form.options) is None:
        raise Skip(f"this fact has no {form.options} to state")
    rng = ctx.rng(fact, form.name)
    truth = ctx.truths.get(fact.id, rng.random() < 0.5)
    try:
        options = make_options(fact, form.options, ctx, rng, balanced=False)  # one value is shown
    except NoGoodOptions as exc:
        raise Skip(f"no false value to swap in: {exc}") from exc
    wrong = [v for i, v in enumerate(options.values) if i != options.answer_index]
    value = options.values[options.answer_index] if truth else rng.choice(wrong)
    shown = number_text(value) if isinstance(value, float | int) else value
    statement = _renderer(fact, form, ctx, value=shown)("statement")
    answer = "True" if truth else "False"
    return ctx.question(
        fact, form, kind="true_false", prompt=statement, answer=answer, options=("True", "False")
    )


def cloze(fact: Fact, ctx: FactContext) -> Question:
    span = key_span(fact)
    if span is None:
        raise Skip("no gap: the key value is not visible in the evidence")
    before, gap, after = fact.evidence.partition(span)
    # A quote that is part of a sentence is marked as such, as in print.
    if not fact.evidence[:1].isupper() and not fact.evidence[:1].isdigit():
        before = f"…{before}"
    if fact.evidence[-1:] not in '.?!"”’':
        after = f"{after}…"
    if isinstance(fact, NumberFact) and fact.as_of is not None:
        before = f"{ctx.templates.as_of_stamp(fact.as_of)} {before}"
    return Question(
        deck=ctx.deck_key,
        fact_id=fact.id,
        form=CLOZE_FORM,
        kind="cloze",
        prompt=f"{before}{CLOZE_BLANK}{after}",
        answer=gap,
        evidence=fact.evidence,
        source=ctx.source,
        tags=(fact.type, *fact.tags),
        cloze=Cloze(before, gap, after),
    )


def _renderer(fact: Fact, form: Form, ctx: FactContext, **extra) -> Callable[[str], str]:
    def render(key: str) -> str:
        return ctx.templates.render(form, key, fact.location, fact=fact, article=ctx.source, **extra)

    return render


MAKERS = {"recall": recall, "typed": typed, "choice": choice, "true_false": true_false}


def balanced_truths(facts: tuple[Fact, ...], seed: str) -> dict[str, bool]:
    """Whether each fact's true/false statement is true: half of them, in a seeded order.

    Drawn one by one, a small deck can come out all true or all false, which students learn
    to exploit; a balanced draw keeps "True" worth no more than a guess.
    """
    pattern = [index % 2 == 0 for index in range(len(facts))]
    random.Random(f"{seed}/true_false").shuffle(pattern)
    return {fact.id: truth for fact, truth in zip(facts, pattern, strict=True)}
