"""Articles: ``source_articles/<published>-<slug>.md``, YAML front matter then the body."""

from __future__ import annotations

from pathlib import Path

from quizgen.files import decode_utf8, noted_folder, read_regular
from quizgen.load.fields import Reader, read_date, read_mapping, read_text
from quizgen.load.yamlnodes import compose_text
from quizgen.model import Article, InputError, Location, Problem

ARTICLES_DIR = "source_articles"
MAX_ARTICLE_BYTES = 500_000  # a long read is 100 KB; every check and draft scans the whole text

FRONT_MATTER_SPEC: dict[str, tuple[Reader, bool]] = {
    "title": (read_text, True),
    "published": (read_date, True),
    "source": (read_text, True),
}


def find_articles_dir(start: Path) -> Path | None:
    """The nearest ``source_articles/`` folder in ``start`` or above it."""
    for folder in [start.resolve(), *start.resolve().parents]:
        candidate = folder / ARTICLES_DIR
        found = candidate.is_dir()
        noted_folder(candidate, found)
        if found:
            return candidate
    return None


def load_article(path: Path) -> Article:
    """Read an article file; raise InputError with every problem found."""
    fix = "keep the part of the text that the facts come from"
    text = decode_utf8(path, read_regular(path, MAX_ARTICLE_BYTES, fix, what="the article"))
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise InputError([Problem(Location(path, 1), "an article starts with '---' and front matter")])
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise InputError(
            [Problem(Location(path, 1), "the front matter is not closed by a '---' line")]
        ) from None
    # Pad with blank lines so that YAML line numbers are the file's line numbers.
    front = "\n" + "".join(lines[1:end])
    problems: list[Problem] = []
    values, _ = read_mapping(compose_text(front, path), path, FRONT_MATTER_SPEC, problems, "front matter")
    body = "".join(lines[end + 1 :]).strip()
    if not body:
        problems.append(Problem(Location(path, end + 2), "the article has no body text"))
    if problems:
        raise InputError(problems)
    return Article(
        path=path,
        title=values["title"],
        published=values["published"],
        source=values["source"],
        body=body,
        body_line=end + 2,
    )
