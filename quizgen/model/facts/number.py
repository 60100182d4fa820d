"""Number facts: a count or a measure, with its hedge and unit, written once as a statement.

Version 2 writes the fact as one clause in statement order with the value in it, as the
article says it ("around 1,500 French troops were stationed in Niger"). The question ("Around
how many French troops were stationed in Niger?"), the true/false statement and the study
line all come from that clause; the value's words decide the wording: a percentage is asked
"What percentage of …", money "How much …", an age "How old …".

Version 1 wrote ``how_many``, the clause after "How many" in question order; it still reads.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any, ClassVar

from quizgen.model.base import Article, Fact, Problem
from quizgen.model.keys import Key
from quizgen.model.registry import register
from quizgen.model.shapes import clause_problem
from quizgen.text.dates import find_dates
from quizgen.text.datevalue import PartialDate
from quizgen.text.grammar import (
    PREPOSITIONS,
    capfirst,
    counted_noun,
    lemmas,
    main_verb,
    start_sentence,
    tokens,
    wh_question,
)
from quizgen.text.numbers import (
    NumberMention,
    find_numbers,
    format_like,
    number_spellings,
    number_text,
    words_value,
)

HEDGES: tuple[str, ...] = (
    "about", "around", "approximately", "roughly", "nearly", "almost", "more than", "over",
    "at least", "less than", "fewer than", "under", "up to",
)  # fmt: skip
# How far a hedged value may be from the stated one and still be right, as factors.
HEDGE_BANDS: dict[str, tuple[float, float]] = {
    "about": (0.9, 1.1), "around": (0.9, 1.1), "approximately": (0.9, 1.1), "roughly": (0.9, 1.1),
    "nearly": (0.9, 1.0), "almost": (0.9, 1.0), "up to": (0.9, 1.0), "less than": (0.9, 1.0),
    "fewer than": (0.9, 1.0), "under": (0.9, 1.0), "more than": (1.0, 1.1), "over": (1.0, 1.1),
    "at least": (1.0, 1.1),
}  # fmt: skip
# How a hedge as written reads in front of "how many": the article's words, except these.
# How a hedge reads in a question: an approximation asks "About how many …?"; a bound asks plainly,
# and the answer keeps the article's words ("How many firefighters …?" — "More than 400").
APPROXIMATE = ("about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
               "nearly", "almost", "close to", "just under", "just over")  # fmt: skip
MEASURES = ("count", "percent", "money", "age", "ordinal", "fraction")
LOWER_BOUNDS = ("more than", "over", "at least", "upwards of", "above", "well above", "just over")
UPPER_BOUNDS = ("less than", "fewer than", "under", "up to", "below", "well below", "just under")
BOUND_VERBS = ("passed", "exceeded", "topped", "surpassed")  # "pledges had passed €700m": more than
OPPOSITE = {"lower": "fewer than", "upper": "more than"}
# a capacity is a most: 'able to carry 20,000 containers' is true of 15,000 too
CAPACITY = re.compile(
    r"\b(?:(?:is |are |was |were )?able to|can|could) (?:carry|hold|seat|take|store|house)\b|\bcapacity\b",
    re.IGNORECASE,
)
ARGUABLE = 0.25  # an approximation's options keep this far off: 'about four' makes 3 and 5 arguable
CURRENCIES = ("dollars", "euros", "pounds", "CFA francs", "US dollars", "francs", "yuan", "rupees")


@dataclass(frozen=True)
class ValueSpan:
    """Where a number fact's statement states its value, and what the value measures."""

    mention: NumberMention
    start: int  # the phrase a question replaces: hedge, number and what it counts
    end: int
    measure: str

    @property
    def number_start(self) -> int:
        return self.mention.start + (len(self.mention.hedge_text) + 1 if self.mention.hedge_text else 0)


