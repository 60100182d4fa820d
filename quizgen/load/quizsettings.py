"""The ``quiz:`` mapping of deck.yaml: how the printed quiz of a deck is made."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import Node, ScalarNode

from quizgen.load.fields import (
    FieldError,
    Reader,
    read_bool,
    read_mapping,
    read_text,
    read_text_list,
    suggest,
)
from quizgen.load.yamlnodes import INT_TAG, describe, parse_int, quoted, shorten
from quizgen.model import PAPER_SIZES, QUIZ_FORMS, Problem, QuizSettings

MAX_VERSIONS = 26  # one letter each, A to Z
MAX_COUNT = 1_000  # questions on one printed quiz


def read_int_between(low: int, high: int | None) -> Reader:
    """A whole number from ``low`` to ``high`` (no upper bound when None)."""

    def reader(node: Node) -> int:
        value = parse_int(node.value) if isinstance(node, ScalarNode) and node.tag == INT_TAG else None
        if value is None:
            raise FieldError(f"expected a whole number, found {describe(node)}")
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise FieldError(f"{shorten(str(value))} is out of range: write a whole number {bounds}")
        return value

    return reader


def read_paper(node: Node) -> str:
    value = read_text(node).lower()
    if value not in PAPER_SIZES:
        raise FieldError(f"{quoted(value)} is not a paper size: write one of {', '.join(PAPER_SIZES)}")
    return value


def read_forms(node: Node) -> tuple[str, ...]:
    forms = read_text_list(node)
    for form in forms:
        if form not in QUIZ_FORMS:
            raise FieldError(
                f"{quoted(form)} is not a quiz form: write any of {', '.join(QUIZ_FORMS)}"
                f"{suggest(form, QUIZ_FORMS)}"
            )
    if not forms:
        raise FieldError(f"expected at least one quiz form ({', '.join(QUIZ_FORMS)})")
    return tuple(dict.fromkeys(forms))


@dataclass(frozen=True)
class Setting:
    """One key of deck.yaml, declared once: the loader reads it (``reader``), and the JSON
    Schema for editors (``quizgen/load/schema.py``) and the docs describe it from the same
    declaration."""

    name: str
    kind: str  # text, bool, int, choice, choice_list, text_list, mapping, templates
    doc: str
    required: bool = False
    low: int | None = None  # int: the smallest value
    high: int | None = None  # int: the largest value; None: no limit
    choices: tuple[str, ...] = ()  # choice, choice_list: the values allowed
    any_case: bool = False  # choice: 'A4' is 'a4'
    examples: tuple[Any, ...] = ()
    keys: tuple[Setting, ...] = ()  # mapping: its own keys
    read: Reader | None = None  # a reader with messages of its own, else one made from ``kind``

    def reader(self) -> Reader:
        if self.read is not None:
            return self.read
        if self.kind == "int":
            assert self.low is not None, self.name
            return read_int_between(self.low, self.high)
        return {"text": read_text, "bool": read_bool, "text_list": read_text_list}[self.kind]


def spec_of_settings(settings: tuple[Setting, ...]) -> dict[str, tuple[Reader, bool]]:
    """The ``read_mapping`` spec of declared settings."""
    return {s.name: (s.reader(), s.required) for s in settings}


QUIZ_SETTINGS: tuple[Setting, ...] = (
    Setting("versions", "int", "How many versions to print, lettered A, B, …: the same questions, "
            f"shuffled differently. 1 to {MAX_VERSIONS}; by default 1.", low=1, high=MAX_VERSIONS,
            examples=(2,)),
    Setting("seed", "text", "The seed of every shuffle: the same seed prints the same quiz. By default 0.",
            examples=("autumn-term",)),
    Setting("paper", "choice", "The paper size: a4 (the default) or letter.", choices=PAPER_SIZES,
            any_case=True, read=read_paper),
    Setting("count", "int", "How many questions to print; by default every fact is asked about once "
            "where possible.", low=1, high=MAX_COUNT, examples=(12,)),
    Setting("forms", "choice_list", "Which sections to print; by default all of them.",
            choices=QUIZ_FORMS, read=read_forms, examples=(["choice", "true_false", "cloze"],)),
)  # fmt: skip
QUIZ_SPEC: dict[str, tuple[Reader, bool]] = spec_of_settings(QUIZ_SETTINGS)


def read_quiz_settings(node: Node | None, path: Path, problems: list[Problem]) -> QuizSettings:
    """The quiz settings of a deck; problems (with their lines) are appended to ``problems``."""
    if node is None:
        return QuizSettings()
    values, _ = read_mapping(node, path, QUIZ_SPEC, problems, "quiz settings")
    return QuizSettings(**values)


def quiz_node(node: Node) -> Node:
    """Reader for deck.yaml's ``quiz`` key: keeps the node, read later with its own lines."""
    return node
