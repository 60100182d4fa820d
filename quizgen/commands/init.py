"""``quizgen init``: start a project that builds at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems, output_options, say, wrote


@click.command("init", short_help="Start a new project that builds at once.")
@click.argument("directory", type=PATHS)
@output_options
def init_command(directory: Path) -> None:
    """Start a project in DIRECTORY: decks/, source_articles/, an example deck that builds at once,
    and copies of the JSON Schemas of fact sheets and deck.yaml in .quizgen/ for editors."""
    from quizgen.authoring.scaffold import init_project
    from quizgen.model import InputError

    try:
        written = init_project(directory)
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    for path in written:
        wrote(path)
    say(f"next: cd {directory} && quizgen build")