@register
@dataclass(frozen=True)
class NumberFact(Fact):
    TYPE: ClassVar[str] = "number"
    DOC: ClassVar[str] = "a count or measure: how many, how much, what percentage, how old"
    VALUE_KEY: ClassVar[str] = "value"
    OPTIONS: ClassVar[dict[str, str]] = {"number": "number"}
    KEYS: ClassVar[tuple[Key, ...]] = (
        Key("value", "number", "The number, in digits without separators: 1500, 12.5, 9600000000.",
            one_of="value", example=1500),
        Key("range", "range", "A range the article gives, [low, high]: 'between $12m and $14m' is "
            "[12000000, 14000000].", one_of="value", versions=(2,), example=[12000000, 14000000]),
        Key("statement", "phrase", "The fact as one clause in statement order, the value in it as the "
            "article writes it, hedge included: the question, the true/false statement and the study "
            "line are all made from it.", shape="clause", required=True, versions=(2,),
            example="around 1,500 French troops were stationed in Niger"),
        Key("how_many", "text", "Version 1: the clause after 'How many', in question order.",
            required=True, versions=(1,), example="French troops were stationed in Niger"),
        Key("unit", "text", "Version 1: a unit written after the number in options ('km').",
            versions=(1,)),
        Key("hedge", "choice", "Version 1: the hedge the article puts before the number (version 2 "
            "reads it from the statement).", choices=HEDGES, versions=(1,)),
        Key("as_of", "date", "For a value that goes stale: the date it was true (questions then say "
            "'As of November 2023, …').", example="2023-11"),
    )  # fmt: skip

    value: float = 0
    range: tuple[float, float] | None = None
    statement: str = ""
    how_many: str = ""
    unit: str | None = None
    hedge: str | None = None
    as_of: PartialDate | None = None

    # --- the value ----------------------------------------------------------------------

    @property
    def low(self) -> float:
        return self.range[0] if self.range else self.value

    def span(self) -> ValueSpan | None:
        """Where the statement states the value (version 2), or None."""
        if not self.statement:
            return None
        return _value_span(self.statement, tuple(self.range or (self.value, None)))

    @property
    def measure(self) -> str:
        span = self.span()
        if span is not None:
            return span.measure
        return "percent" if (self.unit or "").strip() in ("%", "percent", "per cent") else "count"

    @property
    def hedge_words(self) -> str | None:
        """The hedge as the statement writes it ('an estimated'), or version 1's hedge."""
        span = self.span()
        if span is not None:
            return span.mention.hedge_text if span.mention.high is None else None
        return self.hedge

    @property
    def band_hedge(self) -> str | None:
        """The hedge as one of HEDGES, for tolerances."""
        span = self.span()
        return span.mention.hedge if span is not None else self.hedge

    @property
    def bound(self) -> str | None:
        """'lower' when the article gives only a lower bound ('more than 400'), 'upper' for an
        upper bound ('up to 12 days'): every smaller (or larger) value is then true too."""
        hedge = (self.hedge_words or "").lower()
        if hedge in LOWER_BOUNDS or self._bound_verb():
            return "lower"
        if hedge in UPPER_BOUNDS:
            return "upper"
        return None

    def _bound_verb(self) -> bool:
        span = self.span()
        if span is None:
            return False
        before = self.statement[: span.mention.start].split()
        return bool(before) and before[-1].lower() in BOUND_VERBS

    @property
    def false_side(self) -> str | None:
        """Where a false value must lie: 'below' a lower bound ('more than 400': 500 is true as
        well), 'above' an upper bound or a capacity ('able to carry 20,000': so is 15,000)."""
        if self.bound == "lower":
            return "below"
        if self.bound == "upper" or CAPACITY.search(self.statement):
            return "above"
        return None

    def arguable(self) -> tuple[float, float]:
        """The values a reader could call right, which no wrong option may take: the tolerance,
        and for an approximation a quarter either side ('about four': three and five too)."""
        low, high = self.tolerance()
        if self.hedge_words and not self.bound:
            low, high = min(low, self.value * (1 - ARGUABLE)), max(high, self.value * (1 + ARGUABLE))
        return (low, high)

    def tolerance(self) -> tuple[float, float]:
        """The closed range of accepted values: exact for exact values, a band for hedged ones."""
        if self.range:
            return self.range
        if self.bound:
            return (self.value, self.value)  # "at least 55": the article's figure is 55
        low, high = HEDGE_BANDS.get(self.band_hedge or "", (1.0, 1.0))
        # 12 significant figures: 60 million x 1.1 is 66,000,000, not 66,000,000.00000001
        a, b = float(f"{self.value * low:.12g}"), float(f"{self.value * high:.12g}")
        return (min(a, b), max(a, b))

    def value_text(self, value: float | tuple[float, float] | None = None) -> str:
        """A value as this fact writes its own: '$9.6bn', '12%', 'six', 'between $12m and $14m'."""
        value = self.range or self.value if value is None else value
        span = self.span()
        if span is None:
            unit = f" {self.unit}" if self.unit else ""
            return number_text(value) + unit if not isinstance(value, tuple) else ""
        mention = span.mention
        if isinstance(value, tuple):
            low, high = value
            joiner = " and " if (mention.hedge_text or "").lower() == "between" else " to "
            opener = f"{mention.hedge_text} " if mention.hedge_text else ""
            shown = [format_like(v, mention.number_text) for v in (low, high)]
            return f"{opener}{shown[0]}{joiner}{shown[1]}"
        if span.measure == "frequency":  # "every five years": options read "every three years"
            return f"every {format_like(value, mention.number_text)}{self.statement[mention.end : span.end]}"
        return format_like(value, mention.number_text)

    def answer_text(self) -> str:
        """The answer as a key shows it: hedge and value as the article has them ('around 1,500')."""
        span = self.span()
        if span is not None and self.ask() is None and (parts := self.completion()) is not None:
            return parts[1]  # the blank of the sentence to complete: its hedge is in the sentence
        if span is not None and span.measure == "frequency":
            return capfirst(self.statement[span.start : span.end])
        if span is not None and self._bound_verb():  # "What sum had pledges passed?": €700m
            return self.statement[span.mention.start : span.mention.end]
        said = (span.mention.hedge_text or "").lower() if span is not None else ""
        if span is not None and self.bound and BOUND_WORDS.get(said, said) in (self.ask() or "").lower():
            return self.statement[span.number_start : span.mention.end]  # the question says "more than"
        if span is not None:
            return capfirst(self.statement[span.mention.start : span.mention.end])
        hedge = f"{self.hedge} " if self.hedge else ""
        return capfirst(hedge + self.value_text())

    def spellings(self) -> list[str]:
        if self.range:  # the whole range is the gap: "$12m and $14m", not its low end alone
            found = [m for m in find_numbers(self.evidence) if _states(m, (self.range[0], self.range[1]))]
            opener = (found[0].hedge_text or "") if found else ""
            return [found[0].text[len(opener) :].strip()] if found else []
        span = self.span()
        found_text = [span.mention.number_text] if span is not None else []
        return list(dict.fromkeys([*found_text, *number_spellings(self.low)]))

    def option_value(self, kind: str) -> Any:
        if kind != "number":
            return None
        return self.range or self.value

    def domain(self) -> tuple[float, float, bool]:
        """The values a wrong option may take: (lowest, highest, whole numbers only)."""
        measure = self.measure
        whole = self.low == int(self.low) and measure not in ("percent", "fraction")
        low, high = self._from_to()
        if measure == "percent":
            falling = re.search(r"\b(?:below|fell|fall|down|drop|dropped|cut|lost|lower)\b", self.statement)
            return (max(low, 0.0), min(high, 99.0 if falling else 100.0), False)
        if measure == "age":
            return (16.0, 99.0, True) if self.value <= 110 else (1.0, math.inf, True)
        if measure == "ordinal":
            century = re.search(r"\bcentur(?:y|ies)\b", self.statement)
            return (1.0, 21.0 if century else math.inf, True)
        if measure == "fraction":
            return (0.0, 1.0, False)
        if measure == "temperature":
            return (0.1, 60.0, False)
        highest = min(_bounded(self.statement) if self.statement else math.inf, high)
        lowest = max(2.0 if whole and self.value >= 2 else (1.0 if whole else 0.0), low)
        return (lowest, highest, whole)

    def _from_to(self) -> tuple[float, float]:
        """'cut interest rates from 0.75% to 0.25%': the value asked is below (or above) the one
        it moved from, and options stay on that side."""
        span = self.span()
        if span is None:
            return (0.0, math.inf)
        moved = re.search(r"\bfrom\s+(\S+)\s+to\s+$", self.statement[: span.mention.start])
        if moved is None:
            return (0.0, math.inf)
        found = find_numbers(moved.group(1))
        if not found:
            return (0.0, math.inf)
        origin = found[0].value
        return (0.0, origin * 0.99) if self.value < origin else (origin * 1.01, math.inf)

    # --- phrases ------------------------------------------------------------------------

    def _stamp(self, text: str) -> str:
        if self.as_of is None:
            return text
        return f"As of {self.as_of.text()}, {text[:1].lower() + text[1:] if _lower_ok(text) else text}"

    def ask(self) -> str | None:
        span = self.span()
        if span is None and self.statement:
            return None
        if span is None:  # version 1
            hedge = "about " if self.hedge else ""
            unit = f"{self.unit} " if self.unit else ""
            return self._stamp(capfirst(f"{hedge}how many {unit}{self.how_many}?"))
        if span.measure in ("ordinal", "fraction"):
            return None  # asked as a completion only
        if span.mention.high is None and (span.mention.hedge_text or "").lower() in LOWER_BOUNDS:
            return None  # 'More than how many firefighters…?' reads oddly: 'More than _____ firefighters…'
        wh = _wh_phrase(self.statement, span)
        counted = self.statement[span.mention.end : span.end].strip()
        if span.measure == "temperature" or counted.startswith("times"):
            return None  # "to well below how many degrees": asked as a sentence to complete
        before, after = self.statement[: span.start], self.statement[span.end :]
        if WORTH_OR_AGENT.search(before):
            return None  # "goods worth how much", "by negotiators from how many countries": completed
        statement, start, end = self.statement, span.start, span.end
        if (aside := APPOSITION.match(after)) is not None:  # "60 million people, Italy's entire population,"
            statement = statement[:end] + statement[end + aside.end() - 1 :]
        if (ahead := AHEAD.match(statement[end:])) is not None:  # "six days before Easter"
            wh, end = f"{wh} {ahead.group(1)}", end + ahead.end()
        if CHANGE_VERB.search(before) and not PREPOSITION_BEFORE.search(before):
            wh = f"by {wh}"  # "the Dow fell 10%", "closed 20% below its high": by what percentage
        elif (prep := PREPOSITION_BEFORE.search(before)) is not None and span.measure != "frequency":
            wh, start = f"{prep.group(1).lower()} {wh}", prep.start(1)  # "for about how many days"
        if THRESHOLD_VERB.search(before) and wh.startswith(("how much", "about how much")):
            wh = wh.replace("how much", "what sum", 1)  # "had passed what sum", not "how much had … passed"
        day = TRAILING_DAY.search(statement)
        if day is not None and day.start() > end:  # "… below its record high on 11 March 2020"
            statement = statement[: day.start()]
        question = wh_question(statement, start, end, wh)
        if question and day is not None and day.start() > end:
            rest = question[:1].lower() + question[1:] if _lower_ok(question) else question
            question = f"{capfirst(day.group(1))}, {rest}"
        return self._stamp(question) if question else None

    def prompt_text(self) -> str:
        """The question every form asks: a wh-question, or the statement to complete."""
        asked = self.ask()
        if asked:
            return asked
        parts = self.completion()
        return f"Complete the sentence: {parts[0]}_____{parts[2]}" if parts else ""

    def sentence(self, value: float | tuple[float, float] | None = None) -> str | None:
        """The fact as a sentence, with its own value or another one; None where version 1's
        how_many cannot be read in statement order."""
        if self.statement:
            span = self.span()
            if span is None:
                return None
            text = self.statement
            mention = span.mention
            if value is not None and span.measure == "frequency":
                text = text[: span.start] + self.value_text(value) + text[span.end :]
            elif value is not None:
                hedged = mention.hedge_text and mention.high is None
                number_start = mention.start + (len(mention.hedge_text) + 1 if hedged else 0)
                text = text[:number_start] + self.value_text(value) + text[mention.end :]
            return self._stamp(start_sentence(_front_day(text))) + "."
        if not _statement_order(self.how_many):
            return None
        hedge = f"{self.hedge} " if self.hedge else ""
        unit = f" {self.unit}" if self.unit else ""
        shown = number_text(value if isinstance(value, float | int) else self.value)
        return self._stamp(start_sentence(f"{hedge}{shown}{unit} {self.how_many}")) + "."

    def crossed(self, value: float) -> str | None:
        """A false statement about a bound: the hedge turned over and ``value`` across it ('fewer
        than 200 firefighters' for 'more than 400 firefighters'); None when not a bound."""
        span, bound = self.span(), self.bound
        if span is None or bound is None or span.mention.high is not None:
            return None
        if (bound == "lower" and value >= self.value) or (bound == "upper" and value <= self.value):
            return None  # on the true side of the bound: not certainly false
        mention = span.mention
        # 'fewer than 200 vessels', but 'less than 10%'
        opposite = OPPOSITE[bound] if bound == "upper" or span.measure == "count" else "less than"
        text = self.statement[: mention.start] + opposite + " " + self.value_text(value)
        if self._bound_verb():
            verb_start = self.statement[: mention.start].rstrip().rfind(" ") + 1
            text = self.statement[:verb_start] + ("fell short of " if bound == "lower" else "passed ")
            text += self.value_text(value)
        return self._stamp(start_sentence(_front_day(text + self.statement[mention.end :]))) + "."

    def completion(self) -> tuple[str, str, str] | None:
        """The statement split around its value, for a sentence to complete: (before, value, after)."""
        span = self.span()
        if span is None:
            return None
        mention = span.mention
        # A hedge stays in the sentence ('only once at least _____ countries'): the blank is the number.
        start = span.number_start if mention.high is None else mention.start
        before = self._stamp(start_sentence(self.statement[:start] + "\x00"))[:-1]
        return before, self.statement[start : mention.end], self.statement[mention.end :] + "."

    def state(self, kind: str, value: Any) -> str | None:
        if kind != "number":
            return None
        if self.bound and value != (self.range or self.value):
            return self.crossed(value)
        return self.sentence(value)

    def phrases(self) -> dict[str, Any]:
        parts = self.completion()
        return {
            "blanked": f"{parts[0]}_____{parts[2]}" if parts else "",
            "question": self.prompt_text(),
            "sentence": self.sentence() or "",
            "answer_text": self.answer_text(),
            "value_text": self.value_text(),
            "measure": self.measure,
            "hedge_words": self.hedge_words or "",
        }

    # --- checks -------------------------------------------------------------------------

    def check(self, article: Article | None) -> list[Problem]:
        return self._check_statement() if self.statement else []

    def _check_statement(self) -> list[Problem]:
        where = self.where("statement")
        message = clause_problem(self.statement)
        if message:
            return [Problem(where, f"'statement' of '{self.id}': {message}")]
        span = self.span()
        if span is None:
            stated = ", ".join(f"'{m.text}'" for m in find_numbers(self.statement)) or "no number"
            return [
                Problem(
                    where,
                    f"the statement of '{self.id}' must state its value "
                    f"({self._value_words()}) as the article writes it; it states {stated}",
                )
            ]
        if span.measure == "compound":
            number, unit = span.mention.number_text.split("-", 1)
            return [
                Problem(
                    where,
                    f"the statement of '{self.id}' joins the number to its unit "
                    f"('{span.mention.number_text}'): write '{number} {unit}s' in the statement, so that "
                    f"it can ask 'How many {unit}s …?'",
                )
            ]
        if span.measure == "age" and "-year-old" in span.mention.number_text:
            return [
                Problem(
                    where,
                    f"the statement of '{self.id}' gives the age before a name ('{span.mention.text} …'): "
                    f"write '<who> was {span.mention.value:g} years old …', which asks 'How old was …?'",
                )
            ]
        if span.measure == "count" and span.end == span.mention.end and span.mention.kind == "cardinal":
            return [
                Problem(
                    where,
                    f"the statement of '{self.id}' does not say what the number counts: "
                    f"put the noun right after it ('{span.mention.text} people')",
                )
            ]
        if span.measure not in ("ordinal", "fraction") and main_verb(self.statement) is None:
            return [
                Problem(
                    where,
                    f"no question can be made from the statement of '{self.id}': write "
                    "it subject first, then its verb ('1,500 troops were stationed in Niger')",
                )
            ]
        return []  # where no wh-question can be made, the statement is asked as a sentence to complete

    def _value_words(self) -> str:
        return " to ".join(number_text(v) for v in self.range) if self.range else number_text(self.value)

    def _mentions(self, article: Article) -> list[NumberMention]:
        taken = [(m.start, m.end) for m in find_dates(self.evidence, article.published)]
        return find_numbers(self.evidence, taken)

    def check_value(self, article: Article | None) -> str | None:
        """A value its evidence does not state (the gap may hide another number)."""
        if article is None:
            return None
        mentions = self._mentions(article)
        if any(_states(m, self.range or (self.value, None)) for m in mentions):
            return None
        return f"the value of '{self.id}' ({self._value_words()}) is not in its evidence" + self._hint(
            mentions, ", which"
        )

    def _hint(self, mentions: list[NumberMention], lead: str) -> str:
        same = [m for m in mentions if _states(m, self.range or (self.value, None))]
        if same:
            text = same[0].number_text
            return f"; it is written '{text}' there: add gap: \"{text}\" so the cloze can blank it"
        if mentions:
            given = ", ".join(f"{_mention_value(m)} ('{m.text}')" for m in mentions[:3])
            return f"{lead} gives {given}: correct the value, or quote the evidence that states it"
        return f"{lead} states no number: quote the sentence that gives it"

    def value_hint(self, article: Article | None) -> str:
        return "" if article is None else self._hint(self._mentions(article), "; its evidence")

    def contradicted(self, article: Article | None) -> bool:
        if article is None:
            return False
        mentions = self._mentions(article)
        return bool(mentions) and not any(_states(m, self.range or (self.value, None)) for m in mentions)

    def study(self) -> tuple[str, dict[str, Any]] | None:
        sentence = self.sentence()
        if sentence is None:
            return "numbers", {"value": self.answer_text(), "what": self.how_many, "as_of": self._as_of()}
        return "numbers", {"value": self.answer_text(), "sentence": sentence, "as_of": self._as_of()}

    def _as_of(self) -> str:
        return self.as_of.text() if self.as_of else ""


