"""The interactive side of ``add-article``: reading the input, asking for what is missing."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import click

from quizgen.authoring.articles import STDIN, PastedArticle, complete, read_given, read_stream
from quizgen.load.article import MAX_ARTICLE_BYTES
from quizgen.model import PartialDate


def read_input(file: Path) -> tuple[Path, str]:
    """The text of FILE, or of standard input for '-', bounded as articles are; InputError when it
    cannot be read."""
    if str(file) == "-":
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:  # a text stream only: as many characters are at least as many bytes
            stream = io.BytesIO(sys.stdin.read(MAX_ARTICLE_BYTES + 1).encode("utf-8", "surrogateescape"))
        return STDIN, read_stream(stream)
    return file, read_given(file)


def interactive() -> bool:
    """Whether there is a terminal to ask questions on (standard input is one)."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def missing_options(article: PastedArticle) -> str:
    """The options that give what the article still misses: '--title, --published'."""
    return ", ".join(f"--{key}" for key in article.missing())


def ask_missing(article: PastedArticle) -> PastedArticle:
    """Prompt for the title, date and source the text does not give."""
    title = published = source = None
    if article.title is None:
        title = click.prompt("Title", default=article.suggested_title())
    if article.published is None:
        published = click.prompt("Published (YYYY-MM-DD)", value_proc=_date)
    if article.source is None:
        source = click.prompt("Source (outlet, author or link)")
    return complete(article, title, published, source)


def _date(text: str) -> str:
    try:
        PartialDate.parse(text)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    return text.strip()
