"""Reading articles as authors paste them, and writing them into ``source_articles/``.

An article arrives in one of three shapes: with YAML front matter (title, published, source), with
a first line ``date YYYY-MM-DD`` followed by the text, or as plain text (the date then comes from
``--published``). ``write_article`` stores it as ``source_articles/<published>-<slug>.md`` with
front matter, through ``templates/article.md.j2``, unless ``source_articles/`` already holds the
same article text under any name (``same_article``).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import BinaryIO

import jinja2

from quizgen.files import decode_utf8, read_regular, size_text
from quizgen.load.article import (
    ARTICLES_DIR,
    FRONT_MATTER_SPEC,
    MAX_ARTICLE_BYTES,
    find_articles_dir,
    load_article,
)
from quizgen.load.fields import read_mapping
from quizgen.load.yamlnodes import compose_text
from quizgen.model import Article, InputError, Location, PartialDate, Problem
from quizgen.text.compare import normalise
from quizgen.text.sentences import slug, split_sentences

DATE_LINE = re.compile(r"^(?P<lead>\s*date\s+)(?P<date>\S+)[ \t]*(?P<rest>.*)$")
_SLUG_STOP_WORDS = "a an the in on at of to for with by and or over from s its their some "
SLUG_STOP_WORDS = frozenset(_SLUG_STOP_WORDS.split())


@dataclass(frozen=True)
class PastedArticle:
    """An article as read, before it is complete: any of its front matter may be missing."""

    origin: Path  # the file it came from ('-' for standard input)
    body: str
    title: str | None = None
    published: PartialDate | None = None
    source: str | None = None
    front_matter: bool = False  # it came as an article file, with front matter

    def missing(self) -> list[str]:
        return [key for key in ("title", "published", "source") if getattr(self, key) is None]

    def suggested_title(self) -> str:
        """The first sentence, cut to a dozen words: a default to edit."""
        sentences = split_sentences(self.body)
        words = (sentences[0].text if sentences else self.body).rstrip(".").split()
        return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


PASTED_FIX = "keep the part of the text that the facts come from"
STDIN = Path("<stdin>")


def read_given(path: Path) -> str:
    """The text of an article file as given on the command line: a regular file (never a pipe or a
    device) of at most ``MAX_ARTICLE_BYTES``, the limit of stored articles, in UTF-8; InputError
    at ``path`` (and the line and column of a bad byte)."""
    if not os.path.lexists(path):
        raise InputError([Problem(Location(path), "no such file")])
    return decode_utf8(path, read_regular(path, MAX_ARTICLE_BYTES, PASTED_FIX, what="the article"))


def read_stream(stream: BinaryIO) -> str:
    """Text pasted into standard input, read up to one byte past ``MAX_ARTICLE_BYTES`` and no
    further (endless input ends there); InputError at ``<stdin>``."""
    chunks, size = [], 0
    while size <= MAX_ARTICLE_BYTES and (chunk := stream.read(MAX_ARTICLE_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_ARTICLE_BYTES:
        message = (
            f"the article is larger than {size_text(MAX_ARTICLE_BYTES)}, the most quizgen reads: {PASTED_FIX}"
        )
        raise InputError([Problem(Location(STDIN), message)])
    return decode_utf8(STDIN, b"".join(chunks))


def read_pasted(origin: Path, text: str) -> PastedArticle:
    """Read an article in any of the three shapes; raise InputError at ``origin:line:column``."""
    text = text.replace("\r\n", "\n").lstrip("\ufeff")
    if text.lstrip().startswith("---"):
        return _with_front_matter(origin, text)
    lines = text.split("\n", 1)
    match = DATE_LINE.match(lines[0])
    if match:
        try:
            published = PartialDate.parse(match.group("date"))
        except ValueError as exc:
            column = len(match.group("lead")) + 1
            raise InputError([Problem(Location(origin, 1, column), f"'date' line: {exc}")]) from exc
        body = match.group("rest") + ("\n" + lines[1] if len(lines) > 1 else "")
        return _nonempty(PastedArticle(origin, tidy_body(body), published=published), origin)
    return _nonempty(PastedArticle(origin, tidy_body(text)), origin)


def _with_front_matter(origin: Path, text: str) -> PastedArticle:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip())
    try:
        end = next(i for i in range(first + 1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problem = Problem(Location(origin, first + 1), "the front matter is not closed by a '---' line")
        raise InputError([problem]) from None
    front = "\n" * (first + 1) + "\n".join(lines[first + 1 : end])
    problems: list[Problem] = []
    optional = {key: (reader, False) for key, (reader, _) in FRONT_MATTER_SPEC.items()}
    values, _ = read_mapping(compose_text(front + "\n", origin), origin, optional, problems, "front matter")
    if problems:
        raise InputError(problems)
    body = tidy_body("\n".join(lines[end + 1 :]))
    article = PastedArticle(
        origin, body, values.get("title"), values.get("published"), values.get("source"), front_matter=True
    )
    return _nonempty(article, origin, end + 2)


def _nonempty(article: PastedArticle, origin: Path, line: int = 1) -> PastedArticle:
    if not article.body:
        raise InputError([Problem(Location(origin, line), "the article has no text")])
    return article


def tidy_body(text: str) -> str:
    """Trailing spaces off every line, blank lines folded to one, ends stripped; words untouched."""
    lines = [line.rstrip() for line in text.strip().split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def complete(
    article: PastedArticle, title: str | None, published: str | None, source: str | None
) -> PastedArticle:
    """Fill what the options give (they win over the text's own front matter)."""
    if published is not None:
        try:
            date = PartialDate.parse(published)
        except ValueError as exc:
            raise InputError([Problem(Location(Path("--published")), str(exc))]) from exc
        article = replace(article, published=date)
    if title is not None:
        article = replace(article, title=" ".join(title.split()))
    if source is not None:
        article = replace(article, source=" ".join(source.split()))
    return article


def article_name(article: PastedArticle, name_slug: str | None = None) -> str:
    """``<published>-<slug>.md``: the slug from ``name_slug`` or from the title's main words."""
    assert article.published is not None and article.title is not None
    words = [w for w in slug(name_slug or article.title, 40).split("-") if w not in SLUG_STOP_WORDS]
    return f"{article.published.iso()}-{'-'.join(words[:7]) or 'article'}.md"


def articles_dir(start: Path) -> Path:
    """The project's ``source_articles/``; InputError when there is none here or above."""
    found = find_articles_dir(start)
    if found is None:
        message = (
            f"no {ARTICLES_DIR}/ folder here or above: run `quizgen init DIR` to start a project, "
            f"or create {ARTICLES_DIR}/"
        )
        raise InputError([Problem(Location(start), message)])
    return found


def render_article(article: PastedArticle) -> str:
    """The article file's text: front matter, then the body."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    template = resources.files("quizgen").joinpath("templates/article.md.j2").read_text("utf-8")
    assert article.published is not None
    return env.from_string(template).render(article=article, published=article.published.iso())


@dataclass(frozen=True)
class ArticlePlan:
    """Where an article is, or is to be, in ``source_articles/``, and the text to write there."""

    path: Path
    article: Article  # as the loader reads it from ``path``
    text: str | None = None  # the file's text to write; None when ``path`` holds the article already
    reused: bool = False  # the same article text was found under another name

    def write(self) -> bool:
        """Write the file when there is text to write; True when written."""
        if self.text is None:
            return False
        from quizgen.files import write_text

        write_text(self.path, self.text)
        return True


def plan_article(
    article: PastedArticle, folder: Path, name: str, force: bool = False, rename: str = "--slug"
) -> ArticlePlan:
    """How to store the article as ``folder/name``, without writing anything yet.

    An existing file with the same text, or another file with the same article text, is used as it
    is; a file of this name with a different text needs ``force``, and the message offers
    ``rename``, the option of the command that names the file differently.
    """
    return plan_file(folder / name, render_article(article), folder, force, f", or another {rename}")


def plan_file(target: Path, text: str, folder: Path, force: bool, rename_hint: str = "") -> ArticlePlan:
    """How to store ``text`` as ``target`` in ``folder``: checked by the article loader first."""
    if _text_of(target) == text:
        return ArticlePlan(target, load_article(target))
    article = read_article_text(target, text)
    same = same_article(folder, article.body, other_than=target)
    if same is not None:
        return ArticlePlan(same.path, same, reused=True)
    if target.exists() and not force:
        message = f"this file holds another text: give --force to replace it{rename_hint}"
        raise InputError([Problem(Location(target), message)])
    return ArticlePlan(target, article, text)


def write_article(
    article: PastedArticle, folder: Path, name: str, force: bool = False, rename: str = "--slug"
) -> tuple[Path, bool]:
    """Store the article as ``plan_article`` says; returns its path and whether it was written."""
    plan = plan_article(article, folder, name, force, rename)
    return plan.path, plan.write()


def same_article(folder: Path, body: str, other_than: Path | None = None) -> Article | None:
    """The article in ``folder`` whose body is ``body``, compared normalised (quotes, dashes,
    white space); articles that do not load are passed over."""
    wanted = normalise(body)
    skip = os.path.realpath(other_than) if other_than is not None else None
    for path in sorted(folder.glob("*.md")):
        if os.path.realpath(path) == skip:  # realpath, not resolve: a symlink loop is no error here
            continue
        try:
            article = load_article(path)
        except InputError:
            continue
        if normalise(article.body) == wanted:
            return article
    return None


def read_article_text(path: Path, text: str) -> Article:
    """The article that ``text`` would be as the file ``path``, read by the article loader from a
    temporary copy; InputError with problems at ``path``."""
    with tempfile.TemporaryDirectory(prefix="quizgen-") as tmp:
        staged = Path(tmp) / path.name
        staged.write_text(text, encoding="utf-8")
        try:
            article = load_article(staged)
        except InputError as exc:
            raise InputError(relocated(exc.problems, {staged: path})) from None
    return replace(article, path=path)


def relocated(problems: list[Problem], moves: dict[Path, Path]) -> list[Problem]:
    """Problems found in temporary copies, pointing at the files they stand for."""
    return [
        replace(p, location=replace(p.location, path=moves.get(p.location.path, p.location.path)))
        for p in problems
    ]


def _text_of(path: Path) -> str | None:
    """The text of an article file, None when there is none to read (a pipe or a device named like
    one is never read: no hang, no read without end)."""
    try:
        return decode_utf8(path, read_regular(path, MAX_ARTICLE_BYTES, PASTED_FIX))
    except InputError:
        return None
