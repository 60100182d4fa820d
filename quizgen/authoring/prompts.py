"""The interactive side of ``add-article``: reading the input, asking for what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from quizgen.authoring.articles import PastedArticle, complete
from quizgen.model import InputError, Location, PartialDate, Problem


def read_input(file: Path) -> tuple[Path, str]:
    """The text of FILE, or of standard input for '-'; InputError when it cannot be read."""
    if str(file) == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode()
        origin = Path("<stdin>")
    else:
        origin = file
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise InputError([Problem(Location(file), "no such file")]) from None
        except OSError as exc:
            raise InputError([Problem(Location(file), f"cannot read it: {exc.strerror}")]) from exc
    try:
        return origin, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = Location(origin, data[: exc.start].count(b"\n") + 1)
        raise InputError([Problem(where, "not UTF-8 text: save the article as UTF-8")]) from exc


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
