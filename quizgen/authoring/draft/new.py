"""``quizgen new``: from an article to a draft fact sheet in a deck folder."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.authoring.articles import (
    ArticlePlan,
    article_name,
    articles_dir,
    complete,
    plan_article,
    plan_file,
    read_given,
    read_pasted,
    relocated,
)
from quizgen.authoring.draft.sheet import Draft, draft_facts, render_draft
from quizgen.files import locked, write_text
from quizgen.load.article import ARTICLES_DIR, find_articles_dir, load_article
from quizgen.load.deck import DECK_FILE, is_deck_dir, sheet_paths
from quizgen.load.factsheet import load_fact_sheet
from quizgen.load.yamlnodes import compose_file
from quizgen.model import InputError, Location, Problem

SCHEMA_NAME = "fact-sheet.schema.json"
PROJECT_SCHEMA = Path(".quizgen") / SCHEMA_NAME  # where `quizgen init` puts a copy
DECK_SCHEMA_NAME = "deck.schema.json"
PROJECT_DECK_SCHEMA = Path(".quizgen") / DECK_SCHEMA_NAME
DECK_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass
class NewSheet:
    """What ``quizgen new`` wrote."""

    sheet: Path
    article: Path
    article_written: bool
    draft: Draft
    notes: list[str] = field(default_factory=list)
    article_reused: bool = False  # the same article text was already stored under another name


@dataclass(frozen=True)
class NewOptions:
    deck: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    out: Path | None = None
    force: bool = False
    deck_title: str | None = None  # the title of a deck that ``--deck`` makes (default: from its name)


def new_sheet(
    article_path: Path, options: NewOptions, cwd: Path, on_wait: Callable[[Path], None] | None = None
) -> NewSheet:
    """Draft a fact sheet for the article; raise InputError with ``path:line`` problems.

    Nothing is written until the draft has been read back by the fact sheet loader: then the
    article (when it is not stored yet), the deck's ``deck.yaml`` (when the deck is new) and the
    sheet. The sheet's folder is locked meanwhile; ``on_wait`` is told it when another run holds it.
    """
    folder = articles_dir(cwd)
    plan = _plan_article(article_path, options, folder)
    deck_dir = choose_deck(folder.parent / "decks", options.deck)
    sheet = options.out or deck_dir / f"{re.sub(r'^[0-9]{4}(?:-[0-9]{2}){0,2}-', '', plan.path.stem)}.yaml"
    if os.path.lexists(sheet.parent) and not sheet.parent.is_dir():  # a file, or a link to nowhere
        message = "not a folder, so no sheet can be written in it: choose another --deck, or --out"
        raise InputError([Problem(Location(sheet.parent), message)])
    if find_articles_dir(sheet.parent) != folder:
        message = f"the sheet would be outside the project: write it below {folder.parent}, beside the decks"
        raise InputError([Problem(Location(sheet), message)])
    # Locked as a build locks the deck: two drafts into one deck never take the same id, and a
    # build never sees a deck half written.
    wait = (lambda: on_wait(sheet.parent)) if on_wait is not None else None
    with locked(sheet.parent, on_wait=wait, retry="run quizgen new again"):
        return _draft_locked(article_path, plan, folder, deck_dir, sheet, options)


def _draft_locked(
    article_path: Path, plan: ArticlePlan, folder: Path, deck_dir: Path, sheet: Path, options: NewOptions
) -> NewSheet:
    if sheet.exists() and not options.force:
        message = "a fact sheet is already here: give --force to replace it, or --out to write elsewhere"
        raise InputError([Problem(Location(sheet), message)])
    draft = draft_facts(plan.article, _taken_ids(sheet.parent, sheet))
    if not draft.facts:
        then = "write its sheet by hand"
        if plan.text is not None:  # the article is not stored yet
            then = f"store the article with `quizgen add-article` and {then}"
        message = f"found no candidate facts (dates, numbers, actors, causes), so nothing was written: {then}"
        raise InputError([Problem(Location(article_path), message)])
    shown = os.path.relpath(plan.path, folder.parent).replace(os.sep, "/")
    text = render_draft(draft, plan.path.name, schema_ref(sheet.parent), shown)
    check_draft(sheet, text, plan)
    written = plan.write()
    if not is_deck_dir(deck_dir):
        _make_deck(deck_dir, options.deck_title or deck_title(deck_dir.name))
    write_text(sheet, text)
    notes = [f"{f.id}: {f.notes['date']}" for f in draft.facts if "confirm" in f.notes.get("date", "")]
    return NewSheet(sheet, plan.path, written, draft, notes, plan.reused)


def check_draft(sheet: Path, text: str, plan: ArticlePlan) -> None:
    """Load the draft with the fact sheet loader, from a copy of the project in a temporary folder;
    InputError (with problems at the sheet's own path) when it has errors."""
    with tempfile.TemporaryDirectory(prefix="quizgen-new-") as tmp:
        staged_article = Path(tmp) / ARTICLES_DIR / plan.path.name
        staged_article.parent.mkdir()
        if plan.text is None:
            staged_article.write_bytes(plan.path.read_bytes())
        else:
            staged_article.write_text(plan.text, encoding="utf-8")
        staged_sheet = Path(tmp) / "decks" / "draft" / sheet.name
        staged_sheet.parent.mkdir(parents=True)
        staged_sheet.write_text(text, encoding="utf-8")
        problems: list[Problem] = []
        load_fact_sheet(staged_sheet, problems)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            message = "the draft does not load, so nothing was written: please report this, with the article"
            moves = {staged_sheet: sheet, staged_article: plan.path}
            raise InputError([Problem(Location(sheet), message), *relocated(errors, moves)])


def _plan_article(path: Path, options: NewOptions, folder: Path) -> ArticlePlan:
    """The article's file in source_articles/: where it is, or where and what to write."""
    text = read_given(path)  # bounded here, so that a problem names the file given
    pasted = complete(read_pasted(path, text), options.title, options.published, options.source)
    if pasted.published is None:
        message = (
            "no publication date: the text has no front matter and no first line 'date YYYY-MM-DD'; "
            "give --published YYYY-MM-DD"
        )
        raise InputError([Problem(Location(path, 1), message)])
    as_given = options.title is None and options.published is None and options.source is None
    if pasted.front_matter and not pasted.missing() and as_given:
        if os.path.realpath(folder / path.name) == os.path.realpath(path):
            return ArticlePlan(path, load_article(path))
        return plan_file(folder / path.name, text, folder, options.force)
    if pasted.title is None:
        pasted = complete(pasted, pasted.suggested_title(), None, None)
    if pasted.source is None:
        pasted = complete(pasted, None, None, f"pasted from {path.name}")
    return plan_article(pasted, folder, article_name(pasted), options.force, rename="--title")


def choose_deck(decks_root: Path, name: str | None) -> Path:
    """The deck folder named (``new_sheet`` makes it when it is new), or the only deck there is."""
    if name is not None:
        if not DECK_NAME.match(name):
            message = f"deck name '{name}': use lower-case letters, digits, '-' and '_' (it names the folder)"
            raise InputError([Problem(Location(Path("--deck")), message)])
        return decks_root / name
    decks = sorted(d.name for d in decks_root.iterdir() if is_deck_dir(d)) if decks_root.is_dir() else []
    if len(decks) == 1:
        return decks_root / decks[0]
    if not decks:
        message = "no deck yet: give --deck NAME to make decks/NAME/"
    else:
        message = f"several decks ({', '.join(decks)}): choose one with --deck"
    raise InputError([Problem(Location(decks_root), message)])


def deck_title(key: str) -> str:
    """The title a new deck gets when none is given: its folder name in words."""
    return key.replace("-", " ").replace("_", " ").title()


def is_new_deck(decks_root: Path, name: str | None) -> bool:
    """Whether ``--deck name`` makes a new deck (an invalid name is left to ``choose_deck``)."""
    return name is not None and DECK_NAME.match(name) is not None and not is_deck_dir(decks_root / name)


def _make_deck(deck_dir: Path, title: str) -> None:
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)
    env.filters["q"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    template = resources.files("quizgen").joinpath("templates/new-deck.yaml.j2").read_text("utf-8")
    name = " ".join(title.split()) or deck_title(deck_dir.name)
    text = env.from_string(template).render(key=deck_dir.name, name=name, schema=deck_schema_ref(deck_dir))
    write_text(deck_dir / DECK_FILE, text)


def _taken_ids(deck_dir: Path, sheet: Path) -> set[str]:
    """Ids used by the deck's other sheets: a draft must not repeat them.

    Each sheet is read as the loader reads it (a regular file of bounded size and nesting, never
    a pipe or a device). A sheet that cannot be read is an InputError at its line: its ids are
    unknown, so a draft written beside it could repeat one of them.
    """
    taken: set[str] = set()
    if not deck_dir.is_dir():
        return taken
    problems: list[Problem] = []
    unread: list[str] = []
    for path in sheet_paths(deck_dir):
        if os.path.realpath(path) == os.path.realpath(sheet):  # a symlink loop is compose_file's to report
            continue
        try:
            root = compose_file(path)
        except InputError as exc:
            problems += exc.problems
            unread.append(path.name)
            continue
        taken.update(_fact_ids(root))
    if problems:
        message = (
            "quizgen new reads every sheet of this folder so that the draft repeats none of their fact "
            f"ids, and cannot read {', '.join(unread)}: fix {'it' if len(unread) == 1 else 'them'} "
            f"(quizgen check {deck_dir} lists every problem), or draft into another deck with --deck"
        )
        raise InputError([*problems, Problem(Location(deck_dir), message)])
    return taken


def _fact_ids(root: Node) -> list[str]:
    """The ``id`` of every fact in a sheet's node tree (whatever else is wrong with the sheet)."""
    facts = _value(root, "facts")
    if not isinstance(facts, SequenceNode):
        return []
    ids = [_value(fact, "id") for fact in facts.value]
    return [node.value for node in ids if isinstance(node, ScalarNode)]


def _value(node: Node, key: str) -> Node | None:
    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)


def schema_ref(folder: Path, name: str = SCHEMA_NAME) -> str:
    """The ``$schema`` path for a sheet in ``folder``: the project's copy, the source tree's, or the
    installed package's, relative to the folder."""
    for parent in [folder.resolve(), *folder.resolve().parents]:
        for candidate in (parent / ".quizgen" / name, parent / "quizgen" / "schema" / name):
            if candidate.is_file():
                return _relative(candidate, folder)
    packaged = Path(str(resources.files("quizgen").joinpath("schema", name)))
    return _relative(packaged, folder)


def deck_schema_ref(deck_dir: Path) -> str:
    """The ``$schema`` path for a deck's deck.yaml, found as ``schema_ref`` finds a sheet's."""
    return schema_ref(deck_dir, DECK_SCHEMA_NAME)


def _relative(target: Path, folder: Path) -> str:
    try:
        return os.path.relpath(target, folder.resolve()).replace(os.sep, "/")
    except ValueError:  # another drive
        return target.as_uri()
