"""Event facts: something that happened, who did it, and optionally when and where."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.facts.actor import ACTOR_KINDS, WHO
from quizgen.model.facts.date import SINCE, WHEN, date_on
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import clause_problem
from quizgen.text.datevalue import PartialDate, date_spellings
from quizgen.text.grammar import PREPOSITIONS, capfirst, is_plural, lower_first_article, wh_question

# 'the actor Tom Hanks': a description in lower case, then a name of two words or more
DESCRIBED_NAME = re.compile(r"^(?:the|a|an)\s+(?:[a-z][\w-]*\s+)+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+)$")


@register
@dataclass(frozen=True)
class EventFact(Fact):
    TYPE: ClassVar[str] = "event"
    DOC: ClassVar[str] = "something that happened: who did what (to whom), and optionally when and where"
    VALUE_KEY: ClassVar[str] = "happened"
    OPTIONS: ClassVar[dict[str, str]] = {"name": "text", "date": "date", "place": "text"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("happened", "phrase", "What happened, as a clause in statement order: 'Niger's military "
            "closed the country's borders'.", shape="clause", required=True, versions=(2,),
            example="Niger's military closed the country's borders"),
        Key("who", "phrase", "Who did it, as the clause starts: 'Niger's military'. Gives 'Who closed "
            "the country's borders?'.", shape="name", versions=(2,), example="Niger's military"),
        Key("kind", "choice", "What 'who' is (as for actors): it decides the question word.",
            choices=ACTOR_KINDS, versions=(2,)),
        Key("date", "date", "When it happened, if the article says.", versions=(2,)),
        Key("as_written", "text", "How the article writes a relative date ('on Monday').", versions=(2,)),
        Key("place", "phrase", "Where it happened, as the clause writes it after its preposition: "
            "'the Suez Canal' in '… ran aground in the Suez Canal'.", shape="name", versions=(2,),
            example="the Suez Canal"),
    )  # fmt: skip

    happened: str = ""
    who: str = ""
    kind: str = "person"
    date: PartialDate | None = None
    as_written: str = ""
    place: str = ""

    @property
    def subject(self) -> str:
        return capfirst(self.happened)

    def spellings(self) -> list[str]:
        found = [self.who] if self.who else []
        if self.date is not None:
            found += date_spellings(self.date)
        return found + ([self.place] if self.place else [])

    def option_value(self, kind: str) -> Any:
        if kind == "name" and self.who:
            return lower_first_article(self.who)
        if kind == "date":
            return self.date
        if kind == "place" and self.place:
            return self.place
        return None

    def option_class(self, kind: str) -> str:
        return self.kind if kind == "name" else ""

    def _named(self) -> str:
        """'Tom Hanks' for 'the actor Tom Hanks': the question asks 'Which actor …?', so the key
        is the name alone."""
        described = DESCRIBED_NAME.match(self.who)
        return described.group(1) if described and self.kind == "person" else self.who

    def _starts_with_who(self) -> bool:
        return bool(self.who) and self.happened[: len(self.who)].lower() == self.who.lower()

    def who_question(self) -> str | None:
        if not self._starts_with_who():
            return None
        plural = self.kind == "group" and (is_plural(self.who) or " and " in self.who)
        question = wh_question(self.happened, 0, len(self.who), WHO[self.kind][1 if plural else 0])
        if question is None or self.date is None or re.search(r"\b(?:1[0-9]|20)\d\d\b", self.happened):
            return question  # no date, or the clause gives its own
        # Others may do the same later ('Which country locked down its whole population?'): the
        # date makes one answer right.
        when = f"On {self.date.text()}" if self.date.precision == "day" else f"In {self.date.text()}"
        return f"{when}, {question[:1].lower()}{question[1:]}"

    def when_question(self) -> str | None:
        if self.date is None:
            return None
        wh = WHEN[self.date.precision]
        return wh_question(self.happened, len(self.happened), len(self.happened), wh)

    def place_span(self) -> tuple[int, int] | None:
        if not self.place:
            return None
        start = self.happened.find(self.place)
        if start < 0:
            return None
        before = self.happened[:start].rstrip()
        word = before.rsplit(" ", 1)[-1] if before else ""
        if word.lower() in PREPOSITIONS:
            start = len(before) - len(word)
        return start, self.happened.find(self.place) + len(self.place)

    def where_question(self) -> str | None:
        span = self.place_span()
        if span is None:
            return None
        return wh_question(self.happened, span[0], span[1], "where")

    def statement(self) -> str:
        when = f" {date_on(self.date)}" if self.date is not None and not self._dated_in_clause() else ""
        return f"{capfirst(self.happened)}{when}."

    def _dated_in_clause(self) -> bool:
        return self.date is not None and any(s in self.happened for s in date_spellings(self.date))

    def phrases(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "statement": self.statement(),
            "who_question": self.who_question() or "",
            "when_question": self.when_question() or "",
            "where_question": self.where_question() or "",
            "Who": capfirst(lower_first_article(self._named())) if self.who else "",
        }

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        message = clause_problem(self.happened)
        if message:
            problems.append(Problem(self.where("happened"), f"'happened' of '{self.id}': {message}"))
        if self.who and not self._starts_with_who():
            problems.append(
                Problem(
                    self.where("who"),
                    (
                        f"'who' of '{self.id}' must be how 'happened' starts ('{self.happened[:40]}…'): "
                        "write the clause with who did it first"
                    ),
                )
            )
        if self.place and self.place_span() is None:
            problems.append(
                Problem(
                    self.where("place"),
                    (
                        f"the place '{self.place}' is not in 'happened' of '{self.id}': "
                        "write the clause with it"
                    ),
                )
            )
        if self.who and self.evidence and self.who.lower() not in self.evidence.lower():
            problems.append(
                Problem(self.where("who"), f"'{self.who}' is not in the evidence of '{self.id}'", "warning")
            )
        return problems

    def study(self) -> tuple[str, dict[str, Any]] | None:
        if self.date is not None:
            return "timeline", {"date": self.date.text(), "what": self.subject, "sort": self.date.iso()}
        return "events", {"what": self.statement()}


SINCE_WORDS = SINCE  # re-exported for templates' docs
