"""``quizgen new``: draft a fact sheet from an article."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.commands.common import PATHS, echo_problems, output_options, project_or_exit, say, shown, wrote


@click.command("new", short_help="Draft a fact sheet from an article.")
@click.argument("article", type=PATHS)
@click.option("--deck", help="Deck folder under decks/ (made if new; default: the only deck).")
@click.option("--deck-title", help="The title of the deck --deck makes (asked for on a terminal).")
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date, for text without front matter.")
@click.option("--title", help="Title, for text without front matter (default: its first words).")
@click.option("--source", help="Source, for text without front matter.")
@click.option("--out", type=PATHS, help="Where to write the draft (default: decks/DECK/<slug>.yaml).")
@click.option("--force", is_flag=True, help="Replace an existing sheet or article file.")
@output_options
def new_command(
    article: Path,
    deck: str | None,
    deck_title: str | None,
    published: str | None,
    title: str | None,
    source: str | None,
    out: Path | None,
    force: bool,
) -> None:
    """Draft a fact sheet from ARTICLE: candidate facts with their evidence, all `draft: true`.

    ARTICLE is an article in source_articles/, or text with a first line 'date YYYY-MM-DD', or
    plain text with --published; the last two are stored in source_articles/ first. A new deck
    (--deck NAME) gets the title --deck-title gives, or asks for one.
    """
    from quizgen.authoring.draft.new import NewOptions, is_new_deck, new_sheet
    from quizgen.authoring.draft.new import deck_title as default_title
    from quizgen.authoring.prompts import interactive
    from quizgen.model import InputError

    project = project_or_exit()
    new_deck = is_new_deck(project.root / "decks", deck)
    if new_deck and deck_title is None and interactive():
        deck_title = click.prompt(f"Title of the new deck decks/{deck}/", default=default_title(str(deck)))
    options = NewOptions(deck, published, title, source, out, force, deck_title)
    try:
        waiting = "{}: waiting for another quizgen run on this deck to finish…"
        result = new_sheet(article, options, project.root, lambda folder: say(waiting.format(shown(folder))))
    except InputError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    if result.article_written:
        wrote(shown(result.article))
    elif result.article_reused:
        say(f"{shown(result.article)} already holds this article: using it", err=False)
    if new_deck:
        deck_file = shown(project.root / "decks" / str(deck) / "deck.yaml")
        wrote(deck_file)
        if deck_title is None:
            title = default_title(str(deck))
            say(f"the new deck is titled '{title}': give --deck-title, or edit name: in {deck_file}")
    counts = ", ".join(
        f"{result.draft.count(kind)} {kind}{'s' if result.draft.count(kind) != 1 else ''}"
        for kind in ("date", "number", "actor", "cause")
    )
    wrote(f"{shown(result.sheet)}: {len(result.draft.facts)} draft facts ({counts})")
    for note in result.notes:
        say(f"confirm {note}")
    say(
        "next: review each fact, delete what is not worth asking, remove `draft: true` from the rest, "
        f"then run quizgen check {shown(result.sheet.parent)}"
    )
