"""The ``quiz`` command: a deck's worksheets (every version, with keys) and study sheet,
as HTML and, on request, PDF."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quizgen.assemble.select import select_questions
from quizgen.export import pdf
from quizgen.export.printables import printable_files
from quizgen.files import write_together
from quizgen.model import QUIZ_FORMS, Location, Problem, QuizSettings
from quizgen.pipeline import DeckResult, load_and_check
from quizgen.text.compare import suggest


def parse_forms(values: Iterable[str]) -> tuple[str, ...]:
    """Quiz forms from ``--forms`` values, each one or several separated by commas."""
    forms = [f.strip() for value in values for f in value.split(",") if f.strip()]
    for form in forms:
        if form not in QUIZ_FORMS:
            raise ValueError(
                f"'{form}' is not a quiz form: use any of {', '.join(QUIZ_FORMS)}{suggest(form, QUIZ_FORMS)}"
            )
    return tuple(dict.fromkeys(forms))


def quiz_settings(base: QuizSettings, **overrides: Any) -> QuizSettings:
    """The deck's quiz settings with the command line's (those not None or empty) laid over them."""
    given = {key: value for key, value in overrides.items() if value not in (None, ())}
    return dataclasses.replace(base, **given)


def quiz_deck(deck_dir: Path, out_dir: Path, with_pdf: bool = False, **overrides: Any) -> DeckResult:
    """Write a deck's worksheets and study sheet into ``out_dir``; nothing when it has errors.

    Raises ``pdf.PdfError`` when ``with_pdf`` is set and printing cannot be done (checked before
    anything is written when Chromium is missing)."""
    result = load_and_check(deck_dir)
    deck = result.deck
    if deck is None or result.errors:
        return result
    generated = result.generated
    assert generated is not None  # load_and_check generates every deck without errors
    settings = quiz_settings(deck.settings.quiz, **overrides)
    selected = select_questions(generated.questions, settings)
    if settings.count is not None and len(selected) < settings.count:
        result.notes.append(
            f"{len(selected)} question(s) instead of {settings.count}: the deck has no more that do "
            "not give away another's answer"
        )
    if not selected:
        forms = ", ".join(settings.forms or QUIZ_FORMS)
        message = f"the quiz would be empty: no question of the forms {forms} was made for this deck"
        result.problems.append(Problem(Location(deck.settings.path, 1), message))
        return result
    files = printable_files(deck, generated.questions, settings)
    chromium = None
    if with_pdf:
        chromium = pdf.find_chromium()
        if chromium is None:
            raise pdf.PdfError(pdf.INSTALL_HINT)
    html_files = [out_dir / name for name in files]
    result.problems += write_together(
        [
            (target, lambda tmp, text=text: tmp.write_text(text, encoding="utf-8"))
            for target, text in zip(html_files, files.values(), strict=True)
        ]
    )
    if result.errors:
        return result
    result.written += html_files
    if chromium is not None:
        pdfs = [html.with_suffix(".pdf") for html in html_files]
        result.problems += write_together(
            [
                (target, lambda tmp, html=html: pdf.print_pdf(html, tmp, chromium=chromium))
                for target, html in zip(pdfs, html_files, strict=True)
            ]
        )
        if not result.errors:
            result.written += pdfs
    return result
