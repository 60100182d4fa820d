"""The ``quizgen`` command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen import __version__
from quizgen.load import find_deck_dirs
from quizgen.model import Problem
from quizgen.pipeline import DeckResult, build_deck, check_paths

PATHS = click.Path(path_type=Path)


def _echo_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (str(p.location.path), p.location.line, p.location.column)):
        click.echo(str(problem), err=True)


def _summary(results: list[DeckResult], extra: list[Problem]) -> tuple[int, int]:
    errors = len(extra) + sum(len(r.errors) for r in results)
    warnings = sum(len(r.problems) - len(r.errors) for r in results)
    return errors, warnings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn news articles and their fact sheets into Anki decks and printable quizzes."""


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[Path, ...], strict: bool) -> None:
    """Check fact sheets and decks (default: every deck under decks/).

    Prints every problem as path:line:column: message and exits 1 if there is any error.
    """
    results, extra = check_paths(list(paths) or [Path("decks")])
    problems = extra + [p for r in results for p in r.problems]
    _echo_problems(problems)
    errors, warnings = _summary(results, extra)
    facts = sum(len(r.deck.facts) for r in results if r.deck)
    click.echo(
        f"checked {len(results)} deck(s), {facts} fact(s): {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)


@main.command()
@click.argument("decks", nargs=-1, type=PATHS)
@click.option(
    "--out",
    "out_dir",
    type=PATHS,
    default=Path("build"),
    show_default=True,
    help="Folder to write the .apkg and .html files into.",
)
def build(decks: tuple[Path, ...], out_dir: Path) -> None:
    """Build decks (default: every deck under decks/) into Anki packages and quizzes.

    A deck with errors is reported and not written; what an earlier build wrote stays.
    """
    deck_dirs, extra = find_deck_dirs(list(decks) or [Path("decks")])
    _echo_problems(extra)
    failed = bool(extra)
    for deck_dir in deck_dirs:
        result = build_deck(deck_dir, out_dir)
        _echo_problems(result.problems)
        for note in result.notes:
            click.echo(f"{deck_dir.name}: {note}", err=True)
        if result.errors or not result.written:
            click.echo(f"{deck_dir.name}: not built ({len(result.errors)} error(s))", err=True)
            failed = True
            continue
        for path in result.written:
            click.echo(f"wrote {path}")
    if failed:
        sys.exit(1)
