"""``quizgen serve``: review decks in the browser, on 127.0.0.1 only."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

from quizgen.commands.common import DECKS, default_decks, echo_problems, shown


@click.command("serve", short_help="Review a deck's questions in the browser, live.")
@click.argument("decks", nargs=-1, type=DECKS)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
def serve_command(decks: tuple[Path, ...], port: int) -> None:
    """Review decks in the browser (default: every deck under decks/): each article beside its
    facts, every question with keep, drop and edit, draft facts to confirm or delete, and
    previews of the worksheet and the Anki cards.

    Listens on 127.0.0.1 only. Decisions go to decks/<deck>/review.yaml, which every build
    honours; pages reload when a sheet, an article or the review file changes on disk.
    """
    from quizgen.load import find_deck_dirs
    from quizgen.serve.app import create_app
    from quizgen.serve.server import address, bind, run

    deck_dirs, problems = find_deck_dirs(default_decks(decks))
    echo_problems(problems)
    if problems or not deck_dirs:
        if not problems:
            click.echo("no deck to review: give a deck folder, or run in a project with decks/", err=True)
        sys.exit(1)
    try:
        sock = bind(port)
    except OSError as exc:
        click.echo(
            f"error: cannot listen on 127.0.0.1:{port} ({exc.strerror or exc}): give another --port "
            "(--port 0 picks a free one)",
            err=True,
        )
        sys.exit(1)
    names = ", ".join(shown(d) for d in deck_dirs)
    click.echo(f"quizgen serve: reviewing {names} at {address(sock)} (Ctrl+C to stop)")
    app = create_app(deck_dirs, announce=lambda message: click.echo(message, err=True))
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn raises Ctrl+C again once it has shut down
        run(app, sock)
    click.echo("quizgen serve: stopped", err=True)
