"""Check the images facts carry: each must be a readable image, and names unique in a deck.

Anki keeps media files by base name, so two different files with one name would overwrite
each other; names starting with ``_`` or ``latex-`` are never updated once imported.
"""

from __future__ import annotations

from pathlib import Path

from quizgen.model import Deck, Fact, Problem

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
        return f"'{path.name}' is not an image Anki shows: use {', '.join(s[1:] for s in SIGNATURES)}"
    if not data:
        return f"image '{path.name}' is empty"
    if suffix == ".svg":
        return None if b"<svg" in data[:4096] else f"'{path.name}' is not an SVG image"
    if suffix == ".webp" and data[8:12] != b"WEBP":
        return f"'{path.name}' is not a WEBP image"
    if not data.startswith(SIGNATURES[suffix]):
        return f"'{path.name}' is not a {suffix[1:].upper()} image (its content says otherwise)"
    return None


def _read(fact: Fact) -> tuple[bytes | None, str | None]:
    path = fact.image
    assert path is not None
    if not path.is_file():
        return None, f"image '{path.name}' not found at {path} (write its path relative to the sheet)"
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, f"cannot read image {path}: {exc.strerror or exc}"


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
                f"image '{name}': Anki never updates files whose names start with '_' or 'latex-'; rename it"
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
                    f"another image is also named '{name}' (fact '{other[0].id}', {other[0].image}): "
                    "Anki keeps one file per name in a collection; rename one of them",
                )
            )
    return problems
