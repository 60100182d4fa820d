"""Cause facts: what led to what, each side a noun phrase."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import clause_problem, clearly_a_verb, noun_phrase_problem
from quizgen.text.grammar import capfirst, close_aside, main_verb, tokens, wh_question


@register
@dataclass(frozen=True)
class CauseFact(Fact):
    TYPE: ClassVar[str] = "cause"
    DOC: ClassVar[str] = "what led to what"
    VALUE_KEY: ClassVar[str] = "effect"
    OPTIONS: ClassVar[dict[str, str]] = {"cause": "text", "effect": "text"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("cause", "phrase", "What led to the effect, as a noun phrase.", shape="noun_phrase",
            required=True, example="the suspension of anti-terrorist cooperation"),
        Key("effect", "phrase", "What it led to, as a noun phrase ('the immobilization of French forces'), "
            "or, in version 2, as a clause ('French forces were immobilized'), which asks 'Why were French "
            "forces immobilized?'.", shape="noun_phrase", required=True,
            example="the immobilization of French forces in Niger"),
        Key("one_of", "bool", "true when the article gives this cause as one of several reasons: "
            "questions then ask for 'one reason'.", versions=(2,)),
        Key("possible", "bool", "true when the article says the cause could or might lead to the effect "
            "('could cause fear', 'might have played a part'): questions say 'could', and the pair "
            "is never matched as a fact.", versions=(2,)),
    )  # fmt: skip

    cause: str = ""
    effect: str = ""
    one_of: bool = False
    possible: bool = False

    def option_value(self, kind: str) -> Any:
        if kind == "cause":
            return self.cause
        if kind == "effect":
            return self.effect
        return None

    def effect_is_clause(self) -> bool:
        """An effect written as a clause ('the miners were trapped') is asked 'Why …?'."""
        if self.version < 2 or clause_problem(self.effect) is not None:
            return False
        return noun_phrase_problem(self.effect) is not None or _finite_clause(self.effect)

    def why(self) -> str | None:
        if not self.effect_is_clause():
            return None
        return wh_question(self.effect, len(self.effect), len(self.effect), "why")

    def phrases(self) -> dict[str, Any]:
        why = self.why()
        return {
            "Cause": capfirst(self.cause),
            "Effect": capfirst(self.effect),
            "cause_before_verb": close_aside(self.cause),
            "why_question": why or "",
            "why_body": (why or "Why ?")[4:-1],  # "were the 33 miners trapped"
            "Because": self.because(),
            # the sheet words it otherwise ("How did … survive?"): the key is the cause as written
            "own_why": "why" in self.questions and not self.questions["why"].lstrip().startswith("Why "),
        }

    def because(self) -> str:
        """The cause as the answer to 'Why …?': 'Because of the sandstorm', 'Because light cannot
        escape' (for 'the fact that light cannot escape')."""
        if self.cause.lower().startswith("the fact that "):
            return f"Because {self.cause[len('the fact that ') :]}"
        return f"Because of {self.cause}"

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        message = noun_phrase_problem(self.cause)
        if message:
            problems.append(Problem(self.where("cause"), f"'cause' of '{self.id}': {message}"))
        if not self.effect_is_clause():
            message = noun_phrase_problem(self.effect)
            if message:
                problems.append(Problem(self.where("effect"), f"'effect' of '{self.id}': {message}"))
        elif self.why() is None:
            problems.append(
                Problem(
                    self.where("effect"),
                    (
                        f"'effect' of '{self.id}': no question can be made from this clause: start with its "
                        "subject, then its verb ('the miners were trapped')"
                    ),
                )
            )
        return problems

    def state(self, kind: str, value: Any) -> str | None:
        if kind != "reverse":
            return None
        verb = "could lead to" if self.possible else "led to"
        lead = "According to the article, " if self.possible else ""
        first, second = (self.cause, self.effect) if value else (self.effect, self.cause)
        opening = close_aside(first) if lead else capfirst(close_aside(first))
        return f"{lead}{opening} {verb} {second}."

    def study(self) -> tuple[str, dict[str, Any]] | None:
        return "causes", {"cause": capfirst(self.cause), "effect": self.effect}


@functools.lru_cache(maxsize=65536)  # pure; asked by the check and by each phrasing
def _finite_clause(text: str) -> bool:
    """A long phrase whose verb is finite ('Notre-Dame's sixteen copper statues escaped the
    flames'), not an infinitive in a noun phrase ('the need for the miners to wear dark glasses')."""
    toks = tokens(text)
    verb = main_verb(text)
    if verb is None or verb == 0 or toks[verb - 1].lower in ("to", "being", "having"):
        return False  # an infinitive or a gerund: 'the farm being built' is a noun phrase
    return clearly_a_verb(toks[verb].text)
