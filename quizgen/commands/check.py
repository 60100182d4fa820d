"""``quizgen check``: every problem as path:line:column: message."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from quizgen.commands.common import (
    DECKS,
    VERBOSE,
    default_decks,
    echo_problems,
    jobs_option,
    output_options,
    plural,
    progress,
    reused_sheets,
    say,
    unknown_paths_hint,
)
from quizgen.project import deck_name

if TYPE_CHECKING:
    from quizgen.model import Problem
    from quizgen.parallel import DeckBuilt
    from quizgen.pipeline import DeckResult


def _summary(results: list[DeckResult], extra: list[Problem]) -> tuple[int, int]:
    errors = len(extra) + sum(len(r.errors) for r in results)
    warnings = sum(len(r.problems) - len(r.errors) for r in results)
    return errors, warnings


@click.command(short_help="Check fact sheets and decks: every problem, with its line.")
@click.argument("paths", nargs=-1, type=DECKS)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@jobs_option("check")
@click.option("--no-cache", is_flag=True, help="Check every deck in full, reusing and keeping nothing.")
@output_options
def check(paths: tuple[Path, ...], strict: bool, jobs: int, no_cache: bool) -> None:
    """Check fact sheets and decks (default: every deck under decks/).

    A deck is named by its folder (decks/sahel), its name (sahel) or one of its files. Prints every
    problem as path:line:column: message and exits 1 if there is any error. A deck whose files did
    not change since its last build or check into the project's build/ is not checked again: the
    warnings found then are said again. In a deck of several sheets, what the last build or check
    made of the sheets that did not change is reused. What this check makes is kept in build/.
    """
    from quizgen.load import find_deck_dirs
    from quizgen.parallel import check_decks, usable_cores
    from quizgen.project import find_project

    given = default_decks(paths)
    deck_dirs, extra = find_deck_dirs(given)
    project = find_project() or (find_project(deck_dirs[0]) if deck_dirs else None)
    cache_dir = None if no_cache or project is None else project.build
    with progress(len(deck_dirs), "Checking") as bar:
        checked = check_decks(
            deck_dirs,
            jobs or usable_cores(),
            lambda one: bar.update(1, deck_name(one.result.deck_dir)),
            cache_dir=cache_dir,
        )
    for one in checked:
        _say_deck(one)
    echo_problems(extra)
    if hint := unknown_paths_hint(given):
        click.echo(hint, err=True)
    results = [one.result for one in checked]
    errors, warnings = _summary(results, extra)
    facts = sum(one.facts for one in checked)
    counts = f"{errors} error(s), {warnings} warning(s)"
    colour = "red" if errors else "yellow" if warnings else "green"
    say(f"checked {len(results)} deck(s), {facts} fact(s): {click.style(counts, fg=colour)}")
    if errors or (strict and warnings):
        sys.exit(1)


def _say_deck(one: DeckBuilt) -> None:
    result = one.result
    echo_problems(result.problems)
    errors = len(result.errors)
    say(
        f"{deck_name(result.deck_dir)}: {plural(one.facts, 'fact')}, {plural(errors, 'error')}, "
        f"{plural(len(result.problems) - errors, 'warning')} "
        + (f"(unchanged since its last {one.since})" if result.cached else f"({_timing(one)})"),
        level=VERBOSE,
    )


def _timing(one: DeckBuilt) -> str:
    reused = reused_sheets(one.result)
    return f"{one.seconds:.2f} s; {reused}" if reused else f"{one.seconds:.2f} s"
