"""``quizgen migrate``: upgrade version-1 fact sheets to version 2 in place."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import DECKS, default_decks, echo_problems, say, shown


def sheets_named(paths: list[Path]) -> tuple[list[Path], list]:
    """The fact sheets the paths name: sheet files, deck folders, or folders of decks."""
    from quizgen.load.deck import DECK_FILE, find_deck_dirs, sheet_paths

    files = [p for p in paths if p.is_file() and p.name != DECK_FILE]
    deck_dirs, problems = find_deck_dirs([p for p in paths if p not in files])
    found = files + [sheet for deck in deck_dirs for sheet in sheet_paths(deck)]
    return list(dict.fromkeys(found)), problems


@click.command("migrate", short_help="Rewrite fact sheets in the current format version.")
@click.argument("paths", nargs=-1, type=DECKS)
@click.option("--dry-run", is_flag=True, help="Print the changes as a diff; write nothing.")
def migrate_command(paths: tuple[Path, ...], dry_run: bool) -> None:
    """Upgrade version-1 fact sheets to version 2 in place (default: every deck under decks/).

    Comments and layout are kept and ids never change, so Anki notes keep their reviews. Where a
    statement could not be written mechanically, a '# quizgen migrate:' comment asks you to check
    it, and quizgen check warns until you delete the comment.
    """
    from quizgen.authoring.migrate import migrate_paths

    sheets, problems = sheets_named(default_decks(paths))
    waiting = "{}: waiting for another quizgen run on this deck to finish…"
    done, failed = migrate_paths(sheets, not dry_run, lambda folder: say(waiting.format(shown(folder))))
    for migration in done:
        where = shown(migration.path)
        if not migration.changed:
            click.echo(f"{where}: already version 2")
            continue
        if dry_run:
            click.echo(migration.diff(), nl=False)
            continue
        review = (
            f"; {len(migration.to_review)} to check: {', '.join(migration.to_review)}"
            if migration.to_review
            else ""
        )
        click.echo(f"migrated {where} to version 2 ({migration.facts} facts{review})")
    echo_problems(problems + failed)
    if any(m.to_review for m in done) and not dry_run:
        click.echo(
            "next: read each '# quizgen migrate:' comment, fix what it names and delete it; "
            "then run quizgen check",
            err=True,
        )
    if problems or failed:
        sys.exit(1)
