"""Stage 4, export to a printable quiz: one self-contained HTML file per deck."""

from __future__ import annotations

from dataclasses import dataclass

import jinja2
from markupsafe import Markup

from quizgen.model import Deck, Question

SECTIONS = (
    ("recall", "Short answer", "Answer each question in a few words on the lines below it."),
    ("cloze", "Fill in the blank", "Write the missing words from the article in each blank."),
)


@dataclass(frozen=True)
class Item:
    number: int
    question: Question
    lines: int


@dataclass(frozen=True)
class Section:
    heading: str
    instructions: str
    items: tuple[Item, ...]


def css_string(text: str) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    out = []
    for char in str(text):
        if char in '\\"<>&' or ord(char) < 32:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return Markup("".join(out))


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quizgen", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    return env


def answer_lines(answer: str) -> int:
    """Ruled lines sized to the expected answer: one per ~45 characters, at least one."""
    return min(3, 1 + len(answer) // 45)


def build_sections(questions: tuple[Question, ...]) -> list[Section]:
    """Group questions by kind, numbered continuously across sections."""
    sections = []
    number = 0
    for kind, heading, instructions in SECTIONS:
        items = []
        for question in (q for q in questions if q.kind == kind):
            number += 1
            items.append(Item(number, question, answer_lines(question.answer)))
        if items:
            sections.append(Section(heading, instructions, tuple(items)))
    return sections


def render_quiz(deck: Deck, questions: tuple[Question, ...], paper: str = "A4") -> str:
    """The quiz as one HTML page: inline CSS, no external requests, every text escaped."""
    template = _environment().get_template("quiz.html.j2")
    return template.render(
        title=deck.settings.quiz_title,
        description=deck.settings.description,
        paper=paper,
        sections=build_sections(questions),
    )
