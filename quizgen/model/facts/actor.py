"""Actor facts: who someone (or some body) is, and the title or function the article gives."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import title_problem
from quizgen.text.datevalue import PartialDate
from quizgen.text.grammar import _finite_form, capfirst, is_plural, lower_first_article

ACTOR_KINDS: tuple[str, ...] = (
    "person", "organisation", "state", "group", "company", "institution", "operation",
)  # fmt: skip
# The question word for each kind, singular and plural.
WHO = {
    "person": ("who", "who"),
    "organisation": ("which organisation", "which organisations"),
    "state": ("which country", "which countries"),
    "group": ("which group", "which groups"),
    "company": ("which company", "which companies"),
    "institution": ("which institution", "which institutions"),
    "operation": ("which operation", "which operations"),
}
# Kinds whose role is a title or function a question can ask for; a country or an armed group has
# no single role an article states.
ROLE_KINDS = ("person", "organisation", "company", "institution")
# Roles that change hands: asked "In <the article's month>, who was …?" unless the sheet says when.
OFFICE = re.compile(
    r"\b(?:president|prime minister|minister|secretary|chancellor|king|queen|chief|director|chairman|"
    r"chairwoman|chair|head|leader|mayor|governor|ambassador|commissioner|ceo|editor|manager|coach)\b",
    re.IGNORECASE,
)
# A role held no more ('the former minister', 'the president removed from power in the coup'):
# dated by the article's month, "In November 2023, who was the president removed …?" would
# contradict itself. Only the holder's own leaving counts: 'the junta that deposed the president'
# and 'ambassador to its former colony' are offices still held.
LEFT_OFFICE = re.compile(
    r"^(?:the |a |an )?(?:former|ex-)"
    r"|\b(?:removed|deposed|ousted|overthrown|toppled)\s+(?:from|in|by|on|at)\b",
    re.IGNORECASE,
)
DESCRIPTION = re.compile(r"^(?:the|a|an) (?:only|first|last|youngest|oldest|eldest|\w+est)\b", re.IGNORECASE)


@register
@dataclass(frozen=True)
class ActorFact(Fact):
    TYPE: ClassVar[str] = "actor"
    DOC: ClassVar[str] = (
        "who someone is: a person, country, organisation, company, group, institution or operation"
    )
    VALUE_KEY: ClassVar[str] = "name"
    OPTIONS: ClassVar[dict[str, str]] = {"name": "text"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("name", "phrase", "The name as the evidence writes it.", shape="name", required=True,
            example="Mohamed Bazoum"),
        Key("display", "text", "The name as it reads in the middle of a sentence, when that differs: "
            "'the Wagner group' for 'Wagner group'. Default: the name, with a leading 'The' in lower case.",
            versions=(2,), example="the Wagner group"),
        Key("kind", "choice", "What the actor is; it decides the question word (who, which country, …) "
            "and which questions make sense.", choices=ACTOR_KINDS, required=True),
        Key("role", "phrase", "The title or function the article gives, as a noun phrase ('the "
            "President of Niger').", shape="title", required=True, versions=(1,)),
        Key("role", "phrase", "The title or function the article gives, as a noun phrase ('the "
            "President of Niger'); asked only of people and bodies, never of countries, groups or "
            "operations. Leave it out when the article states none.", shape="title", versions=(2,)),
        Key("as_of", "date", "For a role that changes hands (a president, a chief executive): when the "
            "article gave it; questions then say 'In December 2015, who was …?'.", versions=(2,),
            example="2015-12"),
        Key("historical", "bool", "true for a figure of the past the article only mentions (Einstein): "
            "never offered as a wrong option beside the people of the story.", versions=(2,)),
    )  # fmt: skip

    name: str = ""
    display: str = ""
    kind: str = "person"
    role: str = ""
    as_of: PartialDate | None = None
    historical: bool = False

    @property
    def shown(self) -> str:
        """The name mid-sentence: 'the opposition', 'the Wagner group'."""
        return self.display or lower_first_article(self.name)

    @property
    def plural(self) -> bool:
        return self.kind == "group" and is_plural(self.shown)

    def wh(self, plural: bool | None = None) -> str:
        return WHO[self.kind][1 if (self.plural if plural is None else plural) else 0]

    def spellings(self) -> list[str]:
        return [self.name]

    def option_value(self, kind: str) -> Any:
        return self.shown if kind == "name" else None

    def has_role_question(self) -> bool:
        return bool(self.role) and self.kind in ROLE_KINDS and not self.described()

    def which_role(self) -> str:
        """'architect designed the spire' for the role 'the architect who designed the spire':
        asked 'Which architect designed the spire?', not 'Who was the architect who designed …?'."""
        match = re.match(r"^the ([a-z-]+) (?:who|that) (\w+ .+)$", self.role)
        if match is None or self.kind != "person" or self.as_of is not None:
            return ""
        verb = match.group(2).split()[0]
        return f"{match.group(1)} {match.group(2)}" if _finite_form(verb) in ("VBD", "VBZ") else ""

    def holds_office(self) -> bool:
        """A role that changes hands and is still held when the article is written: dated."""
        return bool(OFFICE.search(self.role)) and not self.described() and not LEFT_OFFICE.search(self.role)

    def described(self) -> bool:
        """A role that describes rather than names a function ('the youngest of the miners', 'the
        only foreigner'): 'Who was …?' reads well, 'What was X's role?' does not."""
        return bool(DESCRIPTION.match(self.role))

    def phrases(self) -> dict[str, Any]:
        plural = self.plural or is_plural(self.role) if self.role else self.plural
        be = "were" if plural else "was"
        return {
            "in": f"In {self.as_of.text()}, " if self.as_of else "",
            "as_of": self.as_of.text() if self.as_of else "",
            "historical": self.historical,
            "named": self.name[:1].isupper(),
            "which_role": self.which_role(),
            "full_name": self.name if self.name[:1].isupper() else self.shown,
            "office": self.holds_office(),
            "described": self.described(),
            # 'a junior interior minister': one of several, so 'Who was …?' has no single answer
            "indefinite": bool(re.match(r"^(?:a|an|one of)\b", self.role or "", re.I)),
            "shown": self.shown,
            "Shown": capfirst(self.shown),
            "wh": self.wh(plural),
            "be": be,
            "possessive": f"{self.shown}’" if self.shown.endswith("s") else f"{self.shown}’s",
        }

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        if self.role:
            message = title_problem(self.role)
            if message:
                problems.append(Problem(self.where("role"), f"the role of '{self.id}': {message}"))
            elif self.kind not in ROLE_KINDS and self.version >= 2:
                problems.append(
                    Problem(
                        self.where("role"),
                        (
                            f"'{self.id}' is a {self.kind}: a role question about it has no single answer, "
                            "so it is not asked; leave out 'role', or give the kind of body it is"
                        ),
                        "warning",
                    )
                )
        if self.name[:1].islower() and not self.display and self.version >= 2:
            problems.append(
                Problem(
                    self.where("name"),
                    (
                        f"'{self.name}' is a common noun, not a name: an actor is someone the article names "
                        "(for a group described in words, write display: and the name as the evidence has it)"
                    ),
                    "warning",
                )
            )
        return problems

    def value_hint(self, article: Article | None) -> str:
        size = len(self.name.split())
        words = self.evidence.split()
        grams = [" ".join(words[i : i + size]).strip(",.;:()\"'") for i in range(len(words) - size + 1)]
        match = difflib.get_close_matches(self.name, grams, n=1, cutoff=0.75)
        return f"; the evidence has '{match[0]}': correct the name or quote it as written" if match else ""

    def contradicted(self, article: Article | None) -> bool:
        return bool(self.value_hint(article))

    def option_class(self, kind: str) -> str:
        if kind != "name":
            return ""
        return f"{self.kind} of the past" if self.historical else self.kind

    def state(self, kind: str, value: Any) -> str | None:
        if kind != "name" or not self.role:
            return None
        if str(value).lower() in self.role.lower() or self.shown.lower() in self.role.lower():
            return None  # "X was the rival of X": a statement that refutes itself
        own = value == self.shown
        plural = (self.plural if own else is_plural(str(value))) if self.kind == "group" else False
        be = "were" if plural or is_plural(self.role) else "was"
        when = f"In {self.as_of.text()}, " if self.as_of else ""
        return f"{when}{str(value) if when else capfirst(str(value))} {be} {self.role}."

    def study(self) -> tuple[str, dict[str, Any]] | None:
        if not self.role:
            return None
        return "who", {"name": capfirst(self.shown), "role": self.role}
