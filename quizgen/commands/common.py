"""What the commands share: printing problems, and paths as the user gave them."""

from __future__ import annotations

from pathlib import Path

import click

from quizgen.model import Problem

PATHS = click.Path(path_type=Path)


def echo_problems(problems: list[Problem]) -> None:
    for problem in sorted(problems, key=lambda p: (str(p.location.path), p.location.line, p.location.column)):
        click.echo(str(problem), err=True)


def shown(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
