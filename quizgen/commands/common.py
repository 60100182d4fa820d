"""What the commands share: the project, deck arguments, -q/-v, colour, and printing problems.

Kept light (click and the standard library only): ``quizgen --help`` imports it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from quizgen.project import NOT_A_PROJECT, Project, find_project, relative

if TYPE_CHECKING:
    from quizgen.model import Problem
    from quizgen.pipeline import DeckResult

PATHS = click.Path(path_type=Path)
F = TypeVar("F", bound=Callable[..., Any])

QUIET, NORMAL, VERBOSE = -1, 0, 1
_VERBOSITY = "quizgen.verbosity"


# --- the project -------------------------------------------------------------------------------


def project_or_exit(start: Path | None = None) -> Project:
    """The project around the working directory (or ``start``); outside one, say so and exit 1."""
    found = find_project() or (find_project(start) if start is not None else None)
    if found is None:
        click.echo(click.style(f"quizgen: {NOT_A_PROJECT}", fg="red"), err=True)
        sys.exit(1)
    return found


def default_decks(paths: Iterable[Path]) -> list[Path]:
    """The paths given, or the project's ``decks/`` folder when none is."""
    given = list(paths)
    return given or [project_or_exit().decks]


def _exists(path: Path) -> bool:
    """Whether the path exists; a name the system refuses (too long) does not."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


class DeckPath(click.Path):
    """A deck's folder, a file in it, a folder of decks, or a deck's name (``sahel`` for
    ``decks/sahel`` of the project, from any folder inside it). A path that exists wins."""

    name = "deck"

    def __init__(self) -> None:
        super().__init__(path_type=Path)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        path = super().convert(value, param, ctx)
        if isinstance(path, Path) and not _exists(path):
            project = find_project()
            deck = project.deck(str(value)) if project is not None else None
            if deck is not None:
                return deck
        return path

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        project = find_project()
        names = [n for n in (project.deck_names() if project else []) if n.startswith(incomplete)]
        return [CompletionItem(n) for n in names] + [CompletionItem(incomplete, type="file")]


DECKS = DeckPath()


def unknown_paths_hint(paths: Iterable[Path]) -> str:
    """For paths that do not exist: the project's deck names, as a hint."""
    project = find_project()
    missing = [p for p in paths if not _exists(p)]
    if not missing or project is None:
        return ""
    from quizgen.text.compare import suggest

    names = project.deck_names()
    if not names:
        return f"the project has no deck yet under {project.decks}"
    hints = "".join(suggest(str(p), names) for p in missing if os.sep not in str(p))
    return f"the decks of this project (in {project.decks}/): {', '.join(names)}{hints}"


# --- -q / -v and colour -----------------------------------------------------------------------------


def _set_verbosity(level: int) -> Callable[[click.Context, click.Parameter, bool], None]:
    def callback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            ctx.meta[_VERBOSITY] = level

    return callback


def jobs_option(what: str) -> Callable[[F], F]:
    """-j/--jobs: how many decks to build or check at once (0: one per core)."""
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=0,
        help=f"How many decks to {what} at once.  [default: one per core]",
    )


def output_options(command: F) -> F:
    """-q/--quiet and -v/--verbose, on the group and on every command."""
    command = click.option(
        "-v",
        "--verbose",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(VERBOSE),
        help="Say more: unchanged files, timings, cache hits.",
    )(command)
    return click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_set_verbosity(QUIET),
        help="Print only problems (errors and warnings).",
    )(command)


def verbosity() -> int:
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get(_VERBOSITY, NORMAL) if ctx is not None else NORMAL


def use_colour(ctx: click.Context) -> None:
    """Colour on a terminal (click strips it elsewhere), never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR"):
        ctx.color = False


def say(message: str, err: bool = True, level: int = NORMAL) -> None:
    """Print ``message`` when the verbosity allows it (-q hides NORMAL, only -v shows VERBOSE)."""
    if verbosity() >= level:
        click.echo(message, err=err)


def wrote(path: Path | str) -> None:
    """A file that was written (it changed): on standard output, one per line."""
    say(f"{click.style('wrote', fg='green')} {path}", err=False)


def echo_problems(problems: list[Problem]) -> None:
    """Every problem, sorted by place; shown even with -q."""
    for problem in sorted(problems, key=lambda p: (str(p.location.path), p.location.line, p.location.column)):
        click.echo(styled(problem), err=True)


def styled(problem: Problem) -> str:
    where = click.style(str(problem.location), bold=True)
    if problem.severity == "error":
        return f"{where}: {click.style(problem.message, fg='red')}"
    return f"{where}: {click.style('warning:', fg='yellow')} {problem.message}"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"


def reused_sheets(result: DeckResult) -> str:
    """What -v says of a deck whose sheets' questions were partly or all reused from its last build."""
    reused, sheets = result.sheets_reused
    return f"questions of {reused} of {plural(sheets, 'sheet')} reused" if reused else ""


def shown(path: Path) -> str:
    """A path relative to the working directory when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def progress(total: int, label: str) -> Any:
    """A progress bar on standard error when it is a terminal (not with -q, not for one item):
    a context manager whose ``update(1, name)`` moves it on; elsewhere it does nothing."""
    if verbosity() < NORMAL or total < 2 or not _is_terminal(sys.stderr):
        return _NoBar()
    return click.progressbar(
        length=total, label=label, file=sys.stderr, show_pos=True, show_eta=True, item_show_func=_name
    )


def bar_shown(bar: Any) -> bool:
    """Whether ``progress`` showed a bar (then what the work says waits until it is done)."""
    return not isinstance(bar, _NoBar)


def _name(item: Any) -> str | None:
    return None if item is None else str(item)


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class _NoBar:
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, steps: int, current_item: Any = None) -> None:
        return None


__all__ = [
    "DECKS",
    "PATHS",
    "Project",
    "default_decks",
    "echo_problems",
    "output_options",
    "project_or_exit",
    "relative",
    "say",
    "shown",
    "verbosity",
    "wrote",
]
