"""Decks: a folder under ``decks/`` with ``deck.yaml`` and one or more fact sheets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from quizgen.load.factsheet import load_fact_sheet
from quizgen.load.fields import FieldError, Reader, read_mapping, read_text_list
from quizgen.load.quizsettings import (
    QUIZ_SETTINGS,
    Setting,
    quiz_node,
    read_quiz_settings,
    spec_of_settings,
)
from quizgen.load.yamlnodes import compose_file, describe, location_of, quoted, shorten
from quizgen.model import Deck, DeckSettings, InputError, Location, Problem

DECK_FILE = "deck.yaml"
REVIEW_FILE = "review.yaml"  # the teacher's review of the questions (quizgen.review), not a sheet


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


DECK_SETTINGS: tuple[Setting, ...] = (
    Setting("name", "text", "The Anki deck name; '::' separates a parent deck from its subdeck. The "
            "deck's folder name, not this, is its identity: renaming the deck here keeps every card.",
            required=True, examples=("News::Sahel::France and Niger after the 2023 coup",)),
    Setting("description", "text", "The Anki deck's description."),
    Setting("quiz_title", "text", "The title of the printed quiz; by default the last part of name."),
    Setting("anki_multiple_choice", "bool", "true also puts the multiple-choice questions in the Anki "
            "deck; by default false: Anki gets recall, typed and cloze cards."),
    Setting("choice_options", "int", "How many options a multiple-choice question offers: 4 (the "
            "default) or 3.", low=3, high=4),
    Setting("formats", "text_list", "What quizgen build writes for this deck, any of the output "
            "formats (quizgen check names the known ones); by default anki, worksheet and study.",
            read=read_formats, examples=(list(DeckSettings.formats),)),
    Setting("quiz", "mapping", "How the printed quiz is made: versions, seed, paper, number of "
            "questions and sections.", keys=QUIZ_SETTINGS, read=quiz_node),
    Setting("question_templates", "templates", "Overrides of the shipped question templates "
            "(quizgen/templates/questions/<type>.yaml) for this deck, by fact type and form name: the "
            "texts given replace the shipped ones; a new form name adds a form.", read=_read_templates),
)  # fmt: skip
DECK_SPEC: dict[str, tuple[Reader, bool]] = spec_of_settings(DECK_SETTINGS)

# The keys of one form under question_templates. generate/templates.py reads them (its FORM_KEYS,
# kinds and options are kept equal to these by tests/test_schema.py); the schema describes them.
FORM_SETTINGS: tuple[Setting, ...] = (
    Setting("kind", "choice", "How the form is answered: recall (say the answer), typed (type it), "
            "choice (pick it among options), true_false (judge a statement); the forms under 'deck' "
            "also matching and ordering. By default recall.",
            choices=("recall", "typed", "choice", "true_false", "matching", "ordering")),
    Setting("options", "choice", "choice and true_false forms: which value of the fact is offered or "
            "stated (the fact type's own, such as date, number, name; 'reverse' for a true_false that "
            "swaps cause and effect, 'outsider' for a choice of the odd one out of a list)."),
    Setting("prompt", "text", "The question (recall, typed, choice; the deck's ordering and matching "
            "forms): a phrasing (Jinja2) that may use fact, article and graph."),
    Setting("answer", "text", "The answer (recall, typed): a phrasing, as the prompt."),
    Setting("statement", "text", "The statement to judge true or false (true_false); 'stated' holds "
            "the fact's sentence with the value the item states."),
    Setting("estimate", "bool", "Typed forms of number facts: ask for the value rounded to a round "
            "unit; the phrasings get nearest ('hundred') and rounded."),
    Setting("only_if", "text", "A condition (a Jinja2 expression, such as 'fact.role'): the form is "
            "made only for facts where it holds."),
    Setting("reason", "text", "Why the form is not made when only_if does not hold, as preview says it."),
)  # fmt: skip
FACT_FORM_KINDS = ("recall", "typed", "choice", "true_false")  # forms about one fact
NEEDED_TEXTS = {"recall": ("prompt", "answer"), "typed": ("prompt", "answer"), "choice": ("prompt",),
                "true_false": ("statement",), "matching": ("prompt",), "ordering": ("prompt",)}  # fmt: skip
EXTRA_OPTIONS = {"true_false": ("reverse",), "choice": ("outsider",)}  # beyond the fact type's own


def is_deck_dir(path: Path) -> bool:
    return _is(path / DECK_FILE, Path.is_file)


def _is(path: Path, test) -> bool:  # type: ignore[no-untyped-def]
    """``test(path)`` (exists, is_file, is_dir), False where the system refuses the name."""
    try:
        return test(path)
    except (OSError, ValueError):  # a name too long, a NUL in it
        return False


def sheet_paths(deck_dir: Path) -> list[Path]:
    """The fact sheets of a deck: every YAML file but deck.yaml and review.yaml, sorted by name."""
    files = [*deck_dir.glob("*.yaml"), *deck_dir.glob("*.yml")]
    return sorted(p for p in files if p.name not in (DECK_FILE, REVIEW_FILE))


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
