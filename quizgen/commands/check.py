"""``quizgen check``: every problem as path:line:column: message."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems
from quizgen.model import Problem
from quizgen.pipeline import DeckResult, check_paths


def _summary(results: list[DeckResult], extra: list[Problem]) -> tuple[int, int]:
    errors = len(extra) + sum(len(r.errors) for r in results)
    warnings = sum(len(r.problems) - len(r.errors) for r in results)
    return errors, warnings


@click.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
def check(paths: tuple[Path, ...], strict: bool) -> None:
    """Check fact sheets and decks (default: every deck under decks/).

    Prints every problem as path:line:column: message and exits 1 if there is any error.
    """
    results, extra = check_paths(list(paths) or [Path("decks")])
    problems = extra + [p for r in results for p in r.problems]
    echo_problems(problems)
    errors, warnings = _summary(results, extra)
    facts = sum(len(r.deck.facts) for r in results if r.deck)
    click.echo(
        f"checked {len(results)} deck(s), {facts} fact(s): {errors} error(s), {warnings} warning(s)",
        err=True,
    )
    if errors or (strict and warnings):
        sys.exit(1)
