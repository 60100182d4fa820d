"""``quizgen new``: from an article to a draft fact sheet in a deck folder."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
import yaml

from quizgen.authoring.articles import (
    article_name,
    articles_dir,
    complete,
    read_pasted,
    write_article,
)
from quizgen.authoring.draft.sheet import Draft, draft_facts, render_draft
from quizgen.load.article import load_article
from quizgen.load.deck import DECK_FILE, is_deck_dir, sheet_paths
from quizgen.load.factsheet import load_fact_sheet
from quizgen.model import InputError, Location, Problem

SCHEMA_NAME = "fact-sheet.schema.json"
PROJECT_SCHEMA = Path(".quizgen") / SCHEMA_NAME  # where `quizgen init` puts a copy
DECK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class NewSheet:
    """What ``quizgen new`` wrote."""

    sheet: Path
    article: Path
    article_written: bool
    draft: Draft
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NewOptions:
    deck: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    out: Path | None = None
    force: bool = False


def new_sheet(article_path: Path, options: NewOptions, cwd: Path) -> NewSheet:
    """Draft a fact sheet for the article; raise InputError with ``path:line`` problems."""
    folder = articles_dir(cwd)
    stored, written = _store_article(article_path, options, folder)
    article = load_article(stored)
    deck_dir = choose_deck(folder.parent / "decks", options.deck)
    sheet = options.out or deck_dir / f"{re.sub(r'^[0-9]{4}(?:-[0-9]{2}){0,2}-', '', stored.stem)}.yaml"
    if sheet.exists() and not options.force:
        message = "a fact sheet is already here: give --force to replace it, or --out to write elsewhere"
        raise InputError([Problem(Location(sheet), message)])
    draft = draft_facts(article, _taken_ids(sheet.parent, sheet))
    if not draft.facts:
        message = "found no candidate facts (dates, numbers, actors, causes): write the sheet by hand"
        raise InputError([Problem(Location(stored), message)])
    shown = os.path.relpath(stored, folder.parent).replace(os.sep, "/")
    text = render_draft(draft, stored.name, schema_ref(sheet.parent), shown)
    from quizgen.pipeline import write_text

    write_text(sheet, text)
    problems: list[Problem] = []
    load_fact_sheet(sheet, problems)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    notes = [
        f"{f.id}: {f.notes['date']}" for f in draft.facts if f.type == "date" and "confirm" in f.notes["date"]
    ]
    return NewSheet(sheet, stored, written, draft, notes)


def _store_article(path: Path, options: NewOptions, folder: Path) -> tuple[Path, bool]:
    """The article's file in source_articles/, written there first when it is not yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError([Problem(Location(path), "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError([Problem(Location(path), f"cannot read the article: {exc}")]) from exc
    pasted = complete(read_pasted(path, text), options.title, options.published, options.source)
    if pasted.published is None:
        message = (
            "no publication date: the text has no front matter and no first line 'date YYYY-MM-DD'; "
            "give --published YYYY-MM-DD"
        )
        raise InputError([Problem(Location(path, 1), message)])
    as_given = options.title is None and options.published is None and options.source is None
    if pasted.front_matter and not pasted.missing() and as_given:
        return _copy_article(path, text, folder, options.force)
    if pasted.title is None:
        pasted = complete(pasted, pasted.suggested_title(), None, None)
    if pasted.source is None:
        pasted = complete(pasted, None, None, f"pasted from {path.name}")
    return write_article(pasted, folder, article_name(pasted), options.force, rename="--title")


def _copy_article(path: Path, text: str, folder: Path, force: bool) -> tuple[Path, bool]:
    """An article file with its front matter: used where it is, or copied into source_articles/."""
    target = folder / path.name
    if target.resolve() == path.resolve():
        return path, False
    if target.exists() and target.read_text(encoding="utf-8") == text:
        return target, False
    if target.exists() and not force:
        message = "this file holds another text: give --force to replace it"
        raise InputError([Problem(Location(target), message)])
    from quizgen.pipeline import write_text

    write_text(target, text)
    return target, True


def choose_deck(decks_root: Path, name: str | None) -> Path:
    """The deck folder named, made if new; or the only deck there is."""
    if name is not None:
        if not DECK_NAME.match(name):
            message = f"deck name '{name}': use lower-case letters, digits, '-' and '_' (it names the folder)"
            raise InputError([Problem(Location(Path("--deck")), message)])
        deck_dir = decks_root / name
        if not is_deck_dir(deck_dir):
            _make_deck(deck_dir, name)
        return deck_dir
    decks = sorted(d.name for d in decks_root.iterdir() if is_deck_dir(d)) if decks_root.is_dir() else []
    if len(decks) == 1:
        return decks_root / decks[0]
    if not decks:
        message = "no deck yet: give --deck NAME to make decks/NAME/"
    else:
        message = f"several decks ({', '.join(decks)}): choose one with --deck"
    raise InputError([Problem(Location(decks_root), message)])


def _make_deck(deck_dir: Path, key: str) -> None:
    from quizgen.pipeline import write_text

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    template = resources.files("quizgen").joinpath("templates/new-deck.yaml.j2").read_text("utf-8")
    title = key.replace("-", " ").replace("_", " ").title()
    write_text(deck_dir / DECK_FILE, env.from_string(template).render(key=key, name=title))


def _taken_ids(deck_dir: Path, sheet: Path) -> set[str]:
    """Ids used by the deck's other sheets: a draft must not repeat them."""
    taken: set[str] = set()
    if not deck_dir.is_dir():
        return taken
    for path in sheet_paths(deck_dir):
        if path.resolve() == sheet.resolve():
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        facts = data.get("facts") if isinstance(data, dict) else None
        for fact in facts if isinstance(facts, list) else []:
            if isinstance(fact, dict) and isinstance(fact.get("id"), str):
                taken.add(fact["id"])
    return taken


def schema_ref(folder: Path) -> str:
    """The ``$schema`` path for a sheet in ``folder``: the project's copy, the source tree's, or the
    installed package's, relative to the folder."""
    for parent in [folder.resolve(), *folder.resolve().parents]:
        for candidate in (parent / PROJECT_SCHEMA, parent / "quizgen" / "schema" / SCHEMA_NAME):
            if candidate.is_file():
                return _relative(candidate, folder)
    packaged = Path(str(resources.files("quizgen").joinpath("schema", SCHEMA_NAME)))
    return _relative(packaged, folder)


def _relative(target: Path, folder: Path) -> str:
    try:
        return os.path.relpath(target, folder.resolve()).replace(os.sep, "/")
    except ValueError:  # another drive
        return target.as_uri()
