"""``quizgen add-article``: store a pasted article with its front matter."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import echo_problems, output_options, project_or_exit, say, shown, wrote


@click.command("add-article", short_help="Store a pasted article in source_articles/.")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--title", help="The article's headline.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--source", help="Where the article comes from: outlet, author, link.")
@click.option("--slug", "name_slug", help="Words for the file name (default: the title's main words).")
@click.option("--force", is_flag=True, help="Replace an article file of the same name.")
@output_options
def add_article_command(
    file: Path,
    title: str | None,
    published: str | None,
    source: str | None,
    name_slug: str | None,
    force: bool,
) -> None:
    """Store pasted text (FILE, or - for standard input) as source_articles/<published>-<slug>.md.

    The text may start with YAML front matter or a line 'date YYYY-MM-DD'. What is still missing
    (title, date, source) is taken from the options, or asked for on a terminal.
    """
    from quizgen.authoring.articles import article_name, articles_dir, complete, read_pasted, write_article
    from quizgen.authoring.prompts import ask_missing, interactive, missing_options, read_input
    from quizgen.model import InputError

    from_stdin = str(file) == "-"
    try:
        folder = articles_dir(project_or_exit().root)
        origin, text = read_input(file)
        pasted = complete(read_pasted(origin, text), title, published, source)
        if pasted.missing():
            if from_stdin:
                why = "the article comes from standard input"
            elif not interactive():
                why = "there is no terminal to ask for them on"
            else:
                why = ""
            if why:
                raise click.UsageError(f"{why}, so give {missing_options(pasted)}")
            pasted = ask_missing(pasted)
        path, written = write_article(pasted, folder, article_name(pasted, name_slug), force)
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    if written:
        wrote(shown(path))
    else:
        say(f"{shown(path)} already holds this article", err=False)
    say(f"next: quizgen new {shown(path)} --deck DECK")
