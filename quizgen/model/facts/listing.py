"""List facts: a named set, such as 'the five countries the operation covered'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.facts.actor import ACTOR_KINDS
from quizgen.model.facts.place import PLACE_KINDS
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import noun_phrase_problem
from quizgen.text.grammar import capfirst, number_words
from quizgen.text.numbers import words_value

MEMBER_KINDS = tuple(dict.fromkeys((*ACTOR_KINDS, *PLACE_KINDS, "thing")))


def join_names(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@register
@dataclass(frozen=True)
class ListFact(Fact):
    TYPE: ClassVar[str] = "list"
    DOC: ClassVar[str] = "a named set: the members of a group the article lists"
    VALUE_KEY: ClassVar[str] = "members"
    OPTIONS: ClassVar[dict[str, str]] = {"member": "text"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("name", "phrase", "The set, as a plural noun phrase: 'the two seagoing tugs that helped "
            "free the ship'.", shape="noun_phrase", required=True, versions=(2,),
            example="the three villages that will take power from the farm"),
        Key("members", "text_list", "The members, at least two, each as the evidence writes it.",
            required=True, versions=(2,), example=["Alder", "Brook End", "Cotley"]),
        Key("complete", "bool", "true when the article names every member: only then can a question "
            "ask which is not one of them.", versions=(2,)),
        Key("kind", "choice", "What the members are: a question's odd one out is of the same kind.",
            choices=MEMBER_KINDS, versions=(2,)),
    )  # fmt: skip

    name: str = ""
    members: tuple[str, ...] = ()
    complete: bool = False
    kind: str = "thing"

    def spellings(self) -> list[str]:
        return list(self.members)

    def option_value(self, kind: str) -> Any:
        return list(self.members) if kind == "member" else None

    def option_class(self, kind: str) -> str:
        return self.kind if kind == "member" else ""

    def phrases(self) -> dict[str, Any]:
        return {
            "members_text": capfirst(join_names(list(self.members))),
            "count": len(self.members),
            "counted_name": self.counted_name(),
        }

    def counted_name(self) -> str:
        """The set's name saying how many to name: 'the things sent down' -> 'the four things sent
        down' (a student must know when the answer is complete); a name that counts stays."""
        words = self.name.split()
        counted = any(w.isdigit() or words_value(w) is not None for w in words[:3])
        if counted:
            return self.name
        count = number_words(len(self.members))
        if words and words[0].lower() == "the":
            at = 2 if len(words) > 2 and words[1].endswith(("'s", "’s")) else 1  # the cathedral's two …
            return " ".join([*words[:at], count, *words[at:]])
        return f"{count} {self.name}"

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        message = noun_phrase_problem(self.name)
        if message:
            problems.append(Problem(self.where("name"), f"'name' of '{self.id}': {message}"))
        if len(self.members) < 2:
            problems.append(Problem(self.where("members"), "a list needs at least two members"))
        missing = [m for m in self.members if m not in self.evidence]
        if missing:
            problems.append(
                Problem(
                    self.where("members"),
                    (
                        f"'{missing[0]}' is not in the evidence of '{self.id}': "
                        "write members as the evidence does"
                    ),
                )
            )
        return problems

    def study(self) -> tuple[str, dict[str, Any]] | None:
        return "lists", {"name": capfirst(self.name), "members": join_names(list(self.members))}
