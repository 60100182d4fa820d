"""The ``quizgen`` command line: each command lives in ``quizgen/commands``; this only wires them.

Commands are imported when they run, not before: ``quizgen --help`` lists them from the table
below (its one-line helps are the commands' own, a test keeps them so) and stays as quick as
importing click.
"""

from __future__ import annotations

import gc
import importlib

import click

from quizgen import __version__
from quizgen.commands.common import output_options, use_colour

# A run keeps most of what it makes until it ends (word lists, the deck, its questions), and
# makes few reference cycles. At the collector's default pace (a young collection every 700 new
# objects) it rescanned them over and over: a sixth of a 1,000-sheet deck's rebuild.
COLLECT_EVERY = 50_000  # new objects between young collections
OLDER_COLLECTIONS = (20, 100)  # young ones per middle one, middle ones per full one

# name: (module in quizgen.commands, function, the command's short_help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "add-article": ("add_article", "add_article_command", "Store a pasted article in source_articles/."),
    "build": ("build", "build", "Build decks into Anki packages and printable quizzes."),
    "check": ("check", "check", "Check fact sheets and decks: every problem, with its line."),
    "init": ("init", "init_command", "Start a new project that builds at once."),
    "migrate": ("migrate", "migrate_command", "Rewrite fact sheets in the current format version."),
    "new": ("new", "new_command", "Draft a fact sheet from an article."),
    "preview": ("preview", "preview", "Show the questions generated from sheets or decks."),
    "quiz": ("quiz", "quiz", "Write a deck's quiz: worksheets, keys, Moodle, Canvas, Kahoot…"),
    "serve": ("serve", "serve_command", "Review a deck's questions in the browser, live."),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, name, _ = COMMANDS[cmd_name]
        return getattr(importlib.import_module(f"quizgen.commands.{module}"), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="quizgen")
@output_options
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn news articles and their fact sheets into Anki decks and printable quizzes.

    Every command works from any folder inside a project (the folder holding decks/ and
    source_articles/), and takes a deck by its name (sahel) or its path (decks/sahel).
    """
    gc.set_threshold(COLLECT_EVERY, *OLDER_COLLECTIONS)
    use_colour(ctx)