LOWERABLE = frozenset({
    "the", "a", "an", "about", "around", "almost", "nearly", "more", "over", "fewer", "less", "some",
    "only", "just", "roughly", "up", "at", "most", "many", "all", "half", "every", "each", "its",
    "their", "his", "her", "our", "there", "this", "these", "those", "according", "how", "what",
    "which", "who", "when", "where", "why", "in", "on", "by", "for", "from", "to", "within", "after",
    "during", "under", "between",
})  # fmt: skip


def _lower_ok(text: str) -> bool:
    """The first word may be lower-cased after 'As of …,': a common word ('The', 'About'), not a
    name or a title ('Dr Tedros', 'Italy')."""
    first = text.split()[0] if text.split() else ""
    if first.lower() in LOWERABLE or words_value(first.lower()) is not None:
        return True
    # a common word the dictionary knows ('Scientists', 'Officials'); names are not in it
    known = lemmas(first.strip(",.;:'’"))
    return bool(known) and "PROPN" not in known and not first[1:2].isupper()


def _mention_value(mention: NumberMention) -> str:
    if mention.high is not None:
        return f"{number_text(mention.value)} to {number_text(mention.high)}"
    return number_text(mention.value)


def _states(mention: NumberMention, value: tuple[float, float | None]) -> bool:
    low, high = value
    if mention.kind == "fraction":  # 0.6667 for "two-thirds"
        return high is None and abs(mention.value - low) < 1e-3
    if high is not None:
        return mention.high is not None and _same(mention.value, low) and _same(mention.high, high)
    return mention.high is None and _same(mention.value, low)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


