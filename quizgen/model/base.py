"""The core of the model: places in files, problems, articles, the fact base, decks, questions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

from quizgen.text.datevalue import PartialDate


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file, 1-based, for messages of the form ``path:line:column``."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return str(self.path)
        if self.column <= 0:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """Something wrong (an error) or doubtful (a warning) in an input file."""

    location: Location
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.location}: {prefix}{self.message}"


class InputError(Exception):
    """Raised by a loader when an input cannot be read at all; carries its problems."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Article:
    """A source article: its front matter and body text."""

    path: Path
    title: str
    published: PartialDate
    source: str
    body: str
    body_line: int = 1  # line of the file on which the body starts


@dataclass(frozen=True)
class Fact:
    """What every fact has, whatever its type. A fact type is a subclass registered in
    ``quizgen.model.registry``: its keys, value, options, phrases and checks live with it."""

    TYPE: ClassVar[str] = ""
    KEYS: ClassVar[tuple] = ()  # the type's own keys (``keys.Key``), beside COMMON_KEYS
    VALUE_KEY: ClassVar[str] = ""  # the key a problem about the fact's value points at
    OPTIONS: ClassVar[dict[str, str]] = {}  # option kind -> how it is compared: date, number, text
    DOC: ClassVar[str] = ""  # one line for the docs and the schema

    id: str
    evidence: str
    location: Location
    tags: tuple[str, ...] = ()
    also_true: tuple[str, ...] = ()
    question: str | None = None  # version 1: a prompt overriding the template's first form
    questions: dict[str, str] = field(default_factory=dict, compare=False)  # form -> wording
    skip: tuple[str, ...] = ()  # forms not made for this fact
    same_as: tuple[str, ...] = ()  # ids of facts that state the same thing under other words
    gap: str | None = None  # the span of the evidence blanked in the cloze
    gap_also: tuple[str, ...] = ()  # other words that fill the gap: all right in the cloze
    draft: bool = False  # a candidate from `quizgen new`, left out of builds until confirmed
    image: Path | None = None  # an image file, resolved relative to its sheet
    version: int = 1  # the format version of the sheet it comes from
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)

    @property
    def type(self) -> str:
        return self.TYPE

    def where(self, key: str) -> Location:
        """Location of one of the fact's keys, or of the fact itself."""
        return self.locations.get(key, self.location)

    # --- what each type says about itself (overridden by the types) -------------------------

    def spellings(self) -> list[str]:
        """The ways the fact's key value may be written in its evidence, longest first."""
        return []

    def option_value(self, kind: str) -> Any:
        """The fact's value offered as an option of ``kind``, or None."""
        return None

    def phrases(self) -> dict[str, Any]:
        """Sentences and phrases derived from the fact's slots, for templates (plain data)."""
        return {}

    def check(self, article: Article | None) -> list[Problem]:
        """What only this type can see wrong with the fact."""
        return []

    def study(self) -> tuple[str, dict[str, Any]] | None:
        """The fact's line on the study sheet: (section, row as plain data), or None."""
        return None

    def state(self, kind: str, value: Any) -> str | None:
        """A sentence stating ``value`` (an option of ``kind``) as the fact's value, for a
        true/false item; None when the type cannot say it."""
        return None

    def option_class(self, kind: str) -> str:
        """Options of ``kind`` offered together share this class (an actor's kind, a place's)."""
        return ""

    def check_value(self, article: Article | None) -> str | None:
        """What is wrong with a value its evidence shows, compared with what it states."""
        return None

    def value_hint(self, article: Article | None) -> str:
        """For a value not visible in its evidence: what the evidence states instead."""
        return ""

    def contradicted(self, article: Article | None) -> bool:
        """True when the evidence states another value of the fact's kind than the fact says."""
        return False


@dataclass(frozen=True)
class FactSheet:
    """One YAML file of facts about one article."""

    path: Path
    article_ref: str
    article_location: Location
    article: Article | None
    facts: tuple[Fact, ...]
    version: int = 1  # the sheet's format version
    context: str = ""  # what the article is about, shown on every card: "the Notre-Dame fire, 2019"
    digest: str = ""  # SHA-256 of the file's bytes as loaded: what was read, whatever the file holds now


