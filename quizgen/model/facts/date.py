"""Date facts: when something happened, or since when something has been so."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import clause_problem, noun_phrase_problem
from quizgen.text.dates import DateMention, find_dates
from quizgen.text.datevalue import PartialDate, date_spellings
from quizgen.text.grammar import capfirst, wh_question

PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
ITS, WHICH = "; its evidence", ", which"  # how a hint joins the message before it
WHEN = {"day": "on what date", "month": "in which month and year", "year": "in which year"}
SINCE = {"day": "since what date", "month": "since which month and year", "year": "since which year"}


def date_on(date: PartialDate, since: bool = False) -> str:
    """'on 26 July 2023', 'in July 2023', 'in 2020', or 'since 1869'."""
    if since:
        return f"since {date.text()}"
    return f"{'on' if date.precision == 'day' else 'in'} {date.text()}"


@register
@dataclass(frozen=True)
class DateFact(Fact):
    TYPE: ClassVar[str] = "date"
    DOC: ClassVar[str] = "when something happened (or, with since: true, since when something has been so)"
    VALUE_KEY: ClassVar[str] = "date"
    OPTIONS: ClassVar[dict[str, str]] = {"date": "date"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("event", "phrase", "What happened, as a noun phrase: it is asked 'When did <event> take place?'.",
            shape="noun_phrase", one_of="what", example="the coup in Niger"),
        Key("happened", "phrase", "What happened, as a clause without its date: it is asked 'When did "
            "the Ever Given run aground?'.", shape="clause", one_of="what", versions=(2,),
            example="the Ever Given ran aground in the Suez Canal"),
        Key("date", "date", "The date at the precision the evidence gives: YYYY, YYYY-MM or YYYY-MM-DD.",
            required=True, example="2023-07-26"),
        Key("since", "bool", "true when the date starts a period that goes on ('since 1869'): the clause "
            "is then in the present perfect ('the canal has linked the two seas').", versions=(2,)),
        Key("as_written", "text", "How the article writes a date it gives relative to its own "
            "('on Monday', 'last year'): shown beside the date, and checked against it.", versions=(2,),
            example="on Monday"),
    )  # fmt: skip

    event: str = ""
    happened: str = ""
    date: PartialDate = PartialDate(1970)
    since: bool = False
    as_written: str = ""

    @property
    def subject(self) -> str:
        """The event as a timeline lists it: 'The coup in Niger', 'The Ever Given ran aground'."""
        return capfirst(self.happened or self.event)

    def clause(self) -> str:
        """The event as the start of a statement: 'The coup in Niger took place'."""
        if self.happened:
            return capfirst(self.happened)
        return f"{capfirst(self.event)} took place"

    def spellings(self) -> list[str]:
        return [*date_spellings(self.date), *([self.as_written] if self.as_written else [])]

    def option_value(self, kind: str) -> Any:
        return self.date if kind == "date" else None

    def ask(self) -> str | None:
        wh = (SINCE if self.since else WHEN)[self.date.precision]
        if self.happened:
            return wh_question(self.happened, len(self.happened), len(self.happened), wh)
        return capfirst(f"{wh} did {self.event} take place?")

    def statement(self, date: PartialDate | None = None) -> str:
        return f"{self.clause()} {date_on(date or self.date, self.since)}."

    def phrases(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "clause": self.clause(),
            "question": self.ask() or "",
            "statement": self.statement(),
            "on": date_on(self.date, self.since),
        }

    def check(self, article: Article | None) -> list[Problem]:
        problems = []
        if self.happened:
            message = clause_problem(self.happened)
            if message is None and self.ask() is None:
                message = "no question can be made from it: start with its subject, then its verb"
            if message:
                problems.append(Problem(self.where("happened"), f"'happened' of '{self.id}': {message}"))
        elif self.event:
            message = noun_phrase_problem(self.event)
            if message:
                problems.append(Problem(self.where("event"), f"'event' of '{self.id}': {message}"))
        if article is not None and self.as_written:
            problems += self._check_as_written(article)
        return problems

    def _mentions(self, article: Article) -> list[DateMention]:
        return find_dates(self.evidence, article.published)

    def _check_as_written(self, article: Article) -> list[Problem]:
        said = [
            m for m in self._mentions(article) if m.relative and m.text.lower() in self.as_written.lower()
        ]
        if said and all(m.date != self.date for m in said):
            message = (
                f"'{self.as_written}' in an article of {article.published.text()} is "
                f"{said[0].date.text()}, not {self.date.text()}: correct the date"
            )
            return [Problem(self.where("date"), message)]
        if self.as_written not in self.evidence:
            message = f"'{self.as_written}' is not in the evidence of '{self.id}': copy the article's words"
            return [Problem(self.where("as_written"), message)]
        return []

    def check_value(self, article: Article | None) -> str | None:
        """A date its visible evidence does not support: more precise, or another date."""
        if article is None:
            return None
        mentions = self._mentions(article)
        if not mentions or any(self._compatible(m) for m in mentions):
            return None
        coarser = [m for m in mentions if self._coarser(m)]
        if coarser:
            m = coarser[0]
            return (
                f"the date of '{self.id}' ({self.date.iso()}) is more precise than its evidence, which "
                f"gives only the {m.date.precision} ('{m.text}'): write date: {m.date.iso()}, or quote "
                f"evidence that gives the {self.date.precision}"
            )
        return f"the date of '{self.id}' ({self.date.iso()}) is not in its evidence" + self._hint(
            mentions, WHICH
        )

    def _hint(self, mentions: list[DateMention], lead: str) -> str:
        same = [m for m in mentions if m.date == self.date]
        if same:
            text = same[0].text
            if same[0].relative:
                return f"; it is written '{text}' there: add as_written: \"{text}\""
            return f"; it is written '{text}' there: add gap: \"{text}\" so the cloze can blank it"
        coarser = [m for m in mentions if self._coarser(m)]
        if coarser:
            m = coarser[0]
            return (
                f"{lead} gives only the {m.date.precision} ('{m.text}'): write date: {m.date.iso()}, "
                f"or quote evidence that gives the {self.date.precision}"
            )
        if mentions:
            given = ", ".join(f"{m.date.iso()} ('{m.text}')" for m in mentions[:3])
            return f"{lead} gives {given}: correct the date, or quote the evidence that states it"
        return f"{lead} states no date: quote the sentence that gives it"

    def _compatible(self, mention: DateMention) -> bool:
        return mention.date == self.date or self._coarser(mention, reverse=True)

    def _coarser(self, mention: DateMention, reverse: bool = False) -> bool:
        coarse, fine = (self.date, mention.date) if reverse else (mention.date, self.date)
        if PRECISION_RANK[coarse.precision] >= PRECISION_RANK[fine.precision]:
            return False
        return coarse.year == fine.year and (coarse.month is None or coarse.month == fine.month)

    def value_hint(self, article: Article | None) -> str:
        """For a date not visible in its evidence: what the evidence states instead."""
        return "" if article is None else self._hint(self._mentions(article), ITS)

    def contradicted(self, article: Article | None) -> bool:
        if article is None:
            return False
        mentions = self._mentions(article)
        return bool(mentions) and not any(self._compatible(m) for m in mentions)

    def state(self, kind: str, value: Any) -> str | None:
        return self.statement(value) if kind == "date" else None

    def study(self) -> tuple[str, dict[str, Any]] | None:
        when = date_on(self.date, self.since) if self.since else self.date.text()
        written = f" ({self.as_written})" if self.as_written else ""
        return "timeline", {"date": when + written, "what": self.subject, "sort": self.date.iso()}
