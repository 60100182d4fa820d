"""What a typed-answer card says besides its answer: a hint at the answer's form on the front,
and the other spellings (and, for numbers, the range) that count too on the back.

Anki compares a typed answer with the Answer field letter by letter, so tolerance is shown,
never enforced. The phrasings are data: ``templates/anki/typed-answers.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources

import jinja2
import yaml

from quizgen.model import Question
from quizgen.templating import text_environment

TYPED_ANSWERS_FILE = "typed-answers.yaml"
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@functools.cache
def _data() -> dict:
    text = resources.files("quizgen").joinpath(f"templates/anki/{TYPED_ANSWERS_FILE}").read_text("utf-8")
    return yaml.safe_load(text)


@functools.cache
def _compiled(template: str) -> jinja2.Template:
    """A phrasing compiled once per process (compiling it was most of the time of a typed note)."""
    return text_environment(keep_trailing_newline=False).from_string(template)


def _render(template: str, **values: object) -> str:
    return _compiled(template).render(**values)


def format_hint(question: Question) -> str | None:
    """A plain-text hint at the form to type the answer in (never its value); None if none fits."""
    fact_type = question.tags[0] if question.tags else ""
    for entry in _data()["hints"]:
        if entry["type"] != fact_type or not re.fullmatch(entry["pattern"], question.answer):
            continue
        example = next((e for e in entry["examples"] if e != question.answer), None)
        if example is not None:
            return _render(entry["text"], example=example)
    return None


def _numbers(text: str) -> set[float]:
    return {float(n.replace(",", "")) for n in _NUMBER.findall(text)}


def also_right(question: Question) -> tuple[str, ...]:
    """The accepted spellings worth showing: those that state the whole answer, a few at most."""
    needed = _numbers(question.answer)
    spellings = [a for a in question.accepted if a != question.answer and needed <= _numbers(a)]
    return tuple(dict.fromkeys(spellings))[: int(_data()["accepted"]["most"])]


def _number(value: float) -> str:
    return f"{int(value):,}" if value == int(value) else f"{value:,}"


def typed_fields(question: Question, escape: Callable[[str], str]) -> dict[str, str]:
    """The typed note's Question and Accepted fields, every value passed through ``escape``."""
    hint = format_hint(question)
    low_high = question.tolerance
    shown_range = None
    if low_high is not None and low_high[0] != low_high[1]:
        shown_range = (escape(_number(low_high[0])), escape(_number(low_high[1])))
    return {
        "Question": _render(
            _data()["question"], question=escape(question.prompt), hint=escape(hint) if hint else ""
        ),
        "Accepted": _render(
            _data()["accepted"]["text"],
            spellings=[escape(s) for s in also_right(question)],
            range=shown_range,
        ),
    }
