"""The ``quizgen`` command line: each command lives in ``quizgen/commands``; this only wires them."""

from __future__ import annotations

import click

from quizgen import __version__
from quizgen.commands import add_article, build, check, init, migrate, new, preview, quiz, serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
def main() -> None:
    """Turn news articles and their fact sheets into Anki decks and printable quizzes."""


for command in (
    check.check,
    build.build,
    preview.preview,
    quiz.quiz,
    add_article.add_article_command,
    new.new_command,
    init.init_command,
    migrate.migrate_command,
    serve.serve_command,
):
    main.add_command(command)
