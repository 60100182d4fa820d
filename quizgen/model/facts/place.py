"""Place facts: where something is or happened."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import clause_problem
from quizgen.text.grammar import PREPOSITIONS, capfirst, wh_question

PLACE_KINDS = ("country", "city", "region", "water", "site", "other")
WHICH = ("country", "city", "region")  # kinds asked "In which city …?" rather than "Where …?"
# Prepositions that say where relative to a place, so the answer keeps them: "around the Cape".
RELATIVE_PLACE = {"around", "near", "beyond", "behind", "across", "through", "along", "past", "outside",
                  "inside", "off", "over", "under", "beneath", "above", "below", "between", "beside",
                  "opposite"}  # fmt: skip


@register
@dataclass(frozen=True)
class PlaceFact(Fact):
    TYPE: ClassVar[str] = "place"
    DOC: ClassVar[str] = "where something is or happened"
    VALUE_KEY: ClassVar[str] = "place"
    OPTIONS: ClassVar[dict[str, str]] = {"place": "text"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("place", "phrase", "The place as the evidence writes it: 'the Great Bitter Lake'.",
            shape="name", required=True, versions=(2,), example="the Great Bitter Lake"),
        Key("statement", "phrase", "The fact as a clause in statement order with the place in it, after "
            "its preposition: 'the ship was towed to the Great Bitter Lake'. Gives 'Where was the ship "
            "towed?'.", shape="clause", required=True, versions=(2,),
            example="the ship was towed to the Great Bitter Lake"),
        Key("kind", "choice", "What the place is: wrong options are places of the same kind.",
            choices=PLACE_KINDS, versions=(2,)),
    )  # fmt: skip

    place: str = ""
    statement: str = ""
    kind: str = "other"

    def spellings(self) -> list[str]:
        return [self.place]

    def option_value(self, kind: str) -> Any:
        return self.place if kind == "place" else None

    def span(self) -> tuple[int, int] | None:
        start = self.statement.find(self.place)
        if start < 0:
            return None
        end = start + len(self.place)
        before = self.statement[:start].rstrip()
        word = before.rsplit(" ", 1)[-1] if before else ""
        if word.lower() not in PREPOSITIONS:
            return None
        return len(before) - len(word), end

    def ask(self) -> str | None:
        """'Where was the ship towed?', or 'In which city …?' for a country, city or region, so that
        'Paris' and 'France' are not both right."""
        span = self.span()
        if span is None:
            return None
        prep = self.preposition()
        if self.kind in WHICH and prep not in RELATIVE_PLACE:
            return wh_question(self.statement, *span, f"{prep} which {self.kind}")
        return wh_question(self.statement, *span, "where")

    def sentence(self, place: str | None = None) -> str:
        text = self.statement if place is None else self.statement.replace(self.place, place, 1)
        return capfirst(text) + "."

    def preposition(self) -> str:
        span = self.span()
        return self.statement[span[0] : self.statement.find(self.place)].strip().lower() if span else ""

    def phrases(self) -> dict[str, Any]:
        prep = self.preposition()
        answer = f"{prep} {self.place}" if prep in RELATIVE_PLACE else self.place
        return {"question": self.ask() or "", "sentence": self.sentence(), "Place": capfirst(answer)}

    def check(self, article: Article | None) -> list[Problem]:
        message = clause_problem(self.statement)
        if message is None and self.span() is None:
            message = (
                f"it must hold the place '{self.place}' after a preposition ('… was towed to {self.place}')"
            )
        if message is None and self.ask() is None:
            message = "no question can be made from it: start with its subject, then its verb"
        return [Problem(self.where("statement"), f"'statement' of '{self.id}': {message}")] if message else []

    def option_class(self, kind: str) -> str:
        # Places that fit the same sentence: 'towed to X' is swapped for another 'to Y' of its kind.
        return f"{self.kind} {self.preposition()}" if kind == "place" else ""

    def state(self, kind: str, value: Any) -> str | None:
        if kind != "place":
            return None
        return self.sentence(str(value))

    def study(self) -> tuple[str, dict[str, Any]] | None:
        return "places", {"place": capfirst(self.place), "sentence": self.sentence()}
