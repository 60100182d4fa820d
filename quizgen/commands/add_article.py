"""``quizgen add-article``: store a pasted article with its front matter."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import echo_problems, shown


@click.command("add-article")
@click.argument("file", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--title", help="The article's headline.")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--source", help="Where the article comes from: outlet, author, link.")
@click.option("--slug", "name_slug", help="Words for the file name (default: the title's main words).")
@click.option("--force", is_flag=True, help="Replace an article file of the same name.")
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
    (title, date, source) is asked for, or taken from the options.
    """
    from quizgen.authoring.articles import article_name, articles_dir, complete, read_pasted, write_article
    from quizgen.authoring.prompts import ask_missing, read_input
    from quizgen.model import InputError

    from_stdin = str(file) == "-"
    try:
        folder = articles_dir(Path.cwd())
        origin, text = read_input(file)
        pasted = complete(read_pasted(origin, text), title, published, source)
        if pasted.missing():
            if from_stdin:
                options = ", ".join(f"--{key}" for key in pasted.missing())
                raise click.UsageError(f"the article comes from standard input, so give {options}")
            pasted = ask_missing(pasted)
        path, written = write_article(pasted, folder, article_name(pasted, name_slug), force)
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    click.echo(f"wrote {shown(path)}" if written else f"{shown(path)} already holds this article")
    click.echo(f"next: quizgen new {shown(path)} --deck DECK", err=True)
