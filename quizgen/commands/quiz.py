"""``quizgen quiz``: a deck's worksheets, keys and study sheet, as HTML and PDF."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import DECKS, PATHS, echo_problems, output_options, project_or_exit, say, wrote
from quizgen.load import find_deck_dirs
from quizgen.model import PAPER_SIZES, QUIZ_FORMS


def _forms_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from quizgen.printing import parse_forms

    try:
        return parse_forms(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


def _formats_option(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    from quizgen.printing import parse_formats

    try:
        return parse_formats(values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc


@click.command(short_help="Write a deck's quiz: worksheets, keys, Moodle, Canvas, Kahoot…")
@click.argument("deck", type=DECKS)
@click.option("--versions", type=click.IntRange(1, 26), help="How many versions (A, B, …) to print.")
@click.option("--seed", help="Seed of the shuffles: the same seed prints the same versions.")
@click.option("--paper", type=click.Choice(PAPER_SIZES, case_sensitive=False), help="Paper size.")
@click.option("--count", type=click.IntRange(min=1), help="How many questions, spread over forms and facts.")
@click.option(
    "--forms",
    multiple=True,
    callback=_forms_option,
    help=f"Sections to include, comma-separated or repeated: {', '.join(QUIZ_FORMS)}.",
)
@click.option(
    "--format",
    "formats_",
    multiple=True,
    callback=_formats_option,
    help="Output format, repeated or comma-separated (default: worksheet, study): worksheet, study, "
    "moodle, gift, canvas, quizlet, kahoot, csv, anki.",
)
@click.option("--out", "out_dir", type=PATHS, help="Output folder.  [default: build/ at the project's root]")
@click.option("--pdf", "with_pdf", is_flag=True, help="Also print each file to PDF (needs chromium).")
@output_options
def quiz(
    deck: Path,
    versions: int | None,
    seed: str | None,
    paper: str | None,
    count: int | None,
    forms: tuple[str, ...],
    formats_: tuple[str, ...],
    out_dir: Path | None,
    with_pdf: bool,
) -> None:
    """Write a deck's quiz: by default one worksheet per version with its answer key, and a study
    sheet; with --format, the quiz for Moodle, Canvas, Kahoot, Quizlet and more. The questions
    are chosen once, so every format asks the same ones. Options left out come from the `quiz:`
    settings in deck.yaml."""
    from quizgen.export.pdf import PdfError
    from quizgen.printing import quiz_deck

    out_dir = out_dir or project_or_exit(deck).build
    deck_dirs, extra = find_deck_dirs([deck])
    echo_problems(extra)
    if extra:
        sys.exit(1)
    if len(deck_dirs) != 1:
        raise click.BadParameter(f"{deck} holds {len(deck_dirs)} decks: name one", param_hint="DECK")
    settings = {"versions": versions, "seed": seed, "paper": paper and paper.lower(), "count": count}
    try:
        waiting = f"{deck_dirs[0].name}: waiting for another quizgen run on this deck to finish…"
        result = quiz_deck(
            deck_dirs[0], out_dir, with_pdf, formats_, on_wait=lambda: say(waiting), forms=forms, **settings
        )
    except PdfError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    echo_problems(result.problems)
    for note in result.notes:
        say(f"{deck_dirs[0].name}: {note}")
    if result.errors or not result.written:
        click.echo(f"{deck_dirs[0].name}: not printed ({len(result.errors)} error(s))", err=True)
        sys.exit(1)
    for path in result.written:
        wrote(path)
