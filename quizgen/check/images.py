"""Check the images facts carry: each must be a readable image inside the project, and names
unique in a deck.

A deck is a shared folder: an image path that leads out of the project (absolute, ``..``, or a
symlink) would pack a file of the builder's machine into the ``.apkg``, so it is refused. Only
regular files of at most ``MAX_IMAGE_BYTES`` are read. Anki keeps media files by base name, so
two different files with one name would overwrite each other; names starting with ``_`` or
``latex-`` are never updated once imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from quizgen.files import read_regular
from quizgen.load.article import find_articles_dir
from quizgen.load.yamlnodes import quoted
from quizgen.model import Deck, Fact, InputError, Problem

MAX_IMAGE_BYTES = 10 * 1000 * 1000  # Anki syncs media of any size, but a card image is far smaller
NAME_MAX = 255  # bytes of one file name

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
    ".svg": (),
}


def _fault(path: Path, data: bytes) -> str | None:
    """Why the bytes are not an image of the kind the name says, or None."""
    suffix = path.suffix.lower()
    if suffix not in SIGNATURES:
        return f"{quoted(path.name)} is not an image Anki shows: use {', '.join(s[1:] for s in SIGNATURES)}"
    if not data:
        return f"image {quoted(path.name)} is empty"
    if suffix == ".svg":
        return None if b"<svg" in data[:4096] else f"{quoted(path.name)} is not an SVG image"
    if suffix == ".webp" and data[8:12] != b"WEBP":
        return f"{quoted(path.name)} is not a WEBP image"
    if not data.startswith(SIGNATURES[suffix]):
        return f"{quoted(path.name)} is not a {suffix[1:].upper()} image (its content says otherwise)"
    return None


def project_of(fact: Fact) -> Path:
    """The project a fact's sheet belongs to: the folder that holds ``source_articles/``."""
    sheet_folder = fact.location.path.parent
    articles = find_articles_dir(sheet_folder)
    return articles.parent if articles is not None else sheet_folder


def _read(fact: Fact) -> tuple[bytes | None, str | None]:
    path = fact.image
    assert path is not None
    too_long = [part for part in path.parts if len(part.encode("utf-8", "surrogateescape")) > NAME_MAX]
    if too_long or "\0" in str(path):
        return None, f"image {quoted(path.name)}: a file name holds at most {NAME_MAX} bytes and no NUL"
    project = Path(os.path.realpath(project_of(fact)))
    real = Path(os.path.realpath(path))
    if real != project and project not in real.parents:
        return None, (
            f"image {quoted(path.name)} is outside the project ({project}): a deck may only use images "
            "inside it; copy the image beside the sheet"
        )
    if not real.exists():
        return None, f"image {quoted(path.name)} not found at {path} (write its path relative to the sheet)"
    fix = "use a smaller image (a card shows a few hundred pixels)"
    try:
        return read_regular(path, MAX_IMAGE_BYTES, fix), None
    except InputError as exc:
        return None, f"image {path}: {exc.problems[0].message}"


def check_images(deck: Deck) -> list[Problem]:
    """Errors for missing, unreadable or clashing images, at each fact's ``image`` key."""
    problems: list[Problem] = []
    by_name: dict[str, tuple[Fact, bytes]] = {}
    for fact in deck.facts:
        if fact.image is None:
            continue
        where = fact.where("image")
        data, error = _read(fact)
        if error is None and data is not None:
            error = _fault(fact.image, data)
        name = fact.image.name
        if error is None and name.startswith(("_", "latex-")):
            error = (
                f"image {quoted(name)}: Anki never updates files whose names start with '_' or 'latex-'; "
                "rename it"
            )
        if error is not None:
            problems.append(Problem(where, error))
            continue
        assert data is not None
        other = by_name.setdefault(name, (fact, data))
        if other[1] != data:
            problems.append(
                Problem(
                    where,
                    f"another image is also named {quoted(name)} (fact '{other[0].id}', {other[0].image}): "
                    "Anki keeps one file per name in a collection; rename one of them",
                )
            )
    return problems
