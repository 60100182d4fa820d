"""``quizgen init DIR``: a new project that builds at once.

The files are package data under ``templates/scaffold/``: ``*.j2`` files are rendered (the
project's name, the schema paths), the others copied; ``gitignore`` becomes ``.gitignore``.
Copies of the JSON Schemas of fact sheets and of deck.yaml go to ``.quizgen/`` for editors.
"""

from __future__ import annotations

import os
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import jinja2

from quizgen.authoring.draft.new import PROJECT_DECK_SCHEMA, PROJECT_SCHEMA
from quizgen.model import InputError, Location, Problem

SCAFFOLD = "templates/scaffold"
RENAMES = {"gitignore": ".gitignore"}


def init_project(target: Path) -> list[Path]:
    """Write a new project into ``target`` (new or empty); return the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "this folder is not empty" if target.is_dir() else "this is a file"
        message = f"{what}: quizgen init writes a new project into a new or empty folder"
        raise InputError([Problem(Location(target), message)])
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    written = []
    for relative, source in _files(resources.files("quizgen").joinpath(SCAFFOLD), Path()):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if destination.name.endswith(".j2"):
            destination = destination.with_name(destination.name[: -len(".j2")])
            text = env.from_string(source.read_text("utf-8")).render(
                project=target.resolve().name,
                schema=_relative(target / PROJECT_SCHEMA, destination.parent),
                deck_schema=_relative(target / PROJECT_DECK_SCHEMA, destination.parent),
            )
            destination.write_text(text, encoding="utf-8")
        else:
            destination.write_bytes(source.read_bytes())
        written.append(destination)
    for copy in (PROJECT_SCHEMA, PROJECT_DECK_SCHEMA):
        packaged = resources.files("quizgen").joinpath("schema", copy.name)
        (target / copy).parent.mkdir(parents=True, exist_ok=True)
        (target / copy).write_bytes(packaged.read_bytes())
        written.append(target / copy)
    return sorted(written)


def _relative(path: Path, folder: Path) -> str:
    return os.path.relpath(path, folder).replace(os.sep, "/")


def _files(folder: Traversable, relative: Path) -> list[tuple[Path, Traversable]]:
    found = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = RENAMES.get(entry.name, entry.name)
        if entry.is_dir():
            found += _files(entry, relative / name)
        else:
            found.append((relative / name, entry))
    return found
