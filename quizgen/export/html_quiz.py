"""Export to printable worksheets: one self-contained HTML file per version of an assembled
quiz, each with its answer key on pages of its own.

The assembled quiz says which questions, in which order, with which options (``assemble``);
this module only lays them out: answer lines sized to the answers, option columns, blanks. The
template sees plain data only.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jinja2
from markupsafe import Markup

from quizgen.assemble import Item, Quiz, Version, quiz_title
from quizgen.model import Deck, Question
from quizgen.templating import html_environment
from quizgen.text.compare import same_text
from quizgen.text.numbers import number_text

# --- sizes ---------------------------------------------------------------------------------


def blank_width(answer: str) -> str:
    """A blank wide enough to write the answer by hand, in a few steps (not its exact length)."""
    size = len(answer)
    return "short" if size <= 10 else "medium" if size <= 24 else "long" if size <= 44 else "full"


def answer_space(question: Question) -> tuple[int, str]:
    """Ruled lines sized to the expected answer: (full lines, width of a single short line)."""
    size = len(question.answer)
    if question.kind == "typed" or size <= 24:
        return 0, blank_width(question.answer)
    return (1 if size <= 50 else 2 if size <= 110 else 3), "full"


def also_accept(question: Question, most: int = 3) -> tuple[str, ...]:
    """The first few accepted answers that differ from the answer, for the key."""
    seen = {_plain(question.answer)}
    out = []
    for text in question.accepted:
        if _plain(text) not in seen and len(out) < most:
            seen.add(_plain(text))
            out.append(text)
    return tuple(out)


def cloze_parts(question: Question) -> tuple[str, str, str]:
    """The cloze around its blank: the text before, what follows up to the first space (kept on
    the blank's line, so that a full stop never starts a line alone), and the rest."""
    if question.cloze is not None:
        before, after = question.cloze.before, question.cloze.after
    else:
        before, _, after = question.prompt.partition("_____")
    head = re.match(r"\S*", after)
    glued = head.group() if head else ""
    return before, glued, after[len(glued) :]


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def option_columns(options: tuple[str, ...]) -> int:
    longest = max((len(o) for o in options), default=0)
    return len(options) if longest <= 16 and len(options) <= 4 else 2 if longest <= 34 else 1


# --- rendering ------------------------------------------------------------------------------


def css_string(text: str) -> Markup:
    """Text safe inside a double-quoted CSS string in a <style> element."""
    out = []
    for char in str(text):
        if char in '\\"<>&' or ord(char) < 32:
            out.append(f"\\{ord(char):X} ")
        else:
            out.append(char)
    return Markup("".join(out))


@functools.cache
def environment() -> jinja2.Environment:
    """The environment of the printed pages (package templates, autoescaped), made once."""
    loader = jinja2.PackageLoader("quizgen", "templates")
    return html_environment(loader, {"css_string": css_string, "number_text": number_text})


def question_data(question: Question) -> dict[str, Any]:
    """A question as the worksheet shows it: plain text only."""
    return {
        "prompt": question.prompt,
        "answer": question.answer,
        "evidence": question.evidence,
        "note": question.note,
        "tolerance": list(question.tolerance) if question.tolerance else None,
        "source": {"title": question.source.title, "published": question.source.published.text()},
    }


def quick_answer(item: Item) -> str:
    """The item's answer in the quick key: a letter, True/False, the letters of a matching item
    in the order of its blanks, the places of a timeline's events, or the words to write."""
    if item.form == "choice":
        return item.answer_letter
    if item.form == "matching":
        return " ".join(item.match_letters)
    if item.form == "ordering":
        return "–".join(str(rank) for rank in item.ranks)
    return item.question.answer


def item_data(item: Item, quiz: Quiz | None = None) -> dict[str, Any]:
    """One item laid out: its parts in display order, and the space to answer in."""
    question = item.question
    articles = quiz.articles_of(question) if quiz is not None and quiz.several_articles else ()
    data: dict[str, Any] = {
        "articles": list(articles),
        "sources": [
            f"{quiz.articles[i - 1].title} ({quiz.articles[i - 1].published.text()})" for i in articles
        ]
        if quiz is not None
        else [],
        "quick": quick_answer(item),
        "number": item.number,
        "form": item.form,
        "marks": item.marks,
        "question": question_data(question),
        "options": list(item.options),
        "answer_letter": item.answer_letter,
        "option_columns": option_columns(item.options),
        "left": list(item.left),
        "right": list(item.right),
        "match_letters": list(item.match_letters),
        "even_columns": max((len(a) for a in item.left), default=0) > 32,
        "events": list(item.events),
        "ranks": list(item.ranks),
        "lines": 0,
        "blank": "medium",
        "cloze": ["", "", ""],
        "also_accept": [],
    }
    if item.form == "short_answer":
        data["lines"], data["blank"] = answer_space(question)
        data["also_accept"] = list(also_accept(question))
    if item.form == "cloze":
        data["blank"] = blank_width(question.answer)
        data["cloze"] = list(cloze_parts(question))
        data["also_accept"] = list(also_accept(question))
    return data


def deck_path(deck: Deck, title: str) -> str:
    """The deck's name as a breadcrumb above the title, without its last part when that is the
    title itself (so that the title is not printed twice)."""
    parts = [part.strip() for part in deck.settings.name.split("::") if part.strip()]
    if parts and same_text(parts[-1], title):
        parts = parts[:-1]
    return " › ".join(parts)


def article_data(deck: Deck, quiz: Quiz) -> list[dict[str, str]]:
    outlets = {s.article.path.name: s.article.source for s in deck.sheets if s.article is not None}
    return [
        {"title": a.title, "published": a.published.text(), "source": outlets.get(a.path, "")}
        for a in quiz.articles
    ]


def render_worksheet(
    deck: Deck, version: Version, paper: str = "a4", quiz: Quiz | None = None, part: str = "sheet"
) -> str:
    """One version as a self-contained HTML page (inline CSS, no external requests): the
    students' sheet, or (``part="key"``) its answer key; every text escaped."""
    template = environment().get_template("quiz.html.j2")
    settings = deck.settings
    sections = [{"form": s.form, "items": [item_data(i, quiz) for i in s.items]} for s in version.sections]
    title = quiz_title(deck)
    return template.render(
        part=part,
        title=title,
        deck_name=deck_path(deck, title),
        description=settings.description,
        paper="letter" if paper.lower() == "letter" else "A4",
        version=version.letter,
        sections=sections,
        count=len(version.items),
        marks=version.marks,
        several_articles=bool(quiz and quiz.several_articles),
        articles=article_data(deck, quiz) if quiz is not None else [],
    )


def quiz_file_name(deck: Deck, version: str, suffix: str = ".html") -> str:
    return f"{deck.settings.key}-quiz-{version}{suffix}"


def key_file_name(deck: Deck, version: str, suffix: str = ".html") -> str:
    return f"{deck.settings.key}-quiz-{version}-key{suffix}"


def render_quiz_versions(deck: Deck, quiz: Quiz, paper: str = "a4") -> dict[str, str]:
    """File name → HTML for every version of the assembled quiz, the students' sheet then its
    answer key (a file of its own: printed once, and its pages never counted on the students');
    none when the quiz has no question."""
    files = {}
    for version in quiz.versions:
        files[quiz_file_name(deck, version.letter)] = render_worksheet(deck, version, paper, quiz)
        files[key_file_name(deck, version.letter)] = render_worksheet(deck, version, paper, quiz, "key")
    return files