# Pure, and asked for by every property of the fact (measure, hedge, bound, texts) on every
# rendering: cached (a ValueSpan is frozen).
@functools.lru_cache(maxsize=65536)
def _value_span(statement: str, value: tuple[float, float | None]) -> ValueSpan | None:
    for mention in find_numbers(statement):
        if _states(mention, value):
            return _extend(statement, mention)
    return None


def _extend(statement: str, mention: NumberMention) -> ValueSpan:
    """The phrase a question asks for: the number with the noun it counts, 'of' what a
    percentage is, 'years old' of an age."""
    unit = mention.unit or ""
    end = mention.end
    if mention.kind in ("ordinal", "fraction"):
        return ValueSpan(mention, mention.start, end, mention.kind)
    if unit == "years old":
        return ValueSpan(mention, mention.start, end, "age")
    if unit == "degrees Celsius":
        return ValueSpan(mention, mention.start, end, "temperature")
    if "-" in mention.number_text and unit.endswith("s"):
        return ValueSpan(mention, mention.start, end, "compound")  # "69-day": check asks for "69 days"
    every = re.search(r"\bevery\s+$", statement[: mention.start], re.IGNORECASE)
    if every:  # "every five years": asked "How often …?"
        return ValueSpan(mention, every.start(), counted_noun(statement, end), "frequency")
    if unit == "percent" or unit in CURRENCIES:
        of = re.match(r"\s+of\s+", statement[end:])
        if of:
            end = counted_noun(statement, end + of.end()) or end
        return ValueSpan(mention, mention.start, end, "percent" if unit == "percent" else "money")
    return ValueSpan(mention, mention.start, counted_noun(statement, end), "count")


