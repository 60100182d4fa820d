"""The ``quiz:`` mapping of deck.yaml: how the printed quiz of a deck is made."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import Node, ScalarNode

from quizgen.load.fields import (
    FieldError,
    Reader,
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


QUIZ_SPEC: dict[str, tuple[Reader, bool]] = {
    "versions": (read_int_between(1, MAX_VERSIONS), False),
    "seed": (read_text, False),
    "paper": (read_paper, False),
    "count": (read_int_between(1, MAX_COUNT), False),
    "forms": (read_forms, False),
}


def read_quiz_settings(node: Node | None, path: Path, problems: list[Problem]) -> QuizSettings:
    """The quiz settings of a deck; problems (with their lines) are appended to ``problems``."""
    if node is None:
        return QuizSettings()
    values, _ = read_mapping(node, path, QUIZ_SPEC, problems, "quiz settings")
    return QuizSettings(**values)


def quiz_node(node: Node) -> Node:
    """Reader for deck.yaml's ``quiz`` key: keeps the node, read later with its own lines."""
    return node
