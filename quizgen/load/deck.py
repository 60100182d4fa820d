"""Decks: a folder under ``decks/`` with ``deck.yaml`` and one or more fact sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.load.factsheet import load_fact_sheet
from quizgen.load.fields import (
    FieldError,
    Reader,
    read_bool,
    read_mapping,
    read_text,
    read_text_list,
)
from quizgen.load.quizsettings import quiz_node, read_int_between, read_quiz_settings
from quizgen.load.yamlnodes import compose_file, describe, location_of, quoted, shorten
from quizgen.model import Deck, DeckSettings, InputError, Location, Problem

DECK_FILE = "deck.yaml"


def _read_templates(node: Node) -> dict[str, Any]:
    if not isinstance(node, MappingNode):
        raise FieldError(f"expected a mapping of fact types to forms, found {describe(node)}")
    pending = [node]
    while pending:  # a value tagged as what it is not (`!!int abc`, `!!bool maybe`), at its line
        current = pending.pop()
        if isinstance(current, ScalarNode):
            try:
                yaml.SafeLoader("").construct_object(current)
            except Exception:  # PyYAML raises anything for a mistagged scalar (AttributeError too)
                tag = current.tag.rsplit(":", 1)[-1]
                raise FieldError(
                    f"cannot read these templates: line {current.start_mark.line + 1}: "
                    f"{quoted(current.value)} is not a valid !!{tag}: write templates as plain text"
                ) from None
        elif isinstance(current, SequenceNode):
            pending += current.value
        elif isinstance(current, MappingNode):
            pending += [n for pair in current.value for n in pair]
    try:
        return yaml.SafeLoader("").construct_document(node)
    except (yaml.YAMLError, ValueError, LookupError, TypeError) as exc:
        raise FieldError(f"cannot read these templates: {shorten(str(exc), 200)}") from exc


def read_formats(node: Node) -> tuple[str, ...]:
    """The output formats build writes (the pipeline checks them against the registered ones)."""
    names = read_text_list(node)
    if not names:
        raise FieldError("name at least one format (anki, worksheet, study, …)")
    return tuple(dict.fromkeys(names))


DECK_SPEC: dict[str, tuple[Reader, bool]] = {
    "name": (read_text, True),
    "description": (read_text, False),
    "quiz_title": (read_text, False),
    "question_templates": (_read_templates, False),
    "quiz": (quiz_node, False),
    "anki_multiple_choice": (read_bool, False),
    "choice_options": (read_int_between(3, 4), False),
    "formats": (read_formats, False),
}


def is_deck_dir(path: Path) -> bool:
    return _is(path / DECK_FILE, Path.is_file)


def _is(path: Path, test) -> bool:  # type: ignore[no-untyped-def]
    """``test(path)`` (exists, is_file, is_dir), False where the system refuses the name."""
    try:
        return test(path)
    except (OSError, ValueError):  # a name too long, a NUL in it
        return False


def sheet_paths(deck_dir: Path) -> list[Path]:
    """The fact sheets of a deck: every YAML file but deck.yaml, sorted by name."""
    files = [*deck_dir.glob("*.yaml"), *deck_dir.glob("*.yml")]
    return sorted(p for p in files if p.name != DECK_FILE)


def load_deck(deck_dir: Path, problems: list[Problem]) -> Deck | None:
    """Read a deck folder. Problems are appended; None if its settings are unreadable."""
    settings_path = deck_dir / DECK_FILE
    key = deck_dir.resolve().name
    if not key.isprintable() or key != key.encode("utf-8", "replace").decode("utf-8"):
        message = f"the deck folder's name {quoted(key)} is not plain text: rename the folder"
        problems.append(Problem(Location(deck_dir), message))
        return None
    try:
        root = compose_file(settings_path)
    except InputError as exc:
        problems.extend(exc.problems)
        return None
    before = len(problems)
    values, keys = read_mapping(root, settings_path, DECK_SPEC, problems, "deck settings")
    quiz = read_quiz_settings(values.get("quiz"), settings_path, problems)
    if len(problems) > before:
        return None
    settings = DeckSettings(
        key=key,
        path=settings_path,
        name=values["name"],
        description=values.get("description", ""),
        quiz_title=values.get("quiz_title", values["name"].split("::")[-1]),
        question_templates=values.get("question_templates", {}),
        anki_multiple_choice=values.get("anki_multiple_choice", False),
        choice_options=values.get("choice_options", 4),
        formats=values.get("formats", DeckSettings.formats),
        locations={key: location_of(settings_path, node) for key, node in keys.items()},
        templates_line=keys["question_templates"].start_mark.line + 1 if "question_templates" in keys else 1,
        quiz=quiz,
    )
    paths = sheet_paths(deck_dir)
    if not paths:
        problems.append(Problem(Location(settings_path, 1), "this deck has no fact sheets (*.yaml)"))
    sheets = [s for s in (load_fact_sheet(p, problems) for p in paths) if s is not None]
    return Deck(settings, tuple(sheets))


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def find_deck_dirs(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Deck folders named by paths: a deck folder, a file inside one, or a folder of decks."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not _is(path, Path.exists):
            problems.append(Problem(Location(path), "no such file or folder"))
        elif _is(path, Path.is_file) and is_deck_dir(path.parent):
            found.append(path.parent)
        elif _is(path, Path.is_dir) and is_deck_dir(path):
            found.append(path)
        elif _is(path, Path.is_dir) and (decks := sorted(p for p in _entries(path) if is_deck_dir(p))):
            found.extend(decks)
        else:
            problems.append(Problem(Location(path), f"not a deck: no {DECK_FILE} here or beside it"))
    by_real_path = {p.resolve(): p for p in reversed(found)}  # keep the first spelling given
    return list(dict.fromkeys(by_real_path[p.resolve()] for p in found)), problems