# Counts that the world bounds: no more countries than there are.
BOUNDED = {
    "European countries": 50, "African countries": 54, "EU countries": 27, "US states": 50,
    "countries": 195, "nations": 195, "continents": 7, "oceans": 5, "states": 195, "months": 12,
}  # fmt: skip


def _bounded(statement: str) -> float:
    for noun, most in BOUNDED.items():
        if re.search(
            rf"\d[\d,.]*\s+(?:\w+\s+)?{noun}\b|\b(?:{'|'.join(WORD_NUMBERS)})\s+{noun}\b", statement
        ):
            return float(most)
    return math.inf


# Where a number cannot be asked with a wh-phrase: inside "goods worth $400m", or a passive's agent
# ("adopted by negotiators from 195 countries"): the statement is completed instead.
WORTH_OR_AGENT = re.compile(r"\bworth\s+$|\bby\s+\w+\s+(?:from|of)\s+$", re.I)
# A day at the end of a statement is asked first: "On 11 March 2020, by what percentage did the
# Dow close below its record high?" (after the object it reads as the object's date).
TRAILING_DAY = re.compile(r"\s+(on \d{1,2} [A-Z][a-z]+ \d{4})$")


def _front_day(text: str) -> str:
    """'… closed 20% below its record high on 11 March 2020' stated as 'On 11 March 2020, … closed
    20% below its record high': at the end, the day reads as the record's."""
    match = TRAILING_DAY.search(text)
    return f"{match.group(1)}, {text[: match.start()]}" if match else text


