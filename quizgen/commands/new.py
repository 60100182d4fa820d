"""``quizgen new``: draft a fact sheet from an article."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems, shown


@click.command("new")
@click.argument("article", type=PATHS)
@click.option("--deck", help="Deck folder under decks/ (made if new; default: the only deck).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, for text without front matter.")
@click.option("--title", help="Title, for text without front matter (default: its first words).")
@click.option("--source", help="Source, for text without front matter.")
@click.option("--out", type=PATHS, help="Where to write the draft (default: decks/DECK/<slug>.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing sheet or article file.")
def new_command(
    article: Path,
    deck: str | None,
    published: str | None,
    title: str | None,
    source: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Draft a fact sheet from ARTICLE: candidate facts with their evidence, all `draft: true`.

    ARTICLE is an article in source_articles/, or text with a first line 'date YYYY-MM-DD', or
    plain text with --published; the last two are stored in source_articles/ first.
    """
    from quizgen.authoring.draft.new import NewOptions, new_sheet
    from quizgen.model import InputError

    options = NewOptions(deck, published, title, source, out, force)
    try:
        result = new_sheet(article, options, Path.cwd())
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    if result.article_written:
        click.echo(f"wrote {shown(result.article)}")
    elif result.article_reused:
        click.echo(f"{shown(result.article)} already holds this article: using it")
    counts = ", ".join(
        f"{result.draft.count(kind)} {kind}{'s' if result.draft.count(kind) != 1 else ''}"
        for kind in ("date", "number", "actor", "cause")
    )
    click.echo(f"wrote {shown(result.sheet)}: {len(result.draft.facts)} draft facts ({counts})")
    for note in result.notes:
        click.echo(f"confirm {note}", err=True)
    click.echo(
        "next: review each fact, delete what is not worth asking, remove `draft: true` from the rest, "
        f"then run quizgen check {shown(result.sheet.parent)}",
        err=True,
    )
