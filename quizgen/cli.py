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


@main.command()
@click.argument("paths", nargs=-1, type=PATHS)
@click.option("--form", "forms", multiple=True, help="Only this form or kind (repeatable), e.g. why, choice.")
@click.option("--json", "as_json", is_flag=True, help="Print the question model as JSON.")
def preview(paths: tuple[Path, ...], forms: tuple[str, ...], as_json: bool) -> None:
    """Show the questions generated from sheets or decks, with answers and skipped forms."""
    from quizgen.export.preview import to_json, to_text

    results, extra = check_paths(list(paths) or [Path("decks")])
    _echo_problems(extra + [p for r in results for p in r.problems])
    if extra or any(r.errors for r in results):
        sys.exit(1)
    sheets = [p.resolve() for p in paths if p.is_file() and p.name != "deck.yaml"]
    questions, skipped = [], []
    for result in results:
        assert result.deck is not None and result.generated is not None
        wanted = {
            f.id for s in result.deck.sheets if not sheets or s.path.resolve() in sheets for f in s.facts
        }
        for q in result.generated.questions:
            if wanted.intersection(q.fact_ids) and (not forms or q.form in forms or q.kind in forms):
                questions.append(q)
        for s in result.generated.skipped:
            if s.fact_id in wanted and (not forms or s.form in forms or s.kind in forms):
                skipped.append({"id": f"{s.deck}/{s.fact_id}/{s.form}", "reason": s.reason})
    if as_json:
        click.echo(to_json(questions, skipped), nl=False)
        return
    for question in questions:
        click.echo(to_text(question) + "\n")
    for skip in skipped:
        click.echo(f"{skip['id']}  [skipped] {skip['reason']}")
    click.echo(f"{len(questions)} question(s), {len(skipped)} form(s) skipped", err=True)
