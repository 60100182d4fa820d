"""The project a command works in, found the way git finds its repository: the nearest folder, the
working directory or one above it, that holds ``decks/`` or ``source_articles/``.

Paths handed on to the pipeline are relative to the working directory (``decks`` at the root,
``../..`` two folders down), so that every ``path:line: message`` opens from where the user is.
"""

from __future__ import annotations

import os
from pathlib import Path

DECKS_DIR = "decks"
ARTICLES_DIR = "source_articles"  # as quizgen.load.article names it; kept here so --help stays light
BUILD_DIR = "build"
DECK_FILE = "deck.yaml"
MARKERS = (DECKS_DIR, ARTICLES_DIR)

NOT_A_PROJECT = (
    "not inside a quizgen project: no decks/ or source_articles/ folder here or in any folder above; "
    "run `quizgen init DIR` to start one, or cd into a project"
)


class Project:
    """A project's root folder (absolute) and the folders in it, as the user should see them."""

    # A plain class, not a dataclass: this module is imported by `quizgen --help`, kept quick.
    def __init__(self, root: Path) -> None:
        self.root = root

    def __repr__(self) -> str:
        return f"Project({self.root!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def shown(self, *parts: str) -> Path:
        """A path below the root, relative to the working directory."""
        return relative(self.root.joinpath(*parts))

    @property
    def decks(self) -> Path:
        return self.shown(DECKS_DIR)

    @property
    def build(self) -> Path:
        return self.shown(BUILD_DIR)

    def deck_names(self) -> list[str]:
        """The names of the decks under ``decks/``, sorted."""
        folder = self.root / DECKS_DIR
        if not folder.is_dir():
            return []
        return sorted(d.name for d in folder.iterdir() if (d / DECK_FILE).is_file())

    def deck(self, name: str) -> Path | None:
        """The deck folder called ``name`` under ``decks/``, or None."""
        if not name or os.sep in name or (os.altsep and os.altsep in name) or name in (".", ".."):
            return None
        try:
            found = (self.root / DECKS_DIR / name / DECK_FILE).is_file()
        except (OSError, ValueError):  # a name the system refuses: too long, a NUL in it
            return None
        return self.shown(DECKS_DIR, name) if found else None


def find_project(start: Path | None = None) -> Project | None:
    """The project holding ``start`` (default: the working directory), or None."""
    here = (start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if any((folder / marker).is_dir() for marker in MARKERS):
            return Project(folder)
    return None


def relative(path: Path) -> Path:
    """``path`` relative to the working directory ('.' for itself), or as given on another drive."""
    try:
        return Path(os.path.relpath(path, Path.cwd()))
    except ValueError:
        return path


def deck_name(deck_dir: Path) -> str:
    """A deck's name as messages give it: its folder's real name, also when it is given as '.'
    (quizgen build sahel, run inside decks/sahel)."""
    return deck_dir.name if deck_dir.name not in ("", "..") else deck_dir.resolve().name