QUIZ_FORMS: tuple[str, ...] = ("choice", "true_false", "matching", "ordering", "cloze", "short_answer")
PAPER_SIZES: tuple[str, ...] = ("a4", "letter")


@dataclass(frozen=True)
class QuizSettings:
    """The printed quiz of a deck (``quiz:`` in deck.yaml); the ``quiz`` command overrides them."""

    versions: int = 1  # versions A, B, …: same questions, shuffled differently
    seed: str = "0"
    paper: str = "a4"  # one of PAPER_SIZES
    count: int | None = None  # how many questions; None: each fact asked about once where possible
    forms: tuple[str, ...] = ()  # worksheet sections (QUIZ_FORMS) to include; empty: all


@dataclass(frozen=True)
class DeckSettings:
    """``decks/<deck>/deck.yaml``."""

    key: str  # the deck's folder name: its stable identity
    path: Path
    name: str  # the Anki deck name, `::` separating subdecks
    description: str = ""
    quiz_title: str = ""
    question_templates: dict = field(default_factory=dict, compare=False)
    templates_line: int = 1  # where question_templates starts in deck.yaml, for messages
    quiz: QuizSettings = field(default_factory=QuizSettings)
    anki_multiple_choice: bool = False  # also send multiple-choice questions to Anki
    choice_options: int = 4  # options of a multiple-choice question: 4, or 3
    formats: tuple[str, ...] = ("anki", "worksheet", "study")  # what build writes
    locations: dict[str, Location] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Deck:
    settings: DeckSettings
    sheets: tuple[FactSheet, ...]

    @property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(f for s in self.sheets for f in s.facts)


@dataclass(frozen=True)
class Source:
    title: str
    published: PartialDate
    path: str


@dataclass(frozen=True)
class Cloze:
    """Evidence text split around its gap."""

    before: str
    gap: str
    after: str


QuestionKind = Literal["recall", "cloze", "choice", "true_false", "typed", "matching", "ordering"]


@dataclass(frozen=True)
class Question:
    """One generated question: what every exporter reads, never re-deriving it.

    ``kind`` says how it is answered:
    - recall: free recall of ``answer``; cloze: fill ``cloze.gap`` (``answer`` is the gap);
    - choice: pick ``answer`` among ``options`` (it is there exactly once);
    - true_false: ``options`` is ("True", "False") and ``answer`` one of them;
    - typed: type ``answer``; ``accepted`` are also right, and for numbers ``tolerance``
      is the closed range of accepted values;
    - matching: ``pairs`` are the right (left, right) pairs;
    - ordering: ``sequence`` is the right order (earliest first).
    """

    deck: str
    fact_id: str  # the fact, or facts joined by '+', that the question is about
    form: str
    kind: QuestionKind
    prompt: str
    answer: str
    evidence: str
    source: Source
    tags: tuple[str, ...]
    cloze: Cloze | None = None
    options: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    sequence: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    tolerance: tuple[float, float] | None = None
    image: Path | None = None  # the fact's image file, if any (Anki ships it as media)
    ordered: bool = False  # choice: options are dates or numbers in ascending order; keep it
    note: str = ""  # shown before the item, outside any quote: "[As of November 2023]"
    context: str = ""  # the sheet's context, shown on a card read alone: "The Notre-Dame fire, 2019"

    @property
    def lead(self) -> str:
        """What a card read alone shows before its question: the sheet's context and the stamp."""
        context = f"[{self.context[:1].upper()}{self.context[1:]}]" if self.context else ""
        return " ".join(p for p in (context, self.note) if p)

    @property
    def id(self) -> str:
        """Stable identity: deck, fact id and form; never the wording."""
        return f"{self.deck}/{self.fact_id}/{self.form}"

    @property
    def fact_ids(self) -> tuple[str, ...]:
        return tuple(self.fact_id.split("+"))