APPOSITION = re.compile(r"\s*,[^,]{3,60},\s")  # ", Italy's entire population, "
AHEAD = re.compile(
    r"\s+((?:before|after|ahead of|earlier than|later than)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)"
)
CHANGE_VERB = re.compile(
    r"\b(?:fell|rose|dropped|climbed|jumped|slumped|plunged|grew|increased|decreased|declined|gained|"
    r"closed|ended|finished|shrank|slid|soared|surged|tumbled)\s+(?:(?:about|around|nearly|almost|more than|"
    r"less than|some|roughly)\s+)?$",
    re.I,
)
PREPOSITION_BEFORE = re.compile(r"\b(for|within|after|in|by|from|to|at|of|over|under)\s+$", re.I)
THRESHOLD_VERB = re.compile(r"\b(?:passed|exceeded|topped|surpassed|crossed)\s+$", re.I)
WORD_NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")


BOUND_WORDS = {"over": "more than", "above": "more than", "under": "less than", "below": "less than",
               "well above": "well above", "well below": "well below", "upwards of": "more than"}  # fmt: skip


def _wh_phrase(statement: str, span: ValueSpan) -> str:
    mention = span.mention
    hedge = "" if mention.high is not None else (mention.hedge_text or "")
    if hedge.lower() in LOWER_BOUNDS + UPPER_BOUNDS and not hedge.lower().startswith("just"):
        # "more than 400 firefighters": "More than how many firefighters …?", keyed 400
        hedge = BOUND_WORDS.get(hedge.lower(), hedge.lower())
    else:
        hedge = "about" if hedge.lower() in APPROXIMATE else ""
    rest = statement[mention.end : span.end].strip()
    if span.measure == "age":
        words = "how old"
    elif span.measure == "temperature":
        words = "how many degrees Celsius"
    elif span.measure == "frequency":
        return "how often"
    elif span.measure == "percent":
        words = f"what percentage {rest}".strip()
    elif span.measure == "money":
        noun = re.sub(r"^of\s+", "", rest)
        words = f"how much {noun}".strip()
    else:
        words = f"how many {rest}".strip()
    return f"{hedge} {words}".strip()


def _statement_order(clause: str) -> bool:
    """Version 1's how_many reads after a number ('French troops were stationed in Niger'), not
    in question order ('homes are the panels expected to supply', 'years old was X')."""
    toks = tokens(clause)
    for index, tok in enumerate(toks):
        if tok.lower in ("is", "are", "was", "were", "has", "have", "had", "did", "do", "does", "will"):
            following = toks[index + 1] if index + 1 < len(toks) else None
            if following is None:
                return False
            word = following.text
            return not (
                word[:1].isupper() or word.lower() in ("the", "a", "an", "its", "his", "her", "their")
            )
        if tok.lower in PREPOSITIONS and index == 0:
            return False
    return True
