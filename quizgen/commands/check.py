"""``quizgen check``: every problem as path:line:column: message."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizgen.commands.common import (
    DECKS,
    VERBOSE,
    bar_shown,
    default_decks,
    echo_problems,
    output_options,
    plural,
    progress,
    say,
    unknown_paths_hint,
)

if TYPE_CHECKING:
    from quizgen.model import Problem
    from quizgen.pipeline import DeckResult


def _summary(results: list[DeckResult], extra: list[Problem]) -> tuple[int, int]:
    errors = len(extra) + sum(len(r.errors) for r in results)
    warnings = sum(len(r.problems) - len(r.errors) for r in results)
    return errors, warnings


@click.command(short_help="Check fact sheets and decks: every problem, with its line.")
@click.argument("paths", nargs=-1, type=DECKS)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@output_options
def check(paths: tuple[Path, ...], strict: bool) -> None:
    """Check fact sheets and decks (default: every deck under decks/).

    A deck is named by its folder (decks/sahel), its name (sahel) or one of its files. Prints every
    problem as path:line:column: message and exits 1 if there is any error.
    """
    from quizgen.load import find_deck_dirs
    from quizgen.pipeline import load_and_check

    given = default_decks(paths)
    deck_dirs, extra = find_deck_dirs(given)
    results = []
    with progress(len(deck_dirs), "Checking") as bar:
        for deck_dir in deck_dirs:
            results.append(load_and_check(deck_dir))
            bar.update(1, deck_dir.name)
            if not bar_shown(bar):
                _say_deck(results[-1])
    if bar_shown(bar):
        for result in results:
            _say_deck(result)
    echo_problems(extra)
    if hint := unknown_paths_hint(given):
        click.echo(hint, err=True)
    errors, warnings = _summary(results, extra)
    facts = sum(len(r.deck.facts) for r in results if r.deck)
    counts = f"{errors} error(s), {warnings} warning(s)"
    colour = "red" if errors else "yellow" if warnings else "green"
    say(f"checked {len(results)} deck(s), {facts} fact(s): {click.style(counts, fg=colour)}")
    if errors or (strict and warnings):
        sys.exit(1)


def _say_deck(result: DeckResult) -> None:
    echo_problems(result.problems)
    facts = len(result.deck.facts) if result.deck else 0
    errors = len(result.errors)
    say(
        f"{result.deck_dir.name}: {plural(facts, 'fact')}, {plural(errors, 'error')}, "
        f"{plural(len(result.problems) - errors, 'warning')}",
        level=VERBOSE,
    )
