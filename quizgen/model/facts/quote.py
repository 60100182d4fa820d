"""Quote facts: who said what. The quoted words are their own evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.facts.actor import ACTOR_KINDS, WHO
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.text.compare import contains
from quizgen.text.grammar import capfirst, lower_first_article

LONGEST_QUOTE = 240  # characters: longer quotes make stems nobody reads


@register
@dataclass(frozen=True)
class QuoteFact(Fact):
    TYPE: ClassVar[str] = "quote"
    DOC: ClassVar[str] = "who said what, in the article's words"
    VALUE_KEY: ClassVar[str] = "speaker"
    OPTIONS: ClassVar[dict[str, str]] = {"name": "text"}
    OPTIONAL_COMMON: ClassVar[tuple[str, ...]] = ("evidence",)
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("speaker", "phrase", "Who said it, as the article names them.", shape="name", required=True,
            versions=(2,), example="Ellen Harte"),
        Key("display", "text", "The speaker's full name when the quote's sentence gives less ('Luis "
            "Urzúa' for 'Mr Urzúa'): questions and options use it.", versions=(2,), example="Luis Urzúa"),
        Key("kind", "choice", "What the speaker is (as for actors).", choices=ACTOR_KINDS, versions=(2,)),
        Key("quote", "phrase", "The quoted words, copied from the article (without the quotation marks).",
            shape="quote", required=True, versions=(2,)),
    )  # fmt: skip

    speaker: str = ""
    display: str = ""
    kind: str = "person"
    quote: str = ""

    @property
    def shown(self) -> str:
        return capfirst(lower_first_article(self.display or self.speaker))

    def spellings(self) -> list[str]:
        return [self.speaker]

    def option_value(self, kind: str) -> Any:
        return lower_first_article(self.display or self.speaker) if kind == "name" else None

    def option_class(self, kind: str) -> str:
        return self.kind if kind == "name" else ""

    def phrases(self) -> dict[str, Any]:
        words = self.quote.strip().rstrip(".,;:")
        return {
            "Speaker": self.shown,
            "wh": WHO[self.kind][0],
            "words": words,
            "fragment": words[:1].islower(),
        }

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        if not contains(self.evidence, self.quote):
            problems.append(
                Problem(
                    self.where("quote"),
                    f"the quote of '{self.id}' is not in its evidence: copy it from the article",
                )
            )
        if len(self.quote) > LONGEST_QUOTE:
            problems.append(
                Problem(
                    self.where("quote"),
                    (
                        f"the quote of '{self.id}' has {len(self.quote)} characters: keep the words that "
                        f"matter, at most {LONGEST_QUOTE} (a part of the quote is still the article's words)"
                    ),
                )
            )
        return problems

    def study(self) -> tuple[str, dict[str, Any]] | None:
        return "quotes", {"speaker": self.shown, "quote": self.quote}
