"""The ``quiz`` command: a deck's quiz assembled once, then written in the formats asked for
(by default its worksheets, with their keys, and its study sheet), HTML printed to PDF on
request."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from quizgen.assemble import assemble_quiz
from quizgen.export import pdf
from quizgen.export.registry import ExportJob, formats
from quizgen.files import locked, write_together
from quizgen.model import QUIZ_FORMS, InputError, Location, Problem, QuizSettings
from quizgen.pipeline import DeckResult, load_and_check, write_outputs
from quizgen.text.compare import suggest

QUIZ_DEFAULT_FORMATS = ("worksheet", "study")


def parse_forms(values: Iterable[str]) -> tuple[str, ...]:
    """Quiz forms from ``--forms`` values, each one or several separated by commas."""
    return _parse(values, QUIZ_FORMS, "a quiz form")


def parse_formats(values: Iterable[str]) -> tuple[str, ...]:
    """Output formats from ``--format`` values, each one or several separated by commas."""
    return _parse(values, tuple(formats()), "a format")


def _parse(values: Iterable[str], known: tuple[str, ...], what: str) -> tuple[str, ...]:
    names = [f.strip() for value in values for f in value.split(",") if f.strip()]
    for name in names:
        if name not in known:
            raise ValueError(f"'{name}' is not {what}: use any of {', '.join(known)}{suggest(name, known)}")
    return tuple(dict.fromkeys(names))


def quiz_settings(base: QuizSettings, **overrides: Any) -> QuizSettings:
    """The deck's quiz settings with the command line's (those not None or empty) laid over them."""
    given = {key: value for key, value in overrides.items() if value not in (None, ())}
    return dataclasses.replace(base, **given)


def quiz_deck(
    deck_dir: Path,
    out_dir: Path,
    with_pdf: bool = False,
    formats_: tuple[str, ...] = (),
    on_wait: Callable[[], None] | None = None,
    **overrides: Any,
) -> DeckResult:
    """Write a deck's quiz into ``out_dir`` in ``formats_`` (default: worksheets and study
    sheet), all files or none; nothing when the deck has errors.

    The deck is locked throughout, as a build locks it, so that a quiz and a build (or two
    quizzes) of one deck never mix their outputs; ``on_wait`` is called when another holds it.

    Raises ``pdf.PdfError`` when ``with_pdf`` is set and printing cannot be done (checked before
    anything is written when Chromium is missing)."""
    try:
        with locked(deck_dir, on_wait=on_wait, retry="run quizgen quiz again"):
            return _quiz_locked(deck_dir, out_dir, with_pdf, formats_, **overrides)
    except InputError as exc:  # another run kept the lock
        return DeckResult(deck_dir, problems=list(exc.problems))


def _quiz_locked(
    deck_dir: Path, out_dir: Path, with_pdf: bool, formats_: tuple[str, ...], **overrides: Any
) -> DeckResult:
    from quizgen.buildcache import kept_sheets

    # the questions a build into the same folder kept of the sheets that did not change since
    result = load_and_check(deck_dir, reuse=kept_sheets(out_dir, deck_dir) or None)
    deck = result.deck
    if deck is None or result.errors:
        return result
    generated = result.generated
    assert generated is not None  # load_and_check generates every deck without errors
    settings = quiz_settings(deck.settings.quiz, **overrides)
    quiz = assemble_quiz(generated.questions, settings, deck)
    if settings.count is not None and len(quiz.questions) < settings.count:
        result.notes.append(
            f"{len(quiz.questions)} question(s) instead of {settings.count}: the deck has no more that do "
            "not give away another's answer or ask one again"
        )
    if not quiz.questions:
        forms = ", ".join(settings.forms or QUIZ_FORMS)
        message = f"the quiz would be empty: no question of the forms {forms} was made for this deck"
        result.problems.append(Problem(Location(deck.settings.path, 1), message))
        return result
    chromium = None
    if with_pdf:
        chromium = pdf.find_chromium()
        if chromium is None:
            raise pdf.PdfError(pdf.INSTALL_HINT)
    job = ExportJob(deck, deck_dir, generated, quiz, result.plan)
    outputs = [o for name in formats_ or QUIZ_DEFAULT_FORMATS for o in formats()[name].outputs(job)]
    result.notes += job.notes
    write_outputs(result, out_dir, sorted(outputs, key=lambda o: o.last))
    if result.errors or chromium is None:
        return result
    html_files = [path for path in result.written if path.suffix == ".html"]
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
