"""``quizgen build``: decks into their outputs, all or none per deck."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems
from quizgen.load import find_deck_dirs
from quizgen.pipeline import build_deck


@click.command()
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
    echo_problems(extra)
    failed = bool(extra)
    for deck_dir in deck_dirs:
        try:
            result = build_deck(deck_dir, out_dir, on_wait=_waiting(deck_dir))
        except Exception as exc:  # a bug: say so, and still build the other decks
            where = traceback.extract_tb(exc.__traceback__)[-1]
            click.echo(
                f"{deck_dir.name}: not built: unexpected error ({type(exc).__name__}: {exc}, at "
                f"{Path(where.filename).name}:{where.lineno}); please report this as a quizgen bug",
                err=True,
            )
            failed = True
            continue
        echo_problems(result.problems)
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


def _waiting(deck_dir: Path) -> Callable[[], None]:
    return lambda: click.echo(f"{deck_dir.name}: waiting for another build of this deck to finish…", err=True)
