"""``quizgen init``: start a project that builds at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems


@click.command("init")
@click.argument("directory", type=PATHS)
def init_command(directory: Path) -> None:
    """Start a project in DIRECTORY: decks/, source_articles/, an example deck that builds at once."""
    from quizgen.authoring.scaffold import init_project
    from quizgen.model import InputError

    try:
        written = init_project(directory)
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && quizgen build", err=True)
